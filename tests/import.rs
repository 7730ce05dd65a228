//! `generator import openapi` on public OpenAPI documents of two billing
//! APIs (`fixtures/openapi/`: Lago, OpenAPI 3.1 in YAML; OpenMeter, 3.0 in
//! JSON): the imported specs validate with every citation resolved in the
//! document, keep what the documents say (order, nullability, read-only,
//! unions, ids, servers, errors), list what they could not map, and (built
//! by `build.rs` into `integration_tests::imported`) call a loopback server.

use std::path::{Path, PathBuf};

use integration_tests::imported::{lago, openmeter};
use serde_json::json;
use serde_yaml::Value;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> PathBuf {
    integration_tests::workspace_root()
        .join("tests/fixtures/openapi")
        .join(name)
}

/// A temporary spec folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("import-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Imports both fixtures into `spec` (under `root`).
fn import_both(root: &Path) -> PathBuf {
    let spec = root.join("spec");
    for (file, name) in [
        ("lago-taxes.yaml", "lago"),
        ("openmeter-customers.json", "openmeter"),
    ] {
        generator::import_openapi_file(&spec, &fixture(file), Some(name)).unwrap();
    }
    spec
}

fn yaml(spec: &Path, api: &str, file: &str) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(spec.join(api).join(file)).unwrap()).unwrap()
}

#[test]
fn imported_specs_validate_with_every_citation_found_in_the_document() {
    let scratch = Scratch::new("validate");
    let spec = import_both(&scratch.0);
    let source = generator::SpecSource {
        root: spec,
        seeds: None,
    };
    let ir = generator::load_ir(&source).unwrap_or_else(|e| panic!("{e}"));
    let apis: Vec<&str> = ir.apis.iter().map(|a| a.module.as_str()).collect();
    assert_eq!(apis, ["lago", "openmeter"]);
    // package.yaml names the fixtures' folder: each JSON pointer was resolved.
    let documents =
        generator::documents_folder(&source, Some(&ir.package)).expect("a documents folder");
    assert!(
        documents.join("lago-taxes.yaml").is_file(),
        "{}",
        documents.display()
    );
    let citations: usize = ir.apis.iter().map(|a| a.citations.len()).sum();
    assert!(citations > 40, "{citations} citations");
}

#[test]
fn imported_specs_snapshot() {
    let scratch = Scratch::new("snapshot");
    let spec = import_both(&scratch.0);
    for api in ["lago", "openmeter"] {
        let mut text = String::new();
        for file in [
            "api.yaml",
            "ids.yaml",
            "enums.yaml",
            "models.yaml",
            "endpoints.yaml",
            "IMPORT.md",
        ] {
            text.push_str(&format!("==> {file}\n"));
            text.push_str(&std::fs::read_to_string(spec.join(api).join(file)).unwrap());
        }
        insta::assert_snapshot!(format!("imported_{api}"), text);
    }
}

#[test]
fn lago_31_keeps_order_nullability_ids_servers_and_errors() {
    let scratch = Scratch::new("lago");
    let spec = import_both(&scratch.0);
    let models = &yaml(&spec, "lago", "models.yaml")["models"];
    // Properties in the document's order, not sorted.
    let tax: Vec<&str> = models["TaxObject"]["fields"]
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(tax[..3], ["lago_id", "name", "code"]);
    // 3.1 `type: [string, "null"]` is a nullable field.
    assert_eq!(
        models["FeatureObject"]["fields"]["name"]["nullable"],
        Value::Bool(true)
    );
    assert_eq!(
        models["FeatureObject"]["fields"]["name"]["required"],
        Value::Bool(true)
    );
    // A `format: uuid` `*_id` property is the model's id.
    assert_eq!(models["TaxObject"]["fields"]["lago_id"]["type"], "TaxId");
    // Error bodies that differ by status are one model with all members.
    let api = &yaml(&spec, "lago", "api.yaml")["api"];
    assert_eq!(api["errors"]["body"], "ApiError");
    assert_eq!(api["errors"]["code"], "code");
    let error_fields = models["ApiError"]["fields"].as_mapping().unwrap();
    assert!(
        error_fields.contains_key("error_details")
            && error_fields["status"]["required"] == Value::Bool(true)
    );
    assert!(
        error_fields["code"].get("required").is_none(),
        "code is not in every error body"
    );
    // Servers that differ in their host are environments.
    assert_eq!(api["base_url"], "https://{host}/api/v1");
    assert_eq!(
        api["environments"]["eu_lagos_cluster"]["values"]["host"],
        "api.eu.getlago.com"
    );
    let enums = &yaml(&spec, "lago", "enums.yaml")["enums"];
    let values: Vec<&str> = enums["FeaturePrivilegeObjectValueType"]["values"]
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(values, ["integer", "boolean", "string", "select"]);
}

