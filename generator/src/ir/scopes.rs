//! Every name the emitters define, by the Rust scope it is defined in, with
//! where it comes from. Validation checks that each scope holds each name
//! once ([`crate::validate`]'s scope step), so a spec that validates cannot
//! emit two items of one name; a tidy test checks the emitted builders
//! against [`RUNTIME_BUILDER_METHODS`] and [`AuthScheme::builder_methods`].

use super::{Api, AuthScheme, Resource, ResponseBody, Settings, TypeSpace};
use crate::names;

/// The methods the runtime's `client_builder_methods!` gives every
/// `ClientBuilder`.
pub const RUNTIME_BUILDER_METHODS: &[&str] = &[
    "allow_insecure_http",
    "base_url",
    "build",
    "connect_timeout",
    "credentials",
    "http_client",
    "max_body_size",
    "retry_policy",
    "timeout",
    "user_agent",
];

/// The methods the runtime's `client_execute_methods!` gives every `Client`.
pub const RUNTIME_CLIENT_METHODS: &[&str] = &["execute", "execute_empty"];

/// The items of an API module the emitters define for every API (beside the
/// spec's types, query structs, status enums and handles).
const API_ITEMS: &[&str] = &["Client", "ClientBuilder", "Environment", "Error", "Result"];

/// A Rust scope the emitters define names in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// The API module's types: the client items (`Client`, `Error`,
    /// handles, query structs, status enums), re-exported from its client
    /// module.
    ApiTypes,
    /// The `models` module: the spec's ids, enums, models and input twins.
    /// Generated code reaches the runtime through `rt::` and the models
    /// through `models::`, so these share no scope with the client items.
    Models,
    /// `impl Client`.
    ClientMethods,
    /// `impl ClientBuilder`.
    BuilderMethods,
    /// The `impl` of one resource handle type.
    Handle(String),
}

impl Scope {
    /// How diagnostics name the scope.
    pub fn describe(&self) -> String {
        match self {
            Scope::ApiTypes => "the API module's types".into(),
            Scope::Models => "the `models` module".into(),
            Scope::ClientMethods => "the methods of `Client`".into(),
            Scope::BuilderMethods => "the methods of `ClientBuilder`".into(),
            Scope::Handle(t) => format!("the methods of `{t}`"),
        }
    }
}

/// Where a defined name comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// The runtime or the generator defines it for every API.
    Fixed,
    /// The auth scheme (`api.auth`).
    Auth,
    /// The environments (`api.environments`).
    Environments,
    /// A base URL variable, by its wire name.
    Variable(String),
    /// An overridable header, by its name as written.
    Header(String),
    /// A resource, by its accessor.
    Resource(String),
    /// An endpoint, by its resource's accessor and its method.
    Endpoint { resource: String, method: String },
    /// A declared type (or the model an input twin is made from), by name.
    Type(String),
}

/// One name defined in a scope.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Defined {
    pub scope: Scope,
    pub name: String,
    pub origin: Origin,
}

impl AuthScheme {
    /// The builder methods the scheme gives `ClientBuilder` (an API key
    /// method's name is the spec's, listed by [`defined`]).
    pub fn builder_methods(&self) -> &'static [&'static str] {
        match self {
            AuthScheme::None => &[],
            AuthScheme::Bearer {
                client_credentials: None,
            } => &["bearer_token", "token_provider"],
            AuthScheme::Bearer {
                client_credentials: Some(_),
            } => &[
                "bearer_token",
                "token_provider",
                "client_credentials",
                "token_url",
            ],
            AuthScheme::Basic { .. } => &["basic_auth"],
            AuthScheme::Session(_) => &["session_login", "session_id"],
        }
    }

    /// The methods the scheme gives `Client`.
    pub fn client_methods(&self) -> &'static [&'static str] {
        match self {
            AuthScheme::Session(_) => &["login", "logout"],
            AuthScheme::None | AuthScheme::Bearer { .. } | AuthScheme::Basic { .. } => &[],
        }
    }
}

impl Api {
    /// Every name this API's emitted code defines, by scope.
    pub fn defined_names(&self) -> Vec<Defined> {
        defined(&self.settings, &self.resources, &self.types)
    }
}

