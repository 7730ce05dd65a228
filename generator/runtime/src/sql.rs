//! Safe construction of the SQL-like query text some APIs take in a query
//! parameter (`queryAnsiSql=Id>=20000`, `sql=SELECT ... FROM ...`).
//!
//! Identifiers are checked (letters, digits and `_`, dotted paths such as
//! `BillingProfileObj.AccountObj.Name`), string literals are quoted with `'`
//! doubled (`'O''Brien'`), numbers are written as numbers. Raw text goes in
//! only through [`Condition::raw_unchecked`] / [`Select::raw_unchecked`], whose
//! names say what they are.

use std::fmt;

use super::error::InvalidRequest;

/// A literal value in a condition.
#[derive(Clone, Debug, PartialEq)]
pub enum SqlValue {
    /// A string, written quoted with `'` doubled.
    Text(String),
    /// An integer.
    Int(i64),
    /// A decimal number, written as is.
    Decimal(rust_decimal::Decimal),
    /// `NULL`.
    Null,
}

impl fmt::Display for SqlValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SqlValue::Text(s) => write!(f, "'{}'", s.replace('\'', "''")),
            SqlValue::Int(i) => write!(f, "{i}"),
            SqlValue::Decimal(d) => write!(f, "{d}"),
            SqlValue::Null => f.write_str("NULL"),
        }
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for SqlValue {
            fn from(v: $t) -> Self {
                SqlValue::Int(i64::from(v))
            }
        }
    )*};
}
from_int!(i8, i16, i32, i64, u8, u16, u32);

impl From<&str> for SqlValue {
    fn from(v: &str) -> Self {
        SqlValue::Text(v.to_owned())
    }
}

impl From<String> for SqlValue {
    fn from(v: String) -> Self {
        SqlValue::Text(v)
    }
}

impl From<rust_decimal::Decimal> for SqlValue {
    fn from(v: rust_decimal::Decimal) -> Self {
        SqlValue::Decimal(v)
    }
}

impl From<super::Decimal> for SqlValue {
    fn from(v: super::Decimal) -> Self {
        SqlValue::Decimal(v.into())
    }
}

/// Checks an identifier: `Name`, `BillingProfileObj.AccountObj.Name`.
pub fn identifier(name: &str) -> Result<&str, InvalidRequest> {
    let part_ok = |p: &str| {
        p.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if !name.is_empty() && name.split('.').all(part_ok) {
        Ok(name)
    } else {
        Err(InvalidRequest(format!(
            "`{name}` is not a valid SQL identifier (letters, digits, `_`, dotted paths)"
        )))
    }
}

/// A `WHERE` condition. Build with [`col`]; combine with [`Condition::and`]
/// and [`Condition::or`]. Errors (a bad identifier) surface in
/// [`Condition::to_sql`], before anything is sent.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition(Result<String, InvalidRequest>);

/// A column to compare.
#[derive(Clone, Debug, PartialEq)]
pub struct Column(Result<String, InvalidRequest>);

/// Starts a comparison on a column (checked identifier).
pub fn col(name: &str) -> Column {
    Column(identifier(name).map(str::to_owned))
}

impl Column {
    fn cmp(self, op: &str, value: SqlValue) -> Condition {
        Condition(self.0.map(|c| format!("{c} {op} {value}")))
    }

    /// `col = value`.
    pub fn eq(self, value: impl Into<SqlValue>) -> Condition {
        self.cmp("=", value.into())
    }

    /// `col > value`.
    pub fn gt(self, value: impl Into<SqlValue>) -> Condition {
        self.cmp(">", value.into())
    }

    /// `col >= value`.
    pub fn ge(self, value: impl Into<SqlValue>) -> Condition {
        self.cmp(">=", value.into())
    }

    /// `col < value`.
    pub fn lt(self, value: impl Into<SqlValue>) -> Condition {
        self.cmp("<", value.into())
    }

    /// `col <= value`.
    pub fn le(self, value: impl Into<SqlValue>) -> Condition {
        self.cmp("<=", value.into())
    }

    /// `col like 'pattern'` (`%` and `_` are wildcards, as the caller writes them).
    pub fn like(self, pattern: &str) -> Condition {
        self.cmp("like", SqlValue::Text(pattern.to_owned()))
    }
}

impl Condition {
    /// Raw condition text, sent exactly as given. **Escape hatch**: the caller
    /// is responsible for quoting; never pass user input here.
    pub fn raw_unchecked(text: impl Into<String>) -> Self {
        Self(Ok(text.into()))
    }

    fn join(self, op: &str, other: Condition) -> Condition {
        Condition(match (self.0, other.0) {
            (Ok(a), Ok(b)) => Ok(format!("({a}) {op} ({b})")),
            (Err(e), _) | (_, Err(e)) => Err(e),
        })
    }

    /// `(self) and (other)`.
    pub fn and(self, other: Condition) -> Condition {
        self.join("and", other)
    }

    /// `(self) or (other)`.
    pub fn or(self, other: Condition) -> Condition {
        self.join("or", other)
    }

    /// The condition text.
    pub fn to_sql(&self) -> Result<String, InvalidRequest> {
        self.0.clone()
    }
}

/// An aggregate function in a [`Select`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Aggregate {
    /// `Sum(..)`.
    Sum,
    /// `Count(..)`.
    Count,
    /// `Min(..)`.
    Min,
    /// `Max(..)`.
    Max,
    /// `Avg(..)`.
    Avg,
}

