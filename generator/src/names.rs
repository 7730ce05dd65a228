//! The one place where spec names become Rust identifiers.
//!
//! Wire names such as `If-Match`, `request-id`, `type` or `3dsecure` become
//! valid, idiomatic identifiers: snake_case for fields, methods and modules,
//! UpperCamelCase for types and variants, SHOUTY_CASE for statics, keywords
//! escaped. Every derived name of the generated code (`...Api` handles,
//! `...Query` structs, `..._pages` streams, envelope statics) is made here
//! too, and so are the lists of names the generated code reserves.
//!
//! Identifiers are a type ([`RustIdent`]), valid by construction: emitters
//! turn them into tokens without re-parsing a `String` that may carry `r#`.

use std::fmt;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (2021 edition, strict and reserved).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_`.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Type and trait names of Rust's prelude, which emitted code names
/// unqualified (`Option`, `Vec`, `impl Into<..>`): a spec type may not
/// shadow them. (`Result` is free: generated code writes
/// `std::result::Result`.) Names the emitted code defines itself (`Client`, `Error`,
/// handle types, query structs) are checked by scope
/// (`ir/scopes.rs`, `validate/scopes.rs`), not listed here.
pub const RESERVED_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Module names an API may not take: they are files or names of the
/// generated crate itself (`runtime` is the hand-written runtime).
pub const RESERVED_MODULES: &[&str] = &[
    "runtime", "lib", "main", "build", "std", "core", "alloc", "serde", "rt", "models", "client",
];

/// Whether a declared type name is reserved: a name of Rust's prelude, or a
/// single capital letter (the form of type parameters such as `K`).
pub fn is_reserved_type(name: &str) -> bool {
    RESERVED_TYPES.contains(&name)
        || (name.len() == 1 && name.chars().all(|c| c.is_ascii_uppercase()))
}

/// Argument names an endpoint method gives its body, query and records.
pub const BODY_ARGS: &[&str] = &["body", "query", "records", "self_"];

/// Names an endpoint method uses for its locals; a required query argument
/// with one of these names stays in the query struct instead.
pub const METHOD_LOCALS: &[&str] = &["body", "query", "records", "path", "request", "self_"];

/// The variant of an open enum that keeps unknown values.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The field of an open model that keeps unknown fields.
pub const EXTRA_FIELD: &str = "extra";

/// A Rust identifier, valid by construction. A keyword that can be raw is
/// kept raw (`r#type`); `as_str` gives the name without `r#`, `Display` the
/// name as written in Rust source.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustIdent {
    name: String,
    raw: bool,
}

/// Whether `s` is a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

fn cleaned(s: &str) -> String {
    // heck treats any non-alphanumeric character as a word boundary.
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

fn is_plain_ident(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s != "_"
}

impl RustIdent {
    /// An identifier from a cased name: keywords become raw or get a `_`.
    fn escaped(s: String) -> Self {
        if NOT_RAW.contains(&s.as_str()) {
            Self {
                name: format!("{s}_"),
                raw: false,
            }
        } else {
            let raw = is_keyword(&s);
            Self { name: s, raw }
        }
    }

    /// The cased form of `name`, or `None` when nothing usable is left; a
    /// leading digit gets `digit_prefix`.
    fn cased(name: &str, case: fn(&str) -> String, digit_prefix: &str) -> Option<String> {
        let s = case(&cleaned(name));
        if s.is_empty() {
            return None;
        }
        Some(if s.starts_with(|c: char| c.is_ascii_digit()) {
            format!("{digit_prefix}{s}")
        } else {
            s
        })
    }

    /// A snake_case identifier for a field, parameter, method or module.
    /// `None` when nothing usable is left (e.g. `"--"`).
    pub fn snake(name: &str) -> Option<Self> {
        Self::cased(name, |s| s.to_snake_case(), "_").map(Self::escaped)
    }

    /// An UpperCamelCase identifier for a type or enum variant.
    pub fn upper_camel(name: &str) -> Option<Self> {
        Self::cased(name, |s| s.to_upper_camel_case(), "V").map(Self::escaped)
    }

    /// A SHOUTY_SNAKE_CASE identifier for a static or constant.
    pub fn shouty(name: &str) -> Option<Self> {
        Self::cased(name, |s| s.to_shouty_snake_case(), "_").map(|name| Self { name, raw: false })
    }

    /// A name the spec author wrote as a Rust identifier (`rust_name`):
    /// a plain identifier or `r#keyword`. `None` if it is not one, or is a
    /// keyword that cannot be used (`self`, `crate`, ...).
    pub fn parse(text: &str) -> Option<Self> {
        if let Some(kw) = text.strip_prefix("r#") {
            return (is_keyword(kw) && !NOT_RAW.contains(&kw)).then(|| Self {
                name: kw.to_owned(),
                raw: true,
            });
        }
        if !is_plain_ident(text) || NOT_RAW.contains(&text) {
            return None;
        }
        Some(Self {
            name: text.to_owned(),
            raw: is_keyword(text),
        })
    }

    /// An identifier the generator itself chose (a fixed, valid name).
    fn fixed(name: String) -> Self {
        debug_assert!(is_plain_ident(&name) && !is_keyword(&name));
        Self { name, raw: false }
    }

    /// The name without `r#`.
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// The token of this identifier.
    pub fn to_ident(&self) -> proc_macro2::Ident {
        let span = proc_macro2::Span::call_site();
        if self.raw {
            proc_macro2::Ident::new_raw(&self.name, span)
        } else {
            proc_macro2::Ident::new(&self.name, span)
        }
    }

    /// Whether this is a plain UpperCamelCase type name (as the spec must
    /// write declared types).
    pub fn is_type_name(name: &str) -> bool {
        Self::upper_camel(name).is_some_and(|n| !n.raw && n.name == name)
    }
}

impl fmt::Display for RustIdent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.name)
    }
}

