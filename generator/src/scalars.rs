//! The scalar types of the spec language, as one table. Each row drives type
//! resolution (its spec name), where the type may be used, the Rust type the
//! emitters write, how a value becomes wire text in a path, query or header,
//! how a method takes it, the `REFERENCE.md` text and the row of the types
//! table in `spec/README.md` (checked by a test). A new scalar is one row
//! here, one variant of [`Scalar`] and its runtime type.

/// A built-in scalar type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    String,
    Bool,
    I32,
    I64,
    U32,
    U64,
    F64,
    Decimal,
    Timestamp,
    EpochSeconds,
    EpochMillis,
    Date,
    LocalDateTime,
    Duration,
    StringOrNumber,
    Bytes,
    Json,
    ETag,
    Search,
    SqlCondition,
    SqlSelect,
}

/// The Rust type of a scalar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RustType {
    /// A type of the prelude (`String`, `i32`).
    Prelude(&'static str),
    /// A path inside the runtime module (`["sql", "Condition"]`).
    Runtime(&'static [&'static str]),
}

/// Where a scalar may be an endpoint parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamUse {
    /// Path, query and header parameters.
    Anywhere,
    /// Header parameters only.
    HeaderOnly,
    /// Query parameters only.
    QueryOnly,
    /// Not a parameter (data only).
    Never,
}

/// How a value becomes the text of a path segment, query value or header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// It is text already (`&str`).
    Itself,
    /// `value.as_str()`.
    AsStr,
    /// `value.to_string()` (its `Display`).
    Display,
    /// `value.to_sql()?` (the checked SQL builder).
    Sql,
    /// `value.to_expression()?` (the search builder).
    Expression,
}

/// How an endpoint method takes a value of the type as an argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    /// `&str`.
    Str,
    /// By value (`Copy` primitives).
    Value,
    /// By reference.
    Ref,
}

/// A string encoding a field may declare (`encoding:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Its text (`"30"`, `"true"`).
    Text,
    /// A boolean as `"1"`/`"0"`.
    Flag,
    /// A date as `yyyyMMdd`.
    CompactDate,
}

impl Encoding {
    /// Every encoding with its spec name, runtime marker and reference note.
    pub const ALL: [(&'static str, Encoding, &'static str, &'static str); 3] = [
        ("string", Encoding::Text, "Text", "as string"),
        ("flag", Encoding::Flag, "Flag", "as \"1\"/\"0\""),
        (
            "compact_date",
            Encoding::CompactDate,
            "CompactDate",
            "as yyyyMMdd",
        ),
    ];

    fn row(self) -> &'static (&'static str, Encoding, &'static str, &'static str) {
        Self::ALL
            .iter()
            .find(|r| r.1 == self)
            .expect("every encoding has a row")
    }

    /// The encoding of a spec name.
    pub fn from_spec(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|r| r.0 == name).map(|r| r.1)
    }

    /// The marker type in `runtime::encoded`.
    pub fn runtime_marker(self) -> &'static str {
        self.row().2
    }

    /// Which types each encoding fits, for diagnostics
    /// (`` `string`: int32, int64, ...; `flag`: bool; ... ``).
    pub fn fits_text() -> String {
        let parts: Vec<String> = Self::ALL
            .iter()
            .map(|(name, enc, _, _)| {
                let types: Vec<&str> = TABLE
                    .iter()
                    .filter(|r| r.encodings.contains(enc))
                    .map(|r| r.spec)
                    .collect();
                format!("`{name}`: {}", types.join(", "))
            })
            .collect();
        parts.join("; ")
    }

    /// The note in `REFERENCE.md`.
    pub fn reference_note(self) -> &'static str {
        self.row().3
    }
}

