//! `resources` and their `endpoints`: methods, paths, parameters, bodies.

use super::{with_citation, Ctx};
use crate::ident;
use crate::ir::{self, HttpMethod, ParamLocation, PathPart};

/// Splits a path template into literal and `{param}` segments.
fn parse_path(path: &str) -> Result<Vec<(bool, String)>, String> {
    if !path.starts_with('/') {
        return Err("the path must start with `/`".into());
    }
    if path.contains('?') || path.contains('#') {
        return Err(
            "the path must not contain `?` or `#`; declare query parameters with `in: query`"
                .into(),
        );
    }
    let mut out = Vec::new();
    for seg in path[1..].split('/') {
        if seg.is_empty() {
            return Err("the path has an empty segment (`//` or a trailing `/`)".into());
        }
        if let Some(inner) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!("`{seg}` is not a valid parameter segment"));
            }
            out.push((true, inner.to_owned()));
        } else if seg.contains(['{', '}', ':']) {
            return Err(format!(
                "segment `{seg}`: a parameter must fill a whole segment and be written `{{name}}`"
            ));
        } else if !seg
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
        {
            return Err(format!("segment `{seg}` has characters that need encoding"));
        } else {
            out.push((false, seg.to_owned()));
        }
    }
    Ok(out)
}

pub(super) fn lower(ctx: &mut Ctx<'_>) -> Vec<ir::Resource> {
    let spec = ctx.spec;
    let mut resources: Vec<ir::Resource> = Vec::new();
    for res in &spec.resources {
        let accessor = match ident::snake(&res.name) {
            Some(a) if a == res.name => a,
            other => {
                ctx.error(
                    res.file,
                    &res.path,
                    "bad-name",
                    format!("resource name `{}` must be snake_case", res.name),
                    other.map(|a| format!("did you mean `{a}`?")),
                );
                continue;
            }
        };
        if ["builder", "base_url", "login", "logout"].contains(&accessor.as_str()) {
            ctx.error(
                res.file,
                &res.path,
                "reserved-name",
                format!(
                    "resource `{}` would clash with a method of `Client`",
                    res.name
                ),
                Some("rename the resource".into()),
            );
            continue;
        }
        if resources.iter().any(|r| r.accessor == accessor) {
            ctx.error(
                res.file,
                &res.path,
                "duplicate-name",
                format!("resource `{}` is declared twice", res.name),
                Some("merge the endpoints into one resource".into()),
            );
            continue;
        }
        let doc = ctx.doc(res.file, &res.path, &res.raw.doc);
        let type_name = format!("{}Api", ident::upper_camel(&res.name).unwrap_or_default());
        let mut endpoints: Vec<ir::Endpoint> = Vec::new();
        for e in spec.endpoints.iter().filter(|e| e.resource == res.name) {
            if let Some(ep) = lower_endpoint(ctx, &e.item, &type_name) {
                if endpoints.iter().any(|x| x.method_name == ep.method_name) {
                    ctx.error(
                        e.item.file,
                        &e.item.path,
                        "duplicate-name",
                        format!(
                            "two endpoints of `{}` become method `{}`",
                            res.name, ep.method_name
                        ),
                        Some("rename one or set `rust_name`".into()),
                    );
                    continue;
                }
                endpoints.push(ep);
            }
        }
        resources.push(ir::Resource {
            accessor,
            type_name,
            doc,
            endpoints,
        });
    }
    resources.sort_by(|a, b| a.accessor.cmp(&b.accessor));
    resources
}

