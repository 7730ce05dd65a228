//! `api.pagination`: named pagination styles. Each names a generic page
//! model and the fields that hold the items, the counts and the next cursor;
//! the page model gets the matching `rt::Page` implementation.

use super::{with_citation, Ctx};
use crate::ir;

/// A validated pagination style, looked up by endpoints.
#[derive(Clone, Debug)]
pub(crate) struct Style {
    /// The generic page model.
    pub page_model: String,
    /// Wire name of the query parameter the cursor goes into.
    pub cursor_param: String,
    /// Token (`true`) or page-number (`false`) pagination.
    pub token: bool,
    /// Rustdoc describing the stop rule.
    pub doc: String,
}

fn page_field(
    ctx: &mut Ctx<'_>,
    file: usize,
    path: &str,
    model: &ir::Model,
    wire: &str,
    ok: fn(&ir::Ty) -> bool,
    expected: &str,
) -> Option<ir::PageField> {
    let Some(field) = model.fields.iter().find(|f| f.wire == wire) else {
        let help = crate::diag::did_you_mean(wire, model.fields.iter().map(|f| f.wire.as_str()))
            .or_else(|| Some(format!("add `{wire}` to the fields of `{}`", model.name)));
        ctx.error(
            file,
            path,
            "unknown-field",
            format!("`{wire}` is not a field of `{}`", model.name),
            help,
        );
        return None;
    };
    if !ok(&field.ty) {
        ctx.error(
            file,
            path,
            "bad-type",
            format!("field `{wire}` of `{}` must be {expected}", model.name),
            None,
        );
        return None;
    }
    Some(ir::PageField {
        rust: field.rust.clone(),
        optional: field.presence != ir::Presence::Required,
        wide: field.ty == ir::Ty::I64,
    })
}

fn is_int(t: &ir::Ty) -> bool {
    matches!(t, ir::Ty::I32 | ir::Ty::I64)
}

/// Validates the styles and attaches a page implementation to each page model.
pub(super) fn lower(
    ctx: &mut Ctx<'_>,
    models: &mut [ir::Model],
) -> std::collections::BTreeMap<String, Style> {
    let mut out = std::collections::BTreeMap::new();
    let Some(api) = ctx.spec.api.first() else {
        return out;
    };
    let f = api.file;
    for (name, raw) in &api.raw.pagination.0 {
        let p = format!("api.pagination.{name}");
        let doc = ctx.documented(
            f,
            &p,
            &raw.doc,
            raw.source.as_deref(),
            raw.assumption.as_deref(),
        );
        let Some(model) = models.iter().position(|m| m.name == raw.page_model) else {
            let help =
                crate::diag::did_you_mean(&raw.page_model, models.iter().map(|m| m.name.as_str()));
            ctx.error(
                f,
                &format!("{p}.page_model"),
                "unknown-type",
                format!("page model `{}` is not a model", raw.page_model),
                help,
            );
            continue;
        };
        if models[model].type_params.len() != 1 {
            ctx.error(
                f,
                &format!("{p}.page_model"),
                "bad-type",
                format!(
                    "page model `{}` must be generic over its item",
                    raw.page_model
                ),
                Some("add `type_params: [T]` and give the items field type `list<T>`".into()),
            );
            continue;
        }
        if models[model].page.is_some() {
            ctx.error(
                f,
                &format!("{p}.page_model"),
                "duplicate-name",
                format!(
                    "page model `{}` is used by two pagination styles",
                    raw.page_model
                ),
                Some("give each style its own page model".into()),
            );
            continue;
        }
        let m = &models[model];
        let items = page_field(
            ctx,
            f,
            &format!("{p}.items"),
            m,
            &raw.items,
            |t| matches!(t, ir::Ty::List(i) if matches!(**i, ir::Ty::TypeParam(_))),
            "`list<T>`",
        );
        let count = page_field(
            ctx,
            f,
            &format!("{p}.count"),
            m,
            &raw.count,
            is_int,
            "an integer",
        );
        let size = page_field(
            ctx,
            f,
            &format!("{p}.size"),
            m,
            &raw.size,
            is_int,
            "an integer",
        );
        let (next, cursor_param, token) = match raw.kind.as_str() {
            "token" => {
                for key in ["page", "page_param"] {
                    let given = if key == "page" {
                        &raw.page
                    } else {
                        &raw.page_param
                    };
                    if given.is_some() {
                        ctx.error(
                            f,
                            &format!("{p}.{key}"),
                            "bad-value",
                            format!("`{key}` belongs to `kind: page`"),
                            Some("remove it".into()),
                        );
                    }
                }
                let (Some(next_token), Some(param)) = (&raw.next_token, &raw.token_param) else {
                    ctx.error(f, &p, "missing-key", "token pagination needs `next_token` (response field) and `token_param` (query parameter)", None);
                    continue;
                };
                let next = page_field(
                    ctx,
                    f,
                    &format!("{p}.next_token"),
                    m,
                    next_token,
                    |t| *t == ir::Ty::String,
                    "a `string`",
                );
                (next.map(ir::PageNext::Token), param.clone(), true)
            }
            "page" => {
                for key in ["next_token", "token_param"] {
                    let given = if key == "next_token" {
                        &raw.next_token
                    } else {
                        &raw.token_param
                    };
                    if given.is_some() {
                        ctx.error(
                            f,
                            &format!("{p}.{key}"),
                            "bad-value",
                            format!("`{key}` belongs to `kind: token`"),
                            Some("remove it".into()),
                        );
                    }
                }
                let (Some(page), Some(param)) = (&raw.page, &raw.page_param) else {
                    ctx.error(f, &p, "missing-key", "page pagination needs `page` (response field) and `page_param` (query parameter)", None);
                    continue;
                };
                let next = page_field(ctx, f, &format!("{p}.page"), m, page, is_int, "an integer");
                (next.map(ir::PageNext::Page), param.clone(), false)
            }
            other => {
                ctx.error(
                    f,
                    &format!("{p}.kind"),
                    "bad-value",
                    format!("unknown pagination kind `{other}`"),
                    Some("use `token` or `page`".into()),
                );
                continue;
            }
        };
        let (Some(items), Some(count), Some(size), Some(next)) = (items, count, size, next) else {
            continue;
        };
        let rule = if token {
            format!("The stream follows `{}` and stops when no token is returned or a page holds fewer than `size` items (`count < size`).", raw.next_token.as_deref().unwrap_or_default())
        } else {
            format!("The stream asks for page `{}` + 1 while a page is full (`count == size`) and stops at the first short or empty page.", raw.page.as_deref().unwrap_or_default())
        };
        models[model].page = Some(ir::PageImpl {
            items,
            count,
            size,
            next,
        });
        out.insert(
            name.clone(),
            Style {
                page_model: raw.page_model.clone(),
                cursor_param,
                token,
                doc: with_citation(&rule, &doc),
            },
        );
    }
    out
}

