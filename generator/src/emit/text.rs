//! Non-Rust files, rendered from the minijinja templates in `templates/`.

use minijinja::{Environment, context};

use super::shape_text::{body_text, response_text, type_text};
use super::{EmitOptions, OutputFile};
use crate::ir::{Api, Ir, Presence, TypeKind, TypeSpace, UnknownFields};

const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml.j2");
const REFERENCE_MD: &str = include_str!("../../templates/REFERENCE.md.j2");
const README_MD: &str = include_str!("../../templates/README.md.j2");

fn render(name: &str, template: &str, ctx: minijinja::Value) -> Result<String, String> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_keep_trailing_newline(true);
    env.add_template(name, template)
        .map_err(|e| format!("template {name}: {e}"))?;
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| format!("template {name}: {e}"))
}

/// `Cargo.toml` of the generated crate, with one feature per API.
pub fn cargo_toml(ir: &Ir, options: &EmitOptions) -> Result<OutputFile, String> {
    let features: Vec<&str> = ir.apis.iter().map(|a| a.module.as_str()).collect();
    let p = &ir.package;
    let contents = render(
        "Cargo.toml",
        CARGO_TOML,
        context! {
            features,
            runtime_dependency => options.runtime_dependency,
            regenerate => options.regenerate,
            // TOML basic strings: JSON's escapes are TOML's.
            name => json_string(&p.name), version => json_string(&p.version),
            description => json_string(&p.description), license => json_string(&p.license),
            lib => p.lib.as_str(),
        },
    )?;
    Ok(OutputFile {
        path: "Cargo.toml".into(),
        contents,
    })
}

/// A string as a TOML basic string (the escapes JSON writes are TOML's).
fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A one-line description as a sentence: ending in a full stop.
fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_owned()
    } else {
        format!("{s}.")
    }
}

/// `README.md` of the generated crate: its documentation's front page.
pub fn crate_readme(ir: &Ir, options: &EmitOptions) -> Result<OutputFile, String> {
    let apis: Vec<minijinja::Value> = ir
        .apis
        .iter()
        .map(|a| context! { title => a.title, module => a.module.as_str() })
        .collect();
    let p = &ir.package;
    let contents = render(
        "README.md",
        README_MD,
        context! {
            apis, version => p.version, name => p.name, lib => p.lib.as_str(),
            description => sentence(&p.description), regenerate => options.regenerate,
        },
    )?;
    Ok(OutputFile {
        path: "README.md".into(),
        contents,
    })
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().replace('|', "\\|")
}

/// A whole doc in a table cell: its lines kept apart by `<br>`, `|` escaped.
fn cell(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("<br>")
        .replace('|', "\\|")
}

/// The whole text on one table row: lines joined, `|` escaped.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// The webhooks section: how events are told apart and verified, and each
/// event with its variant and payload.
fn webhooks(api: &Api) -> Option<minijinja::Value> {
    let w = api.settings.webhooks.as_ref()?;
    let events: Vec<minijinja::Value> = w
        .events
        .iter()
        .map(|e| {
            context! {
                wire => e.wire, variant => e.variant.to_string(),
                payload => type_text(&e.payload, &api.types), doc => first_line(&e.doc.text),
            }
        })
        .collect();
    let located = |l: &crate::ir::Located| match l {
        crate::ir::Located::Header(h) => format!("header `{h}`"),
        crate::ir::Located::HeaderList { header, key, .. } => {
            format!("`{key}` of header `{header}`")
        }
        crate::ir::Located::BodyField(f) => format!("body field `{f}`"),
    };
    let scheme = match (&w.scheme, &w.unsigned) {
        (Some(s), _) => format!(
            "signature in the {}, {} over {}{}",
            located(&s.signature),
            if s.sha512 {
                "HMAC-SHA512"
            } else {
                "HMAC-SHA256"
            },
            s.signed
                .iter()
                .map(|p| match p {
                    crate::ir::Signed::Text(t) => format!("`{t}`"),
                    other => format!("{other:?}").to_lowercase(),
                })
                .collect::<Vec<_>>()
                .join(" + "),
            s.tolerance_seconds
                .map(|t| format!(", at most {t} s old"))
                .unwrap_or_default()
        ),
        (None, Some(u)) => format!("not signed: {}", first_line(u).trim_end_matches('.')),
        (None, None) => String::new(),
    };
    Some(context! { event_type => located(&w.event_type), scheme, events })
}

