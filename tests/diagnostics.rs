//! Diagnostics for broken specs: one file per validation rule under
//! `specs/broken/`, named after the rule id it must trigger. Each rendering
//! (file, line, YAML path, fix) is snapshotted.

use generator::SourceFile;

fn diagnose(name: &str, text: String) -> String {
    let seeds = generator::seed_index(Some("specs/seeds".as_ref())).expect("seeds folder");
    let file = SourceFile {
        name: format!("broken/{name}.yaml"),
        text,
    };
    match generator::validate_files(vec![file], &seeds) {
        Ok(_) => panic!("broken/{name}.yaml was accepted"),
        Err(diags) => generator::render(&diags),
    }
}

/// Every message in `expected` is in the rendered diagnostics.
fn assert_reports(rendered: &str, expected: &[&str]) {
    for e in expected {
        assert!(rendered.contains(e), "missing `{e}` in:\n{rendered}");
    }
}

#[test]
fn every_broken_spec_reports_its_rule() {
    let mut entries: Vec<_> = std::fs::read_dir("specs/broken")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert!(entries.len() >= 15, "one broken spec per rule");
    for path in entries {
        let rule = path.file_stem().unwrap().to_string_lossy().into_owned();
        let rendered = diagnose(&rule, std::fs::read_to_string(&path).unwrap());
        assert!(
            rendered.contains(&format!("error[{rule}]")),
            "{rule}.yaml did not report `{rule}`:\n{rendered}"
        );
        assert!(
            rendered.contains(&format!("--> broken/{rule}.yaml")),
            "diagnostics name the file:\n{rendered}"
        );
        insta::assert_snapshot!(rule, rendered);
    }
}

/// The rule table and the broken specs match one to one: every rule has a
/// broken spec named after its id, and every broken spec names a rule.
#[test]
fn every_rule_has_a_broken_spec_and_every_broken_spec_a_rule() {
    use generator::Rule;
    let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    let mut stems = Vec::new();
    for entry in std::fs::read_dir("specs/broken").unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            ids.contains(&stem.as_str()),
            "specs/broken/{stem}.yaml names no rule of `generator::Rule`"
        );
        stems.push(stem);
    }
    for rule in Rule::ALL {
        // An unreadable file cannot be checked in as a spec.
        if *rule == Rule::Io {
            continue;
        }
        assert!(
            stems.iter().any(|s| s == rule.id()),
            "rule `{}` ({}) has no broken spec under specs/broken/",
            rule.id(),
            rule.description()
        );
    }
    let reference = std::fs::read_to_string("../spec/README.md").unwrap();
    for rule in Rule::ALL.iter().filter(|r| **r != Rule::Io) {
        assert!(
            reference.contains(&format!("`{}`", rule.id())),
            "spec/README.md does not list rule `{}`",
            rule.id()
        );
    }
}

#[test]
fn all_errors_are_collected_not_just_the_first() {
    let text = std::fs::read_to_string("specs/broken/bad-source.yaml").unwrap();
    let rendered = diagnose("bad-source", text);
    assert!(rendered.ends_with("3 error(s)\n"), "{rendered}");
}

#[test]
fn session_entity_and_envelope_misuse_is_reported_with_fixes() {
    let text = r#"
api:
  name: broken
  title: Broken
  doc: Misused session, entity and envelope constructs.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth:
    kind: session
    assumption: test
    session:
      login_path: login
      login_doc: Logs in.
      username_field: user
      password_field: pass
      session_id: loginResponse.SessionID
      header: "session id"
  envelopes:
    env:
      doc: Records.
      source: "doc.txt#Section A"
      records: "items[]"
models:
  Thing:
    doc: A thing.
    source: "doc.txt#Section A"
    fields:
      Where: {type: sql_condition, doc: Not a field type.}
resources:
  login:
    doc: Clashes with Client::login.
    endpoints:
      go:
        method: GET
        path: /go
        doc: Go.
        source: "doc.txt#Section A"
  things:
    doc: Things.
    endpoints:
      save:
        method: POST
        path: /things
        doc: Saves.
        source: "doc.txt#Section A"
        params:
          key: {in: envelope, type: string, doc: Needs an envelope.}
        body: record
      twice:
        method: GET
        path: /{a}/{b}
        doc: Two entities.
        source: "doc.txt#Section A"
        params:
          a: {in: path, type: entity, doc: One.}
          b: {in: path, type: entity, doc: Two.}
        envelope: {name: env, response: out, result: each, not_found: empty}
        response: record
"#;
    let rendered = diagnose("misuse", text.to_owned());
    assert_reports(
        &rendered,
        &[
            "`login` must be a plain path starting with `/`",
            "`loginResponse.SessionID` is not a JSON pointer",
            "`session id` is not a valid header name",
            "`items[]` is not a JSON key this generator accepts",
            "`sql_condition` is for endpoint parameters and bodies only",
            "`in: envelope` parameters need an `envelope`",
            "`record` (the entity's record type) needs an endpoint with an `entity` path parameter",
            "an endpoint takes at most one `entity` parameter",
            "`result: each` needs a `status` on envelope `env`",
            "`not_found: empty` is not allowed here",
        ],
    );
}

#[test]
fn a_base_url_with_a_query_or_fragment_is_refused() {
    for url in [
        "https://api.example.com/v1?key=1",
        "https://api.example.com/v1#top",
    ] {
        let text = format!(
            r#"api:
  name: broken
  title: Broken
  doc: A base URL with a query.
  source: "doc.txt#Section A"
  base_url: "{url}"
  auth: {{kind: bearer, assumption: test}}
"#
        );
        let rendered = diagnose("bad-url", text);
        assert!(
            rendered.contains("error[bad-url]") && rendered.contains("`?query` or `#fragment`"),
            "{rendered}"
        );
    }
}

/// A spec around one model field and one endpoint, with `{field}`,
/// `{model}`, `{api}`, `{header}` and `{params}` filled in.
fn unusual_spec(api: &str, header: &str, model: &str, field: &str, params: &str) -> String {
    format!(
        r#"
api:
  name: {api}
  title: Unusual
  doc: Names the generated code must survive.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth: {{kind: bearer, assumption: test}}
  default_headers: {{{header}}}
models:
  {model}:
    doc: A model.
    source: "doc.txt#Section A"
    fields:
      {field}
resources:
  things:
    doc: Things.
    endpoints:
      get:
        method: GET
        path: /things/{{id}}
        doc: Gets a thing.
        source: "doc.txt#Section A"
        params:
          {params}
"#
    )
}