/// Checks a paginated endpoint against its style: the response is the
/// style's page model of some item, and the query has the cursor parameter.
pub(super) fn resolve_endpoint(
    ctx: &mut Ctx<'_>,
    f: usize,
    p: &str,
    style_name: &str,
    response: Option<&ir::Ty>,
    has_args: bool,
    query: &[ir::Param],
) -> Option<(ir::Pagination, ir::CursorParam)> {
    let path = format!("{p}.pagination");
    let Some(style) = ctx.pagination.get(style_name).cloned() else {
        let help = crate::diag::did_you_mean(style_name, ctx.pagination.keys().map(String::as_str))
            .or_else(|| Some("declare it under `api.pagination`".into()));
        ctx.error(
            f,
            &path,
            "unknown-group",
            format!("pagination style `{style_name}` is not declared"),
            help,
        );
        return None;
    };
    let item = match response {
        Some(ir::Ty::Generic(m, item)) if *m == style.page_model => (**item).clone(),
        _ => {
            ctx.error(
                f,
                &format!("{p}.response"),
                "bad-type",
                format!(
                    "a `{style_name}`-paginated endpoint must respond with `{}<Item>`",
                    style.page_model
                ),
                None,
            );
            return None;
        }
    };
    if has_args {
        ctx.error(
            f,
            &path,
            "bad-value",
            "paginated endpoints take query parameters only (the streams own their query)",
            Some("move path/header parameters to another endpoint".into()),
        );
        return None;
    }
    let param = query.iter().find(|q| q.wire == style.cursor_param);
    let cursor = match param {
        Some(q) if q.required => None,
        Some(q) if style.token && q.ty == ir::Ty::String => {
            Some(ir::CursorParam::Token(q.rust.clone()))
        }
        Some(q) if !style.token && matches!(q.ty, ir::Ty::I32 | ir::Ty::I64) => {
            Some(ir::CursorParam::Page(q.rust.clone(), q.ty == ir::Ty::I32))
        }
        _ => None,
    };
    let Some(cursor) = cursor else {
        ctx.error(
            f,
            &path,
            "bad-value",
            format!(
                "style `{style_name}` needs an optional query parameter `{}` of type {}",
                style.cursor_param,
                if style.token {
                    "`string`"
                } else {
                    "`int32` or `int64`"
                }
            ),
            Some("declare it under `params` (or in an included `params_from` group)".into()),
        );
        return None;
    };
    let page = response.cloned()?;
    Some((
        ir::Pagination {
            item,
            page,
            doc: style.doc,
        },
        cursor,
    ))
}
