//! An endpoint's `idempotency_key`: a header, a field of the record an
//! encoded object body carries (inside its root key, if any), or a member
//! beside a root-key wrapped record (`body_field`). Such a call takes the caller's key (or makes one),
//! sends it on every attempt, and may therefore be retried as a POST.

use super::super::Reporter;
use super::super::header_name::valid_header_name;
use crate::diag::Rule;
use crate::ir::{BodyEncoding, Idempotency, KeyPlace, RequestBody};
use crate::raw::{RawEndpoint, RawIdempotencyKey};

/// The endpoint's idempotency, from `idempotent`, `idempotency_key` and
/// the HTTP method's default.
pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    raw: &RawEndpoint,
    body: &RequestBody,
    by_default: bool,
) -> Idempotency {
    let plain = if raw.idempotent.unwrap_or(by_default) {
        Idempotency::Idempotent
    } else {
        Idempotency::NotIdempotent
    };
    let Some(key) = &raw.idempotency_key else {
        return plain;
    };
    let at = format!("{p}.idempotency_key");
    let Some(place) = place(cx, (f, &at), raw, key, body) else {
        return plain;
    };
    if raw.idempotent == Some(false) {
        let msg = "`idempotent: false` contradicts `idempotency_key` (a keyed call may be retried)";
        cx.error(
            f,
            &format!("{p}.idempotent"),
            Rule::BadValue,
            msg,
            Some("remove `idempotent: false`".into()),
        );
    }
    Idempotency::Keyed(place)
}

/// Where the key goes: a header, a field of the record (inside the root
/// key, if the body has one) or a member beside the record; `None` after
/// reporting what is missing or ambiguous.
fn place(
    cx: &mut Reporter<'_>,
    (f, at): (usize, &str),
    raw: &RawEndpoint,
    key: &RawIdempotencyKey,
    body: &RequestBody,
) -> Option<KeyPlace> {
    let refuse = |cx: &mut Reporter<'_>, path: &str, msg: String, help: &str| {
        cx.error(f, path, Rule::BadValue, msg, Some(help.to_owned()));
        None
    };
    let root = match body {
        RequestBody::Encoded { encoding, root, .. } if *encoding != BodyEncoding::Multipart => {
            Some(root.as_deref())
        }
        _ => None,
    };
    let list = raw
        .body
        .as_deref()
        .is_some_and(|b| matches!(crate::types::parse(b), Ok(crate::types::TypeExpr::List(_))));
    match (&key.header, &key.field, &key.body_field) {
        (Some(h), None, None) if valid_header_name(h) => Some(KeyPlace::Header(h.clone())),
        (Some(h), None, None) => {
            let msg = format!("`{h}` is not a valid header name");
            cx.error(f, &format!("{at}.header"), Rule::BadHeader, msg, None);
            None
        }
        (None, Some(_), None) | (None, None, Some(_)) if root.is_none() => refuse(
            cx,
            at,
            "an idempotency key field goes into a JSON or form body, but this endpoint sends none (or an envelope, or multipart)".into(),
            "use `header:` instead",
        ),
        (None, Some(field), None) if list => refuse(
            cx,
            &format!("{at}.field"),
            format!("the body is a list: which record would carry `{field}` is ambiguous"),
            "use `header:`, or `body_field:` with a `body_key`",
        ),
        (None, Some(field), None) => Some(match root.flatten() {
            Some(key) => KeyPlace::RecordField {
                key: key.to_owned(),
                field: field.clone(),
            },
            None => KeyPlace::Field(field.clone()),
        }),
        (None, None, Some(field)) => match root.flatten() {
            Some(key) if key == field => refuse(
                cx,
                &format!("{at}.body_field"),
                format!("`{field}` is the body's root key: the key would replace the record"),
                "name another member",
            ),
            Some(_) => Some(KeyPlace::Field(field.clone())),
            None => refuse(
                cx,
                &format!("{at}.body_field"),
                "`body_field` is a member beside a record wrapped under `body_key`; this body is the record itself".into(),
                "use `field:`",
            ),
        },
        _ => refuse(
            cx,
            at,
            "`idempotency_key` needs exactly one of `header`, `field` and `body_field`".into(),
            "write `idempotency_key: {header: Idempotency-Key}`",
        ),
    }
}
