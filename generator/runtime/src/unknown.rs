//! The value an open enum keeps when the server sends one the spec does not
//! list. It can be read but not made: an enum value is built with `From`
//! (`State::from("active")`), which picks the documented variant when there
//! is one, so `Unknown` never holds a known value by mistake.

use std::fmt;

/// A wire value unknown to this client, kept as sent.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unknown<T>(T);

impl<T> Unknown<T> {
    /// The value as the server sent it.
    pub fn get(&self) -> &T {
        &self.0
    }

    /// Takes the value out.
    pub fn into_inner(self) -> T {
        self.0
    }

    /// For generated `From` implementations only: they call it for values
    /// no documented variant has.
    #[doc(hidden)]
    pub fn __new(value: T) -> Self {
        Unknown(value)
    }
}

impl<T: fmt::Debug> fmt::Debug for Unknown<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: fmt::Display> fmt::Display for Unknown<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Unknown<String> {
    /// The value as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
