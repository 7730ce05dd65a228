//! Helpers that go between fixture JSON and the typed models.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::json::assert_json_eq;

/// Decodes fixture JSON into a typed model, insisting every field is modelled
/// (none lands in an open model's `extra`).
#[track_caller]
pub fn typed<T: DeserializeOwned + std::fmt::Debug>(json: &Value) -> T {
    let value: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("fixture does not fit the model: {e}"));
    assert_fully_typed(&value);
    value
}

/// Asserts that no open model inside `value` kept unknown fields.
#[track_caller]
pub fn assert_fully_typed<T: std::fmt::Debug>(value: &T) {
    let shown = format!("{value:?}");
    assert!(
        !shown.contains("extra: {\""),
        "a field is not in the spec (kept in `extra`): {shown}"
    );
}

/// Asserts the typed value serialises back to `expected` (semantically) and is fully typed.
#[track_caller]
pub fn assert_round_trip<T: Serialize + std::fmt::Debug>(expected: &Value, value: &T) {
    assert_fully_typed(value);
    let actual = serde_json::to_value(value).expect("typed values serialise");
    assert_json_eq(expected, &actual);
}
