//! Properties that must hold for any input, shared by the fuzz targets
//! (`generator/fuzz/`) and the bounded property tests of the normal suite
//! (`tests/properties.rs`):
//!
//! - loading and validating any text never panics;
//! - a spec that validates generates Rust that parses (`syn`), so it is
//!   never a crash or unparsable output waiting in `generate`;
//! - importing any text as an OpenAPI document never panics, and what it
//!   imports goes through the two properties above.
//!
//! The specs to mutate are input ([`Corpus`]): the fuzz targets and the
//! tests read them from the spec folders. Not part of the generator's API:
//! hidden from its docs.

use crate::emit::{EmitOptions, emit};
use crate::ir::Ir;
use crate::load::SourceFile;
use crate::validate::SeedIndex;

/// The specs mutations start from: one entry per API, its files as read.
/// It is input, read from spec folders ([`Corpus::read`]): the generator
/// itself holds no API.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    apis: Vec<Vec<SourceFile>>,
}

impl Corpus {
    /// Every API folder under each of `roots` (a spec root such as `spec/`,
    /// or `tests/specs/constructs/`), in a stable order.
    pub fn read(roots: &[&std::path::Path]) -> std::io::Result<Corpus> {
        let mut apis = Vec::new();
        for root in roots {
            let mut dirs = crate::load::api_dirs(root)?;
            dirs.sort();
            for dir in dirs {
                let mut paths = crate::load::yaml_files(&dir)?;
                paths.sort();
                let mut files = Vec::new();
                for path in paths {
                    files.push(SourceFile {
                        name: crate::load::display_name(root, &path),
                        text: std::fs::read_to_string(&path)?,
                    });
                }
                apis.push(files);
            }
        }
        Ok(Corpus { apis })
    }

    /// The APIs, each as its files.
    pub fn apis(&self) -> &[Vec<SourceFile>] {
        &self.apis
    }
}

/// Checks the properties on one API made of `files`: validation returns
/// (diagnostics or an IR) without panicking, and an IR emits Rust that
/// parses. Returns whether the spec validated.
pub fn check_spec(files: Vec<SourceFile>) -> bool {
    let seeds = SeedIndex::default();
    let Ok(api) = crate::validate_files(files, &seeds) else {
        return false;
    };
    let ir = Ir::single(api);
    if let Err(e) = emit(&ir, &EmitOptions::default()) {
        panic!("a spec that validates must generate parsable Rust: {e}");
    }
    true
}

/// The Rust module one API of `files` generates in build-time mode (what a
/// `build.rs` writes: one inline module naming the runtime crate), or
/// `None` if the spec does not validate. For compiling specs at scale.
pub fn generated_module(files: Vec<SourceFile>) -> Option<String> {
    let seeds = SeedIndex::default();
    let api = crate::validate_files(files, &seeds).ok()?;
    let ir = Ir::single(api);
    let options = crate::build_options(crate::emit::RUNTIME_CRATE);
    let out = emit(&ir, &options)
        .unwrap_or_else(|e| panic!("a spec that validates must generate Rust: {e}"));
    out.into_iter()
        .find(|f| f.path.ends_with(".rs"))
        .map(|f| f.contents)
}

/// A small deterministic generator of choices (splitmix64), so a run of
/// mutations is repeatable from its seed.
#[derive(Clone, Debug)]
pub struct Choices(u64);

impl Choices {
    /// Choices from `seed`.
    pub fn new(seed: u64) -> Self {
        Choices(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64().to_le_bytes()[0]).collect()
    }
}

/// One API of `corpus` (chosen by `which`) with one file mutated by `ops`,
/// as files, for callers that keep the mutants that validate.
pub fn mutated_api(corpus: &Corpus, which: u8, ops: &[u8]) -> Option<Vec<SourceFile>> {
    let apis = corpus.apis();
    let files = apis.get(usize::from(which) % apis.len().max(1))?;
    if files.is_empty() {
        return None;
    }
    let target = usize::from(which / 16) % files.len();
    Some(
        files
            .iter()
            .enumerate()
            .map(|(i, f)| SourceFile {
                name: f.name.clone(),
                text: if i == target {
                    mutate(&f.text, ops)
                } else {
                    f.text.clone()
                },
            })
            .collect(),
    )
}

