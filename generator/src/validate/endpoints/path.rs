//! An endpoint's `path`: literal segments and `{param}` segments, matched
//! against the declared path parameters.

use super::super::Reporter;
use crate::diag::{Rule, did_you_mean};
use crate::ir::{Param, PathPart};

/// One segment of a path template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Segment {
    Literal(String),
    Param(String),
}

/// Splits a path template into literal and `{param}` segments.
pub(super) fn parse(path: &str) -> Result<Vec<Segment>, String> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err("the path must start with `/`".into());
    };
    if path.contains('?') || path.contains('#') {
        return Err(
            "the path must not contain `?` or `#`; declare query parameters with `in: query`"
                .into(),
        );
    }
    rest.split('/').map(segment).collect()
}

fn segment(seg: &str) -> Result<Segment, String> {
    if seg.is_empty() {
        return Err("the path has an empty segment (`//` or a trailing `/`)".into());
    }
    if let Some(inner) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("`{seg}` is not a valid parameter segment"));
        }
        return Ok(Segment::Param(inner.to_owned()));
    }
    if seg.contains(['{', '}', ':']) {
        return Err(format!(
            "segment `{seg}`: a parameter must fill a whole segment and be written `{{name}}`"
        ));
    }
    if !seg
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
    {
        return Err(format!("segment `{seg}` has characters that need encoding"));
    }
    Ok(Segment::Literal(seg.to_owned()))
}

/// The path parts, and the path parameters in path order. Every `{x}` must
/// be a declared path parameter and vice versa.
pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    template: &str,
    params: &[Param],
) -> (Vec<PathPart>, Vec<Param>) {
    let segments = match parse(template) {
        Ok(s) => s,
        Err(e) => {
            cx.error(
                f,
                &format!("{p}.path"),
                Rule::BadPath,
                format!("path `{template}`: {e}"),
                None,
            );
            Vec::new()
        }
    };
    let mut parts = Vec::new();
    let mut ordered: Vec<Param> = Vec::new();
    for seg in &segments {
        let name = match seg {
            Segment::Literal(s) => {
                parts.push(PathPart::Literal(s.clone()));
                continue;
            }
            Segment::Param(name) => name,
        };
        match params.iter().find(|q| &q.wire == name) {
            Some(q) => {
                parts.push(PathPart::Param {
                    arg: q.rust.clone(),
                    text: q.text,
                });
                ordered.push(q.clone());
            }
            None => {
                let help =
                    did_you_mean(name, params.iter().map(|q| q.wire.as_str())).or_else(|| {
                        Some(format!(
                            "add `{name}: {{in: path, type: string, doc: ...}}` under `params`"
                        ))
                    });
                cx.error(
                    f,
                    &format!("{p}.path"),
                    Rule::BadPathParam,
                    format!("path parameter `{{{name}}}` is not declared in `params`"),
                    help,
                );
            }
        }
    }
    for q in params {
        if !segments.contains(&Segment::Param(q.wire.clone())) {
            cx.error(
                f,
                &format!("{p}.params.{}", q.wire),
                Rule::BadPathParam,
                format!(
                    "path parameter `{}` does not occur in path `{template}`",
                    q.wire
                ),
                Some(format!("add `{{{}}}` to the path or change `in`", q.wire)),
            );
        }
    }
    (parts, ordered)
}

#[cfg(test)]
mod tests {
    use super::{Segment, parse};

    #[test]
    fn paths() {
        assert_eq!(
            parse("/Orders/{orderId}/commit").unwrap(),
            vec![
                Segment::Literal("Orders".into()),
                Segment::Param("orderId".into()),
                Segment::Literal("commit".into())
            ]
        );
        assert!(parse("Orders").is_err());
        assert!(parse("/Orders/:id").is_err());
        assert!(parse("/Orders//x").is_err());
        assert!(parse("/a?b=c").is_err());
        assert!(parse("/a/x{id}").is_err());
    }
}
