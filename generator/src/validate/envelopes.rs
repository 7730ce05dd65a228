//! `api.envelopes`: records wrapped in a request key, results unwrapped from
//! a response key with a per-record status. Endpoints refer to them by
//! [`ir::EnvelopeId`] (see `endpoints/envelope.rs`).

use super::Reporter;
use crate::diag::Rule;
use crate::ir;
use crate::names;
use crate::raw::{Ordered, RawEnvelope};

/// Whether `key` is a JSON key this generator accepts in envelopes.
pub(super) fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

pub(super) fn lower(
    cx: &mut Reporter<'_>,
    f: usize,
    raw: &Ordered<String, RawEnvelope>,
) -> Vec<ir::Envelope> {
    let mut out = Vec::new();
    for (name, env) in &raw.0 {
        let p = format!("api.envelopes.{name}");
        let doc = cx.doc(f, &p, &env.doc);
        let cite = cx.citation(
            f,
            &p,
            env.source.as_deref(),
            env.assumption.as_deref(),
            true,
        );
        check_keys(cx, f, &p, env);
        out.push(ir::Envelope {
            base: names::envelope_base(name),
            doc: crate::ir::Doc {
                text: doc,
                assumption: cite,
            },
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

fn check_keys(cx: &mut Reporter<'_>, f: usize, p: &str, env: &RawEnvelope) {
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
            cx.error(
                f,
                &format!("{p}.status.ok"),
                Rule::MissingKey,
                "`ok` lists no success code",
                Some("e.g. `ok: [\"0\"]`".into()),
            );
        }
    }
    for (key, value) in keys {
        if let Some(v) = value.filter(|v| !valid_key(v)) {
            cx.error(
                f,
                &format!("{p}.{key}"),
                Rule::BadValue,
                format!("`{v}` is not a JSON key this generator accepts"),
                Some("use letters, digits, `_` and `-`".into()),
            );
        }
    }
}
