//! Rules about the repository itself, checked on its files.

use std::path::{Path, PathBuf};

use integration_tests::workspace_root;

fn files_with(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_with(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The code of a Rust file without its comments and its `#[cfg(test)]`
/// module (by this repository's convention, the last item of a file).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..end]
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("")))
}

/// The generator knows no API by name: no line of its code or templates
/// names a vendor API (doc comments and tests aside). Everything
/// API-specific lives in `spec/`.
#[test]
fn the_generator_names_no_api() {
    const VENDOR_WORDS: &[&str] = &[
        "billwerk",
        "optimize",
        "billingplatform",
        "billing_platform",
        "reepay",
        "brmobjects",
    ];
    let root = workspace_root();
    let mut files = Vec::new();
    files_with(&root.join("generator/src"), "rs", &mut files);
    files_with(&root.join("generator/runtime/src"), "rs", &mut files);
    files_with(&root.join("generator/templates"), "j2", &mut files);
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (line, code) in code_lines(&text) {
            let lower = code.to_lowercase();
            if let Some(word) = VENDOR_WORDS.iter().find(|w| lower.contains(*w)) {
                found.push(format!("{}:{line}: `{word}`", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "API names in generator code:\n{}",
        found.join("\n")
    );
}

/// The names of the methods defined in every `impl ClientBuilder` of a
/// file, and whether the runtime's shared methods are expanded there.
fn builder_methods_in(code: &str) -> (Vec<String>, bool) {
    use syn::visit::Visit;
    struct Impls(Vec<String>, bool);
    impl<'ast> Visit<'ast> for Impls {
        fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
            let is_builder = matches!(&*i.self_ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "ClientBuilder"));
            if is_builder {
                for item in &i.items {
                    match item {
                        syn::ImplItem::Fn(f) => self.0.push(f.sig.ident.to_string()),
                        syn::ImplItem::Macro(m) => {
                            let last = m.mac.path.segments.last().map(|s| s.ident.to_string());
                            self.1 |= last.as_deref() == Some("client_builder_methods");
                        }
                        _ => {}
                    }
                }
            }
            syn::visit::visit_item_impl(self, i);
        }
    }
    let file = syn::parse_file(code).expect("emitted code parses");
    let mut impls = Impls(Vec::new(), false);
    impls.visit_file(&file);
    (impls.0, impls.1)
}

/// Every emitted `ClientBuilder` defines exactly the builder methods the
/// IR's scope table lists for its API (so the scope check sees every name
/// the emitters define there), and the runtime's macro defines exactly
/// `RUNTIME_BUILDER_METHODS`.
#[test]
fn emitted_builders_match_the_table_of_builder_methods() {
    use generator::ir::scopes::{RUNTIME_BUILDER_METHODS, Scope};
    let root = workspace_root();
    let runtime = std::fs::read_to_string(root.join("generator/runtime/src/builder.rs")).unwrap();
    let start = runtime
        .find("macro_rules! __client_builder_methods")
        .unwrap();
    let end = runtime[start..].find("\n}\n").unwrap() + start;
    let mut in_macro: Vec<String> = runtime[start..end]
        .split("pub fn ")
        .skip(1)
        .map(|s| s.split('(').next().unwrap().to_owned())
        .collect();
    in_macro.sort();
    assert_eq!(
        in_macro, RUNTIME_BUILDER_METHODS,
        "the runtime's builder macro"
    );

    let out_dir = std::path::PathBuf::from(env!("OUT_DIR"));
    let trees = [
        (root.join("spec"), None),
        (root.join("tests/specs/constructs"), Some(out_dir)),
    ];
    let mut checked = 0;
    for (spec, inline) in trees {
        let source = generator::SpecSource {
            root: spec,
            seeds: None,
        };
        let ir = generator::load_ir(&source).unwrap_or_else(|e| panic!("{e}"));
        for api in &ir.apis {
            let module = api.module.as_str();
            let file = match &inline {
                Some(dir) => dir.join(format!("{module}.rs")),
                None => root.join(format!("generated/src/{module}/client.rs")),
            };
            let (mut emitted, shared) =
                builder_methods_in(&std::fs::read_to_string(&file).unwrap());
            assert!(
                shared,
                "{module}: the builder expands the runtime's methods"
            );
            emitted.extend(RUNTIME_BUILDER_METHODS.iter().map(|m| m.to_string()));
            emitted.sort();
            let mut table: Vec<String> = api
                .defined_names()
                .into_iter()
                .filter(|d| d.scope == Scope::BuilderMethods)
                .map(|d| d.name)
                .collect();
            table.sort();
            assert_eq!(
                emitted, table,
                "{module}: emitted builder methods vs the table"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 24,
        "the three APIs and the construct specs: {checked}"
    );
}

/// The README's module tree of `generator/src` matches the code: every
/// module file and folder is named in it, and every file it names exists.
#[test]
fn the_readme_module_tree_matches_the_code() {
    let root = workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("```text\ngenerator/src/\n")
        .expect("the module tree");
    let end = readme[start + 8..].find("```").unwrap() + start + 8;
    let tree = &readme[start..end];
    let words: Vec<&str> = tree
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '/'))
        .collect();
    let named_files: Vec<&str> = words
        .iter()
        .flat_map(|w| w.split('/'))
        .filter(|w| w.ends_with(".rs"))
        .collect();
    let src = root.join("generator/src");
    let mut files = Vec::new();
    files_with(&src, "rs", &mut files);
    let mut missing = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let name = rel.file_name().unwrap().to_string_lossy();
        if !named_files.contains(&name.as_ref()) {
            missing.push(rel.display().to_string());
        }
        for dir in rel.parent().into_iter().flat_map(|p| p.iter()) {
            let dir = format!("{}/", dir.to_string_lossy());
            if !tree.contains(&dir) {
                missing.push(dir);
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "modules missing from the README tree: {missing:?}"
    );
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let stale: Vec<&&str> = named_files
        .iter()
        .filter(|n| !names.iter().any(|m| m == *n))
        .collect();
    assert!(
        stale.is_empty(),
        "the README tree names files that do not exist: {stale:?}"
    );
}

/// Every string value of the YAML files under `dir`, trimmed.
fn yaml_strings(dir: &Path) -> std::collections::BTreeSet<String> {
    fn walk(v: &serde_yaml::Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_yaml::Value::String(s) => {
                out.insert(s.trim().to_owned());
            }
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|i| walk(i, out)),
            serde_yaml::Value::Mapping(m) => m.values().for_each(|i| walk(i, out)),
            serde_yaml::Value::Tagged(t) => walk(&t.value, out),
            serde_yaml::Value::Null | serde_yaml::Value::Bool(_) | serde_yaml::Value::Number(_) => {
            }
        }
    }
    let mut files = Vec::new();
    files_with(dir, "yaml", &mut files);
    let mut out = std::collections::BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        walk(&value, &mut out);
    }
    out
}