/// A `SELECT` statement for query endpoints (`sql=`).
///
/// ```
/// # use api_client_runtime::sql::{col, Aggregate, Select};
/// let sql = Select::from("Invoice")
///     .column("Status")
///     .aggregate(Aggregate::Sum, "GrandTotalAmount", "total")
///     .filter(col("BillingProfileObj.AccountObj.Name").like("%Blue%"))
///     .group_by("Status")
///     .to_sql()
///     .unwrap();
/// assert_eq!(sql, "SELECT Status, Sum(GrandTotalAmount) as total FROM Invoice WHERE BillingProfileObj.AccountObj.Name like '%Blue%' GROUP BY Status");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Select {
    entity: String,
    columns: Vec<String>,
    filter: Option<Condition>,
    group_by: Vec<String>,
    raw: Option<String>,
}

impl Select {
    /// `SELECT .. FROM entity`.
    pub fn from(entity: &str) -> Self {
        Self {
            entity: entity.to_owned(),
            columns: Vec::new(),
            filter: None,
            group_by: Vec::new(),
            raw: None,
        }
    }

    /// A whole statement, sent exactly as given. **Escape hatch**: never pass
    /// user input here.
    pub fn raw_unchecked(statement: impl Into<String>) -> Self {
        Self {
            raw: Some(statement.into()),
            ..Self::from("")
        }
    }

    /// Adds a column.
    pub fn column(mut self, name: &str) -> Self {
        self.columns.push(name.to_owned());
        self
    }

    /// Adds `Func(column) as alias`.
    pub fn aggregate(mut self, func: Aggregate, column: &str, alias: &str) -> Self {
        let f = match func {
            Aggregate::Sum => "Sum",
            Aggregate::Count => "Count",
            Aggregate::Min => "Min",
            Aggregate::Max => "Max",
            Aggregate::Avg => "Avg",
        };
        self.columns.push(format!("{f}({column}) as {alias}"));
        self
    }

    /// Sets the `WHERE` condition.
    pub fn filter(mut self, condition: Condition) -> Self {
        self.filter = Some(condition);
        self
    }

    /// Adds a `GROUP BY` column.
    pub fn group_by(mut self, column: &str) -> Self {
        self.group_by.push(column.to_owned());
        self
    }

    /// The statement text, with every identifier checked.
    pub fn to_sql(&self) -> Result<String, InvalidRequest> {
        if let Some(raw) = &self.raw {
            return Ok(raw.clone());
        }
        identifier(&self.entity)?;
        if self.columns.is_empty() {
            return Err(InvalidRequest("a SELECT needs at least one column".into()));
        }
        for c in &self.columns {
            // Aggregates were assembled from checked parts.
            let check = match c.split_once('(') {
                Some((_, rest)) => {
                    let (inner, alias) = rest.split_once(") as ").unwrap_or((rest, ""));
                    identifier(inner).and_then(|_| identifier(alias))
                }
                None => identifier(c),
            };
            check?;
        }
        for g in &self.group_by {
            identifier(g)?;
        }
        let mut out = format!("SELECT {} FROM {}", self.columns.join(", "), self.entity);
        if let Some(f) = &self.filter {
            out.push_str(" WHERE ");
            out.push_str(&f.to_sql()?);
        }
        if !self.group_by.is_empty() {
            out.push_str(" GROUP BY ");
            out.push_str(&self.group_by.join(", "));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_quoted_and_identifiers_checked() {
        assert_eq!(
            col("Name").eq("O'Brien").to_sql().unwrap(),
            "Name = 'O''Brien'"
        );
        assert_eq!(col("Id").ge(20000).to_sql().unwrap(), "Id >= 20000");
        let injected = col("Name").eq("x' or '1'='1").to_sql().unwrap();
        assert_eq!(injected, "Name = 'x'' or ''1''=''1'");
        assert_eq!(injected.matches('\'').count() % 2, 0);
        assert!(col("Name; DROP TABLE x").eq(1).to_sql().is_err());
        assert!(col("1abc").eq(1).to_sql().is_err());
        assert!(col("a..b").eq(1).to_sql().is_err());
        let both = col("Status")
            .eq("ACTIVE")
            .and(col("Id").lt(5).or(col("Id").gt(9)));
        assert_eq!(
            both.to_sql().unwrap(),
            "(Status = 'ACTIVE') and ((Id < 5) or (Id > 9))"
        );
        assert!(col("ok").eq(1).and(col("bad name").eq(2)).to_sql().is_err());
        assert_eq!(
            Condition::raw_unchecked("Id>=20000").to_sql().unwrap(),
            "Id>=20000"
        );
    }

    #[test]
    fn select_statements() {
        assert!(Select::from("Invoice; x").column("Id").to_sql().is_err());
        assert!(Select::from("Invoice").to_sql().is_err());
        assert!(
            Select::from("Invoice")
                .aggregate(Aggregate::Sum, "A) as b FROM x --", "t")
                .to_sql()
                .is_err()
        );
        assert_eq!(
            Select::from("Account")
                .column("Id")
                .column("Name")
                .to_sql()
                .unwrap(),
            "SELECT Id, Name FROM Account"
        );
    }
}