/// One row of the table.
#[derive(Debug)]
pub struct Row {
    pub scalar: Scalar,
    /// The spec-language name.
    pub spec: &'static str,
    pub rust: RustType,
    /// How `REFERENCE.md` shows the type.
    pub reference: &'static str,
    /// The "Rust" column of the types table in `spec/README.md`.
    pub readme: &'static str,
    /// Where it may be a parameter.
    pub params: ParamUse,
    /// Whether a model field may have it.
    pub in_fields: bool,
    pub text: Text,
    pub pass: Pass,
    /// Usable as the bound type of `interval<T>`.
    pub ordered: bool,
    /// Usable as the element of a repeated query parameter (`list<T>`).
    pub repeatable: bool,
    /// The field encodings that fit it.
    pub encodings: &'static [Encoding],
}

const fn row(scalar: Scalar, spec: &'static str, rust: RustType, reference: &'static str) -> Row {
    Row {
        scalar,
        spec,
        rust,
        reference,
        readme: "",
        params: ParamUse::Anywhere,
        in_fields: true,
        text: Text::Display,
        pass: Pass::Ref,
        ordered: false,
        repeatable: false,
        encodings: &[],
    }
}

const NUMERIC_TEXT: &[Encoding] = &[Encoding::Text];

/// Every scalar, in the order the spec language documents them.
pub static TABLE: [Row; 21] = [
    Row {
        readme: "`String`",
        text: Text::Itself,
        pass: Pass::Str,
        repeatable: true,
        ..row(
            Scalar::String,
            "string",
            RustType::Prelude("String"),
            "String",
        )
    },
    Row {
        readme: "`bool`",
        pass: Pass::Value,
        encodings: &[Encoding::Text, Encoding::Flag],
        ..row(Scalar::Bool, "bool", RustType::Prelude("bool"), "bool")
    },
    Row {
        readme: "`i32`",
        pass: Pass::Value,
        ordered: true,
        repeatable: true,
        encodings: NUMERIC_TEXT,
        ..row(Scalar::I32, "int32", RustType::Prelude("i32"), "i32")
    },
    Row {
        readme: "`i64`",
        pass: Pass::Value,
        ordered: true,
        repeatable: true,
        encodings: NUMERIC_TEXT,
        ..row(Scalar::I64, "int64", RustType::Prelude("i64"), "i64")
    },
    Row {
        readme: "`u32`",
        pass: Pass::Value,
        ordered: true,
        repeatable: true,
        encodings: NUMERIC_TEXT,
        ..row(Scalar::U32, "uint32", RustType::Prelude("u32"), "u32")
    },
    Row {
        readme: "`u64`",
        pass: Pass::Value,
        ordered: true,
        repeatable: true,
        encodings: NUMERIC_TEXT,
        ..row(Scalar::U64, "uint64", RustType::Prelude("u64"), "u64")
    },
    Row {
        readme: "`f64`",
        params: ParamUse::Never,
        encodings: NUMERIC_TEXT,
        ..row(Scalar::F64, "float64", RustType::Prelude("f64"), "f64")
    },
    Row {
        readme: "`runtime::Decimal`",
        ordered: true,
        encodings: NUMERIC_TEXT,
        ..row(
            Scalar::Decimal,
            "decimal",
            RustType::Runtime(&["Decimal"]),
            "Decimal",
        )
    },
    Row {
        readme: "`runtime::Timestamp`",
        ordered: true,
        ..row(
            Scalar::Timestamp,
            "timestamp",
            RustType::Runtime(&["Timestamp"]),
            "Timestamp",
        )
    },
    Row {
        readme: "`runtime::EpochSeconds`",
        ordered: true,
        ..row(
            Scalar::EpochSeconds,
            "epoch_seconds",
            RustType::Runtime(&["EpochSeconds"]),
            "EpochSeconds",
        )
    },
    Row {
        readme: "`runtime::EpochMillis`",
        ordered: true,
        ..row(
            Scalar::EpochMillis,
            "epoch_millis",
            RustType::Runtime(&["EpochMillis"]),
            "EpochMillis",
        )
    },
    Row {
        readme: "`runtime::Date`",
        ordered: true,
        encodings: &[Encoding::CompactDate],
        ..row(Scalar::Date, "date", RustType::Runtime(&["Date"]), "Date")
    },
    Row {
        readme: "`runtime::LocalDateTime`",
        ordered: true,
        ..row(
            Scalar::LocalDateTime,
            "local_datetime",
            RustType::Runtime(&["LocalDateTime"]),
            "LocalDateTime",
        )
    },
    Row {
        readme: "`runtime::IsoDuration`",
        ..row(
            Scalar::Duration,
            "duration",
            RustType::Runtime(&["IsoDuration"]),
            "IsoDuration",
        )
    },
    Row {
        readme: "`runtime::StringOrNumber`",
        ..row(
            Scalar::StringOrNumber,
            "string_or_number",
            RustType::Runtime(&["StringOrNumber"]),
            "StringOrNumber",
        )
    },
    Row {
        readme: "`runtime::Base64Bytes`",
        params: ParamUse::Never,
        ..row(
            Scalar::Bytes,
            "bytes",
            RustType::Runtime(&["Base64Bytes"]),
            "Base64Bytes",
        )
    },
    Row {
        readme: "`serde_json::Value`",
        params: ParamUse::Never,
        ..row(
            Scalar::Json,
            "json",
            RustType::Runtime(&["serde_json", "Value"]),
            "serde_json::Value",
        )
    },
    Row {
        readme: "`runtime::ETag`",
        params: ParamUse::HeaderOnly,
        in_fields: false,
        text: Text::AsStr,
        ..row(Scalar::ETag, "etag", RustType::Runtime(&["ETag"]), "ETag")
    },
    Row {
        readme: "`runtime::SearchExpr`",
        params: ParamUse::QueryOnly,
        text: Text::Expression,
        ..row(
            Scalar::Search,
            "search",
            RustType::Runtime(&["SearchExpr"]),
            "SearchExpr",
        )
    },
    Row {
        readme: "`runtime::sql::Condition`",
        params: ParamUse::QueryOnly,
        in_fields: false,
        text: Text::Sql,
        ..row(
            Scalar::SqlCondition,
            "sql_condition",
            RustType::Runtime(&["sql", "Condition"]),
            "sql::Condition",
        )
    },
    Row {
        readme: "`runtime::sql::Select`",
        params: ParamUse::QueryOnly,
        in_fields: false,
        text: Text::Sql,
        ..row(
            Scalar::SqlSelect,
            "sql_select",
            RustType::Runtime(&["sql", "Select"]),
            "sql::Select",
        )
    },
];

