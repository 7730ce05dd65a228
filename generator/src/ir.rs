//! The intermediate representation: a validated spec in which every
//! reference is resolved and every Rust name is decided. Emitters read only
//! this. All collections are `Vec`s in a defined order.

/// All APIs, sorted by module name.
#[derive(Clone, Debug)]
pub struct Ir {
    pub apis: Vec<Api>,
}

/// One API, emitted as one module behind one cargo feature.
#[derive(Clone, Debug)]
pub struct Api {
    /// Module name and cargo feature, e.g. `billwerk`.
    pub module: String,
    pub title: String,
    /// Rustdoc of the module (already includes citations).
    pub doc: String,
    /// The spec files this API was read from, for the `@generated` header.
    pub spec_files: Vec<String>,
    pub base_url: String,
    pub variables: Vec<Variable>,
    pub environments: Vec<Environment>,
    pub auth: Auth,
    /// Fraction digits and offset style name (`Zulu`, `Colon`, `NoColon`).
    pub timestamp_format: Option<(u8, &'static str)>,
    pub headers: ResponseHeaders,
    /// Lower-cased header names with values.
    pub default_headers: Vec<(String, String)>,
    /// Type name of the error body model, if the API declares one.
    pub error_body: Option<String>,
    /// What `rt::ErrorDetails` reads from the error body.
    pub error_details: ErrorDetails,
    /// Documented statuses, ascending.
    pub error_statuses: Vec<(u16, String)>,
    /// Citation of the error shape.
    pub error_doc: String,
    /// Request/response envelopes, by spec order.
    pub envelopes: Vec<Envelope>,
    pub ids: Vec<IdType>,
    pub enums: Vec<Enum>,
    pub models: Vec<Model>,
    pub resources: Vec<Resource>,
}

#[derive(Clone, Debug)]
pub struct Variable {
    /// Name inside `{}` in the base URL.
    pub wire: String,
    /// Builder method name.
    pub method: String,
    pub doc: String,
}

#[derive(Clone, Debug)]
pub struct Environment {
    pub variant: String,
    pub doc: String,
    /// Variable values, in base-URL variable order.
    pub values: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default)]
pub struct Auth {
    /// A static bearer token can be supplied.
    pub bearer: bool,
    /// OAuth2 client credentials with this default token URL template.
    pub client_credentials: Option<String>,
    /// HTTP basic.
    pub basic: bool,
    /// Builder method (and its doc) taking an API key sent as the basic user
    /// name with an empty password.
    pub api_key: Option<(String, String)>,
    /// Session login.
    pub session: Option<Session>,
    pub doc: String,
}

/// Session login settings.
#[derive(Clone, Debug)]
pub struct Session {
    pub login_path: String,
    pub login_doc: String,
    pub username_field: String,
    pub password_field: String,
    /// JSON pointer to the session id in the login response.
    pub session_id: String,
    /// Lower-case header name.
    pub header: String,
    /// Logout path and its doc.
    pub logout: Option<(String, String)>,
}

/// A named envelope, emitted as statics of the client module.
#[derive(Clone, Debug)]
pub struct Envelope {
    /// Upper-case base of the statics' names (`BRM`).
    pub const_name: String,
    pub doc: String,
    pub records: String,
    pub nulls: Option<String>,
    pub status: Option<RecordStatus>,
}

/// Where a result says whether its record succeeded.
#[derive(Clone, Debug)]
pub struct RecordStatus {
    pub code: String,
    pub ok: Vec<String>,
    pub text: Option<String>,
    pub field: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct ResponseHeaders {
    pub etag: Option<String>,
    pub rate_limit_limit: Option<String>,
    pub rate_limit_remaining: Option<String>,
    pub request_id: Option<String>,
}

/// Fields of the error body that `rt::ErrorDetails` reads.
#[derive(Clone, Debug, Default)]
pub struct ErrorDetails {
    /// The code field: Rust name, whether it is an `Option`, and its type.
    pub code: Option<(String, bool, Ty)>,
    /// Whether the code's enum has hints (`fn hint`).
    pub code_hints: bool,
    /// Message fields: Rust name and whether it is an `Option`.
    pub messages: Vec<(String, bool)>,
    /// A list field (Rust name) whose first item holds the code and messages.
    pub item: Option<String>,
}

#[derive(Clone, Debug)]
pub struct IdType {
    pub name: String,
    pub doc: String,
}

#[derive(Clone, Debug)]
pub struct Enum {
    pub name: String,
    pub doc: String,
    pub deprecated: Option<String>,
    /// Wire values are integers (`13`), not strings.
    pub int_repr: bool,
    pub variants: Vec<Variant>,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub rust: String,
    pub wire: String,
    pub doc: String,
    pub deprecated: Option<String>,
    /// What a caller should do on this value.
    pub hint: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Model {
    pub name: String,
    pub doc: String,
    pub deprecated: Option<String>,
    /// Keeps unknown fields in `extra`.
    pub open: bool,
    pub fields: Vec<Field>,
    /// Whether `Default` can be derived (no required field).
    pub derive_default: bool,
    /// Generic type parameters (`T`).
    pub type_params: Vec<String>,
    /// The page model of a pagination style: how to find items and the next page.
    pub page: Option<PageImpl>,
    /// The entity this model is a record of.
    pub entity: Option<String>,
}

/// A field read by pagination: Rust name and whether it is an `Option`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageField {
    pub rust: String,
    pub optional: bool,
    /// Already an `i64` (no conversion needed).
    pub wide: bool,
}

/// How a page model yields its items and the next cursor.
#[derive(Clone, Debug)]
pub struct PageImpl {
    pub items: PageField,
    pub count: PageField,
    pub size: PageField,
    pub next: PageNext,
}

/// The cursor source of a page.
#[derive(Clone, Debug)]
pub enum PageNext {
    /// A continuation token field.
    Token(PageField),
    /// The current page number field.
    Page(PageField),
}

/// A pagination style as an endpoint uses it.
#[derive(Clone, Debug)]
pub struct Pagination {
    /// The listed item type.
    pub item: Ty,
    /// The page type (the generic page model applied to the item).
    pub page: Ty,
    /// A description of the stop rule, for docs.
    pub doc: String,
}

/// The query parameter a cursor goes into.
#[derive(Clone, Debug)]
pub enum CursorParam {
    /// A string token parameter (Rust name).
    Token(String),
    /// A page number parameter (Rust name, `i32` when true).
    Page(String, bool),
}

#[derive(Clone, Debug)]
pub struct Field {
    pub wire: String,
    pub rust: String,
    pub doc: String,
    pub ty: Ty,
    pub presence: Presence,
    pub deprecated: Option<String>,
    /// The scalar travels as a string.
    pub encoding: Option<Encoding>,
}

/// How a string-encoded scalar is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Its text (`"30"`, `"true"`).
    Text,
    /// A boolean as `"1"`/`"0"`.
    Flag,
    /// A date as `yyyyMMdd`.
    CompactDate,
}