/// Importing `text` as an OpenAPI document never panics; when the import
/// succeeds, its spec goes through [`check_spec`] (validation without a
/// panic, a valid spec generates parsable Rust). Returns whether the
/// imported spec validated.
pub fn check_openapi(text: &str) -> bool {
    let options = crate::import::ImportOptions {
        name: "fuzzed".into(),
        document: "fuzz.yaml".into(),
    };
    let Ok(imported) = crate::import::openapi(text, &options) else {
        return false;
    };
    let files = imported
        .files
        .into_iter()
        .map(|(name, text)| SourceFile {
            name: format!("spec/fuzzed/{name}"),
            text,
        })
        .collect();
    check_spec(files)
}

/// [`check_spec`] on one file of arbitrary text.
pub fn check_text(text: &str) -> bool {
    check_spec(vec![SourceFile {
        name: "fuzz.yaml".into(),
        text: text.to_owned(),
    }])
}

/// Applies mutations chosen by `ops` to the lines of `text`: each pair of
/// bytes picks a line and an edit (delete, duplicate, swap with the next,
/// replace a value, rename a key, change indentation, inject text). The
/// result stays close to a real spec, so validation goes deep.
pub fn mutate(text: &str, ops: &[u8]) -> String {
    const INSERTS: &[&str] = &[
        "type",
        "fn",
        "self",
        "Self",
        "r#self",
        "\"\"",
        "~",
        "[]",
        "{}",
        "list<",
        "map<string>",
        "Option",
        "runtime",
        "é",
        "\u{0}",
        "-1",
        "99999999999999999999",
        "{in: path, type: string, doc: x}",
        "true",
        "..",
        "/{id}",
        "#",
        "&a",
        "*a",
        "!!binary x",
        "{type: string, read_only: true, doc: x}",
        "{type: Widget, always_returned: true, doc: x}",
        "read_only: true",
    ];
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for op in ops.chunks(3) {
        if lines.is_empty() {
            break;
        }
        let (kind, at, pick) = (
            op[0],
            op.get(1).copied().unwrap_or(0),
            op.get(2).copied().unwrap_or(0),
        );
        let i = usize::from(at) * lines.len() / 256;
        let insert = INSERTS[usize::from(pick) % INSERTS.len()];
        match kind % 7 {
            0 => {
                lines.remove(i);
            }
            1 => lines.insert(i, lines[i].clone()),
            2 if i + 1 < lines.len() => lines.swap(i, i + 1),
            3 => {
                // Replace the value after the first `:`.
                if let Some(colon) = lines[i].find(':') {
                    lines[i] = format!("{}: {insert}", &lines[i][..colon]);
                }
            }
            4 => {
                // Rename the key before the first `:`.
                let indent = lines[i].len() - lines[i].trim_start().len();
                if let Some(colon) = lines[i].find(':') {
                    lines[i] = format!("{}{insert}{}", &lines[i][..indent], &lines[i][colon..]);
                }
            }
            5 => lines[i] = format!("  {}", lines[i]),
            _ => lines[i].push_str(insert),
        }
    }
    lines.join("\n")
}

/// One API of `corpus`, chosen by `which`, with one of its files mutated
/// by `ops`; checked with [`check_spec`]. An empty corpus checks nothing.
pub fn check_mutated_api(corpus: &Corpus, which: u8, ops: &[u8]) -> bool {
    mutated_api(corpus, which, ops).is_some_and(check_spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "api:\n  name: demo\n  title: Demo\n";

    #[test]
    fn mutations_change_the_text() {
        assert_ne!(mutate(SPEC, &[0, 10, 0]), SPEC);
        assert_eq!(
            mutate(SPEC, &[]),
            SPEC.lines().collect::<Vec<_>>().join("\n")
        );
    }

    #[test]
    fn an_empty_corpus_checks_nothing() {
        assert!(!check_mutated_api(&Corpus::default(), 3, &[1, 2, 3]));
    }
}
