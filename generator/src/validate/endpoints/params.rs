//! An endpoint's parameters: those of its `params_from` groups, then its
//! own (an own parameter named like a group's replaces it in place), each
//! checked for its location, type, range and name.

use super::super::Reporter;
use super::super::header_name::valid_header_name;
use super::super::resolve::Resolver;
use super::Endpoints;
use super::values;
use super::written::Written;
use crate::diag::{Rule, did_you_mean};
use crate::ir::{IntWidth, Param, QueryStyle, Range, RustIdent, Scalar, Ty, TypeKind};
use crate::load::Item;
use crate::names::BODY_ARGS;
use crate::raw::{Ordered, RawEndpoint, RawParam};
use crate::scalars::ParamUse;

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Location {
    Path,
    Query,
    Header,
    /// A top-level field of the request envelope.
    Envelope,
}

/// The endpoint's parameters by location, each in declaration order.
#[derive(Default)]
pub(super) struct Params {
    pub path: Vec<Param>,
    pub query: Vec<Param>,
    pub header: Vec<Param>,
    pub envelope: Vec<Param>,
}

pub(super) fn lower(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    resolver: &Resolver<'_>,
    item: &Item<RawEndpoint>,
) -> Params {
    let mut out = Params::default();
    let spec = cx.spec;
    for w in written(cx, &spec.param_groups, item) {
        let Some((location, param)) = param(cx, eps, resolver, &w) else {
            continue;
        };
        // Path, header and envelope parameters are all method arguments:
        // their names must differ across the three (`id` and `ID` collide).
        let taken = match location {
            Location::Query => out.query.iter().any(|q| q.rust == param.rust),
            _ => {
                [&out.path, &out.header, &out.envelope]
                    .iter()
                    .any(|list| list.iter().any(|q| q.rust == param.rust))
                    || BODY_ARGS.contains(&param.rust.as_str())
            }
        };
        let list = match location {
            Location::Path => &mut out.path,
            Location::Header => &mut out.header,
            Location::Query => &mut out.query,
            Location::Envelope => &mut out.envelope,
        };
        if taken {
            cx.error(
                w.file,
                &w.path,
                Rule::DuplicateName,
                format!(
                    "parameter `{}` becomes `{}`, which is already taken",
                    w.wire, param.rust
                ),
                Some("set `rust_name`".into()),
            );
            continue;
        }
        list.push(param);
    }
    out
}

/// The parameters of the included groups first, then the endpoint's own.
fn written<'a>(
    cx: &mut Reporter<'_>,
    groups: &'a [Item<Ordered<String, RawParam>>],
    item: &'a Item<RawEndpoint>,
) -> Vec<Written<'a>> {
    let (f, p, raw) = (item.file, item.path.as_str(), &item.raw);
    let mut all: Vec<Written<'a>> = Vec::new();
    for (i, g) in raw.params_from.iter().enumerate() {
        match groups.iter().find(|x| &x.name == g) {
            Some(group) => all.extend(group.raw.0.iter().map(|(wire, rp)| Written {
                file: group.file,
                path: format!("{}.{wire}", group.path),
                wire,
                raw: rp,
            })),
            None if cx.spec.may_declare(g) => {}
            None => {
                let help = did_you_mean(g, groups.iter().map(|x| x.name.as_str()))
                    .or_else(|| Some(format!("declare `{g}` under `param_groups`")));
                cx.error(
                    f,
                    &format!("{p}.params_from.{i}"),
                    Rule::UnknownGroup,
                    format!("parameter group `{g}` is not declared"),
                    help,
                );
            }
        }
    }
    // An endpoint parameter named like a group parameter replaces it in place
    // (e.g. a typed `range` for a generic one), keeping the query order.
    let mut at: std::collections::BTreeMap<&str, usize> =
        all.iter().enumerate().map(|(i, w)| (w.wire, i)).collect();
    for (wire, rp) in &raw.params.0 {
        let own = Written {
            file: f,
            path: format!("{p}.params.{wire}"),
            wire,
            raw: rp,
        };
        match at.get(wire.as_str()) {
            Some(&i) => all[i] = own,
            None => {
                at.insert(wire, all.len());
                all.push(own);
            }
        }
    }
    all
}

fn location(cx: &mut Reporter<'_>, w: &Written<'_>) -> Option<Location> {
    Some(match w.raw.location.as_str() {
        "path" => Location::Path,
        "query" => Location::Query,
        "header" => Location::Header,
        "envelope" => Location::Envelope,
        other => {
            cx.error(
                w.file,
                &format!("{}.in", w.path),
                Rule::BadValue,
                format!("`in: {other}` is not a parameter location"),
                Some("use `path`, `query`, `header` or `envelope`".into()),
            );
            return None;
        }
    })
}

