//! Pass 3: the `api:` block. [`header`] reads what every later pass needs
//! (module name, wire case, open models); [`lower`] checks the rest
//! (base URL, auth, timestamps, headers, errors, envelopes, pagination
//! styles) against the declared types.

use std::collections::BTreeMap;

use super::header_name::valid_header_name;
use super::names::Names;
use super::pages::Style;
use super::{
    Reporter, auth, base_url, envelopes, errors, expired, form_rules, headers, pages, webhooks,
};
use crate::diag::Rule;
use crate::ir::{self, RustIdent, TypeSpace};
use crate::load::Item;
use crate::raw::RawApi;

/// The naming convention of wire names, checked on fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WireCase {
    Pascal,
    Snake,
    Camel,
    AsIs,
}

/// The parts of the `api:` block the type pass needs, and the module's identity.
pub(crate) struct ApiHeader {
    /// Index of the file holding the `api:` block.
    pub file: usize,
    pub module: RustIdent,
    pub title: String,
    pub doc: crate::ir::Doc,
    pub wire_case: WireCase,
    pub open_models: bool,
}

/// The settings pass's output besides [`ir::Settings`]: what endpoints look up.
pub(crate) struct SettingsIndex {
    pub module: RustIdent,
    pub title: String,
    pub doc: crate::ir::Doc,
    /// Pagination styles by name.
    pub styles: BTreeMap<String, Style>,
    /// How request bodies are encoded unless an endpoint says otherwise.
    pub body_encoding: ir::BodyEncoding,
}

fn api_item<'a>(cx: &Reporter<'a>) -> Option<&'a Item<RawApi>> {
    cx.spec.api.first()
}

/// Reads the `api:` block's identity; `None` (reported) when there is none.
pub(super) fn header(cx: &mut Reporter<'_>) -> Option<ApiHeader> {
    let spec = cx.spec;
    let Some(item) = api_item(cx) else {
        if !spec.files.is_empty() && spec.broken_files == 0 && !spec.broken_api {
            cx.error(
                0,
                "api",
                Rule::MissingApi,
                "no file of this API has an `api:` block",
                Some("add an `api:` block (name, title, doc, base_url, auth) to one file".into()),
            );
        }
        return None;
    };
    for dup in spec.api.iter().skip(1) {
        cx.error(
            dup.file,
            "api",
            Rule::DuplicateName,
            format!(
                "a second `api:` block (the first is in {})",
                spec.files[item.file].name
            ),
            Some("keep one `api:` block per API folder".into()),
        );
    }
    let (f, raw) = (item.file, &item.raw);
    let module = module_name(cx, f, &raw.name);
    let doc = cx.doc(f, "api", &raw.doc);
    let citation = cx.citation(
        f,
        "api",
        raw.source.as_deref(),
        raw.assumption.as_deref(),
        true,
    );
    Some(ApiHeader {
        file: f,
        module,
        title: raw.title.trim().to_owned(),
        doc: crate::ir::Doc {
            text: doc,
            assumption: citation,
        },
        wire_case: wire_case(cx, f, raw.wire_case.as_deref()),
        open_models: raw.open_models,
    })
}

fn module_name(cx: &mut Reporter<'_>, f: usize, name: &str) -> RustIdent {
    if crate::names::RESERVED_MODULES.contains(&name) {
        cx.error(
            f,
            "api.name",
            Rule::ReservedName,
            format!("`{name}` is a module or file name of the generated crate itself"),
            Some(format!(
                "name the API after the vendor's API, e.g. `{name}_api`"
            )),
        );
    }
    match RustIdent::snake(name) {
        Some(m) if m.to_string() == name => m,
        other => {
            cx.error(
                f,
                "api.name",
                Rule::BadName,
                format!("API name `{name}` must be a snake_case Rust module name"),
                other.as_ref().map(|m| format!("did you mean `{m}`?")),
            );
            other.unwrap_or_else(|| RustIdent::snake("api").expect("a valid name"))
        }
    }
}

fn wire_case(cx: &mut Reporter<'_>, f: usize, raw: Option<&str>) -> WireCase {
    match raw {
        None | Some("as_is") => WireCase::AsIs,
        Some("PascalCase") => WireCase::Pascal,
        Some("snake_case") => WireCase::Snake,
        Some("camelCase") => WireCase::Camel,
        Some(other) => {
            cx.error(
                f,
                "api.wire_case",
                Rule::BadValue,
                format!("unknown wire case `{other}`"),
                Some("use `PascalCase`, `snake_case`, `camelCase` or `as_is`".into()),
            );
            WireCase::AsIs
        }
    }
}

