//! Entity tags for conditional requests.

use std::fmt;

/// An entity tag as received in the `ETag` response header, quotes and weak
/// marker included. Pass it back unchanged as `If-Match` to make an update
/// conditional: the server answers 412 if the resource changed meanwhile.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ETag(String);

impl ETag {
    /// An entity tag from its exact header value, e.g. `"\"abc\""`.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The header value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ETag({})", self.0)
    }
}
