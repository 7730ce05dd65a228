//! Operations as endpoints: grouped into resources by their first tag
//! (else the path's first segment), named from their `operationId` with the
//! resource's name taken out (`createTax` in `taxes` is `create`), with
//! parameters, body (JSON, form or multipart), success response and the
//! error responses the API's error shape is made from.

use openapiv3::{
    Operation, Parameter, ParameterSchemaOrContent, PathItem, QueryStyle, ReferenceOr, RequestBody,
    Response, StatusCode,
};
use serde_yaml::{Mapping, Value};

use super::Ctx;
use super::lower::{self, type_of};
use super::report::token;
use super::yaml::{clean, map};

/// An error response of some operation, for the API's error shape.
pub struct ErrorResponse {
    /// Where it is in the document.
    pub pointer: String,
    pub status: Option<u16>,
    pub description: String,
    pub body: Option<String>,
}

/// An operation, placed in its resource and named.
struct Planned<'a> {
    resource: String,
    short: String,
    full: String,
    method: &'a str,
    path: &'a str,
    op: &'a Operation,
    shared: &'a [ReferenceOr<Parameter>],
    pointer: String,
}

/// Every operation, as `resources:`.
pub fn resources(cx: &mut Ctx) -> Mapping {
    let doc = cx.doc;
    let mut planned = Vec::new();
    for (path, item) in &doc.paths.paths {
        let pointer = format!("/paths/{}", token(path));
        let ReferenceOr::Item(item) = item else {
            cx.report.note(
                &pointer,
                "a path item by reference is not read: bundle the document first",
            );
            continue;
        };
        plan_path(cx, path, item, &pointer, &mut planned);
    }
    name_apart(&mut planned);
    let mut out = Mapping::new();
    for p in &planned {
        let endpoint = endpoint(cx, p);
        let resource = out.entry(p.resource.clone().into()).or_insert_with(|| {
            map(vec![
                ("doc", resource_doc(cx, &p.resource).into()),
                ("endpoints", Value::Mapping(Mapping::new())),
            ])
        });
        if let Some(Value::Mapping(endpoints)) = resource.get_mut("endpoints") {
            endpoints.insert(p.short.clone().into(), endpoint);
        }
        cx.counts.operations += 1;
    }
    out
}

fn plan_path<'a>(
    cx: &mut Ctx,
    path: &'a str,
    item: &'a PathItem,
    pointer: &str,
    out: &mut Vec<Planned<'a>>,
) {
    for (method, op) in item.iter() {
        let at = format!("{pointer}/{method}");
        if matches!(method, "options" | "head" | "trace") {
            cx.report
                .note(&at, format!("`{method}` operation not imported"));
            continue;
        }
        let resource = resource_of(op, path);
        let full = op
            .operation_id
            .as_deref()
            .and_then(crate::names::RustIdent::snake)
            .map(|i| i.as_str().to_owned())
            .unwrap_or_else(|| default_name(method, path).to_owned());
        let short = shorten(&full, &resource).unwrap_or_else(|| full.clone());
        out.push(Planned {
            resource,
            short,
            full,
            method,
            path,
            op,
            shared: &item.parameters,
            pointer: at,
        });
    }
}

/// The resource: the first tag (without a parenthesised remark), else the
/// first path segment that is no parameter.
fn resource_of(op: &Operation, path: &str) -> String {
    let from = |s: &str| {
        crate::names::RustIdent::snake(s.split('(').next().unwrap_or(s).trim())
            .map(|i| i.as_str().to_owned())
    };
    op.tags
        .first()
        .and_then(|t| from(t))
        .or_else(|| {
            path.split('/')
                .filter(|s| {
                    !s.is_empty() && !s.starts_with('{') && !s.starts_with("api") && !is_version(s)
                })
                .find_map(from)
        })
        .unwrap_or_else(|| "root".into())
}

fn is_version(segment: &str) -> bool {
    segment
        .strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// `create_tax` in `taxes` -> `create`; `None` when nothing is left.
fn shorten(full: &str, resource: &str) -> Option<String> {
    let singular = resource
        .strip_suffix("es")
        .filter(|s| s.ends_with(['x', 's', 'h']))
        .or_else(|| resource.strip_suffix('s'));
    let names: Vec<&str> = [Some(resource), singular].into_iter().flatten().collect();
    let kept: Vec<&str> = full.split('_').filter(|w| !names.contains(w)).collect();
    (!kept.is_empty() && kept.len() < full.split('_').count()).then(|| kept.join("_"))
}

fn default_name(method: &str, path: &str) -> &'static str {
    let on_one = path.trim_end_matches('/').ends_with('}');
    match (method, on_one) {
        ("get", true) => "get",
        ("get", false) => "list",
        ("post", _) => "create",
        ("put" | "patch", _) => "update",
        ("delete", _) => "delete",
        _ => "call",
    }
}

