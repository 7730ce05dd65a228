//! `api.pagination`: named pagination descriptions. Each says what the
//! request carries (`request.position` in `request.param`), where the
//! response holds the items and the signals (`response`, by JSON-pointer
//! paths into a generic page model, or a bare JSON array), and which stop
//! rules apply. A description without `response.items` reads the list from
//! under the endpoint's `response_key`; its page model (not generic) holds
//! the members beside the list. The page model gets `rt::Page` (or
//! `rt::PageInfo`) ([`ir::PageModel`]); endpoints look the description up
//! by name ([`Style`]).

use std::collections::BTreeMap;

use super::Reporter;
use super::field_path::{self, At};
use crate::diag::{Rule, did_you_mean};
use crate::ir::{
    self, Advance, FieldPath, IntPath, IntWidth, Model, Scalar, Ty, TypeId, TypeSpace,
};
use crate::raw::{RawApi, RawPageRequest, RawPageResponse, RawPagination};

/// Where a description's items are and what holds its signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PageShape {
    /// No page model: a bare JSON array, or a list under the endpoint's
    /// `response_key` with nothing beside it the stream reads.
    Bare,
    /// A generic page model holding the items (`response.items`).
    Generic(TypeId),
    /// A model of the members beside a list under the endpoint's
    /// `response_key` (no `response.items`).
    Info(TypeId),
}

impl PageShape {
    /// The model of the members beside a keyed list.
    pub(crate) fn info(self) -> Option<TypeId> {
        match self {
            PageShape::Info(id) => Some(id),
            PageShape::Bare | PageShape::Generic(_) => None,
        }
    }
}

/// A validated description, looked up by endpoints.
#[derive(Clone, Debug)]
pub(crate) struct Style {
    /// Where the items are.
    pub page: PageShape,
    pub paging: ir::Paging,
    /// The wire names: `param` (the position's query parameter, not for
    /// URLs), `size_param`, `key` (the JSON-pointer path of the item's
    /// key, resolved per endpoint item) and the response's signals.
    pub wire: ir::PageWire,
    /// The description's doc.
    pub doc: ir::Doc,
    /// The backward walk (`request.backward_param`), if offered.
    pub backward: Option<ir::Paging>,
}

/// Validates the descriptions; returns the page models' implementations and
/// the descriptions by name.
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
        let advance = position(cx, f, &p, &raw.request, raw.response.next.is_some());
        let keys_ok = advance.is_some_and(|a| request_keys(cx, f, &p, &raw.request, a));
        let stops = stops(cx, f, &p, &raw.stop);
        let page = match &raw.response.page_model {
            Some(model) => {
                let described = (model.as_str(), advance);
                page_model(cx, (f, &p), described, &raw.response, types, &pages).map(Some)
            }
            None => bare_array(cx, f, &p, &raw.response).then_some(None),
        };
        let (Some(advance), Some((short_page, empty_page)), Some(page), true) =
            (advance, stops, page, keys_ok)
        else {
            continue;
        };
        let paging = ir::Paging {
            advance,
            short_page,
            empty_page,
            inclusive: raw.request.inclusive,
        };
        if !consistent(cx, f, &p, raw, &paging) {
            continue;
        }
        let Ok(backward) = backward(cx, (f, &p), raw, &paging) else {
            continue;
        };
        if let Some(page) = &page {
            pages.push(page.clone());
        }
        let style = Style {
            page: match &page {
                None => PageShape::Bare,
                Some(m) if m.type_param.is_some() => PageShape::Generic(m.model),
                Some(m) => PageShape::Info(m.model),
            },
            paging,
            wire: ir::PageWire {
                param: raw.request.param.clone(),
                size_param: raw.request.size_param.clone(),
                key: raw.request.key.clone(),
                next: raw.response.next.clone(),
                backward_param: raw.request.backward_param.clone(),
                previous: raw.response.previous.clone(),
                page: raw.response.page.clone(),
                more: raw.response.more.clone(),
                size: raw.response.size.clone(),
            },
            doc,
            backward,
        };
        styles.insert(name.clone(), style);
    }
    (pages, styles)
}

