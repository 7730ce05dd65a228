//! Reads spec files and deserialises them item by item into raw structs,
//! turning every serde error into a located diagnostic.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Diagnostics, Rule};
use crate::locate::{key_path, locate};
use crate::raw::{
    Ordered, RawApi, RawEndpoint, RawEnum, RawFile, RawId, RawModel, RawParam, RawResource,
};
use crate::yaml_errors;

pub use crate::source::SourceFile;

/// An item of a section, with where it came from.
#[derive(Debug)]
pub struct Item<T> {
    pub name: String,
    pub file: usize,
    pub path: String,
    pub raw: T,
}

/// An endpoint with its resource.
#[derive(Debug)]
pub struct EndpointItem {
    pub resource: String,
    pub item: Item<RawEndpoint>,
}

/// All raw items of one API, from all its files.
#[derive(Debug, Default)]
pub struct RawSpec {
    pub files: Vec<SourceFile>,
    pub api: Vec<Item<RawApi>>,
    pub ids: Vec<Item<RawId>>,
    pub enums: Vec<Item<RawEnum>>,
    pub models: Vec<Item<RawModel>>,
    /// Named parameter groups endpoints can include with `params_from`.
    pub param_groups: Vec<Item<Ordered<String, RawParam>>>,
    pub resources: Vec<Item<RawResource>>,
    pub endpoints: Vec<EndpointItem>,
    /// Type names whose item failed to deserialise (already reported); uses
    /// of them are not reported again as unknown.
    pub broken_names: Vec<String>,
    /// Files that failed to parse at all (already reported): what they
    /// declare is unknown, so uses of undeclared names are not reported.
    pub broken_files: usize,
    /// An `api:` block failed to deserialise (already reported): what it
    /// declares (envelopes, pagination styles) is unknown.
    pub broken_api: bool,
}

impl RawSpec {
    /// Whether a name nobody declared may have been declared by an item or
    /// file that failed to load (already reported): then its uses are not
    /// reported again.
    pub fn may_declare(&self, name: &str) -> bool {
        self.broken_files > 0 || self.broken_names.iter().any(|b| b == name)
    }

    /// A diagnostic located at `path` in file `file`.
    pub fn diag(
        &self,
        file: usize,
        path: &str,
        rule: Rule,
        message: String,
        help: Option<String>,
    ) -> Diagnostic {
        let f = &self.files[file];
        Diagnostic {
            file: f.name.clone(),
            line: locate(&f.text, &key_path(path)),
            path: path.to_owned(),
            rule,
            message,
            help,
        }
    }
}

/// Lists the API folders of a spec root: each subdirectory holding `.yaml` files.
pub fn api_dirs(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(root).map_err(|e| crate::source::io_at(root, e))? {
        let path = entry?.path();
        if path.is_dir() && !yaml_files(&path)?.is_empty() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// The `.yaml` files of a folder, sorted by name.
pub fn yaml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| crate::source::io_at(dir, e))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The name a file is reported under: its path from the spec root's folder
/// name on (`spec/billwerk/api.yaml`), whatever the root's absolute location.
pub fn display_name(root: &Path, path: &Path) -> String {
    let base = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rel = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    if base.is_empty() {
        rel
    } else {
        format!("{base}/{rel}")
    }
}

/// Reads files from disk; a file that cannot be read becomes a diagnostic.
pub fn read_files(root: &Path, paths: &[PathBuf], diags: &mut Diagnostics) -> Vec<SourceFile> {
    let mut out = Vec::new();
    for p in paths {
        let name = display_name(root, p);
        match std::fs::read_to_string(p) {
            Ok(text) => out.push(SourceFile { name, text }),
            Err(e) => diags.push(Diagnostic {
                file: name,
                line: None,
                path: String::new(),
                rule: Rule::Io,
                message: format!("cannot read the file: {e}"),
                help: None,
            }),
        }
    }
    out
}

fn item<T: DeserializeOwned>(
    file_idx: usize,
    file: &SourceFile,
    path: String,
    name: String,
    value: serde_yaml::Value,
    diags: &mut Diagnostics,
) -> Option<Item<T>> {
    match serde_path_to_error::deserialize::<_, T>(&value) {
        Ok(raw) => Some(Item {
            name,
            file: file_idx,
            path,
            raw,
        }),
        Err(e) => {
            for d in yaml_errors::item_errors(file, &path, &e, &value) {
                diags.push(d);
            }
            None
        }
    }
}

fn key_string(
    file: &SourceFile,
    section: &str,
    key: &serde_yaml::Value,
    diags: &mut Diagnostics,
) -> Option<String> {
    match key {
        serde_yaml::Value::String(s) => Some(s.clone()),
        other => {
            diags.push(Diagnostic {
                file: file.name.clone(),
                line: locate(&file.text, &key_path(section)),
                path: section.to_owned(),
                rule: Rule::BadValue,
                message: format!("names in `{section}` must be strings, found {other:?}"),
                help: Some("quote the name".to_owned()),
            });
            None
        }
    }
}

/// Deserialises every item of a type section (`ids`, `enums`, `models`);
/// names of items that fail are remembered so their uses are not reported again.
fn section<T: DeserializeOwned>(
    idx: usize,
    file: &SourceFile,
    name: &str,
    mapping: Option<serde_yaml::Mapping>,
    out: &mut Vec<Item<T>>,
    broken: &mut Vec<String>,
    diags: &mut Diagnostics,
) {
    for (key, value) in mapping.unwrap_or_default() {
        let Some(item_name) = key_string(file, name, &key, diags) else {
            continue;
        };
        match item(
            idx,
            file,
            format!("{name}.{item_name}"),
            item_name.clone(),
            value,
            diags,
        ) {
            Some(i) => out.push(i),
            None => broken.push(item_name),
        }
    }
}

/// Largest spec file read, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Deepest nesting of flow collections (`[`, `{`) in a spec file.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Checks a file against the loader's limits before the YAML parser sees
/// it (deep flow nesting makes parsing quadratic): one linear pass.
fn check_limits(text: &str) -> Result<(), String> {
    if text.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the file has {} bytes; at most {MAX_FILE_BYTES} are read",
            text.len()
        ));
    }
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut quote, mut comment) = (None::<char>, false);
    let mut previous = ' ';
    for c in text.chars() {
        match (quote, c) {
            _ if comment => comment = c != '\n',
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') if previous.is_whitespace() => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = c;
    }
    if deepest > MAX_FLOW_DEPTH {
        return Err(format!(
            "flow collections (`[`, `{{`) nest {deepest} levels deep; at most {MAX_FLOW_DEPTH} are allowed"
        ));
    }
    Ok(())
}

