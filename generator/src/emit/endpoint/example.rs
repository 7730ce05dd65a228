//! The `# Example` section of an endpoint method: a `no_run` doctest that
//! calls it the way a user would. Ids and strings are literals, a query
//! without required parameters is `new()`, everything else (bodies, other
//! values, the entity of a generic call) is a parameter of the hidden
//! wrapper function, so every example compiles against the real types.
//!
//! Rustdoc compiles these, so the example is checked like any other code.

use quote::quote;

use super::super::rust::{TypePaths, type_text};
use crate::ir::{ArgRole, Endpoint, Generic, Passing, Resource, TextValue, Ty, TypeSpace};

/// The hidden part of an example: imports, the wrapper's parameters and
/// generics, and the arguments the call passes.
struct Wrapper {
    hidden: Vec<String>,
    params: Vec<String>,
    generics: Vec<String>,
    args: Vec<String>,
}

impl Wrapper {
    /// The wrapper for a call of `e`; the query struct is passed by
    /// reference (`&Query`) or, for a stream, by value.
    fn new(e: &Endpoint, types: &TypeSpace, root: &str, query_by_ref: bool) -> Self {
        let paths = &TypePaths {
            types,
            models: quote!(models::),
        };
        let runtime = root.rsplit_once("::").map_or("crate", |(c, _)| c);
        let mut w = Wrapper {
            hidden: vec![
                format!("# use {runtime}::runtime as rt;"),
                format!("# use {root}::models;"),
            ],
            params: vec![format!("client: {root}::Client")],
            generics: Vec::new(),
            args: Vec::new(),
        };
        // A generic entity call is shown with the first entity model, if any
        // (looked up only for such calls: the search is over every model).
        let entity = e
            .generics
            .contains(&Generic::Entity)
            .then(|| types.models())
            .into_iter()
            .flatten()
            .find(|(_, _, m)| m.entity.is_some())
            .map(|(id, d, _)| {
                // Records are sent as the model's input twin, if it has one.
                let input = types
                    .models()
                    .find(|(_, _, t)| t.input_of.as_ref().is_some_and(|o| o.model == id))
                    .map_or(&d.name, |(_, t, _)| &t.name);
                (format!("models::{}", d.name), format!("models::{input}"))
            });
        if e.generics.contains(&Generic::Entity) && entity.is_none() {
            w.generics.push("K: rt::EntityKind".to_owned());
        }
        let query = QueryArg {
            amp: if query_by_ref { "&" } else { "" },
            required: e.query.iter().flat_map(|q| &q.params).any(|p| p.required),
            root,
        };
        for a in &e.args {
            let name = a.name.to_string();
            let (literal, param, import) = argument(&a.role, &name, paths, entity.as_ref(), &query);
            w.params.extend(param);
            w.hidden.extend(import);
            w.args.push(literal);
        }
        if e.if_match {
            // For the `.if_match(&etag)` line.
            w.params.push("etag: rt::ETag".to_owned());
        }
        w
    }

    /// The example around `body` (visible lines).
    fn render(self, body: &str) -> Vec<String> {
        let (generics, bounds) = if self.generics.is_empty() {
            (String::new(), "")
        } else {
            (
                format!("<{}>", self.generics.join(", ")),
                " where K::Record: std::fmt::Debug",
            )
        };
        let mut out = vec!["```no_run".to_owned()];
        out.extend(self.hidden);
        out.push(format!(
            "# async fn example{generics}({}) -> Result<(), Box<dyn std::error::Error>>{bounds} {{",
            self.params.join(", ")
        ));
        out.push(body.to_owned());
        out.extend(["# Ok(())", "# }", "```"].map(str::to_owned));
        out.iter()
            .flat_map(|l| l.lines().map(str::to_owned).collect::<Vec<_>>())
            .collect()
    }
}

/// The example of an endpoint method: one call, with the parts' `lines`
/// between the call and `.await`, its body printed (`root` is the API
/// module's public path, such as `billing_clients::billwerk`).
pub(in crate::emit) fn call(
    e: &Endpoint,
    r: &Resource,
    types: &TypeSpace,
    (root, lines): (&str, &[&str]),
) -> Vec<String> {
    let w = Wrapper::new(e, types, root, true);
    // Caller-chosen rows are shown as untyped records.
    let turbofish = if e.generics.iter().any(|g| matches!(g, Generic::Row(_))) {
        let args: Vec<&str> = e
            .generics
            .iter()
            .map(|g| match g {
                Generic::Entity => "_",
                Generic::Row(_) => "rt::Record",
            })
            .collect();
        format!("::<{}>", args.join(", "))
    } else {
        String::new()
    };
    let key: String = lines.iter().map(|l| format!("\n    {l}")).collect();
    let call = format!("{}{turbofish}({})", e.method, w.args.join(", "));
    let one_line = format!("let response = client.{}().{call}.await?;", r.accessor);
    let mut body = if one_line.len() <= 80 && key.is_empty() {
        one_line
    } else {
        format!(
            "let response = client\n    .{}()\n    .{call}{key}\n    .await?;",
            r.accessor
        )
    };
    body.push_str("\nprintln!(\"{:?}\", response.body());");
    w.render(&body)
}

