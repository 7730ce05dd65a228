//! Search expressions of page-based list endpoints:
//! `handle;cust,country:DK` (criteria joined by `,`; operators `:` equals,
//! `;` contains, `<` less than, `>` greater than).
//!
//! Field names are checked (letters, digits, `_` and `.` only) and every value
//! is percent-encoded inside the expression, as the API asks ("all values must
//! be url encoded"), so a value containing `,` `:` `;` `<` `>` `&` or `=`
//! stays one value of one criterion. The whole expression is then encoded
//! again as a query value like every other parameter.

use std::fmt;

use super::encode::query_component;
use super::error::InvalidRequest;

/// A comparison in a search criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SearchOp {
    /// `:`: the field equals the value.
    Equals,
    /// `;`: the field contains the value (case-insensitive for strings).
    Contains,
    /// `<`: the field is less than the value.
    LessThan,
    /// `>`: the field is greater than the value.
    GreaterThan,
}

impl SearchOp {
    /// The operator as written in an expression.
    pub fn as_str(self) -> &'static str {
        match self {
            SearchOp::Equals => ":",
            SearchOp::Contains => ";",
            SearchOp::LessThan => "<",
            SearchOp::GreaterThan => ">",
        }
    }
}

/// One `<field><op><value>` criterion.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SearchCriterion {
    /// The field name.
    pub field: String,
    /// The comparison.
    pub op: SearchOp,
    /// The value as text (dates and times in ISO 8601), not yet encoded.
    pub value: String,
}

/// A search expression: all criteria must hold.
///
/// ```
/// # use api_client_runtime::SearchExpr;
/// let search = SearchExpr::new().contains("handle", "cust").equals("country", "DK");
/// assert_eq!(search.to_expression().unwrap(), "handle;cust,country:DK");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SearchExpr {
    criteria: Vec<SearchCriterion>,
}

impl SearchExpr {
    /// An empty expression (matches everything).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a criterion.
    pub fn criterion(
        mut self,
        field: impl Into<String>,
        op: SearchOp,
        value: impl fmt::Display,
    ) -> Self {
        self.criteria.push(SearchCriterion {
            field: field.into(),
            op,
            value: value.to_string(),
        });
        self
    }

    /// `field:value`.
    pub fn equals(self, field: impl Into<String>, value: impl fmt::Display) -> Self {
        self.criterion(field, SearchOp::Equals, value)
    }

    /// `field;value`.
    pub fn contains(self, field: impl Into<String>, value: impl fmt::Display) -> Self {
        self.criterion(field, SearchOp::Contains, value)
    }

    /// `field<value`.
    pub fn less_than(self, field: impl Into<String>, value: impl fmt::Display) -> Self {
        self.criterion(field, SearchOp::LessThan, value)
    }

    /// `field>value`.
    pub fn greater_than(self, field: impl Into<String>, value: impl fmt::Display) -> Self {
        self.criterion(field, SearchOp::GreaterThan, value)
    }

    /// The criteria, in order.
    pub fn criteria(&self) -> &[SearchCriterion] {
        &self.criteria
    }

    /// Whether there is no criterion.
    pub fn is_empty(&self) -> bool {
        self.criteria.is_empty()
    }

    /// The expression text: checked field names, encoded values.
    pub fn to_expression(&self) -> Result<String, InvalidRequest> {
        let mut out = String::new();
        for (i, c) in self.criteria.iter().enumerate() {
            let valid = !c.field.is_empty()
                && c.field
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
            if !valid {
                return Err(InvalidRequest(format!(
                    "search field `{}` may contain only letters, digits, `_` and `.`",
                    c.field
                )));
            }
            if i > 0 {
                out.push(',');
            }
            out.push_str(&c.field);
            out.push_str(c.op.as_str());
            out.push_str(&query_component(&c.value));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_example() {
        let e = SearchExpr::new()
            .contains("handle", "cust")
            .equals("country", "DK");
        assert_eq!(e.to_expression().unwrap(), "handle;cust,country:DK");
        let t: crate::Timestamp = "2017-01-10T17:03:10+02:00".parse().unwrap();
        assert_eq!(
            SearchExpr::new()
                .greater_than("settled", t)
                .to_expression()
                .unwrap(),
            "settled>2017-01-10T17%3A03%3A10%2B02%3A00"
        );
    }

    #[test]
    fn values_cannot_add_criteria_and_fields_are_checked() {
        let e = SearchExpr::new().equals("handle", "x,country:DK;a<b>c&size=100");
        let text = e.to_expression().unwrap();
        assert_eq!(text.matches(',').count(), 0);
        assert_eq!(text.matches(':').count(), 1);
        assert!(!text.contains('&') && !text.contains('='));
        assert!(SearchExpr::new().equals("a,b", 1).to_expression().is_err());
        assert!(SearchExpr::new().equals("", 1).to_expression().is_err());
    }
}
