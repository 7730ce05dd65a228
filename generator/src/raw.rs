//! The spec exactly as written in YAML. Every struct rejects unknown keys, so
//! a typo is an error rather than a silently ignored setting. Nothing here is
//! interpreted; see `validate` for that.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// A YAML mapping kept in the order it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ordered<K, V>(pub Vec<(K, V)>);

impl<K, V> Default for Ordered<K, V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Ordered<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V2<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for V2<K, V> {
            type Value = Ordered<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Ordered(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Ordered(Vec::new()))
            }
        }
        deserializer.deserialize_map(V2(PhantomData))
    }
}

/// Top level of a spec file. Each section is kept as YAML here and its items
/// are deserialised one by one, so one broken item does not hide the others.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub api: Option<serde_yaml::Value>,
    pub ids: Option<serde_yaml::Mapping>,
    pub enums: Option<serde_yaml::Mapping>,
    pub models: Option<serde_yaml::Mapping>,
    pub param_groups: Option<serde_yaml::Mapping>,
    pub resources: Option<serde_yaml::Mapping>,
}

/// A mapping key written as a string or a number (`13:` in an integer enum).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key(pub String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Scalar {
            S(String),
            I(i64),
            U(u64),
            B(bool),
        }
        Ok(Key(match Scalar::deserialize(deserializer)? {
            Scalar::S(s) => s,
            Scalar::I(i) => i.to_string(),
            Scalar::U(u) => u.to_string(),
            Scalar::B(b) => b.to_string(),
        }))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawApi {
    pub name: String,
    pub title: String,
    pub doc: String,
    pub source: Option<String>,
    pub assumption: Option<String>,
    pub wire_case: Option<String>,
    pub base_url: String,
    #[serde(default)]
    pub variables: Ordered<String, RawVariable>,
    #[serde(default)]
    pub environments: Ordered<String, RawEnvironment>,
    pub auth: RawAuth,
    pub timestamp_format: Option<RawTimestampFormat>,
    #[serde(default)]
    pub response_headers: RawResponseHeaders,
    /// How a form body writes `null`: `omit` (default) or `empty` (`name=`).
    pub form_nulls: Option<String>,
    /// How a form body writes a list of objects: `index_then_field`
    /// (default, `items[0][price]`) or `field_then_index` (`items[price][0]`).
    pub form_lists: Option<String>,
    /// JSON pointer to the request id inside success bodies
    /// (`/meta/request_id`), for APIs that send it there.
    pub request_id_in_body: Option<String>,
    /// Events the API pushes to the user's server, and how they are signed.
    pub webhooks: Option<RawWebhooks>,
    #[serde(default)]
    pub default_headers: Ordered<String, String>,
    /// Default headers the caller may set when building the client (an
    /// API version date), each with a builder method.
    #[serde(default)]
    pub overridable_headers: Ordered<String, RawOverridableHeader>,
    #[serde(default)]
    pub open_models: bool,
    pub errors: Option<RawErrors>,
    /// Pagination styles, by name.
    #[serde(default)]
    pub pagination: Ordered<String, RawPagination>,
    /// Request/response envelopes, by name.
    #[serde(default)]
    pub envelopes: Ordered<String, RawEnvelope>,
    /// How request bodies are encoded unless an endpoint says otherwise:
    /// `json` (default) or `form`.
    pub body_encoding: Option<String>,
}

/// A named envelope: how records are wrapped in requests and how each
/// result reports success.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnvelope {
    pub doc: String,
    pub source: Option<String>,
    pub assumption: Option<String>,
    /// Key holding the record (one) or records (a list).
    pub records: String,
    /// Key listing the names of fields set to null.
    pub nulls: Option<String>,
    /// Per-record status fields of results.
    pub status: Option<RawRecordStatus>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecordStatus {
    pub code: String,
    pub ok: Vec<String>,
    pub text: Option<String>,
    pub field: Option<String>,
}

/// Session login settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSession {
    pub login_path: String,
    pub login_doc: String,
    pub username_field: String,
    pub password_field: String,
    /// JSON pointer to the session id in the login response.
    pub session_id: String,
    /// Request header carrying the session id.
    pub header: String,
    pub logout_path: Option<String>,
    pub logout_doc: Option<String>,
    pub logout_source: Option<String>,
}

