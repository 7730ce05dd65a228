//! `generator openapi`: an OpenAPI 3.1 document per API, so a spec feeds
//! docs portals, mock servers and other generators. What OpenAPI cannot
//! state is kept as documented `x-` extensions (spec/README.md, "Exporting
//! OpenAPI"): session login (`x-session`), environments, envelopes,
//! string-encoded scalars, search and SQL expressions, pagination.

mod operations;
mod schemas;

use serde_yaml::{Mapping, Value};

use crate::ir::{Api, AuthScheme, Package};
use schemas::map;

fn servers(api: &Api) -> Value {
    let s = &api.settings;
    let mut server = vec![("url", Value::from(s.base_url.clone()))];
    if !s.variables.is_empty() {
        let vars: Mapping = s
            .variables
            .iter()
            .map(|v| {
                let default = s
                    .environments
                    .first()
                    .and_then(|e| e.values.iter().find(|h| h.name == v.wire))
                    .map_or_else(|| v.wire.clone(), |h| h.value.clone());
                (
                    v.wire.clone().into(),
                    map(vec![
                        ("default", default.into()),
                        ("description", v.doc.text.trim().into()),
                    ]),
                )
            })
            .collect();
        server.push(("variables", Value::Mapping(vars)));
    }
    Value::Sequence(vec![map(server)])
}

fn security(api: &Api) -> Option<(Value, &'static str)> {
    let scheme = match &api.settings.auth.scheme {
        AuthScheme::None => return None,
        AuthScheme::Bearer {
            client_credentials: None,
        } => map(vec![("type", "http".into()), ("scheme", "bearer".into())]),
        AuthScheme::Bearer {
            client_credentials: Some(c),
        } => map(vec![
            ("type", "oauth2".into()),
            (
                "flows",
                map(vec![(
                    "clientCredentials",
                    map(vec![
                        ("tokenUrl", c.token_url.clone().into()),
                        ("scopes", Value::Mapping(Mapping::new())),
                    ]),
                )]),
            ),
        ]),
        AuthScheme::Basic { api_key } => {
            let mut pairs = vec![("type", Value::from("http")), ("scheme", "basic".into())];
            if api_key.is_some() {
                pairs.push(("x-api-key-as-user", true.into()));
            }
            map(pairs)
        }
        AuthScheme::Session(s) => map(vec![
            ("type", "apiKey".into()),
            ("in", "header".into()),
            ("name", s.header.clone().into()),
            (
                "x-session",
                map(vec![
                    ("login", s.login_path.clone().into()),
                    ("username", s.username_field.clone().into()),
                    ("password", s.password_field.clone().into()),
                    ("session-id", s.session_id.clone().into()),
                ]),
            ),
        ]),
    };
    Some((scheme, "auth"))
}

/// The OpenAPI 3.1 document of one API, as YAML text.
pub fn openapi(api: &Api, package: &Package) -> Result<String, String> {
    let mut paths = Mapping::new();
    for r in &api.resources {
        for e in &r.endpoints {
            let item = paths
                .entry(e.path_template.clone().into())
                .or_insert_with(|| Value::Mapping(Mapping::new()));
            if let Value::Mapping(m) = item {
                m.insert(
                    e.http_method.as_str().to_lowercase().into(),
                    operations::operation(api, r, e),
                );
            }
        }
    }
    let schemas: Mapping = api
        .types
        .sorted()
        .map(|(_, d)| (d.name.to_string().into(), schemas::component(d, &api.types)))
        .collect();
    let mut components = vec![("schemas", Value::Mapping(schemas))];
    let security = security(api);
    if let Some((scheme, name)) = &security {
        components.push(("securitySchemes", map(vec![(name, scheme.clone())])));
    }
    let tags: Vec<Value> = api
        .resources
        .iter()
        .map(|r| {
            map(vec![
                ("name", r.accessor.to_string().into()),
                ("description", r.doc.text.trim().into()),
            ])
        })
        .collect();
    let mut doc = vec![
        ("openapi", Value::from("3.1.0")),
        (
            "info",
            map(vec![
                ("title", api.title.clone().into()),
                ("description", api.doc.text.trim().into()),
                ("version", package.version.clone().into()),
            ]),
        ),
        ("servers", servers(api)),
    ];
    if let Some((_, name)) = security {
        doc.push((
            "security",
            Value::Sequence(vec![map(vec![(name, Value::Sequence(vec![]))])]),
        ));
    }
    doc.push(("tags", Value::Sequence(tags)));
    doc.push(("paths", Value::Mapping(paths)));
    doc.push(("components", map(components)));
    if !api.settings.environments.is_empty() {
        let envs: Mapping = api
            .settings
            .environments
            .iter()
            .map(|e| {
                (
                    e.variant.to_string().into(),
                    Value::Mapping(
                        e.values
                            .iter()
                            .map(|h| (h.name.clone().into(), h.value.clone().into()))
                            .collect(),
                    ),
                )
            })
            .collect();
        doc.push(("x-environments", Value::Mapping(envs)));
    }
    let header = format!(
        "# @generated by the `generator` crate from the spec of `{}`: an OpenAPI 3.1 export.\n",
        api.module
    );
    serde_yaml::to_string(&map(doc))
        .map(|t| format!("{header}{t}"))
        .map_err(|e| format!("openapi export: {e}"))
}
