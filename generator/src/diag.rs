//! Diagnostics: every problem found in a spec, with where it is and how to fix it.

use std::fmt;

/// One problem in a spec.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The spec file, as given to the loader.
    pub file: String,
    /// 1-based line, where it could be determined.
    pub line: Option<usize>,
    /// YAML path of the offending item, e.g. `resources.orders.endpoints.create.body`.
    pub path: String,
    /// The rule it breaks; rendered as its id, e.g. `unknown-type`.
    pub rule: Rule,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error[{}]: {}", self.rule.id(), self.message)?;
        match self.line {
            Some(line) => write!(f, "  --> {}:{}", self.file, line)?,
            None => write!(f, "  --> {}", self.file)?,
        }
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Declares [`Rule`] from one table: variant, id, what it checks.
macro_rules! rules {
    ($($variant:ident => $id:literal, $what:literal;)*) => {
        /// Every validation rule, as one table. Each has a broken spec under
        /// `tests/specs/broken/<id>.yaml` (checked by a test), except [`Rule::Io`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Rule {
            $(#[doc = $what] $variant,)*
        }

        impl Rule {
            /// Every rule, in table order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The rule id shown in diagnostics (`unknown-type`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// What the rule checks.
            pub fn description(self) -> &'static str {
                match self {
                    $(Rule::$variant => $what,)*
                }
            }
        }
    };
}

rules! {
    Io => "io", "A spec file cannot be read.";
    YamlSyntax => "yaml-syntax", "A file is not valid YAML.";
    UnknownKey => "unknown-key", "A key the spec language does not have (a typo).";
    MissingKey => "missing-key", "A required key, or one of two keys that go together, is missing.";
    BadValue => "bad-value", "A value is not one the key accepts.";
    UnknownType => "unknown-type", "A type name that is not declared.";
    BadTypeSyntax => "bad-type-syntax", "A type expression that does not parse.";
    BadType => "bad-type", "A type that is not allowed where it is used.";
    DuplicateName => "duplicate-name", "Two items with the same name, or two that become the same Rust name in one emitted scope (types, client, builder or handle methods), the generated code's own names included.";
    ReservedName => "reserved-name", "A type named like one of Rust's prelude (`Option`, `Vec`, `Into`...) or a single capital letter.";
    BadName => "bad-name", "A name that does not follow its case or gives no Rust identifier.";
    MissingDoc => "missing-doc", "An empty `doc`.";
    ControlCharacter => "control-character", "A control character (NUL, escape, bell...) in a doc or assumption, which would land raw in the generated source.";
    MissingSource => "missing-source", "An item that cites no source and states no assumption.";
    BadSource => "bad-source", "A citation that is malformed or not found in the seeds.";
    WireCase => "wire-case", "A field name that does not follow the API's wire case.";
    MissingApi => "missing-api", "An API folder without an `api:` block.";
    BadUrl => "bad-url", "A base or token URL that is malformed or not https.";
    UndeclaredVariable => "undeclared-variable", "A URL variable that is not declared.";
    UnusedVariable => "unused-variable", "A declared variable the base URL does not use.";
    BadMethod => "bad-method", "An HTTP method that is not supported.";
    BadPath => "bad-path", "A malformed endpoint path.";
    BadPathParam => "bad-path-param", "A path parameter missing from the path or from `params`.";
    BodyOnGet => "body-on-get", "A GET endpoint with a body.";
    BadHeader => "bad-header", "A header name or value that is not valid.";
    BadStatus => "bad-status", "An error status outside 400-599.";
    EmptyEnum => "empty-enum", "An enum without values.";
    UnknownField => "unknown-field", "A field name that the referenced model does not have.";
    UnknownGroup => "unknown-group", "A parameter group or pagination style that is not declared.";
    BadEnvelope => "bad-envelope", "An envelope that is misdeclared or misused.";
    BadEncoding => "bad-encoding", "A field encoding that is unknown or does not fit the type.";
    TooLarge => "too-large", "A file, nesting or type beyond the generator's limits.";
}

impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rule {
    /// By id, so diagnostics sort the same whatever the table order.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.id().cmp(other.id())
    }
}

/// Collects diagnostics instead of stopping at the first.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The recorded diagnostics, sorted by file, line and path, without duplicates.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

/// Renders diagnostics for a terminal, with a closing count.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
        out.push_str("\n\n");
    }
    out.push_str(&format!("{} error(s)\n", diagnostics.len()));
    out
}

/// The closest candidate to `name`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&name.to_lowercase(), &c.to_lowercase());
        if score > 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert!(r.id().bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
            assert!(Rule::ALL[..i].iter().all(|o| o.id() != r.id()));
            assert!(!r.description().is_empty());
        }
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("Cartt", ["Cart", "Order"]),
            Some("did you mean `Cart`?".into())
        );
        assert_eq!(did_you_mean("Zebra", ["Cart", "Order"]), None);
    }
}
