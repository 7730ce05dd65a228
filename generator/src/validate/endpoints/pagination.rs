//! An endpoint's `pagination:`: the response must be the style's page model
//! of some item, and the query must have the cursor parameter.

use super::super::pages::CursorKind;
use super::super::Reporter;
use super::Endpoints;
use crate::diag::{did_you_mean, Rule};
use crate::ir::{self, CursorParam, IntWidth, Param, RustIdent, Scalar, Ty};
use crate::names;

/// Checks a paginated endpoint against its style; returns its streams and
/// the query parameter the cursor goes into.
#[allow(clippy::too_many_arguments)]
pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    (f, p): (usize, &str),
    method: &RustIdent,
    style_name: &str,
    response: Option<&Ty>,
    has_args: bool,
    query: &[Param],
) -> Option<(ir::Pagination, CursorParam)> {
    let path = format!("{p}.pagination");
    let Some(style) = eps.styles.get(style_name) else {
        if eps.api_unknown {
            return None;
        }
        let help = did_you_mean(style_name, eps.styles.keys().map(String::as_str))
            .or_else(|| Some("declare it under `api.pagination`".into()));
        cx.error(
            f,
            &path,
            Rule::UnknownGroup,
            format!("pagination style `{style_name}` is not declared"),
            help,
        );
        return None;
    };
    let item = match response {
        Some(Ty::Generic(m, item)) if *m == style.page_model => (**item).clone(),
        _ => {
            cx.error(
                f,
                &format!("{p}.response"),
                Rule::BadType,
                format!(
                    "a `{style_name}`-paginated endpoint must respond with `{}<Item>`",
                    eps.types.name(style.page_model)
                ),
                None,
            );
            return None;
        }
    };
    if has_args {
        cx.error(
            f,
            &path,
            Rule::BadValue,
            "paginated endpoints take query parameters only (the streams own their query)",
            Some("move path/header parameters to another endpoint".into()),
        );
        return None;
    }
    let param = query.iter().find(|q| q.wire == style.cursor_param);
    let cursor = match (param, style.kind) {
        (Some(q), _) if q.required => None,
        (Some(q), CursorKind::Token) if q.ty == Ty::Scalar(Scalar::String) => {
            Some(CursorParam::Token(q.rust.clone()))
        }
        (Some(q), CursorKind::Page) => {
            IntWidth::of(&q.ty).map(|w| CursorParam::Page(q.rust.clone(), w))
        }
        _ => None,
    };
    let Some(cursor) = cursor else {
        let expected = match style.kind {
            CursorKind::Token => "`string`",
            CursorKind::Page => "`int32` or `int64`",
        };
        cx.error(
            f,
            &path,
            Rule::BadValue,
            format!(
                "style `{style_name}` needs an optional query parameter `{}` of type {expected}",
                style.cursor_param
            ),
            Some("declare it under `params` (or in an included `params_from` group)".into()),
        );
        return None;
    };
    let pagination = ir::Pagination {
        item,
        page: response?.clone(),
        doc: style.doc.clone(),
        pages_method: names::pages_method(method),
        items_method: names::items_method(method),
    };
    Some((pagination, cursor))
}
