//! The semantic JSON comparison the fixture tests rely on.

use integration_tests::json::semantic_eq;
use serde_json::json;

#[test]
fn numbers_by_value_and_keys_unordered() {
    assert!(
        semantic_eq(
            &json!({"a": 2.0, "b": [1, 0.5]}),
            &json!({"b": [1.0, 0.5], "a": 2})
        )
        .is_ok()
    );
    assert_eq!(
        semantic_eq(&json!({"a": 1}), &json!({"a": 2})).unwrap_err(),
        "$.a: expected 1, got 2"
    );
    assert!(
        semantic_eq(&json!({"a": 1}), &json!({"a": 1, "b": null}))
            .unwrap_err()
            .contains("$.b: unexpected")
    );
    assert!(semantic_eq(&json!([1, 2]), &json!([1])).is_err());
}
