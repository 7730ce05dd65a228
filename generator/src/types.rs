//! The type expressions of the spec language: `string`, `decimal`,
//! `list<Cart>`, `map<string>`, `OrderId`, ...

use crate::scalars::Scalar;

/// A parsed, not yet resolved, type expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeExpr {
    /// A built-in scalar such as `string` or `decimal`.
    Scalar(Scalar),
    /// `entity`: the entity an endpoint works on.
    Entity,
    /// `record`: the record type of the endpoint's entity.
    Record,
    /// `list<T>`.
    List(Box<TypeExpr>),
    /// `map<T>` (string keys).
    Map(Box<TypeExpr>),
    /// `one_or_many<T>`: a single value or a list.
    OneOrMany(Box<TypeExpr>),
    /// `interval<T>`: `[a;b)` notation.
    Interval(Box<TypeExpr>),
    /// `id_or_object<Id, Model>`: an id string or the expanded object.
    IdOrObject(Box<TypeExpr>, Box<TypeExpr>),
    /// `Model<T>`: a generic model applied to a type.
    Apply(String, Box<TypeExpr>),
    /// A name declared in `ids`, `enums` or `models`.
    Named(String),
}

/// The names of the built-in types, for "did you mean" suggestions.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    crate::scalars::TABLE
        .iter()
        .map(|r| r.spec)
        .chain(["entity", "record"])
}

/// Parses a type expression; the error says what is wrong.
pub fn parse(input: &str) -> Result<TypeExpr, String> {
    // Each `<` is one level of recursion, here and in resolution.
    let depth = input.bytes().filter(|b| *b == b'<').count();
    if depth > MAX_TYPE_DEPTH {
        return Err(format!(
            "the type nests {depth} levels deep; at most {MAX_TYPE_DEPTH} are allowed"
        ));
    }
    parse_nested(input)
}

/// `A, B` split at the one comma outside any `<..>`.
fn split_pair(s: &str) -> Option<(&str, &str)> {
    let i = top_level_comma(s)?;
    let (a, b) = (&s[..i], &s[i + 1..]);
    top_level_comma(b).is_none().then_some((a, b))
}

/// The position of the first comma outside any `<..>`.
fn top_level_comma(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// How deeply type expressions may nest (`list<map<..>>`).
pub const MAX_TYPE_DEPTH: usize = 16;

fn parse_nested(input: &str) -> Result<TypeExpr, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err("the type is empty".into());
    }
    for (prefix, wrap) in [
        ("list<", TypeExpr::List as fn(Box<TypeExpr>) -> TypeExpr),
        ("map<", TypeExpr::Map),
        ("one_or_many<", TypeExpr::OneOrMany),
        ("interval<", TypeExpr::Interval),
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let inner = rest
                .strip_suffix('>')
                .ok_or_else(|| format!("`{s}` is missing its closing `>`"))?;
            return Ok(wrap(Box::new(parse_nested(inner)?)));
        }
    }
    if let Some(rest) = s.strip_prefix("id_or_object<") {
        let inner = rest
            .strip_suffix('>')
            .ok_or_else(|| format!("`{s}` is missing its closing `>`"))?;
        let (id, object) = split_pair(inner)
            .ok_or_else(|| format!("`{s}` needs two types: `id_or_object<IdType, Model>`"))?;
        return Ok(TypeExpr::IdOrObject(
            Box::new(parse_nested(id)?),
            Box::new(parse_nested(object)?),
        ));
    }
    if let Some(scalar) = Scalar::from_spec(s) {
        return Ok(TypeExpr::Scalar(scalar));
    }
    match s {
        "entity" => return Ok(TypeExpr::Entity),
        "record" => return Ok(TypeExpr::Record),
        _ => {}
    }
    let is_name = |n: &str| {
        n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && n.starts_with(|c: char| c.is_ascii_alphabetic())
    };
    if is_name(s) {
        return Ok(TypeExpr::Named(s.to_owned()));
    }
    if let Some((name, rest)) = s.split_once('<') {
        if is_name(name) {
            let inner = rest
                .strip_suffix('>')
                .ok_or_else(|| format!("`{s}` is missing its closing `>`"))?;
            return Ok(TypeExpr::Apply(
                name.to_owned(),
                Box::new(parse_nested(inner)?),
            ));
        }
    }
    Err(format!("`{s}` is not a type expression"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_types() {
        assert_eq!(
            parse("list<map<decimal>>"),
            Ok(TypeExpr::List(Box::new(TypeExpr::Map(Box::new(
                TypeExpr::Scalar(Scalar::Decimal)
            )))))
        );
        assert_eq!(parse(" Cart "), Ok(TypeExpr::Named("Cart".into())));
        assert!(parse("list<Cart").unwrap_err().contains("closing"));
        assert!(parse("Cart[]").is_err());
        assert!(parse("").is_err());
        let deep = format!("{}string{}", "list<".repeat(5000), ">".repeat(5000));
        assert!(parse(&deep).unwrap_err().contains("at most 16"));
        let ok = format!("{}string{}", "list<".repeat(16), ">".repeat(16));
        assert!(parse(&ok).is_ok());
        assert_eq!(
            parse("ListPage<Invoice>"),
            Ok(TypeExpr::Apply(
                "ListPage".into(),
                Box::new(TypeExpr::Named("Invoice".into()))
            ))
        );
        assert_eq!(
            parse("interval<int64>"),
            Ok(TypeExpr::Interval(Box::new(TypeExpr::Scalar(Scalar::I64))))
        );
    }
}
