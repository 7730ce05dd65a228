//! Pass 4: `resources` and their `endpoints`. Each endpoint is decided here
//! once, in steps: name and method, parameters ([`params`]), path
//! ([`path`]), body and response ([`body`], [`envelope`]), then the method
//! signature with its query struct and pagination ([`signature`],
//! [`pagination`]).

mod body;
mod encoding;
mod envelope;
mod fixed_body;
mod idempotency;
mod pagination;
mod params;
mod path;
mod query_style;
mod root;
mod signature;
mod statuses;
mod values;
mod written;

use std::collections::{BTreeMap, BTreeSet};

use super::Reporter;
use super::names::Names;
use super::pages::Style;
use super::resolve::{Resolver, Scope};
use super::settings::SettingsIndex;
use crate::diag::{Rule, did_you_mean};
use crate::ir::{self, HttpMethod, RustIdent, Ty, TypeSpace};
use crate::load::Item;
use crate::names;
use crate::raw::RawEndpoint;

/// What endpoints look up: the declared types, envelopes and pagination styles.
pub(super) struct Endpoints<'a> {
    pub names: &'a Names,
    pub types: &'a TypeSpace,
    /// Envelope names in declaration order (their [`ir::EnvelopeId`]s).
    pub envelope_names: Vec<&'a str>,
    /// Whether each envelope declares a per-record status.
    pub envelope_has_status: Vec<bool>,
    pub styles: &'a BTreeMap<String, Style>,
    /// Every declared description name, including those that did not
    /// validate (reported already: not again as undeclared).
    pub style_names: Vec<&'a str>,
    /// The `api:` block did not load: envelopes and styles are unknown, so
    /// references to them are not reported.
    pub api_unknown: bool,
    /// How request bodies are encoded unless an endpoint says otherwise.
    pub body_encoding: ir::BodyEncoding,
}

impl<'a> Endpoints<'a> {
    fn new(
        spec: &'a crate::load::RawSpec,
        names: &'a Names,
        types: &'a TypeSpace,
        settings: Option<&'a SettingsIndex>,
    ) -> Self {
        static NO_STYLES: BTreeMap<String, Style> = BTreeMap::new();
        let envelopes = spec
            .api
            .first()
            .map(|a| &a.raw.envelopes.0[..])
            .unwrap_or(&[]);
        Endpoints {
            names,
            types,
            envelope_names: envelopes.iter().map(|(n, _)| n.as_str()).collect(),
            envelope_has_status: envelopes.iter().map(|(_, e)| e.status.is_some()).collect(),
            styles: settings.map_or(&NO_STYLES, |s| &s.styles),
            style_names: spec
                .api
                .first()
                .map(|a| a.raw.pagination.0.iter().map(|(n, _)| n.as_str()).collect())
                .unwrap_or_default(),
            api_unknown: spec.broken_api || (spec.api.is_empty() && spec.broken_files > 0),
            body_encoding: settings.map_or(ir::BodyEncoding::Json, |s| s.body_encoding),
        }
    }
}

/// A resource whose endpoints are resolved up to their signatures (pass
/// 4a); [`assemble`] finishes them once the input twins are decided.
pub(super) struct ResolvedResource<'s> {
    accessor: RustIdent,
    type_name: RustIdent,
    doc: String,
    endpoints: Vec<Resolved<'s>>,
}

/// One endpoint resolved up to its signature: everything but the method
/// arguments, which take the sent form of the body type (pass 5).
struct Resolved<'s> {
    item: &'s Item<RawEndpoint>,
    method: RustIdent,
    http_method: HttpMethod,
    doc: ir::Doc,
    path: Vec<ir::PathPart>,
    path_params: Vec<ir::Param>,
    params: params::Params,
    bodies: body::Bodies,
    encoding: (ir::BodyEncoding, Vec<String>),
    roots: root::Roots,
    by_status: Option<ir::StatusEnum>,
    error_body: Option<ir::TypeId>,
}

impl ResolvedResource<'_> {
    /// The types request bodies name, as declared.
    pub(super) fn sent_types(&self) -> impl Iterator<Item = ir::TypeId> + '_ {
        self.endpoints
            .iter()
            .filter_map(|e| e.bodies.body.as_ref())
            .flat_map(Ty::named)
    }

    /// Whether a body sends the records of the endpoint's entity
    /// (`body: record`): every entity record model may be sent then.
    pub(super) fn sends_records(&self) -> bool {
        let record = |t: &Ty| match t {
            Ty::Record => true,
            Ty::List(inner) => **inner == Ty::Record,
            _ => false,
        };
        self.endpoints
            .iter()
            .filter_map(|e| e.bodies.body.as_ref())
            .any(record)
    }

    /// The types parameters send (a model in the query, an envelope
    /// field's type): sent as they are, never twinned.
    pub(super) fn param_types(&self) -> impl Iterator<Item = ir::TypeId> + '_ {
        self.endpoints.iter().flat_map(|e| {
            let p = &e.params;
            p.query
                .iter()
                .chain(&p.header)
                .chain(&p.envelope)
                .flat_map(|q| q.ty.named())
                .collect::<Vec<_>>()
        })
    }

    /// The types the endpoints read: responses, bodies by status, envelope
    /// items and error bodies.
    pub(super) fn read_types(&self) -> impl Iterator<Item = ir::TypeId> + '_ {
        self.endpoints.iter().flat_map(|e| {
            let statuses = e.by_status.iter().flat_map(|s| &s.variants);
            let tys = e
                .bodies
                .response
                .iter()
                .chain(statuses.filter_map(|v| v.ty.as_ref()))
                .chain(e.roots.read_types());
            tys.flat_map(Ty::named)
                .chain(e.error_body)
                .chain(e.roots.page_info)
                .collect::<Vec<_>>()
        })
    }
}

