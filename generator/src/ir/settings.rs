//! API-wide settings: base URL and environments, auth, timestamps, headers,
//! the error shape, envelopes and page styles.

use super::types::{Presence, Ty, TypeId};
use crate::names::RustIdent;

#[derive(Clone, Debug)]
pub struct Settings {
    pub base_url: String,
    pub variables: Vec<Variable>,
    pub environments: Vec<Environment>,
    pub auth: Auth,
    pub timestamp_format: Option<TimestampFormat>,
    pub response_headers: ResponseHeaders,
    /// JSON pointer to the request id in success bodies.
    pub request_id_in_body: Option<String>,
    /// How form bodies write `null` and lists of objects.
    pub form: FormRules,
    /// The events the API pushes, if the spec declares them.
    pub webhooks: Option<super::Webhooks>,
    /// Sent with every request; lower-case names.
    pub default_headers: Vec<Header>,
    /// Default headers the caller may set on the builder.
    pub overridable_headers: Vec<OverridableHeader>,
    pub errors: ErrorShape,
    /// Request/response envelopes, in spec order; endpoints refer to them by [`EnvelopeId`].
    pub envelopes: Vec<Envelope>,
    /// The page models of the pagination styles.
    pub page_models: Vec<PageModel>,
    /// What an expired token or session looks like.
    pub stale: Stale,
}

/// Responses that mean the credentials expired: renew once and repeat.
#[derive(Clone, Debug)]
pub struct Stale {
    /// Statuses that always mean it (`[401]` unless the spec says).
    pub statuses: Vec<u16>,
    /// Status and error-code pairs (the code read from the error body).
    pub codes: Vec<(u16, String)>,
}

impl Settings {
    pub fn envelope(&self, id: EnvelopeId) -> &Envelope {
        &self.envelopes[id.0]
    }
}

/// A variable of the base URL (`{domain}`), set with a builder method.
#[derive(Clone, Debug)]
pub struct Variable {
    /// Name inside `{}` in the base URL.
    pub wire: String,
    pub method: RustIdent,
    pub doc: super::Doc,
}

/// A named deployment: values of the base URL variables.
#[derive(Clone, Debug)]
pub struct Environment {
    pub variant: RustIdent,
    pub doc: super::Doc,
    /// In base-URL variable order.
    pub values: Vec<Header>,
}

/// A name and a value (a header, or a variable and its value).
#[derive(Clone, Debug)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// A default header with a builder method that replaces its value.
#[derive(Clone, Debug)]
pub struct OverridableHeader {
    /// The header and the value sent unless the caller sets another.
    pub header: Header,
    /// The header name as the spec writes it (for docs; `header.name` is
    /// lower case).
    pub wire_name: String,
    pub method: RustIdent,
    pub doc: super::Doc,
}

/// How requests are authenticated, with the citation of the auth block.
#[derive(Clone, Debug)]
pub struct Auth {
    pub scheme: AuthScheme,
    /// The auth block's assumption, for the rustdoc of the credential methods.
    pub assumption: Option<String>,
}

#[derive(Clone, Debug)]
pub enum AuthScheme {
    None,
    /// A bearer token, optionally fetched with OAuth2 client credentials.
    Bearer {
        client_credentials: Option<ClientCredentials>,
    },
    /// HTTP basic, optionally with an API key as the user name.
    Basic {
        api_key: Option<ApiKeyMethod>,
    },
    /// A session obtained by logging in.
    Session(Session),
}

impl AuthScheme {
    /// The session settings, for `kind: session`.
    pub fn session(&self) -> Option<&Session> {
        match self {
            AuthScheme::Session(s) => Some(s),
            _ => None,
        }
    }

