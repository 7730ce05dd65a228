//! Properties that must hold for any input, shared by the fuzz targets
//! (`generator/fuzz/`) and the bounded property tests of the normal suite
//! (`tests/properties.rs`):
//!
//! - loading and validating any text never panics;
//! - a spec that validates generates Rust that parses (`syn`), so it is
//!   never a crash or unparsable output waiting in `generate`.
//!
//! Not part of the generator's API: hidden from its docs.

use crate::emit::{EmitOptions, emit};
use crate::ir::Ir;
use crate::load::SourceFile;
use crate::validate::SeedIndex;

/// `(folder, file, text)` of a file of `spec/`.
macro_rules! spec {
    ($api:literal, $file:literal) => {
        (
            $api,
            $file,
            include_str!(concat!("../../spec/", $api, "/", $file)),
        )
    };
}

/// `(folder, file, text)` of a construct spec of `tests/specs/constructs/`.
macro_rules! construct {
    ($api:literal) => {
        (
            $api,
            "api.yaml",
            include_str!(concat!("../../tests/specs/constructs/", $api, "/api.yaml")),
        )
    };
}

/// The real specs, as mutation seeds: (API folder, file name, text).
pub const REAL_SPECS: &[(&str, &str, &str)] = &[
    spec!("billwerk", "api.yaml"),
    spec!("billwerk", "endpoints.yaml"),
    spec!("billwerk", "enums.yaml"),
    spec!("billwerk", "ids.yaml"),
    spec!("billwerk", "models.yaml"),
    spec!("optimize", "api.yaml"),
    spec!("optimize", "endpoints.yaml"),
    spec!("optimize", "enums.yaml"),
    spec!("optimize", "ids.yaml"),
    spec!("optimize", "models.yaml"),
    spec!("billingplatform", "api.yaml"),
    spec!("billingplatform", "endpoints.yaml"),
    spec!("billingplatform", "enums.yaml"),
    spec!("billingplatform", "ids.yaml"),
    spec!("billingplatform", "models.yaml"),
];

/// The construct specs (one file each): small, so many more mutations run
/// per second, and together they use every construct of the language.
pub const CONSTRUCT_SPECS: &[(&str, &str, &str)] = &[
    construct!("c_enums"),
    construct!("c_errors"),
    construct!("c_form"),
    construct!("c_ids"),
    construct!("c_inputs"),
    construct!("c_keys"),
    construct!("c_lifecycle"),
    construct!("c_open"),
    construct!("c_pages"),
    construct!("c_paging"),
    construct!("c_paths"),
    construct!("c_presence"),
    construct!("c_query"),
    construct!("c_records"),
    construct!("c_recursive"),
    construct!("c_rooted"),
    construct!("c_scalars"),
    construct!("c_settings"),
    construct!("c_statuses"),
    construct!("c_unions"),
    construct!("c_unusual"),
];

/// Checks the properties on one API made of `files`: validation returns
/// (diagnostics or an IR) without panicking, and an IR emits Rust that
/// parses. Returns whether the spec validated.
pub fn check_spec(files: Vec<SourceFile>) -> bool {
    let seeds = SeedIndex::default();
    let Ok(api) = crate::validate_files(files, &seeds) else {
        return false;
    };
    let ir = Ir { apis: vec![api] };
    if let Err(e) = emit(&ir, &EmitOptions::default()) {
        panic!("a spec that validates must generate parsable Rust: {e}");
    }
    true
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

/// One API of the seeds (the construct specs and the three real APIs),
/// chosen by `which`, with one of its files mutated by `ops`; checked with
/// [`check_spec`].
pub fn check_mutated_api(which: u8, ops: &[u8]) -> bool {
    let mut apis: Vec<&str> = Vec::new();
    for (api, _, _) in CONSTRUCT_SPECS.iter().chain(REAL_SPECS) {
        if !apis.contains(api) {
            apis.push(api);
        }
    }
    let api = apis[usize::from(which) % apis.len()];
    let files: Vec<&(&str, &str, &str)> = CONSTRUCT_SPECS
        .iter()
        .chain(REAL_SPECS)
        .filter(|(a, _, _)| *a == api)
        .collect();
    let target = usize::from(which / 16) % files.len();
    let files = files
        .iter()
        .enumerate()
        .map(|(i, (a, name, text))| SourceFile {
            name: format!("{a}/{name}"),
            text: if i == target {
                mutate(text, ops)
            } else {
                (*text).to_owned()
            },
        })
        .collect();
    check_spec(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_specs_validate_and_generate() {
        for which in 0..14 {
            assert!(check_mutated_api(which, &[]), "seed {which}");
        }
    }

    #[test]
    fn mutations_change_the_text() {
        let (_, _, text) = REAL_SPECS[0];
        assert_ne!(mutate(text, &[0, 10, 0]), text);
        assert_eq!(
            mutate(text, &[]),
            text.lines().collect::<Vec<_>>().join("\n")
        );
    }
}
