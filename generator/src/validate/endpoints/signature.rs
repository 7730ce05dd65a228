//! The method signature of an endpoint: its type parameters and ordered
//! arguments (path parameters in path order, required query parameters of an
//! unpaginated endpoint, headers, the query struct, envelope fields, the body
//! or records), and with them the request body, response and pagination.

use super::super::Reporter;
use super::body::Bodies;
use super::params::Params;
use super::root::Roots;
use super::{Endpoints, pagination};
use crate::ir::{
    Arg, ArgRole, BodyEncoding, EnvelopeField, EnvelopeResponse, Generic, ListedResponse,
    Pagination, Param, QueryStruct, QueryStyle, RequestBody, ResponseBody, RustIdent, TextValue,
    Ty,
};
use crate::load::Item;
use crate::names::{self, METHOD_LOCALS};
use crate::raw::RawEndpoint;

pub(super) struct Signature {
    pub generics: Vec<Generic>,
    pub args: Vec<Arg>,
    pub query: Option<QueryStruct>,
    pub body: RequestBody,
    pub response: ResponseBody,
    pub pagination: Option<Pagination>,
    pub if_match: bool,
    pub optional_headers: Vec<Param>,
    pub typed_records: Option<RustIdent>,
}

fn arg(name: &str, role: ArgRole) -> Arg {
    Arg {
        name: RustIdent::parse(name).expect("a fixed argument name"),
        role,
    }
}

pub(super) fn assemble(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    item: &Item<RawEndpoint>,
    (method, handle): (&RustIdent, &RustIdent),
    path_params: Vec<Param>,
    params: Params,
    (bodies, encoding, roots): (Bodies, (BodyEncoding, Vec<String>), Roots),
) -> Option<Signature> {
    let (f, p, raw) = (item.file, item.path.as_str(), &item.raw);
    let generics = generics(&path_params, &raw.type_params);
    let mut args: Vec<Arg> = path_params
        .iter()
        .map(|q| Arg {
            name: q.rust.clone(),
            role: ArgRole::Path(text_value(q)),
        })
        .collect();
    let Params {
        mut query,
        header,
        envelope,
        ..
    } = params;
    if raw.pagination.is_none() && query_as_args(&query, &path_params, &header, &envelope) {
        args.extend(query.drain(..).map(|q| Arg {
            name: q.rust.clone(),
            role: ArgRole::Query {
                value: text_value(&q),
                wire: q.wire,
            },
        }));
    }
    // Path parameters are repeated on every page; headers, envelope fields
    // and entity type parameters are not for streams.
    let has_args = !header.is_empty()
        || !envelope.is_empty()
        || path_params.iter().any(|q| q.ty == Ty::Entity)
        || args.iter().any(|a| !matches!(a.role, ArgRole::Path(_)));
    // Required headers are arguments; optional ones are call options.
    let (required, optional): (Vec<Param>, Vec<Param>) =
        header.into_iter().partition(|h| h.required);
    args.extend(required.into_iter().map(|h| Arg {
        name: h.rust.clone(),
        role: ArgRole::Header {
            value: text_value(&h),
            wire: h.wire,
        },
    }));
    let is_if_match = |h: &Param| {
        h.wire.eq_ignore_ascii_case("If-Match") && h.ty == Ty::Scalar(crate::ir::Scalar::ETag)
    };
    let if_match = optional.iter().any(is_if_match);
    let optional_headers = optional.into_iter().filter(|h| !is_if_match(h)).collect();

    // A response that did not resolve was reported already (or is declared
    // in a file that did not load): no second diagnostic about its shape.
    let unresolved = raw.response.is_some() && bodies.response.is_none();
    let (pagination, paged) = match &raw.pagination {
        None => (None, None),
        Some(_) if unresolved => (None, None),
        Some(style) => pagination::resolve(
            cx,
            eps,
            (f, p, method),
            style,
            (bodies.response.as_ref(), roots.response.is_some()),
            has_args,
            &query,
        )
        .unzip(),
    };
    let query = (!query.is_empty() || paged.is_some()).then(|| {
        // A clash with another type is the scope step's (`validate/scopes.rs`).
        let name = names::query_struct(handle, method);
        args.push(arg("query", ArgRole::QueryStruct(name.clone())));
        QueryStruct {
            name,
            params: query,
            paged,
        }
    });
    let (body, response) = bodies_of(&mut args, envelope, bodies, (encoding, roots));
    let typed_records = typed_records(method, &generics, &args, &response);
    Some(Signature {
        generics,
        args,
        query,
        body,
        response,
        pagination,
        if_match,
        optional_headers,
        typed_records,
    })
}