impl Scalar {
    /// The table row of this scalar.
    pub fn row(self) -> &'static Row {
        TABLE
            .iter()
            .find(|r| r.scalar == self)
            .expect("every scalar has a row")
    }

    /// The scalar of a spec name.
    pub fn from_spec(name: &str) -> Option<Self> {
        TABLE.iter().find(|r| r.spec == name).map(|r| r.scalar)
    }

    /// The spec names of the scalars an `interval<T>` can bound.
    pub fn ordered_names() -> String {
        let names: Vec<&str> = TABLE.iter().filter(|r| r.ordered).map(|r| r.spec).collect();
        names.join(", ")
    }

    /// Whether a field may declare `encoding`.
    pub fn fits(self, encoding: Encoding) -> bool {
        self.row().encodings.contains(&encoding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scalar_has_one_row_and_a_unique_name() {
        for (i, r) in TABLE.iter().enumerate() {
            assert_eq!(r.scalar.row().spec, r.spec);
            assert_eq!(Scalar::from_spec(r.spec), Some(r.scalar));
            assert!(
                TABLE[..i]
                    .iter()
                    .all(|o| o.spec != r.spec && o.scalar != r.scalar)
            );
            assert!(!r.readme.is_empty(), "{}", r.spec);
        }
    }

    #[test]
    fn the_spec_language_reference_documents_every_scalar() {
        let readme = include_str!("../../spec/README.md");
        for r in &TABLE {
            let documented = readme.lines().any(|l| {
                l.starts_with('|') && l.contains(&format!("`{}`", r.spec)) && l.contains(r.readme)
            });
            assert!(
                documented,
                "spec/README.md has no types-table row for `{}` with Rust type {}",
                r.spec, r.readme
            );
        }
    }
}
