//! Endpoints as operations: `operationId` `<resource>_<method>`, the
//! resource as tag, parameters with their styles, the request body by
//! encoding, the success response and the API's error responses; what
//! OpenAPI cannot say is an `x-` extension (`x-pagination`,
//! `x-idempotency-key`, `x-body-key`, `x-response-key`, `x-envelope`).

use serde_yaml::{Mapping, Value};

use super::schemas::{map, reference, schema};
use crate::ir::{
    Api, ArgRole, BodyEncoding, Endpoint, KeyPlace, QueryStyle, RequestBody, Resource, ResponseBody,
};

fn parameter(name: &str, place: &str, required: bool, s: Value, doc: &str) -> Value {
    let mut pairs = vec![("name", Value::from(name)), ("in", place.into())];
    if required || place == "path" {
        pairs.push(("required", true.into()));
    }
    if !doc.is_empty() {
        pairs.push(("description", doc.into()));
    }
    pairs.push(("schema", s));
    map(pairs)
}

fn style(p: &mut Value, q: &QueryStyle) {
    let Value::Mapping(m) = p else {
        return;
    };
    match q {
        QueryStyle::Plain | QueryStyle::Repeat => {}
        QueryStyle::Comma => {
            m.insert("explode".into(), false.into());
        }
        QueryStyle::DeepObject => {
            m.insert("style".into(), "deepObject".into());
        }
        QueryStyle::Brackets => {
            m.insert("x-style".into(), "brackets".into());
        }
        QueryStyle::Json => {
            m.insert("x-style".into(), "json".into());
        }
    }
}

/// The path parameters' wire names, in order (`{contractId}`).
fn path_names(template: &str) -> Vec<String> {
    template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_owned()))
        .collect()
}

fn parameters(api: &Api, e: &Endpoint) -> Vec<Value> {
    let types = &api.types;
    let mut names = path_names(&e.path_template).into_iter();
    let mut out = Vec::new();
    for a in &e.args {
        match &a.role {
            ArgRole::Path(v) => {
                let name = names.next().unwrap_or_else(|| a.name.to_string());
                out.push(parameter(&name, "path", true, schema(&v.ty, types), ""));
            }
            ArgRole::Query { wire, value } => {
                out.push(parameter(wire, "query", true, schema(&value.ty, types), ""))
            }
            ArgRole::Header { wire, value } => out.push(parameter(
                wire,
                "header",
                true,
                schema(&value.ty, types),
                "",
            )),
            _ => {}
        }
    }
    for p in e.query.iter().flat_map(|q| &q.params) {
        let mut v = parameter(
            &p.wire,
            "query",
            false,
            schema(&p.ty, types),
            p.doc.text.trim(),
        );
        style(&mut v, &p.style);
        out.push(v);
    }
    if e.if_match {
        out.push(parameter(
            "If-Match",
            "header",
            false,
            map(vec![("type", "string".into())]),
            "An entity tag from an earlier read.",
        ));
    }
    for p in &e.optional_headers {
        out.push(parameter(
            &p.wire,
            "header",
            false,
            schema(&p.ty, types),
            p.doc.text.trim(),
        ));
    }
    out
}

