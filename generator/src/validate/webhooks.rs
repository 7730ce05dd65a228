//! `api.webhooks`: the events an API pushes (each with its payload model
//! and variant name), where the event type is, and the signature scheme
//! as a description (`rt::webhook::SignatureScheme`), or `unsigned` with
//! how to authenticate the sender instead. Every inconsistency is reported:
//! a signed timestamp or id that is not located, a tolerance without a
//! timestamp, unknown MACs and encodings.

use super::Reporter;
use crate::diag::{Rule, did_you_mean};
use crate::ir::{self, RustIdent, Ty, TypeSpace};
use crate::raw::{RawApi, RawLocated, RawSignature, RawSigned, RawWebhooks};

/// The API's webhooks, if declared and valid.
pub(super) fn lower(
    cx: &mut Reporter<'_>,
    f: usize,
    api: &RawApi,
    types: &TypeSpace,
) -> Option<ir::Webhooks> {
    let raw = api.webhooks.as_ref()?;
    let p = "api.webhooks";
    let doc = cx.documented(
        f,
        p,
        &raw.doc,
        raw.source.as_deref(),
        raw.assumption.as_deref(),
    );
    let event_type = located(cx, (f, &format!("{p}.event_type")), &raw.event_type, false);
    let scheme = scheme_of(cx, (f, p), raw);
    let events = events(cx, (f, p), raw, types);
    Some(ir::Webhooks {
        doc,
        event_type: event_type?.0,
        scheme: scheme?,
        unsigned: raw.unsigned.clone(),
        delivery: raw.delivery.clone(),
        content_type: content_type(cx, (f, p), raw)?,
        events,
        fetches: Vec::new(),
    })
}

/// The deliveries' media type: JSON (the payloads are JSON models).
fn content_type(cx: &mut Reporter<'_>, (f, p): (usize, &str), raw: &RawWebhooks) -> Option<String> {
    let given = raw.content_type.as_deref().unwrap_or("application/json");
    let json = given == "application/json" || given.ends_with("+json");
    if !json {
        let msg = format!("webhook payloads are JSON models; `{given}` is not a JSON media type");
        let help = "use `application/json` (the default) or a `+json` type";
        cx.error(
            f,
            &format!("{p}.content_type"),
            Rule::BadValue,
            msg,
            Some(help.into()),
        );
        return None;
    }
    Some(given.to_owned())
}

/// The signature scheme: `Some(None)` for unsigned deliveries.
fn scheme_of(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    raw: &RawWebhooks,
) -> Option<Option<ir::SignatureScheme>> {
    match (&raw.signature, &raw.unsigned) {
        (Some(s), None) => signature(cx, (f, &format!("{p}.signature")), s).map(Some),
        (None, Some(_)) => Some(None),
        (Some(_), Some(_)) => {
            let msg = "`signature` and `unsigned` both say how deliveries are authenticated";
            cx.error(f, p, Rule::BadValue, msg, Some("keep one".into()));
            None
        }
        (None, None) => {
            let msg = "webhooks need `signature` (how deliveries are signed) or `unsigned` (how else the sender is authenticated)";
            let help =
                "describe the signature, or write `unsigned: \"Basic auth on the receiving URL\"`";
            cx.error(f, p, Rule::MissingKey, msg, Some(help.into()));
            None
        }
    }
}

/// A location; with `timestamp`, the timestamp's form (`true`: RFC 3339).
fn located(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    raw: &RawLocated,
    timestamp: bool,
) -> Option<(ir::Located, bool)> {
    let form = match (raw.form.as_deref(), timestamp) {
        (None | Some("unix_seconds"), true) => Some(false),
        (Some("rfc3339"), true) => Some(true),
        (None, false) => Some(false),
        (Some(other), _) => {
            let msg = format!("`{other}` is not a timestamp form here");
            let help = if timestamp {
                "use `unix_seconds` or `rfc3339`"
            } else {
                "only a timestamp has a `form`"
            };
            cx.error(
                f,
                &format!("{p}.form"),
                Rule::BadValue,
                msg,
                Some(help.into()),
            );
            None
        }
    };
    let list = (&raw.items, &raw.kv, &raw.key);
    let at = match (&raw.header, &raw.body_field, list) {
        (Some(h), None, (None, None, None)) => Some(ir::Located::Header(h.to_ascii_lowercase())),
        (Some(h), None, (Some(items), Some(kv), Some(key))) => Some(ir::Located::HeaderList {
            header: h.to_ascii_lowercase(),
            items: items.clone(),
            kv: kv.clone(),
            key: key.clone(),
        }),
        (None, Some(field), (None, None, None)) => Some(ir::Located::BodyField(field.clone())),
        _ => {
            let msg = "say where the value is: `{header: ..}`, a header list `{header: .., items: \",\", kv: \"=\", key: v1}`, or `{body_field: ..}`";
            cx.error(f, p, Rule::BadValue, msg, None);
            None
        }
    };
    Some((at?, form?))
}

