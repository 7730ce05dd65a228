//! Endpoints, decided once: the method signature (ordered arguments with
//! their roles), the path, the request body, the response and the
//! pagination. Emitters render these sections and derive nothing.

use super::settings::{EnvelopeId, FieldPath, IntWidth, Paging};
use super::types::{Ty, TypeId};
use crate::names::RustIdent;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    pub const ALL: [HttpMethod; 5] = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// Whether repeating the request is harmless unless the spec says otherwise.
    pub fn idempotent_by_default(self) -> bool {
        matches!(self, HttpMethod::Get | HttpMethod::Put | HttpMethod::Delete)
    }
}

/// Whether a failed attempt may be repeated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Idempotency {
    /// Retried on 429, 5xx and connection failures.
    Idempotent,
    /// Never repeated automatically.
    NotIdempotent,
    /// Carries an idempotency key (the caller's or a new one, the same on
    /// every attempt), so it is retried like an idempotent call.
    Keyed(KeyPlace),
}

impl Idempotency {
    /// Where the key goes, for a keyed call.
    pub fn key(&self) -> Option<&KeyPlace> {
        match self {
            Idempotency::Keyed(place) => Some(place),
            Idempotency::Idempotent | Idempotency::NotIdempotent => None,
        }
    }
}

/// Where an endpoint's idempotency key goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyPlace {
    /// A request header, by its name as the spec writes it.
    Header(String),
    /// A top-level field of the body, by its wire name.
    Field(String),
    /// A field of the record a root-key body wraps (`{"event": {"<field>": ..}}`).
    RecordField { key: String, field: String },
}

#[derive(Clone, Debug)]
pub struct Endpoint {
    pub method: RustIdent,
    /// The spec's doc (the emitter adds the add-on and other notes).
    pub doc: super::Doc,
    pub http_method: HttpMethod,
    /// The path as written in the spec, for docs.
    pub path_template: String,
    pub path: Vec<PathPart>,
    /// Type parameters of the method, in order.
    pub generics: Vec<Generic>,
    /// The method's arguments after `&self`, in order.
    pub args: Vec<Arg>,
    /// The query struct the method takes, if any.
    pub query: Option<QueryStruct>,
    pub body: RequestBody,
    pub response: ResponseBody,
    pub idempotency: Idempotency,
    pub deprecated: Option<String>,
    /// An add-on the API provider activates on request (`[Feature]`).
    pub addon: bool,
    pub pagination: Option<Pagination>,
    /// The endpoint takes an optional `If-Match` entity tag: the call's
    /// `.if_match(&etag)` (`rt::Conditional`).
    pub if_match: bool,
    /// Other optional headers, set on the call with `.header(name, value)`.
    pub optional_headers: Vec<Param>,
    /// `<method>_typed`: the method with the entity taken from the records'
    /// type, for an endpoint taking an entity and a list of its records.
    pub typed_records: Option<RustIdent>,
    /// The endpoint's own error body, where it differs from the API's.
    pub error_body: Option<super::types::TypeId>,
}

#[derive(Clone, Debug)]
pub enum PathPart {
    Literal(String),
    /// A path parameter argument.
    Param {
        arg: RustIdent,
        text: WireText,
    },
}

/// A type parameter of an endpoint method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Generic {
    /// `K: rt::EntityKind`, the entity of an `entity` path parameter.
    Entity,
    /// A caller-chosen row type (`Row: DeserializeOwned`).
    Row(RustIdent),
}

/// How a method takes one value (decided in validate from the scalar
/// table's `pass` column and the kind of a named type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Passing {
    /// `impl Into<Id>`, owned at once (an id newtype).
    IntoId,
    /// `&str`.
    Str,
    /// By value (`Copy` values).
    Value,
    /// By reference (`&T`).
    Ref,
    /// The entity type parameter `K`, by value.
    Entity,
}

/// How a value becomes the text of a path segment, query value or header
/// (the scalar table's `text` column, or the kind of a named type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireText {
    /// It is text already (a string), which a place then has to lend.
    Itself,
    /// `value.as_str()` (ids, string enums, textual scalars).
    AsStr,
    /// `value.to_string()` (its `Display`).
    Display,
    /// `value.to_sql()?`: a checked builder, which can fail.
    Sql,
    /// `value.to_expression()?`: a checked builder, which can fail.
    Expression,
    /// `value.name()`: the entity's name.
    EntityName,
}

impl WireText {
    /// Whether making the text can fail, so it is made with `?` where the
    /// method can return the error (never inside a closure).
    pub fn is_fallible(self) -> bool {
        match self {
            WireText::Sql | WireText::Expression => true,
            WireText::Itself | WireText::AsStr | WireText::Display | WireText::EntityName => false,
        }
    }
}