/// Short names that clash in one resource fall back to the full name.
fn name_apart(planned: &mut [Planned]) {
    let keys: Vec<(String, String)> = planned
        .iter()
        .map(|p| (p.resource.clone(), p.short.clone()))
        .collect();
    for (i, p) in planned.iter_mut().enumerate() {
        if keys.iter().filter(|k| **k == keys[i]).count() > 1 {
            p.short = p.full.clone();
        }
    }
}

fn resource_doc(cx: &Ctx, resource: &str) -> String {
    cx.doc
        .tags
        .iter()
        .find(|t| crate::names::RustIdent::snake(&t.name).is_some_and(|i| i.as_str() == resource))
        .and_then(|t| t.description.as_deref())
        .map(clean)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| format!("The `{resource}` operations."))
}

/// One endpoint.
fn endpoint(cx: &mut Ctx, p: &Planned) -> Value {
    let hint = crate::names::type_name_from(&format!("{} {}", p.resource, p.short));
    let summary = p.op.summary.as_deref().map(clean).unwrap_or_default();
    let description = p.op.description.as_deref().map(clean).unwrap_or_default();
    // A summary that is the description's first line is not said twice.
    let doc = if summary.is_empty() || description.starts_with(&summary) {
        description
    } else if description.is_empty() {
        summary
    } else {
        format!("{summary}\n\n{description}")
    };
    let doc = if doc.is_empty() {
        format!("`{} {}`.", p.method.to_uppercase(), p.path)
    } else {
        doc
    };
    let response = success(cx, p, &hint);
    let mut out = vec![
        ("method", Value::String(p.method.to_uppercase())),
        ("path", Value::String(p.path.to_owned())),
        ("doc", Value::String(doc)),
        ("source", cx.source(&p.pointer)),
    ];
    if p.op.deprecated {
        out.push(("deprecated", "deprecated in the document".into()));
    }
    let params = params(cx, p, &hint, response.as_deref());
    let paged = [
        "page",
        "cursor",
        "offset",
        "starting_after",
        "page_token",
        "pageToken",
        "after",
    ]
    .into_iter()
    .find(|k| params.contains_key(*k));
    if let Some(k) = paged.filter(|_| p.method == "get") {
        cx.report.note(&p.pointer, format!("looks paged (`{k}`): declare its pagination under `api.pagination` and `pagination:` on the endpoint (spec/README.md, Pagination)"));
    }
    if !params.is_empty() {
        out.push(("params", Value::Mapping(params)));
    }
    out.extend(body(cx, p, &hint));
    if let Some(r) = response {
        out.push(("response", r.into()));
    }
    errors(cx, p);
    map(out)
}

/// The parameters of an operation (the path item's, then its own).
fn params(cx: &mut Ctx, p: &Planned, hint: &str, response: Option<&str>) -> Mapping {
    let mut out = Mapping::new();
    let item = p.pointer.rsplit_once('/').map_or("", |(a, _)| a);
    let shared = p
        .shared
        .iter()
        .enumerate()
        .map(|(i, r)| (r, format!("{item}/parameters/{i}")));
    let own =
        p.op.parameters
            .iter()
            .enumerate()
            .map(|(i, r)| (r, format!("{}/parameters/{i}", p.pointer)));
    for (param, at) in shared.chain(own).collect::<Vec<_>>() {
        let Some(param) = resolve_param(cx, param, &at) else {
            continue;
        };
        if let Some((name, value)) = param_entry(cx, &param, &at, hint, response) {
            out.insert(name.into(), value);
        }
    }
    out
}

fn resolve_param(cx: &mut Ctx, param: &ReferenceOr<Parameter>, at: &str) -> Option<Parameter> {
    match param {
        ReferenceOr::Item(p) => Some(p.clone()),
        ReferenceOr::Reference { reference } => {
            let found = reference
                .strip_prefix("#/components/parameters/")
                .and_then(|n| {
                    cx.doc
                        .components
                        .as_ref()?
                        .parameters
                        .get(n)?
                        .as_item()
                        .cloned()
                });
            if found.is_none() {
                cx.report.note(
                    at,
                    format!("parameter `{reference}` not found: not imported"),
                );
            }
            found
        }
    }
}

