//! Root-key wrapped bodies: `body_key` sends the body as `{"<key>": body}`,
//! `response_key` reads the response from under its key. Beside the key,
//! `response_siblings` keeps the other top-level members (side objects)
//! as a model; a list under the key may wrap each item under `item_key`,
//! with `item_siblings` for the element's other members.

use super::super::Reporter;
use super::super::envelopes::valid_key;
use super::super::resolve::Resolver;
use super::Endpoints;
use crate::diag::Rule;
use crate::ir::{Ty, TypeId};
use crate::load::Item;
use crate::raw::RawEndpoint;

/// The keys a body is wrapped in and a response is read from, and the
/// models of what sits beside them.
#[derive(Default)]
pub(super) struct Roots {
    pub body: Option<String>,
    pub response: Option<String>,
    /// The model of the top-level members beside `response`.
    pub response_siblings: Option<Ty>,
    /// The key of the item inside each list element.
    pub item: Option<String>,
    /// The model of the members beside `item` in each element.
    pub item_siblings: Option<Ty>,
    /// The model of the members beside a paginated list (the pagination
    /// description's page model), set by the caller.
    pub page_info: Option<TypeId>,
}

impl Roots {
    /// The models of the siblings, read from responses.
    pub(super) fn read_types(&self) -> impl Iterator<Item = &Ty> {
        self.response_siblings.iter().chain(&self.item_siblings)
    }
}

pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    resolver: &Resolver<'_>,
    item: &Item<RawEndpoint>,
) -> Roots {
    let (p, raw) = (item.path.as_str(), &item.raw);
    let body = key(
        cx,
        item,
        "body_key",
        &raw.body_key,
        (raw.body.is_some(), "body"),
    );
    let response = key(
        cx,
        item,
        "response_key",
        &raw.response_key,
        (raw.response.is_some(), "response"),
    );
    let item_key = key(
        cx,
        item,
        "item_key",
        &raw.item_key,
        (raw.response_key.is_some(), "response_key"),
    );
    let listed = raw
        .response
        .as_deref()
        .map(crate::types::parse)
        .is_none_or(|t| matches!(t, Ok(crate::types::TypeExpr::List(_)) | Err(_)));
    if item_key.is_some() && !listed {
        cx.error(
            item.file,
            &format!("{p}.item_key"),
            Rule::BadType,
            "`item_key` reads each element of a list, but the response is not `list<..>`",
            Some("respond with `list<Item>` or remove `item_key`".into()),
        );
    }
    let at = (eps, resolver, item);
    let response_siblings = sibling(
        cx,
        at,
        "response_siblings",
        &raw.response_siblings,
        (raw.response_key.is_some(), "response_key"),
    );
    if response_siblings.is_some() && raw.pagination.is_some() {
        cx.error(
            item.file,
            &format!("{p}.response_siblings"),
            Rule::BadValue,
            "a page's members beside its list are the pagination description's `page_model`",
            Some("remove `response_siblings` and declare them in the page model".into()),
        );
    }
    let item_siblings = sibling(
        cx,
        at,
        "item_siblings",
        &raw.item_siblings,
        (raw.item_key.is_some(), "item_key"),
    );
    Roots {
        body,
        response,
        response_siblings,
        item: item_key,
        item_siblings,
        page_info: None,
    }
}

/// A key (`body_key`, `response_key`, `item_key`): a plain JSON key, with
/// what it wraps present (`needs`), and not beside an envelope.
fn key(
    cx: &mut Reporter<'_>,
    item: &Item<RawEndpoint>,
    name: &str,
    value: &Option<String>,
    (present, what): (bool, &str),
) -> Option<String> {
    let v = value.as_ref()?;
    let (f, path) = (item.file, format!("{}.{name}", item.path));
    if !valid_key(v) {
        cx.error(
            f,
            &path,
            Rule::BadValue,
            format!("`{v}` is not a JSON key this generator accepts"),
            Some("use letters, digits, `_` and `-`".into()),
        );
    }
    if !present {
        cx.error(
            f,
            &path,
            Rule::MissingKey,
            format!("`{name}` needs a `{what}`"),
            Some(format!("add `{what}` or remove `{name}`")),
        );
    }
    if item.raw.envelope.is_some() {
        cx.error(
            f,
            &path,
            Rule::BadEnvelope,
            format!("`{name}` and `envelope` both say where the records are; keep one"),
            None,
        );
    }
    Some(v.clone())
}

/// The model of the members beside a key (`response_siblings`,
/// `item_siblings`), given with the key it is beside (`needs`).
fn sibling(
    cx: &mut Reporter<'_>,
    (eps, resolver, item): (&Endpoints<'_>, &Resolver<'_>, &Item<RawEndpoint>),
    name: &str,
    text: &Option<String>,
    (present, what): (bool, &str),
) -> Option<Ty> {
    let text = text.as_ref()?;
    let (f, path) = (item.file, format!("{}.{name}", item.path));
    if !present {
        cx.error(
            f,
            &path,
            Rule::MissingKey,
            format!("`{name}` describes the members beside `{what}`, which is not given"),
            Some(format!("add `{what}` or remove `{name}`")),
        );
    }
    let ty = resolver.resolve(cx, f, &path, text)?;
    let model = match &ty {
        Ty::Named(id) => eps.types.model(*id).is_some(),
        _ => false,
    };
    if !model {
        cx.error(
            f,
            &path,
            Rule::BadType,
            format!("`{name}` must name a model (the members beside the key are an object)"),
            None,
        );
        return None;
    }
    Some(ty)
}
