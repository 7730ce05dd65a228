//! Whether a failed attempt is repeated: idempotent calls are retried on
//! 429, 5xx and connection failures, others never (calls with a key are
//! described by the part that sends the key).

use super::super::part::EndpointPart;
use crate::ir::{Api, Endpoint, Idempotency};

pub(super) struct Retries;

impl EndpointPart for Retries {
    fn doc_note(&self, e: &Endpoint, _api: &Api) -> Option<String> {
        if e.idempotency.key().is_some() {
            return None;
        }
        Some(if e.idempotency == Idempotency::Idempotent {
            "Retried on 429, 5xx and connection failures according to the retry policy.".to_owned()
        } else {
            "Not retried automatically: repeating it could apply it twice.".to_owned()
        })
    }

    fn retried_cell(&self, e: &Endpoint) -> Option<&'static str> {
        if e.idempotency.key().is_some() {
            return None;
        }
        Some(if e.idempotency == Idempotency::Idempotent {
            "yes"
        } else {
            "no"
        })
    }
}