/// Specs that used to validate and then crash the generator or emit code
/// that does not compile are refused with a diagnostic naming the fix.
#[test]
fn specs_that_would_not_compile_are_refused() {
    let id = "id: {in: path, type: string, doc: The id.}";
    let field = "Name: {type: string, doc: A name.}";
    let cases: Vec<(String, &str)> = [
        "\"foo bar\"",
        "\"r#self\"",
        "\"123\"",
        "\"\"",
        "self",
        "Self",
        "\"a-b\"",
    ]
    .iter()
    .map(|bad| {
        let f = format!("Name: {{type: string, doc: A name., rust_name: {bad}}}");
        (
            unusual_spec("unusual", "", "Thing", &f, id),
            "error[bad-name]",
        )
    })
    .chain(
        ["Option", "Vec", "String", "Box", "From", "K", "T"]
            .iter()
            .map(|m| {
                (
                    unusual_spec("unusual", "", m, field, id),
                    "error[reserved-name]",
                )
            }),
    )
    .chain([
        (
            unusual_spec("runtime", "", "Thing", field, id),
            "error[reserved-name]",
        ),
        (
            unusual_spec(
                "unusual",
                "",
                "Thing",
                field,
                &format!("{id}\n          ID: {{in: header, type: string, doc: Same name.}}"),
            ),
            "error[duplicate-name]",
        ),
        (
            unusual_spec("unusual", "X-Name: \"Grüße\"", "Thing", field, id),
            "error[bad-header]",
        ),
    ])
    .collect();
    for (text, rule) in cases {
        let rendered = diagnose("unusual", text.clone());
        assert!(
            rendered.contains(rule),
            "expected {rule} for:\n{text}\n{rendered}"
        );
    }
    // `fn` is a keyword that can be a raw identifier: it is accepted.
    let seeds = generator::seed_index(Some("specs/seeds".as_ref())).expect("seeds folder");
    let ok = unusual_spec(
        "unusual",
        "",
        "Thing",
        "Name: {type: string, doc: A name., rust_name: fn}",
        id,
    );
    let file = generator::SourceFile {
        name: "unusual.yaml".into(),
        text: ok,
    };
    assert!(generator::validate_files(vec![file], &seeds).is_ok());
}

const HEAD: &str = r#"api:
  name: big
  title: Big
  doc: Large inputs.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
"#;

