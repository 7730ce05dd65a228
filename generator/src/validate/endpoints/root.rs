//! Root-key wrapped bodies: `body_key` sends the body as `{"<key>": body}`,
//! `response_key` reads the response from under its key.

use super::super::Reporter;
use super::super::envelopes::valid_key;
use crate::diag::Rule;
use crate::load::Item;
use crate::raw::RawEndpoint;

/// The keys a body is wrapped in and a response is read from.
#[derive(Default)]
pub(super) struct Roots {
    pub body: Option<String>,
    pub response: Option<String>,
}

pub(super) fn resolve(cx: &mut Reporter<'_>, item: &Item<RawEndpoint>) -> Roots {
    let (f, p, raw) = (item.file, item.path.as_str(), &item.raw);
    let mut check = |key: &str, value: &Option<String>, present: bool, what: &str| {
        let v = value.as_ref()?;
        let path = format!("{p}.{key}");
        if !valid_key(v) {
            cx.error(
                f,
                &path,
                Rule::BadValue,
                format!("`{v}` is not a JSON key this generator accepts"),
                Some("use letters, digits, `_` and `-`".into()),
            );
        }
        if !present {
            cx.error(
                f,
                &path,
                Rule::MissingKey,
                format!("`{key}` needs a `{what}`"),
                Some(format!("add `{what}` or remove `{key}`")),
            );
        }
        if raw.envelope.is_some() {
            cx.error(
                f,
                &path,
                Rule::BadEnvelope,
                format!("`{key}` and `envelope` both say where the records are; keep one"),
                None,
            );
        }
        Some(v.clone())
    };
    let body = check("body_key", &raw.body_key, raw.body.is_some(), "body");
    let response = check(
        "response_key",
        &raw.response_key,
        raw.response.is_some(),
        "response",
    );
    if response.is_some() && raw.pagination.is_some() {
        cx.error(
            f,
            &format!("{p}.response_key"),
            Rule::BadValue,
            "`response_key` cannot be combined with `pagination` yet",
            Some("describe the page model with the wrapper as its fields".into()),
        );
    }
    Roots { body, response }
}
