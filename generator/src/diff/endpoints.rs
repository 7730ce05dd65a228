//! Resources and endpoints, matched by their Rust names (`client.<resource>().<method>`).

use super::{Changes, Kind};
use crate::emit::{response_text, signature, type_text};
use crate::ir::{Api, Endpoint, Idempotency, TypeSpace};

pub fn compare(cx: &mut Changes, old: &Api, new: &Api) {
    for r in &old.resources {
        let path = format!("resources.{}", r.accessor);
        let Some(s) = new.resources.iter().find(|s| s.accessor == r.accessor) else {
            cx.push(
                Kind::Breaking,
                path,
                format!("`client.{}()` is removed", r.accessor),
            );
            continue;
        };
        if r.doc.text != s.doc.text {
            cx.push(Kind::Docs, &path, "its doc changed");
        }
        for e in &r.endpoints {
            let at = format!("{path}.endpoints.{}", e.method);
            match s.endpoints.iter().find(|f| f.method == e.method) {
                None => cx.push(
                    Kind::Breaking,
                    at,
                    format!("`{}().{}` is removed", r.accessor, e.method),
                ),
                Some(f) => endpoint(cx, &at, (e, &old.types), (f, &new.types)),
            }
        }
        for f in s
            .endpoints
            .iter()
            .filter(|f| !r.endpoints.iter().any(|e| e.method == f.method))
        {
            cx.push(
                Kind::Additive,
                format!("{path}.endpoints.{}", f.method),
                format!("`{}().{}` is new", r.accessor, f.method),
            );
        }
    }
    for s in new
        .resources
        .iter()
        .filter(|s| !old.resources.iter().any(|r| r.accessor == s.accessor))
    {
        cx.push(
            Kind::Additive,
            format!("resources.{}", s.accessor),
            format!("`client.{}()` is new", s.accessor),
        );
    }
}

fn endpoint(
    cx: &mut Changes,
    at: &str,
    (e, et): (&Endpoint, &TypeSpace),
    (f, ft): (&Endpoint, &TypeSpace),
) {
    let (was, now) = (signature(e, et), signature(f, ft));
    if was != now {
        cx.push(
            Kind::Breaking,
            at,
            format!(
                "arguments are `({})` (were `({})`)",
                now.join(", "),
                was.join(", ")
            ),
        );
    }
    if e.http_method != f.http_method || e.path_template != f.path_template {
        cx.semantic(at, format!("calls `{} {}` (was `{} {}`): old code compiles, and the same call does something else", f.http_method.as_str(), f.path_template, e.http_method.as_str(), e.path_template));
    }
    let (r0, r1) = (response_text(e, et), response_text(f, ft));
    if r0 != r1 {
        cx.push(Kind::Breaking, at, format!("returns `{r1}` (was `{r0}`)"));
    }
    query(cx, at, (e, et), (f, ft));
    match (&e.pagination, &f.pagination) {
        (None, Some(_)) => cx.push(
            Kind::Additive,
            at,
            format!("pages now: `{0}_pages` and `{0}_items` are new", f.method),
        ),
        (Some(_), None) => cx.push(
            Kind::Breaking,
            at,
            format!(
                "no longer pages: `{0}_pages` and `{0}_items` are removed",
                e.method
            ),
        ),
        _ => {}
    }
    let keyed = |i: &Idempotency| matches!(i, Idempotency::Keyed(_));
    match (keyed(&e.idempotency), keyed(&f.idempotency)) {
        (false, true) => cx.push(Kind::Additive, at, "takes an idempotency key now (`.idempotency_key(..)`); retried like an idempotent call"),
        (true, false) => cx.push(Kind::Breaking, at, "takes no idempotency key any more"),
        _ if std::mem::discriminant(&e.idempotency) != std::mem::discriminant(&f.idempotency) => {
            cx.push(Kind::Wire, at, "retried differently (idempotent or not)");
        }
        _ => {}
    }
    if e.if_match != f.if_match {
        let kind = if f.if_match {
            Kind::Additive
        } else {
            Kind::Breaking
        };
        cx.push(
            kind,
            at,
            if f.if_match {
                "takes `.if_match(..)` now"
            } else {
                "no longer takes `.if_match(..)`"
            },
        );
    }
    let body = |e: &Endpoint| format!("{:?}", e.body);
    if body(e) != body(f) && was == now {
        cx.push(Kind::Wire, at, "the request body is written differently (encoding, root key, fixed members or envelope)");
    }
    let pages = |e: &Endpoint| e.pagination.as_ref().map(|p| format!("{:?}", p.paging));
    if e.pagination.is_some() && f.pagination.is_some() && pages(e) != pages(f) {
        cx.push(
            Kind::Wire,
            at,
            "pages differently (position, signals or stop rules)",
        );
    }
    if e.doc.text != f.doc.text {
        cx.push(Kind::Docs, at, "its doc changed");
    }
    if e.deprecated != f.deprecated {
        cx.push(
            Kind::Docs,
            at,
            if f.deprecated.is_some() {
                "now deprecated"
            } else {
                "no longer deprecated"
            },
        );
    }
}

/// The optional query parameters (the query struct's setters).
fn query(
    cx: &mut Changes,
    at: &str,
    (e, et): (&Endpoint, &TypeSpace),
    (f, ft): (&Endpoint, &TypeSpace),
) {
    let params = |e: &Endpoint| {
        e.query
            .as_ref()
            .map(|q| q.params.clone())
            .unwrap_or_default()
    };
    let (old, new) = (params(e), params(f));
    for p in &old {
        let path = format!("{at}.params.{}", p.wire);
        match new.iter().find(|q| q.rust == p.rust) {
            None => cx.push(
                Kind::Breaking,
                path,
                format!("query parameter `{}` is removed", p.rust),
            ),
            Some(q) if type_text(&q.ty, ft) != type_text(&p.ty, et) => {
                cx.push(
                    Kind::Breaking,
                    path,
                    format!(
                        "query parameter `{}` is `{}` (was `{}`)",
                        p.rust,
                        type_text(&q.ty, ft),
                        type_text(&p.ty, et)
                    ),
                );
            }
            Some(q) if q.wire != p.wire => cx.push(
                Kind::Wire,
                path,
                format!(
                    "query parameter `{}` is sent as `{}` (was `{}`)",
                    p.rust, q.wire, p.wire
                ),
            ),
            Some(_) => {}
        }
    }
    for q in new.iter().filter(|q| !old.iter().any(|p| p.rust == q.rust)) {
        cx.push(
            Kind::Additive,
            format!("{at}.params.{}", q.wire),
            format!(
                "optional query parameter `{}` is new (the query struct is `#[non_exhaustive]`)",
                q.rust
            ),
        );
    }
}
