//! Idempotency keys: a keyed call carries a key in a header or a body
//! field (the caller's or a new one, the same on every attempt), is marked
//! `rt::Keyed` so `.idempotency_key(..)` exists on it, and is retried like
//! an idempotent call.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::part::EndpointPart;
use crate::ir::{Api, Endpoint, KeyPlace};

pub(super) struct IdempotencyKey;

fn place(e: &Endpoint) -> Option<&KeyPlace> {
    e.idempotency.key()
}

impl EndpointPart for IdempotencyKey {
    /// The key, where the spec puts it (after the body it may go in).
    fn build(&self, e: &Endpoint, _api: &Api) -> TokenStream {
        let Some(place) = place(e) else {
            return quote!();
        };
        let place = match place {
            KeyPlace::Header(h) => quote!(rt::plumbing::KeyPlace::Header(#h)),
            KeyPlace::Field(f) => quote!(rt::plumbing::KeyPlace::Field(#f)),
            KeyPlace::RecordField { key, field } => {
                quote!(rt::plumbing::KeyPlace::RecordField { key: #key, field: #field })
            }
        };
        quote!(let (request, _) = request.idempotency_key(#place, None)?;)
    }

    fn call_marker(&self, e: &Endpoint) -> Option<&'static str> {
        place(e).map(|_| "Keyed")
    }

    fn doc_note(&self, e: &Endpoint, _api: &Api) -> Option<String> {
        let place = match place(e)? {
            KeyPlace::Header(h) => format!("the `{h}` header"),
            KeyPlace::Field(f) => format!("the body field `{f}`"),
            KeyPlace::RecordField { key, field } => {
                format!("the field `{field}` of the record under `{key}`")
            }
        };
        Some(format!(
            "Carries an idempotency key in {place}: a new random one (a UUID), or yours, given with [`Call::idempotency_key`](rt::Call::idempotency_key). Every attempt sends the same key, so the call is retried on 429, 5xx and connection failures according to the retry policy; keep the key ([`Call::sent_idempotency_key`](rt::Call::sent_idempotency_key)) to repeat the call safely later."
        ))
    }

    fn example_line(&self, e: &Endpoint) -> Option<&'static str> {
        place(e).map(|_| ".idempotency_key(\"order-6735\") // optional: a new random key otherwise")
    }

    fn retried_cell(&self, e: &Endpoint) -> Option<&'static str> {
        place(e).map(|_| "yes (idempotency key)")
    }
}
