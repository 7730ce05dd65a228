//! A bound on how deeply nested JSON the decoders follow, whatever path the
//! decoding takes.
//!
//! `serde_json` stops at 128 levels within one parse. Some values are
//! decoded in two steps, though: their exact text is captured first (unions,
//! `IdOrObject`, `OneOrMany`, records in envelopes) and parsed again for the
//! variant, each time by a fresh parser with a fresh budget. A recursive union
//! nested thousands deep would then be decoded one level per re-parse, each
//! level on the stack of the one before, until the thread's stack runs out
//! and the process aborts.
//!
//! Every such re-parse goes through [`reparse`]. The outermost one on a
//! thread checks the nesting of its text (an iterative scan, nothing on the
//! stack) and refuses text deeper than [`MAX_NESTING`]; the re-parses inside
//! it decode parts of that text, so they are bounded by the same check. In
//! all, a decoder follows at most `serde_json`'s 128 levels down to a
//! captured value plus `MAX_NESTING` inside it.

use std::cell::Cell;

/// How deeply nested a value decoded from its captured text may be.
pub const MAX_NESTING: usize = 64;

thread_local! {
    /// Whether a re-parse on this thread has already checked the text that
    /// the current one is part of.
    static CHECKED: Cell<bool> = const { Cell::new(false) };
}

/// Restores the flag when the re-parse ends (also on an error).
struct Checked(bool);

impl Drop for Checked {
    fn drop(&mut self) {
        CHECKED.with(|c| c.set(self.0));
    }
}

/// Why a captured value did not decode.
#[derive(Debug)]
pub enum Reparse {
    /// It nests deeper than [`MAX_NESTING`]: refused unread.
    TooDeep,
    /// It is not a `T`.
    Invalid(serde_json::Error),
}

impl std::fmt::Display for Reparse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reparse::TooDeep => write!(
                f,
                "the JSON value nests deeper than {MAX_NESTING} levels, more than this client decodes"
            ),
            Reparse::Invalid(e) => e.fmt(f),
        }
    }
}

/// Decodes `text`, a value captured from a larger document, as `T`;
/// refuses it before decoding when it nests deeper than [`MAX_NESTING`].
pub fn reparse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Reparse> {
    let outer = CHECKED.with(|c| c.replace(true));
    let _restore = Checked(outer);
    if !outer && depth_exceeds(text, MAX_NESTING) {
        return Err(Reparse::TooDeep);
    }
    serde_json::from_str(text).map_err(Reparse::Invalid)
}

/// Whether the arrays and objects of `text` nest deeper than `limit`
/// (strings, with their escapes, are skipped).
pub fn depth_exceeds(text: &str, limit: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in text.as_bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        format!("{}1{}", "[".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn depth_counts_arrays_and_objects_not_strings() {
        assert!(!depth_exceeds(&nested(3), 3));
        assert!(depth_exceeds(&nested(4), 3));
        assert!(!depth_exceeds(r#"{"a": "[[[[[[", "b": {"c": "\"[[["}}"#, 2));
        assert!(depth_exceeds(r#"{"a": {"b": [{"c": 1}]}}"#, 3));
        assert!(!depth_exceeds(r#"{"a": {"b": [{"c": 1}]}}"#, 4));
    }

    #[test]
    fn the_outermost_reparse_checks_and_the_inner_ones_trust_it() {
        let deep = nested(MAX_NESTING + 1);
        let err = reparse::<serde_json::Value>(&deep).unwrap_err();
        assert!(matches!(err, Reparse::TooDeep));
        assert!(err.to_string().contains("deeper than 64 levels"), "{err}");
        // Inside a checked re-parse (a union decoding its variant), a part
        // of the checked text is not scanned again.
        #[derive(Debug)]
        struct Inner;
        impl<'de> serde::Deserialize<'de> for Inner {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
                assert!(CHECKED.with(Cell::get), "inside a checked re-parse");
                reparse::<serde_json::Value>(raw.get()).map_err(serde::de::Error::custom)?;
                Ok(Inner)
            }
        }
        assert!(reparse::<Vec<Inner>>(&nested(MAX_NESTING)).is_ok());
        // The flag is restored: the next outermost re-parse checks again.
        assert!(!CHECKED.with(Cell::get));
        assert!(reparse::<serde_json::Value>(&deep).is_err());
    }
}