/// Parses the files of one API into raw items, collecting every error.
/// The YAML of each file (most of the loading time) is parsed on its own
/// thread; the items are then taken in file order.
pub fn parse(files: Vec<SourceFile>, diags: &mut Diagnostics) -> RawSpec {
    let mut spec = RawSpec::default();
    let tops = crate::parallel::map(&files, 0, |file| {
        let mut own = Diagnostics::default();
        let top = top_level(file, &mut own);
        (top, own.into_sorted())
    });
    for (idx, (file, (top, found))) in files.iter().zip(tops).enumerate() {
        for d in found {
            diags.push(d);
        }
        match top {
            Some(top) => load_file(idx, file, top, &mut spec, diags),
            None => spec.broken_files += 1,
        }
    }
    spec.files = files;
    spec
}

/// The file's top-level sections; `None` (reported) if it is over the
/// limits or not YAML of the right shape.
fn top_level(file: &SourceFile, diags: &mut Diagnostics) -> Option<RawFile> {
    if let Err(message) = check_limits(&file.text) {
        diags.push(Diagnostic {
            file: file.name.clone(),
            line: None,
            path: String::new(),
            rule: Rule::TooLarge,
            message,
            help: Some(
                "split the file or flatten the nesting; spec files are block-style YAML".into(),
            ),
        });
        return None;
    }
    match serde_yaml::from_str(&file.text) {
        Ok(t) => Some(t),
        Err(e) => {
            diags.push(yaml_errors::file_error(file, &e));
            None
        }
    }
}

/// Deserialises the items of one file's sections into `spec`.
fn load_file(
    idx: usize,
    file: &SourceFile,
    top: RawFile,
    spec: &mut RawSpec,
    diags: &mut Diagnostics,
) {
    if let Some(api) = top.api {
        match item(idx, file, "api".into(), "api".into(), api, diags) {
            Some(api) => spec.api.push(api),
            None => spec.broken_api = true,
        }
    }
    let broken = &mut spec.broken_names;
    section(idx, file, "ids", top.ids, &mut spec.ids, broken, diags);
    section(
        idx,
        file,
        "enums",
        top.enums,
        &mut spec.enums,
        broken,
        diags,
    );
    section(
        idx,
        file,
        "models",
        top.models,
        &mut spec.models,
        broken,
        diags,
    );
    let groups = &mut spec.param_groups;
    section(
        idx,
        file,
        "param_groups",
        top.param_groups,
        groups,
        broken,
        diags,
    );
    for (key, value) in top.resources.unwrap_or_default() {
        let Some(name) = key_string(file, "resources", &key, diags) else {
            continue;
        };
        let path = format!("resources.{name}");
        let Some(res) = item::<RawResource>(idx, file, path.clone(), name.clone(), value, diags)
        else {
            continue;
        };
        for (ekey, evalue) in res.raw.endpoints.clone() {
            let epath = format!("{path}.endpoints");
            let Some(ename) = key_string(file, &epath, &ekey, diags) else {
                continue;
            };
            if let Some(e) = item(idx, file, format!("{epath}.{ename}"), ename, evalue, diags) {
                spec.endpoints.push(EndpointItem {
                    resource: name.clone(),
                    item: e,
                });
            }
        }
        spec.resources.push(res);
    }
}