/// The backward walk of a description with `request.backward_param`: the
/// first item's key (`position: item`) or the page's previous-page token
/// (`position: token` with `response.previous`). `Err` after reporting.
fn backward(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    raw: &RawPagination,
    paging: &ir::Paging,
) -> Result<Option<ir::Paging>, ()> {
    let (param, previous) = (&raw.request.backward_param, &raw.response.previous);
    let walk = |advance| ir::Paging {
        advance,
        inclusive: false,
        ..*paging
    };
    let problem = match (param, paging.advance) {
        (None, _) if previous.is_none() => return Ok(None),
        (None, _) => (
            "response.previous",
            "`response.previous` is read only when walking backwards".to_owned(),
            "add `request.backward_param` (the query parameter the previous token goes into), or remove it",
        ),
        (Some(_), _) if paging.inclusive => (
            "request.backward_param",
            "an inclusive cursor walks forwards only".to_owned(),
            "remove `backward_param` or `inclusive`",
        ),
        (Some(_), Advance::Item) if previous.is_none() => return Ok(Some(walk(Advance::ItemBefore))),
        (Some(_), Advance::Token) if previous.is_some() => return Ok(Some(walk(Advance::Previous))),
        (Some(_), Advance::Token | Advance::Item) => (
            "response.previous",
            "a token walk backwards follows the page's previous-page token; an item-key walk uses the first item's key and reads no token".to_owned(),
            "with `position: token` add `response.previous: /<field>`; with `position: item` remove it",
        ),
        (Some(_), _) => (
            "request.backward_param",
            format!(
                "a backward walk follows an item key or a previous-page token; `position: {}` has neither",
                raw.request.position
            ),
            "remove `backward_param`, or describe the list with `position: item` or `token`",
        ),
    };
    let (key, msg, help) = problem;
    cx.error(
        f,
        &format!("{p}.{key}"),
        Rule::BadValue,
        msg,
        Some(help.into()),
    );
    Err(())
}

/// `request.position` and the request keys it needs or excludes. A page
/// number or offset the response gives (`next`) is followed as it is;
/// otherwise the stream computes it.
fn position(
    cx: &mut Reporter<'_>,
    f: usize,
    p: &str,
    r: &RawPageRequest,
    given: bool,
) -> Option<Advance> {
    let advance = match r.position.as_str() {
        "token" => Advance::Token,
        "page" | "offset" if given => Advance::NextNumber,
        "page" => Advance::Page {
            first: r.first_page.unwrap_or(1),
        },
        "offset" => Advance::Offset,
        "item" => Advance::Item,
        "url" => Advance::Url,
        other => {
            let help = did_you_mean(other, ["token", "page", "offset", "item", "url"])
                .or_else(|| Some("use `token`, `page`, `offset`, `item` or `url`".into()));
            let msg = format!("unknown pagination position `{other}`");
            cx.error(
                f,
                &format!("{p}.request.position"),
                Rule::BadValue,
                msg,
                help,
            );
            return None;
        }
    };
    Some(advance)
}

