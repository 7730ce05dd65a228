//! Webhooks: the events an API pushes to the user's server, how their type
//! is told apart, and how deliveries are signed (`rt::webhook`).

use super::Doc;
use super::types::Ty;
use crate::names::RustIdent;

/// An API's webhooks.
#[derive(Clone, Debug)]
pub struct Webhooks {
    pub doc: Doc,
    /// Where the event type is.
    pub event_type: Located,
    /// How deliveries are signed; `None` for unsigned deliveries.
    pub scheme: Option<SignatureScheme>,
    /// For unsigned deliveries: how to authenticate the sender.
    pub unsigned: Option<String>,
    /// What the receiver answers, retries and ordering (docs).
    pub delivery: Option<String>,
    /// The deliveries' media type.
    pub content_type: String,
    /// The events, in spec order.
    pub events: Vec<WebhookEvent>,
    /// The fetch helpers, one per payload model that declares one.
    pub fetches: Vec<Fetch>,
}

/// One event.
#[derive(Clone, Debug)]
pub struct WebhookEvent {
    /// The event type value on the wire.
    pub wire: String,
    /// The `WebhookEvent` variant.
    pub variant: RustIdent,
    /// The payload model.
    pub payload: Ty,
    pub doc: Doc,
}

/// `fetch` on a payload model: the endpoint that reads the entity an event
/// is about, called with the payload field holding its id.
#[derive(Clone, Debug)]
pub struct Fetch {
    /// The payload model the method is on.
    pub payload: super::TypeId,
    /// The resource accessor and the endpoint method.
    pub resource: RustIdent,
    pub method: RustIdent,
    /// The payload field holding the id, and whether it is an `Option`.
    pub field: RustIdent,
    pub optional: bool,
    /// The events whose payload it is (for the doc).
    pub events: Vec<String>,
}

/// Where a value of a delivery is (`rt::webhook::Located`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Located {
    Header(String),
    HeaderList {
        header: String,
        items: String,
        kv: String,
        key: String,
    },
    BodyField(String),
}

/// A signature scheme (`rt::webhook::SignatureScheme`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureScheme {
    pub signature: Located,
    /// Where the timestamp is and whether it is RFC 3339 (else Unix seconds).
    pub timestamp: Option<(Located, bool)>,
    pub id: Option<Located>,
    pub signed: Vec<Signed>,
    /// HMAC-SHA512 (else HMAC-SHA256).
    pub sha512: bool,
    /// Base64 signatures (else hex).
    pub base64: bool,
    /// Base64 secrets after this prefix (else the text's bytes).
    pub secret_base64: Option<String>,
    pub tolerance_seconds: Option<u64>,
}

/// A part of the signed content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signed {
    Text(String),
    Body,
    Timestamp,
    Id,
    Method,
    Path,
}