fn request_body(api: &Api, e: &Endpoint) -> Option<Value> {
    let body_ty = e.args.iter().find_map(|a| match &a.role {
        ArgRole::Body(t) | ArgRole::Records(t) => Some(schema(t, &api.types)),
        ArgRole::BodyList(t) => Some(map(vec![
            ("type", "array".into()),
            ("items", schema(t, &api.types)),
        ])),
        _ => None,
    });
    let (media, mut s) = match &e.body {
        RequestBody::None => return None,
        RequestBody::Encoded {
            encoding,
            root,
            fixed,
            ..
        } => {
            let media = match encoding {
                BodyEncoding::Json => "application/json",
                BodyEncoding::Form => "application/x-www-form-urlencoded",
                BodyEncoding::Multipart => "multipart/form-data",
            };
            let mut s = body_ty.unwrap_or_else(|| map(vec![("type", "object".into())]));
            if let Value::Mapping(m) = &mut s {
                if let Some(root) = root {
                    m.insert("x-body-key".into(), root.clone().into());
                }
                if !fixed.is_empty() {
                    let members: Mapping = fixed
                        .iter()
                        .map(|(k, v)| (k.clone().into(), v.clone().into()))
                        .collect();
                    m.insert("x-fixed-members".into(), Value::Mapping(members));
                }
            }
            (media, s)
        }
        RequestBody::Envelope { envelope, .. } => {
            let mut s = body_ty.unwrap_or(Value::Null);
            if let Value::Mapping(m) = &mut s {
                m.insert(
                    "x-envelope".into(),
                    api.settings.envelope(*envelope).records.clone().into(),
                );
            }
            ("application/json", s)
        }
    };
    if let (Some(KeyPlace::Field(f) | KeyPlace::RecordField { field: f, .. }), Value::Mapping(m)) =
        (e.idempotency.key(), &mut s)
    {
        m.insert("x-idempotency-key-field".into(), f.clone().into());
    }
    Some(map(vec![
        ("required", true.into()),
        ("content", map(vec![(media, map(vec![("schema", s)]))])),
    ]))
}

fn responses(api: &Api, e: &Endpoint) -> Value {
    let types = &api.types;
    let json = |s: Value| map(vec![("application/json", map(vec![("schema", s)]))]);
    let mut out = Mapping::new();
    match &e.response {
        ResponseBody::Empty => {
            out.insert(
                "200".into(),
                map(vec![(
                    "description",
                    "Success; the body is not read.".into(),
                )]),
            );
        }
        ResponseBody::ByStatus(s) => {
            for v in &s.variants {
                let mut r = vec![("description", Value::from(v.doc.text.trim().to_owned()))];
                if let Some(t) = &v.ty {
                    r.push(("content", json(schema(t, types))));
                }
                out.insert(v.status.to_string().into(), map(r));
            }
        }
        other => {
            let text = crate::emit::response_text(e, types);
            let s = match other {
                ResponseBody::Json(t) => schema(t, types),
                _ => map(vec![("x-response", text.into())]),
            };
            out.insert(
                "200".into(),
                map(vec![
                    ("description", "Success.".into()),
                    ("content", json(s)),
                ]),
            );
        }
    }
    let error_body = e
        .error_body
        .or(api.settings.errors.body.as_ref().map(|b| b.model));
    for st in &api.settings.errors.statuses {
        let mut r = vec![("description", Value::from(st.doc.text.trim().to_owned()))];
        if let Some(b) = error_body {
            r.push(("content", json(reference(api.types.name(b).as_str()))));
        }
        out.insert(st.status.to_string().into(), map(r));
    }
    Value::Mapping(out)
}

/// The operation of one endpoint.
pub fn operation(api: &Api, r: &Resource, e: &Endpoint) -> Value {
    let doc = crate::emit::endpoint_doc(e);
    let summary = doc.lines().next().unwrap_or_default().to_owned();
    let mut pairs = vec![
        (
            "operationId",
            Value::from(format!("{}_{}", r.accessor, e.method)),
        ),
        ("tags", Value::Sequence(vec![r.accessor.to_string().into()])),
        ("summary", summary.into()),
        ("description", doc.into()),
    ];
    if e.deprecated.is_some() {
        pairs.push(("deprecated", true.into()));
    }
    let params = parameters(api, e);
    if !params.is_empty() {
        pairs.push(("parameters", Value::Sequence(params)));
    }
    if let Some(b) = request_body(api, e) {
        pairs.push(("requestBody", b));
    }
    pairs.push(("responses", responses(api, e)));
    if let Some(p) = &e.pagination {
        pairs.push((
            "x-pagination",
            map(vec![
                ("item", schema(&p.item, &api.types)),
                (
                    "streams",
                    Value::Sequence(vec![
                        format!("{}_pages", e.method).into(),
                        format!("{}_items", e.method).into(),
                    ]),
                ),
            ]),
        ));
    }
    if let Some(KeyPlace::Header(h)) = e.idempotency.key() {
        pairs.push(("x-idempotency-key", map(vec![("header", h.clone().into())])));
    }
    map(pairs)
}