fn param_entry(
    cx: &mut Ctx,
    param: &Parameter,
    at: &str,
    hint: &str,
    response: Option<&str>,
) -> Option<(String, Value)> {
    let (location, data) = match param {
        Parameter::Query { parameter_data, .. } => ("query", parameter_data),
        Parameter::Path { parameter_data, .. } => ("path", parameter_data),
        Parameter::Header { parameter_data, .. } => ("header", parameter_data),
        Parameter::Cookie { parameter_data, .. } => {
            cx.report.note(
                at,
                format!(
                    "cookie parameter `{}` not imported: the spec language sends no cookies",
                    parameter_data.name
                ),
            );
            return None;
        }
    };
    if location == "header"
        && ["authorization", "content-type", "accept"].contains(&data.name.to_lowercase().as_str())
    {
        return None;
    }
    let ParameterSchemaOrContent::Schema(schema) = &data.format else {
        cx.report.note(
            at,
            format!(
                "parameter `{}` described by `content`: read as a string",
                data.name
            ),
        );
        return Some((
            data.name.clone(),
            map(vec![
                ("in", location.into()),
                ("type", "string".into()),
                ("doc", param_doc(cx, data).into()),
            ]),
        ));
    };
    let ty = type_of(
        cx,
        schema,
        &format!("{at}/schema"),
        &format!("{hint}{}", crate::names::type_name_from(&data.name)),
    );
    let ty = match (
        ty.expr.as_str(),
        super::ids::named_by(cx, &data.name),
        data.name.as_str(),
    ) {
        ("string", Some(id), _) => id,
        ("string", None, "id") => response
            .and_then(|r| cx.ids.get(r))
            .map(|(id, _)| id.clone())
            .unwrap_or(ty.expr),
        _ => ty.expr,
    };
    let mut out = vec![
        ("in", Value::from(location)),
        ("type", Value::String(ty.clone())),
    ];
    if data.required && location != "path" {
        out.push(("required", true.into()));
    }
    if let Some(style) = query_style(cx, param, &ty, at) {
        out.push(("style", style.into()));
    }
    if data.deprecated == Some(true) {
        out.push(("deprecated", "deprecated in the document".into()));
    }
    out.push(("doc", param_doc(cx, data).into()));
    Some((data.name.clone(), map(out)))
}

fn param_doc(cx: &Ctx, data: &openapiv3::ParameterData) -> String {
    if let Some(d) = data
        .description
        .as_deref()
        .map(clean)
        .filter(|d| !d.is_empty())
    {
        return d;
    }
    match &data.format {
        ParameterSchemaOrContent::Schema(s) => lower::described(cx, s, &data.name)
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        ParameterSchemaOrContent::Content(_) => format!("`{}`.", data.name),
    }
}

/// How a list or object in the query is written, when it is one.
fn query_style(cx: &mut Ctx, param: &Parameter, ty: &str, at: &str) -> Option<&'static str> {
    let Parameter::Query {
        style,
        parameter_data,
        ..
    } = param
    else {
        return None;
    };
    let list = ty.starts_with("list<");
    match style {
        QueryStyle::DeepObject => Some("deep_object"),
        QueryStyle::Form if list && parameter_data.explode == Some(false) => Some("comma"),
        QueryStyle::Form if list => Some("repeat"),
        QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited => {
            cx.report.note(
                at,
                "space- or pipe-delimited list written comma-separated: check the API accepts it",
            );
            list.then_some("comma")
        }
        QueryStyle::Form => None,
    }
}

