//! `api.auth`: the scheme (bearer with optional OAuth2 client credentials,
//! basic with an optional API-key method, session login, none).

use super::base_url::url_variables;
use super::{Reporter, session};
use crate::diag::Rule;
use crate::ir::{ApiKeyMethod, Auth, AuthScheme, ClientCredentials, RustIdent};
use crate::raw::{RawAuth, RawBasic, RawClientCredentials};

pub(super) fn lower(cx: &mut Reporter<'_>, f: usize, raw: &RawAuth, url_vars: &[String]) -> Auth {
    let assumption = cx.citation(
        f,
        "api.auth",
        raw.source.as_deref(),
        raw.assumption.as_deref(),
        true,
    );
    let client_credentials = raw
        .client_credentials
        .as_ref()
        .map(|cc| client_credentials(cx, f, raw, cc, url_vars));
    let api_key = raw.basic.as_ref().and_then(|b| basic(cx, f, raw, b));
    let session = raw.session.as_ref().and_then(|s| {
        if raw.kind != "session" {
            cx.error(
                f,
                "api.auth.session",
                Rule::BadValue,
                "`session` settings need `kind: session`",
                None,
            );
        }
        session::lower(cx, f, s)
    });
    let scheme = match raw.kind.as_str() {
        "bearer" => AuthScheme::Bearer { client_credentials },
        "basic" => AuthScheme::Basic { api_key },
        "none" => AuthScheme::None,
        "session" => match session {
            Some(s) => AuthScheme::Session(s),
            None => {
                if raw.session.is_none() {
                    cx.error(
                        f,
                        "api.auth",
                        Rule::MissingKey,
                        "`kind: session` needs `session:` settings",
                        Some("add `session: {login_path, login_doc, username_field, password_field, session_id, header}`".into()),
                    );
                }
                AuthScheme::None
            }
        },
        other => {
            cx.error(
                f,
                "api.auth.kind",
                Rule::BadValue,
                format!("unknown auth kind `{other}`"),
                Some("use `bearer`, `basic`, `session` or `none`".into()),
            );
            AuthScheme::None
        }
    };
    Auth { scheme, assumption }
}

fn client_credentials(
    cx: &mut Reporter<'_>,
    f: usize,
    raw: &RawAuth,
    cc: &RawClientCredentials,
    url_vars: &[String],
) -> ClientCredentials {
    if raw.kind != "bearer" {
        cx.error(
            f,
            "api.auth.client_credentials",
            Rule::BadValue,
            "`client_credentials` needs `kind: bearer`",
            None,
        );
    }
    let path = "api.auth.client_credentials.token_url";
    match url_variables(&cc.token_url) {
        Ok(vars) => {
            for v in vars.iter().filter(|v| !url_vars.contains(v)) {
                cx.error(
                    f,
                    path,
                    Rule::UndeclaredVariable,
                    format!("token URL variable `{{{v}}}` is not a base URL variable"),
                    None,
                );
            }
        }
        Err(e) => cx.error(f, path, Rule::BadUrl, e, None),
    }
    ClientCredentials {
        token_url: cc.token_url.clone(),
    }
}

fn basic(cx: &mut Reporter<'_>, f: usize, raw: &RawAuth, basic: &RawBasic) -> Option<ApiKeyMethod> {
    if raw.kind != "basic" {
        cx.error(
            f,
            "api.auth.basic",
            Rule::BadValue,
            "`basic` settings need `kind: basic`",
            None,
        );
    }
    match (&basic.api_key_method, &basic.api_key_doc) {
        (Some(m), Some(d)) => match RustIdent::snake(m) {
            Some(method) if method.to_string() == *m => {
                let doc = cx.doc(f, "api.auth.basic.api_key", d);
                Some(ApiKeyMethod {
                    method,
                    doc: crate::ir::Doc::plain(doc),
                })
            }
            _ => {
                cx.error(
                    f,
                    "api.auth.basic.api_key_method",
                    Rule::BadName,
                    format!("`{m}` is not a snake_case method name"),
                    None,
                );
                None
            }
        },
        (None, None) => None,
        _ => {
            cx.error(
                f,
                "api.auth.basic",
                Rule::MissingKey,
                "`api_key_method` and `api_key_doc` go together",
                Some("give both or neither".into()),
            );
            None
        }
    }
}