/// How a field may appear on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Always present, never null: `T`.
    Required,
    /// Always present, may be null: `Option<T>` written as `null`.
    RequiredNullable,
    /// May be absent: `Option<T>`, skipped when `None`.
    Optional,
    /// Absent, null or a value: `Patch<T>`.
    Tristate,
}

/// A resolved type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    String,
    Bool,
    I32,
    I64,
    F64,
    Decimal,
    Timestamp,
    Json,
    ETag,
    Date,
    LocalDateTime,
    Duration,
    Search,
    Bytes,
    Interval(Box<Ty>),
    /// One value or a list of values.
    OneOrMany(Box<Ty>),
    /// A generic model applied to a type argument.
    Generic(String, Box<Ty>),
    /// A type parameter of a generic model.
    TypeParam(String),
    List(Box<Ty>),
    Map(Box<Ty>),
    /// The entity an endpoint works on (a generic `K: EntityKind` argument).
    Entity,
    /// The record type of the endpoint's entity (`K::Record`).
    Record,
    /// A checked SQL condition (`rt::sql::Condition`).
    SqlCondition,
    /// A checked SQL statement (`rt::sql::Select`).
    SqlSelect,
    /// An id newtype (by Rust name).
    Id(String),
    /// An enum (by Rust name).
    Enum(String),
    /// A model (by Rust name).
    Model(String),
}

#[derive(Clone, Debug)]
pub struct Resource {
    /// Accessor method on the client, e.g. `orders`.
    pub accessor: String,
    /// Type of the resource handle, e.g. `OrdersApi`.
    pub type_name: String,
    pub doc: String,
    pub endpoints: Vec<Endpoint>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Endpoint {
    pub method_name: String,
    pub doc: String,
    pub http_method: HttpMethod,
    /// The path as written in the spec, for docs.
    pub path_template: String,
    pub path: Vec<PathPart>,
    /// Path parameters in path order, then required query parameters of an
    /// endpoint without a query struct, then header parameters.
    pub params: Vec<Param>,
    /// Query parameters, gathered in a generated struct.
    pub query: Option<QueryStruct>,
    pub body: Option<Ty>,
    pub response: Option<Ty>,
    pub idempotent: bool,
    pub deprecated: Option<String>,
    pub pagination: Option<Pagination>,
    /// The envelope body and response travel in.
    pub envelope: Option<EndpointEnvelope>,
    /// Caller-chosen type parameters (deserialised rows).
    pub type_params: Vec<String>,
}

/// How an endpoint uses an envelope.
#[derive(Clone, Debug)]
pub struct EndpointEnvelope {
    /// `const_name` of the envelope.
    pub envelope: String,
    /// Whether the envelope declares a per-record status.
    pub has_status: bool,
    /// Body records are wrapped (the method takes a slice).
    pub wrap: bool,
    /// Top-level fields next to the records (string method arguments).
    pub extra: Vec<Param>,
    /// Key of the response list.
    pub response_key: String,
    pub result: EnvelopeResult,
    /// A 404 means no records: an empty list.
    pub not_found_empty: bool,
}

/// What an enveloped response gives the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvelopeResult {
    /// All items (`Vec<T>`).
    List,
    /// One outcome per record (`Vec<RecordOutcome<T>>`).
    Each,
    /// Exactly one item; a rejected record is an error.
    One,
}

#[derive(Clone, Debug)]
pub enum PathPart {
    Literal(String),
    /// Rust name of a path parameter.
    Param(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    /// A top-level field of the request envelope.
    Envelope,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub wire: String,
    pub rust: String,
    pub doc: String,
    pub ty: Ty,
    pub required: bool,
    pub location: ParamLocation,
    pub deprecated: Option<String>,
    /// Inclusive bounds checked before sending.
    pub min: Option<i64>,
    pub max: Option<i64>,
}

#[derive(Clone, Debug)]
pub struct QueryStruct {
    pub name: String,
    pub params: Vec<Param>,
    /// The parameter a pagination cursor goes into.
    pub cursor: Option<CursorParam>,
}
