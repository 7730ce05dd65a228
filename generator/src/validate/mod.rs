//! Validation and resolution: raw spec -> IR. Every problem is collected as a
//! diagnostic; the IR is produced only when there is none.

mod api;
mod endpoints;
mod envelopes;
mod models;
mod pagination;
mod session;
mod sources;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::ir;
use crate::load::RawSpec;
use crate::types::{self, Builtin, TypeExpr};

pub use sources::SeedIndex;

/// What a declared type name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameKind {
    Id,
    Enum,
    Model,
}

/// Shared state of one API's validation.
pub(crate) struct Ctx<'a> {
    pub spec: &'a RawSpec,
    pub diags: &'a mut Diagnostics,
    pub names: BTreeMap<String, NameKind>,
    pub seeds: &'a SeedIndex,
    pub wire_case: WireCase,
    /// Number of type parameters of each generic model.
    pub generics: BTreeMap<String, usize>,
    /// Type parameters in scope (while lowering a generic model).
    pub type_params: Vec<String>,
    /// Pagination styles by name.
    pub pagination: BTreeMap<String, pagination::Style>,
    /// `record` may be used (an endpoint with an `entity` parameter).
    pub record_scope: bool,
}

/// The naming convention of wire names, checked on fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WireCase {
    Pascal,
    Snake,
    Camel,
    AsIs,
}

impl Ctx<'_> {
    pub fn error(
        &mut self,
        file: usize,
        path: &str,
        rule: &'static str,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let d = self.spec.diag(file, path, rule, message.into(), help);
        self.diags.push(d);
    }

    /// Resolves a type expression at `path`; `None` after reporting a problem.
    pub fn resolve_type(&mut self, file: usize, path: &str, expr: &str) -> Option<ir::Ty> {
        let parsed = match types::parse(expr) {
            Ok(t) => t,
            Err(msg) => {
                self.error(
                    file,
                    path,
                    "bad-type-syntax",
                    msg,
                    Some("write e.g. `string`, `decimal`, `list<Cart>` or `map<string>`".into()),
                );
                return None;
            }
        };
        self.lower_type(file, path, &parsed)
    }

    fn lower_type(&mut self, file: usize, path: &str, t: &TypeExpr) -> Option<ir::Ty> {
        Some(match t {
            TypeExpr::Builtin(b) => match b {
                Builtin::String => ir::Ty::String,
                Builtin::Bool => ir::Ty::Bool,
                Builtin::Int32 => ir::Ty::I32,
                Builtin::Int64 => ir::Ty::I64,
                Builtin::Float64 => ir::Ty::F64,
                Builtin::Decimal => ir::Ty::Decimal,
                Builtin::Timestamp => ir::Ty::Timestamp,
                Builtin::Json => ir::Ty::Json,
                Builtin::Etag => ir::Ty::ETag,
                Builtin::Date => ir::Ty::Date,
                Builtin::LocalDateTime => ir::Ty::LocalDateTime,
                Builtin::Duration => ir::Ty::Duration,
                Builtin::Search => ir::Ty::Search,
                Builtin::Bytes => ir::Ty::Bytes,
                Builtin::Entity => ir::Ty::Entity,
                Builtin::SqlCondition => ir::Ty::SqlCondition,
                Builtin::SqlSelect => ir::Ty::SqlSelect,
                Builtin::Record if self.record_scope => ir::Ty::Record,
                Builtin::Record => {
                    self.error(
                        file,
                        path,
                        "bad-type",
                        "`record` (the entity's record type) needs an endpoint with an `entity` path parameter",
                        Some("add `entity: {in: path, type: entity, doc: ...}` or name a model".into()),
                    );
                    return None;
                }
            },
            TypeExpr::Interval(inner) => {
                let inner = self.lower_type(file, path, inner)?;
                if !matches!(
                    inner,
                    ir::Ty::I32
                        | ir::Ty::I64
                        | ir::Ty::Decimal
                        | ir::Ty::Date
                        | ir::Ty::LocalDateTime
                        | ir::Ty::Timestamp
                ) {
                    self.error(
                        file,
                        path,
                        "bad-type",
                        "`interval<T>` needs an ordered scalar: int32, int64, decimal, date, local_datetime or timestamp",
                        None,
                    );
                    return None;
                }
                ir::Ty::Interval(Box::new(inner))
            }
            TypeExpr::Apply(name, arg) => {
                let arity = self.generics.get(name).copied();
                if arity != Some(1) {
                    let help = if self.names.contains_key(name) {
                        format!("`{name}` takes no type argument; declare `type_params: [T]` on it or drop `<..>`")
                    } else {
                        format!("declare a model `{name}` with `type_params: [T]`")
                    };
                    self.error(
                        file,
                        path,
                        "bad-type",
                        format!("`{name}` is not a generic model with one type parameter"),
                        Some(help),
                    );
                    return None;
                }
                let arg = self.lower_type(file, path, arg)?;
                ir::Ty::Generic(name.clone(), Box::new(arg))
            }
            TypeExpr::List(inner) => ir::Ty::List(Box::new(self.lower_type(file, path, inner)?)),
            TypeExpr::Map(inner) => ir::Ty::Map(Box::new(self.lower_type(file, path, inner)?)),
            TypeExpr::OneOrMany(inner) => {
                ir::Ty::OneOrMany(Box::new(self.lower_type(file, path, inner)?))
            }
            TypeExpr::Named(n) if self.type_params.contains(n) => ir::Ty::TypeParam(n.clone()),
            TypeExpr::Named(n) if self.generics.contains_key(n) => {
                self.error(
                    file,
                    path,
                    "bad-type",
                    format!("generic model `{n}` needs a type argument"),
                    Some(format!("write `{n}<Item>`")),
                );
                return None;
            }
            TypeExpr::Named(n) => match self.names.get(n) {
                Some(NameKind::Id) => ir::Ty::Id(n.clone()),
                Some(NameKind::Enum) => ir::Ty::Enum(n.clone()),
                Some(NameKind::Model) => ir::Ty::Model(n.clone()),
                None if self.spec.broken_names.contains(n) => return None,
                None => {
                    let builtins = Builtin::ALL.iter().map(|(n, _)| *n);
                    let candidates: Vec<&str> = self
                        .names
                        .keys()
                        .map(String::as_str)
                        .chain(builtins)
                        .collect();
                    let help = did_you_mean(n, candidates).or_else(|| Some(format!("declare `{n}` under `models`, `enums` or `ids`, or use a built-in type")));
                    self.error(
                        file,
                        path,
                        "unknown-type",
                        format!("unknown type `{n}`"),
                        help,
                    );
                    return None;
                }
            },
        })
    }

    /// Checks that an item cites a source or is marked as an assumption, and
    /// returns the citation lines for its rustdoc.
    pub fn citation(
        &mut self,
        file: usize,
        path: &str,
        source: Option<&str>,
        assumption: Option<&str>,
        required: bool,
    ) -> String {
        let mut out = String::new();
        if let Some(src) = source {
            if let Some(line) = sources::check(self, file, path, src) {
                out.push_str(&line);
            }
        }
        if let Some(a) = assumption {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!(
                "Assumption (not in the source documents): {}",
                a.trim()
            ));
        }
        if required && source.is_none() && assumption.is_none() {
            self.error(
                file,
                path,
                "missing-source",
                "this item cites no source",
                Some("add `source: \"<seed file>#<section>\"`, or `assumption: <why>` if the seeds do not cover it".into()),
            );
        }
        out
    }

    /// The rustdoc of a top-level item: its checked `doc` followed by its
    /// checked citation (which is required).
    pub fn documented(
        &mut self,
        file: usize,
        path: &str,
        doc: &str,
        source: Option<&str>,
        assumption: Option<&str>,
    ) -> String {
        let doc = self.doc(file, path, doc);
        let cite = self.citation(file, path, source, assumption, true);
        with_citation(&doc, &cite)
    }

    /// Checks that a doc string is not empty.
    pub fn doc(&mut self, file: usize, path: &str, doc: &str) -> String {
        let doc = doc.trim();
        if doc.is_empty() {
            self.error(
                file,
                &format!("{path}.doc"),
                "missing-doc",
                "`doc` is empty",
                Some("describe the item; it becomes the rustdoc of the generated code".into()),
            );
        }
        doc.to_owned()
    }
}

