//! The `api:` block: base URL, variables, environments, auth, headers,
//! error shape and webhooks.

use super::{Changes, Kind};
use crate::emit::type_text;
use crate::ir::{Api, AuthScheme};

pub fn compare(cx: &mut Changes, old: &Api, new: &Api) {
    let (o, n) = (&old.settings, &new.settings);
    if o.base_url != n.base_url {
        cx.push(
            Kind::Wire,
            "api.base_url",
            format!("requests go to `{}` (was `{}`)", n.base_url, o.base_url),
        );
    }
    let names =
        |v: &[crate::ir::Variable]| v.iter().map(|v| v.method.to_string()).collect::<Vec<_>>();
    if names(&o.variables) != names(&n.variables) {
        cx.push(
            Kind::Breaking,
            "api.variables",
            format!(
                "base URL variables are `{:?}` (were `{:?}`): builders set them",
                names(&n.variables),
                names(&o.variables)
            ),
        );
    }
    for e in &o.environments {
        if !n.environments.iter().any(|f| f.variant == e.variant) {
            cx.push(
                Kind::Breaking,
                format!("api.environments.{}", e.variant),
                format!("`Environment::{}` is removed", e.variant),
            );
        }
    }
    for f in n
        .environments
        .iter()
        .filter(|f| !o.environments.iter().any(|e| e.variant == f.variant))
    {
        cx.push(
            Kind::Additive,
            format!("api.environments.{}", f.variant),
            format!("`Environment::{}` is new", f.variant),
        );
    }
    auth(cx, &o.auth.scheme, &n.auth.scheme);
    errors(cx, old, new);
    webhooks(cx, old, new);
    overridable(cx, old, new);
    rest(cx, old, new);
}

/// Overridable headers: each is a builder method.
fn overridable(cx: &mut Changes, old: &Api, new: &Api) {
    let (o, n) = (
        &old.settings.overridable_headers,
        &new.settings.overridable_headers,
    );
    for h in o {
        let at = format!("api.overridable_headers.{}", h.header.name);
        match n.iter().find(|g| g.method == h.method) {
            None => cx.push(
                Kind::Breaking,
                at,
                format!("the builder method `{}` is removed", h.method),
            ),
            Some(g) if g.header.name != h.header.name || g.header.value != h.header.value => cx
                .push(
                    Kind::Wire,
                    at,
                    format!(
                        "`{}` sends `{}: {}` by default (was `{}: {}`)",
                        g.method, g.header.name, g.header.value, h.header.name, h.header.value
                    ),
                ),
            Some(_) => {}
        }
    }
    for g in n.iter().filter(|g| !o.iter().any(|h| h.method == g.method)) {
        cx.push(
            Kind::Additive,
            format!("api.overridable_headers.{}", g.header.name),
            format!("the builder method `{}` is new", g.method),
        );
    }
}

/// Every other part of the `api:` block, compared whole: how bodies,
/// timestamps, envelopes, pages, expiry and logins are read and written.
/// A difference there changes what travels, not the Rust API.
fn rest(cx: &mut Changes, old: &Api, new: &Api) {
    let (o, n) = (&old.settings, &new.settings);
    let parts: [(&str, String, String); 8] = [
        (
            "api.timestamp_format",
            format!("{:?}", o.timestamp_format),
            format!("{:?}", n.timestamp_format),
        ),
        (
            "api.response_headers",
            format!("{:?}", o.response_headers),
            format!("{:?}", n.response_headers),
        ),
        (
            "api.request_id_in_body",
            format!("{:?}", o.request_id_in_body),
            format!("{:?}", n.request_id_in_body),
        ),
        ("api.form", format!("{:?}", o.form), format!("{:?}", n.form)),
        (
            "api.envelopes",
            format!("{:?}", o.envelopes),
            format!("{:?}", n.envelopes),
        ),
        (
            "api.pagination",
            format!("{:?}", o.page_models),
            format!("{:?}", n.page_models),
        ),
        (
            "api.auth.expired",
            format!("{:?}", o.stale),
            format!("{:?}", n.stale),
        ),
        (
            "api.auth",
            format!("{:?}", o.auth.scheme),
            format!("{:?}", n.auth.scheme),
        ),
    ];
    for (item, was, now) in parts {
        if was != now && !cx.out.iter().any(|c| c.item == item) {
            cx.push(Kind::Wire, item, "how requests or responses are written or read changed here (or its docs): review it");
        }
    }
}

