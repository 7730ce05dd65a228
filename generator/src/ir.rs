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
    /// Documented statuses, ascending.
    pub error_statuses: Vec<(u16, String)>,
    /// Citation of the error shape.
    pub error_doc: String,
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
    pub doc: String,
}

#[derive(Clone, Debug, Default)]
pub struct ResponseHeaders {
    pub etag: Option<String>,
    pub rate_limit_limit: Option<String>,
    pub rate_limit_remaining: Option<String>,
    pub request_id: Option<String>,
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
    pub variants: Vec<Variant>,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub rust: String,
    pub wire: String,
    pub doc: String,
    pub deprecated: Option<String>,
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
}

#[derive(Clone, Debug)]
pub struct Field {
    pub wire: String,
    pub rust: String,
    pub doc: String,
    pub ty: Ty,
    pub presence: Presence,
    pub deprecated: Option<String>,
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
    List(Box<Ty>),
    Map(Box<Ty>),
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
    /// Path parameters in path order, then header parameters.
    pub params: Vec<Param>,
    /// Query parameters, gathered in a generated struct.
    pub query: Option<QueryStruct>,
    pub body: Option<Ty>,
    pub response: Option<Ty>,
    pub idempotent: bool,
    pub deprecated: Option<String>,
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
}

#[derive(Clone, Debug)]
pub struct QueryStruct {
    pub name: String,
    pub params: Vec<Param>,
}