/// How an endpoint uses an envelope.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEndpointEnvelope {
    /// Name of an envelope of `api.envelopes`.
    pub name: String,
    /// Whether the body records are wrapped (default: when there is a body).
    pub wrap: Option<bool>,
    /// Key of the response list.
    pub response: String,
    /// `list`, `each` or `one`.
    pub result: String,
    /// `empty` or `error` (default).
    pub not_found: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVariable {
    pub doc: String,
    pub source: Option<String>,
    pub assumption: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnvironment {
    pub doc: String,
    #[serde(default)]
    pub values: Ordered<String, String>,
    pub source: Option<String>,
    pub assumption: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAuth {
    pub kind: String,
    pub client_credentials: Option<RawClientCredentials>,
    /// HTTP basic settings.
    pub basic: Option<RawBasic>,
    /// Session login settings (`kind: session`).
    pub session: Option<RawSession>,
    /// What an expired token or session looks like (default: a 401).
    #[serde(default)]
    pub expired: Vec<RawExpired>,
    pub source: Option<String>,
    pub assumption: Option<String>,
}

/// One success status of an endpoint: its body type (none: no body).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatusResponse {
    pub body: Option<String>,
    pub doc: String,
}

/// An endpoint's idempotency key: in a header or a top-level body field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIdempotencyKey {
    pub header: Option<String>,
    /// A field of the record (inside `body_key`'s wrapper, if any).
    pub field: Option<String>,
    /// A top-level member of a root-key body, beside the wrapped record.
    pub body_field: Option<String>,
}

/// A default header the caller may override.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOverridableHeader {
    /// Sent unless the caller sets another value.
    pub value: String,
    pub doc: String,
    /// The builder method (default: the header name in snake case).
    pub method: Option<String>,
    pub source: Option<String>,
    pub assumption: Option<String>,
}

/// One response that means the credentials expired: a status, and
/// optionally the error code its body must carry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExpired {
    pub status: u16,
    pub code: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBasic {
    /// Builder method taking an API key sent as the user name with an empty password.
    pub api_key_method: Option<String>,
    pub api_key_doc: Option<String>,
}

/// A pagination description: what the request carries, where the response
/// holds the items and the signals, and when the stream stops.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPagination {
    pub doc: String,
    pub source: Option<String>,
    pub assumption: Option<String>,
    pub request: RawPageRequest,
    #[serde(default)]
    pub response: RawPageResponse,
    /// Stop rules besides "no next position": `short_page`, `empty_page`.
    #[serde(default)]
    pub stop: Vec<String>,
}

/// Where the request carries the position.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPageRequest {
    /// `token`, `page`, `offset`, `item` or `url`.
    pub position: String,
    /// The query parameter the position goes into (not for `url`).
    pub param: Option<String>,
    /// The query parameter holding the page size.
    pub size_param: Option<String>,
    /// `position: page`: the number of the page the first request gets.
    pub first_page: Option<i64>,
    /// `position: item` (and inclusive cursors): the path of the item's key.
    pub key: Option<String>,
    /// The first item of the next page repeats the cursor's item.
    #[serde(default)]
    pub inclusive: bool,
    /// The query parameter of a backward walk (`ending_before`, `before`):
    /// the endpoint gets `<method>_pages_backward`/`<method>_items_backward`.
    pub backward_param: Option<String>,
}

