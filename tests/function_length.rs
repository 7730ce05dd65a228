//! No function in `generator/src` is longer than 100 lines: long functions
//! are where decisions pile up and constructs stop being separable. The
//! sources are rustfmt-formatted (CI checks), so a function ends at the first
//! line that is its own indentation followed by `}`.

use std::path::{Path, PathBuf};

const LIMIT: usize = 100;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The name of the function declared on this line, if it starts one.
fn fn_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    for prefix in ["pub(crate) ", "pub(super) ", "pub(in crate::emit) ", "pub "] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    for prefix in ["const ", "async ", "unsafe "] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let rest = rest.strip_prefix("fn ")?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    Some(&rest[..end])
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The line (index) where the signature starting at `i` opens its body, or
/// `None` for a declaration without a body (a trait method, or a signature
/// inside a `quote!` whose body follows elsewhere).
fn body_start(lines: &[&str], i: usize) -> Option<usize> {
    let own = indent(lines[i]);
    let mut j = i;
    loop {
        let l = lines[j].trim_end();
        if l.ends_with('{') || (l.ends_with('}') && l.contains('{')) {
            return Some(j);
        }
        if l.ends_with(';') {
            return None;
        }
        j += 1;
        let next = lines.get(j)?;
        let t = next.trim_start();
        let continues = indent(next) > own
            || (indent(next) == own
                && (t.starts_with(')') || t.starts_with("->") || t.starts_with("where")));
        if !continues {
            return None;
        }
    }
}

/// Every function of a source text: name, first line (1-based) and length.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else {
            continue;
        };
        let Some(open) = body_start(&lines, i) else {
            continue;
        };
        let opened = lines[open].trim_end();
        if opened.ends_with('}') {
            out.push((name.to_owned(), i + 1, open - i + 1));
            continue;
        }
        let closing = format!("{}}}", &line[..indent(line)]);
        if let Some(len) = lines[open..].iter().position(|l| l.trim_end() == closing) {
            out.push((name.to_owned(), i + 1, open + len - i + 1));
        }
    }
    out
}

#[test]
fn no_function_in_the_generator_is_longer_than_100_lines() {
    let src = integration_tests::workspace_root().join("generator/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > 20, "found the generator's sources");
    let mut too_long = Vec::new();
    let mut longest = (String::new(), 0);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (name, line, len) in functions(&text) {
            let at = format!(
                "{}:{line} `{name}`",
                file.strip_prefix(&src).unwrap().display()
            );
            if len > longest.1 {
                longest = (at.clone(), len);
            }
            if len > LIMIT {
                too_long.push(format!("{at}: {len} lines"));
            }
        }
    }
    println!("longest function: {} ({} lines)", longest.0, longest.1);
    assert!(
        too_long.is_empty(),
        "functions over {LIMIT} lines (split them into named steps):\n{}",
        too_long.join("\n")
    );
}

#[test]
fn the_scanner_measures_functions() {
    let text = "fn a() {\n    x();\n}\n\npub(super) fn b(\n    y: u8,\n) -> u8 {\n    y\n}\n\
                trait T {\n    fn c(&self);\n}\nfn d() {}\nquote! {\n    pub fn e(&self) -> u8\n};\n";
    assert_eq!(
        functions(text),
        vec![
            ("a".to_owned(), 1, 3),
            ("b".to_owned(), 5, 5),
            ("d".to_owned(), 13, 1)
        ]
    );
}
