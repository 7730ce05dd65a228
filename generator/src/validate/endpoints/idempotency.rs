//! An endpoint's `idempotency_key`: a header, or a top-level field of an
//! encoded object body. Such a call takes the caller's key (or makes one),
//! sends it on every attempt, and may therefore be retried as a POST.

use super::super::Reporter;
use super::super::header_name::valid_header_name;
use crate::diag::Rule;
use crate::ir::{BodyEncoding, Idempotency, KeyPlace, RequestBody};
use crate::raw::RawEndpoint;

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
    let place = match (&key.header, &key.field) {
        (Some(h), None) if valid_header_name(h) => KeyPlace::Header(h.clone()),
        (Some(h), None) => {
            cx.error(
                f,
                &format!("{at}.header"),
                Rule::BadHeader,
                format!("`{h}` is not a valid header name"),
                None,
            );
            return plain;
        }
        (None, Some(field)) if matches!(body, RequestBody::Encoded { encoding, .. } if *encoding != BodyEncoding::Multipart) => {
            KeyPlace::Field(field.clone())
        }
        (None, Some(_)) => {
            let msg = "an idempotency key field goes into a JSON or form body, but this endpoint sends none (or an envelope, or multipart)";
            cx.error(
                f,
                &at,
                Rule::BadValue,
                msg,
                Some("use `header:` instead".into()),
            );
            return plain;
        }
        _ => {
            let msg = "`idempotency_key` needs exactly one of `header` and `field`";
            cx.error(
                f,
                &at,
                Rule::BadValue,
                msg,
                Some("write `idempotency_key: {header: Idempotency-Key}`".into()),
            );
            return plain;
        }
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