/// The request keys `advance` needs or excludes.
fn request_keys(
    cx: &mut Reporter<'_>,
    f: usize,
    p: &str,
    r: &RawPageRequest,
    advance: Advance,
) -> bool {
    let at = format!("{p}.request");
    let mut ok = true;
    let mut refuse = |cx: &mut Reporter<'_>, key: &str, msg: String, help: &str| {
        let path = format!("{at}.{key}");
        cx.error(f, &path, Rule::BadValue, msg, Some(help.to_owned()));
        ok = false;
    };
    let position = &r.position;
    match (advance, &r.param) {
        (Advance::Url, Some(_)) => refuse(
            cx,
            "param",
            "`position: url` requests the URL the server gives; it takes no `param`".into(),
            "remove `param`",
        ),
        (Advance::Url, None) | (_, Some(_)) => {}
        (_, None) => refuse(
            cx,
            "param",
            format!(
                "`position: {position}` needs `param`, the query parameter the position goes into"
            ),
            "add `param: <query parameter>`",
        ),
    }
    if r.first_page.is_some() && !matches!(advance, Advance::Page { .. }) {
        refuse(
            cx,
            "first_page",
            format!(
                "`first_page` counts pages the stream numbers itself (`position: page` without `response.next`), not `{position}`"
            ),
            "remove it",
        );
    }
    match (advance, &r.key) {
        (Advance::Item, None) => refuse(
            cx,
            "key",
            "`position: item` needs `key`, the path of the item's key (`/id`)".into(),
            "add `key: /id`",
        ),
        (Advance::Item, Some(_)) | (_, None) => {}
        (_, Some(_)) => refuse(
            cx,
            "key",
            format!("`key` belongs to `position: item`, not `{position}`"),
            "remove it",
        ),
    }
    if r.inclusive && advance != Advance::Item {
        refuse(
            cx,
            "inclusive",
            "an inclusive cursor is the key of an item: it needs `position: item`".into(),
            "remove `inclusive` or use `position: item`",
        );
    }
    ok
}

/// The `stop` rules: `(short_page, empty_page)`.
fn stops(cx: &mut Reporter<'_>, f: usize, p: &str, stop: &[String]) -> Option<(bool, bool)> {
    let (mut short, mut empty, mut ok) = (false, false, true);
    for (i, rule) in stop.iter().enumerate() {
        match rule.as_str() {
            "short_page" => short = true,
            "empty_page" => empty = true,
            other => {
                let help = did_you_mean(other, ["short_page", "empty_page"]).or_else(|| {
                    Some(
                        "use `short_page` or `empty_page`; a `false` flag is `response.more`"
                            .into(),
                    )
                });
                let msg = format!("unknown stop rule `{other}`");
                cx.error(f, &format!("{p}.stop[{i}]"), Rule::BadValue, msg, help);
                ok = false;
            }
        }
    }
    ok.then_some((short, empty))
}

/// A bare-array response has nowhere to hold signals.
fn bare_array(cx: &mut Reporter<'_>, f: usize, p: &str, r: &RawPageResponse) -> bool {
    let given = [
        ("items", &r.items),
        ("next", &r.next),
        ("page", &r.page),
        ("more", &r.more),
        ("size", &r.size),
        ("count", &r.count),
        ("previous", &r.previous),
    ];
    let mut ok = true;
    for (key, value) in given {
        if value.is_some() {
            cx.error(
                f,
                &format!("{p}.response.{key}"),
                Rule::MissingKey,
                format!("`response.{key}` is a path into a page model, but no `response.page_model` is given (the body would be a bare JSON array)"),
                Some("add `page_model: <generic model>`, or remove the key for a bare-array body".into()),
            );
            ok = false;
        }
    }
    ok
}

/// Checks that the description can run: a next position to follow, a page
/// size for `short_page`, a stop rule for page numbers.
fn consistent(
    cx: &mut Reporter<'_>,
    f: usize,
    p: &str,
    raw: &RawPagination,
    paging: &ir::Paging,
) -> bool {
    let (r, resp) = (&raw.request, &raw.response);
    let problem = match paging.advance {
        Advance::Token | Advance::Url if resp.next.is_none() => Some((
            "response.next",
            format!("`position: {}` follows the page's next position: `response.next` must say where it is", r.position),
            "add `next: /<field>` (and a `page_model`)",
        )),
        Advance::Item if resp.next.is_some() => Some((
            "response.next",
            "`position: item` sends the last item's key; `response.next` is not used".to_owned(),
            "remove `response.next`",
        )),
        a if resp.page.is_some() && !matches!(a, Advance::Page { .. }) => Some((
            "response.page",
            "`response.page` (this page's number) is read only by `position: page` without `response.next`".to_owned(),
            "remove `response.page`",
        )),
        Advance::Page { .. } if !paging.short_page && !paging.empty_page && resp.more.is_none() => Some((
            "stop",
            "page numbers go on for ever without a stop rule".to_owned(),
            "add `stop: [short_page]` or `[empty_page]`, or a `response.more` flag",
        )),
        _ if paging.short_page && resp.size.is_none() && r.size_param.is_none() => Some((
            "stop",
            "`short_page` compares a page with the page size, but neither `response.size` nor `request.size_param` gives it".to_owned(),
            "add `request.size_param` or `response.size`",
        )),
        _ => None,
    };
    let Some((key, msg, help)) = problem else {
        return true;
    };
    cx.error(
        f,
        &format!("{p}.{key}"),
        Rule::BadValue,
        msg,
        Some(help.into()),
    );
    false
}

