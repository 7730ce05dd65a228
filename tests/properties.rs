//! The fuzzing properties as bounded property tests (proptest), so CI checks
//! them on stable with a fixed number of cases: the generator on arbitrary
//! text and on mutations of the real specs, the runtime's parsers, value
//! types and every client's response decoding on arbitrary and near-valid
//! input. The fuzz targets (`generator/fuzz`, `tests/fuzz`) run the
//! same functions without a bound.

use integration_tests::properties::{encoders, json_values, parsers, responses, unions, webhooks};
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text close to the runtime's formats: their characters, digits and the
/// bytes that used to panic (`é`, a Unicode minus).
fn near_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[-+:.TZ0-9PYMWDHS\\[\\];()é\u{2212} ,e\"]{0,40}").unwrap()
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn runtime_parsers_never_panic(text in near_text()) {
        parsers(&text);
    }

    #[test]
    fn runtime_parsers_never_panic_on_any_text(text in "\\PC{0,40}") {
        parsers(&text);
    }

    #[test]
    fn runtime_values_round_trip(text in near_text()) {
        json_values(format!("\"{text}\"").as_bytes());
        json_values(text.as_bytes());
    }

    #[test]
    fn responses_never_panic(body in proptest::collection::vec(any::<u8>(), 0..200)) {
        responses(&body);
    }

    /// Webhook deliveries: no panic, nothing unsigned accepted.
    #[test]
    fn webhook_receivers_never_panic(body in proptest::collection::vec(any::<u8>(), 0..200)) {
        webhooks(&body);
    }
}

/// JSON documents shaped like the APIs' bodies, with arbitrary leaves.
fn json_body() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|f| serde_json::json!(f)),
        near_text().prop_map(serde_json::Value::from),
    ];
    let keys = prop_oneof![
        Just("Id"),
        Just("content"),
        Just("count"),
        Just("size"),
        Just("next_page_token"),
        Just("errors"),
        Just("error_code"),
        Just("code"),
        Just("retrieveResponse"),
        Just("createResponse"),
        Just("ErrorCode"),
        Just("Message"),
        Just("Amount"),
        Just("page"),
        Just("total_pages"),
        Just("handle"),
        Just("state"),
        // Keyed lists, wrapped items and side objects.
        Just("list"),
        Just("customer"),
        Just("customers"),
        Just("card"),
        Just("meta"),
        Just("next_offset"),
        Just("subscription"),
        Just("invoice"),
        // Webhook bodies.
        Just("type"),
        Just("event_type"),
        Just("Event"),
        Just("signature"),
        Just("timestamp"),
        Just("id"),
    ];
    leaf.prop_recursive(4, 32, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(keys.clone(), inner, 0..5).prop_map(|m| {
                serde_json::Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn shaped_responses_never_panic(body in json_body()) {
        responses(&serde_json::to_vec(&body).unwrap());
    }

    /// Shaped webhook bodies (event types and signature fields present).
    #[test]
    fn shaped_webhook_deliveries_never_panic(body in json_body(), line in near_text()) {
        let mut data = line.replace('\n', "").into_bytes();
        data.push(b'\n');
        data.extend(serde_json::to_vec(&body).unwrap());
        webhooks(&data);
    }

    /// Request bodies: form, multipart, deep-object query, idempotency key field.
    #[test]
    fn encoders_never_panic_and_keep_members(body in json_body()) {
        encoders(&serde_json::to_vec(&body).unwrap());
    }

    /// The recursive shapes read from any JSON, and written back the same.
    #[test]
    fn recursive_shapes_never_panic_and_round_trip(body in json_body()) {
        unions(&serde_json::to_vec(&body).unwrap());
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Any text as a spec file: no panic; a valid spec generates parsable Rust.
    #[test]
    fn the_generator_never_panics_on_text(text in "[a-z_:{} \\[\\]\n\"<>,.-]{0,300}") {
        generator::properties::check_text(&text);
    }

    /// The construct and real specs, mutated line by line.
    #[test]
    fn the_generator_never_panics_on_mutated_specs(
        which in any::<u8>(),
        ops in proptest::collection::vec(any::<u8>(), 0..24),
    ) {
        generator::properties::check_mutated_api(&CORPUS, which, &ops);
    }
}

/// The public OpenAPI documents the importer is tested on.
static DOCUMENTS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let dir = integration_tests::workspace_root().join("tests/fixtures/openapi");
    ["lago-taxes.yaml", "openmeter-customers.json"]
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).expect("the fixture is readable"))
        .collect()
});

proptest! {
    #![proptest_config(config(64))]

    /// Any text as an OpenAPI document: importing never panics.
    #[test]
    fn the_importer_never_panics_on_text(text in "[a-z0-9_:{} \\[\\]\n\"$#/.-]{0,300}") {
        generator::properties::check_openapi(&text);
        generator::properties::check_openapi(&format!("openapi: 3.1.0\n{text}"));
    }

    /// The public documents, mutated line by line: importing never panics,
    /// and what it imports validates (or is refused) without a panic.
    #[test]
    fn the_importer_never_panics_on_mutated_documents(
        which in any::<bool>(),
        ops in proptest::collection::vec(any::<u8>(), 0..24),
    ) {
        let text = &DOCUMENTS[usize::from(which)];
        generator::properties::check_openapi(&generator::properties::mutate(text, &ops));
    }
}

/// The specs mutations start from: the construct specs and the real APIs,
/// read from their folders.
static CORPUS: std::sync::LazyLock<generator::properties::Corpus> =
    std::sync::LazyLock::new(|| {
        let root = integration_tests::workspace_root();
        generator::properties::Corpus::read(&[
            &root.join("tests/specs/constructs"),
            &root.join("spec"),
        ])
        .expect("the spec folders are readable")
    });

/// Unmutated, every API of the corpus validates and generates.
#[test]
fn the_corpus_validates_and_generates() {
    let apis = CORPUS.apis().len();
    assert!(apis >= 24, "the construct specs and the real APIs: {apis}");
    for which in 0..apis {
        let which = u8::try_from(which).unwrap();
        assert!(
            generator::properties::check_mutated_api(&CORPUS, which, &[]),
            "API {which} of the corpus"
        );
    }
}

/// Inputs the fuzz targets found, kept as regressions.
#[test]
fn fuzz_regressions() {
    // A number beyond `u64` inside a buffered context (`OneOrMany`) passes
    // as `f64`; without correctly rounded float parsing its decimal text was
    // not stable through a write and a read.
    json_values(b"414896352701225634567.8");
    json_values(b"[414896352701225634567.8, 1e-7]");
}