/// A value an endpoint method takes and sends as text: its type, how the
/// method takes it and how it becomes text.
#[derive(Clone, Debug)]
pub struct TextValue {
    pub ty: Ty,
    pub pass: Passing,
    pub text: WireText,
}

/// One argument of an endpoint method.
#[derive(Clone, Debug)]
pub struct Arg {
    pub name: RustIdent,
    pub role: ArgRole,
}

/// What an argument is for, and so its Rust type and where it is sent.
#[derive(Clone, Debug)]
pub enum ArgRole {
    /// A path segment.
    Path(TextValue),
    /// A required query parameter taken as an argument.
    Query { wire: String, value: TextValue },
    /// A header, `Option<..>` when not required.
    /// A required header (optional ones are call options:
    /// [`Endpoint::if_match`], [`Endpoint::optional_headers`]).
    Header { wire: String, value: TextValue },
    /// The endpoint's query struct (`&Query`).
    QueryStruct(RustIdent),
    /// A top-level field of the request envelope (`&str`; its wire name is
    /// in [`RequestBody::Envelope`]).
    EnvelopeField,
    /// The JSON body (`&T`).
    Body(Ty),
    /// A JSON list body (`&[T]`).
    BodyList(Ty),
    /// The records of an envelope (`&[T]`).
    Records(Ty),
}

/// How the request body is formed.
#[derive(Clone, Debug)]
pub enum RequestBody {
    None,
    /// The argument (if any) with the fixed members, encoded as the spec
    /// says.
    Encoded {
        /// `None`: the body is the fixed members alone.
        arg: Option<RustIdent>,
        /// Members always sent, first: wire name and JSON text.
        fixed: Vec<(String, String)>,
        encoding: BodyEncoding,
        /// Sent wrapped as `{"<root>": body}`.
        root: Option<String>,
        /// Multipart: the wire names of the fields sent as file parts.
        files: Vec<String>,
    },
    /// The records argument wrapped in an envelope, with top-level fields.
    Envelope {
        envelope: EnvelopeId,
        records: RustIdent,
        fields: Vec<EnvelopeField>,
    },
}

/// How a request body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded` with bracket nesting.
    Form,
    /// `multipart/form-data`: file fields as binary parts.
    Multipart,
}

impl BodyEncoding {
    /// Every encoding with its spec name.
    pub const ALL: [(&'static str, BodyEncoding); 3] = [
        ("json", BodyEncoding::Json),
        ("form", BodyEncoding::Form),
        ("multipart", BodyEncoding::Multipart),
    ];
}

/// A top-level field of a request envelope and the argument giving it.
#[derive(Clone, Debug)]
pub struct EnvelopeField {
    pub wire: String,
    pub arg: RustIdent,
}

/// What a successful response gives the caller.
#[derive(Clone, Debug)]
pub enum ResponseBody {
    /// Nothing (`()`); the body is ignored.
    Empty,
    /// The JSON body as this type.
    Json(Ty),
    /// The value under a top-level key of the JSON body (`{"customer": {..}}`),
    /// with the model of the members beside it, if declared.
    Rooted {
        key: String,
        ty: Ty,
        siblings: Option<Ty>,
    },
    /// A list under a top-level key (`rt::KeyedPage`).
    Listed(ListedResponse),
    /// Results unwrapped from an envelope.
    Envelope(EnvelopeResponse),
    /// A body chosen by the success status (an enum with a variant each).
    ByStatus(StatusEnum),
}

/// A list under a top-level key (`{"customers": [..], "meta": {..}}`),
/// each element holding the item under `item_key` where declared
/// (`{"customer": {..}, "card": {..}}`).
#[derive(Clone, Debug)]
pub struct ListedResponse {
    pub key: String,
    pub item: Ty,
    pub item_key: Option<String>,
    /// The model of the members beside the list (a page model).
    pub info: Option<TypeId>,
    /// The model of the members beside `item_key` in each element.
    pub item_siblings: Option<Ty>,
}

/// The success responses of an endpoint by status, as an enum.
#[derive(Clone, Debug)]
pub struct StatusEnum {
    pub name: RustIdent,
    /// In the spec's order.
    pub variants: Vec<StatusVariant>,
}

/// One success status and its body (`None`: no body).
#[derive(Clone, Debug)]
pub struct StatusVariant {
    pub status: u16,
    pub variant: RustIdent,
    pub ty: Option<Ty>,
    pub doc: super::Doc,
}

#[derive(Clone, Debug)]
pub struct EnvelopeResponse {
    /// The envelope the endpoint uses (for its request and status statics).
    pub envelope: EnvelopeId,
    /// Key of the result list.
    pub key: String,
    /// The type of one result.
    pub item: Ty,
    pub result: EnvelopeResult,
}

/// What an enveloped response gives the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvelopeResult {
    /// All items (`Vec<T>`); what a 404 means.
    List(NotFound),
    /// One outcome per record (`Vec<RecordOutcome<T>>`), by the envelope's status.
    Each,
    /// Exactly one item, checked against the envelope's status.
    OneChecked,
    /// Exactly one item; the envelope declares no status.
    One,
}