/// Inputs at the scale an attacker or a generator bug produces: deep types
/// and YAML nesting are diagnostics (not a stack overflow or a quadratic
/// parse), and large enums and models validate in linear time.
#[test]
fn resource_limits_are_diagnostics_not_crashes() {
    let deep_type = format!("{}string{}", "list<".repeat(5000), ">".repeat(5000));
    let text = format!(
        r#"{HEAD}models:
  Deep:
    doc: Deep.
    source: "doc.txt#Section A"
    fields:
      X: {{type: "{deep_type}", doc: Deep.}}
"#
    );
    let rendered = diagnose("big", text);
    assert!(rendered.contains("at most 16"), "{rendered}");

    let text = format!("{HEAD}x: {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let rendered = diagnose("big", text);
    assert!(rendered.contains("error[too-large]"), "{rendered}");

    let values: String = (0..40_000)
        .map(|i| format!("      v{i}: {{doc: Value {i}.}}\n"))
        .collect();
    let fields: String = (0..10_000)
        .map(|i| format!("      f{i}: {{type: string, doc: Field {i}.}}\n"))
        .collect();
    let text = format!(
        r#"{HEAD}enums:
  Many:
    doc: Many values.
    source: "doc.txt#Section A"
    values:
{values}models:
  Wide:
    doc: Many fields.
    source: "doc.txt#Section A"
    fields:
{fields}"#
    );
    let seeds = generator::seed_index(Some("specs/seeds".as_ref())).expect("seeds folder");
    let file = generator::SourceFile {
        name: "big.yaml".into(),
        text,
    };
    let api = generator::validate_files(vec![file], &seeds).expect("valid");
    assert_eq!(api.types.enums().count(), 1);
}

/// One mistake, one diagnostic: a misspelt key inside the `api:` block does
/// not also claim there is no `api:` block or that the envelopes and styles
/// its endpoints use are undeclared; a file that is not YAML does not make
/// the names it declares "unknown" elsewhere; every unknown key of an item
/// is reported, each at its own line.
#[test]
fn one_mistake_gives_one_diagnostic() {
    let seeds = generator::seed_index(Some("specs/seeds".as_ref())).expect("seeds folder");
    let run = |files: Vec<(&str, String)>| {
        let files = files
            .into_iter()
            .map(|(name, text)| generator::SourceFile {
                name: name.into(),
                text,
            })
            .collect();
        match generator::validate_files(files, &seeds) {
            Ok(_) => panic!("accepted"),
            Err(d) => d,
        }
    };
    let endpoints: String = (0..10)
        .map(|i| {
            format!(
                r#"      e{i}:
        method: POST
        path: /e{i}
        doc: E.
        source: "doc.txt#Section A"
        body: Thing
        response: Thing
        envelope: {{name: brm, response: r, result: list}}
"#
            )
        })
        .collect();
    let api = r#"api:
  name: c
  title: C
  doc: C.
  source: "doc.txt#Section A"
  base_url: https://api.example.com
  auth:
    kind: session
    assumption: test
    session:
      login_path: /login
      login_doc: Logs in.
      username_field: u
      password_field: p
      session_id: /id
      header: sessionid
      bogus: 1
  envelopes:
    brm: {doc: B., source: "doc.txt#Section A", records: brmObjects}
"#;
    let models = r#"models:
  Thing:
    doc: T.
    source: "doc.txt#Section A"
    fields:
      Id: {type: string, doc: I.}
"#;
    let text = format!(
        r#"{api}{models}resources:
  things:
    doc: T.
    endpoints:
{endpoints}"#
    );
    let d = run(vec![("a.yaml", text)]);
    assert_eq!(d.len(), 1, "{}", generator::render(&d));
    assert_eq!(d[0].rule.id(), "unknown-key");
    assert_eq!(d[0].path, "api.auth.session.bogus");

    let good_api = api.replace("      bogus: 1\n", "");
    let user = format!(
        r#"{good_api}resources:
  things:
    doc: T.
    endpoints:
{endpoints}"#
    );
    let d = run(vec![
        ("a.yaml", user),
        ("b.yaml", format!("{models}  Broken: [\n")),
    ]);
    assert_eq!(d.len(), 1, "{}", generator::render(&d));
    assert_eq!(d[0].rule.id(), "yaml-syntax");

    let two = format!(
        r#"{good_api}models:
  Thing:
    doc: T.
    source: "doc.txt#Section A"
    fields:
      Id:
        type: string
        doc: I.
        tpye: x
        requird: true
"#
    );
    let d = run(vec![("a.yaml", two)]);
    let shown = generator::render(&d);
    assert_eq!(d.len(), 2, "{shown}");
    assert_eq!(
        (d[0].line, d[1].line),
        (Some(27), Some(28)),
        "each unknown key at its own line:\n{shown}"
    );
}

/// A model that contains itself through required fields only has no finite
/// value: refused, with the fix.
#[test]
fn a_cycle_of_required_fields_is_refused() {
    let text = format!(
        r#"{HEAD}models:
  Node:
    doc: N.
    source: "doc.txt#Section A"
    fields:
      Next: {{type: Other, required: true, doc: N.}}
  Other:
    doc: O.
    source: "doc.txt#Section A"
    fields:
      Back: {{type: Node, required: true, doc: B.}}
"#
    );
    let rendered = diagnose("big", text);
    assert!(
        rendered
            .contains("error[bad-type]: model `Node` contains itself through required fields only")
            && rendered.contains("make one field of the cycle optional"),
        "{rendered}"
    );
}

/// The new scalars are checked like the others: an encoding that does not
/// fit, an interval of a type without an order.
#[test]
fn the_newer_scalars_are_checked() {
    let text = format!(
        r#"{HEAD}models:
  Event:
    doc: E.
    source: "doc.txt#Section A"
    fields:
      At: {{type: epoch_seconds, encoding: flag, doc: A.}}
      Window: {{type: "interval<string_or_number>", doc: W.}}
"#
    );
    let rendered = diagnose("big", text);
    assert!(
        rendered.contains("error[bad-encoding]: `encoding: flag` does not apply"),
        "{rendered}"
    );
    assert!(
        rendered.contains("`interval<T>` needs an ordered scalar: int32, int64, uint32, uint64, decimal, timestamp, epoch_seconds, epoch_millis"),
        "{rendered}"
    );
}

/// An alias that is another field's wire name would make one JSON key fill
/// two fields: refused.
#[test]
fn an_alias_may_not_take_another_fields_name() {
    let text = format!(
        r#"{HEAD}models:
  Thing:
    doc: T.
    source: "doc.txt#Section A"
    fields:
      Id: {{type: string, doc: I., aliases: [id, Key]}}
      Key: {{type: string, doc: K.}}
"#
    );
    let rendered = diagnose("big", text);
    assert!(
        rendered.contains(
            "error[duplicate-name]: alias `Key` of `Id` is already the wire name of `Key`"
        ),
        "{rendered}"
    );
}

/// Form bodies are objects, and the encoding names are checked.
#[test]
fn form_bodies_are_checked() {
    let text = format!(
        r#"{HEAD}  body_encoding: xml
models:
  Thing:
    doc: T.
    source: "doc.txt#Section A"
    fields:
      Id: {{type: string, doc: I.}}
resources:
  things:
    doc: T.
    endpoints:
      bulk:
        method: POST
        path: /things
        doc: B.
        source: "doc.txt#Section A"
        body_encoding: form
        body: list<Thing>
"#
    );
    let rendered = diagnose("big", text);
    assert!(
        rendered.contains("error[bad-value]: unknown body encoding `xml`"),
        "{rendered}"
    );
    assert!(
        rendered.contains("error[bad-type]: a form body must be an object: a model or a `map<..>`"),
        "{rendered}"
    );
}

/// Root keys need what they wrap, and say the same as an envelope would.
#[test]
fn root_keys_are_checked() {
    let text = format!(
        r#"{HEAD}resources:
  things:
    doc: T.
    endpoints:
      get:
        method: GET
        path: /things
        doc: G.
        source: "doc.txt#Section A"
        body_key: thing
        response_key: "a b"
        response: json
"#
    );
    let rendered = diagnose("big", text);
    assert!(
        rendered.contains("error[missing-key]: `body_key` needs a `body`"),
        "{rendered}"
    );
    assert!(
        rendered.contains("error[bad-value]: `a b` is not a JSON key"),
        "{rendered}"
    );
}

#[test]
fn pagination_misuse_is_reported_with_fixes() {
    let text = r#"
api:
  name: broken
  title: Broken
  doc: Misused pagination descriptions.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
  pagination:
    cursorish:
      doc: Unknown position.
      source: "doc.txt#Section A"
      request: {position: cursor, param: c}
    no_next:
      doc: A token without a next path.
      source: "doc.txt#Section A"
      request: {position: token, param: t}
      response: {page_model: Page, items: /data}
    url_param:
      doc: A URL with a parameter.
      source: "doc.txt#Section A"
      request: {position: url, param: u}
      response: {page_model: Page2, items: /data, next: /links/nxt}
    endless:
      doc: Page numbers without a stop rule.
      source: "doc.txt#Section A"
      request: {position: page, param: page}
    short:
      doc: A short page without a size.
      source: "doc.txt#Section A"
      request: {position: offset, param: offset}
      stop: [short_page, tiny_page]
    bare:
      doc: Signals without a page model.
      source: "doc.txt#Section A"
      request: {position: item, param: after}
      response: {more: /has_more}
    wrong_type:
      doc: A flag that is not a bool.
      source: "doc.txt#Section A"
      request: {position: token, param: t, inclusive: true}
      response: {page_model: Page3, items: /data, next: /next, more: /next}
    keyed:
      doc: An item key.
      source: "doc.txt#Section A"
      request: {position: item, param: after, key: /nope}
models:
  Page:
    doc: A page.
    source: "doc.txt#Section A"
    type_params: [T]
    fields:
      data: {type: "list<T>", doc: Items.}
  Page2:
    doc: A page.
    source: "doc.txt#Section A"
    type_params: [T]
    fields:
      data: {type: "list<T>", doc: Items.}
      links: {type: Links, doc: Links.}
  Page3:
    doc: A page.
    source: "doc.txt#Section A"
    type_params: [T]
    fields:
      data: {type: "list<T>", doc: Items.}
      next: {type: string, doc: Next.}
  Links:
    doc: Links.
    source: "doc.txt#Section A"
    fields:
      next: {type: string, doc: Next.}
  Thing:
    doc: A thing.
    source: "doc.txt#Section A"
    fields:
      id: {type: string, required: true, doc: Id.}
resources:
  things:
    doc: Things.
    endpoints:
      list:
        method: GET
        path: /things
        doc: Lists.
        source: "doc.txt#Section A"
        pagination: keyed
        params:
          after: {in: query, type: int64, doc: Wrong type for a key.}
        response: "list<Thing>"
      other:
        method: GET
        path: /other
        doc: Lists.
        source: "doc.txt#Section A"
        pagination: endles
        response: "list<Thing>"
"#;
    let rendered = diagnose("pagination", text.to_owned());
    assert_reports(
        &rendered,
        &[
            "unknown pagination position `cursor`",
            "`position: token` follows the page's next position: `response.next` must say where it is",
            "`position: url` requests the URL the server gives; it takes no `param`",
            "`nxt` is not a field of `Links`",
            "page numbers go on for ever without a stop rule",
            "unknown stop rule `tiny_page`",
            "`response.more` is a path into a page model, but no `response.page_model` is given",
            "`position: item` needs `key`",
            "an inclusive cursor is the key of an item: it needs `position: item`",
            "`/next` of `Page3` must be a `bool`",
            "`nope` is not a field of `Thing`",
            "description `keyed` needs an optional query parameter `after` of type `string`",
            "pagination description `endles` is not declared",
            "did you mean `endless`",
        ],
    );
}

#[test]
fn expiry_signal_misuse_is_reported() {
    let text = r#"
api:
  name: broken
  title: Broken
  doc: Misused expiry signals.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth:
    kind: bearer
    assumption: test
    expired:
      - {status: 200}
      - {status: 401}
      - {status: 401}
      - {status: 500, code: SESSION_GONE}
"#;
    let rendered = diagnose("expired", text.to_owned());
    assert_reports(
        &rendered,
        &[
            "status 200 is not an error status (400-599)",
            "this expiry signal is declared twice",
            "`code: SESSION_GONE` is read from the error body, but `api.errors` declares no `code`",
        ],
    );
}

#[test]
fn overridable_header_misuse_is_reported() {
    let text = r#"
api:
  name: broken
  title: Broken
  doc: Misused overridable headers.
  source: "doc.txt#Section A"
  base_url: https://{timeout}.example.com/v1
  variables:
    timeout: {doc: Collides with a builder method.}
  auth: {kind: bearer, assumption: test}
  default_headers: {Api-Version: "1"}
  overridable_headers:
    Api-Version: {value: "2", doc: Also a default header.}
    Retry-Policy: {value: "x", doc: Collides with retry_policy.}
    X-Bad: {value: "a\u00e9", doc: Not ASCII.}
    X-One: {value: "1", method: tier, doc: One.}
    X-Two: {value: "2", method: tier, doc: Two.}
"#;
    let rendered = diagnose("overridable", text.to_owned());
    assert_reports(
        &rendered,
        &[
            "`timeout` is defined twice in the methods of `ClientBuilder`: by `api.variables.timeout` and by the generated code itself",
            "`Api-Version` is both a default header and an overridable one",
            "`retry_policy` is defined twice in the methods of `ClientBuilder`: by `api.overridable_headers.Retry-Policy`",
            "`X-Bad: a\u{e9}` is not a valid header",
            "builder method `tier` of header `X-Two` is taken by another builder method",
        ],
    );
}

#[test]
fn idempotency_key_misuse_is_reported() {
    let text = r#"
api:
  name: broken
  title: Broken
  doc: Misused idempotency keys.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
models:
  Thing:
    doc: A thing.
    source: "doc.txt#Section A"
    fields:
      id: {type: string, doc: Id.}
resources:
  things:
    doc: Things.
    endpoints:
      both:
        method: POST
        path: /a
        doc: Both places.
        source: "doc.txt#Section A"
        idempotency_key: {header: Idempotency-Key, field: key}
        body: Thing
      no_body:
        method: POST
        path: /b
        doc: A field without a body.
        source: "doc.txt#Section A"
        idempotency_key: {field: key}
      bad_header:
        method: POST
        path: /c
        doc: A bad header.
        source: "doc.txt#Section A"
        idempotency_key: {header: "Idem Key"}
      contradiction:
        method: POST
        path: /d
        doc: Not idempotent but keyed.
        source: "doc.txt#Section A"
        idempotent: false
        idempotency_key: {header: Idempotency-Key}
      list_field:
        method: POST
        path: /e
        doc: A key field in a list body.
        source: "doc.txt#Section A"
        body: list<Thing>
        idempotency_key: {field: key}
      beside_nothing:
        method: POST
        path: /f
        doc: A member beside a record that is not wrapped.
        source: "doc.txt#Section A"
        body: Thing
        idempotency_key: {body_field: key}
      over_the_record:
        method: POST
        path: /g
        doc: A member named like the root key.
        source: "doc.txt#Section A"
        body: Thing
        body_key: thing
        idempotency_key: {body_field: thing}
"#;
    let rendered = diagnose("idempotency", text.to_owned());
    assert_reports(
        &rendered,
        &[
            "the body is a list: which record would carry `key` is ambiguous",
            "list_field.idempotency_key.field",
            "beside_nothing.idempotency_key.body_field",
            "this body is the record itself",
            "use `field:`",
            "over_the_record.idempotency_key.body_field",
            "`thing` is the body's root key: the key would replace the record",
            "`idempotency_key` needs exactly one of `header`, `field` and `body_field`",
            "an idempotency key field goes into a JSON or form body, but this endpoint sends none",
            "`Idem Key` is not a valid header name",
            "`idempotent: false` contradicts `idempotency_key`",
        ],
    );
}

#[test]
fn status_response_misuse_is_reported() {
    let text = r#"
api:
  name: broken
  title: Broken
  doc: Misused status responses.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
models:
  Thing:
    doc: A thing.
    source: "doc.txt#Section A"
    fields:
      id: {type: string, doc: Id.}
resources:
  things:
    doc: Things.
    endpoints:
      both:
        method: GET
        path: /a
        doc: Both.
        source: "doc.txt#Section A"
        response: Thing
        responses:
          200: {body: Thing, doc: Ok.}
      error_status:
        method: GET
        path: /b
        doc: An error status.
        source: "doc.txt#Section A"
        responses:
          404: {body: Thing, doc: Not found.}
      unknown:
        method: GET
        path: /c
        doc: Unknown types.
        source: "doc.txt#Section A"
        error_body: Faultt
        responses:
          200: {body: Thingg, doc: Ok.}
"#;
    let rendered = diagnose("statuses", text.to_owned());
    assert_reports(
        &rendered,
        &[
            "`responses` (bodies by status) cannot be combined with `response`",
            "status 404 is not a success status (200-299)",
            "error body `Faultt` is not a model",
            "Thingg",
        ],
    );
}

#[test]
fn union_misuse_is_reported() {
    let text = r#"
api:
  name: broken
  title: Broken
  doc: Misused unions.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
ids:
  ThingId: {doc: Id., source: "doc.txt#Section A"}
models:
  Small:
    doc: Requires a only.
    source: "doc.txt#Section A"
    fields:
      a: {type: string, required: true, doc: A.}
  Big:
    doc: Has a and b.
    source: "doc.txt#Section A"
    fields:
      a: {type: string, required: true, doc: A.}
      b: {type: string, required: true, doc: B.}
  TwoTexts:
    doc: Two string variants.
    source: "doc.txt#Section A"
    one_of: {name: string, code: ThingId}
  Shadowed:
    doc: Small reads every Big.
    source: "doc.txt#Section A"
    one_of: {small: Small, big: Big}
  Fine:
    doc: Big first is fine.
    source: "doc.txt#Section A"
    one_of: {big: Big, small: Small, count: int64, ratio: decimal}
  AnyFirst:
    doc: Json first reads everything.
    source: "doc.txt#Section A"
    one_of: {any: json, count: int64}
  NoTag:
    doc: Variants without the tag field.
    source: "doc.txt#Section A"
    tagged: {field: kind, variants: {small: Small, text: string}}
  WithFields:
    doc: A union with fields.
    source: "doc.txt#Section A"
    one_of: {a: string}
    fields:
      x: {type: string, doc: X.}
  Expanded:
    doc: A wrong id_or_object.
    source: "doc.txt#Section A"
    fields:
      thing: {type: "id_or_object<Small, ThingId>", doc: Swapped.}
"#;
    let rendered = diagnose("unions", text.to_owned());
    assert_reports(
        &rendered,
        &[
            "a value of variant `Code` also decodes as the earlier `Name`",
            "a value of variant `Big` also decodes as the earlier `Small`",
            "a value of variant `Count` also decodes as the earlier `Any`",
            "variant model `Small` must declare the tag field `kind`",
            "variant `text` of a tagged union must be a model",
            "a union (`tagged` or `one_of`) cannot also have `fields`",
            "`id_or_object<Id, Model>` takes a `string` or id type, then a model",
        ],
    );
    assert!(!rendered.contains("models.Fine"), "{rendered}");
}

#[test]
fn query_style_and_multipart_misuse_is_reported() {
    let text = r#"
api:
  name: broken
  title: Broken
  doc: Misused styles.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
models:
  Filter:
    doc: A filter.
    source: "doc.txt#Section A"
    fields:
      gte: {type: int64, doc: From.}
resources:
  things:
    doc: Things.
    endpoints:
      list:
        method: GET
        path: /things/{id}
        doc: Lists.
        source: "doc.txt#Section A"
        params:
          id: {in: path, type: string, style: comma, doc: A path parameter.}
          a: {in: query, type: "list<string>", style: deep_object, doc: A list.}
          b: {in: query, type: Filter, doc: A model without a style.}
          c: {in: query, type: string, style: brackets, doc: A scalar.}
          d: {in: query, type: "list<string>", style: pipes, doc: Unknown.}
      upload:
        method: POST
        path: /upload
        doc: Multipart without a file.
        source: "doc.txt#Section A"
        body_encoding: multipart
        body: Filter
"#;
    let rendered = diagnose("styles", text.to_owned());
    assert_reports(
        &rendered,
        &[
            "`style` is for query parameters",
            "a list is written `repeat`, `brackets`, `comma` or `json`, not `deep_object`",
            "write a map or model as `name[key]=value` with `style: deep_object`",
            "`style: brackets` needs a list, a map or a model",
            "unknown query style `pipes`",
            "a multipart body is a model with at least one `bytes` field",
        ],
    );
}

#[test]
fn read_only_and_always_returned_misuse_is_reported() {
    let text = r#"
api:
  name: broken
  title: Broken
  doc: Misused read-only fields.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
models:
  Thing:
    doc: A thing.
    source: "doc.txt#Section A"
    fields:
      id: {type: string, read_only: true, required: true, doc: Id.}
      name: {type: string, always_returned: true, required: true, doc: Name.}
  ThingInput:
    doc: A declared model with the twin's name.
    source: "doc.txt#Section A"
    fields:
      x: {type: string, doc: X.}
  Cat:
    doc: A cat.
    source: "doc.txt#Section A"
    fields:
      type: {type: string, required: true, doc: Tag.}
      id: {type: string, read_only: true, doc: Id.}
  Pet:
    doc: A pet.
    source: "doc.txt#Section A"
    tagged:
      field: type
      variants: {cat: Cat}
resources:
  things:
    doc: Things.
    endpoints:
      put:
        method: PUT
        path: /things
        doc: Replaces a thing.
        source: "doc.txt#Section A"
        body: Thing
        response: Thing
      pet:
        method: PUT
        path: /pets
        doc: Replaces a pet.
        source: "doc.txt#Section A"
        body: Pet
        response: Pet
      other:
        method: PUT
        path: /other
        doc: Uses the declared ThingInput.
        source: "doc.txt#Section A"
        body: ThingInput
"#;
    let rendered = diagnose("read_only", text.to_owned());
    assert_reports(
        &rendered,
        &[
            "`required` says a request must send the field, `read_only` that it is never sent",
            "write `always_returned: true` for a field every response has",
            "`always_returned` repeats `required`",
            "`ThingInput`, the input twin of `Thing`, is the name of a declared type",
            "`Pet` is a union sent in a request that holds `read_only` or `always_returned` fields",
        ],
    );
}

/// A spec for the scope checks: `api` lines (indented under `api:`) and
/// `resources` lines (indented under `resources:`).
fn scoped_spec(api: &str, resources: &str) -> String {
    format!(
        r#"
api:
  name: scoped
  title: Scoped
  doc: Names that meet in one emitted scope.
  source: "doc.txt#Section A"
{api}
models:
  Thing:
    doc: A thing.
    source: "doc.txt#Section A"
    fields:
      id: {{type: string, doc: The id.}}
resources:
{resources}
"#
    )
}

/// `spec` with one more model `name` (one string field), declared first.
fn with_model(spec: &str, name: &str, doc: &str) -> String {
    spec.replace(
        "models:\n",
        &format!(
            r#"models:
  {name}:
    doc: {doc}
    source: "doc.txt#Section A"
    fields:
      id: {{type: string, doc: Id.}}
"#
        ),
    )
}

const BEARER: &str = r#"  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}"#;

const NO_AUTH: &str = r#"  base_url: https://api.example.com/v1
  auth: {kind: none, assumption: test}"#;

const ONE_RESOURCE: &str = r#"  things:
    doc: Things.
    endpoints:
      get:
        method: GET
        path: /things
        doc: Reads.
        source: "doc.txt#Section A"
        response: Thing"#;

/// Every name the emitters define is checked in its emitted scope, against
/// the runtime's and the generator's own names there, with both places
/// reported: specs that validated and then did not compile.
#[test]
fn names_are_checked_per_emitted_scope() {
    // A base-URL variable and an overridable header named like the bearer
    // builder's `token_provider`.
    let variable = scoped_spec(
        r#"  base_url: https://{token_provider}.example.com/v1
  variables:
    token_provider: {doc: A host part.}
  auth: {kind: bearer, assumption: test}"#,
        ONE_RESOURCE,
    );
    assert_reports(
        &diagnose("variable", variable),
        &[
            "error[duplicate-name]",
            "`token_provider`",
            "api.auth",
            "api.variables.token_provider",
        ],
    );
    let header = scoped_spec(
        r#"  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
  overridable_headers:
    Token-Provider: {value: x, doc: A header.}"#,
        ONE_RESOURCE,
    );
    assert_reports(
        &diagnose("header", header),
        &[
            "error[duplicate-name]",
            "`token_provider`",
            "api.overridable_headers.Token-Provider",
        ],
    );
    // An API key method named like basic auth's own method.
    let api_key = scoped_spec(
        r#"  base_url: https://api.example.com/v1
  auth:
    kind: basic
    assumption: test
    basic: {api_key_method: basic_auth, api_key_doc: A key.}"#,
        ONE_RESOURCE,
    );
    assert_reports(
        &diagnose("api_key", api_key),
        &["error[duplicate-name]", "`basic_auth`", "api.auth"],
    );
    // A resource named like a method of `Client`: the runtime's `execute`,
    // and the session's `login` (only on an API that logs in).
    let resource = scoped_spec(BEARER, &ONE_RESOURCE.replace("  things:", "  execute:"));
    assert_reports(
        &diagnose("resource", resource),
        &[
            "`execute` is defined twice in the methods of `Client`: by `resources.execute` and by the generated code itself",
            "rename the resource",
        ],
    );
    // A paginated `list` (with its `list_pages` stream) beside an endpoint
    // named `list_pages`.
    let pages = scoped_spec(
        r#"  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
  pagination:
    offset:
      doc: A bare JSON array.
      source: "doc.txt#Section A"
      request: {position: offset, param: offset, size_param: limit}
      stop: [short_page]"#,
        r#"  things:
    doc: Things.
    endpoints:
      list:
        method: GET
        path: /things
        doc: Lists.
        source: "doc.txt#Section A"
        pagination: offset
        params:
          offset: {in: query, type: int64, doc: Skip.}
          limit: {in: query, type: int32, required: true, doc: Size.}
        response: "list<Thing>"
      list_pages:
        method: GET
        path: /things/pages
        doc: Reads pages.
        source: "doc.txt#Section A"
        response: Thing"#,
    );
    assert_reports(
        &diagnose("pages", pages),
        &[
            "`list_pages` is defined twice in the methods of `ThingsApi`",
            "resources.things.endpoints.list",
            "resources.things.endpoints.list_pages",
        ],
    );
    // Models live in `models`: named like the client, a handle, a query
    // struct or a status enum, they clash with nothing.
    let types = scoped_spec(NO_AUTH, ONE_RESOURCE);
    let types = with_model(&types, "ThingsApi", "Named like the handle.");
    let types = with_model(&types, "Client", "A client.");
    let types = with_model(&types, "Error", "An error record.");
    let types = with_model(&types, "Result", "A batch result.");
    assert!(validates(&types).is_ok(), "{:?}", validates(&types));
    // An endpoint with a keyword name (method `r#type`) is located too: its
    // `type_pages` stream meets an endpoint of that name.
    let keyword = scoped_spec(
        r#"  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
  pagination:
    offset:
      doc: A bare JSON array.
      source: "doc.txt#Section A"
      request: {position: offset, param: offset, size_param: limit}
      stop: [short_page]"#,
        r#"  things:
    doc: Things.
    endpoints:
      type:
        method: GET
        path: /things/types
        doc: Lists types.
        source: "doc.txt#Section A"
        pagination: offset
        params:
          offset: {in: query, type: int64, doc: Skip.}
          limit: {in: query, type: int32, required: true, doc: Size.}
        response: "list<Thing>"
      type_pages:
        method: GET
        path: /things/type-pages
        doc: Reads pages.
        source: "doc.txt#Section A"
        response: Thing"#,
    );
    assert_reports(
        &diagnose("keyword", keyword),
        &[
            "`type_pages` is defined twice in the methods of `ThingsApi`",
            "resources.things.endpoints.type",
            // One mistake, one diagnostic: the scope step alone reports it.
            "1 error(s)",
        ],
    );
    // Two query structs named `InvoiceItemsListQuery`.
    let queries = scoped_spec(
        NO_AUTH,
        r#"  invoice:
    doc: Invoices.
    endpoints:
      items_list:
        method: GET
        path: /invoice/items
        doc: Lists items.
        source: "doc.txt#Section A"
        params:
          size: {in: query, type: int32, doc: Size.}
        response: Thing
  invoice_items:
    doc: Invoice items.
    endpoints:
      list:
        method: GET
        path: /invoice_items
        doc: Lists items.
        source: "doc.txt#Section A"
        params:
          size: {in: query, type: int32, doc: Size.}
        response: Thing"#,
    );
    assert_reports(
        &diagnose("queries", queries),
        &[
            "error[duplicate-name]",
            "`InvoiceItemsListQuery`",
            "resources.invoice.endpoints.items_list",
            "resources.invoice_items.endpoints.list",
        ],
    );
}

/// A spec whose models `M0 .. M{n-1}` each hold the next through `ty` (with
/// `{}` for the next model's name).
fn chain_spec(n: usize, ty: &str) -> String {
    let mut s = String::from(
        "api:\n  name: chain\n  title: Chain\n  doc: A chain.\n  source: \"doc.txt#Section A\"\n  base_url: https://api.example.com/v1\n  auth: {kind: bearer, assumption: test}\nmodels:\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "  M{i}:\n    doc: Model {i}.\n    source: \"doc.txt#Section A\"\n    fields:\n      Name: {{type: string, doc: The name.}}\n"
        ));
        if i + 1 < n {
            let next = ty.replace("{}", &format!("M{}", i + 1));
            s.push_str(&format!(
                "      Next: {{type: \"{next}\", doc: The next.}}\n"
            ));
        }
    }
    s
}