/// The default headers and the error shape.
fn errors(cx: &mut Changes, old: &Api, new: &Api) {
    let (o, n) = (&old.settings, &new.settings);
    let headers = |h: &[crate::ir::Header]| {
        h.iter()
            .map(|h| format!("{}: {}", h.name, h.value))
            .collect::<Vec<_>>()
    };
    if headers(&o.default_headers) != headers(&n.default_headers) {
        cx.push(
            Kind::Wire,
            "api.default_headers",
            "the headers every request sends changed",
        );
    }
    let body = |a: &Api| {
        a.settings
            .errors
            .body
            .as_ref()
            .map(|b| a.types.name(b.model).to_string())
    };
    if body(old) != body(new) {
        cx.push(
            Kind::Breaking,
            "api.errors.body",
            format!(
                "errors carry `{}` (was `{}`)",
                body(new).unwrap_or("serde_json::Value".into()),
                body(old).unwrap_or("serde_json::Value".into())
            ),
        );
    }
    let statuses = |a: &Api| {
        a.settings
            .errors
            .statuses
            .iter()
            .map(|s| (s.status, s.not_processed, s.doc.text.clone()))
            .collect::<Vec<_>>()
    };
    let (so, sn) = (statuses(old), statuses(new));
    if so != sn {
        let retried =
            |v: &[(u16, bool, String)]| v.iter().filter(|s| s.1).map(|s| s.0).collect::<Vec<_>>();
        let kind = if retried(&so) != retried(&sn) {
            Kind::Wire
        } else {
            Kind::Docs
        };
        cx.push(
            kind,
            "api.errors.statuses",
            if kind == Kind::Wire {
                "the statuses retried as not processed changed"
            } else {
                "the documented error statuses changed"
            },
        );
    }
}

fn auth(cx: &mut Changes, o: &AuthScheme, n: &AuthScheme) {
    let word = |a: &AuthScheme| match a {
        AuthScheme::None => "none",
        AuthScheme::Bearer {
            client_credentials: None,
        } => "bearer",
        AuthScheme::Bearer {
            client_credentials: Some(_),
        } => "bearer with client credentials",
        AuthScheme::Basic { api_key: None } => "basic",
        AuthScheme::Basic { api_key: Some(_) } => "basic with an API key",
        AuthScheme::Session(_) => "session",
    };
    if word(o) != word(n) {
        cx.push(
            Kind::Breaking,
            "api.auth",
            format!(
                "auth is {} (was {}): the builder's credential methods change",
                word(n),
                word(o)
            ),
        );
    }
}

fn webhooks(cx: &mut Changes, old: &Api, new: &Api) {
    let events = |a: &Api| {
        a.settings
            .webhooks
            .as_ref()
            .map(|w| {
                w.events
                    .iter()
                    .map(|e| {
                        (
                            e.variant.to_string(),
                            e.wire.clone(),
                            type_text(&e.payload, &a.types),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let (o, n) = (events(old), events(new));
    for (variant, wire, payload) in &o {
        let at = format!("api.webhooks.events.{wire}");
        match n.iter().find(|(v, _, _)| v == variant) {
            None => cx.push(
                Kind::Breaking,
                at,
                format!("`WebhookEvent::{variant}` is removed"),
            ),
            Some((_, w, p)) if p != payload => cx.push(
                Kind::Breaking,
                at,
                format!("`WebhookEvent::{variant}` holds `{p}` (was `{payload}`)"),
            ),
            Some((_, w, _)) if w != wire => cx.push(
                Kind::Wire,
                at,
                format!("`WebhookEvent::{variant}` is told by `{w}` (was `{wire}`)"),
            ),
            Some(_) => {}
        }
    }
    for (variant, wire, _) in n
        .iter()
        .filter(|(v, _, _)| !o.iter().any(|(u, _, _)| u == v))
    {
        cx.push(
            Kind::Additive,
            format!("api.webhooks.events.{wire}"),
            format!("`WebhookEvent::{variant}` is new; the enum is `#[non_exhaustive]`"),
        );
    }
    let scheme = |a: &Api| {
        a.settings
            .webhooks
            .as_ref()
            .map(|w| format!("{:?}{:?}", w.scheme, w.unsigned))
    };
    if scheme(old) != scheme(new) && scheme(old).is_some() && scheme(new).is_some() {
        cx.push(
            Kind::Wire,
            "api.webhooks",
            "deliveries are verified differently",
        );
    }
}