impl EnvelopeResult {
    /// Whether the result is judged by the envelope's per-record status.
    pub fn uses_status(self) -> bool {
        matches!(self, EnvelopeResult::Each | EnvelopeResult::OneChecked)
    }
}

/// What a 404 of a list means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotFound {
    Error,
    /// No records: an empty list.
    Empty,
}

/// A parameter gathered in a query struct.
#[derive(Clone, Debug)]
pub struct Param {
    pub wire: String,
    pub rust: RustIdent,
    pub doc: super::Doc,
    pub ty: Ty,
    pub required: bool,
    pub deprecated: Option<String>,
    /// The spec's example value, as YAML text.
    pub example: Option<String>,
    /// How a method takes it, when it is an argument.
    pub pass: Passing,
    /// How its value (a list's items) becomes wire text.
    pub text: WireText,
    /// Inclusive bounds checked before sending.
    pub range: Range,
    /// How a query value is written.
    pub style: QueryStyle,
}

/// How a query parameter's value becomes `name=value` pairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryStyle {
    /// One pair (scalars; every other location).
    Plain,
    /// A list as repeated keys: `a=1&a=2`.
    Repeat,
    /// A list with brackets: `a[]=1&a[]=2`.
    Brackets,
    /// A list joined by commas: `a=1,2`.
    Comma,
    /// A list as one JSON array: `a=["x","y"]`, `a=[1,2]` (filter operators
    /// such as `status[in]`).
    Json,
    /// A map or model as `a[key]=value`, nested.
    DeepObject,
}

/// Inclusive integer bounds of a parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Range {
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// The integer the bounds apply to (checked against an `i64`).
    pub width: Option<IntWidth>,
}

#[derive(Clone, Debug)]
pub struct QueryStruct {
    pub name: RustIdent,
    pub params: Vec<Param>,
    /// Where a paginated endpoint's query takes its position and page size.
    pub paged: Option<PagedParams>,
}

/// The query parameters a pagination description uses.
#[derive(Clone, Debug)]
pub struct PagedParams {
    /// Where the cursor goes (`None` for next-page URLs, which replace the query).
    pub cursor: Option<CursorParam>,
    /// Where the cursor of a backward walk goes (a string parameter).
    pub before: Option<RustIdent>,
    /// The page size parameter.
    pub size: Option<SizeParam>,
}

/// The query parameter a cursor goes into.
#[derive(Clone, Debug)]
pub enum CursorParam {
    /// A string parameter (a token or an item key).
    Text(RustIdent),
    /// An id parameter (the key of an item, typed as its id).
    Id(RustIdent),
    /// An integer parameter (a page number or an offset).
    Number(RustIdent, IntWidth),
}

/// The integer query parameter holding the page size.
#[derive(Clone, Debug)]
pub struct SizeParam {
    pub name: RustIdent,
    pub width: IntWidth,
    pub required: bool,
}

/// The streams of a paginated endpoint.
#[derive(Clone, Debug)]
pub struct Pagination {
    /// The listed item type. The page type is the endpoint's response.
    pub item: Ty,
    /// How the stream advances and stops.
    pub paging: Paging,
    /// The item's key (for item cursors and inclusive cursors): a path
    /// into the item model and the type of its last field.
    pub key: Option<(FieldPath, Ty)>,
    /// The wire names of the description (for the advance and stop rules
    /// the stream's docs state).
    pub wire: super::PageWire,
    /// The description's own doc.
    pub doc: super::Doc,
    /// `<method>_pages`.
    pub pages_method: RustIdent,
    /// `<method>_items`.
    pub items_method: RustIdent,
    /// The backward walk, where the description offers one.
    pub backward: Option<BackwardWalk>,
}

/// A paginated endpoint's walk towards the start of the list.
#[derive(Clone, Debug)]
pub struct BackwardWalk {
    /// How the walk advances (`ItemBefore` or `Previous`) and stops.
    pub paging: Paging,
    /// `<method>_pages_backward`.
    pub pages_method: RustIdent,
    /// `<method>_items_backward`.
    pub items_method: RustIdent,
}
