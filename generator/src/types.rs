//! The type expressions of the spec language: `string`, `decimal`,
//! `list<Cart>`, `map<string>`, `OrderId`, ...

/// A parsed, not yet resolved, type expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeExpr {
    /// A built-in scalar such as `string` or `decimal`.
    Builtin(Builtin),
    /// `list<T>`.
    List(Box<TypeExpr>),
    /// `map<T>` (string keys).
    Map(Box<TypeExpr>),
    /// `one_or_many<T>`: a single value or a list.
    OneOrMany(Box<TypeExpr>),
    /// `interval<T>`: `[a;b)` notation.
    Interval(Box<TypeExpr>),
    /// `Model<T>`: a generic model applied to a type.
    Apply(String, Box<TypeExpr>),
    /// A name declared in `ids`, `enums` or `models`.
    Named(String),
}

/// Built-in scalar types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Builtin {
    String,
    Bool,
    Int32,
    Int64,
    Float64,
    Decimal,
    Timestamp,
    Date,
    LocalDateTime,
    Duration,
    Bytes,
    Json,
    Etag,
    Search,
    Entity,
    Record,
    SqlCondition,
    SqlSelect,
}

impl Builtin {
    /// Every built-in with its spec name.
    pub const ALL: [(&'static str, Builtin); 18] = [
        ("string", Builtin::String),
        ("bool", Builtin::Bool),
        ("int32", Builtin::Int32),
        ("int64", Builtin::Int64),
        ("float64", Builtin::Float64),
        ("decimal", Builtin::Decimal),
        ("timestamp", Builtin::Timestamp),
        ("date", Builtin::Date),
        ("local_datetime", Builtin::LocalDateTime),
        ("duration", Builtin::Duration),
        ("bytes", Builtin::Bytes),
        ("json", Builtin::Json),
        ("etag", Builtin::Etag),
        ("search", Builtin::Search),
        ("entity", Builtin::Entity),
        ("record", Builtin::Record),
        ("sql_condition", Builtin::SqlCondition),
        ("sql_select", Builtin::SqlSelect),
    ];
}

/// Parses a type expression; the error says what is wrong.
pub fn parse(input: &str) -> Result<TypeExpr, String> {
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
            return Ok(wrap(Box::new(parse(inner)?)));
        }
    }
    if let Some((_, b)) = Builtin::ALL.iter().find(|(n, _)| *n == s) {
        return Ok(TypeExpr::Builtin(*b));
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
            return Ok(TypeExpr::Apply(name.to_owned(), Box::new(parse(inner)?)));
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
                TypeExpr::Builtin(Builtin::Decimal)
            )))))
        );
        assert_eq!(parse(" Cart "), Ok(TypeExpr::Named("Cart".into())));
        assert!(parse("list<Cart").unwrap_err().contains("closing"));
        assert!(parse("Cart[]").is_err());
        assert!(parse("").is_err());
        assert_eq!(
            parse("ListPage<Invoice>"),
            Ok(TypeExpr::Apply(
                "ListPage".into(),
                Box::new(TypeExpr::Named("Invoice".into()))
            ))
        );
        assert_eq!(
            parse("interval<int64>"),
            Ok(TypeExpr::Interval(Box::new(TypeExpr::Builtin(
                Builtin::Int64
            ))))
        );
    }
}
