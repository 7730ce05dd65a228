//! How form bodies write what brackets alone do not settle: a `null`
//! (`form_nulls` / `form_null`: left out or `name=`) and a list of objects
//! (`form_lists` / `form_list`: `items[0][price]` or `items[price][0]`).
//! Each has an API-wide rule and per-field exceptions.

use super::Reporter;
use crate::diag::Rule;
use crate::ir;
use crate::raw::RawApi;
use crate::types::TypeExpr;

/// The API's form rules with the fields that differ from them.
pub(super) fn lower(cx: &mut Reporter<'_>, f: usize, raw: &RawApi) -> ir::FormRules {
    let empty_nulls = raw
        .form_nulls
        .as_deref()
        .and_then(|v| null_rule(cx, f, "api.form_nulls", v))
        .unwrap_or(false);
    let field_then_index = raw
        .form_lists
        .as_deref()
        .and_then(|v| list_rule(cx, f, "api.form_lists", v))
        .unwrap_or(false);
    let mut nulls = Vec::new();
    let mut lists = Vec::new();
    for m in &cx.spec.models {
        for (wire, field) in &m.raw.fields.0 {
            let path = format!("{}.fields.{wire}", m.path);
            if let Some(v) = &field.form_null {
                nulls.push((m.file, format!("{path}.form_null"), wire.clone(), v.clone()));
            }
            if let Some(v) = &field.form_list {
                let of_objects = lists_objects(cx, &field.ty);
                lists.push((m.file, path, wire.clone(), v.clone(), of_objects));
            }
        }
    }
    let mut null_except = Vec::new();
    for (file, path, wire, value) in nulls {
        if null_rule(cx, file, &path, &value).is_some_and(|e| e != empty_nulls) {
            null_except.push(wire);
        }
    }
    let mut list_except = Vec::new();
    for (file, path, wire, value, of_objects) in lists {
        if !of_objects {
            cx.error(
                file,
                &format!("{path}.type"),
                Rule::BadValue,
                format!("`form_list` is set on `{wire}`, which is not a list of models"),
                Some("only a `list<Model>` field has an index to place; remove `form_list`".into()),
            );
        }
        let rule = list_rule(cx, file, &format!("{path}.form_list"), &value);
        if rule.is_some_and(|r| r != field_then_index) {
            list_except.push(wire);
        }
    }
    for list in [&mut null_except, &mut list_except] {
        list.sort();
        list.dedup();
    }
    ir::FormRules {
        empty_nulls,
        null_except,
        field_then_index,
        list_except,
    }
}

/// Whether the type text is `list<M>` for a declared model `M` (or one
/// that does not parse, which the type pass reports).
fn lists_objects(cx: &Reporter<'_>, ty: &str) -> bool {
    match crate::types::parse(ty) {
        Ok(TypeExpr::List(item)) => match *item {
            TypeExpr::Named(name) | TypeExpr::Apply(name, _) => {
                cx.spec.models.iter().any(|m| m.name == name)
            }
            _ => false,
        },
        Ok(_) => false,
        Err(_) => true,
    }
}

/// `omit` or `empty`, else reported.
fn null_rule(cx: &mut Reporter<'_>, f: usize, path: &str, value: &str) -> Option<bool> {
    match value {
        "omit" => Some(false),
        "empty" => Some(true),
        other => {
            cx.error(
                f,
                path,
                Rule::BadValue,
                format!("`{other}` is not a way to write a null in a form body"),
                Some("use `omit` (leave the field out) or `empty` (`name=`)".into()),
            );
            None
        }
    }
}

/// `index_then_field` (false) or `field_then_index` (true), else reported.
fn list_rule(cx: &mut Reporter<'_>, f: usize, path: &str, value: &str) -> Option<bool> {
    match value {
        "index_then_field" => Some(false),
        "field_then_index" => Some(true),
        other => {
            cx.error(
                f,
                path,
                Rule::BadValue,
                format!("`{other}` is not a way to write a list of objects in a form body"),
                Some(
                    "use `index_then_field` (`items[0][price]=p1`, the default) or \
                     `field_then_index` (`items[price][0]=p1`)"
                        .into(),
                ),
            );
            None
        }
    }
}
