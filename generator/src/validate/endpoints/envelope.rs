//! An endpoint's `envelope:`: which declared envelope, whether the body
//! records are wrapped, where the results are and what the caller gets.

use super::super::Reporter;
use super::super::envelopes::valid_key;
use super::Endpoints;
use crate::diag::{Rule, did_you_mean};
use crate::ir::{EnvelopeId, EnvelopeResult, NotFound};
use crate::raw::RawEndpointEnvelope;

/// How an endpoint uses an envelope.
pub(super) struct EnvelopeUse {
    pub id: EnvelopeId,
    /// Body records are wrapped (the method takes a slice).
    pub wrap: bool,
    /// Key of the response list.
    pub key: String,
    pub result: EnvelopeResult,
}

/// Resolves an endpoint's `envelope:`; `envelope_params` says whether it has
/// `in: envelope` parameters.
pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    (f, p): (usize, &str),
    raw: &RawEndpointEnvelope,
    has_body: bool,
    envelope_params: bool,
) -> Option<EnvelopeUse> {
    let path = format!("{p}.envelope");
    let found = eps.envelope_names.iter().position(|n| *n == raw.name);
    let Some(index) = found else {
        if eps.api_unknown {
            return None;
        }
        let help = did_you_mean(&raw.name, eps.envelope_names.iter().copied())
            .or_else(|| Some("declare it under `api.envelopes`".into()));
        cx.error(
            f,
            &format!("{path}.name"),
            Rule::BadEnvelope,
            format!("envelope `{}` is not declared", raw.name),
            help,
        );
        return None;
    };
    let has_status = eps.envelope_has_status[index];
    let result = result(cx, &path, f, raw, has_status)?;
    let wrap = raw.wrap.unwrap_or(has_body);
    if wrap && !has_body {
        cx.error(
            f,
            &format!("{path}.wrap"),
            Rule::BadEnvelope,
            "`wrap: true` needs a `body` (the record type)",
            None,
        );
    }
    if !wrap && envelope_params {
        cx.error(
            f,
            &format!("{path}.wrap"),
            Rule::BadEnvelope,
            "`in: envelope` parameters need a wrapped body",
            Some("remove `wrap: false` or make the parameters body fields".into()),
        );
    }
    if !valid_key(&raw.response) {
        cx.error(
            f,
            &format!("{path}.response"),
            Rule::BadEnvelope,
            format!(
                "`{}` is not a JSON key this generator accepts",
                raw.response
            ),
            None,
        );
    }
    Some(EnvelopeUse {
        id: EnvelopeId(index),
        wrap,
        key: raw.response.clone(),
        result,
    })
}

fn result(
    cx: &mut Reporter<'_>,
    path: &str,
    f: usize,
    raw: &RawEndpointEnvelope,
    has_status: bool,
) -> Option<EnvelopeResult> {
    let result = match raw.result.as_str() {
        "list" => EnvelopeResult::List(NotFound::Error),
        "each" => EnvelopeResult::Each,
        "one" if has_status => EnvelopeResult::OneChecked,
        "one" => EnvelopeResult::One,
        other => {
            cx.error(
                f,
                &format!("{path}.result"),
                Rule::BadEnvelope,
                format!("`result: {other}` is not a result kind"),
                Some("use `list` (all items), `each` (one outcome per record) or `one`".into()),
            );
            return None;
        }
    };
    if result == EnvelopeResult::Each && !has_status {
        cx.error(
            f,
            &format!("{path}.result"),
            Rule::BadEnvelope,
            format!("`result: each` needs a `status` on envelope `{}`", raw.name),
            Some("declare `status: {code, ok}` on the envelope, or use `result: list`".into()),
        );
    }
    let list = matches!(result, EnvelopeResult::List(_));
    Some(match raw.not_found.as_deref() {
        None | Some("error") => result,
        Some("empty") if list => EnvelopeResult::List(NotFound::Empty),
        Some(other) => {
            cx.error(
                f,
                &format!("{path}.not_found"),
                Rule::BadEnvelope,
                format!("`not_found: {other}` is not allowed here"),
                Some("`empty` (with `result: list`) or `error`".into()),
            );
            result
        }
    })
}
