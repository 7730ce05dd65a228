//! Percent-encoding of path segments and query values.
//!
//! Every value that comes from a caller is encoded here, so an id such as
//! `../admin` or `a/b?c` cannot leave its path segment or start a new query
//! parameter.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Characters left as they are in a path segment or query value: RFC 3986
/// "unreserved". Everything else, including `/ ? # & = + ; : ,`, is encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes one path segment.
pub fn path_segment(value: &str) -> String {
    // `.` and `..` are unreserved yet would be resolved as relative segments.
    match value {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => utf8_percent_encode(value, UNRESERVED).to_string(),
    }
}

/// Encodes a query name or value.
pub fn query_component(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// A request path made of literal segments (from the spec) and parameter
/// segments (from the caller, encoded). A parameter that is empty, `.` or
/// `..` is refused: URL normalisation would drop or resolve such a segment
/// (even percent-encoded), sending the request to another path.
///
/// With [`Request`](super::Request), it builds the requests
/// `Client::execute` sends for endpoints the spec does not cover:
///
/// ```
/// use api_client_runtime::PathBuilder;
/// let path = PathBuilder::new().literal("Invoices").param("a/b c").literal("pdf");
/// assert_eq!(path.as_str(), "/Invoices/a%2Fb%20c/pdf");
/// assert!(PathBuilder::new().literal("Invoices").param("..").refusal().is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathBuilder {
    encoded: String,
    refused: Option<String>,
}

impl PathBuilder {
    /// An empty path.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a literal segment, as written: it must be URL-safe (letters,
    /// digits, `-._~`); anything from a caller or a server goes through
    /// [`PathBuilder::param`].
    pub fn literal(mut self, segment: &str) -> Self {
        self.encoded.push('/');
        self.encoded.push_str(segment);
        self
    }

    /// Appends a caller-supplied value as one encoded segment.
    pub fn param(mut self, value: &str) -> Self {
        if matches!(value, "" | "." | "..") && self.refused.is_none() {
            self.refused = Some(format!(
                "path parameter `{value}` would not stay one path segment (after {})",
                if self.encoded.is_empty() {
                    "/"
                } else {
                    &self.encoded
                }
            ));
        }
        self.encoded.push('/');
        self.encoded.push_str(&path_segment(value));
        self
    }

    /// The encoded path, starting with `/`.
    pub fn as_str(&self) -> &str {
        &self.encoded
    }

    /// Why the path cannot be sent, if a parameter was empty, `.` or `..`.
    pub fn refusal(&self) -> Option<&str> {
        self.refused.as_deref()
    }
}

/// Query parameters in the order they are added, each name and value encoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryBuilder {
    pairs: Vec<(String, String)>,
}

impl QueryBuilder {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name=value`.
    pub fn push(&mut self, name: &str, value: impl AsRef<str>) {
        self.pairs
            .push((name.to_owned(), value.as_ref().to_owned()));
    }

    /// Adds `name=value` if a value is given.
    pub fn push_opt<V: AsRef<str>>(&mut self, name: &str, value: Option<V>) {
        if let Some(v) = value {
            self.push(name, v);
        }
    }

    /// Adds `name=value` once per value (`state=a&state=b`).
    pub fn push_repeated<V: AsRef<str>>(
        &mut self,
        name: &str,
        values: impl IntoIterator<Item = V>,
    ) {
        for v in values {
            self.push(name, v);
        }
    }

    /// Adds `name[]=value` once per value (`expand[]=a&expand[]=b`).
    pub fn push_brackets<V: AsRef<str>>(
        &mut self,
        name: &str,
        values: impl IntoIterator<Item = V>,
    ) {
        let key = format!("{name}[]");
        self.push_repeated(&key, values);
    }

    /// Adds `name=a,b` (nothing for no values).
    pub fn push_comma<V: AsRef<str>>(&mut self, name: &str, values: impl IntoIterator<Item = V>) {
        let values: Vec<String> = values.into_iter().map(|v| v.as_ref().to_owned()).collect();
        if !values.is_empty() {
            self.push(name, values.join(","));
        }
    }

    /// Adds `name=[..]`: the values as one JSON array, as a body would carry
    /// them (`status[in]=["active","paused"]`, `created[between]=[1,2]`);
    /// nothing for no values.
    pub fn push_json<T: serde::Serialize>(
        &mut self,
        name: &str,
        values: &[T],
    ) -> Result<(), super::error::InvalidRequest> {
        if values.is_empty() {
            return Ok(());
        }
        let text = serde_json::to_string(values)
            .map_err(|e| super::error::InvalidRequest(format!("query parameter `{name}`: {e}")))?;
        self.push(name, text);
        Ok(())
    }

    /// Adds a map or object as `name[key]=value` pairs, nested like a form
    /// body (`filter[created][gte]=1`); absent and `null` values are left out.
    pub fn push_deep<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), super::error::InvalidRequest> {
        let pairs = super::form::pairs(name, value).map_err(|e| {
            super::error::InvalidRequest(format!("query parameter `{name}`: {}", e.0))
        })?;
        self.pairs.extend(pairs);
        Ok(())
    }

    /// Whether no parameter was added.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The encoded query string without the leading `?`.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(&query_component(k));
            out.push('=');
            out.push_str(&query_component(v));
        }
        out
    }
}

#[cfg(test)]
mod style_tests {
    use super::QueryBuilder;

    #[test]
    fn list_and_object_styles() {
        let mut q = QueryBuilder::new();
        q.push_brackets("expand", ["customer", "invoice"]);
        q.push_comma("ids", ["a", "b,c"]);
        q.push_comma("none", Vec::<String>::new());
        let meta = std::collections::BTreeMap::from([("order id", "6735")]);
        q.push_deep("metadata", &meta).unwrap();
        assert_eq!(
            q.encode(),
            "expand%5B%5D=customer&expand%5B%5D=invoice&ids=a%2Cb%2Cc&metadata%5Border%20id%5D=6735"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_cannot_escape() {
        let p = PathBuilder::new()
            .literal("Contracts")
            .param("../admin?x=1#f")
            .literal("end");
        assert_eq!(p.as_str(), "/Contracts/..%2Fadmin%3Fx%3D1%23f/end");
        assert_eq!(PathBuilder::new().param("..").as_str(), "/%2E%2E");
        assert_eq!(
            PathBuilder::new().param("Straße 1").as_str(),
            "/Stra%C3%9Fe%201"
        );
    }

    #[test]
    fn dot_segments_and_empty_ids_are_refused() {
        for bad in ["", ".", ".."] {
            let p = PathBuilder::new()
                .literal("Contracts")
                .param(bad)
                .literal("end");
            assert!(p.refusal().is_some(), "{bad:?}");
        }
        for fine in ["...", "a..", ".a", "%2E"] {
            assert_eq!(PathBuilder::new().param(fine).refusal(), None, "{fine:?}");
        }
    }

    #[test]
    fn query_values_are_encoded_and_repeated() {
        let mut q = QueryBuilder::new();
        q.push("from", "2022-01-01T00:00:00");
        q.push_repeated("state", ["pending", "dunning"]);
        q.push_opt::<&str>("size", None);
        q.push("search", "a&b=c,d");
        assert_eq!(
            q.encode(),
            "from=2022-01-01T00%3A00%3A00&state=pending&state=dunning&search=a%26b%3Dc%2Cd"
        );
    }
}
