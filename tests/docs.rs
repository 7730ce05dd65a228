//! What a user reads on docs.rs: every operation of the checked-in clients
//! has an example (compiled as a doctest by `cargo test --doc`), and no doc
//! comment points at a seed file, which docs.rs cannot show.

use integration_tests::workspace_root;

/// `(api, file text)` of each generated `client.rs`.
fn clients() -> Vec<(String, String)> {
    let src = workspace_root().join("generated/src");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("client.rs").is_file() && !p.ends_with("runtime"))
        .map(|p| {
            let api = p.file_name().unwrap().to_string_lossy().into_owned();
            (api, std::fs::read_to_string(p.join("client.rs")).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// Each public method of a resource handle that sends a call or streams
/// items, with its doc comment.
fn operations(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix("pub fn ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let signature: String = lines[i..]
            .iter()
            .take_while(|l| !l.trim_end().ends_with('{'))
            .chain(
                lines.get(
                    i + lines[i..]
                        .iter()
                        .take_while(|l| !l.trim_end().ends_with('{'))
                        .count(),
                ),
            )
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if !(signature.contains("rt::Call<") || name.ends_with("_items")) {
            continue;
        }
        let doc: Vec<&str> = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.trim_start().starts_with("///") || l.trim_start().starts_with("#["))
            .copied()
            .collect();
        out.push((name, doc.into_iter().rev().collect::<Vec<_>>().join("\n")));
    }
    out
}

#[test]
fn every_operation_has_an_example() {
    let mut count = 0;
    for (api, text) in clients() {
        let ops = operations(&text);
        assert!(!ops.is_empty(), "{api}: no operations found");
        for (name, doc) in ops {
            count += 1;
            assert!(
                doc.contains("/// # Example") && doc.contains("/// ```no_run"),
                "{api}: `{name}` has no example:\n{doc}"
            );
            assert!(
                doc.contains(&format!(".{name}(")) || doc.contains(&format!(".{name}::<")),
                "{api}: the example of `{name}` does not call it:\n{doc}"
            );
        }
    }
    assert!(count >= 40, "only {count} operations found");
}

#[test]
fn no_doc_comment_points_at_a_seed_file() {
    assert!(names_seed_file("see `000_90c74c0367a8fe95.txt`, section"));
    assert!(!names_seed_file("File name, e.g. `Document.txt`."));
    let src = workspace_root().join("generated/src");
    let mut files = vec![workspace_root().join("generated/README.md")];
    for dir in std::fs::read_dir(&src).unwrap() {
        let dir = dir.unwrap().path();
        if dir.is_dir() {
            files.extend(
                std::fs::read_dir(&dir)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|e| e == "rs")),
            );
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let doc = line.trim_start();
            let is_doc =
                doc.starts_with("///") || doc.starts_with("//!") || file.ends_with("README.md");
            assert!(
                !(is_doc
                    && (doc.contains("Source: `")
                        || names_seed_file(doc)
                        || doc.contains("REFERENCE.md"))),
                "{}:{}: {line}",
                file.display(),
                n + 1
            );
        }
    }
}

/// Whether `line` names a seed document (`001_02a77a4cc14841bd.txt`).
fn names_seed_file(line: &str) -> bool {
    line.match_indices(".txt").any(|(at, _)| {
        let stem = &line.as_bytes()[..at];
        stem.len() >= 20 && {
            let name = &stem[stem.len() - 20..];
            name[..3].iter().all(u8::is_ascii_digit)
                && name[3] == b'_'
                && name[4..].iter().all(u8::is_ascii_hexdigit)
        }
    })
}
