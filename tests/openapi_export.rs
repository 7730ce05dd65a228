//! `generator openapi`: every API of the seed and construct specs exports
//! an OpenAPI 3.1 document that a maintained OpenAPI crate (`openapiv3`,
//! through the importer's 3.1 reading) parses, whose operations,
//! parameters and schemas match the IR one to one; and export -> import ->
//! export gives the same document (less its `x-` extensions, which the
//! importer reads only in part).

use std::collections::BTreeSet;
use std::path::Path;

use generator::ir::{Api, ArgRole, Ir};
use openapiv3::{Parameter, ReferenceOr};

fn load(root: &Path) -> Ir {
    let source = generator::SpecSource {
        root: root.to_path_buf(),
        seeds: None,
    };
    generator::load_ir(&source).unwrap_or_else(|e| panic!("{}: {e}", root.display()))
}

fn expected_parameters(e: &generator::ir::Endpoint) -> BTreeSet<(String, String)> {
    let mut out: BTreeSet<(String, String)> = e
        .path_template
        .split('{')
        .skip(1)
        .filter_map(|s| {
            s.split_once('}')
                .map(|(n, _)| ("path".to_owned(), n.to_owned()))
        })
        .collect();
    for a in &e.args {
        match &a.role {
            ArgRole::Query { wire, .. } => out.insert(("query".into(), wire.clone())),
            ArgRole::Header { wire, .. } => out.insert(("header".into(), wire.clone())),
            _ => false,
        };
    }
    out.extend(
        e.query
            .iter()
            .flat_map(|q| &q.params)
            .map(|p| ("query".to_owned(), p.wire.clone())),
    );
    if e.if_match {
        out.insert(("header".into(), "If-Match".into()));
    }
    out.extend(
        e.optional_headers
            .iter()
            .map(|p| ("header".to_owned(), p.wire.clone())),
    );
    out
}

fn check_one_to_one(api: &Api, doc: &openapiv3::OpenAPI) {
    let mut operations = BTreeSet::new();
    for (path, method, op) in doc.operations() {
        let params: BTreeSet<(String, String)> = op
            .parameters
            .iter()
            .filter_map(ReferenceOr::as_item)
            .map(|p| match p {
                Parameter::Query { parameter_data, .. } => {
                    ("query".to_owned(), parameter_data.name.clone())
                }
                Parameter::Path { parameter_data, .. } => {
                    ("path".to_owned(), parameter_data.name.clone())
                }
                Parameter::Header { parameter_data, .. } => {
                    ("header".to_owned(), parameter_data.name.clone())
                }
                Parameter::Cookie { parameter_data, .. } => {
                    ("cookie".to_owned(), parameter_data.name.clone())
                }
            })
            .collect();
        operations.insert((
            method.to_owned(),
            path.to_owned(),
            op.operation_id.clone().unwrap_or_default(),
            params,
        ));
    }
    let expected: BTreeSet<_> = api
        .resources
        .iter()
        .flat_map(|r| r.endpoints.iter().map(move |e| (r, e)))
        .map(|(r, e)| {
            (
                e.http_method.as_str().to_lowercase(),
                e.path_template.clone(),
                format!("{}_{}", r.accessor, e.method),
                expected_parameters(e),
            )
        })
        .collect();
    assert_eq!(
        operations, expected,
        "{}: operations and parameters",
        api.module
    );
    let schemas: BTreeSet<String> = doc
        .components
        .iter()
        .flat_map(|c| c.schemas.keys().cloned())
        .collect();
    let types: BTreeSet<String> = api
        .types
        .sorted()
        .map(|(_, d)| d.name.to_string())
        .collect();
    assert_eq!(schemas, types, "{}: component schemas", api.module);
}

#[test]
fn every_export_parses_and_matches_the_ir() {
    let root = integration_tests::workspace_root();
    let mut apis = 0;
    for spec in [root.join("spec"), root.join("tests/specs/constructs")] {
        let ir = load(&spec);
        for api in &ir.apis {
            let text = generator::export::openapi(api, &ir.package).unwrap();
            assert!(text.contains("openapi: 3.1.0"));
            let doc = generator::import::parse_document(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", api.module));
            check_one_to_one(api, &doc);
            apis += 1;
        }
    }
    assert!(apis >= 27, "{apis} APIs exported");
}

/// The document without its `x-` extensions.
fn without_extensions(v: serde_yaml::Value) -> serde_yaml::Value {
    match v {
        serde_yaml::Value::Mapping(m) => m
            .into_iter()
            .filter(|(k, _)| !k.as_str().is_some_and(|k| k.starts_with("x-")))
            .map(|(k, v)| (k, without_extensions(v)))
            .collect::<serde_yaml::Mapping>()
            .into(),
        serde_yaml::Value::Sequence(s) => s
            .into_iter()
            .map(without_extensions)
            .collect::<Vec<_>>()
            .into(),
        other => other,
    }
}

#[test]
fn export_import_export_is_stable() {
    let root = integration_tests::workspace_root();
    let ir = load(&root.join("spec"));
    let dir = std::env::temp_dir().join(format!("export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // BillingPlatform's session login and entity records have no OpenAPI
    // form but `x-` extensions, which the importer does not read back.
    for module in ["billwerk", "optimize"] {
        let api = ir
            .apis
            .iter()
            .find(|a| a.module.as_str() == module)
            .unwrap();
        let first = generator::export::openapi(api, &ir.package).unwrap();
        let file = dir.join(format!("{module}.openapi.yaml"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&file, &first).unwrap();
        generator::import_openapi_file(&dir.join("spec"), &file, Some(module)).unwrap();
        let again = load(&dir.join("spec"));
        let api2 = again
            .apis
            .iter()
            .find(|a| a.module.as_str() == module)
            .unwrap();
        let second = generator::export::openapi(api2, &again.package).unwrap();
        let parse = |t: &str| without_extensions(serde_yaml::from_str(t).unwrap());
        assert_eq!(
            parse(&first),
            parse(&second),
            "{module}: export -> import -> export"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn optimize_export_snapshot() {
    let ir = load(&integration_tests::workspace_root().join("spec"));
    let api = ir
        .apis
        .iter()
        .find(|a| a.module.as_str() == "optimize")
        .unwrap();
    insta::assert_snapshot!(
        "openapi_optimize",
        generator::export::openapi(api, &ir.package).unwrap()
    );
}
