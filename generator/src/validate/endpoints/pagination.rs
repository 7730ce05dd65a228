//! An endpoint's `pagination:`: the response must be the description's page
//! model of some item (or `list<Item>` for a bare array or a list under the
//! endpoint's `response_key`), the query must
//! have the position and page-size parameters it names, and an item key must
//! be a field of the item.

use super::super::Reporter;
use super::super::field_path::{self, At};
use super::super::pages::{PageShape, Style, segments};
use super::Endpoints;
use crate::diag::{Rule, did_you_mean};
use crate::ir::{
    self, Advance, CursorParam, FieldPath, IntWidth, PagedParams, Param, RustIdent, Scalar,
    SizeParam, Ty,
};
use crate::names;

/// Where an endpoint's pagination is checked: file, YAML path, method.
pub(super) type Site<'a> = (usize, &'a str, &'a RustIdent);

/// Checks a paginated endpoint against its description; returns its
/// streams and the query parameters the description uses.
pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    (f, p, method): Site<'_>,
    style_name: &str,
    (response, rooted): (Option<&Ty>, bool),
    has_args: bool,
    query: &[Param],
) -> Option<(ir::Pagination, PagedParams)> {
    let path = format!("{p}.pagination");
    let Some(style) = eps.styles.get(style_name) else {
        if eps.api_unknown || eps.style_names.contains(&style_name) {
            return None;
        }
        let help = did_you_mean(style_name, eps.style_names.iter().copied())
            .or_else(|| Some("declare it under `api.pagination`".into()));
        let msg = format!("pagination description `{style_name}` is not declared");
        cx.error(f, &path, Rule::UnknownGroup, msg, help);
        return None;
    };
    let item = item(cx, eps, (f, p), (style_name, style), response, rooted)?;
    if has_args {
        cx.error(
            f,
            &path,
            Rule::BadValue,
            "paginated endpoints take path and query parameters only (the streams repeat them on every page)",
            Some("move header, envelope and entity parameters to another endpoint".into()),
        );
        return None;
    }
    let cursor = cursor((cx, eps), (f, &path), style_name, style, query);
    let before = before(cx, (f, &path), style_name, style, query);
    let size = size(cx, (f, &path), style_name, style, query);
    let key = match &style.wire.key {
        Some(text) => Some(key(cx, eps, (f, &path), text, &item)?),
        None => None,
    };
    let pagination = ir::Pagination {
        item,
        paging: style.paging,
        key,
        wire: style.wire.clone(),
        doc: style.doc.clone(),
        pages_method: names::pages_method(method),
        items_method: names::items_method(method),
        backward: style.backward.map(|paging| ir::BackwardWalk {
            paging,
            pages_method: names::backward(&names::pages_method(method)),
            items_method: names::backward(&names::items_method(method)),
        }),
    };
    Some((
        pagination,
        PagedParams {
            cursor: cursor?,
            size: size?,
            before: before?,
        },
    ))
}

/// The listed item: the type argument of the page model, or of `list<..>`
/// (a bare array, or the list under the endpoint's `response_key`).
fn item(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    (f, p): (usize, &str),
    (style_name, style): (&str, &Style),
    response: Option<&Ty>,
    rooted: bool,
) -> Option<Ty> {
    match (response, style.page, rooted) {
        (Some(Ty::Generic(m, item)), PageShape::Generic(model), false) if *m == model => {
            return Some((**item).clone());
        }
        (Some(Ty::List(item)), PageShape::Bare, _)
        | (Some(Ty::List(item)), PageShape::Info(_), true) => {
            return Some((**item).clone());
        }
        _ => {}
    }
    let (key, msg, help) = match (style.page, rooted) {
        (PageShape::Generic(model), true) => (
            "response_key",
            format!(
                "description `{style_name}` reads the items from its page model `{}`, not from under `response_key`",
                eps.types.name(model)
            ),
            Some("use a description without `response.items` (its page model, not generic, holds the members beside the list), or remove `response_key`".into()),
        ),
        (PageShape::Info(model), false) => (
            "pagination",
            format!(
                "description `{style_name}` reads the list from under the endpoint's `response_key` (its page model `{}` holds the members beside it)",
                eps.types.name(model)
            ),
            Some("add `response_key: <key of the list>` and respond with `list<Item>`".into()),
        ),
        (PageShape::Generic(model), false) => (
            "response",
            format!(
                "a `{style_name}`-paginated endpoint must respond with `{}<Item>`",
                eps.types.name(model)
            ),
            None,
        ),
        (PageShape::Bare | PageShape::Info(_), _) => (
            "response",
            format!(
                "a `{style_name}`-paginated endpoint must respond with {}",
                if rooted {
                    "`list<Item>`, the list under `response_key`"
                } else {
                    "a bare JSON array, `list<Item>`"
                }
            ),
            None,
        ),
    };
    cx.error(f, &format!("{p}.{key}"), Rule::BadType, msg, help);
    None
}