#[test]
fn openmeter_30_keeps_unions_read_only_fields_and_reports_what_it_left() {
    let scratch = Scratch::new("openmeter");
    let spec = import_both(&scratch.0);
    let models = &yaml(&spec, "openmeter", "models.yaml")["models"];
    let discount = &models["Discount"]["tagged"];
    assert_eq!(discount["field"], "type");
    assert_eq!(discount["variants"]["usage"], "UsageDiscount");
    let id = &models["Customer"]["fields"]["id"];
    assert_eq!(
        (
            id["type"].as_str(),
            id["read_only"].as_bool(),
            id["always_returned"].as_bool()
        ),
        (Some("CustomerId"), Some(true), Some(true))
    );
    // A named string with a pattern is a string where it is used.
    assert_eq!(models["Customer"]["fields"]["currency"]["type"], "string");
    // Extra members of a problem are kept.
    assert_eq!(
        models["UnexpectedProblemResponse"]["open"],
        Value::Bool(true)
    );
    let endpoints =
        &yaml(&spec, "openmeter", "endpoints.yaml")["resources"]["customers"]["endpoints"];
    let names: Vec<&str> = endpoints
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(names, ["list", "create", "get"]);
    // `anyOf` of two string patterns is a string.
    assert_eq!(
        endpoints["get"]["params"]["customerIdOrKey"]["type"],
        "string"
    );
    let report = std::fs::read_to_string(spec.join("openmeter/IMPORT.md")).unwrap();
    for left in [
        "`https://127.0.0.1:8888` not imported",
        "`CloudCookieAuth` not imported",
        "looks paged (`page`)",
    ] {
        assert!(report.contains(left), "{left}\n{report}");
    }
}