/// `REFERENCE.md` of an API: what the spec generates, for review.
pub fn reference(api: &Api, lib: &str) -> Result<OutputFile, String> {
    let types = &api.types;
    let enums: Vec<minijinja::Value> = types
        .enums()
        .map(|(_, d)| {
            let values: Vec<String> = match &d.kind {
                TypeKind::StringEnum(e) => e.variants.iter().map(|v| v.wire.clone()).collect(),
                TypeKind::IntEnum(e) => e.variants.iter().map(|v| v.wire.to_string()).collect(),
                _ => Vec::new(),
            };
            context! { name => d.name.to_string(), values }
        })
        .collect();
    let ids: Vec<String> = types.ids().map(|(_, d)| d.name.to_string()).collect();
    let unions = unions(types);
    let s = &api.settings;
    let environments: Vec<minijinja::Value> = s
        .environments
        .iter()
        .map(|e| {
            let values: Vec<String> = e
                .values
                .iter()
                .map(|h| format!("{}={}", h.name, h.value))
                .collect();
            context! { name => e.variant.to_string(), values => values.join(", ") }
        })
        .collect();
    let statuses: Vec<minijinja::Value> = s
        .errors
        .statuses
        .iter()
        .map(|st| context! { status => st.status, doc => first_line(&st.doc.text) })
        .collect();
    let contents = render(
        "REFERENCE.md",
        REFERENCE_MD,
        context! {
            title => api.title,
            lib,
            module => api.module.as_str(),
            sources => api.spec_files.join(", "),
            base_url => s.base_url,
            environments,
            resources => resources(api),
            models => models(types),
            enums,
            unions,
            ids,
            statuses,
            webhooks => webhooks(api),
            citations => api.citations.iter().map(|c| context! {
                item => c.item, document => c.document, section => c.section,
            }).collect::<Vec<_>>(),
            assumptions => api.assumptions.iter().map(|a| context! {
                item => a.item, text => one_line(&a.text),
            }).collect::<Vec<_>>(),
        },
    )?;
    Ok(OutputFile {
        path: format!("src/{}/REFERENCE.md", api.module.as_str()),
        contents,
    })
}

/// Each union with its kind and variants (`Card` (`object` = `card`)).
fn unions(types: &TypeSpace) -> Vec<minijinja::Value> {
    types
        .sorted()
        .filter_map(|(_, d)| match &d.kind {
            TypeKind::Union(u) => Some((d, u)),
            _ => None,
        })
        .map(|(d, u)| {
            let (kind, variants): (String, Vec<String>) = match &u.kind {
                crate::ir::UnionKind::Tagged { field } => (
                    format!("tagged by `{field}`, unknown values kept"),
                    u.variants
                        .iter()
                        .map(|v| {
                            format!("`{}` = `{}`", v.tag.as_deref().unwrap_or_default(), v.name)
                        })
                        .collect(),
                ),
                crate::ir::UnionKind::Untagged => (
                    "untagged, tried in order".to_owned(),
                    u.variants
                        .iter()
                        .map(|v| format!("`{}({})`", v.name, type_text(&v.ty, types)))
                        .collect(),
                ),
            };
            context! { name => d.name.to_string(), kind, variants }
        })
        .collect()
}

fn resources(api: &Api) -> Vec<minijinja::Value> {
    api.resources
        .iter()
        .map(|r| {
            let endpoints: Vec<minijinja::Value> = r
                .endpoints
                .iter()
                .map(|e| {
                    context! {
                        method => e.http_method.as_str(),
                        path => e.path_template,
                        rust => format!("{}().{}", r.accessor, e.method),
                        anchor => format!("{}-{}", r.accessor, e.method).replace('_', "-"),
                        body => body_text(api, e),
                        response => response_text(e, &api.types),
                        retried => super::endpoint::parts::retried_cell(e),
                        summary => first_line(&super::docs::endpoint_doc(e)),
                    }
                })
                .collect();
            let details: Vec<minijinja::Value> = r
                .endpoints
                .iter()
                .map(|e| super::reference::endpoint(api, r, e))
                .collect();
            context! { accessor => r.accessor.to_string(), doc => r.doc.text, endpoints, details }
        })
        .collect()
}

fn models(types: &TypeSpace) -> Vec<minijinja::Value> {
    types
        .models()
        .map(|(_, d, m)| {
            let fields: Vec<minijinja::Value> = m
                .fields
                .iter()
                .map(|f| {
                    let presence = match (f.presence, f.sent) {
                        (Presence::Required, _) => "required",
                        (Presence::RequiredNullable, _) => "required, nullable",
                        // Read only: absent and `null` are both `None`.
                        (Presence::Optional, Some(Presence::Tristate)) => "optional, nullable",
                        (Presence::Optional, _) => "optional",
                        (Presence::Tristate, _) => "optional, nullable (Patch)",
                    };
                    let ty = match f.encoding {
                        None => type_text(&f.ty, types),
                        Some(e) => format!("{} ({})", type_text(&f.ty, types), e.reference_note()),
                    };
                    // Aliases inside the template's backticks: `Id` or `id`.
                    let wire = std::iter::once(f.wire.as_str())
                        .chain(f.aliases.iter().map(String::as_str))
                        .collect::<Vec<_>>()
                        .join("` or `");
                    context! { wire, rust => f.rust.to_string(), ty, presence, doc => cell(&f.doc.text) }
                })
                .collect();
            let open = m.unknown_fields == UnknownFields::Keep;
            let doc = super::docs::type_doc(d, types);
            context! { name => d.name.to_string(), open, doc, fields }
        })
        .collect()
}