impl quote::ToTokens for RustIdent {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        self.to_ident().to_tokens(tokens);
    }
}

/// A spec type name (UpperCamelCase, as `models:` keys are written) made
/// from any text: `OpenMeter.App.AppStatus` -> `OpenMeterAppAppStatus`,
/// `tax object` -> `TaxObject`; a name of Rust's prelude gets `Model`
/// appended (`String` -> `StringModel`), nothing usable gives `Unnamed`.
pub fn type_name_from(text: &str) -> String {
    let name = RustIdent::upper_camel(text)
        .filter(|n| !n.raw)
        .map(|n| n.name)
        .unwrap_or_else(|| "Unnamed".to_owned());
    if is_reserved_type(&name) {
        format!("{name}Model")
    } else {
        name
    }
}

/// The handle type of a resource: `orders` -> `OrdersApi`.
pub fn handle_type(accessor: &RustIdent) -> RustIdent {
    let base = RustIdent::upper_camel(accessor.as_str()).map(|n| n.name);
    RustIdent::fixed(format!("{}Api", base.unwrap_or_default()))
}

/// The query struct of an endpoint: `InvoicesApi` + `list` -> `InvoicesListQuery`.
pub fn query_struct(handle: &RustIdent, method: &RustIdent) -> RustIdent {
    let method = RustIdent::upper_camel(method.as_str()).map(|n| n.name);
    RustIdent::fixed(format!(
        "{}{}Query",
        handle.as_str().trim_end_matches("Api"),
        method.unwrap_or_default()
    ))
}

/// The enum of an endpoint's success responses by status:
/// `ChargesApi::create` -> `ChargesCreateOutcome`.
pub fn status_enum(handle: &RustIdent, method: &RustIdent) -> RustIdent {
    let method = RustIdent::upper_camel(method.as_str()).map(|n| n.name);
    RustIdent::fixed(format!(
        "{}{}Outcome",
        handle.as_str().trim_end_matches("Api"),
        method.unwrap_or_default()
    ))
}

/// The variant of a success status: its reason phrase (`201` -> `Created`),
/// or `Status<code>`.
pub fn status_variant(status: u16) -> RustIdent {
    let name = match status {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritative",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        _ => return RustIdent::fixed(format!("Status{status}")),
    };
    RustIdent::fixed(name.to_owned())
}

/// The builder method of a query struct field: the field's name, or
/// `set_<name>` where that would be another method of the struct (`new`,
/// `to_query`, the `PagedQuery` methods).
pub fn query_setter(field: &RustIdent) -> RustIdent {
    const TAKEN: &[&str] = &["new", "to_query", "cursor", "with_cursor", "page_size"];
    if TAKEN.contains(&field.as_str()) {
        RustIdent::fixed(format!("set_{}", field.as_str()))
    } else {
        field.clone()
    }
}

/// What an input twin's name adds to its model's.
pub const INPUT_SUFFIX: &str = "Input";

/// The input twin of a model: `Customer` -> `CustomerInput`.
pub fn input_twin(model: &RustIdent) -> RustIdent {
    RustIdent::fixed(format!("{}{INPUT_SUFFIX}", model.as_str()))
}