#[test]
fn what_cannot_be_imported_is_an_error_naming_the_file() {
    let scratch = Scratch::new("errors");
    let spec = scratch.0.join("spec");
    let bad = scratch.0.join("swagger.yaml");
    std::fs::write(
        &bad,
        "swagger: '2.0'\ninfo: {title: Old, version: '1'}\npaths: {}\n",
    )
    .unwrap();
    let e = generator::import_openapi_file(&spec, &bad, Some("old"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("swagger.yaml") && e.contains("Swagger 2.0 is not read"),
        "{e}"
    );
    let missing = generator::import_openapi_file(&spec, &scratch.0.join("nope.json"), None)
        .unwrap_err()
        .to_string();
    assert!(missing.contains("nope.json"), "{missing}");
    generator::import_openapi_file(&spec, &fixture("lago-taxes.yaml"), Some("lago")).unwrap();
    let again = generator::import_openapi_file(&spec, &fixture("lago-taxes.yaml"), Some("lago"))
        .unwrap_err()
        .to_string();
    assert!(again.contains("already exists"), "{again}");
    // Without --name, the title names the API.
    let done =
        generator::import_openapi_file(&spec, &fixture("openmeter-customers.json"), None).unwrap();
    assert!(
        done.folder.ends_with("open_meter_cloud_api"),
        "{}",
        done.folder.display()
    );
}

#[test]
fn the_unmutated_documents_import_to_valid_specs() {
    for file in ["lago-taxes.yaml", "openmeter-customers.json"] {
        let text = std::fs::read_to_string(fixture(file)).unwrap();
        assert!(generator::properties::check_openapi(&text), "{file}");
    }
}

fn lago_client(server: &MockServer) -> lago::Client {
    lago::Client::builder()
        .base_url(server.uri())
        .bearer_token("lago_key_1")
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_imported_lago_client_calls_a_loopback_server() {
    let server = MockServer::start().await;
    let tax = json!({"lago_id": "1a901a90-1a90-1a90-1a90-1a901a901a90", "name": "TVA", "code": "french_standard_vat",
        "rate": 20.0, "applied_to_organization": true, "customers_count": 0, "created_at": "2023-07-06T14:35:58Z"});
    Mock::given(method("GET"))
        .and(path("/taxes"))
        .and(query_param("per_page", "2"))
        .and(header("authorization", "Bearer lago_key_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"taxes": [tax], "meta": {"current_page": 1, "next_page": null, "total_pages": 1, "total_count": 1}})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/taxes"))
        .and(body_json(
            json!({"tax": {"name": "TVA", "code": "french_standard_vat", "rate": "20.0"}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"tax": tax})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/taxes/missing"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(
                json!({"status": 404, "error": "Not Found", "code": "tax_not_found"}),
            ),
        )
        .mount(&server)
        .await;
    let client = lago_client(&server);
    let page = client
        .taxes()
        .find_all(&lago::TaxesFindAllQuery::default().per_page(2))
        .await
        .unwrap();
    let page = page.body();
    assert_eq!(
        (page.taxes[0].code.as_str(), page.meta.next_page),
        ("french_standard_vat", None)
    );
    assert_eq!(
        page.taxes[0].lago_id.as_str(),
        "1a901a90-1a90-1a90-1a90-1a901a901a90"
    );

    let input = lago::models::TaxCreateInput {
        tax: lago::models::TaxBaseInput {
            name: Some("TVA".into()),
            code: Some("french_standard_vat".into()),
            rate: Some("20.0".into()),
            ..Default::default()
        },
    };
    let created = client.taxes().create(&input).await.unwrap();
    assert_eq!(created.body().tax.name, "TVA");

    let err = client.taxes().find("missing").await.unwrap_err();
    assert_eq!(
        (err.status(), err.code().as_deref()),
        (Some(404), Some("tax_not_found"))
    );
    assert!(!format!("{err:?}").contains("lago_key_1"));
}

#[test]
fn the_imported_openmeter_union_reads_each_variant_and_keeps_unknown_ones() {
    let read =
        |v: serde_json::Value| serde_json::from_value::<openmeter::models::Discount>(v).unwrap();
    assert!(matches!(
        read(json!({"type": "percentage", "percentage": 12.5})),
        openmeter::models::Discount::DiscountPercentage(_)
    ));
    assert!(matches!(
        read(json!({"type": "usage", "usage": 3.0})),
        openmeter::models::Discount::UsageDiscount(_)
    ));
    let unknown = json!({"type": "bogo", "buy": 1});
    let kept = read(unknown.clone());
    assert_eq!(serde_json::to_value(&kept).unwrap(), unknown);
}

#[test]
fn a_property_the_document_marks_is_the_id() {
    let doc = r##"
openapi: 3.0.3
info: {title: Marked, version: "1"}
servers: [{url: "https://api.example.com"}]
paths:
  /invoices/{number}:
    get:
      operationId: getInvoice
      parameters: [{name: number, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: An invoice., content: {application/json: {schema: {$ref: "#/components/schemas/Invoice"}}}}
components:
  schemas:
    Invoice:
      type: object
      required: [number]
      properties:
        number: {type: string, x-id: InvoiceNumber, description: The invoice number.}
        id: {type: string, description: An internal id the heuristic would take.}
"##;
    let options = generator::import::ImportOptions {
        name: "marked".into(),
        document: "marked.yaml".into(),
    };
    let imported = generator::import::openapi(doc, &options).unwrap();
    let file = |name: &str| -> Value {
        let text = &imported.files.iter().find(|(f, _)| f == name).unwrap().1;
        serde_yaml::from_str(text).unwrap()
    };
    assert_eq!(
        file("models.yaml")["models"]["Invoice"]["fields"]["number"]["type"],
        "InvoiceNumber"
    );
    assert_eq!(
        file("models.yaml")["models"]["Invoice"]["fields"]["id"]["type"],
        "string"
    );
    assert!(file("ids.yaml")["ids"].get("InvoiceNumber").is_some());
    assert!(generator::properties::check_openapi(doc));
}
