//! The `api:` block: name, title and doc from `info`, the base URL (and
//! environments) from `servers`, the auth from the security scheme the
//! document requires, the wire case its property names follow, and the
//! error shape made from every operation's error responses.

use heck::{ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};
use openapiv3::SecurityScheme;
use serde_yaml::{Mapping, Value};

use super::Ctx;
use super::report::token;
use super::yaml::{clean, map};

/// The `api:` block.
pub fn api(cx: &mut Ctx, name: &str) -> Value {
    let info = &cx.doc.info;
    let title = clean(&info.title);
    let title = if title.is_empty() {
        name.to_owned()
    } else {
        title
    };
    let doc = info
        .description
        .as_deref()
        .map(clean)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| format!("{title}."));
    let mut out = vec![
        ("name", Value::from(name)),
        ("title", Value::String(title)),
        ("doc", Value::String(doc)),
        ("source", cx.source("/info")),
        ("wire_case", wire_case(cx).into()),
    ];
    out.extend(servers(cx));
    out.push(("auth", auth(cx)));
    if let Some(errors) = errors(cx) {
        out.push(("errors", errors));
    }
    map(out)
}

/// A wire case's name and how it converts a name.
type Case = (&'static str, fn(&str) -> String);

/// The case most property names follow; the others are exempted one by one.
fn wire_case(cx: &mut Ctx) -> &'static str {
    let cases: [Case; 3] = [
        ("snake_case", |w| w.to_snake_case()),
        ("camelCase", |w| w.to_lower_camel_case()),
        ("PascalCase", |w| w.to_upper_camel_case()),
    ];
    let names: Vec<String> = fields(&mut cx.out_models).map(|(w, _)| w).collect();
    let fits = |f: fn(&str) -> String| names.iter().filter(|w| f(w) == **w).count();
    let best = cases.iter().map(|(_, f)| fits(*f)).max().unwrap_or(0);
    let Some((case, convert)) = cases
        .iter()
        .find(|(_, f)| best > 0 && fits(*f) == best)
        .copied()
    else {
        return "as_is";
    };
    for (wire, field) in fields(&mut cx.out_models) {
        if let (true, Value::Mapping(f)) = (convert(&wire) != wire, field) {
            f.insert("wire_case".into(), "as_is".into());
        }
    }
    case
}

/// Every field of every model: `(wire name, field mapping)`.
fn fields(models: &mut Mapping) -> impl Iterator<Item = (String, &mut Value)> {
    models
        .values_mut()
        .filter_map(|m| m.get_mut("fields"))
        .filter_map(|f| f.as_mapping_mut())
        .flat_map(|f| {
            f.iter_mut()
                .filter_map(|(k, v)| k.as_str().map(|k| (k.to_owned(), v)))
        })
}