/// The request body, when JSON, form or multipart.
fn body(cx: &mut Ctx, p: &Planned, hint: &str) -> Vec<(&'static str, Value)> {
    let Some(body) = &p.op.request_body else {
        return Vec::new();
    };
    let at = format!("{}/requestBody", p.pointer);
    let Some(body) = resolve_body(cx, body, &at) else {
        return Vec::new();
    };
    let pick = body.content.iter().find_map(|(media, m)| {
        let encoding = match media.split(';').next().unwrap_or_default().trim() {
            "application/json" => None,
            m if m.ends_with("+json") => None,
            "application/x-www-form-urlencoded" => Some("form"),
            "multipart/form-data" => Some("multipart"),
            _ => return None,
        };
        Some((media.clone(), encoding, m.schema.clone()))
    });
    let Some((media, encoding, Some(schema))) = pick else {
        let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
        cx.report.note(
            &at,
            format!(
                "request body ({}) not imported: only JSON, form and multipart bodies are",
                types.join(", ")
            ),
        );
        return Vec::new();
    };
    let ty = type_of(
        cx,
        &schema,
        &format!("{at}/content/{}/schema", token(&media)),
        &format!("{hint}Body"),
    );
    let model = ty
        .expr
        .strip_prefix("list<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(&ty.expr);
    if !cx.out_models.contains_key(model) {
        cx.report.note(
            &at,
            format!(
                "request body of type `{}` not imported: a body is a model (or a list of one)",
                ty.expr
            ),
        );
        return Vec::new();
    }
    let mut out = vec![("body", Value::String(ty.expr))];
    if let Some(e) = encoding {
        out.push(("body_encoding", e.into()));
    }
    out
}

fn resolve_body(cx: &mut Ctx, body: &ReferenceOr<RequestBody>, at: &str) -> Option<RequestBody> {
    match body {
        ReferenceOr::Item(b) => Some(b.clone()),
        ReferenceOr::Reference { reference } => {
            let found = reference
                .strip_prefix("#/components/requestBodies/")
                .and_then(|n| {
                    cx.doc
                        .components
                        .as_ref()?
                        .request_bodies
                        .get(n)?
                        .as_item()
                        .cloned()
                });
            if found.is_none() {
                cx.report.note(
                    at,
                    format!("request body `{reference}` not found: not imported"),
                );
            }
            found
        }
    }
}

/// A response, references followed.
pub fn resolve_response(cx: &Ctx, r: &ReferenceOr<Response>) -> Option<Response> {
    match r {
        ReferenceOr::Item(r) => Some(r.clone()),
        ReferenceOr::Reference { reference } => reference
            .strip_prefix("#/components/responses/")
            .and_then(|n| {
                cx.doc
                    .components
                    .as_ref()?
                    .responses
                    .get(n)?
                    .as_item()
                    .cloned()
            }),
    }
}

/// The JSON schema of a response, if it has one.
fn json_schema(r: &Response) -> Option<(String, openapiv3::ReferenceOr<openapiv3::Schema>)> {
    r.content.iter().find_map(|(media, m)| {
        let media_type = media.split(';').next().unwrap_or_default().trim();
        (media_type == "application/json" || media_type.ends_with("+json"))
            .then(|| m.schema.clone().map(|s| (media.clone(), s)))?
    })
}

/// The type of the first 2xx response with a JSON body.
fn success(cx: &mut Ctx, p: &Planned, hint: &str) -> Option<String> {
    for (status, r) in &p.op.responses.responses {
        let ok = match status {
            StatusCode::Code(c) => (200..300).contains(c),
            StatusCode::Range(r) => *r == 2,
        };
        let at = format!("{}/responses/{status}", p.pointer);
        let Some(r) = resolve_response(cx, r).filter(|_| ok) else {
            continue;
        };
        if r.content.is_empty() {
            return None;
        }
        let Some((media, schema)) = json_schema(&r) else {
            let types: Vec<&str> = r.content.keys().map(String::as_str).collect();
            cx.report.note(
                &at,
                format!(
                    "response body ({}) not imported: only JSON responses are typed",
                    types.join(", ")
                ),
            );
            return None;
        };
        let ty = type_of(
            cx,
            &schema,
            &format!("{at}/content/{}/schema", token(&media)),
            &format!("{hint}Response"),
        );
        return Some(ty.expr);
    }
    None
}

/// Records the operation's error responses.
fn errors(cx: &mut Ctx, p: &Planned) {
    let responses =
        p.op.responses
            .responses
            .iter()
            .map(|(s, r)| (Some(s), r))
            .chain(p.op.responses.default.iter().map(|r| (None, r)));
    for (status, r) in responses {
        let code = match status {
            Some(StatusCode::Code(c)) if (400..600).contains(c) => Some(*c),
            Some(_) => continue,
            None => None,
        };
        let Some(r) = resolve_response(cx, r) else {
            continue;
        };
        let at = format!(
            "{}/responses/{}",
            p.pointer,
            status.map_or("default".into(), |s| s.to_string())
        );
        let body = json_schema(&r).map(|(media, s)| {
            lower::type_of(
                cx,
                &s,
                &format!("{at}/content/{}/schema", token(&media)),
                "ErrorBody",
            )
            .expr
        });
        cx.errors.push(ErrorResponse {
            pointer: at,
            status: code,
            description: clean(&r.description),
            body,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use heck::ToSnakeCase;

    #[test]
    fn names_lose_their_resource() {
        assert_eq!(shorten("create_tax", "taxes").as_deref(), Some("create"));
        assert_eq!(
            shorten("find_all_taxes", "taxes").as_deref(),
            Some("find_all")
        );
        assert_eq!(
            shorten("list_customers", "customers").as_deref(),
            Some("list")
        );
        assert_eq!(shorten("customers", "customers"), None);
        assert_eq!(shorten("refresh", "invoices"), None);
        assert_eq!("getCustomer".to_snake_case(), "get_customer");
    }
}
