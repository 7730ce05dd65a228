//! A parameter as the spec writes it, before it is lowered.

use crate::raw::RawParam;

/// A parameter as written: its file, YAML path, wire name and keys.
pub(super) struct Written<'a> {
    pub file: usize,
    pub path: String,
    pub wire: &'a str,
    pub raw: &'a RawParam,
}