fn lower_endpoint(
    ctx: &mut Ctx<'_>,
    item: &crate::load::Item<crate::raw::RawEndpoint>,
    resource_type: &str,
) -> Option<ir::Endpoint> {
    let (f, p, raw) = (item.file, item.path.as_str(), &item.raw);
    let method_name = raw.rust_name.clone().or_else(|| ident::snake(&item.name));
    let Some(method_name) = method_name else {
        ctx.error(
            f,
            p,
            "bad-name",
            format!("endpoint `{}` gives no usable method name", item.name),
            Some("set `rust_name`".into()),
        );
        return None;
    };
    let http_method = match raw.method.as_str() {
        "GET" => Some(HttpMethod::Get),
        "POST" => Some(HttpMethod::Post),
        "PUT" => Some(HttpMethod::Put),
        "PATCH" => Some(HttpMethod::Patch),
        "DELETE" => Some(HttpMethod::Delete),
        other => {
            let help = crate::diag::did_you_mean(
                &other.to_ascii_uppercase(),
                ["GET", "POST", "PUT", "PATCH", "DELETE"],
            )
            .or_else(|| Some("use GET, POST, PUT, PATCH or DELETE (upper case)".into()));
            ctx.error(
                f,
                &format!("{p}.method"),
                "bad-method",
                format!("`{other}` is not a supported HTTP method"),
                help,
            );
            None
        }
    };
    for (i, t) in raw.type_params.iter().enumerate() {
        if !ident::is_type_name(t) || ctx.names.contains_key(t) {
            ctx.error(
                f,
                &format!("{p}.type_params.{i}"),
                "bad-name",
                format!("type parameter `{t}` must be an UpperCamelCase name not used by a declared type"),
                None,
            );
        }
    }
    ctx.type_params = raw.type_params.clone();
    ctx.record_scope = raw
        .params
        .0
        .iter()
        .any(|(_, rp)| rp.location == "path" && rp.ty.trim() == "entity");
    let lowered = lower_endpoint_body(ctx, item, resource_type, method_name, http_method);
    ctx.type_params.clear();
    ctx.record_scope = false;
    lowered
}

