//! The `api:` block: name, base URL and its variables, environments, auth,
//! headers and the error shape.

use super::{with_citation, Ctx, NameKind, WireCase};
use crate::ident;
use crate::ir;

fn url_variables(template: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').ok_or("a `{` is not closed")? + start;
        let name = &rest[start + 1..end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("`{{{name}}}` is not a valid variable"));
        }
        out.push(name.to_owned());
        rest = &rest[end + 1..];
    }
    if rest.contains('}') {
        return Err("a `}` has no opening `{`".into());
    }
    Ok(out)
}

pub(super) fn lower(ctx: &mut Ctx<'_>) -> Option<ir::Api> {
    let spec = ctx.spec;
    let Some(item) = spec.api.first() else {
        if !spec.files.is_empty() && spec.broken_files == 0 {
            ctx.error(
                0,
                "api",
                "missing-api",
                "no file of this API has an `api:` block",
                Some("add an `api:` block (name, title, doc, base_url, auth) to one file".into()),
            );
        }
        return None;
    };
    for dup in spec.api.iter().skip(1) {
        ctx.error(
            dup.file,
            "api",
            "duplicate-name",
            format!(
                "a second `api:` block (the first is in {})",
                spec.files[item.file].name
            ),
            Some("keep one `api:` block per API folder".into()),
        );
    }
    let (f, raw) = (item.file, &item.raw);
    let module = match ident::snake(&raw.name) {
        Some(m) if m == raw.name => m,
        other => {
            ctx.error(
                f,
                "api.name",
                "bad-name",
                format!(
                    "API name `{}` must be a snake_case Rust module name",
                    raw.name
                ),
                other.map(|m| format!("did you mean `{m}`?")),
            );
            raw.name.clone()
        }
    };
    let doc = ctx.doc(f, "api", &raw.doc);
    let citation = ctx.citation(
        f,
        "api",
        raw.source.as_deref(),
        raw.assumption.as_deref(),
        true,
    );

    ctx.wire_case = match raw.wire_case.as_deref() {
        None | Some("as_is") => WireCase::AsIs,
        Some("PascalCase") => WireCase::Pascal,
        Some("snake_case") => WireCase::Snake,
        Some("camelCase") => WireCase::Camel,
        Some(other) => {
            ctx.error(
                f,
                "api.wire_case",
                "bad-value",
                format!("unknown wire case `{other}`"),
                Some("use `PascalCase`, `snake_case`, `camelCase` or `as_is`".into()),
            );
            WireCase::AsIs
        }
    };

    // Base URL and variables.
    let used = match url_variables(&raw.base_url) {
        Ok(v) => v,
        Err(e) => {
            ctx.error(
                f,
                "api.base_url",
                "bad-url",
                format!("base URL `{}`: {e}", raw.base_url),
                Some("write variables as `{name}`".into()),
            );
            Vec::new()
        }
    };
    if !raw.base_url.starts_with("https://") {
        ctx.error(
            f,
            "api.base_url",
            "bad-url",
            format!("base URL `{}` must start with `https://`", raw.base_url),
            Some("APIs are reached over HTTPS; tests override the URL at run time".into()),
        );
    }
    let mut variables = Vec::new();
    for (name, v) in &raw.variables.0 {
        let path = format!("api.variables.{name}");
        if !used.contains(name) {
            ctx.error(
                f,
                &path,
                "unused-variable",
                format!("variable `{name}` does not occur in the base URL"),
                Some(format!(
                    "use `{{{name}}}` in `base_url` or remove the variable"
                )),
            );
        }
        let vdoc = ctx.doc(f, &path, &v.doc);
        let vcite = ctx.citation(
            f,
            &path,
            v.source.as_deref(),
            v.assumption.as_deref(),
            false,
        );
        variables.push(ir::Variable {
            wire: name.clone(),
            method: ident::snake(name).unwrap_or_else(|| name.clone()),
            doc: with_citation(&vdoc, &vcite),
        });
    }
    for name in &used {
        if !raw.variables.0.iter().any(|(n, _)| n == name) {
            ctx.error(
                f,
                "api.base_url",
                "undeclared-variable",
                format!("base URL variable `{{{name}}}` is not declared"),
                Some(format!("add `{name}: {{doc: ...}}` under `api.variables`")),
            );
        }
    }

    let mut environments = Vec::new();
    for (name, env) in &raw.environments.0 {
        let path = format!("api.environments.{name}");
        let edoc = ctx.doc(f, &path, &env.doc);
        let ecite = ctx.citation(
            f,
            &path,
            env.source.as_deref(),
            env.assumption.as_deref(),
            false,
        );
        for (var, _) in &env.values.0 {
            if !used.contains(var) {
                let help = crate::diag::did_you_mean(var, used.iter().map(String::as_str));
                ctx.error(
                    f,
                    &format!("{path}.values.{var}"),
                    "undeclared-variable",
                    format!("environment `{name}` sets `{var}`, which is not a base URL variable"),
                    help,
                );
            }
        }
        let variant = ident::upper_camel(name).unwrap_or_else(|| name.clone());
        let values = used
            .iter()
            .filter_map(|u| env.values.0.iter().find(|(n, _)| n == u).cloned())
            .collect();
        environments.push(ir::Environment {
            variant,
            doc: with_citation(&edoc, &ecite),
            values,
        });
    }

    // Auth.
    let auth_cite = ctx.citation(
        f,
        "api.auth",
        raw.auth.source.as_deref(),
        raw.auth.assumption.as_deref(),
        true,
    );
    let mut auth = ir::Auth {
        doc: auth_cite,
        ..ir::Auth::default()
    };
    match raw.auth.kind.as_str() {
        "bearer" => auth.bearer = true,
        "basic" => auth.basic = true,
        "none" => {}
        "session" => {
            if raw.auth.session.is_none() {
                ctx.error(
                    f,
                    "api.auth",
                    "missing-key",
                    "`kind: session` needs `session:` settings",
                    Some("add `session: {login_path, login_doc, username_field, password_field, session_id, header}`".into()),
                );
            }
        }
        other => ctx.error(
            f,
            "api.auth.kind",
            "bad-value",
            format!("unknown auth kind `{other}`"),
            Some("use `bearer`, `basic`, `session` or `none`".into()),
        ),
    }
    if let Some(cc) = &raw.auth.client_credentials {
        if raw.auth.kind != "bearer" {
            ctx.error(
                f,
                "api.auth.client_credentials",
                "bad-value",
                "`client_credentials` needs `kind: bearer`",
                None,
            );
        }
        match url_variables(&cc.token_url) {
            Ok(vars) => {
                for v in vars.iter().filter(|v| !used.contains(v)) {
                    ctx.error(
                        f,
                        "api.auth.client_credentials.token_url",
                        "undeclared-variable",
                        format!("token URL variable `{{{v}}}` is not a base URL variable"),
                        None,
                    );
                }
            }
            Err(e) => ctx.error(
                f,
                "api.auth.client_credentials.token_url",
                "bad-url",
                e,
                None,
            ),
        }
        auth.client_credentials = Some(cc.token_url.clone());
    }
    if let Some(basic) = &raw.auth.basic {
        if raw.auth.kind != "basic" {
            ctx.error(
                f,
                "api.auth.basic",
                "bad-value",
                "`basic` settings need `kind: basic`",
                None,
            );
        }
        match (&basic.api_key_method, &basic.api_key_doc) {
            (Some(m), Some(d)) => match ident::snake(m) {
                Some(snake) if &snake == m => {
                    let d = ctx.doc(f, "api.auth.basic.api_key", d);
                    auth.api_key = Some((snake, d));
                }
                _ => ctx.error(
                    f,
                    "api.auth.basic.api_key_method",
                    "bad-name",
                    format!("`{m}` is not a snake_case method name"),
                    None,
                ),
            },
            (None, None) => {}
            _ => ctx.error(
                f,
                "api.auth.basic",
                "missing-key",
                "`api_key_method` and `api_key_doc` go together",
                Some("give both or neither".into()),
            ),
        }
    }
    if let Some(session) = &raw.auth.session {
        if raw.auth.kind != "session" {
            ctx.error(
                f,
                "api.auth.session",
                "bad-value",
                "`session` settings need `kind: session`",
                None,
            );
        }
        auth.session = super::session::lower(ctx, f, session);
    }
    let envelopes = super::envelopes::lower(ctx, f, &raw.envelopes);

    let timestamp_format = raw.timestamp_format.as_ref().map(|t| {
        let style = match t.offset.as_str() {
            "Z" => "Zulu",
            "+HH:MM" => "Colon",
            "+HHMM" => "NoColon",
            other => {
                ctx.error(
                    f,
                    "api.timestamp_format.offset",
                    "bad-value",
                    format!("unknown offset style `{other}`"),
                    Some("use `Z`, `+HH:MM` or `+HHMM`".into()),
                );
                "Zulu"
            }
        };
        if t.fraction_digits > 9 {
            ctx.error(
                f,
                "api.timestamp_format.fraction_digits",
                "bad-value",
                "at most 9 fraction digits",
                None,
            );
        }
        (t.fraction_digits.min(9), style)
    });

    let mut default_headers = Vec::new();
    for (name, value) in &raw.default_headers.0 {
        if !valid_header_name(name) || value.chars().any(|c| c.is_control()) {
            ctx.error(
                f,
                &format!("api.default_headers.{name}"),
                "bad-header",
                format!("`{name}: {value}` is not a valid header"),
                None,
            );
        }
        default_headers.push((name.to_ascii_lowercase(), value.clone()));
    }
    let h = &raw.response_headers;
    for (key, value) in [
        ("etag", &h.etag),
        ("rate_limit_limit", &h.rate_limit_limit),
        ("rate_limit_remaining", &h.rate_limit_remaining),
        ("request_id", &h.request_id),
    ] {
        if value.as_deref().is_some_and(|v| !valid_header_name(v)) {
            ctx.error(
                f,
                &format!("api.response_headers.{key}"),
                "bad-header",
                format!(
                    "`{}` is not a valid header name",
                    value.as_deref().unwrap_or_default()
                ),
                None,
            );
        }
    }
    let headers = ir::ResponseHeaders {
        etag: h.etag.clone(),
        rate_limit_limit: h.rate_limit_limit.clone(),
        rate_limit_remaining: h.rate_limit_remaining.clone(),
        request_id: h.request_id.clone(),
    };

    let mut error_statuses = Vec::new();
    let mut error_doc = String::new();
    if let Some(errors) = &raw.errors {
        let ecite = ctx.citation(
            f,
            "api.errors",
            errors.source.as_deref(),
            errors.assumption.as_deref(),
            true,
        );
        for (status, s) in &errors.statuses.0 {
            if !(400..=599).contains(status) {
                ctx.error(
                    f,
                    &format!("api.errors.statuses.{status}"),
                    "bad-status",
                    format!("`{status}` is not an error status (400-599)"),
                    None,
                );
            }
            error_statuses.push((*status, s.doc.trim().to_owned()));
        }
        error_statuses.sort_by_key(|(s, _)| *s);
        error_doc = ecite;
    }

    Some(ir::Api {
        module,
        title: raw.title.trim().to_owned(),
        doc: with_citation(&doc, &citation),
        spec_files: Vec::new(),
        base_url: raw.base_url.clone(),
        variables,
        environments,
        auth,
        timestamp_format,
        headers,
        default_headers,
        error_body: None,
        error_details: ir::ErrorDetails::default(),
        error_statuses,
        error_doc,
        envelopes,
        ids: Vec::new(),
        enums: Vec::new(),
        models: Vec::new(),
        resources: Vec::new(),
    })
}