/// The page model: a generic model no other description uses, with its
/// items and signal fields.
fn page_model(
    cx: &mut Reporter<'_>,
    (f, p): (usize, &str),
    (name, advance): (&str, Option<Advance>),
    resp: &RawPageResponse,
    types: &TypeSpace,
    taken: &[ir::PageModel],
) -> Option<ir::PageModel> {
    let path = format!("{p}.response.page_model");
    let found = types.models().find(|(_, d, _)| d.name.as_str() == name);
    let Some((id, _, model)) = found else {
        let help = did_you_mean(name, types.models().map(|(_, d, _)| d.name.as_str()));
        cx.error(
            f,
            &path,
            Rule::UnknownType,
            format!("page model `{name}` is not a model"),
            help,
        );
        return None;
    };
    let type_param = match (&model.type_params[..], &resp.items) {
        ([t], Some(_)) => Some(t.clone()),
        ([], None) => None,
        (_, Some(_)) => {
            let help =
                Some("add `type_params: [T]` and give the items field type `list<T>`".into());
            let msg = format!("page model `{name}` must be generic over its item");
            cx.error(f, &path, Rule::BadType, msg, help);
            return None;
        }
        (_, None) => {
            let msg = format!(
                "without `response.items`, page model `{name}` holds the members beside a list under the endpoint's `response_key`, so it cannot be generic"
            );
            let help = Some(
                "add `items: /<field>` for a page model holding the items, or remove `type_params`"
                    .into(),
            );
            cx.error(f, &path, Rule::BadType, msg, help);
            return None;
        }
    };
    if taken.iter().any(|t| t.model == id) {
        let help = Some("give each description its own page model".into());
        let msg = format!("page model `{name}` is used by two pagination descriptions");
        cx.error(f, &path, Rule::DuplicateName, msg, help);
        return None;
    }
    let mut fields = Fields {
        cx,
        f,
        p,
        name,
        model,
        types,
    };
    let items = match type_param {
        Some(_) => Some(fields.items(resp.items.as_deref())?),
        None => None,
    };
    let signals = fields.signals(resp, advance);
    Some(ir::PageModel {
        model: id,
        type_param,
        items,
        signals: signals?,
    })
}

/// Resolves the response paths of one page model.
struct Fields<'c, 'a, 'r> {
    cx: &'c mut Reporter<'a>,
    f: usize,
    p: &'r str,
    name: &'r str,
    model: &'r Model,
    types: &'r TypeSpace,
}