/// 130 models each holding the next validated, then failed to compile
/// (E0320: rustc's recursion limit). Chains too deep for rustc are refused
/// with the chain shown; a chain well within the limit is accepted.
#[test]
fn model_chains_deeper_than_rustc_checks_are_refused() {
    for ty in ["{}", "list<{}>", "one_or_many<{}>", "map<list<{}>>"] {
        let rendered = diagnose("too-large", chain_spec(130, ty));
        assert_reports(
            &rendered,
            &[
                "error[too-large]",
                "model `M0` nests",
                "M0 → M1 → M2",
                "break the chain",
            ],
        );
        assert_eq!(
            rendered.matches("error[too-large]").count(),
            1,
            "{rendered}"
        );
        let seeds = generator::seed_index(Some("specs/seeds".as_ref())).unwrap();
        let file = SourceFile {
            name: "chain.yaml".into(),
            text: chain_spec(20, ty),
        };
        assert!(
            generator::validate_files(vec![file], &seeds).is_ok(),
            "{ty}"
        );
    }
}

fn validates(text: &str) -> Result<(), String> {
    let seeds = generator::seed_index(Some("specs/seeds".as_ref())).expect("seeds folder");
    let file = SourceFile {
        name: "sources.yaml".into(),
        text: text.to_owned(),
    };
    generator::validate_files(vec![file], &seeds)
        .map(drop)
        .map_err(|d| generator::render(&d))
}

