//! `sent_type`: a field whose wire type depends on the direction (Unix
//! seconds sent, RFC 3339 read back). The field's `type` is how it is
//! read; requests send `sent_type`, so a model both sent and read gets an
//! input twin holding it (and a model only sent holds it directly).

use super::Reporter;
use super::resolve::Resolver;
use crate::diag::Rule;
use crate::ir::Ty;
use crate::raw::RawField;

/// The field's sent type, where it differs from `read`; reported when it
/// cannot be one.
pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    resolver: &Resolver<'_>,
    (file, path): (usize, &str),
    raw: &RawField,
    read: &Ty,
) -> Option<Ty> {
    let text = raw.sent_type.as_deref()?;
    let at = format!("{path}.sent_type");
    let sent = resolver.resolve(cx, file, &at, text)?;
    let problem = if raw.read_only {
        Some((
            "a `read_only` field is never sent, so it has no sent type".to_owned(),
            "remove `sent_type` or `read_only`",
        ))
    } else if sent == *read {
        Some((
            format!("`sent_type` repeats `type` (`{text}`)"),
            "remove `sent_type`",
        ))
    } else if raw.encoding.is_some() {
        Some((
            "`encoding` says how `type` travels as a string; with a `sent_type` the two directions differ".to_owned(),
            "remove `encoding`, or declare the field's two types without it",
        ))
    } else {
        None
    };
    if let Some((msg, help)) = problem {
        cx.error(file, &at, Rule::BadValue, msg, Some(help.into()));
        return None;
    }
    Some(sent)
}