    /// The default OAuth2 token URL template, for client credentials.
    pub fn token_url(&self) -> Option<&str> {
        match self {
            AuthScheme::Bearer {
                client_credentials: Some(cc),
            } => Some(&cc.token_url),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct ClientCredentials {
    /// Token URL template, with the base URL's variables.
    pub token_url: String,
}

/// A builder method taking an API key sent as the basic user name.
#[derive(Clone, Debug)]
pub struct ApiKeyMethod {
    pub method: RustIdent,
    pub doc: super::Doc,
}

/// Session login settings.
#[derive(Clone, Debug)]
pub struct Session {
    pub login_path: String,
    pub login_doc: super::Doc,
    pub username_field: String,
    pub password_field: String,
    /// JSON pointer to the session id in the login response.
    pub session_id: String,
    /// Lower-case header name.
    pub header: String,
    pub logout: Option<Logout>,
}

#[derive(Clone, Debug)]
pub struct Logout {
    pub path: String,
    pub doc: super::Doc,
}

/// How the API writes timestamps.
#[derive(Clone, Copy, Debug)]
pub struct TimestampFormat {
    pub fraction_digits: u8,
    pub offset: OffsetStyle,
}

/// The runtime's `OffsetStyle` variants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetStyle {
    Zulu,
    Colon,
    NoColon,
}

impl OffsetStyle {
    /// The variant name in the runtime.
    pub fn variant(self) -> &'static str {
        match self {
            OffsetStyle::Zulu => "Zulu",
            OffsetStyle::Colon => "Colon",
            OffsetStyle::NoColon => "NoColon",
        }
    }
}

/// Response headers whose values are exposed on every response.
#[derive(Clone, Debug, Default)]
pub struct ResponseHeaders {
    pub etag: Option<String>,
    pub rate_limit_limit: Option<String>,
    pub rate_limit_remaining: Option<String>,
    pub request_id: Option<String>,
}

/// The API's errors: body model, documented statuses, citation.
#[derive(Clone, Debug, Default)]
pub struct ErrorShape {
    pub body: Option<ErrorBody>,
    /// Ascending.
    pub statuses: Vec<ErrorStatus>,
    /// The errors block's assumption, for the error type's rustdoc.
    pub assumption: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ErrorStatus {
    pub status: u16,
    pub doc: super::Doc,
    /// Documented as not processed: retried for any method.
    pub not_processed: bool,
}

/// The error body model and the fields `rt::ErrorDetails` reads.
#[derive(Clone, Debug)]
pub struct ErrorBody {
    pub model: TypeId,
    /// A list field whose first item holds the code and messages.
    pub item: Option<RustIdent>,
    pub code: Option<ErrorCode>,
    /// Message fields, most important first.
    pub messages: Vec<FieldPath>,
    /// Fields that may hold the request id, first present wins.
    pub request_id: Vec<FieldPath>,
}

/// A field reached through nested objects (`error.code`): each step a field
/// of the previous step's model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath(pub Vec<FieldRef>);

#[derive(Clone, Debug)]
pub struct ErrorCode {
    pub field: FieldPath,
    /// The code is an enum whose values carry hints (`fn hint`).
    pub hints: bool,
}

/// A field of a model as code reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRef {
    pub name: RustIdent,
    pub presence: Presence,
    /// The model the field belongs to, whose field's presence this one
    /// follows when a later pass settles it.
    pub owner: Option<TypeId>,
}

impl Settings {
    /// Every field reference the settings hold (error fields, page items
    /// and signals), for a pass that changes field presences.
    pub fn field_refs_mut(&mut self) -> Vec<&mut FieldRef> {
        let mut paths: Vec<&mut FieldPath> = Vec::new();
        let mut refs: Vec<&mut FieldRef> = Vec::new();
        if let Some(body) = &mut self.errors.body {
            paths.extend(body.code.as_mut().map(|c| &mut c.field));
            paths.extend(&mut body.messages);
            paths.extend(&mut body.request_id);
        }
        for page in &mut self.page_models {
            refs.extend(&mut page.items);
            let s = &mut page.signals;
            let texts = [&mut s.next, &mut s.previous, &mut s.more];
            paths.extend(texts.into_iter().flatten());
            let ints = [&mut s.next_number, &mut s.page, &mut s.size, &mut s.count];
            paths.extend(ints.into_iter().flatten().map(|i| &mut i.path));
        }
        refs.extend(paths.into_iter().flat_map(|p| &mut p.0));
        refs
    }
}

/// An envelope, by its position in [`Settings::envelopes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnvelopeId(pub(crate) usize);

/// A named envelope, emitted as statics of the client module.
#[derive(Clone, Debug)]
pub struct Envelope {
    /// Base of the statics' names (`BRM`).
    pub base: RustIdent,
    pub doc: super::Doc,
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

/// A page model and where its items and signals are (`rt::Page`).
#[derive(Clone, Debug)]
pub struct PageModel {
    pub model: TypeId,
    /// The item type parameter; `None` for a model of the members beside a
    /// list under the endpoint's key (`rt::PageInfo`).
    pub type_param: Option<RustIdent>,
    /// The items field (with `type_param`).
    pub items: Option<FieldRef>,
    pub signals: PageSignals,
}

/// The fields of a page model that tell what follows (`rt::Signals`).
#[derive(Clone, Debug, Default)]
pub struct PageSignals {
    /// The next token or next-page URL (a string).
    pub next: Option<FieldPath>,
    /// The previous-page token (a string).
    pub previous: Option<FieldPath>,
    /// The next page number or offset (an integer).
    pub next_number: Option<IntPath>,
    /// This page's number.
    pub page: Option<IntPath>,
    /// The "more pages follow" flag (a bool).
    pub more: Option<FieldPath>,
    pub size: Option<IntPath>,
    pub count: Option<IntPath>,
}

/// An integer field reached by a path.
#[derive(Clone, Debug)]
pub struct IntPath {
    pub path: FieldPath,
    pub width: IntWidth,
}

/// The wire names a pagination description uses, as the spec writes them:
/// the emitters describe the stream's advance and stop rules with them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageWire {
    /// The query parameter the position goes into.
    pub param: Option<String>,
    /// The page-size query parameter.
    pub size_param: Option<String>,
    /// The item key (item cursors).
    pub key: Option<String>,
    /// Where the response gives the next position.
    pub next: Option<String>,
    /// The query parameter of a backward walk.
    pub backward_param: Option<String>,
    /// Where the response gives the previous-page token.
    pub previous: Option<String>,
    /// Where the response gives its page number.
    pub page: Option<String>,
    /// The response's "more pages" flag.
    pub more: Option<String>,
    /// Where the response gives the page size.
    pub size: Option<String>,
}

/// How a stream gets from one page to the next (`rt::Advance`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advance {
    Token,
    Page {
        first: i64,
    },
    Offset,
    /// The page gives the next page number or offset.
    NextNumber,
    Item,
    Url,
    /// Backwards: the key of the first item.
    ItemBefore,
    /// Backwards: the page's previous-page token.
    Previous,
}

/// A pagination description, as the runtime's `rt::Paging` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    pub advance: Advance,
    pub short_page: bool,
    pub empty_page: bool,
    pub inclusive: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntWidth {
    I32,
    I64,
}

impl IntWidth {
    /// The width of an integer type, if it is one.
    pub fn of(ty: &Ty) -> Option<Self> {
        match ty {
            Ty::Scalar(crate::scalars::Scalar::I32) => Some(IntWidth::I32),
            Ty::Scalar(crate::scalars::Scalar::I64) => Some(IntWidth::I64),
            _ => None,
        }
    }
}

/// How a form body writes a `null` (left out, the default, or as an empty
/// value: `address=`, which some APIs read as "clear it") and a list of
/// objects (`items[0][price]`, the default, or `items[price][0]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormRules {
    /// The API's rule: `null` is written as an empty value.
    pub empty_nulls: bool,
    /// Field wire names for which the opposite holds, sorted.
    pub null_except: Vec<String>,
    /// The API's rule: the list index follows the item's field.
    pub field_then_index: bool,
    /// List field wire names for which the opposite holds, sorted.
    pub list_except: Vec<String>,
}