const CITING: &str = r#"api:
  name: citing
  title: Citing
  doc: Citations of every kind.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
models:
  Customer:
    doc: A customer.
    source: "SOURCE"
    fields:
      Id: {type: string, required: true, doc: The id.}
enums:
  State:
    doc: A state.
    source: "doc.txt#Section A"
    values:
      active: {doc: Active., source: "https://docs.example.com/api/states#active"}
      paused: {doc: Paused., source: "vendor/manual.pdf#Pausing"}
      gone: {doc: Gone., assumption: Seen in responses; not documented.}
"#;

/// `source:` takes a seed file (checked against the seeds), a URL with an
/// anchor or a document path (checked for syntax only); enum values cite
/// like every other item. Malformed ones are `bad-source`.
#[test]
fn citations_may_be_urls_and_document_paths() {
    for ok in [
        "doc.txt#Section A",
        "https://docs.example.com/api#create-a-customer",
        "http://vendor.example/reference/customers.html#fields",
        "vendor/openapi.yaml#/components/schemas/Customer",
    ] {
        let text = CITING.replace("SOURCE", ok);
        assert!(validates(&text).is_ok(), "{ok}: {:?}", validates(&text));
    }
    for (bad, says) in [
        ("https://#anchor", "not a valid URL"),
        ("ftp://example.com/doc#a", "http or https"),
        ("https://docs.example.com/api", "no `#anchor`"),
        ("vendor/manual.pdf#", "not of the form"),
        ("missing.txt#Section A", "does not exist"),
    ] {
        let text = CITING.replace("SOURCE", bad);
        let rendered = validates(&text).expect_err(bad);
        assert_reports(
            &rendered,
            &["error[bad-source]", says, "models.Customer.source"],
        );
    }
    let broken_value = CITING.replace("vendor/manual.pdf#Pausing", "https://#x");
    let rendered = validates(&broken_value.replace("SOURCE", "doc.txt#Section A")).unwrap_err();
    assert_reports(&rendered, &["enums.State.values.paused.source"]);
}

