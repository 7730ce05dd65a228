//! `api.auth.expired`: the responses that mean a token or session expired
//! (statuses, and statuses whose error body carries a given code). Without
//! it, a 401 does. A code needs the error body's `errors.code`.

use super::Reporter;
use crate::diag::Rule;
use crate::ir::{ErrorShape, Stale};
use crate::raw::RawExpired;

/// `code_declared`: the spec names `errors.code` (it may have failed to
/// lower, which was reported already).
pub(super) fn lower(
    cx: &mut Reporter<'_>,
    f: usize,
    raw: &[RawExpired],
    (errors, code_declared): (&ErrorShape, bool),
) -> Stale {
    if raw.is_empty() {
        return Stale {
            statuses: vec![401],
            codes: Vec::new(),
        };
    }
    let has_code = errors.body.as_ref().is_some_and(|b| b.code.is_some());
    let mut stale = Stale {
        statuses: Vec::new(),
        codes: Vec::new(),
    };
    for (i, e) in raw.iter().enumerate() {
        let at = format!("api.auth.expired[{i}]");
        if !(400..=599).contains(&e.status) {
            let msg = format!("status {} is not an error status (400-599)", e.status);
            cx.error(f, &format!("{at}.status"), Rule::BadStatus, msg, None);
            continue;
        }
        match &e.code {
            None if stale.statuses.contains(&e.status) => duplicate(cx, f, &at),
            None => stale.statuses.push(e.status),
            Some(_) if !has_code && code_declared => {}
            Some(code) if !has_code => {
                let msg = format!(
                    "`code: {code}` is read from the error body, but `api.errors` declares no `code`"
                );
                let help =
                    Some("add `errors: {body: <Model>, code: <field>}`, or remove `code`".into());
                cx.error(f, &format!("{at}.code"), Rule::MissingKey, msg, help);
            }
            Some(code) if stale.codes.iter().any(|(s, c)| *s == e.status && c == code) => {
                duplicate(cx, f, &at)
            }
            Some(code) => stale.codes.push((e.status, code.clone())),
        }
    }
    stale
}

fn duplicate(cx: &mut Reporter<'_>, f: usize, at: &str) {
    let msg = "this expiry signal is declared twice";
    cx.error(f, at, Rule::DuplicateName, msg, Some("remove one".into()));
}
