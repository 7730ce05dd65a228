//! Non-Rust files, rendered from the minijinja templates in `templates/`.

use minijinja::{context, Environment};

use super::OutputFile;
use crate::ir::{Api, Encoding, Endpoint, EnvelopeResult, Ir, Presence, Ty};

const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml.j2");
const REFERENCE_MD: &str = include_str!("../../templates/REFERENCE.md.j2");

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
pub fn cargo_toml(ir: &Ir) -> Result<OutputFile, String> {
    let features: Vec<&str> = ir.apis.iter().map(|a| a.module.as_str()).collect();
    let contents = render("Cargo.toml", CARGO_TOML, context! { features })?;
    Ok(OutputFile {
        path: "Cargo.toml".into(),
        contents,
    })
}

/// A spec-language rendering of a type, for the reference document.
fn type_text(t: &Ty) -> String {
    match t {
        Ty::String => "String".into(),
        Ty::Bool => "bool".into(),
        Ty::I32 => "i32".into(),
        Ty::I64 => "i64".into(),
        Ty::F64 => "f64".into(),
        Ty::Decimal => "Decimal".into(),
        Ty::Timestamp => "Timestamp".into(),
        Ty::Json => "serde_json::Value".into(),
        Ty::ETag => "ETag".into(),
        Ty::Date => "Date".into(),
        Ty::LocalDateTime => "LocalDateTime".into(),
        Ty::Duration => "IsoDuration".into(),
        Ty::Search => "SearchExpr".into(),
        Ty::Bytes => "Base64Bytes".into(),
        Ty::Entity => "impl EntityKind".into(),
        Ty::Record => "Record".into(),
        Ty::SqlCondition => "sql::Condition".into(),
        Ty::SqlSelect => "sql::Select".into(),
        Ty::OneOrMany(i) => format!("OneOrMany<{}>", type_text(i)),
        Ty::Interval(i) => format!("Interval<{}>", type_text(i)),
        Ty::Generic(n, a) => format!("{n}<{}>", type_text(a)),
        Ty::TypeParam(n) => n.clone(),
        Ty::List(i) => format!("Vec<{}>", type_text(i)),
        Ty::Map(i) => format!("BTreeMap<String, {}>", type_text(i)),
        Ty::Id(n) | Ty::Enum(n) | Ty::Model(n) => n.clone(),
    }
}

/// The body column: the type, or the records and their envelope key.
fn body_text(api: &Api, e: &Endpoint) -> String {
    let Some(body) = &e.body else {
        return "-".into();
    };
    match e.envelope.as_ref().filter(|env| env.wrap) {
        Some(env) => {
            let key = api
                .envelopes
                .iter()
                .find(|x| x.const_name == env.envelope)
                .map(|x| x.records.as_str())
                .unwrap_or_default();
            format!("[{}] in {key}", type_text(body))
        }
        None => type_text(body),
    }
}

/// The response column: the type, or what is unwrapped from which key.
fn response_text(e: &Endpoint) -> String {
    let Some(t) = &e.response else {
        return "()".into();
    };
    let t = type_text(t);
    match &e.envelope {
        None => t,
        Some(env) => match env.result {
            EnvelopeResult::List => format!("Vec<{t}> from {}", env.response_key),
            EnvelopeResult::Each => format!("Vec<RecordOutcome<{t}>> from {}", env.response_key),
            EnvelopeResult::One => format!("{t} from {}", env.response_key),
        },
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().replace('|', "\\|")
}

/// `REFERENCE.md` of an API: what the spec generates, for review.
pub fn reference(api: &Api) -> Result<OutputFile, String> {
    let resources: Vec<minijinja::Value> = api
        .resources
        .iter()
        .map(|r| {
            let endpoints: Vec<minijinja::Value> = r
                .endpoints
                .iter()
                .map(|e| {
                    context! {
                        method => e.http_method.as_str(),
                        path => e.path_template,
                        rust => format!("{}().{}", r.accessor, e.method_name),
                        body => body_text(api, e),
                        response => response_text(e),
                        retried => if e.idempotent { "yes" } else { "no" },
                        summary => first_line(&e.doc),
                    }
                })
                .collect();
            context! { accessor => r.accessor, endpoints }
        })
        .collect();
    let models: Vec<minijinja::Value> = api
        .models
        .iter()
        .map(|m| {
            let fields: Vec<minijinja::Value> = m
                .fields
                .iter()
                .map(|f| {
                    let presence = match f.presence {
                        Presence::Required => "required",
                        Presence::RequiredNullable => "required, nullable",
                        Presence::Optional => "optional",
                        Presence::Tristate => "optional, nullable (Patch)",
                    };
                    let ty = match f.encoding {
                        None => type_text(&f.ty),
                        Some(Encoding::Text) => format!("{} (as string)", type_text(&f.ty)),
                        Some(Encoding::Flag) => format!("{} (as \"1\"/\"0\")", type_text(&f.ty)),
                        Some(Encoding::CompactDate) => format!("{} (as yyyyMMdd)", type_text(&f.ty)),
                    };
                    context! { wire => f.wire, rust => f.rust, ty, presence, summary => first_line(&f.doc) }
                })
                .collect();
            context! { name => m.name, open => m.open, summary => first_line(&m.doc), fields }
        })
        .collect();
    let enums: Vec<minijinja::Value> = api
        .enums
        .iter()
        .map(|e| context! { name => e.name, values => e.variants.iter().map(|v| v.wire.clone()).collect::<Vec<_>>() })
        .collect();
    let ids: Vec<&str> = api.ids.iter().map(|i| i.name.as_str()).collect();
    let contents = render(
        "REFERENCE.md",
        REFERENCE_MD,
        context! {
            title => api.title,
            module => api.module,
            sources => api.spec_files.join(", "),
            base_url => api.base_url,
            environments => api.environments.iter().map(|e| context! { name => e.variant, values => e.values.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ") }).collect::<Vec<_>>(),
            resources,
            models,
            enums,
            ids,
            statuses => api.error_statuses.iter().map(|(s, d)| context! { status => s, doc => first_line(d) }).collect::<Vec<_>>(),
        },
    )?;
    Ok(OutputFile {
        path: format!("src/{}/REFERENCE.md", api.module),
        contents,
    })
}