/// Every name the emitted code of an API with these parts defines.
pub fn defined(settings: &Settings, resources: &[Resource], types: &TypeSpace) -> Vec<Defined> {
    let mut out = Vec::new();
    builder_names(settings, &mut out);
    client_names(settings, resources, &mut out);
    type_names(resources, types, &mut out);
    for r in resources {
        handle_names(r, &mut out);
    }
    out
}

fn push(out: &mut Vec<Defined>, scope: &Scope, name: &str, origin: Origin) {
    out.push(Defined {
        scope: scope.clone(),
        name: name.to_owned(),
        origin,
    });
}

fn builder_names(settings: &Settings, out: &mut Vec<Defined>) {
    let scope = Scope::BuilderMethods;
    for m in RUNTIME_BUILDER_METHODS {
        push(out, &scope, m, Origin::Fixed);
    }
    for m in settings.auth.scheme.builder_methods() {
        push(out, &scope, m, Origin::Auth);
    }
    if let AuthScheme::Basic { api_key: Some(k) } = &settings.auth.scheme {
        push(out, &scope, k.method.as_str(), Origin::Auth);
    }
    if !settings.environments.is_empty() {
        push(out, &scope, "environment", Origin::Environments);
    }
    for v in &settings.variables {
        let origin = Origin::Variable(v.wire.clone());
        push(out, &scope, v.method.as_str(), origin);
    }
    for h in &settings.overridable_headers {
        let origin = Origin::Header(h.header.name.clone());
        push(out, &scope, h.method.as_str(), origin);
    }
}

fn client_names(settings: &Settings, resources: &[Resource], out: &mut Vec<Defined>) {
    let scope = Scope::ClientMethods;
    for m in RUNTIME_CLIENT_METHODS
        .iter()
        .chain(&["builder", "base_url"])
    {
        push(out, &scope, m, Origin::Fixed);
    }
    for m in settings.auth.scheme.client_methods() {
        push(out, &scope, m, Origin::Auth);
    }
    for r in resources {
        let origin = Origin::Resource(r.accessor.to_string());
        push(out, &scope, r.accessor.as_str(), origin);
    }
}

fn type_names(resources: &[Resource], types: &TypeSpace, out: &mut Vec<Defined>) {
    let scope = Scope::ApiTypes;
    for name in API_ITEMS {
        push(out, &scope, name, Origin::Fixed);
    }
    for (_, def) in types.sorted() {
        let scope = Scope::Models;
        let name = def.name.as_str();
        // An input twin comes from its model.
        let from = name
            .strip_suffix(names::INPUT_SUFFIX)
            .filter(|m| types.has_name(m))
            .unwrap_or(name);
        push(out, &scope, name, Origin::Type(from.to_owned()));
    }
    for r in resources {
        let origin = Origin::Resource(r.accessor.to_string());
        push(out, &scope, r.type_name.as_str(), origin);
        for e in &r.endpoints {
            let origin = || Origin::Endpoint {
                resource: r.accessor.to_string(),
                method: e.method.to_string(),
            };
            if let Some(q) = &e.query {
                push(out, &scope, q.name.as_str(), origin());
            }
            if let ResponseBody::ByStatus(s) = &e.response {
                push(out, &scope, s.name.as_str(), origin());
            }
        }
    }
}

fn handle_names(r: &Resource, out: &mut Vec<Defined>) {
    let scope = Scope::Handle(r.type_name.to_string());
    for e in &r.endpoints {
        let origin = || Origin::Endpoint {
            resource: r.accessor.to_string(),
            method: e.method.to_string(),
        };
        push(out, &scope, e.method.as_str(), origin());
        if let Some(t) = &e.typed_records {
            push(out, &scope, t.as_str(), origin());
        }
        if let Some(p) = &e.pagination {
            push(out, &scope, p.pages_method.as_str(), origin());
            push(out, &scope, p.items_method.as_str(), origin());
            if let Some(b) = &p.backward {
                push(out, &scope, b.pages_method.as_str(), origin());
                push(out, &scope, b.items_method.as_str(), origin());
            }
        }
    }
}