/// A signature scheme, checked for consistency.
fn signature(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    raw: &RawSignature,
) -> Option<ir::SignatureScheme> {
    let sig = located(cx, (f, &format!("{p}.signature")), &raw.signature, false);
    let timestamp = raw
        .timestamp
        .as_ref()
        .map(|t| located(cx, (f, &format!("{p}.timestamp")), t, true));
    let id = raw
        .id
        .as_ref()
        .map(|i| located(cx, (f, &format!("{p}.id")), i, false));
    let signed = signed_parts(cx, (f, p), raw);
    let needs = |part: &ir::Signed| signed.iter().flatten().any(|s| s == part);
    let mut ok = true;
    for (part, given, key) in [
        (ir::Signed::Timestamp, timestamp.is_some(), "timestamp"),
        (ir::Signed::Id, id.is_some(), "id"),
    ] {
        if needs(&part) && !given {
            let msg = format!("`signed` names `{key}`, but the scheme does not say where it is");
            cx.error(
                f,
                &format!("{p}.{key}"),
                Rule::MissingKey,
                msg,
                Some(format!(
                    "add `{key}: {{header: ..}}` or `{{body_field: ..}}`"
                )),
            );
            ok = false;
        }
    }
    if raw.tolerance_seconds.is_some() && raw.timestamp.is_none() {
        let msg = "a tolerance checks the timestamp's age, but the scheme has no `timestamp`";
        cx.error(
            f,
            &format!("{p}.tolerance_seconds"),
            Rule::MissingKey,
            msg,
            None,
        );
        ok = false;
    }
    let sha512 = choice(
        cx,
        (f, &format!("{p}.mac")),
        &raw.mac,
        &["hmac_sha256", "hmac_sha512"],
    );
    let base64 = choice(
        cx,
        (f, &format!("{p}.encoding")),
        &raw.encoding,
        &["hex", "base64"],
    );
    let secret = raw.secret.as_deref().unwrap_or("raw");
    let secret_b64 = choice(cx, (f, &format!("{p}.secret")), secret, &["raw", "base64"]);
    let timestamp = match timestamp {
        Some(t) => Some(t?),
        None => None,
    };
    let id = match id {
        Some(i) => Some(i?.0),
        None => None,
    };
    if !ok {
        return None;
    }
    Some(ir::SignatureScheme {
        signature: sig?.0,
        timestamp,
        id,
        signed: signed?,
        sha512: sha512?,
        base64: base64?,
        secret_base64: secret_b64?.then(|| raw.secret_prefix.clone().unwrap_or_default()),
        tolerance_seconds: raw.tolerance_seconds,
    })
}

/// `Some(true)` for the second of two choices.
fn choice(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    value: &str,
    allowed: &[&str; 2],
) -> Option<bool> {
    match allowed.iter().position(|a| *a == value) {
        Some(i) => Some(i == 1),
        None => {
            let both = format!("use `{}` or `{}`", allowed[0], allowed[1]);
            let help = match did_you_mean(value, allowed.iter().copied()) {
                Some(guess) => format!("{guess} ({both})"),
                None => both,
            };
            let msg = format!("`{value}` is neither `{}` nor `{}`", allowed[0], allowed[1]);
            cx.error(f, p, Rule::BadValue, msg, Some(help));
            None
        }
    }
}