/// Resolves `api.errors.body`, `code` and `message` once the models are lowered.
pub(super) fn resolve_error_body(
    ctx: &mut Ctx<'_>,
    models: &[ir::Model],
    enums: &[ir::Enum],
) -> (Option<String>, ir::ErrorDetails) {
    let mut details = ir::ErrorDetails::default();
    let Some(item) = ctx.spec.api.first() else {
        return (None, details);
    };
    let Some(errors) = item.raw.errors.as_ref() else {
        return (None, details);
    };
    let f = item.file;
    let Some(body) = errors.body.as_ref() else {
        if errors.code.is_some() || !errors.message.is_empty() {
            ctx.error(
                f,
                "api.errors",
                "missing-key",
                "`code` and `message` name fields of `body`, which is not given",
                Some("add `body: <ErrorModel>`".into()),
            );
        }
        return (None, details);
    };
    match ctx.names.get(body) {
        Some(NameKind::Model) => {}
        None if ctx.spec.broken_names.contains(body) => return (None, details),
        _ => {
            let names: Vec<String> = ctx
                .names
                .iter()
                .filter(|(_, k)| **k == NameKind::Model)
                .map(|(n, _)| n.clone())
                .collect();
            let help = crate::diag::did_you_mean(body, names.iter().map(String::as_str))
                .or_else(|| Some("name a model declared under `models`".into()));
            ctx.error(
                f,
                "api.errors.body",
                "unknown-type",
                format!("error body `{body}` is not a model"),
                help,
            );
            return (None, details);
        }
    }
    let Some(mut model) = models.iter().find(|m| &m.name == body) else {
        return (Some(body.clone()), details); // its own problems were reported
    };
    if let Some(item) = &errors.item {
        let inner = match model.fields.iter().find(|x| &x.wire == item) {
            Some(x) => match &x.ty {
                ir::Ty::List(t) if x.presence == ir::Presence::Required => match &**t {
                    ir::Ty::Model(m) => models
                        .iter()
                        .find(|mm| &mm.name == m)
                        .map(|mm| (x.rust.clone(), mm)),
                    _ => None,
                },
                _ => None,
            },
            None => None,
        };
        match inner {
            Some((rust, m)) => {
                details.item = Some(rust);
                model = m;
            }
            None => {
                ctx.error(
                    f,
                    "api.errors.item",
                    "unknown-field",
                    format!("`{item}` is not a required `list<Model>` field of `{body}`"),
                    crate::diag::did_you_mean(item, model.fields.iter().map(|x| x.wire.as_str())),
                );
                return (Some(body.clone()), details);
            }
        }
    }
    let body = &model.name;
    let field = |ctx: &mut Ctx<'_>, key: &str, wire: &str| {
        let found = model.fields.iter().find(|x| x.wire == wire);
        if found.is_none() {
            let help =
                crate::diag::did_you_mean(wire, model.fields.iter().map(|x| x.wire.as_str()));
            ctx.error(
                f,
                &format!("api.errors.{key}"),
                "unknown-field",
                format!("`{wire}` is not a field of `{body}`"),
                help,
            );
        }
        found.cloned()
    };
    if let Some(code) = &errors.code {
        if let Some(x) = field(ctx, "code", code) {
            details.code_hints = matches!(&x.ty, ir::Ty::Enum(e) if enums.iter().any(|en| &en.name == e && en.variants.iter().any(|v| v.hint.is_some())));
            details.code = Some((x.rust, x.presence != ir::Presence::Required, x.ty));
        }
    }
    for m in &errors.message {
        if let Some(x) = field(ctx, "message", m) {
            if x.ty != ir::Ty::String {
                ctx.error(
                    f,
                    "api.errors.message",
                    "bad-type",
                    format!("message field `{m}` must be a `string`"),
                    None,
                );
            }
            details
                .messages
                .push((x.rust, x.presence != ir::Presence::Required));
        }
    }
    (errors.body.clone(), details)
}

pub(super) fn valid_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