/// Where the response holds the items and the signals (JSON-pointer paths
/// into the page model).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPageResponse {
    /// A generic model (`type_params: [T]`); absent: a bare JSON array.
    pub page_model: Option<String>,
    pub items: Option<String>,
    /// The next position: a token, a URL, or a page number or offset.
    pub next: Option<String>,
    /// `position: page`: this page's number (the next is one more).
    pub page: Option<String>,
    /// A flag: `false` means no more pages.
    pub more: Option<String>,
    pub size: Option<String>,
    pub count: Option<String>,
    /// The previous-page token (`position: token` walked backwards).
    pub previous: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClientCredentials {
    pub token_url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTimestampFormat {
    pub fraction_digits: u8,
    pub offset: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResponseHeaders {
    pub etag: Option<String>,
    pub rate_limit_limit: Option<String>,
    pub rate_limit_remaining: Option<String>,
    pub request_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawErrors {
    pub body: Option<String>,
    pub source: Option<String>,
    pub assumption: Option<String>,
    /// A list field of the error body whose first item holds `code` and `message`.
    pub item: Option<String>,
    /// Field of the error body (or of its `item`) holding the error code.
    pub code: Option<String>,
    /// Fields of the error body holding messages, most important first.
    /// Like `code`, a dotted path reaches into nested objects (`error.message`).
    #[serde(default)]
    pub message: Vec<String>,
    /// Fields of the error body that may hold the request id, first present wins.
    #[serde(default)]
    pub request_id: Vec<String>,
    #[serde(default)]
    pub statuses: Ordered<u16, RawStatus>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    pub doc: String,
    /// The API documents that a response with this status was not
    /// processed (a rate limit that rejects first): safe to retry any call.
    #[serde(default)]
    pub not_processed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawId {
    pub doc: String,
    pub source: Option<String>,
    pub assumption: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnum {
    pub doc: String,
    pub source: Option<String>,
    pub assumption: Option<String>,
    pub deprecated: Option<String>,
    /// `string` (default) or `integer`.
    pub repr: Option<String>,
    pub values: Ordered<Key, RawEnumValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnumValue {
    pub doc: String,
    /// Where this value is documented, if not where the enum is.
    pub source: Option<String>,
    pub assumption: Option<String>,
    pub rust_name: Option<String>,
    pub deprecated: Option<String>,
    /// What a caller should do when it gets this value (error codes).
    pub hint: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModel {
    pub doc: String,
    pub source: Option<String>,
    pub assumption: Option<String>,
    pub deprecated: Option<String>,
    pub open: Option<bool>,
    #[serde(default)]
    pub type_params: Vec<String>,
    /// The entity this model is a record of (implements `rt::Entity`).
    pub entity: Option<String>,
    #[serde(default)]
    pub fields: Ordered<String, RawField>,
    /// A discriminated union: the tag field and the model of each tag value.
    pub tagged: Option<RawTagged>,
    /// An untagged union: variant name -> type, tried in order.
    #[serde(default)]
    pub one_of: Ordered<String, String>,
}

/// A union told apart by a tag field (`object`, `type`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTagged {
    pub field: String,
    /// Tag value -> model.
    pub variants: Ordered<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    #[serde(rename = "type")]
    pub ty: String,
    pub doc: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub nullable: bool,
    pub rust_name: Option<String>,
    pub example: Option<serde_yaml::Value>,
    pub deprecated: Option<String>,
    pub source: Option<String>,
    pub assumption: Option<String>,
    /// `string`, `flag` or `compact_date`: a scalar that travels as a string.
    pub encoding: Option<String>,
    /// `as_is`: exempt this field from the API's wire case.
    pub wire_case: Option<String>,
    /// Further wire names the field is read from (it is written as its key).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Set by the server: read from responses, never sent.
    #[serde(default)]
    pub read_only: bool,
    /// Present in every response (not an `Option` when read), whether or
    /// not a request must send it.
    #[serde(default)]
    pub always_returned: bool,
    /// `empty` or `omit`: how a form body writes this field's `null`,
    /// where it differs from the API's `form_nulls`.
    pub form_null: Option<String>,
    /// `index_then_field` or `field_then_index`: how a form body writes
    /// this list of models, where it differs from the API's `form_lists`.
    pub form_list: Option<String>,
    /// The type a request sends, where it differs from `type` (how the
    /// field is read): `epoch_seconds` sent, `timestamp` read back.
    pub sent_type: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResource {
    pub doc: String,
    pub endpoints: serde_yaml::Mapping,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEndpoint {
    pub method: String,
    pub path: String,
    pub doc: String,
    pub source: Option<String>,
    pub assumption: Option<String>,
    #[serde(default)]
    pub params: Ordered<String, RawParam>,
    pub body: Option<String>,
    pub response: Option<String>,
    pub idempotent: Option<bool>,
    /// Success bodies by status (instead of `response`).
    #[serde(default)]
    pub responses: Ordered<u16, RawStatusResponse>,
    /// The endpoint's own error body model, where it differs from the API's.
    pub error_body: Option<String>,
    /// Where the endpoint takes an idempotency key (makes a POST retryable).
    pub idempotency_key: Option<RawIdempotencyKey>,
    pub deprecated: Option<String>,
    #[serde(default)]
    pub addon: bool,
    pub rust_name: Option<String>,
    /// Name of a pagination style of the API.
    pub pagination: Option<String>,
    /// Parameter groups whose parameters come before `params`.
    #[serde(default)]
    pub params_from: Vec<String>,
    /// The envelope the body and response travel in.
    pub envelope: Option<RawEndpointEnvelope>,
    /// Type parameters chosen by the caller (response rows).
    #[serde(default)]
    pub type_params: Vec<String>,
    /// `json`, `form` or `multipart`: overrides `api.body_encoding` for this endpoint.
    pub body_encoding: Option<String>,
    /// The request body is sent wrapped as `{"<body_key>": body}`.
    pub body_key: Option<String>,
    /// Members the body always carries (`{status: archived}`): sent with
    /// the body argument's, or as the whole body; the method takes no
    /// argument for them.
    /// In the order written.
    pub fixed_body: Option<serde_yaml::Mapping>,
    /// The response is the value under this top-level key (`{"customer": {..}}`).
    pub response_key: Option<String>,
    /// A model for the top-level members beside `response_key` (side
    /// objects: `{"subscription": {..}, "customer": {..}}`), kept typed.
    pub response_siblings: Option<String>,
    /// Each element of the list under `response_key` holds the item under
    /// this key (`{"customer": {..}, "card": {..}}`).
    pub item_key: Option<String>,
    /// A model for the members beside `item_key` in each element.
    pub item_siblings: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParam {
    #[serde(rename = "in")]
    pub location: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub doc: String,
    pub required: Option<bool>,
    pub rust_name: Option<String>,
    pub deprecated: Option<String>,
    pub example: Option<serde_yaml::Value>,
    /// Smallest allowed value (integers), checked before sending.
    pub min: Option<i64>,
    /// Largest allowed value (integers), checked before sending.
    pub max: Option<i64>,
    /// How a query list or object is written: `repeat` (default for
    /// lists), `brackets`, `comma`, `deep_object` (maps and models).
    pub style: Option<String>,
}

/// `api.webhooks`: the events an API delivers and how deliveries are
/// signed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWebhooks {
    pub doc: String,
    pub source: Option<String>,
    pub assumption: Option<String>,
    /// Where the event type is: `{body_field: event_type}` or `{header: X-Event}`.
    pub event_type: RawLocated,
    /// How deliveries are signed; absent with `unsigned`.
    pub signature: Option<RawSignature>,
    /// Instead of `signature`: how the receiver authenticates the sender.
    pub unsigned: Option<String>,
    /// What the receiver answers (statuses), retries and ordering, for the docs.
    pub delivery: Option<String>,
    /// The deliveries' media type (default `application/json`).
    pub content_type: Option<String>,
    /// The events by their type value.
    pub events: Ordered<String, RawWebhookEvent>,
}

/// One event: its payload model.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWebhookEvent {
    pub payload: String,
    /// The endpoint that reads the entity the event is about, with the
    /// payload field holding its id: `{endpoint: contracts.get, id: ContractId}`.
    pub fetch: Option<RawFetch>,
    pub doc: String,
    pub source: Option<String>,
    pub assumption: Option<String>,
    pub rust_name: Option<String>,
}

/// Where a value of a delivery is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLocated {
    /// A header's whole value, or (with `key`) one entry of a header list.
    pub header: Option<String>,
    /// A top-level field of the JSON body.
    pub body_field: Option<String>,
    /// Between the items of a header list (`,`).
    pub items: Option<String>,
    /// Between a key and its value in a header list (`=`).
    pub kv: Option<String>,
    /// The key of the entries wanted from a header list (`v1`, `t`).
    pub key: Option<String>,
    /// For a timestamp: `unix_seconds` or `rfc3339`.
    pub form: Option<String>,
}

/// A signature scheme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignature {
    pub signature: RawLocated,
    pub timestamp: Option<RawLocated>,
    pub id: Option<RawLocated>,
    /// What is signed, in order: `timestamp`, `id`, `body`, `method`,
    /// `path`, or `{text: "."}`.
    pub signed: Vec<RawSigned>,
    /// `hmac_sha256` or `hmac_sha512`.
    pub mac: String,
    /// `hex` or `base64`.
    pub encoding: String,
    /// `raw` (default) or `base64`, with an optional `secret_prefix`.
    pub secret: Option<String>,
    pub secret_prefix: Option<String>,
    /// How far a timestamp may be from now.
    pub tolerance_seconds: Option<u64>,
}

/// A part of the signed content.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawSigned {
    /// `timestamp`, `id`, `body`, `method` or `path`.
    Part(String),
    /// Literal text.
    Text { text: String },
}

/// A webhook event's fetch helper.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFetch {
    /// `<resource>.<endpoint>`: an endpoint with one path parameter.
    pub endpoint: String,
    /// The payload field (wire name) holding the id to pass.
    pub id: String,
}

/// `package.yaml` at the spec root: the crate the spec folder generates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPackageFile {
    pub package: serde_yaml::Value,
}

/// The `package:` block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPackage {
    /// Cargo package name of the generated crate.
    pub name: String,
    pub version: Option<String>,
    pub description: Option<String>,
    pub license: Option<String>,
    /// Folder of the documents citations name, relative to the spec folder.
    pub documents: Option<String>,
    /// Where the generated crate finds the runtime crate.
    pub runtime: Option<RawRuntime>,
}

/// Where the runtime crate comes from: one of `path`, `git` or `version`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRuntime {
    /// A folder, relative to the spec folder.
    pub path: Option<String>,
    pub git: Option<String>,
    pub rev: Option<String>,
    pub branch: Option<String>,
    pub tag: Option<String>,
    pub version: Option<String>,
}