/// `<method>_typed` for an endpoint that takes an entity and a list of its
/// records and returns nothing typed by the entity: the entity comes from
/// the records' type.
fn typed_records(
    method: &RustIdent,
    generics: &[Generic],
    args: &[Arg],
    response: &ResponseBody,
) -> Option<RustIdent> {
    let records = args.iter().any(|a| {
        matches!(
            &a.role,
            ArgRole::Records(Ty::Record) | ArgRole::BodyList(Ty::Record)
        )
    });
    let mentions = |t: &Ty| t.any(&mut |t| matches!(t, Ty::Record | Ty::Entity));
    let reads_records = match response {
        ResponseBody::Envelope(r) => mentions(&r.item),
        ResponseBody::Json(t) | ResponseBody::Rooted { ty: t, .. } => mentions(t),
        _ => false,
    };
    (generics == [Generic::Entity] && records && !reads_records)
        .then(|| names::typed_records_method(method))
}

/// `K: EntityKind` for an entity path parameter, then the caller-chosen rows.
fn generics(path_params: &[Param], type_params: &[String]) -> Vec<Generic> {
    let entity = path_params
        .iter()
        .any(|q| q.ty == Ty::Entity)
        .then_some(Generic::Entity);
    let rows = type_params
        .iter()
        .filter_map(|t| RustIdent::parse(t))
        .map(Generic::Row);
    entity.into_iter().chain(rows).collect()
}

/// Whether the query parameters become method arguments: all are required
/// (no struct to fill for mandatory values) and none would clash with
/// another argument or a local of the method.
fn query_as_args(query: &[Param], path: &[Param], header: &[Param], envelope: &[Param]) -> bool {
    let taken = |q: &Param| {
        METHOD_LOCALS.contains(&q.rust.as_str())
            || [path, header, envelope]
                .iter()
                .any(|list| list.iter().any(|o| o.rust == q.rust))
    };
    let plain = |q: &Param| matches!(q.style, QueryStyle::Plain | QueryStyle::Repeat);
    !query.is_empty() && query.iter().all(|q| q.required && plain(q) && !taken(q))
}

/// The envelope-field and body arguments, the request body and the response.
fn bodies_of(
    args: &mut Vec<Arg>,
    envelope_params: Vec<Param>,
    bodies: Bodies,
    ((encoding, files), roots): ((BodyEncoding, Vec<String>), Roots),
) -> (RequestBody, ResponseBody) {
    let wrapped = bodies.envelope.as_ref().filter(|e| e.wrap);
    let request = match (bodies.body, wrapped) {
        (Some(record), Some(env)) => {
            let fields = envelope_params
                .into_iter()
                .map(|q| {
                    args.push(Arg {
                        name: q.rust.clone(),
                        role: ArgRole::EnvelopeField,
                    });
                    EnvelopeField {
                        wire: q.wire,
                        arg: q.rust,
                    }
                })
                .collect();
            args.push(arg("records", ArgRole::Records(record)));
            RequestBody::Envelope {
                envelope: env.id,
                records: RustIdent::parse("records").expect("a fixed name"),
                fields,
            }
        }
        (Some(Ty::List(inner)), None) => {
            args.push(arg("body", ArgRole::BodyList(*inner)));
            RequestBody::Encoded {
                arg: RustIdent::parse("body"),
                fixed: bodies.fixed,
                encoding,
                root: roots.body.clone(),
                files: files.clone(),
            }
        }
        (Some(t), None) => {
            args.push(arg("body", ArgRole::Body(t)));
            RequestBody::Encoded {
                arg: RustIdent::parse("body"),
                fixed: bodies.fixed,
                encoding,
                root: roots.body.clone(),
                files: files.clone(),
            }
        }
        (None, _) if !bodies.fixed.is_empty() => RequestBody::Encoded {
            arg: None,
            fixed: bodies.fixed,
            encoding,
            root: roots.body.clone(),
            files: files.clone(),
        },
        (None, _) => RequestBody::None,
    };
    let response = match (bodies.response, bodies.envelope) {
        (Some(item), Some(env)) => ResponseBody::Envelope(EnvelopeResponse {
            envelope: env.id,
            key: env.key,
            item,
            result: env.result,
        }),
        (Some(ty), None) => rooted(ty, roots),
        (None, _) => ResponseBody::Empty,
    };
    (request, response)
}

/// The response read from under its root key: a list with its page info
/// or wrapped items, a value with side objects, or the value alone.
fn rooted(ty: Ty, roots: Roots) -> ResponseBody {
    let Some(key) = roots.response else {
        return ResponseBody::Json(ty);
    };
    match ty {
        Ty::List(item) if roots.page_info.is_some() || roots.item.is_some() => {
            ResponseBody::Listed(ListedResponse {
                key,
                item: *item,
                item_key: roots.item,
                info: roots.page_info,
                item_siblings: roots.item_siblings,
            })
        }
        ty => ResponseBody::Rooted {
            key,
            ty,
            siblings: roots.response_siblings,
        },
    }
}

/// A parameter taken as an argument: its type, passing and text, as
/// decided for it (`values.rs`).
fn text_value(p: &Param) -> TextValue {
    TextValue {
        ty: p.ty.clone(),
        pass: p.pass,
        text: p.text,
    }
}
