//! `api.default_headers` (sent with every request) and
//! `api.overridable_headers` (sent with the spec's value unless the caller
//! sets another through the builder method each gets).

use std::collections::BTreeSet;

use super::Reporter;
use super::header_name::valid_header_name;
use crate::diag::Rule;
use crate::ir::{self, RustIdent};
use crate::raw::RawApi;

/// Visible ASCII (and tab): what a header value can hold as written.
fn visible(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
}

pub(super) fn defaults(cx: &mut Reporter<'_>, f: usize, raw: &RawApi) -> Vec<ir::Header> {
    let mut out = Vec::new();
    for (name, value) in &raw.default_headers.0 {
        if !valid_header_name(name) || !visible(value) {
            let msg = format!("`{name}: {value}` is not a valid header");
            cx.error(
                f,
                &format!("api.default_headers.{name}"),
                Rule::BadHeader,
                msg,
                None,
            );
        }
        out.push(ir::Header {
            name: name.to_ascii_lowercase(),
            value: value.clone(),
        });
    }
    out
}

/// The overridable headers, with builder methods that collide with no
/// other builder method or base-URL variable.
pub(super) fn overridable(
    cx: &mut Reporter<'_>,
    f: usize,
    raw: &RawApi,
    variables: &[ir::Variable],
) -> Vec<ir::OverridableHeader> {
    let fixed: BTreeSet<String> = raw
        .default_headers
        .0
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect();
    let mut taken: BTreeSet<String> = variables
        .iter()
        .map(|v| v.method.as_str().to_owned())
        .collect();
    let mut out = Vec::new();
    for (name, h) in &raw.overridable_headers.0 {
        let p = format!("api.overridable_headers.{name}");
        let doc = cx.doc(f, &p, &h.doc);
        let cite = cx.citation(f, &p, h.source.as_deref(), h.assumption.as_deref(), false);
        let doc = crate::ir::Doc {
            text: doc,
            assumption: cite,
        };
        if !valid_header_name(name) || !visible(&h.value) {
            let msg = format!("`{name}: {}` is not a valid header", h.value);
            cx.error(f, &p, Rule::BadHeader, msg, None);
            continue;
        }
        let lower = name.to_ascii_lowercase();
        if fixed.contains(&lower) {
            let msg = format!("`{name}` is both a default header and an overridable one");
            cx.error(
                f,
                &p,
                Rule::DuplicateName,
                msg,
                Some("keep it under `overridable_headers` only".into()),
            );
            continue;
        }
        let Some(method) = method(cx, f, &p, name, h.method.as_deref(), &mut taken) else {
            continue;
        };
        out.push(ir::OverridableHeader {
            header: ir::Header {
                name: lower,
                value: h.value.clone(),
            },
            wire_name: name.clone(),
            method,
            doc,
        });
    }
    out
}

fn method(
    cx: &mut Reporter<'_>,
    f: usize,
    p: &str,
    name: &str,
    given: Option<&str>,
    taken: &mut BTreeSet<String>,
) -> Option<RustIdent> {
    let method = match given {
        Some(m) => RustIdent::parse(m),
        None => RustIdent::snake(name),
    };
    let Some(method) = method else {
        let msg = format!("header `{name}` gives no usable builder method name");
        cx.error(
            f,
            p,
            Rule::BadName,
            msg,
            Some("set `method: <snake_case name>`".into()),
        );
        return None;
    };
    // Clashes with other builder methods are the scope step's
    // (`validate/scopes.rs`); two headers of one method are reported here,
    // at the header that takes it second.
    let text = method.as_str().to_owned();
    if !taken.insert(text.clone()) {
        let msg = format!(
            "builder method `{text}` of header `{name}` is taken by another builder method"
        );
        cx.error(
            f,
            p,
            Rule::DuplicateName,
            msg,
            Some("set another `method:`".into()),
        );
        return None;
    }
    Some(method)
}