const FIELD: &str = r#"api:
  name: newcomer
  title: Newcomer
  doc: Mistakes newcomers make first.
  source: "doc.txt#Section A"
  base_url: https://api.example.com/v1
  auth: {kind: bearer, assumption: test}
models:
  Filter:
    doc: A filter.
    source: "doc.txt#Section A"
    fields:
      State: {type: string, doc: The state.}
  Customer:
    doc: A customer.
    source: "doc.txt#Section A"
    fields:
      Id: {type: string, required: true, DOC}
resources:
  customers:
    doc: Customers.
    endpoints:
      list:
        method: GET
        path: /customers
        doc: Lists customers.
        source: "doc.txt#Section A"
        params:
          filter: {in: query, type: Filter, STYLE doc: The filter.}
        response: "list<Customer>"
      create:
        method: POST
        path: /customers
        doc: Creates one.
        source: "doc.txt#Section A"
        body: Customer
        ENCODING
        response: Customer
"#;

fn newcomer(doc: &str, style: &str, encoding: &str) -> String {
    let text = FIELD
        .replace("DOC", doc)
        .replace("STYLE", style)
        .replace("ENCODING", encoding);
    validates(&text).err().unwrap_or_default()
}

/// The diagnostics a newcomer hits first: an unquoted `, ` in a doc gets a
/// hint to quote it; a misspelt query style is one diagnostic (not a
/// follow-on type error); the body encoding's help lists every encoding.
#[test]
fn first_mistakes_get_one_diagnostic_with_a_fix() {
    let fine = newcomer("doc: The id.", "style: deep_object,", "");
    assert!(fine.is_empty(), "{fine}");
    let cut = newcomer(
        "doc: The id, if any (not modelled here).",
        "style: deep_object,",
        "",
    );
    assert_reports(
        &cut,
        &[
            "unknown field `if any (not modelled here).`",
            "quote the whole text",
        ],
    );
    let style = newcomer("doc: The id.", "style: deepObject,", "");
    assert_reports(&style, &["unknown query style `deepObject`", "deep_object"]);
    assert!(style.ends_with("1 error(s)\n"), "{style}");
    let encoding = newcomer(
        "doc: The id.",
        "style: deep_object,",
        "body_encoding: multi",
    );
    assert_reports(
        &encoding,
        &[
            "unknown body encoding `multi`",
            "`json`, `form`, `multipart`",
        ],
    );
}