/// The stream of all pages of a paginated method: `list` -> `list_pages`.
pub fn pages_method(method: &RustIdent) -> RustIdent {
    RustIdent::fixed(format!("{}_pages", method.as_str()))
}

/// The stream of all items of a paginated method: `list` -> `list_items`.
pub fn items_method(method: &RustIdent) -> RustIdent {
    RustIdent::fixed(format!("{}_items", method.as_str()))
}

/// The records method with the entity from the records' type: `create` ->
/// `create_typed`.
pub fn typed_records_method(method: &RustIdent) -> RustIdent {
    RustIdent::fixed(format!("{}_typed", method.as_str()))
}

/// A backward stream: `list_pages` -> `list_pages_backward`.
pub fn backward(stream: &RustIdent) -> RustIdent {
    RustIdent::fixed(format!("{}_backward", stream.as_str()))
}

/// The base of an envelope's statics: `brm` -> `BRM`.
pub fn envelope_base(name: &str) -> RustIdent {
    RustIdent::shouty(name).unwrap_or_else(|| RustIdent::fixed("ENVELOPE".into()))
}

/// The static describing how an envelope wraps requests.
pub fn envelope_request_static(base: &RustIdent) -> RustIdent {
    RustIdent::fixed(format!("ENVELOPE_{}", base.as_str()))
}

/// The static describing an envelope's per-record status.
pub fn envelope_status_static(base: &RustIdent) -> RustIdent {
    RustIdent::fixed(format!("STATUS_{}", base.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snake(s: &str) -> Option<String> {
        RustIdent::snake(s).map(|i| i.to_string())
    }

    fn camel(s: &str) -> Option<String> {
        RustIdent::upper_camel(s).map(|i| i.to_string())
    }

    #[test]
    fn fields_and_methods() {
        assert_eq!(
            snake("TriggerInterimBilling").as_deref(),
            Some("trigger_interim_billing")
        );
        assert_eq!(snake("If-Match").as_deref(), Some("if_match"));
        assert_eq!(snake("request-id").as_deref(), Some("request_id"));
        assert_eq!(snake("type").as_deref(), Some("r#type"));
        assert_eq!(RustIdent::snake("type").unwrap().as_str(), "type");
        assert_eq!(snake("self").as_deref(), Some("self_"));
        assert_eq!(snake("3dsecure").as_deref(), Some("_3dsecure"));
        assert_eq!(snake("AddressLine1").as_deref(), Some("address_line1"));
        assert_eq!(snake("--"), None);
    }

    #[test]
    fn types_and_variants() {
        assert_eq!(camel("InProgress").as_deref(), Some("InProgress"));
        assert_eq!(
            camel("credit_card_expired").as_deref(),
            Some("CreditCardExpired")
        );
        assert_eq!(
            camel("INVALID_GET_REQUEST_QUERY").as_deref(),
            Some("InvalidGetRequestQuery")
        );
        assert_eq!(camel("122").as_deref(), Some("V122"));
        assert_eq!(camel("Self").as_deref(), Some("Self_"));
        assert!(RustIdent::is_type_name("OrderId"));
        assert!(!RustIdent::is_type_name("order_id"));
    }

    #[test]
    fn written_names_are_checked() {
        assert_eq!(
            RustIdent::parse("condition").unwrap().to_string(),
            "condition"
        );
        assert_eq!(RustIdent::parse("r#type").unwrap().to_string(), "r#type");
        assert_eq!(RustIdent::parse("fn").unwrap().to_string(), "r#fn");
        for bad in [
            "foo bar", "r#self", "123", "", "self", "Self", "r#foo", "_", "a-b",
        ] {
            assert_eq!(RustIdent::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn derived_names() {
        let orders = RustIdent::snake("orders").unwrap();
        let handle = handle_type(&orders);
        assert_eq!(handle.to_string(), "OrdersApi");
        let list = RustIdent::snake("list").unwrap();
        assert_eq!(query_struct(&handle, &list).to_string(), "OrdersListQuery");
        assert_eq!(pages_method(&list).to_string(), "list_pages");
        let r#type = RustIdent::snake("type").unwrap();
        assert_eq!(items_method(&r#type).to_string(), "type_items");
        let brm = envelope_base("brm");
        assert_eq!(envelope_request_static(&brm).to_string(), "ENVELOPE_BRM");
        assert_eq!(envelope_status_static(&brm).to_string(), "STATUS_BRM");
    }
}
