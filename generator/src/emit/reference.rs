//! The per-endpoint sections of `REFERENCE.md`: the Rust call with its
//! argument types, the HTTP request (method, path, query, headers, body
//! encoding), the success and error shapes, pagination, retry and
//! idempotency behaviour, and the citation or assumption.

use minijinja::context;

use super::shape_text::{body_text, response_text, type_text};
use crate::ir::{Api, ArgRole, BodyEncoding, Endpoint, RequestBody, Resource, TypeSpace};

/// The method's arguments as callers write them: `name: Type`, in order.
pub(crate) fn signature(e: &Endpoint, types: &TypeSpace) -> Vec<String> {
    e.args
        .iter()
        .map(|a| {
            let ty = match &a.role {
                ArgRole::Path(v)
                | ArgRole::Query { value: v, .. }
                | ArgRole::Header { value: v, .. } => type_text(&v.ty, types),
                ArgRole::QueryStruct(q) => format!("&{q}"),
                ArgRole::EnvelopeField => "&str".into(),
                ArgRole::Body(t) | ArgRole::Records(t) => format!("&{}", type_text(t, types)),
                ArgRole::BodyList(t) => format!("&[{}]", type_text(t, types)),
            };
            format!("{}: {ty}", a.name)
        })
        .collect()
}

/// `wire` (`Type`) for each query parameter: required ones (arguments) and
/// the query struct's.
fn query(e: &Endpoint, types: &TypeSpace) -> Vec<String> {
    let required = e.args.iter().filter_map(|a| match &a.role {
        ArgRole::Query { wire, value } => Some(format!(
            "`{wire}` (`{}`, required)",
            type_text(&value.ty, types)
        )),
        _ => None,
    });
    let optional = e.query.iter().flat_map(|q| &q.params).map(|p| {
        format!(
            "`{}` (`{}`, `.{}(..)` on the query)",
            p.wire,
            type_text(&p.ty, types),
            p.rust
        )
    });
    required.chain(optional).collect()
}

/// The request headers the call takes: required ones (arguments), call options.
fn headers(e: &Endpoint, types: &TypeSpace) -> Vec<String> {
    let required = e.args.iter().filter_map(|a| match &a.role {
        ArgRole::Header { wire, value } => Some(format!(
            "`{wire}` (`{}`, required)",
            type_text(&value.ty, types)
        )),
        _ => None,
    });
    let if_match = e
        .if_match
        .then(|| "`If-Match` (`.if_match(&etag)`)".to_owned());
    let optional = e
        .optional_headers
        .iter()
        .map(|p| format!("`{}` (`.header(\"{}\", ..)`)", p.wire, p.wire));
    required.chain(if_match).chain(optional).collect()
}

fn encoding(e: &Endpoint) -> &'static str {
    match &e.body {
        RequestBody::None => "none",
        RequestBody::Encoded {
            encoding: BodyEncoding::Json,
            ..
        }
        | RequestBody::Envelope { .. } => "JSON",
        RequestBody::Encoded {
            encoding: BodyEncoding::Form,
            ..
        } => "form (`application/x-www-form-urlencoded`)",
        RequestBody::Encoded {
            encoding: BodyEncoding::Multipart,
            ..
        } => "multipart (`multipart/form-data`)",
    }
}

/// The error shape a call's `Err` carries.
fn errors(api: &Api, e: &Endpoint) -> String {
    let body = e
        .error_body
        .or(api.settings.errors.body.as_ref().map(|b| b.model))
        .map(|b| format!("`{}`", api.types.name(b)))
        .unwrap_or_else(|| "the JSON body (`serde_json::Value`)".into());
    let statuses: Vec<String> = api
        .settings
        .errors
        .statuses
        .iter()
        .map(|s| s.status.to_string())
        .collect();
    if statuses.is_empty() {
        format!("`{}::Error` with {body}", api.module)
    } else {
        format!(
            "`{}::Error` with {body}; documented statuses {}",
            api.module,
            statuses.join(", ")
        )
    }
}

/// Where the endpoint's facts come from: its citation, else its assumption.
fn source(api: &Api, r: &Resource, e: &Endpoint) -> String {
    let item = format!("resources.{}.endpoints.{}", r.accessor, e.method);
    if let Some(c) = api.citations.iter().find(|c| c.item == item) {
        return format!("`{}#{}`", c.document, c.section);
    }
    match api.assumptions.iter().find(|a| a.item == item) {
        Some(a) => format!(
            "assumption: {}",
            a.text.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
        None => "-".into(),
    }
}

/// The HTTP request: method and path, query, headers, body and encoding.
fn request(api: &Api, e: &Endpoint) -> String {
    let mut out = format!("`{} {}`", e.http_method.as_str(), e.path_template);
    let (query, headers) = (query(e, &api.types), headers(e, &api.types));
    if !query.is_empty() {
        out.push_str(&format!("; query {}", query.join(", ")));
    }
    if !headers.is_empty() {
        out.push_str(&format!("; headers {}", headers.join(", ")));
    }
    let body = body_text(api, e);
    if body != "-" {
        out.push_str(&format!("; body `{body}` ({})", encoding(e)));
    }
    out
}

/// The section of one endpoint.
pub(super) fn endpoint(api: &Api, r: &Resource, e: &Endpoint) -> minijinja::Value {
    let types = &api.types;
    let paging = e.pagination.as_ref().map(|_| {
        format!("`{0}_pages(..)` streams the pages and `{0}_items(..)` the items (`resume()` after an error)", e.method)
    });
    let behaviour = super::endpoint::parts::doc_notes(e, api);
    context! {
        anchor => format!("{}-{}", r.accessor, e.method).replace('_', "-"),
        title => format!("{}().{}", r.accessor, e.method),
        doc => super::docs::endpoint_doc(e),
        call => format!("client.{}().{}({})", r.accessor, e.method, signature(e, types).join(", ")),
        request => request(api, e),
        response => response_text(e, types),
        errors => errors(api, e),
        paging,
        behaviour => behaviour.trim(),
        source => source(api, r, e),
        deprecated => e.deprecated.clone(),
    }
}