/// Lowers the rest of the `api:` block.
pub(super) fn lower(
    cx: &mut Reporter<'_>,
    header: ApiHeader,
    names: &Names,
    types: &TypeSpace,
) -> (ir::Settings, SettingsIndex) {
    let item = api_item(cx).expect("the header was read from it");
    let (f, raw) = (header.file, &item.raw);
    let url = base_url::lower(cx, f, raw);
    let auth = auth::lower(cx, f, &raw.auth, &url.variables_used);
    let (page_models, styles) = pages::lower(cx, f, raw, types);
    let errors = errors::lower(cx, f, raw.errors.as_ref(), names, types);
    let code_declared = raw.errors.as_ref().is_some_and(|e| e.code.is_some());
    let overridable_headers = headers::overridable(cx, f, raw, &url.variables);
    let stale = expired::lower(cx, f, &raw.auth.expired, (&errors, code_declared));
    let settings = ir::Settings {
        base_url: raw.base_url.clone(),
        variables: url.variables,
        environments: url.environments,
        auth,
        envelopes: envelopes::lower(cx, f, &raw.envelopes),
        timestamp_format: timestamp_format(cx, f, raw),
        default_headers: headers::defaults(cx, f, raw),
        overridable_headers,
        response_headers: response_headers(cx, f, raw),
        request_id_in_body: request_id_in_body(cx, f, raw),
        form: form_rules::lower(cx, f, raw),
        webhooks: webhooks::lower(cx, f, raw, types),
        errors,
        page_models,
        stale,
    };
    let body_encoding = raw
        .body_encoding
        .as_deref()
        .map_or(ir::BodyEncoding::Json, |e| {
            body_encoding(cx, f, "api.body_encoding", e)
        });
    let index = SettingsIndex {
        module: header.module,
        title: header.title,
        doc: header.doc,
        styles,
        body_encoding,
    };
    (settings, index)
}

fn timestamp_format(cx: &mut Reporter<'_>, f: usize, raw: &RawApi) -> Option<ir::TimestampFormat> {
    let t = raw.timestamp_format.as_ref()?;
    let offset = match t.offset.as_str() {
        "Z" => ir::OffsetStyle::Zulu,
        "+HH:MM" => ir::OffsetStyle::Colon,
        "+HHMM" => ir::OffsetStyle::NoColon,
        other => {
            cx.error(
                f,
                "api.timestamp_format.offset",
                Rule::BadValue,
                format!("unknown offset style `{other}`"),
                Some("use `Z`, `+HH:MM` or `+HHMM`".into()),
            );
            ir::OffsetStyle::Zulu
        }
    };
    if t.fraction_digits > 9 {
        cx.error(
            f,
            "api.timestamp_format.fraction_digits",
            Rule::BadValue,
            "at most 9 fraction digits",
            None,
        );
    }
    Some(ir::TimestampFormat {
        fraction_digits: t.fraction_digits.min(9),
        offset,
    })
}

fn response_headers(cx: &mut Reporter<'_>, f: usize, raw: &RawApi) -> ir::ResponseHeaders {
    let h = &raw.response_headers;
    for (key, value) in [
        ("etag", &h.etag),
        ("rate_limit_limit", &h.rate_limit_limit),
        ("rate_limit_remaining", &h.rate_limit_remaining),
        ("request_id", &h.request_id),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !valid_header_name(v)) {
            cx.error(
                f,
                &format!("api.response_headers.{key}"),
                Rule::BadHeader,
                format!("`{v}` is not a valid header name"),
                None,
            );
        }
    }
    ir::ResponseHeaders {
        etag: h.etag.clone(),
        rate_limit_limit: h.rate_limit_limit.clone(),
        rate_limit_remaining: h.rate_limit_remaining.clone(),
        request_id: h.request_id.clone(),
    }
}

/// A body encoding by its spec name (reported and JSON when unknown).
pub(super) fn body_encoding(
    cx: &mut Reporter<'_>,
    f: usize,
    path: &str,
    name: &str,
) -> ir::BodyEncoding {
    match ir::BodyEncoding::ALL.iter().find(|(n, _)| *n == name) {
        Some((_, e)) => *e,
        None => {
            cx.error(
                f,
                path,
                Rule::BadValue,
                format!("unknown body encoding `{name}`"),
                Some(format!(
                    "use one of {}",
                    ir::BodyEncoding::ALL
                        .iter()
                        .map(|(n, _)| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            ir::BodyEncoding::Json
        }
    }
}

/// `request_id_in_body`: a JSON pointer (`/meta/request_id`) with no empty
/// step.
fn request_id_in_body(cx: &mut Reporter<'_>, f: usize, raw: &RawApi) -> Option<String> {
    let pointer = raw.request_id_in_body.as_deref()?.trim();
    let steps_ok = pointer.starts_with('/') && pointer[1..].split('/').all(|s| !s.is_empty());
    if !steps_ok {
        cx.error(
            f,
            "api.request_id_in_body",
            Rule::BadValue,
            format!("`{pointer}` is not a JSON pointer to a field"),
            Some("write the path from the top of the body, e.g. `/meta/request_id`".into()),
        );
        return None;
    }
    Some(pointer.to_owned())
}
