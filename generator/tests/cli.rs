//! The `generator` binary on temporary folders: scaffold, validate,
//! generate, check, the runtime options, and what errors say and exit with.

use std::path::Path;
use std::process::{Command, Output};

fn generator(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the generator binary runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[track_caller]
fn ok(o: &Output) -> String {
    let (out, err) = text(o);
    assert!(
        o.status.success(),
        "exit {:?}\nstdout:\n{out}\nstderr:\n{err}",
        o.status.code()
    );
    out
}

fn runtime() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("runtime")
        .display()
        .to_string()
}

#[test]
fn new_validate_generate_check_in_any_layout() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = ok(&generator(
        dir,
        &[
            "--spec",
            "api-specs",
            "new",
            "acme_billing",
            "--title",
            "Acme Billing",
            "--base-url",
            "https://api.acme.test/v2",
        ],
    ));
    for f in ["api", "ids", "enums", "models", "endpoints"] {
        assert!(
            out.contains(&format!("created api-specs/acme_billing/{f}.yaml")),
            "{out}"
        );
    }
    assert!(out.contains("created api-specs/package.yaml"), "{out}");
    assert!(
        out.contains("Next steps:") && out.contains("generator --spec api-specs validate"),
        "{out}"
    );
    let api = std::fs::read_to_string(dir.join("api-specs/acme_billing/api.yaml")).unwrap();
    assert!(
        api.contains("base_url: https://api.acme.test/v2")
            && api.contains("title: \"Acme Billing\"")
    );

    assert_eq!(
        ok(&generator(dir, &["--spec", "api-specs", "apis"])),
        "acme_billing\n"
    );
    let out = ok(&generator(dir, &["--spec", "api-specs", "validate"]));
    assert!(
        out.contains("crate acme-billing-client with 1 API(s): acme_billing"),
        "{out}"
    );
    assert!(
        out.contains("citations were checked for syntax only"),
        "{out}"
    );

    let out = ok(&generator(
        dir,
        &[
            "--spec",
            "api-specs",
            "generate",
            "--out",
            "crates/acme",
            "--runtime-path",
            &runtime(),
        ],
    ));
    assert!(out.contains("wrote crates/acme/Cargo.toml"), "{out}");
    let manifest = std::fs::read_to_string(dir.join("crates/acme/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"acme-billing-client\""),
        "{manifest}"
    );
    assert!(manifest.contains("acme_billing = []"), "{manifest}");
    // A path relative to the crate, so the repository can move.
    let rel = manifest
        .lines()
        .find(|l| l.starts_with("api-client-runtime"))
        .unwrap();
    assert!(rel.contains("path = \"../"), "{rel}");
    let lib = std::fs::read_to_string(dir.join("crates/acme/src/lib.rs")).unwrap();
    assert!(
        lib.contains("run `generator --spec api-specs generate --out crates/acme`"),
        "{lib}"
    );

    // Unchanged: up to date. Edited: stale, exit 1, the files named.
    let check = [
        "--spec",
        "api-specs",
        "generate",
        "--check",
        "--out",
        "crates/acme",
        "--runtime-path",
        &runtime(),
    ];
    assert!(ok(&generator(dir, &check)).contains("crates/acme is up to date"));
    let models = dir.join("api-specs/acme_billing/models.yaml");
    let edited = std::fs::read_to_string(&models)
        .unwrap()
        .replace("doc: A customer.", "doc: A paying customer.");
    std::fs::write(&models, edited).unwrap();
    let o = generator(dir, &check);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("changed: src/acme_billing/models.rs"), "{err}");
}