/// `base_url`, and `variables` and `environments` when the servers differ
/// only in their host.
fn servers(cx: &mut Ctx) -> Vec<(&'static str, Value)> {
    let servers = &cx.doc.servers;
    let Some(first) = servers.first() else {
        cx.report.note("/servers", "no servers: the base URL `https://api.example.com` is a placeholder; set it, or pass `.base_url(..)`");
        return vec![("base_url", "https://api.example.com".into())];
    };
    let parsed: Vec<Option<url::Url>> = servers
        .iter()
        .map(|s| url::Url::parse(&s.url).ok())
        .collect();
    let hosts_only = parsed.len() > 1
        && parsed.iter().all(|u| {
            u.as_ref().is_some_and(|u| {
                u.port().is_none() && u.scheme() == "https" && u.host_str().is_some()
            })
        })
        && parsed
            .windows(2)
            .all(|w| w[0].as_ref().map(url::Url::path) == w[1].as_ref().map(url::Url::path));
    if hosts_only {
        return host_environments(cx, &parsed);
    }
    for (i, s) in servers.iter().enumerate().skip(1) {
        cx.report.note(
            format!("/servers/{i}"),
            format!(
                "server `{}` not imported: pass it with `.base_url(..)`",
                s.url
            ),
        );
    }
    let url = match first.url.as_str() {
        u if u.starts_with("https://") => u.to_owned(),
        u if u.starts_with("http://") => {
            cx.report.note(
                "/servers/0",
                format!("`{u}` is not https: the spec's base URL is its https form"),
            );
            u.replacen("http://", "https://", 1)
        }
        u => {
            cx.report.note(
                "/servers/0",
                format!(
                    "`{u}` is relative: the base URL `https://api.example.com{u}` is a placeholder"
                ),
            );
            format!("https://api.example.com{}", u.trim_end_matches('/'))
        }
    };
    let mut out = vec![(
        "base_url",
        Value::String(url.trim_end_matches('/').to_owned()),
    )];
    if let Some(vars) = first.variables.as_ref().filter(|v| !v.is_empty()) {
        let variables: Mapping = vars
            .iter()
            .map(|(n, v)| {
                let doc = v
                    .description
                    .as_deref()
                    .map(clean)
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| format!("`{n}` (default `{}`).", v.default));
                (
                    Value::String(n.clone()),
                    map(vec![
                        ("doc", doc.into()),
                        ("source", cx.source("/servers/0")),
                    ]),
                )
            })
            .collect();
        out.push(("variables", Value::Mapping(variables)));
        out.extend(named_environments(cx));
    }
    out
}

/// Environments the document names (`x-environments: {name: {var: value}}`,
/// as `generator openapi` writes them).
fn named_environments(cx: &Ctx) -> Option<(&'static str, Value)> {
    let named = cx.doc.extensions.get("x-environments")?.as_object()?;
    let environments: Mapping = named
        .iter()
        .filter_map(|(name, values)| {
            let values: Mapping = values
                .as_object()?
                .iter()
                .filter_map(|(k, v)| Some((Value::from(k.clone()), Value::from(v.as_str()?))))
                .collect();
            let env = crate::names::RustIdent::snake(name)?.as_str().to_owned();
            let item = map(vec![
                ("doc", format!("The `{name}` environment.").into()),
                ("values", Value::Mapping(values)),
                ("source", cx.source("/x-environments")),
            ]);
            Some((Value::from(env), item))
        })
        .collect();
    (!environments.is_empty()).then_some(("environments", Value::Mapping(environments)))
}

fn host_environments(cx: &mut Ctx, parsed: &[Option<url::Url>]) -> Vec<(&'static str, Value)> {
    let urls: Vec<&url::Url> = parsed.iter().flatten().collect();
    let path = urls[0].path().trim_end_matches('/');
    let mut environments = Mapping::new();
    let mut listed = Vec::new();
    for (i, (u, s)) in urls.iter().zip(&cx.doc.servers).enumerate() {
        let host = u.host_str().unwrap_or_default();
        let described = s
            .description
            .as_deref()
            .map(clean)
            .filter(|d| !d.is_empty());
        let env = described
            .as_deref()
            .and_then(crate::names::RustIdent::snake)
            .map(|i| i.as_str().to_owned())
            .unwrap_or_else(|| format!("server_{}", i + 1));
        let doc = described.unwrap_or_else(|| format!("`{host}`."));
        listed.push(format!("`{host}`"));
        let values = map(vec![("host", host.into())]);
        environments.insert(
            env.into(),
            map(vec![
                ("doc", doc.into()),
                ("values", values),
                ("source", cx.source(&format!("/servers/{i}"))),
            ]),
        );
    }
    let variables = map(vec![(
        "host",
        map(vec![
            (
                "doc",
                format!("The API host: {}.", listed.join(" or ")).into(),
            ),
            ("source", cx.source("/servers")),
        ]),
    )]);
    vec![
        ("base_url", Value::String(format!("https://{{host}}{path}"))),
        ("variables", variables),
        ("environments", Value::Mapping(environments)),
    ]
}