/// `id_or_object<Id, json>` keeps an unmodelled expanded object; any other
/// scalar as the object is refused with both spellings in the help.
#[test]
fn id_or_object_takes_a_model_or_json() {
    let spec = |ty: &str| {
        FIELD
            .replace("DOC", "doc: The id.")
            .replace("STYLE", "style: deep_object,")
            .replace("ENCODING", "")
            .replace(
                "Id: {type: string, required: true, doc: The id.}",
                &format!("Id: {{type: \"{ty}\", required: true, doc: The id.}}"),
            )
    };
    assert!(validates(&spec("id_or_object<string, json>")).is_ok());
    let rendered = validates(&spec("id_or_object<string, decimal>")).unwrap_err();
    assert_reports(
        &rendered,
        &[
            "error[bad-type]",
            "then a model or `json`",
            "id_or_object<CustomerId, json>",
        ],
    );
}

/// `fixed_body` misuse: on a GET, empty, clashing with a field of the body
/// model, or next to a list body.
#[test]
fn fixed_body_misuse_is_reported() {
    let spec = |method: &str, body: &str, fixed: &str| {
        format!(
            "api:\n  name: fixed\n  title: Fixed\n  doc: Fixed members.\n  source: \"doc.txt#Section A\"\n  base_url: https://api.example.com/v1\n  auth: {{kind: bearer, assumption: test}}\nmodels:\n  Params:\n    doc: Params.\n    source: \"doc.txt#Section A\"\n    fields:\n      status: {{type: string, doc: A status.}}\nresources:\n  things:\n    doc: Things.\n    endpoints:\n      act:\n        method: {method}\n        path: /things\n        doc: Acts.\n        source: \"doc.txt#Section A\"\n{body}        fixed_body: {fixed}\n"
        )
    };
    assert!(validates(&spec("POST", "", "{status: archived}")).is_ok());
    for (text, says) in [
        (spec("GET", "", "{status: archived}"), "error[body-on-get]"),
        (spec("POST", "", "{}"), "`fixed_body` is empty"),
        (
            spec("POST", "        body: Params\n", "{status: archived}"),
            "the body model has field `status`",
        ),
        (
            spec("POST", "        body: \"list<Params>\"\n", "{kind: x}"),
            "needs an object body",
        ),
    ] {
        let rendered = validates(&text).unwrap_err();
        assert_reports(
            &rendered,
            &[says, "resources.things.endpoints.act.fixed_body"],
        );
    }
}

/// `request_id_in_body` must be a JSON pointer to a field.
#[test]
fn request_id_in_body_is_a_json_pointer() {
    let spec = |pointer: &str| {
        CITING.replace("SOURCE", "doc.txt#Section A").replace(
            "  auth: {kind: bearer, assumption: test}\n",
            &format!(
                "  auth: {{kind: bearer, assumption: test}}\n  request_id_in_body: \"{pointer}\"\n"
            ),
        )
    };
    assert!(validates(&spec("/meta/request_id")).is_ok());
    for bad in ["meta/request_id", "/meta//id", "/"] {
        let rendered = validates(&spec(bad)).unwrap_err();
        assert_reports(
            &rendered,
            &[
                "error[bad-value]",
                "api.request_id_in_body",
                "/meta/request_id",
            ],
        );
    }
}

/// `form_nulls` and `form_null` take `omit` or `empty`.
#[test]
fn form_null_rules_are_checked() {
    let spec = |api: &str, field: &str| {
        CITING
            .replace("SOURCE", "doc.txt#Section A")
            .replace(
                "  auth: {kind: bearer, assumption: test}\n",
                &format!("  auth: {{kind: bearer, assumption: test}}\n  form_nulls: {api}\n"),
            )
            .replace(
                "Id: {type: string, required: true, doc: The id.}",
                &format!("Id: {{type: string, required: true, form_null: {field}, doc: The id.}}"),
            )
    };
    assert!(validates(&spec("empty", "omit")).is_ok());
    let rendered = validates(&spec("blank", "nothing")).unwrap_err();
    assert_reports(
        &rendered,
        &[
            "api.form_nulls",
            "`blank`",
            "models.Customer.fields.Id.form_null",
            "`nothing`",
            "use `omit`",
        ],
    );
}

/// `form_lists` and `form_list` take `index_then_field` or
/// `field_then_index`, and `form_list` only fits a list of models.
#[test]
fn form_list_rules_are_checked() {
    let spec = |api: &str, field: &str| {
        CITING
            .replace("SOURCE", "doc.txt#Section A")
            .replace(
                "  auth: {kind: bearer, assumption: test}\n",
                &format!("  auth: {{kind: bearer, assumption: test}}\n  form_lists: {api}\n"),
            )
            .replace(
                "Id: {type: string, required: true, doc: The id.}",
                &format!("Id: {{type: string, required: true, form_list: {field}, doc: The id.}}"),
            )
    };
    let rendered = validates(&spec("field_then_index", "index_then_field")).unwrap_err();
    assert_reports(
        &rendered,
        &[
            "error[bad-value]",
            "models.Customer.fields.Id.type",
            "not a list of models",
            "remove `form_list`",
        ],
    );
    assert!(!rendered.contains("api.form_lists"), "{rendered}");
    let rendered = validates(&spec("sideways", "by_index")).unwrap_err();
    assert_reports(
        &rendered,
        &[
            "api.form_lists",
            "`sideways`",
            "models.Customer.fields.Id.form_list",
            "`by_index`",
            "use `index_then_field` (`items[0][price]=p1`, the default) or `field_then_index`",
        ],
    );
}

/// Misuses of lists under a key, wrapped items and side objects, each
/// with its own diagnostic.
#[test]
fn keyed_lists_and_siblings_are_checked() {
    let base = std::fs::read_to_string("specs/constructs/c_rooted/api.yaml").unwrap();
    assert!(validates(&base).is_ok(), "{:?}", validates(&base));
    let with = |from: &str, to: &str| {
        assert!(base.contains(from), "{from}");
        validates(&base.replacen(from, to, 1)).unwrap_err()
    };
    // The list's key is missing: the description reads from under it.
    assert_reports(
        &with(
            "        response_key: customers\n      list_wrapped",
            "      list_wrapped",
        ),
        &[
            "error[bad-type]",
            "resources.customers.endpoints.list_paged.pagination",
            "reads the list from under the endpoint's `response_key`",
            "add `response_key: <key of the list>`",
        ],
    );
    // `item_key` reads list elements.
    assert_reports(
        &with(
            "        response_siblings: SubscriptionSides\n",
            "        response_siblings: SubscriptionSides\n        item_key: x\n",
        ),
        &["subscriptions.endpoints.get.item_key", "is not `list<..>`"],
    );
    // `item_siblings` without `item_key`.
    assert_reports(
        &with("        item_key: customer\n", ""),
        &[
            "list_wrapped.item_siblings",
            "beside `item_key`, which is not given",
        ],
    );
    // Siblings are a model.
    assert_reports(
        &with(
            "response_siblings: SubscriptionSides",
            "response_siblings: string",
        ),
        &["get.response_siblings", "must name a model"],
    );
    assert_reports(
        &with(
            "response_siblings: SubscriptionSides",
            "response_siblings: SubscriptionSide",
        ),
        &["get.response_siblings", "SubscriptionSides"],
    );
    // A page's siblings are the description's page model.
    assert_reports(
        &with(
            "        item_siblings: CustomerEntry\n",
            "        item_siblings: CustomerEntry\n        response_siblings: CustomerEntry\n",
        ),
        &["list_wrapped.response_siblings", "`page_model`"],
    );
    // An info page model is not generic and has no items; one with items is.
    assert_reports(
        &with(
            "response: {page_model: PageInfo, next: /meta/next_page}",
            "response: {page_model: PageInfo, items: /meta, next: /meta/next_page}",
        ),
        &[
            "api.pagination.meta_next.response.page_model",
            "must be generic over its item",
        ],
    );
    assert_reports(
        &with(
            "  PageInfo:\n    doc: The members beside a paged list.\n",
            "  PageInfo:\n    type_params: [T]\n    doc: The members beside a paged list.\n",
        ),
        &[
            "meta_next.response.page_model",
            "cannot be generic",
            "remove `type_params`",
        ],
    );
    // A description whose page model holds the items does not read them
    // from under a key.
    let pages = std::fs::read_to_string("specs/constructs/c_pages/api.yaml").unwrap();
    let rooted = pages.replacen(
        "        pagination: meta_next\n",
        "        pagination: meta_next\n        response_key: customers\n",
        1,
    );
    assert_reports(
        &validates(&rooted).unwrap_err(),
        &[
            "list_meta.response_key",
            "reads the items from its page model `CustomerList`",
            "use a description without `response.items`",
        ],
    );
}