/// The doc texts of an API's IR, each with where it is.
fn ir_docs(api: &generator::ir::Api) -> Vec<(String, &generator::ir::Doc)> {
    use generator::ir::TypeKind;
    let mut out = vec![("api".to_owned(), &api.doc)];
    for (_, def) in api.types.sorted() {
        out.push((def.name.to_string(), &def.doc));
        match &def.kind {
            TypeKind::Struct(m) => out.extend(
                m.fields
                    .iter()
                    .map(|f| (format!("{}.{}", def.name, f.rust), &f.doc)),
            ),
            TypeKind::StringEnum(e) => out.extend(
                e.variants
                    .iter()
                    .map(|v| (format!("{}.{}", def.name, v.rust), &v.doc)),
            ),
            TypeKind::IntEnum(e) => out.extend(
                e.variants
                    .iter()
                    .map(|v| (format!("{}.{}", def.name, v.rust), &v.doc)),
            ),
            TypeKind::Union(_) | TypeKind::IdNewtype => {}
        }
    }
    for r in &api.resources {
        out.push((r.accessor.to_string(), &r.doc));
        for e in &r.endpoints {
            let at = format!("{}.{}", r.accessor, e.method);
            out.push((at.clone(), &e.doc));
            let query = e.query.iter().flat_map(|q| &q.params);
            out.extend(query.map(|p| (format!("{at}.{}", p.rust), &p.doc)));
            let paged = e
                .pagination
                .iter()
                .map(|p| (format!("{at} pagination"), &p.doc));
            out.extend(paged);
        }
    }
    let s = &api.settings;
    out.extend(s.variables.iter().map(|v| (v.wire.clone(), &v.doc)));
    out.extend(
        s.overridable_headers
            .iter()
            .map(|h| (h.wire_name.clone(), &h.doc)),
    );
    out.extend(s.envelopes.iter().map(|e| (e.base.to_string(), &e.doc)));
    out.extend(
        s.errors
            .statuses
            .iter()
            .map(|e| (e.status.to_string(), &e.doc)),
    );
    out
}

/// Validation composes no doc prose: the text of every doc in the IR is a
/// string of the spec as written (and every assumption too); the emitters
/// write the sentences around them (`emit/docs.rs` and each construct's
/// emit module).
#[test]
fn every_doc_in_the_ir_is_spec_text() {
    let root = workspace_root();
    for spec in ["spec", "tests/specs/constructs"] {
        let source = generator::SpecSource {
            root: root.join(spec),
            seeds: None,
        };
        let written = yaml_strings(&root.join(spec));
        let ir = generator::load_ir(&source).unwrap_or_else(|e| panic!("{spec}: {e}"));
        let mut checked = 0;
        for api in &ir.apis {
            for (at, doc) in ir_docs(api) {
                let texts = std::iter::once(&doc.text).chain(&doc.assumption);
                for text in texts {
                    assert!(
                        written.contains(text.as_str()),
                        "{spec}/{}: the doc of {at} is not spec text: {text:?}",
                        api.module
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "{spec}: only {checked} docs checked");
    }
}
