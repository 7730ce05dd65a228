//! `api.envelopes` and the endpoints' `envelope:`: records wrapped in a
//! request key, results unwrapped from a response key with a per-record status.

use super::{with_citation, Ctx};
use crate::ir;
use crate::raw::{Ordered, RawEndpointEnvelope, RawEnvelope};

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The statics' name of an envelope: `brm` -> `BRM`.
pub(super) fn const_name(name: &str) -> String {
    crate::ident::shouty(name).unwrap_or_else(|| name.to_ascii_uppercase())
}

pub(super) fn lower(
    ctx: &mut Ctx<'_>,
    f: usize,
    raw: &Ordered<String, RawEnvelope>,
) -> Vec<ir::Envelope> {
    let mut out = Vec::new();
    for (name, env) in &raw.0 {
        let p = format!("api.envelopes.{name}");
        let doc = ctx.doc(f, &p, &env.doc);
        let cite = ctx.citation(
            f,
            &p,
            env.source.as_deref(),
            env.assumption.as_deref(),
            true,
        );
        let mut keys = vec![
            ("records", Some(&env.records)),
            ("nulls", env.nulls.as_ref()),
        ];
        if let Some(st) = &env.status {
            keys.extend([
                ("status.code", Some(&st.code)),
                ("status.text", st.text.as_ref()),
                ("status.field", st.field.as_ref()),
            ]);
            if st.ok.is_empty() {
                ctx.error(
                    f,
                    &format!("{p}.status.ok"),
                    "missing-key",
                    "`ok` lists no success code",
                    Some("e.g. `ok: [\"0\"]`".into()),
                );
            }
        }
        for (key, value) in keys {
            if let Some(v) = value.filter(|v| !valid_key(v)) {
                ctx.error(
                    f,
                    &format!("{p}.{key}"),
                    "bad-value",
                    format!("`{v}` is not a JSON key this generator accepts"),
                    Some("use letters, digits, `_` and `-`".into()),
                );
            }
        }
        out.push(ir::Envelope {
            const_name: const_name(name),
            doc: with_citation(&doc, &cite),
            records: env.records.clone(),
            nulls: env.nulls.clone(),
            status: env.status.as_ref().map(|st| ir::RecordStatus {
                code: st.code.clone(),
                ok: st.ok.clone(),
                text: st.text.clone(),
                field: st.field.clone(),
            }),
        });
    }
    out
}

/// Resolves an endpoint's `envelope:`; `extra` are its `in: envelope` parameters.
pub(super) fn endpoint(
    ctx: &mut Ctx<'_>,
    f: usize,
    p: &str,
    raw: &RawEndpointEnvelope,
    has_body: bool,
    extra: Vec<ir::Param>,
) -> Option<ir::EndpointEnvelope> {
    let path = format!("{p}.envelope");
    let declared = ctx
        .spec
        .api
        .first()
        .map(|a| &a.raw.envelopes)
        .and_then(|envs| envs.0.iter().find(|(n, _)| n == &raw.name).map(|(_, e)| e));
    let Some(env) = declared else {
        let names: Vec<String> = ctx
            .spec
            .api
            .first()
            .map(|a| a.raw.envelopes.0.iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default();
        let help = crate::diag::did_you_mean(&raw.name, names.iter().map(String::as_str))
            .or_else(|| Some("declare it under `api.envelopes`".into()));
        ctx.error(
            f,
            &format!("{path}.name"),
            "bad-envelope",
            format!("envelope `{}` is not declared", raw.name),
            help,
        );
        return None;
    };
    let result = match raw.result.as_str() {
        "list" => ir::EnvelopeResult::List,
        "each" => ir::EnvelopeResult::Each,
        "one" => ir::EnvelopeResult::One,
        other => {
            ctx.error(
                f,
                &format!("{path}.result"),
                "bad-envelope",
                format!("`result: {other}` is not a result kind"),
                Some("use `list` (all items), `each` (one outcome per record) or `one`".into()),
            );
            return None;
        }
    };
    if result == ir::EnvelopeResult::Each && env.status.is_none() {
        ctx.error(
            f,
            &format!("{path}.result"),
            "bad-envelope",
            format!("`result: each` needs a `status` on envelope `{}`", raw.name),
            Some("declare `status: {code, ok}` on the envelope, or use `result: list`".into()),
        );
    }
    let not_found_empty = match raw.not_found.as_deref() {
        None | Some("error") => false,
        Some("empty") if result == ir::EnvelopeResult::List => true,
        Some(other) => {
            ctx.error(
                f,
                &format!("{path}.not_found"),
                "bad-envelope",
                format!("`not_found: {other}` is not allowed here"),
                Some("`empty` (with `result: list`) or `error`".into()),
            );
            false
        }
    };
    let wrap = raw.wrap.unwrap_or(has_body);
    if wrap && !has_body {
        ctx.error(
            f,
            &format!("{path}.wrap"),
            "bad-envelope",
            "`wrap: true` needs a `body` (the record type)",
            None,
        );
    }
    if !wrap && !extra.is_empty() {
        ctx.error(
            f,
            &format!("{path}.wrap"),
            "bad-envelope",
            "`in: envelope` parameters need a wrapped body",
            Some("remove `wrap: false` or make the parameters body fields".into()),
        );
    }
    if !valid_key(&raw.response) {
        ctx.error(
            f,
            &format!("{path}.response"),
            "bad-envelope",
            format!(
                "`{}` is not a JSON key this generator accepts",
                raw.response
            ),
            None,
        );
    }
    Some(ir::EndpointEnvelope {
        envelope: const_name(&raw.name),
        has_status: env.status.is_some(),
        wrap,
        extra,
        response_key: raw.response.clone(),
        result,
        not_found_empty,
    })
}