/// Joins a doc text with its citation lines.
pub(crate) fn with_citation(doc: &str, citation: &str) -> String {
    if citation.is_empty() {
        doc.to_owned()
    } else {
        format!("{doc}\n\n{citation}")
    }
}

/// Validates one API's raw spec and lowers it to the IR.
pub fn validate_api(spec: &RawSpec, seeds: &SeedIndex) -> Result<ir::Api, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    let mut ctx = Ctx {
        spec,
        diags: &mut diags,
        names: BTreeMap::new(),
        seeds,
        wire_case: WireCase::AsIs,
        generics: BTreeMap::new(),
        type_params: Vec::new(),
        pagination: BTreeMap::new(),
        record_scope: false,
    };
    let api = api::lower(&mut ctx);
    let (ids, enums) = models::declare_names(&mut ctx);
    let models = models::lower_models(&mut ctx);
    let enums = models::lower_enums(&mut ctx, enums);
    let ids = models::lower_ids(&mut ctx, ids);
    let mut models = models;
    ctx.pagination = pagination::lower(&mut ctx, &mut models);
    let resources = endpoints::lower(&mut ctx);
    let (error_body, error_details) = api::resolve_error_body(&mut ctx, &models, &enums);
    match api {
        Some(mut api) if diags.is_empty() => {
            api.ids = ids;
            api.enums = enums;
            api.models = models;
            api.resources = resources;
            api.error_body = error_body;
            api.error_details = error_details;
            api.spec_files = spec.files.iter().map(|f| f.name.clone()).collect();
            Ok(api)
        }
        // Without an `api` block the cause was reported already (by the
        // loader, for a file that did not parse) or just above.
        _ => Err(diags.into_sorted()),
    }
}

/// Loads the seed index used to check citations, if a seeds folder is given.
pub fn seed_index(dir: Option<&Path>) -> std::io::Result<SeedIndex> {
    SeedIndex::load(dir)
}
