//! `generator new NAME`: a spec folder for a new API that validates and
//! generates a crate that compiles, every item marked as an assumption for
//! the user to replace. The files are minijinja templates in
//! `templates/new/`.

use std::path::{Path, PathBuf};

use minijinja::{Environment, context};

use crate::names::is_keyword;
use crate::source::io_at;

const FILES: &[(&str, &str)] = &[
    ("api.yaml", include_str!("../templates/new/api.yaml.j2")),
    ("ids.yaml", include_str!("../templates/new/ids.yaml.j2")),
    ("enums.yaml", include_str!("../templates/new/enums.yaml.j2")),
    (
        "models.yaml",
        include_str!("../templates/new/models.yaml.j2"),
    ),
    (
        "endpoints.yaml",
        include_str!("../templates/new/endpoints.yaml.j2"),
    ),
];
const PACKAGE: &str = include_str!("../templates/new/package.yaml.j2");

/// What `generator new` is asked for.
#[derive(Clone, Debug)]
pub struct NewApi {
    /// Module and folder name (`acme`).
    pub name: String,
    /// Human name (`Acme Billing`); the name when absent.
    pub title: Option<String>,
    /// Base URL of the API.
    pub base_url: Option<String>,
}

/// Why a scaffold was not written.
#[derive(Debug)]
pub enum ScaffoldError {
    /// An argument is not usable; the message says why and what to give.
    Invalid(String),
    /// Writing failed (the message names the path).
    Io(std::io::Error),
}

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScaffoldError::Invalid(m) => f.write_str(m),
            ScaffoldError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ScaffoldError {}

/// Writes `<spec_root>/<name>/*.yaml`, and `<spec_root>/package.yaml` when
/// the folder has none; returns the files written. Nothing is overwritten.
pub fn new_api(spec_root: &Path, new: &NewApi) -> Result<Vec<PathBuf>, ScaffoldError> {
    let name = new.name.as_str();
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.ends_with('_')
        && !name.contains("__");
    if !valid || is_keyword(name) || name == "runtime" {
        return Err(ScaffoldError::Invalid(format!(
            "`{name}` cannot name an API: use a snake_case Rust module name (`acme` or `acme_billing`), not a keyword or `runtime`"
        )));
    }
    let title = new.title.clone().unwrap_or_else(|| name.to_owned());
    if title.trim().is_empty() || title.chars().any(char::is_control) {
        return Err(ScaffoldError::Invalid(
            "the title must be one non-empty line".into(),
        ));
    }
    let base_url = new
        .base_url
        .clone()
        .unwrap_or_else(|| format!("https://api.{}.example.com/v1", name.replace('_', "-")));
    match url::Url::parse(&base_url) {
        Ok(u)
            if u.scheme() == "https"
                && u.host_str().is_some()
                && !base_url.contains(char::is_whitespace) => {}
        _ => {
            return Err(ScaffoldError::Invalid(format!(
                "`{base_url}` is not an https URL; give the API's base URL, e.g. https://api.example.com/v1"
            )));
        }
    }
    let dir = new_folder(spec_root, name)?;
    let crate_name = format!("{}-client", name.replace('_', "-"));
    let yaml = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let ctx = context! {
        name, title_yaml => yaml(&title), base_url, crate => crate_name,
        description_yaml => yaml(&format!("Typed async client for {title}, generated from its spec")),
    };
    let mut planned: Vec<(PathBuf, &str)> = FILES.iter().map(|(f, t)| (dir.join(f), *t)).collect();
    let package = spec_root.join(crate::validate::package::FILE);
    if !package.exists() {
        planned.push((package, PACKAGE));
    }
    std::fs::create_dir_all(&dir).map_err(|e| ScaffoldError::Io(io_at(&dir, e)))?;
    let mut written = Vec::new();
    for (path, template) in planned {
        let text = render(template, ctx.clone()).map_err(ScaffoldError::Invalid)?;
        std::fs::write(&path, text).map_err(|e| ScaffoldError::Io(io_at(&path, e)))?;
        written.push(path);
    }
    Ok(written)
}

