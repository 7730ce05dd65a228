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
    /// `one_or_many<T>` (reserved).
    OneOrMany(Box<TypeExpr>),
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
}

impl Builtin {
    /// Every built-in with its spec name.
    pub const ALL: [(&'static str, Builtin); 13] = [
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
    ];

    /// Whether this generator version can emit the type yet.
    pub fn supported(self) -> bool {
        !matches!(
            self,
            Builtin::Date | Builtin::LocalDateTime | Builtin::Duration | Builtin::Bytes
        )
    }

    /// The spec name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, b)| *b == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }
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
    if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return Ok(TypeExpr::Named(s.to_owned()));
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
    }
}