/// The auth of the security scheme the document requires first.
fn auth(cx: &mut Ctx) -> Value {
    let schemes: Vec<(String, SecurityScheme)> = cx
        .doc
        .components
        .iter()
        .flat_map(|c| c.security_schemes.iter())
        .filter_map(|(n, s)| s.as_item().map(|s| (n.clone(), s.clone())))
        .collect();
    let required = cx
        .doc
        .security
        .iter()
        .flatten()
        .flat_map(|r| r.keys())
        .next()
        .cloned();
    let chosen = required.or_else(|| schemes.first().map(|(n, _)| n.clone()));
    for (name, _) in schemes.iter().filter(|(n, _)| Some(n) != chosen.as_ref()) {
        cx.report.note(
            format!("/components/securitySchemes/{}", token(name)),
            format!(
                "security scheme `{name}` not imported: the client uses `{}`",
                chosen.as_deref().unwrap_or("none")
            ),
        );
    }
    let Some((name, scheme)) = chosen.and_then(|c| schemes.into_iter().find(|(n, _)| *n == c))
    else {
        return map(vec![
            ("kind", "none".into()),
            (
                "assumption",
                "The document declares no security scheme.".into(),
            ),
        ]);
    };
    let at = format!("/components/securitySchemes/{}", token(&name));
    let source = cx.source(&at);
    match scheme {
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
            map(vec![("kind", "bearer".into()), ("source", source)])
        }
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
            map(vec![("kind", "basic".into()), ("source", source)])
        }
        SecurityScheme::OAuth2 { flows, .. } if flows.client_credentials.is_some() => {
            let token_url = flows
                .client_credentials
                .map(|f| f.token_url)
                .unwrap_or_default();
            map(vec![
                ("kind", "bearer".into()),
                (
                    "client_credentials",
                    map(vec![("token_url", token_url.into())]),
                ),
                ("source", source),
            ])
        }
        SecurityScheme::APIKey {
            location,
            name: key,
            ..
        } => {
            let what = format!(
                "API key in {location:?} `{key}` (`{name}`) not imported: the spec language has bearer, basic and session auth; the client sends no credentials until this is finished by hand"
            );
            cx.report.note(&at, &what);
            map(vec![
                ("kind", "none".into()),
                ("source", source),
                ("assumption", what.into()),
            ])
        }
        _ => {
            let what = format!(
                "security scheme `{name}` read as a bearer token: check how the API authenticates"
            );
            cx.report.note(&at, &what);
            map(vec![
                ("kind", "bearer".into()),
                ("source", source),
                ("assumption", what.into()),
            ])
        }
    }
}

/// `errors:` from every operation's error responses: the body (one model,
/// or the error models merged), its code and message fields, the statuses.
fn errors(cx: &mut Ctx) -> Option<Value> {
    let responses = std::mem::take(&mut cx.errors);
    let first = responses.first()?;
    let source = cx.source(&first.pointer);
    let mut statuses: Vec<(u16, String)> = Vec::new();
    let mut bodies: Vec<String> = Vec::new();
    for r in &responses {
        if let Some(s) = r.status.filter(|s| !statuses.iter().any(|(t, _)| t == s)) {
            let doc = if r.description.is_empty() {
                format!("HTTP {s}.")
            } else {
                r.description.clone()
            };
            statuses.push((s, doc));
        }
        if let Some(b) = r
            .body
            .as_ref()
            .filter(|b| cx.out_models.contains_key(b.as_str()) && !bodies.contains(b))
        {
            bodies.push(b.clone());
        }
    }
    statuses.sort();
    let mut out = vec![("source", source)];
    let preferred = responses
        .iter()
        .find(|r| r.status.is_none())
        .and_then(|r| r.body.clone());
    if let Some(body) = super::errors::body(cx, &bodies, preferred.as_deref()) {
        out.extend(super::errors::fields(cx, &body));
        out.insert(0, ("body", body.into()));
    }
    let statuses: Mapping = statuses
        .into_iter()
        .map(|(s, d)| (Value::from(s), map(vec![("doc", d.into())])))
        .collect();
    if !statuses.is_empty() {
        out.push(("statuses", Value::Mapping(statuses)));
    }
    Some(map(out))
}