impl Fields<'_, '_, '_> {
    /// `response.items`: a top-level `list<T>` field.
    fn items(&mut self, items: Option<&str>) -> Option<ir::FieldRef> {
        let yaml = format!("{}.response.items", self.p);
        let Some(text) = items else {
            let msg = "a page model needs `response.items`, the path of its `list<T>` field";
            self.cx.error(
                self.f,
                &yaml,
                Rule::MissingKey,
                msg,
                Some("add `items: /<field>`".into()),
            );
            return None;
        };
        let is_items = |t: &Ty| matches!(t, Ty::List(i) if matches!(**i, Ty::TypeParam(_)));
        let (path, _) = self.path("items", text, is_items, "`list<T>`")?;
        match <[ir::FieldRef; 1]>::try_from(path.0) {
            Ok([field]) => Some(field),
            Err(_) => {
                let msg = format!(
                    "`{text}`: the items must be a field of `{}` itself (the only model generic over the item)",
                    self.name
                );
                self.cx.error(self.f, &yaml, Rule::BadValue, msg, None);
                None
            }
        }
    }

    /// The signal paths: `next` is a string for tokens and URLs, an integer
    /// for page numbers and offsets the page gives.
    fn signals(
        &mut self,
        r: &RawPageResponse,
        advance: Option<Advance>,
    ) -> Option<ir::PageSignals> {
        let is_string = |t: &Ty| *t == Ty::Scalar(Scalar::String);
        let is_bool = |t: &Ty| *t == Ty::Scalar(Scalar::Bool);
        let numbered = matches!(advance, Some(Advance::Page { .. }));
        let followed = matches!(advance, Some(Advance::Token | Advance::Url));
        let given = advance == Some(Advance::NextNumber);
        let mut ok = true;
        let next = self.text(
            "next",
            r.next.as_ref().filter(|_| followed),
            is_string,
            "a `string`",
            &mut ok,
        );
        let next_number = self.int("next", r.next.as_ref().filter(|_| given), &mut ok);
        let previous = self.text(
            "previous",
            r.previous
                .as_ref()
                .filter(|_| advance == Some(Advance::Token)),
            is_string,
            "a `string`",
            &mut ok,
        );
        let more = self.text("more", r.more.as_ref(), is_bool, "a `bool`", &mut ok);
        let page = self.int("page", r.page.as_ref().filter(|_| numbered), &mut ok);
        let size = self.int("size", r.size.as_ref(), &mut ok);
        let count = self.int("count", r.count.as_ref(), &mut ok);
        ok.then_some(ir::PageSignals {
            next,
            previous,
            next_number,
            page,
            more,
            size,
            count,
        })
    }

    /// An optional path whose last field passes `check`; clears `ok` when
    /// it is given but wrong (reported).
    fn text(
        &mut self,
        key: &str,
        given: Option<&String>,
        check: fn(&Ty) -> bool,
        what: &str,
        ok: &mut bool,
    ) -> Option<FieldPath> {
        let found = self.path(key, given?, check, what);
        *ok &= found.is_some();
        found.map(|(path, _)| path)
    }

    /// An optional integer path, like [`Self::text`].
    fn int(&mut self, key: &str, given: Option<&String>, ok: &mut bool) -> Option<IntPath> {
        let found = self.path(key, given?, |t| IntWidth::of(t).is_some(), "an integer");
        *ok &= found.is_some();
        let (path, ty) = found?;
        Some(IntPath {
            path,
            width: IntWidth::of(&ty)?,
        })
    }

    /// Resolves a pointer and checks the type of its last field.
    fn path(
        &mut self,
        key: &str,
        text: &str,
        ok: fn(&Ty) -> bool,
        expected: &str,
    ) -> Option<(FieldPath, Ty)> {
        let yaml = format!("{}.response.{key}", self.p);
        let Some(segments) = segments(text) else {
            let msg = format!(
                "`{text}` is not a path: write it as a JSON pointer, `/field` or `/outer/field`"
            );
            self.cx.error(self.f, &yaml, Rule::BadValue, msg, None);
            return None;
        };
        let at = At {
            file: self.f,
            yaml: &yaml,
            text,
        };
        let (path, ty) =
            field_path::resolve(self.cx, &at, &segments, (self.name, self.model), self.types)?;
        if !ok(ty) {
            let msg = format!("`{text}` of `{}` must be {expected}", self.name);
            self.cx.error(self.f, &yaml, Rule::BadType, msg, None);
            return None;
        }
        Some((path, ty.clone()))
    }
}

/// The segments of a JSON-pointer path (`/meta/next_page`), or `None` if it
/// is not one.
pub(super) fn segments(text: &str) -> Option<Vec<&str>> {
    let rest = text.strip_prefix('/')?;
    let segments: Vec<&str> = rest.split('/').collect();
    segments.iter().all(|s| !s.is_empty()).then_some(segments)
}