/// One parameter; `None` after reporting why it cannot be one.
fn param(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    resolver: &Resolver<'_>,
    w: &Written<'_>,
) -> Option<(Location, Param)> {
    let (f, rp) = (w.file, w.raw);
    let location = location(cx, w)?;
    let rust = match &rp.rust_name {
        Some(n) => RustIdent::parse(n),
        None => RustIdent::snake(w.wire),
    };
    let Some(rust) = rust else {
        cx.error(
            f,
            &w.path,
            Rule::BadName,
            format!("parameter `{}` gives no usable Rust name", w.wire),
            Some("set `rust_name`".into()),
        );
        return None;
    };
    let ty = resolver.resolve(cx, f, &format!("{}.type", w.path), &rp.ty)?;
    let style = super::query_style::resolve(cx, eps, w, location == Location::Query, &ty);
    check_type(cx, eps, w, (location, style), &ty);
    check_range(cx, w, &ty);
    if location == Location::Header && !valid_header_name(w.wire) {
        cx.error(
            f,
            &w.path,
            Rule::BadHeader,
            format!("`{}` is not a valid header name", w.wire),
            None,
        );
    }
    if location == Location::Path && rp.required == Some(false) {
        cx.error(
            f,
            &format!("{}.required", w.path),
            Rule::BadValue,
            "path parameters are always required",
            Some("remove `required: false`".into()),
        );
    }
    let doc = cx.doc(f, &w.path, &rp.doc);
    let required = location == Location::Path || rp.required.unwrap_or(false);
    let optional_header = location == Location::Header && !required;
    let pass = values::passing(&ty, eps.types, optional_header);
    let text = values::wire_text(&ty, eps.types);
    let width = IntWidth::of(&ty);
    Some((
        location,
        Param {
            wire: w.wire.to_owned(),
            rust,
            doc: crate::ir::Doc::plain(doc),
            ty,
            required,
            deprecated: rp.deprecated.clone(),
            example: rp.example.as_ref().map(|e| {
                let text = serde_yaml::to_string(e).unwrap_or_default();
                text.trim().to_owned()
            }),
            pass,
            text,
            range: Range {
                min: rp.min,
                max: rp.max,
                width,
            },
            style,
        },
    ))
}

/// What kind of parameter value a type is.
#[derive(PartialEq, Eq)]
enum Shape {
    /// A single text value (path, query or header).
    Scalar,
    /// Only in a query (intervals, search and SQL expressions).
    QueryOnly,
    /// A list of scalars (a repeated query key).
    Repeated,
    Other,
}

fn shape(eps: &Endpoints<'_>, ty: &Ty) -> Shape {
    let named_scalar = |t: &Ty| match t {
        Ty::Named(id) => !matches!(eps.types.get(*id).kind, TypeKind::Struct(_)),
        _ => false,
    };
    match ty {
        Ty::Scalar(s) => match s.row().params {
            ParamUse::Anywhere | ParamUse::HeaderOnly => Shape::Scalar,
            ParamUse::QueryOnly => Shape::QueryOnly,
            ParamUse::Never => Shape::Other,
        },
        t if named_scalar(t) => Shape::Scalar,
        Ty::Interval(_) => Shape::QueryOnly,
        Ty::List(inner) if named_scalar(inner) => Shape::Repeated,
        Ty::List(inner) if inner.scalar().is_some_and(|s| s.row().repeatable) => Shape::Repeated,
        _ => Shape::Other,
    }
}

fn check_type(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    w: &Written<'_>,
    (location, style): (Location, QueryStyle),
    ty: &Ty,
) {
    let (f, at) = (w.file, format!("{}.type", w.path));
    let shape = shape(eps, ty);
    match location {
        Location::Path if *ty == Ty::Entity => {}
        Location::Envelope if *ty != Ty::Scalar(Scalar::String) => {
            cx.error(
                f,
                &at,
                Rule::BadType,
                "an envelope parameter must be a `string`",
                None,
            );
        }
        Location::Envelope => {}
        Location::Path | Location::Header if shape != Shape::Scalar => {
            let msg = format!(
                "a {} parameter must be a scalar, not `{}`",
                w.raw.location, w.raw.ty
            );
            cx.error(f, &at, Rule::BadType, msg, None);
        }
        Location::Query if style == QueryStyle::DeepObject => {}
        Location::Query if shape == Shape::Other => {
            let msg = format!(
                "a query parameter must be a scalar, a list of scalars, an interval or a search expression, not `{}`",
                w.raw.ty
            );
            let help = (super::query_style::kind(eps, ty) == super::query_style::Kind::Object)
                .then(|| {
                    "write a map or model as `name[key]=value` with `style: deep_object`".to_owned()
                });
            cx.error(f, &at, Rule::BadType, msg, help);
        }
        _ => {}
    }
    if *ty == Ty::Scalar(Scalar::ETag) && location != Location::Header {
        cx.error(
            f,
            &at,
            Rule::BadType,
            "`etag` parameters must be headers (`in: header`)",
            None,
        );
    }
}

fn check_range(cx: &mut Reporter<'_>, w: &Written<'_>, ty: &Ty) {
    let rp = w.raw;
    if (rp.min.is_some() || rp.max.is_some()) && crate::ir::IntWidth::of(ty).is_none() {
        cx.error(
            w.file,
            &w.path,
            Rule::BadValue,
            "`min`/`max` apply to integer parameters only",
            None,
        );
    }
    if let (Some(lo), Some(hi)) = (rp.min, rp.max) {
        if lo > hi {
            cx.error(
                w.file,
                &format!("{}.min", w.path),
                Rule::BadValue,
                format!("`min` ({lo}) is larger than `max` ({hi})"),
                None,
            );
        }
    }
}