/// Pass 4a: resources and their endpoints, resolved up to the signatures.
pub(super) fn resolve<'s>(
    cx: &mut Reporter<'s>,
    names: &Names,
    types: &TypeSpace,
    settings: Option<&SettingsIndex>,
) -> Vec<ResolvedResource<'s>> {
    let spec = cx.spec;
    let eps = Endpoints::new(spec, names, types, settings);
    // Endpoints by resource, in spec order (one pass, not one per resource).
    let mut by_resource: BTreeMap<&str, Vec<&Item<RawEndpoint>>> = BTreeMap::new();
    for e in &spec.endpoints {
        by_resource
            .entry(e.resource.as_str())
            .or_default()
            .push(&e.item);
    }
    let mut resources: Vec<ResolvedResource<'s>> = Vec::new();
    let mut accessors: BTreeSet<RustIdent> = BTreeSet::new();
    for res in &spec.resources {
        let Some(accessor) = accessor(cx, res, &accessors) else {
            continue;
        };
        accessors.insert(accessor.clone());
        let doc = cx.doc(res.file, &res.path, &res.raw.doc);
        let type_name = names::handle_type(&accessor);
        let mut endpoints: Vec<Resolved<'s>> = Vec::new();
        let mut methods: BTreeSet<RustIdent> = BTreeSet::new();
        for item in by_resource.get(res.name.as_str()).into_iter().flatten() {
            let Some(ep) = endpoint(cx, &eps, item, &type_name) else {
                continue;
            };
            if !methods.insert(ep.method.clone()) {
                cx.error(
                    item.file,
                    &item.path,
                    Rule::DuplicateName,
                    format!(
                        "two endpoints of `{}` become method `{}`",
                        res.name, ep.method
                    ),
                    Some("rename one or set `rust_name`".into()),
                );
                continue;
            }
            endpoints.push(ep);
        }
        resources.push(ResolvedResource {
            accessor,
            type_name,
            doc,
            endpoints,
        });
    }
    resources.sort_by(|a, b| a.accessor.cmp(&b.accessor));
    resources
}

/// Pass 4b: each endpoint's signature, request and response, its body
/// argument taking `sent(declared body type)` (the input twin, if any).
pub(super) fn assemble(
    cx: &mut Reporter<'_>,
    names: &Names,
    types: &TypeSpace,
    settings: Option<&SettingsIndex>,
    resolved: Vec<ResolvedResource<'_>>,
    sent: &dyn Fn(&Ty) -> Ty,
) -> Vec<ir::Resource> {
    let eps = Endpoints::new(cx.spec, names, types, settings);
    resolved
        .into_iter()
        .map(|r| ir::Resource {
            endpoints: r
                .endpoints
                .into_iter()
                .filter_map(|e| finish(cx, &eps, e, &r.type_name, sent))
                .collect(),
            accessor: r.accessor,
            type_name: r.type_name,
            doc: ir::Doc::plain(r.doc),
        })
        .collect()
}

/// The accessor of a resource; `None` after reporting a bad or taken name.
fn accessor(
    cx: &mut Reporter<'_>,
    res: &Item<crate::raw::RawResource>,
    earlier: &BTreeSet<RustIdent>,
) -> Option<RustIdent> {
    let accessor = match RustIdent::snake(&res.name) {
        Some(a) if a.to_string() == res.name => a,
        other => {
            cx.error(
                res.file,
                &res.path,
                Rule::BadName,
                format!("resource name `{}` must be snake_case", res.name),
                other.map(|a| format!("did you mean `{a}`?")),
            );
            return None;
        }
    };
    if earlier.contains(&accessor) {
        cx.error(
            res.file,
            &res.path,
            Rule::DuplicateName,
            format!("resource `{}` is declared twice", res.name),
            Some("merge the endpoints into one resource".into()),
        );
        return None;
    }
    Some(accessor)
}

fn method_name(cx: &mut Reporter<'_>, item: &Item<RawEndpoint>) -> Option<RustIdent> {
    let name = match &item.raw.rust_name {
        Some(n) => RustIdent::parse(n),
        None => RustIdent::snake(&item.name),
    };
    if name.is_none() {
        cx.error(
            item.file,
            &item.path,
            Rule::BadName,
            format!("endpoint `{}` gives no usable method name", item.name),
            Some("set `rust_name`".into()),
        );
    }
    name
}