/// The example of a paginated endpoint's item stream: every item, one
/// page in memory at a time.
pub(in crate::emit) fn items(
    e: &Endpoint,
    r: &Resource,
    items_method: &str,
    types: &TypeSpace,
    root: &str,
) -> Vec<String> {
    let mut w = Wrapper::new(e, types, root, true);
    let runtime = root.rsplit_once("::").map_or("crate", |(c, _)| c);
    w.hidden
        .push(format!("# use {runtime}::runtime::futures::TryStreamExt;"));
    let body = format!(
        "let mut items = client.{}().{items_method}({});\nwhile let Some(item) = items.try_next().await? {{\n    println!(\"{{item:?}}\");\n}}",
        r.accessor,
        w.args.join(", ")
    );
    w.render(&body)
}

/// How the example passes the query struct: by reference or by value,
/// made with `new()` unless it has required parameters.
struct QueryArg<'a> {
    amp: &'static str,
    required: bool,
    /// The API module's path, where the query struct lives.
    root: &'a str,
}

/// What the example passes for an argument, the wrapper parameter it needs
/// if it is not a literal, and an import it needs.
fn argument(
    role: &ArgRole,
    name: &str,
    paths: &TypePaths<'_>,
    entity: Option<&(String, String)>,
    query: &QueryArg<'_>,
) -> (String, Option<String>, Option<String>) {
    let param = |t: String| Some(format!("{name}: {t}"));
    // Records are read as the model and sent as its input type.
    let type_text = |ty: &Ty| match (ty, entity) {
        (Ty::Record, Some((_, input))) => input.clone(),
        _ => type_text(ty, paths),
    };
    let (literal, param) = match role {
        ArgRole::Path(v) if v.pass == Passing::Entity => match entity {
            Some((model, _)) => (format!("{model}::ENTITY"), None),
            None => (name.to_owned(), param("K".to_owned())),
        },
        ArgRole::Path(v) | ArgRole::Query { value: v, .. } | ArgRole::Header { value: v, .. } => {
            value(v, name, paths)
        }
        ArgRole::EnvelopeField => (format!("\"{name}\""), None),
        ArgRole::QueryStruct(q) if query.required => (
            format!("{}{name}", query.amp),
            param(format!("{}::{q}", query.root)),
        ),
        ArgRole::QueryStruct(q) => {
            let import = format!("# use {}::{q};", query.root);
            return (format!("{}{q}::new()", query.amp), None, Some(import));
        }
        ArgRole::Body(ty) => (format!("&{name}"), param(type_text(ty))),
        ArgRole::BodyList(ty) | ArgRole::Records(ty) => {
            (format!("&{name}"), param(format!("Vec<{}>", type_text(ty))))
        }
    };
    (literal, param, None)
}

/// A single value: a literal for ids and strings, else a parameter.
fn value(v: &TextValue, name: &str, paths: &TypePaths<'_>) -> (String, Option<String>) {
    let t = type_text(&v.ty, paths);
    match v.pass {
        Passing::IntoId | Passing::Str => (format!("\"{name}\""), None),
        Passing::Value | Passing::Entity => (name.to_owned(), Some(format!("{name}: {t}"))),
        Passing::Ref => (format!("&{name}"), Some(format!("{name}: {t}"))),
    }
}

/// The example of a `<method>_typed` call, from the method's: the entity
/// argument (`models::Account::ENTITY, `) dropped, the typed name called.
pub(in crate::emit) fn typed_records(lines: &[String], method: &str, typed: &str) -> Vec<String> {
    let call = format!(".{method}(");
    lines
        .iter()
        .map(|l| match l.find(&call) {
            Some(at) => {
                let args = &l[at + call.len()..];
                let rest = args.split_once(", ").map_or(args, |(_, rest)| rest);
                format!("{}.{typed}({rest}", &l[..at])
            }
            None => l.clone(),
        })
        .collect()
}
