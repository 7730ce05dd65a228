//! `api.pagination`: named pagination styles. Each names a generic page
//! model and the fields that hold the items, the counts and the next cursor;
//! the page model gets the matching `rt::Page` implementation
//! ([`ir::PageModel`]), and endpoints look the style up by name.

use std::collections::BTreeMap;

use super::{with_citation, Reporter};
use crate::diag::{did_you_mean, Rule};
use crate::ir::{self, FieldRef, IntWidth, Model, PageInt, Scalar, Ty, TypeId, TypeSpace};
use crate::raw::{RawApi, RawPagination};

/// How the cursor advances.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CursorKind {
    /// A continuation token from the page, sent in a string parameter.
    Token,
    /// The page number, sent in an integer parameter.
    Page,
}

/// A validated pagination style, looked up by endpoints.
#[derive(Clone, Debug)]
pub(crate) struct Style {
    /// The generic page model.
    pub page_model: TypeId,
    /// Wire name of the query parameter the cursor goes into.
    pub cursor_param: String,
    pub kind: CursorKind,
    /// Rustdoc describing the stop rule.
    pub doc: String,
}

/// Validates the styles; returns the page models' implementations and the
/// styles by name.
pub(super) fn lower(
    cx: &mut Reporter<'_>,
    f: usize,
    api: &RawApi,
    types: &TypeSpace,
) -> (Vec<ir::PageModel>, BTreeMap<String, Style>) {
    let mut pages: Vec<ir::PageModel> = Vec::new();
    let mut styles = BTreeMap::new();
    for (name, raw) in &api.pagination.0 {
        let p = format!("api.pagination.{name}");
        let doc = cx.documented(
            f,
            &p,
            &raw.doc,
            raw.source.as_deref(),
            raw.assumption.as_deref(),
        );
        let Some((id, model)) = page_model(cx, f, &p, raw, types, &pages) else {
            continue;
        };
        let Some((page, kind, param)) = page_impl(cx, f, &p, raw, id, model) else {
            continue;
        };
        let rule = match kind {
            CursorKind::Token => format!("The stream follows `{}` and stops when no token is returned or a page holds fewer than `size` items (`count < size`).", raw.next_token.as_deref().unwrap_or_default()),
            CursorKind::Page => format!("The stream asks for page `{}` + 1 while a page is full (`count == size`) and stops at the first short or empty page.", raw.page.as_deref().unwrap_or_default()),
        };
        pages.push(page);
        styles.insert(
            name.clone(),
            Style {
                page_model: id,
                cursor_param: param,
                kind,
                doc: with_citation(&rule, &doc),
            },
        );
    }
    (pages, styles)
}

/// The style's page model: a generic model no other style uses.
fn page_model<'t>(
    cx: &mut Reporter<'_>,
    f: usize,
    p: &str,
    raw: &RawPagination,
    types: &'t TypeSpace,
    taken: &[ir::PageModel],
) -> Option<(TypeId, &'t Model)> {
    let found = types
        .models()
        .find(|(_, d, _)| d.name.as_str() == raw.page_model);
    let Some((id, _, model)) = found else {
        let help = did_you_mean(
            &raw.page_model,
            types.models().map(|(_, d, _)| d.name.as_str()),
        );
        cx.error(
            f,
            &format!("{p}.page_model"),
            Rule::UnknownType,
            format!("page model `{}` is not a model", raw.page_model),
            help,
        );
        return None;
    };
    if model.type_params.len() != 1 {
        cx.error(
            f,
            &format!("{p}.page_model"),
            Rule::BadType,
            format!(
                "page model `{}` must be generic over its item",
                raw.page_model
            ),
            Some("add `type_params: [T]` and give the items field type `list<T>`".into()),
        );
        return None;
    }
    if taken.iter().any(|t| t.model == id) {
        cx.error(
            f,
            &format!("{p}.page_model"),
            Rule::DuplicateName,
            format!(
                "page model `{}` is used by two pagination styles",
                raw.page_model
            ),
            Some("give each style its own page model".into()),
        );
        return None;
    }
    Some((id, model))
}

/// The page implementation, the cursor kind and the cursor parameter.
fn page_impl(
    cx: &mut Reporter<'_>,
    f: usize,
    p: &str,
    raw: &RawPagination,
    id: TypeId,
    m: &Model,
) -> Option<(ir::PageModel, CursorKind, String)> {
    let fields = PageFields { cx, f, p, raw, m };
    fields.resolve(id)
}