/// The signed content's parts.
fn signed_parts(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    raw: &RawSignature,
) -> Option<Vec<ir::Signed>> {
    if raw.signed.is_empty() {
        let msg = "`signed` is empty: nothing would be signed";
        cx.error(
            f,
            &format!("{p}.signed"),
            Rule::MissingKey,
            msg,
            Some("list what is signed, e.g. `[timestamp, {text: \".\"}, body]`".into()),
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (i, part) in raw.signed.iter().enumerate() {
        out.push(match part {
            RawSigned::Text { text } => ir::Signed::Text(text.clone()),
            RawSigned::Part(name) => match name.as_str() {
                "timestamp" => ir::Signed::Timestamp,
                "id" => ir::Signed::Id,
                "body" => ir::Signed::Body,
                "method" => ir::Signed::Method,
                "path" => ir::Signed::Path,
                other => {
                    let parts = ["timestamp", "id", "body", "method", "path"];
                    let help = did_you_mean(other, parts).or_else(|| {
                        Some("use `timestamp`, `id`, `body`, `method`, `path` or `{text: \"..\"}`".into())
                    });
                    cx.error(f, &format!("{p}.signed[{i}]"), Rule::BadValue, format!("unknown signed part `{other}`"), help);
                    ok = false;
                    continue;
                }
            },
        });
    }
    ok.then_some(out)
}

/// The events with their variants and payload models.
fn events(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    raw: &RawWebhooks,
    types: &TypeSpace,
) -> Vec<ir::WebhookEvent> {
    let mut out: Vec<ir::WebhookEvent> = Vec::new();
    for (wire, e) in &raw.events.0 {
        let at = format!("{p}.events.{wire}");
        let doc = cx.documented(f, &at, &e.doc, e.source.as_deref(), e.assumption.as_deref());
        let variant = match &e.rust_name {
            Some(n) => RustIdent::parse(n),
            None => RustIdent::upper_camel(wire),
        };
        let model = types
            .models()
            .find(|(_, d, _)| d.name.as_str() == e.payload);
        let (Some(variant), Some((id, _, _))) = (variant, model) else {
            let help = did_you_mean(&e.payload, types.models().map(|(_, d, _)| d.name.as_str()));
            let msg = format!(
                "event `{wire}` needs a payload model and a variant name (`payload: {}` / `rust_name`)",
                e.payload
            );
            cx.error(f, &at, Rule::UnknownType, msg, help);
            continue;
        };
        if variant.as_str() == "Unknown" || out.iter().any(|o| o.variant == variant) {
            let msg = format!("event `{wire}` becomes variant `{variant}`, which is taken");
            cx.error(
                f,
                &at,
                Rule::DuplicateName,
                msg,
                Some("set `rust_name`".into()),
            );
            continue;
        }
        out.push(ir::WebhookEvent {
            wire: wire.clone(),
            variant,
            payload: Ty::Named(id),
            doc,
        });
    }
    out
}

/// The fetch helpers of the events (pass 4b's endpoints are known): each
/// names an endpoint with one path parameter and a payload field of that
/// parameter's type; events sharing a payload agree.
pub(super) fn link_fetches(
    cx: &mut Reporter<'_>,
    webhooks: &mut ir::Webhooks,
    resources: &[ir::Resource],
    types: &TypeSpace,
) {
    let Some(api) = cx.spec.api.first() else {
        return;
    };
    let (f, raw) = (api.file, &api.raw);
    let Some(raw) = raw.webhooks.as_ref() else {
        return;
    };
    let mut fetches: Vec<ir::Fetch> = Vec::new();
    for (wire, e) in &raw.events.0 {
        let Some(fetch) = &e.fetch else { continue };
        let at = format!("api.webhooks.events.{wire}.fetch");
        let Some(event) = webhooks.events.iter().find(|x| &x.wire == wire) else {
            continue;
        };
        let Some(found) = fetch_of(cx, (f, &at), fetch, event, (resources, types)) else {
            continue;
        };
        match fetches.iter_mut().find(|x| x.payload == found.payload) {
            Some(same)
                if same.method == found.method
                    && same.resource == found.resource
                    && same.field == found.field =>
            {
                same.events.push(wire.clone());
            }
            Some(_) => {
                let msg = format!(
                    "events of payload `{}` fetch through different endpoints",
                    types.name(found.payload)
                );
                cx.error(
                    f,
                    &at,
                    Rule::BadValue,
                    msg,
                    Some("give them the same `fetch`, or each its own payload model".into()),
                );
            }
            None => fetches.push(found),
        }
    }
    webhooks.fetches = fetches;
}

/// One event's fetch helper, checked.
fn fetch_of(
    cx: &mut Reporter<'_>,
    (f, at): (usize, &str),
    raw: &crate::raw::RawFetch,
    event: &ir::WebhookEvent,
    (resources, types): (&[ir::Resource], &TypeSpace),
) -> Option<ir::Fetch> {
    let Ty::Named(payload) = event.payload else {
        return None;
    };
    let endpoint = raw.endpoint.split_once('.').and_then(|(r, m)| {
        let res = resources.iter().find(|x| x.accessor.as_str() == r)?;
        let e = res.endpoints.iter().find(|x| x.method.as_str() == m)?;
        Some((res, e))
    });
    let Some((res, e)) = endpoint else {
        let msg = format!(
            "`{}` is not an endpoint (`<resource>.<method>`)",
            raw.endpoint
        );
        cx.error(f, &format!("{at}.endpoint"), Rule::UnknownGroup, msg, None);
        return None;
    };
    let path_args: Vec<&ir::Arg> = e
        .args
        .iter()
        .filter(|a| matches!(a.role, ir::ArgRole::Path(_)))
        .collect();
    let id_ty = match (path_args.as_slice(), e.args.len()) {
        ([a], 1) => match &a.role {
            ir::ArgRole::Path(v) => v.ty.clone(),
            _ => return None,
        },
        _ => {
            let msg = format!("`{}` must take exactly one argument, the id", raw.endpoint);
            cx.error(f, &format!("{at}.endpoint"), Rule::BadValue, msg, None);
            return None;
        }
    };
    let field = types
        .model(payload)
        .and_then(|m| m.fields.iter().find(|x| x.wire == raw.id));
    match field {
        Some(field) if field.ty == id_ty => Some(ir::Fetch {
            payload,
            resource: res.accessor.clone(),
            method: e.method.clone(),
            field: field.rust.clone(),
            optional: field.presence != ir::Presence::Required,
            events: vec![event.wire.clone()],
        }),
        _ => {
            let msg = format!(
                "`{}` is not a field of `{}` of the id type `{}` takes",
                raw.id,
                types.name(payload),
                raw.endpoint
            );
            cx.error(f, &format!("{at}.id"), Rule::BadType, msg, None);
            None
        }
    }
}