fn lower_endpoint_body(
    ctx: &mut Ctx<'_>,
    item: &crate::load::Item<crate::raw::RawEndpoint>,
    resource_type: &str,
    method_name: String,
    http_method: Option<HttpMethod>,
) -> Option<ir::Endpoint> {
    let (f, p, raw) = (item.file, item.path.as_str(), &item.raw);
    let doc = ctx.doc(f, p, &raw.doc);
    let cite = ctx.citation(f, p, raw.source.as_deref(), raw.assumption.as_deref(), true);

    let segments = match parse_path(&raw.path) {
        Ok(s) => s,
        Err(e) => {
            ctx.error(
                f,
                &format!("{p}.path"),
                "bad-path",
                format!("path `{}`: {e}", raw.path),
                None,
            );
            Vec::new()
        }
    };
    let mut path_params: Vec<ir::Param> = Vec::new();
    let mut header_params: Vec<ir::Param> = Vec::new();
    let mut query_params: Vec<ir::Param> = Vec::new();
    let mut envelope_params: Vec<ir::Param> = Vec::new();
    // Parameters of the included groups first, then the endpoint's own.
    let mut all_params: Vec<(usize, String, &crate::raw::RawParam)> = Vec::new();
    for (i, g) in raw.params_from.iter().enumerate() {
        match ctx.spec.param_groups.iter().find(|x| &x.name == g) {
            Some(group) => {
                for (wire, rp) in &group.raw.0 {
                    all_params.push((group.file, format!("{}.{wire}", group.path), rp));
                }
            }
            None => {
                let help = crate::diag::did_you_mean(
                    g,
                    ctx.spec.param_groups.iter().map(|x| x.name.as_str()),
                )
                .or_else(|| Some(format!("declare `{g}` under `param_groups`")));
                ctx.error(
                    f,
                    &format!("{p}.params_from.{i}"),
                    "unknown-group",
                    format!("parameter group `{g}` is not declared"),
                    help,
                );
            }
        }
    }
    // An endpoint parameter named like a group parameter replaces it in place
    // (e.g. a typed `range` for a generic one), keeping the query order.
    for (wire, rp) in &raw.params.0 {
        let own = (f, format!("{p}.params.{wire}"), rp);
        let at = all_params
            .iter()
            .position(|(_, path, _)| path.rsplit('.').next() == Some(wire.as_str()));
        match at {
            Some(i) => all_params[i] = own,
            None => all_params.push(own),
        }
    }
    for (pf, ppath, rp) in all_params {
        let wire = ppath.rsplit('.').next().unwrap_or_default().to_owned();
        let wire = &wire;
        let f = pf;
        let location = match rp.location.as_str() {
            "path" => ParamLocation::Path,
            "query" => ParamLocation::Query,
            "header" => ParamLocation::Header,
            "envelope" => ParamLocation::Envelope,
            other => {
                ctx.error(
                    f,
                    &format!("{ppath}.in"),
                    "bad-value",
                    format!("`in: {other}` is not a parameter location"),
                    Some("use `path`, `query`, `header` or `envelope`".into()),
                );
                continue;
            }
        };
        let Some(rust) = rp.rust_name.clone().or_else(|| ident::snake(wire)) else {
            ctx.error(
                f,
                &ppath,
                "bad-name",
                format!("parameter `{wire}` gives no usable Rust name"),
                Some("set `rust_name`".into()),
            );
            continue;
        };
        let Some(ty) = ctx.resolve_type(f, &format!("{ppath}.type"), &rp.ty) else {
            continue;
        };
        let scalar = matches!(
            ty,
            ir::Ty::String
                | ir::Ty::Bool
                | ir::Ty::I32
                | ir::Ty::I64
                | ir::Ty::Decimal
                | ir::Ty::Timestamp
                | ir::Ty::Date
                | ir::Ty::LocalDateTime
                | ir::Ty::Duration
                | ir::Ty::Id(_)
                | ir::Ty::Enum(_)
                | ir::Ty::ETag
        );
        let query_only = matches!(
            ty,
            ir::Ty::Interval(_) | ir::Ty::Search | ir::Ty::SqlCondition | ir::Ty::SqlSelect
        );
        let list_of_scalar = matches!(&ty, ir::Ty::List(inner) if matches!(**inner, ir::Ty::String | ir::Ty::I32 | ir::Ty::I64 | ir::Ty::Id(_) | ir::Ty::Enum(_)));
        match location {
            ParamLocation::Path if ty == ir::Ty::Entity => {}
            ParamLocation::Envelope if ty != ir::Ty::String => {
                ctx.error(
                    f,
                    &format!("{ppath}.type"),
                    "bad-type",
                    "an envelope parameter must be a `string`",
                    None,
                );
            }
            ParamLocation::Envelope => {}
            ParamLocation::Path | ParamLocation::Header if !scalar => {
                ctx.error(
                    f,
                    &format!("{ppath}.type"),
                    "bad-type",
                    format!(
                        "a {} parameter must be a scalar, not `{}`",
                        rp.location, rp.ty
                    ),
                    None,
                );
            }
            ParamLocation::Query if !scalar && !list_of_scalar && !query_only => {
                ctx.error(
                    f,
                    &format!("{ppath}.type"),
                    "bad-type",
                    format!(
                        "a query parameter must be a scalar, a list of scalars, an interval or a search expression, not `{}`",
                        rp.ty
                    ),
                    None,
                );
            }
            _ => {}
        }
        if (rp.min.is_some() || rp.max.is_some()) && !matches!(ty, ir::Ty::I32 | ir::Ty::I64) {
            ctx.error(
                f,
                &ppath,
                "bad-value",
                "`min`/`max` apply to integer parameters only",
                None,
            );
        }
        if let (Some(lo), Some(hi)) = (rp.min, rp.max) {
            if lo > hi {
                ctx.error(
                    f,
                    &format!("{ppath}.min"),
                    "bad-value",
                    format!("`min` ({lo}) is larger than `max` ({hi})"),
                    None,
                );
            }
        }
        if ty == ir::Ty::ETag && location != ParamLocation::Header {
            ctx.error(
                f,
                &format!("{ppath}.type"),
                "bad-type",
                "`etag` parameters must be headers (`in: header`)",
                None,
            );
        }
        if location == ParamLocation::Header && !super::api::valid_header_name(wire) {
            ctx.error(
                f,
                &ppath,
                "bad-header",
                format!("`{wire}` is not a valid header name"),
                None,
            );
        }
        if location == ParamLocation::Path && rp.required == Some(false) {
            ctx.error(
                f,
                &format!("{ppath}.required"),
                "bad-value",
                "path parameters are always required",
                Some("remove `required: false`".into()),
            );
        }
        let pdoc = ctx.doc(f, &ppath, &rp.doc);
        let param = ir::Param {
            wire: wire.clone(),
            rust,
            doc: pdoc,
            ty,
            required: location == ParamLocation::Path || rp.required.unwrap_or(false),
            location,
            deprecated: rp.deprecated.clone(),
            min: rp.min,
            max: rp.max,
        };
        let list = match location {
            ParamLocation::Path => &mut path_params,
            ParamLocation::Header => &mut header_params,
            ParamLocation::Query => &mut query_params,
            ParamLocation::Envelope => &mut envelope_params,
        };
        if list.iter().any(|q| q.rust == param.rust)
            || (location != ParamLocation::Query
                && ["body", "query", "records", "self_"].contains(&param.rust.as_str()))
        {
            ctx.error(
                f,
                &ppath,
                "duplicate-name",
                format!(
                    "parameter `{wire}` becomes `{}`, which is already taken",
                    param.rust
                ),
                Some("set `rust_name`".into()),
            );
            continue;
        }
        list.push(param);
    }

    // Every `{x}` must be a declared path parameter and vice versa.
    let mut path = Vec::new();
    let mut ordered: Vec<ir::Param> = Vec::new();
    for (is_param, name) in &segments {
        if !is_param {
            path.push(PathPart::Literal(name.clone()));
            continue;
        }
        match path_params.iter().find(|q| &q.wire == name) {
            Some(q) => {
                path.push(PathPart::Param(q.rust.clone()));
                ordered.push(q.clone());
            }
            None => {
                let declared: Vec<&str> = path_params.iter().map(|q| q.wire.as_str()).collect();
                let help = crate::diag::did_you_mean(name, declared).or_else(|| {
                    Some(format!(
                        "add `{name}: {{in: path, type: string, doc: ...}}` under `params`"
                    ))
                });
                ctx.error(
                    f,
                    &format!("{p}.path"),
                    "bad-path-param",
                    format!("path parameter `{{{name}}}` is not declared in `params`"),
                    help,
                );
            }
        }
    }
    for q in &path_params {
        if !segments
            .iter()
            .any(|(is_param, n)| *is_param && n == &q.wire)
        {
            ctx.error(
                f,
                &format!("{p}.params.{}", q.wire),
                "bad-path-param",
                format!(
                    "path parameter `{}` does not occur in path `{}`",
                    q.wire, raw.path
                ),
                Some(format!("add `{{{}}}` to the path or change `in`", q.wire)),
            );
        }
    }
    if path_params
        .iter()
        .filter(|q| q.ty == ir::Ty::Entity)
        .count()
        > 1
    {
        ctx.error(
            f,
            &format!("{p}.params"),
            "bad-value",
            "an endpoint takes at most one `entity` parameter",
            None,
        );
    }
    // Required query parameters of an endpoint that is not paginated are
    // method arguments (no struct to fill for one mandatory value), unless a
    // name would clash with another argument or a local of the method.
    let taken = |q: &ir::Param| {
        ["body", "query", "records", "path", "request", "self_"].contains(&q.rust.as_str())
            || ordered.iter().any(|o| o.rust == q.rust)
            || header_params.iter().any(|h| h.rust == q.rust)
            || envelope_params.iter().any(|e| e.rust == q.rust)
    };
    if raw.pagination.is_none()
        && !query_params.is_empty()
        && query_params.iter().all(|q| q.required && !taken(q))
    {
        ordered.append(&mut query_params);
    }
    ordered.extend(header_params);

    let body = raw
        .body
        .as_deref()
        .and_then(|b| ctx.resolve_type(f, &format!("{p}.body"), b));
    if matches!(http_method, Some(HttpMethod::Get)) && raw.body.is_some() {
        ctx.error(
            f,
            &format!("{p}.body"),
            "body-on-get",
            "a GET request cannot have a body",
            Some("remove `body` or use another method".into()),
        );
    }
    let response = raw
        .response
        .as_deref()
        .and_then(|r| ctx.resolve_type(f, &format!("{p}.response"), r));
    for (key, t) in [("body", &body), ("response", &response)] {
        if let Some(ir::Ty::Id(n) | ir::Ty::Enum(n)) = t {
            ctx.error(
                f,
                &format!("{p}.{key}"),
                "bad-type",
                format!("`{key}` must be a model, list, map or json, not `{n}`"),
                None,
            );
        }
    }
    let envelope = match &raw.envelope {
        Some(env) => {
            let e = super::envelopes::endpoint(ctx, f, p, env, body.is_some(), envelope_params);
            if e.as_ref().is_some_and(|e| e.wrap) && matches!(body, Some(ir::Ty::List(_))) {
                ctx.error(
                    f,
                    &format!("{p}.body"),
                    "bad-envelope",
                    "with a wrapped envelope, `body` is the record type (the method takes a slice)",
                    Some("write the element type, e.g. `record` instead of `list<record>`".into()),
                );
            }
            if response.is_none() {
                ctx.error(
                    f,
                    &format!("{p}.response"),
                    "bad-envelope",
                    "an enveloped endpoint needs `response` (the type of one result)",
                    None,
                );
            }
            e
        }
        None => {
            if let Some(x) = envelope_params.first() {
                ctx.error(
                    f,
                    &format!("{p}.params.{}", x.wire),
                    "bad-envelope",
                    "`in: envelope` parameters need an `envelope`",
                    None,
                );
            }
            None
        }
    };
    let http_method = http_method?;
    let idempotent = raw.idempotent.unwrap_or(matches!(
        http_method,
        HttpMethod::Get | HttpMethod::Put | HttpMethod::Delete
    ));

    let has_args = !ordered.is_empty();
    let (pagination, cursor) = match &raw.pagination {
        None => (None, None),
        Some(style_name) => super::pagination::resolve_endpoint(
            ctx,
            f,
            p,
            style_name,
            response.as_ref(),
            has_args,
            &query_params,
        )
        .unzip(),
    };
    let query = (!query_params.is_empty()).then(|| {
        let name = format!(
            "{}{}Query",
            resource_type.trim_end_matches("Api"),
            ident::upper_camel(&method_name).unwrap_or_default()
        );
        if ctx.names.contains_key(&name) {
            ctx.error(
                f,
                p,
                "reserved-name",
                format!("the query struct `{name}` of this endpoint clashes with a declared type"),
                Some("rename the type".into()),
            );
        }
        ir::QueryStruct {
            name,
            params: query_params,
            cursor,
        }
    });

    let mut doc = with_citation(&doc, &cite);
    if raw.addon {
        doc = format!("**[Feature]** add-on: available only after activation by the API provider's support.\n\n{doc}");
    }
    Some(ir::Endpoint {
        method_name,
        doc,
        http_method,
        path_template: raw.path.clone(),
        path,
        params: ordered,
        query,
        body,
        response,
        idempotent,
        deprecated: raw.deprecated.clone(),
        pagination,
        envelope,
        type_params: raw.type_params.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::parse_path;

    #[test]
    fn paths() {
        assert_eq!(
            parse_path("/Orders/{orderId}/commit").unwrap(),
            vec![
                (false, "Orders".into()),
                (true, "orderId".into()),
                (false, "commit".into())
            ]
        );
        assert!(parse_path("Orders").is_err());
        assert!(parse_path("/Orders/:id").is_err());
        assert!(parse_path("/Orders//x").is_err());
        assert!(parse_path("/a?b=c").is_err());
        assert!(parse_path("/a/x{id}").is_err());
    }
}
