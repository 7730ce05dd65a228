//! A diff for a terminal and as Markdown for a pull-request comment
//! (`templates/diff.md.j2`).

use minijinja::{Environment, context};

use super::{Change, Kind};

const TEMPLATE: &str = include_str!("../../templates/diff.md.j2");
const KINDS: [Kind; 4] = [Kind::Breaking, Kind::Wire, Kind::Additive, Kind::Docs];

/// `breaking 1, wire 0, additive 2, docs 0`.
fn counts(changes: &[&Change]) -> String {
    KINDS
        .iter()
        .map(|k| {
            format!(
                "{} {}",
                k.word(),
                changes.iter().filter(|c| c.kind == *k).count()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn by_api(changes: &[Change]) -> Vec<(String, Vec<&Change>)> {
    let mut out: Vec<(String, Vec<&Change>)> = Vec::new();
    for c in changes {
        match out.iter_mut().find(|(a, _)| *a == c.api) {
            Some((_, v)) => v.push(c),
            None => out.push((c.api.clone(), vec![c])),
        }
    }
    out
}

/// The change's kind as reports write it (`breaking*` when old code still
/// compiles but means something else).
fn word(c: &Change) -> String {
    if c.compiles {
        format!("{}*", c.kind.word())
    } else {
        c.kind.word().to_owned()
    }
}

/// Plain text: per API a count line, then one line per change.
pub fn text(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no changes\n".into();
    }
    let footnote = changes.iter().any(|c| c.compiles);
    let mut out = String::new();
    for (api, list) in by_api(changes) {
        let name = if api.is_empty() {
            "(crate)".to_owned()
        } else {
            api
        };
        out.push_str(&format!("{name}: {}\n", counts(&list)));
        for c in list {
            out.push_str(&format!("  {:<9} {}: {}\n", word(c), c.item, c.what));
        }
    }
    if footnote {
        out.push_str("(breaking*: old code still compiles, but means something else)\n");
    }
    out
}

/// Markdown: a summary line, then per API a table.
pub fn markdown(changes: &[Change]) -> Result<String, String> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_keep_trailing_newline(true);
    let apis: Vec<minijinja::Value> = by_api(changes)
        .into_iter()
        .map(|(api, list)| {
            let rows: Vec<minijinja::Value> = list
                .iter()
                .map(|c| context! { kind => c.kind.word(), semantic => c.compiles, item => c.item.replace('|', "\\|"), what => c.what.replace('|', "\\|") })
                .collect();
            context! { api => if api.is_empty() { "(crate)".to_owned() } else { api }, counts => counts(&list), rows }
        })
        .collect();
    let all: Vec<&Change> = changes.iter().collect();
    let breaking = changes.iter().any(|c| c.kind == Kind::Breaking);
    env.render_str(
        TEMPLATE,
        context! { apis, total => counts(&all), breaking, empty => changes.is_empty() },
    )
    .map_err(|e| format!("diff template: {e}"))
}