struct PageFields<'c, 'a, 'r> {
    cx: &'c mut Reporter<'a>,
    f: usize,
    p: &'r str,
    raw: &'r RawPagination,
    m: &'r Model,
}

impl PageFields<'_, '_, '_> {
    fn resolve(mut self, id: TypeId) -> Option<(ir::PageModel, CursorKind, String)> {
        let raw = self.raw;
        let items = self.field(
            "items",
            &raw.items,
            |t| matches!(t, Ty::List(i) if matches!(**i, Ty::TypeParam(_))),
            "`list<T>`",
        );
        let count = self.int("count", &raw.count);
        let size = self.int("size", &raw.size);
        let next = self.next()?;
        let (items, count, size, (next, kind, param)) = (items?, count?, size?, next?);
        let page = ir::PageModel {
            model: id,
            type_param: self.m.type_params.first()?.clone(),
            items,
            count,
            size,
            next,
        };
        Some((page, kind, param))
    }

    /// The cursor: `None` when the style cannot be used at all, `Some(None)`
    /// when a field is wrong (reported).
    #[allow(clippy::type_complexity)]
    fn next(&mut self) -> Option<Option<(ir::PageNext, CursorKind, String)>> {
        let raw = self.raw;
        let (kind, other_kind, other) = match raw.kind.as_str() {
            "token" => (
                CursorKind::Token,
                "page",
                [("page", &raw.page), ("page_param", &raw.page_param)],
            ),
            "page" => (
                CursorKind::Page,
                "token",
                [
                    ("next_token", &raw.next_token),
                    ("token_param", &raw.token_param),
                ],
            ),
            other => {
                self.cx.error(
                    self.f,
                    &format!("{}.kind", self.p),
                    Rule::BadValue,
                    format!("unknown pagination kind `{other}`"),
                    Some("use `token` or `page`".into()),
                );
                return None;
            }
        };
        for (key, given) in other {
            if given.is_some() {
                self.cx.error(
                    self.f,
                    &format!("{}.{key}", self.p),
                    Rule::BadValue,
                    format!("`{key}` belongs to `kind: {other_kind}`"),
                    Some("remove it".into()),
                );
            }
        }
        let found = match kind {
            CursorKind::Token => (&raw.next_token, &raw.token_param),
            CursorKind::Page => (&raw.page, &raw.page_param),
        };
        let (Some(field), Some(param)) = found else {
            let msg = match kind {
                CursorKind::Token => "token pagination needs `next_token` (response field) and `token_param` (query parameter)",
                CursorKind::Page => "page pagination needs `page` (response field) and `page_param` (query parameter)",
            };
            self.cx.error(self.f, self.p, Rule::MissingKey, msg, None);
            return None;
        };
        let next = match kind {
            CursorKind::Token => self
                .field(
                    "next_token",
                    field,
                    |t| *t == Ty::Scalar(Scalar::String),
                    "a `string`",
                )
                .map(ir::PageNext::Token),
            CursorKind::Page => self.int("page", field).map(ir::PageNext::Page),
        };
        Some(next.map(|n| (n, kind, param.clone())))
    }

    fn int(&mut self, key: &str, wire: &str) -> Option<PageInt> {
        let field = self.field(key, wire, |t| IntWidth::of(t).is_some(), "an integer")?;
        let ty = &self.m.fields.iter().find(|x| x.wire == wire)?.ty;
        Some(PageInt {
            field,
            width: IntWidth::of(ty)?,
        })
    }

    fn field(
        &mut self,
        key: &str,
        wire: &str,
        ok: fn(&Ty) -> bool,
        expected: &str,
    ) -> Option<FieldRef> {
        let path = format!("{}.{key}", self.p);
        let (f, m) = (self.f, self.m);
        let model = &self.raw.page_model;
        let Some(field) = m.fields.iter().find(|x| x.wire == wire) else {
            let help = did_you_mean(wire, m.fields.iter().map(|x| x.wire.as_str()))
                .or_else(|| Some(format!("add `{wire}` to the fields of `{model}`")));
            self.cx.error(
                f,
                &path,
                Rule::UnknownField,
                format!("`{wire}` is not a field of `{model}`"),
                help,
            );
            return None;
        };
        if !ok(&field.ty) {
            self.cx.error(
                f,
                &path,
                Rule::BadType,
                format!("field `{wire}` of `{model}` must be {expected}"),
                None,
            );
            return None;
        }
        Some(FieldRef {
            name: field.rust.clone(),
            presence: field.presence,
        })
    }
}
