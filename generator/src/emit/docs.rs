//! Doc comments from spec text: one `#[doc]` per line, sanitised so rustdoc
//! reads the text as written (no accidental links, code blocks or doctests).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Doc, Endpoint, TypeDef, TypeKind, TypeSpace};

/// Makes one line of spec text safe for rustdoc.
fn sanitize_line(line: &str) -> String {
    // Leading spaces would turn into indented code blocks (and doctests).
    let line = line.trim();
    // A fence would open a code block, which rustdoc runs as a doctest.
    if line.starts_with("```") || line.starts_with("~~~") {
        return format!("\\{line}");
    }
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        }
        if !in_code {
            // [`Item`] is an intra-doc link; rustdoc checks it resolves.
            if let Some(link_len) = rest
                .strip_prefix("[`")
                .and_then(|r| r.find("`]"))
                .map(|end| end + 4)
            {
                out.push_str(&rest[..link_len]);
                rest = &rest[link_len..];
                continue;
            }
            if let Some(url_len) = url_at(rest) {
                out.push('<');
                out.push_str(&rest[..url_len]);
                out.push('>');
                rest = &rest[url_len..];
                continue;
            }
            if c == '[' || c == ']' {
                // Would be read as an intra-doc link.
                out.push('\\');
            }
        }
        if c.is_control() && c != '\t' {
            // Validation refuses them in docs; any other text that reaches
            // a doc comment gets them written as escapes, never raw.
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn url_at(s: &str) -> Option<usize> {
    if !(s.starts_with("https://") || s.starts_with("http://")) {
        return None;
    }
    let end = s
        .find(|c: char| c.is_whitespace() || c == ')' || c == '>')
        .unwrap_or(s.len());
    let end = s[..end].trim_end_matches(['.', ',', ';', ':']).len();
    Some(end)
}

/// The rustdoc text of a spec item's doc: what the item is. Where its
/// facts come from (seed files, URLs) and the assumptions it rests on are
/// `REFERENCE.md`'s, for the reviewer: a user reading rustdoc needs neither.
pub(super) fn text(doc: &Doc) -> String {
    doc.text.clone()
}

/// A declared type's documentation: an input twin's begins with what it is.
pub(super) fn type_doc(def: &TypeDef, types: &TypeSpace) -> String {
    let twin_of = match &def.kind {
        TypeKind::Struct(m) => m.input_of.as_ref(),
        TypeKind::StringEnum(_)
        | TypeKind::IntEnum(_)
        | TypeKind::IdNewtype
        | TypeKind::Union(_) => None,
    };
    match twin_of {
        Some(of) => format!(
            "[`{}`] as a request sends it: without the fields the server sets and without unknown fields, so nothing read is sent back.\n\n{}",
            types.name(of.model),
            text(&def.doc)
        ),
        None => text(&def.doc),
    }
}

/// An endpoint's documentation: an add-on's begins with what it needs.
pub(crate) fn endpoint_doc(e: &Endpoint) -> String {
    if e.addon {
        format!(
            "**[Feature]** add-on: available only after activation by the API provider's support.\n\n{}",
            text(&e.doc)
        )
    } else {
        text(&e.doc)
    }
}

/// Outer doc attributes (`///`) for an item.
pub fn outer(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// Inner doc attributes (`//!`) for a module or crate.
pub fn inner(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #( #![doc = #lines] )* }
}

fn lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .trim()
        .lines()
        .map(|l| format!(" {}", sanitize_line(l)).trim_end().to_owned())
        .collect();
    out.dedup_by(|a, b| a.is_empty() && b.is_empty());
    out
}

/// An `# Example` section: the code lines as written (no sanitising: they
/// are a doctest on purpose).
pub fn example(code: &[String]) -> TokenStream {
    let mut lines = vec![String::new(), " # Example".to_owned(), String::new()];
    lines.extend(code.iter().map(|l| format!(" {l}").trim_end().to_owned()));
    quote! { #( #[doc = #lines] )* }
}

/// `#[deprecated]` for an item, if the spec marks it.
pub fn deprecated(note: Option<&String>) -> TokenStream {
    match note {
        Some(note) => quote!(#[deprecated(note = #note)]),
        None => quote!(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_escaped_never_raw() {
        let line = super::sanitize_line("a\u{0}b\u{1b}[1mc\td");
        assert_eq!(line, "a\\u{0}b\\u{1b}\\[1mc\td");
        assert!(!line.chars().any(|c| c.is_control() && c != '\t'));
    }

    use super::sanitize_line;

    #[test]
    fn escapes_links_urls_and_indentation() {
        assert_eq!(
            sanitize_line("    marked with [Feature]"),
            "marked with \\[Feature\\]"
        );
        assert_eq!(
            sanitize_line("see https://api.reepay.com/v1."),
            "see <https://api.reepay.com/v1>."
        );
        assert_eq!(
            sanitize_line("`[0;20000]` stays code"),
            "`[0;20000]` stays code"
        );
        assert_eq!(sanitize_line("```rust"), "\\```rust");
        assert_eq!(sanitize_line("  ~~~"), "\\~~~");
        assert_eq!(
            sanitize_line("see [`Client::builder`] and [x]"),
            "see [`Client::builder`] and \\[x\\]"
        );
    }
}
