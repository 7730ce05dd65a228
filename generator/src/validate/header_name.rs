//! What may be an HTTP header name (RFC 9110 `token`).

/// Whether `name` is a valid HTTP header name (a token).
pub(super) fn valid_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