/// `sent_type` differs from `type`, is for fields that are sent, does not
/// combine with `encoding`, and names a type.
#[test]
fn sent_types_are_checked() {
    let spec = |field: &str| {
        CITING.replace("SOURCE", "doc.txt#Section A").replace(
            "Id: {type: string, required: true, doc: The id.}",
            &format!("Due: {{{field}, doc: When it is due.}}"),
        )
    };
    assert!(validates(&spec("type: timestamp, sent_type: epoch_seconds")).is_ok());
    for (field, says) in [
        (
            "type: timestamp, sent_type: epoch_seconds, read_only: true",
            "a `read_only` field is never sent",
        ),
        (
            "type: timestamp, sent_type: timestamp",
            "`sent_type` repeats `type`",
        ),
        (
            "type: int64, encoding: string, sent_type: epoch_seconds",
            "remove `encoding`",
        ),
        ("type: timestamp, sent_type: epoch_second", "epoch_seconds"),
    ] {
        let rendered = validates(&spec(field)).unwrap_err();
        assert_reports(&rendered, &["models.Customer.fields.Due.sent_type", says]);
    }
}

/// Backward walks: only item keys and previous-page tokens walk back, a
/// token walk needs `response.previous`, and the endpoint needs the
/// backward parameter.
#[test]
fn backward_walks_are_checked() {
    let base = std::fs::read_to_string("specs/constructs/c_pages/api.yaml").unwrap();
    assert!(validates(&base).is_ok(), "{:?}", validates(&base));
    let with = |from: &str, to: &str| {
        assert!(base.contains(from), "{from}");
        validates(&base.replacen(from, to, 1)).unwrap_err()
    };
    assert_reports(
        &with(", previous: /prev_cursor}", "}"),
        &[
            "api.pagination.cursors.response.previous",
            "a token walk backwards follows the page's previous-page token",
        ],
    );
    assert_reports(
        &with(
            "request: {position: token, param: after, backward_param: before}",
            "request: {position: token, param: after}",
        ),
        &[
            "cursors.response.previous",
            "read only when walking backwards",
            "add `request.backward_param`",
        ],
    );
    assert_reports(
        &with(
            "request: {position: page, param: page, size_param: per_page}",
            "request: {position: page, param: page, size_param: per_page, backward_param: before}",
        ),
        &[
            "meta_next.request.backward_param",
            "`position: page` has neither",
        ],
    );
    assert_reports(
        &with(
            "inclusive: true, size_param: take}",
            "inclusive: true, size_param: take, backward_param: to}",
        ),
        &[
            "from_inclusive.request.backward_param",
            "walks forwards only",
        ],
    );
    assert_reports(
        &with(
            "          ending_before: {in: query, type: string, doc: Id of the first customer seen (walking backwards).}\n",
            "",
        ),
        &[
            "resources.customers.endpoints.list.pagination",
            "walks backwards: it needs an optional query parameter `ending_before` of type `string`",
        ],
    );
}

/// Misdeclared webhooks: each inconsistency has its diagnostic.
#[test]
fn webhook_misuse_is_reported() {
    let base = std::fs::read_to_string("specs/constructs/c_webhooks/api.yaml").unwrap();
    assert!(validates(&base).is_ok(), "{:?}", validates(&base));
    let with = |from: &str, to: &str| {
        assert!(base.contains(from), "{from}");
        validates(&base.replacen(from, to, 1)).unwrap_err()
    };
    assert_reports(
        &with("      mac: hmac_sha256\n", "      mac: hmac_sha265\n"),
        &["api.webhooks.signature.mac", "did you mean `hmac_sha256`?"],
    );
    assert_reports(
        &with("      encoding: hex\n", "      encoding: base32\n"),
        &["api.webhooks.signature.encoding", "use `hex` or `base64`"],
    );
    assert_reports(
        &with(
            "      timestamp: {header: Acme-Signature, items: \",\", kv: \"=\", key: t}\n",
            "",
        ),
        &[
            "api.webhooks.signature.timestamp",
            "`signed` names `timestamp`, but the scheme does not say where it is",
            "api.webhooks.signature.tolerance_seconds",
        ],
    );
    assert_reports(
        &with(
            "      signed: [timestamp, {text: \".\"}, body]",
            "      signed: [timestamp, bdy]",
        ),
        &[
            "api.webhooks.signature.signed[1]",
            "unknown signed part `bdy`",
            "did you mean `body`?",
        ],
    );
    assert_reports(
        &with("payload: InvoiceEvent,", "payload: InvoiceEvnt,"),
        &[
            "api.webhooks.events.invoice.paid",
            "did you mean `InvoiceEvent`?",
        ],
    );
    assert_reports(
        &with("    event_type: {body_field: type}", "    event_type: {}"),
        &["api.webhooks.event_type", "say where the value is"],
    );
    assert_reports(
        &with(
            "    content_type: application/json",
            "    content_type: application/xml",
        ),
        &["api.webhooks.content_type", "not a JSON media type"],
    );
    assert_reports(
        &with("    delivery:", "    unsigned: Basic auth.\n    delivery:"),
        &["api.webhooks", "`signature` and `unsigned` both say"],
    );
    assert_reports(
        &with(
            "      subscription.renewed: {payload: SubscriptionEvent,",
            "      invoice_paid: {payload: SubscriptionEvent,",
        ),
        &[
            "api.webhooks.events.invoice_paid",
            "becomes variant `InvoicePaid`, which is taken",
        ],
    );
}

/// A webhook event's `fetch` names an endpoint taking one id, and a payload
/// field of that id's type.
#[test]
fn webhook_fetch_misuse_is_reported() {
    let base = std::fs::read_to_string("specs/constructs/c_webhooks/api.yaml").unwrap();
    let with = |from: &str, to: &str| {
        assert!(base.contains(from), "{from}");
        validates(&base.replacen(from, to, 1)).unwrap_err()
    };
    assert_reports(
        &with(
            "fetch: {endpoint: invoices.get,",
            "fetch: {endpoint: invoices.read,",
        ),
        &[
            "api.webhooks.events.invoice.paid.fetch.endpoint",
            "`invoices.read` is not an endpoint",
        ],
    );
    assert_reports(
        &with("id: invoice}", "id: amount}"),
        &[
            "api.webhooks.events.invoice.paid.fetch.id",
            "`amount` is not a field of `InvoiceEvent` of the id type",
        ],
    );
}
