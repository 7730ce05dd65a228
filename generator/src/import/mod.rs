//! `generator import openapi FILE`: a first spec from an OpenAPI 3.0 or
//! 3.1 document. Paths become resources and endpoints, component schemas
//! models, enums, unions and ids, security schemes the auth, servers the
//! base URL and environments, error responses the error shape. Every item
//! cites the document by JSON pointer; what cannot be mapped is listed in
//! the report and marked `assumption:` where an item is kept. The rules
//! are documented in spec/README.md ("Importing an OpenAPI document").

mod document;
mod errors;
mod ids;
mod lower;
mod operations;
mod report;
mod schemas;
mod settings;
mod shapes;
mod yaml;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;
use serde_yaml::{Mapping, Value};

pub(crate) use report::token as pointer_token;
pub use report::{Counts, Note, Report};

/// What to import as.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The API's module name (`lago`).
    pub name: String,
    /// The document's name in citations (`lago.yaml`).
    pub document: String,
}

/// The spec files of the imported API, and what the human has to finish.
#[derive(Clone, Debug)]
pub struct Imported {
    /// `(file name, YAML text)`: `api.yaml`, `ids.yaml`, `enums.yaml`,
    /// `models.yaml`, `endpoints.yaml`.
    pub files: Vec<(String, String)>,
    /// The report as Markdown (written as `IMPORT.md`).
    pub report_markdown: String,
    /// The report's notes.
    pub report: Report,
    pub counts: Counts,
}

/// The spec being built, and what the passes share.
pub(crate) struct Ctx<'a> {
    pub doc: &'a OpenAPI,
    /// The document's name in citations.
    pub file: &'a str,
    pub report: Report,
    /// Declared component schemas: component name -> spec type name.
    pub names: BTreeMap<String, String>,
    /// Component schemas that are no declaration of their own (a scalar
    /// with constraints, a map, a union of one type): name -> type.
    pub aliases: BTreeMap<String, String>,
    /// Alias components whose type is not worked out yet.
    pub alias_nodes: BTreeMap<String, openapiv3::ReferenceOr<openapiv3::Schema>>,
    /// Model type name -> its id type, and the id property's wire name.
    pub ids: BTreeMap<String, (String, String)>,
    /// Every type name declared so far (so synthesised names are unique).
    pub taken: BTreeSet<String>,
    /// The error responses of every operation, for the API's error shape.
    pub errors: Vec<operations::ErrorResponse>,
    pub out_ids: Mapping,
    pub out_enums: Mapping,
    pub out_models: Mapping,
    pub counts: Counts,
}

impl Ctx<'_> {
    /// A citation of the document at `pointer`.
    pub fn source(&self, pointer: &str) -> Value {
        Value::String(format!("{}#{pointer}", self.file))
    }

    /// A type name not yet taken, made from `base` (`Tax`, `Tax2`...).
    pub fn fresh_name(&mut self, base: &str) -> String {
        let base = crate::names::type_name_from(base);
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// Parses an OpenAPI 3.0 or 3.1 document (3.1 read in 3.0 terms) with the
/// `openapiv3` crate, as the importer reads it.
pub fn parse_document(text: &str) -> Result<openapiv3::OpenAPI, String> {
    document::parse(text, &mut Report::default())
}

/// The API name a document's title gives (`Lago API documentation` ->
/// `lago_api_documentation`), if any.
pub fn default_name(text: &str) -> Option<String> {
    let doc: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    let title = doc.get("info")?.get("title")?.as_str()?;
    crate::names::RustIdent::snake(title)
        .filter(|i| i.as_str().starts_with(|c: char| c.is_ascii_lowercase()))
        .map(|i| i.as_str().to_owned())
}

/// Imports `text`, an OpenAPI document, as the API `options.name`.
pub fn openapi(text: &str, options: &ImportOptions) -> Result<Imported, String> {
    let mut report = Report::default();
    let doc = document::parse(text, &mut report)?;
    let mut cx = Ctx {
        doc: &doc,
        file: &options.document,
        report,
        names: BTreeMap::new(),
        aliases: BTreeMap::new(),
        alias_nodes: BTreeMap::new(),
        ids: BTreeMap::new(),
        taken: BTreeSet::new(),
        errors: Vec::new(),
        out_ids: Mapping::new(),
        out_enums: Mapping::new(),
        out_models: Mapping::new(),
        counts: Counts::default(),
    };
    schemas::name_components(&mut cx);
    ids::find(&mut cx);
    schemas::declare(&mut cx);
    let resources = operations::resources(&mut cx);
    let api = settings::api(&mut cx, &options.name);
    let files = yaml::files(&cx, api, resources)?;
    let report_markdown =
        report::markdown(&options.document, &options.name, &cx.counts, &cx.report)?;
    Ok(Imported {
        files,
        report_markdown,
        report: cx.report,
        counts: cx.counts,
    })
}