fn http_method(cx: &mut Reporter<'_>, item: &Item<RawEndpoint>) -> Option<HttpMethod> {
    let written = item.raw.method.as_str();
    let found = HttpMethod::ALL.into_iter().find(|m| m.as_str() == written);
    if found.is_none() {
        let help = did_you_mean(
            &written.to_ascii_uppercase(),
            HttpMethod::ALL.iter().map(|m| m.as_str()),
        )
        .or_else(|| Some("use GET, POST, PUT, PATCH or DELETE (upper case)".into()));
        cx.error(
            item.file,
            &format!("{}.method", item.path),
            Rule::BadMethod,
            format!("`{written}` is not a supported HTTP method"),
            help,
        );
    }
    found
}

fn check_type_params(cx: &mut Reporter<'_>, eps: &Endpoints<'_>, item: &Item<RawEndpoint>) {
    for (i, t) in item.raw.type_params.iter().enumerate() {
        if !RustIdent::is_type_name(t) || eps.names.contains(t) {
            cx.error(
                item.file,
                &format!("{}.type_params.{i}", item.path),
                Rule::BadName,
                format!("type parameter `{t}` must be an UpperCamelCase name not used by a declared type"),
                None,
            );
        }
    }
}

fn endpoint<'s>(
    cx: &mut Reporter<'s>,
    eps: &Endpoints<'_>,
    item: &'s Item<RawEndpoint>,
    handle: &RustIdent,
) -> Option<Resolved<'s>> {
    let (f, p, raw) = (item.file, item.path.as_str(), &item.raw);
    let method = method_name(cx, item)?;
    let http = http_method(cx, item);
    check_type_params(cx, eps, item);
    let record = raw
        .params
        .0
        .iter()
        .any(|(_, rp)| rp.location == "path" && rp.ty.trim() == "entity");
    let resolver = Resolver {
        names: eps.names,
        scope: Scope {
            type_params: &raw.type_params,
            record,
        },
    };
    let doc = cx.doc(f, p, &raw.doc);
    let cite = cx.citation(f, p, raw.source.as_deref(), raw.assumption.as_deref(), true);
    let params = params::lower(cx, eps, &resolver, item);
    let (path, path_params) = path::resolve(cx, (f, p), &raw.path, &params.path);
    if params.path.iter().filter(|q| q.ty == Ty::Entity).count() > 1 {
        cx.error(
            f,
            &format!("{p}.params"),
            Rule::BadValue,
            "an endpoint takes at most one `entity` parameter",
            None,
        );
    }
    let envelope_param = params.envelope.first().map(|x| x.wire.clone());
    let bodies = body::lower(cx, eps, &resolver, item, http, envelope_param.as_deref());
    let encoding = encoding::resolve(cx, eps, item, &bodies);
    let mut roots = root::resolve(cx, eps, &resolver, item);
    roots.page_info = raw
        .pagination
        .as_ref()
        .and_then(|s| eps.styles.get(s))
        .and_then(|s| s.page.info());
    let by_status = statuses::resolve(cx, &resolver, item, (&method, handle));
    let error_body = statuses::error_body(cx, eps, item);
    Some(Resolved {
        item,
        method,
        http_method: http?,
        doc: crate::ir::Doc {
            text: doc,
            assumption: cite,
        },
        path,
        path_params,
        params,
        bodies,
        encoding,
        roots,
        by_status,
        error_body,
    })
}

/// Finishes a resolved endpoint: its signature (with the body in its sent
/// form), response and idempotency.
fn finish(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    e: Resolved<'_>,
    handle: &RustIdent,
    sent: &dyn Fn(&Ty) -> Ty,
) -> Option<ir::Endpoint> {
    let (item, raw) = (e.item, &e.item.raw);
    let mut bodies = e.bodies;
    bodies.body = bodies.body.as_ref().map(sent);
    let mut sig = signature::assemble(
        cx,
        eps,
        item,
        (&e.method, handle),
        e.path_params,
        e.params,
        (bodies, e.encoding, e.roots),
    )?;
    if let Some(by_status) = e.by_status {
        sig.response = ir::ResponseBody::ByStatus(by_status);
    }
    let by_default = e.http_method.idempotent_by_default();
    let at = (item.file, item.path.as_str());
    let idempotency = idempotency::resolve(cx, at, raw, &sig.body, by_default);
    Some(ir::Endpoint {
        method: e.method,
        doc: e.doc,
        http_method: e.http_method,
        path_template: raw.path.clone(),
        path: e.path,
        generics: sig.generics,
        args: sig.args,
        query: sig.query,
        body: sig.body,
        response: sig.response,
        idempotency,
        deprecated: raw.deprecated.clone(),
        addon: raw.addon,
        pagination: sig.pagination,
        if_match: sig.if_match,
        optional_headers: sig.optional_headers,
        typed_records: sig.typed_records,
        error_body: e.error_body,
    })
}
