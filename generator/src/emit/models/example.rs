//! The `# Example` of a generated model: how to make one (its `new` with
//! the required fields, or `default()`) and its JSON, as a doctest.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs;
use super::super::rust::{TypePaths, type_text};
use crate::ir::{Model, Presence, TypeDef, TypeSpace};

/// The example of a plain (not generic) model, for an API at `root`.
pub(super) fn example(
    def: &TypeDef,
    m: &Model,
    types: &TypeSpace,
    root: &str,
) -> Option<TokenStream> {
    if !m.type_params.is_empty() {
        return None;
    }
    let paths = TypePaths {
        types,
        models: quote!(models::),
    };
    let runtime = root.rsplit_once("::").map_or("crate", |(c, _)| c);
    let name = &def.name;
    let required: Vec<_> = m
        .fields
        .iter()
        .filter(|f| f.presence.is_required())
        .collect();
    let params: Vec<String> = required
        .iter()
        .map(|f| {
            let t = type_text(&f.ty, &paths);
            match f.presence {
                Presence::RequiredNullable => format!("{}: Option<{t}>", f.rust),
                _ => format!("{}: {t}", f.rust),
            }
        })
        .collect();
    let make = if m.derives_default() {
        format!("let value = models::{name}::default();")
    } else {
        let args: Vec<String> = required.iter().map(|f| f.rust.to_string()).collect();
        format!("let value = models::{name}::new({});", args.join(", "))
    };
    let lines = [
        "```no_run".to_owned(),
        format!("# use {runtime}::runtime as rt;"),
        format!("# use {root}::models;"),
        format!(
            "# fn example({}) -> Result<(), Box<dyn std::error::Error>> {{",
            params.join(", ")
        ),
        make,
        "println!(\"{}\", serde_json::to_string(&value)?);".to_owned(),
        "# Ok(())".to_owned(),
        "# }".to_owned(),
        "```".to_owned(),
    ];
    Some(docs::example(&lines))
}
