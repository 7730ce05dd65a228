//! Finds the line of a YAML path in block-style YAML, so diagnostics can point
//! at it. `serde_yaml` values carry no positions; spec files are hand-written
//! block YAML, for which indentation is enough. Flow mappings (`{a: 1}`) are
//! resolved to the line that holds them.

/// One step of a YAML path: a mapping key. The spec language uses mappings
/// only, so sequences need no steps of their own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seg(pub String);

/// Splits a dotted path (`a.b.c`) into key segments. Numbers stay keys (HTTP
/// statuses are keys).
pub fn key_path(path: &str) -> Vec<Seg> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|s| Seg(s.to_owned()))
        .collect()
}

struct Line<'a> {
    indent: usize,
    /// Content after the indentation and any `- ` sequence markers.
    content: &'a str,
}

fn parse_line(raw: &str) -> Option<Line<'_>> {
    let trimmed = raw.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "---" {
        return None;
    }
    let mut indent = raw.len() - trimmed.len();
    let mut content = trimmed;
    if let Some(rest) = content
        .strip_prefix("- ")
        .or_else(|| (content == "-").then_some(""))
    {
        // Keys of a sequence item sit two columns right of the dash.
        indent += 2;
        content = rest.trim_start();
    }
    Some(Line { indent, content })
}

fn key_of(content: &str) -> Option<&str> {
    let end = content.find(':')?;
    let key = content[..end].trim();
    let key = key.trim_matches('"').trim_matches('\'');
    (!key.is_empty()).then_some(key)
}

/// The 1-based line of `path` in `source`, or of its deepest ancestor found.
pub fn locate(source: &str, path: &[Seg]) -> Option<usize> {
    let lines: Vec<Option<Line<'_>>> = source.lines().map(parse_line).collect();
    let mut start = 0usize;
    let mut parent_indent: Option<usize> = None;
    let mut found_line: Option<usize> = None;
    for seg in path {
        // The block of the parent runs until a line indented at or left of it.
        let mut child_indent: Option<usize> = None;
        let mut hit = None;
        for (i, line) in lines.iter().enumerate().skip(start) {
            let Some(line) = line else { continue };
            if parent_indent.is_some_and(|p| line.indent <= p) {
                break;
            }
            let ci = *child_indent.get_or_insert(line.indent);
            if line.indent != ci {
                continue;
            }
            if key_of(line.content) == Some(seg.0.as_str()) {
                hit = Some(i);
                break;
            }
        }
        match hit {
            Some(i) => {
                found_line = Some(i + 1);
                let line = lines[i].as_ref().expect("hit is a content line");
                parent_indent = Some(line.indent);
                start = i + 1;
            }
            None => return found_line,
        }
    }
    found_line
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
# comment
api:
  name: x
  errors:
    statuses:
      400: {doc: bad}
models:
  Order:
    doc: An order.
    fields:
      Id: {type: OrderId, doc: id}
      Cart:
        type: Cartt
";

    fn keys(p: &str) -> Vec<Seg> {
        key_path(p)
    }

    #[test]
    fn finds_block_keys() {
        assert_eq!(locate(DOC, &keys("api.name")), Some(3));
        assert_eq!(locate(DOC, &keys("api.errors.statuses.400")), Some(6));
        assert_eq!(
            locate(DOC, &keys("models.Order.fields.Cart.type")),
            Some(13)
        );
        assert_eq!(locate(DOC, &keys("models.Order.fields.Id")), Some(11));
    }

    #[test]
    fn falls_back_to_the_deepest_ancestor() {
        assert_eq!(locate(DOC, &keys("models.Order.fields.Id.type")), Some(11));
        assert_eq!(locate(DOC, &keys("models.Missing")), Some(7));
        assert_eq!(locate(DOC, &keys("nothing")), None);
    }
}
