//! Deeply nested responses in every recursive shape the spec language has
//! (untagged and tagged unions that contain themselves, boxed self
//! references, recursion through another model or a list, `one_or_many`):
//! each is decoded on a thread with a tokio worker's stack (2 MiB) in the
//! test profile, and a body nested thousands deep is a decode error, never
//! a stack overflow that aborts the process.

use std::time::Duration;

use integration_tests::constructs::c_recursive::models::{Category, Comment};
use integration_tests::constructs::c_unions::Client;
use integration_tests::constructs::c_unions::models::{Charge, Expr, Rule};
use integration_tests::runtime::{self as rt, Error, MAX_NESTING};
use proptest::prelude::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A tokio worker's default stack.
const WORKER_STACK: usize = 2 * 1024 * 1024;

/// Decodes `body` through the client's decode path on a thread with a
/// worker's stack; the error text, if any.
fn decode_on_worker_stack<T: serde::de::DeserializeOwned + 'static>(
    body: String,
) -> Result<(), String> {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || {
            rt::plumbing::decode_json::<T>(200, body.as_bytes())
                .map(drop)
                .map_err(|e| e.to_string())
        })
        .expect("a thread")
        .join()
        .expect("decoding does not panic")
}

/// `{"left": <inner>, "right": 1}` nested `depth` times around `1`.
fn expr(depth: usize) -> String {
    let mut s = "1".to_owned();
    for _ in 0..depth {
        s = format!(r#"{{"left":{s},"right":1}}"#);
    }
    s
}

/// A group whose first rule is a group, `depth` times, around a threshold.
fn rule(depth: usize) -> String {
    let mut s = r#"{"kind":"threshold","amount":5}"#.to_owned();
    for i in 0..depth {
        s = if i % 2 == 0 {
            format!(r#"{{"kind":"group","first":{s}}}"#)
        } else {
            format!(r#"{{"kind":"group","rules":[{s}]}}"#)
        };
    }
    s
}

fn charge_with(field: &str, value: &str) -> String {
    format!(r#"{{"customer":"cus_1","{field}":{value}}}"#)
}

/// `Category.Parent` (a boxed self reference), `Children` (a list) or
/// `Related` (`one_or_many`) nested `depth` times.
fn category(field: &str, depth: usize) -> String {
    let mut s = r#"{"Name":"root"}"#.to_owned();
    for i in 0..depth {
        s = match field {
            "Children" => format!(r#"{{"Name":"n{i}","Children":[{s}]}}"#),
            "Related" if i % 2 == 0 => format!(r#"{{"Name":"n{i}","Related":{s}}}"#),
            "Related" => format!(r#"{{"Name":"n{i}","Related":[{s}]}}"#),
            _ => format!(r#"{{"Name":"n{i}","Parent":{s}}}"#),
        };
    }
    s
}

/// `Comment -> Thread -> Comment`, `depth` comments deep.
fn comment(depth: usize) -> String {
    let mut s = r#"{"Text":"last"}"#.to_owned();
    for _ in 0..depth {
        s = format!(r#"{{"Text":"t","Replies":{{"First":{s}}}}}"#);
    }
    s
}

fn is_depth_error(e: &str) -> bool {
    e.contains("nests deeper than") || e.contains("recursion limit exceeded")
}

/// The issue's probe: a recursive union 4,000 deep (76 KB) aborted the process.
#[test]
fn unions_nested_thousands_deep_are_a_decode_error() {
    for body in [
        charge_with("formula", &expr(4000)),
        charge_with("rule", &rule(4000)),
    ] {
        let err = decode_on_worker_stack::<Charge>(body).unwrap_err();
        assert!(is_depth_error(&err), "{err}");
        assert!(err.contains(&MAX_NESTING.to_string()), "{err}");
    }
}

#[test]
fn unions_nested_within_the_bound_decode() {
    // `expr(n)` nests n + 1 JSON levels, `rule(n)` about 1.5 n.
    decode_on_worker_stack::<Charge>(charge_with("formula", &expr(MAX_NESTING - 1))).unwrap();
    decode_on_worker_stack::<Charge>(charge_with("rule", &rule(MAX_NESTING / 2))).unwrap();
    let charge: Charge = serde_json::from_str(&charge_with("rule", &rule(3))).unwrap();
    let Some(Rule::Group(outer)) = charge.rule else {
        panic!("a group");
    };
    // The outermost group holds its rule in `first`, the next in `rules`.
    let Some(Rule::Group(middle)) = outer.first.as_deref() else {
        panic!("a group first: {outer:?}");
    };
    assert!(matches!(middle.rules.as_deref(), Some([Rule::Group(_)])));
    let e: Expr = serde_json::from_str(&expr(2)).unwrap();
    assert!(matches!(e, Expr::Sum(_)));
}

#[test]
fn recursive_models_nested_thousands_deep_are_a_decode_error() {
    for field in ["Parent", "Children", "Related"] {
        let err = decode_on_worker_stack::<Category>(category(field, 4000)).unwrap_err();
        assert!(is_depth_error(&err), "{field}: {err}");
        decode_on_worker_stack::<Category>(category(field, 40)).unwrap();
    }
    let err = decode_on_worker_stack::<Comment>(comment(4000)).unwrap_err();
    assert!(is_depth_error(&err), "{err}");
    decode_on_worker_stack::<Comment>(comment(40)).unwrap();
}

/// Through a real call on a multi-threaded runtime: the decode runs on a
/// worker thread, and the caller gets a typed decode error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_union_from_the_server_is_an_error_not_an_abort() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/charges/ch_1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/json")
                .set_body_string(charge_with("formula", &expr(4000))),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    let call = tokio::spawn(async move { client.charges().get("ch_1").await });
    let result = tokio::time::timeout(Duration::from_secs(30), call)
        .await
        .expect("the call ends")
        .expect("the task does not panic");
    match result {
        Err(Error::Decode(e)) => assert!(e.message.contains("nests deeper than"), "{e}"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// Through the envelope decoder (records under a key) and the root-key
/// decoder, which decode captured text again.
fn decode_wrapped_on_worker_stack(kind: u8, body: String) -> Result<(), String> {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let body = body.into_bytes();
            match kind {
                0 => rt::plumbing::records_into::<Vec<Charge>>(200, &body, "records").map(drop),
                _ => rt::plumbing::unwrap_root::<Charge>(200, &body, "charge").map(drop),
            }
            .map_err(|e| e.to_string())
        })
        .expect("a thread")
        .join()
        .expect("decoding does not panic")
}

#[test]
fn envelopes_and_root_keys_of_deep_values_are_a_decode_error() {
    let charge = charge_with("formula", &expr(4000));
    let records = format!(r#"{{"records":[{charge}]}}"#);
    let rooted = format!(r#"{{"charge":{charge}}}"#);
    for (kind, body) in [(0, records), (1, rooted)] {
        let err = decode_wrapped_on_worker_stack(kind, body).unwrap_err();
        assert!(is_depth_error(&err), "{err}");
    }
    let fine = format!(r#"{{"charge":{}}}"#, charge_with("formula", &expr(10)));
    decode_wrapped_on_worker_stack(1, fine).unwrap();
}

fn shape() -> impl Strategy<Value = (u8, usize)> {
    (0u8..9, 0usize..400)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any depth of any recursive shape: a value or a depth error, on a
    /// worker's stack, never an abort.
    #[test]
    fn any_depth_of_any_shape_decodes_or_is_refused((kind, depth) in shape()) {
        let result = match kind {
            0 => decode_on_worker_stack::<Charge>(charge_with("formula", &expr(depth))),
            1 => decode_on_worker_stack::<Charge>(charge_with("rule", &rule(depth))),
            2 => decode_on_worker_stack::<Category>(category("Parent", depth)),
            3 => decode_on_worker_stack::<Category>(category("Children", depth)),
            4 => decode_on_worker_stack::<Category>(category("Related", depth)),
            5 => decode_on_worker_stack::<Comment>(comment(depth)),
            6 => decode_on_worker_stack::<serde_json::Value>(category("Children", depth)),
            7 => decode_wrapped_on_worker_stack(
                0,
                format!(r#"{{"records":[{}]}}"#, charge_with("rule", &rule(depth))),
            ),
            _ => decode_wrapped_on_worker_stack(
                1,
                format!(r#"{{"charge":{}}}"#, charge_with("formula", &expr(depth))),
            ),
        };
        if let Err(e) = result {
            prop_assert!(is_depth_error(&e), "depth {}: {}", depth, e);
        }
    }
}