#[test]
fn the_runtime_source_options_reach_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(&generator(dir, &["new", "acme"]));
    ok(&generator(
        dir,
        &[
            "generate",
            "--runtime-git",
            "https://example.com/gen.git",
            "--runtime-tag",
            "v0.2.0",
        ],
    ));
    let manifest = std::fs::read_to_string(dir.join("generated/Cargo.toml")).unwrap();
    assert!(
        manifest.contains(
            r#"api-client-runtime = { git = "https://example.com/gen.git", tag = "v0.2.0" }"#
        ),
        "{manifest}"
    );
    ok(&generator(dir, &["generate", "--runtime-version", "0.1"]));
    let manifest = std::fs::read_to_string(dir.join("generated/Cargo.toml")).unwrap();
    assert!(
        manifest.contains(r#"api-client-runtime = { version = "0.1" }"#),
        "{manifest}"
    );
    // package.yaml's runtime, relative to the spec folder.
    let package = dir.join("spec/package.yaml");
    let written = std::fs::read_to_string(&package).unwrap();
    std::fs::write(
        &package,
        format!("{written}  runtime: {{path: ../vendor/runtime}}\n"),
    )
    .unwrap();
    ok(&generator(dir, &["generate"]));
    let manifest = std::fs::read_to_string(dir.join("generated/Cargo.toml")).unwrap();
    assert!(
        manifest.contains(r#"api-client-runtime = { path = "../vendor/runtime" }"#),
        "{manifest}"
    );
    // Two sources at once are a usage error.
    let o = generator(
        dir,
        &[
            "generate",
            "--runtime-version",
            "0.1",
            "--runtime-path",
            "x",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("cannot be used with"), "{}", text(&o).1);
}

#[test]
fn errors_name_the_path_and_exit_non_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let o = generator(dir, &["--spec", "nowhere", "validate"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o).1;
    assert!(
        err.contains("nowhere") && err.contains("generator new NAME"),
        "{err}"
    );

    ok(&generator(dir, &["new", "acme"]));
    // Nothing is overwritten.
    let o = generator(dir, &["new", "acme"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).1.contains("spec/acme already exists"),
        "{}",
        text(&o).1
    );
    for bad in ["Acme", "fn", "runtime", "a-b"] {
        let o = generator(dir, &["new", bad]);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        assert!(text(&o).1.contains("snake_case"), "{bad}: {}", text(&o).1);
    }
    let o = generator(
        dir,
        &["new", "plain", "--base-url", "http://api.example.com"],
    );
    assert!(text(&o).1.contains("is not an https URL"), "{}", text(&o).1);

    // A broken package.yaml: located diagnostics, exit 1.
    std::fs::write(
        dir.join("spec/package.yaml"),
        "package:\n  name: 9lives\n  version: one\n  colour: red\n",
    )
    .unwrap();
    let o = generator(dir, &["validate"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o).1;
    assert!(
        err.contains("spec/package.yaml:4") && err.contains("colour"),
        "{err}"
    );
    std::fs::write(
        dir.join("spec/package.yaml"),
        "package:\n  name: 9lives\n  version: one\n",
    )
    .unwrap();
    let err = text(&generator(dir, &["validate"])).1;
    assert!(
        err.contains("spec/package.yaml:2") && err.contains("not a Cargo package name"),
        "{err}"
    );
    assert!(
        err.contains("spec/package.yaml:3") && err.contains("not a semantic version"),
        "{err}"
    );

    // Usage errors are clap's: exit 2.
    assert_eq!(generator(dir, &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn import_openapi_writes_a_spec_that_validates_and_generates() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/openapi/lago-taxes.yaml");
    let out = ok(&generator(
        dir,
        &[
            "import",
            "openapi",
            fixture.to_str().unwrap(),
            "--name",
            "lago",
        ],
    ));
    for f in ["api.yaml", "models.yaml", "endpoints.yaml", "IMPORT.md"] {
        assert!(out.contains(&format!("created spec/lago/{f}")), "{out}");
    }
    assert!(
        out.contains("imported 6 operation(s)") && out.contains("to finish by hand"),
        "{out}"
    );
    let out = ok(&generator(dir, &["validate"]));
    assert!(
        out.contains("crate lago-client with 1 API(s): lago")
            && out.contains("citations checked against"),
        "{out}"
    );
    ok(&generator(dir, &["generate", "--runtime-path", &runtime()]));
    assert!(dir.join("generated/src/lago/models.rs").is_file());

    // What cannot be read: exit 1, the file named.
    std::fs::write(dir.join("old.json"), r#"{"swagger": "2.0"}"#).unwrap();
    let o = generator(dir, &["import", "openapi", "old.json", "--name", "old"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).1.contains("old.json") && text(&o).1.contains("Swagger 2.0"),
        "{}",
        text(&o).1
    );
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn diff_against_a_revision_and_between_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(&generator(dir, &["new", "acme"]));
    git(dir, &["init", "-q"]);
    git(
        dir,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "add",
            ".",
        ],
    );
    git(
        dir,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-q",
            "-m",
            "spec",
        ],
    );
    let models = dir.join("spec/acme/models.yaml");
    let original = std::fs::read_to_string(&models).unwrap();
    let edited = original.replace(
        "      name: {type: string, doc: The customer's name.}\n",
        "",
    );
    assert_ne!(original, edited);
    std::fs::write(&models, &edited).unwrap();

    let out = ok(&generator(dir, &["diff", "--against", "HEAD"]));
    assert!(
        out.contains("breaking  models.Customer.fields.name: field `name` is removed"),
        "{out}"
    );
    let o = generator(dir, &["diff", "--against", "HEAD", "--fail-on", "breaking"]);
    assert_eq!(o.status.code(), Some(1));
    let md = ok(&generator(
        dir,
        &["diff", "--against", "HEAD", "--format", "markdown"],
    ));
    assert!(
        md.starts_with("## Spec changes: breaking")
            && md.contains("| **breaking** | `models.Customer.fields.name` |"),
        "{md}"
    );
    // Read through git: the working copy is as it was.
    assert_eq!(std::fs::read_to_string(&models).unwrap(), edited);
    // Against itself: nothing, exit 0 even with --fail-on docs.
    git(dir, &["stash", "-q"]);
    assert_eq!(
        ok(&generator(
            dir,
            &["diff", "--against", "HEAD", "--fail-on", "docs"]
        )),
        "no changes\n"
    );
    // Two folders; a revision that does not exist is an error naming it.
    std::fs::create_dir_all(dir.join("old")).unwrap();
    ok(&generator(dir, &["--spec", "old", "new", "acme"]));
    assert_eq!(
        ok(&generator(dir, &["diff", "old", "spec"])),
        "no changes\n"
    );
    let o = generator(dir, &["diff", "--against", "no-such-rev"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).1.contains("no-such-rev"), "{}", text(&o).1);
}

#[test]
fn help_shows_examples() {
    let tmp = tempfile::tempdir().unwrap();
    let top = ok(&generator(tmp.path(), &["--help"]));
    assert!(
        top.contains("Examples:") && top.contains("generator new acme"),
        "{top}"
    );
    let import = ok(&generator(tmp.path(), &["import", "openapi", "--help"]));
    assert!(
        import.contains("Examples:") && import.contains("generator import openapi"),
        "{import}"
    );
    for sub in ["generate", "validate", "new", "apis", "diff"] {
        let help = ok(&generator(tmp.path(), &[sub, "--help"]));
        assert!(
            help.contains("Examples:") && help.contains(&format!("generator {sub}")),
            "{sub}: {help}"
        );
    }
}
