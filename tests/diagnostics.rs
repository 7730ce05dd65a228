//! Diagnostics for broken specs: one file per validation rule under
//! `specs/broken/`, named after the rule id it must trigger. Each rendering
//! (file, line, YAML path, fix) is snapshotted.

use generator::load::SourceFile;

fn diagnose(name: &str, text: String) -> String {
    let seeds =
        generator::validate::seed_index(Some("specs/seeds".as_ref())).expect("seeds folder");
    let file = SourceFile {
        name: format!("broken/{name}.yaml"),
        text,
    };
    match generator::validate_files(vec![file], &seeds) {
        Ok(_) => panic!("broken/{name}.yaml was accepted"),
        Err(diags) => generator::render(&diags),
    }
}

#[test]
fn every_broken_spec_reports_its_rule() {
    let mut entries: Vec<_> = std::fs::read_dir("specs/broken")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert!(entries.len() >= 15, "one broken spec per rule");
    for path in entries {
        let rule = path.file_stem().unwrap().to_string_lossy().into_owned();
        let rendered = diagnose(&rule, std::fs::read_to_string(&path).unwrap());
        assert!(
            rendered.contains(&format!("error[{rule}]")),
            "{rule}.yaml did not report `{rule}`:\n{rendered}"
        );
        assert!(
            rendered.contains(&format!("--> broken/{rule}.yaml")),
            "diagnostics name the file:\n{rendered}"
        );
        insta::assert_snapshot!(rule, rendered);
    }
}

#[test]
fn all_errors_are_collected_not_just_the_first() {
    let text = std::fs::read_to_string("specs/broken/bad-source.yaml").unwrap();
    let rendered = diagnose("bad-source", text);
    assert!(rendered.ends_with("3 error(s)\n"), "{rendered}");
}
