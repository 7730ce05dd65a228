//! The one place where spec names become Rust identifiers.
//!
//! Wire names such as `If-Match`, `request-id`, `type` or `3dsecure` are
//! turned into valid, idiomatic identifiers: snake_case for fields, methods
//! and modules, UpperCamelCase for types and variants, with keywords escaped.

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

/// Whether `s` is a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

fn escape(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if is_keyword(&s) {
        format!("r#{s}")
    } else {
        s
    }
}

fn cleaned(s: &str) -> String {
    // heck treats any non-alphanumeric character as a word boundary.
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// A snake_case identifier for a field, parameter, method or module.
/// Returns `None` when nothing usable is left (e.g. `"--"`).
pub fn snake(name: &str) -> Option<String> {
    let s = cleaned(name).to_snake_case();
    if s.is_empty() {
        return None;
    }
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s
    };
    Some(escape(s))
}

/// An UpperCamelCase identifier for a type or enum variant.
pub fn upper_camel(name: &str) -> Option<String> {
    let s = cleaned(name).to_upper_camel_case();
    if s.is_empty() {
        return None;
    }
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{s}")
    } else {
        s
    };
    Some(escape(s))
}

/// A SHOUTY_SNAKE_CASE identifier for a static or constant.
pub fn shouty(name: &str) -> Option<String> {
    let s = cleaned(name).to_shouty_snake_case();
    if s.is_empty() {
        return None;
    }
    Some(if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s
    })
}

/// Whether `name` is already a plain UpperCamelCase type name.
pub fn is_type_name(name: &str) -> bool {
    upper_camel(name).as_deref() == Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_methods() {
        assert_eq!(
            snake("TriggerInterimBilling").as_deref(),
            Some("trigger_interim_billing")
        );
        assert_eq!(snake("If-Match").as_deref(), Some("if_match"));
        assert_eq!(snake("request-id").as_deref(), Some("request_id"));
        assert_eq!(snake("type").as_deref(), Some("r#type"));
        assert_eq!(snake("self").as_deref(), Some("self_"));
        assert_eq!(snake("3dsecure").as_deref(), Some("_3dsecure"));
        assert_eq!(snake("AddressLine1").as_deref(), Some("address_line1"));
        assert_eq!(snake("--"), None);
    }

    #[test]
    fn types_and_variants() {
        assert_eq!(upper_camel("InProgress").as_deref(), Some("InProgress"));
        assert_eq!(
            upper_camel("credit_card_expired").as_deref(),
            Some("CreditCardExpired")
        );
        assert_eq!(
            upper_camel("INVALID_GET_REQUEST_QUERY").as_deref(),
            Some("InvalidGetRequestQuery")
        );
        assert_eq!(upper_camel("122").as_deref(), Some("V122"));
        assert_eq!(upper_camel("Self").as_deref(), Some("Self_"));
        assert!(is_type_name("OrderId"));
        assert!(!is_type_name("order_id"));
    }
}