/// An API module name: snake_case, no keyword, not a name the generated
/// crate takes.
fn check_api_name(name: &str) -> Result<(), ScaffoldError> {
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.ends_with('_')
        && !name.contains("__");
    if !valid || is_keyword(name) || crate::names::RESERVED_MODULES.contains(&name) {
        return Err(ScaffoldError::Invalid(format!(
            "`{name}` cannot name an API: use a snake_case Rust module name (`acme` or `acme_billing`), not a keyword or `runtime`"
        )));
    }
    Ok(())
}

/// The API's folder, which must not exist yet.
fn new_folder(spec_root: &Path, name: &str) -> Result<PathBuf, ScaffoldError> {
    let dir = spec_root.join(name);
    if dir.exists() {
        return Err(ScaffoldError::Invalid(format!(
            "{} already exists; choose another name or remove it",
            dir.display()
        )));
    }
    Ok(dir)
}

/// What `generator import openapi` wrote.
#[derive(Debug)]
pub struct ImportDone {
    /// The API's spec folder.
    pub folder: PathBuf,
    /// Every file written (the spec files, `package.yaml` if it was
    /// missing, the report).
    pub written: Vec<PathBuf>,
    /// The report (`IMPORT.md` in the folder).
    pub report_path: PathBuf,
    pub imported: crate::import::Imported,
}

/// Imports the OpenAPI document `file` as the API `name` (default: from
/// its title) into `spec_root`; a new `package.yaml` names the document's
/// folder as the folder of cited documents.
pub fn import_openapi_file(
    spec_root: &Path,
    file: &Path,
    name: Option<&str>,
) -> Result<ImportDone, ScaffoldError> {
    let text = std::fs::read_to_string(file).map_err(|e| ScaffoldError::Io(io_at(file, e)))?;
    let name = match name {
        Some(n) => n.to_owned(),
        None => crate::import::default_name(&text).ok_or_else(|| {
            ScaffoldError::Invalid(format!(
                "{}: the document's title gives no API name; pass --name",
                file.display()
            ))
        })?,
    };
    check_api_name(&name)?;
    let dir = new_folder(spec_root, &name)?;
    let document = file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = crate::import::ImportOptions {
        name: name.clone(),
        document,
    };
    let imported = crate::import::openapi(&text, &options)
        .map_err(|e| ScaffoldError::Invalid(format!("{}: {e}", file.display())))?;
    let mut planned: Vec<(PathBuf, String)> = imported
        .files
        .iter()
        .map(|(f, t)| (dir.join(f), t.clone()))
        .collect();
    let report_path = dir.join("IMPORT.md");
    planned.push((report_path.clone(), imported.report_markdown.clone()));
    let package = spec_root.join(crate::validate::package::FILE);
    if !package.exists() {
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let documents = crate::runtime_dependency::relative(spec_root, folder)
            .to_string_lossy()
            .replace('\\', "/");
        let yaml = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let text = format!(
            "# The crate generated from this spec folder.\npackage:\n  name: {}\n  description: {}\n  # The folder of the documents the spec cites.\n  documents: {}\n",
            yaml(&format!("{}-client", name.replace('_', "-"))),
            yaml(&format!(
                "Typed async client for {}, generated from its spec",
                options.name
            )),
            yaml(&documents)
        );
        planned.push((package, text));
    }
    std::fs::create_dir_all(&dir).map_err(|e| ScaffoldError::Io(io_at(&dir, e)))?;
    let mut written = Vec::new();
    for (path, text) in planned {
        std::fs::write(&path, text).map_err(|e| ScaffoldError::Io(io_at(&path, e)))?;
        written.push(path);
    }
    Ok(ImportDone {
        folder: dir,
        written,
        report_path,
        imported,
    })
}

fn render(template: &str, ctx: minijinja::Value) -> Result<String, String> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_keep_trailing_newline(true);
    // No extension in the name: no auto-escaping.
    env.render_str(template, ctx)
        .map_err(|e| format!("scaffold template: {e}"))
}