/// The position parameter: optional, a string for tokens and item keys, an
/// integer for page numbers and offsets (`Some(None)` for next-page URLs).
fn cursor(
    (cx, eps): (&mut Reporter<'_>, &Endpoints<'_>),
    (f, path): (usize, &str),
    style_name: &str,
    style: &Style,
    query: &[Param],
) -> Option<Option<CursorParam>> {
    let Some(wire) = style.wire.param.as_deref() else {
        return Some(None);
    };
    let numeric = matches!(
        style.paging.advance,
        Advance::Page { .. } | Advance::Offset | Advance::NextNumber
    );
    let param = query.iter().find(|q| q.wire == wire);
    let found = match param {
        Some(q) if q.required => None,
        Some(q) if numeric => IntWidth::of(&q.ty).map(|w| CursorParam::Number(q.rust.clone(), w)),
        Some(q) if q.ty == Ty::Scalar(Scalar::String) => Some(CursorParam::Text(q.rust.clone())),
        Some(q) if is_id(eps, &q.ty) => Some(CursorParam::Id(q.rust.clone())),
        _ => None,
    };
    if found.is_none() {
        let expected = if numeric {
            "`int32` or `int64`"
        } else {
            "`string` or an id"
        };
        let msg = format!(
            "description `{style_name}` needs an optional query parameter `{wire}` of type {expected}"
        );
        let help = Some("declare it under `params` (or in an included `params_from` group)".into());
        cx.error(f, path, Rule::BadValue, msg, help);
        return None;
    }
    Some(found)
}

/// Whether `ty` is an id type (a cursor that is an item's key may be typed
/// as the item's id).
fn is_id(eps: &Endpoints<'_>, ty: &Ty) -> bool {
    matches!(ty, Ty::Named(id) if matches!(eps.types.get(*id).kind, ir::TypeKind::IdNewtype))
}

/// The backward walk's parameter: an optional string (`Some(None)` when
/// the description walks forwards only).
fn before(
    cx: &mut Reporter<'_>,
    (f, path): (usize, &str),
    style_name: &str,
    style: &Style,
    query: &[Param],
) -> Option<Option<RustIdent>> {
    let Some(wire) = style
        .wire
        .backward_param
        .as_deref()
        .filter(|_| style.backward.is_some())
    else {
        return Some(None);
    };
    let found = query
        .iter()
        .find(|q| q.wire == wire && !q.required && q.ty == Ty::Scalar(Scalar::String));
    if found.is_none() {
        let msg = format!(
            "description `{style_name}` walks backwards: it needs an optional query parameter `{wire}` of type `string`"
        );
        let help = Some("declare it under `params` (or in an included `params_from` group)".into());
        cx.error(f, path, Rule::BadValue, msg, help);
        return None;
    }
    Some(found.map(|q| q.rust.clone()))
}

/// The page-size parameter, an integer (`Some(None)` when not described).
fn size(
    cx: &mut Reporter<'_>,
    (f, path): (usize, &str),
    style_name: &str,
    style: &Style,
    query: &[Param],
) -> Option<Option<SizeParam>> {
    let Some(wire) = style.wire.size_param.as_deref() else {
        return Some(None);
    };
    let found = query.iter().find(|q| q.wire == wire).and_then(|q| {
        IntWidth::of(&q.ty).map(|width| SizeParam {
            name: q.rust.clone(),
            width,
            required: q.required,
        })
    });
    if found.is_none() {
        let msg = format!(
            "description `{style_name}` needs an integer query parameter `{wire}` (the page size)"
        );
        let help = Some("declare it under `params` (or in an included `params_from` group)".into());
        cx.error(f, path, Rule::BadValue, msg, help);
        return None;
    }
    Some(found)
}

/// The item's key: a path into the item model to a string, id or integer.
fn key(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    (f, path): (usize, &str),
    text: &str,
    item: &Ty,
) -> Option<(FieldPath, Ty)> {
    let model = match item {
        Ty::Named(id) => eps
            .types
            .model(*id)
            .map(|m| (eps.types.name(*id).to_string(), m)),
        _ => None,
    };
    let (Some((name, model)), Some(segments)) = (model, segments(text)) else {
        let msg =
            format!("the item key `{text}` needs a model item and a JSON-pointer path (`/id`)");
        cx.error(f, path, Rule::BadType, msg, None);
        return None;
    };
    let at = At {
        file: f,
        yaml: path,
        text,
    };
    let (found, ty) = field_path::resolve(cx, &at, &segments, (&name, model), eps.types)?;
    let keyed = match ty {
        Ty::Scalar(s) => matches!(s, Scalar::String) || IntWidth::of(ty).is_some(),
        Ty::Named(id) => matches!(eps.types.get(*id).kind, ir::TypeKind::IdNewtype),
        _ => false,
    };
    if !keyed {
        let msg =
            format!("the item key `{text}` of `{name}` must be a string, an id or an integer");
        cx.error(f, path, Rule::BadType, msg, None);
        return None;
    }
    Some((found, ty.clone()))
}
