//! `api.auth.session`: the login and logout calls and the session header.

use super::Reporter;
use super::header_name::valid_header_name;
use crate::diag::Rule;
use crate::ir;

/// Lowers the session settings; `None` after reporting a problem.
pub(super) fn lower(
    ctx: &mut Reporter<'_>,
    f: usize,
    raw: &crate::raw::RawSession,
) -> Option<ir::Session> {
    let p = "api.auth.session";
    let mut ok = true;
    for (key, path) in [
        ("login_path", &raw.login_path),
        (
            "logout_path",
            raw.logout_path.as_ref().unwrap_or(&raw.login_path),
        ),
    ] {
        if !path.starts_with('/') || path.contains(['?', '#', '{', ' ']) {
            ctx.error(
                f,
                &format!("{p}.{key}"),
                Rule::BadPath,
                format!("`{path}` must be a plain path starting with `/`"),
                None,
            );
            ok = false;
        }
    }
    if !raw.session_id.starts_with('/') {
        ctx.error(
            f,
            &format!("{p}.session_id"),
            Rule::BadValue,
            format!("`{}` is not a JSON pointer", raw.session_id),
            Some("write a JSON pointer such as `/loginResponse/0/SessionID`".into()),
        );
        ok = false;
    }
    if !valid_header_name(&raw.header) {
        ctx.error(
            f,
            &format!("{p}.header"),
            Rule::BadHeader,
            format!("`{}` is not a valid header name", raw.header),
            None,
        );
        ok = false;
    }
    let login_doc = ir::Doc::plain(ctx.doc(f, &format!("{p}.login"), &raw.login_doc));
    let logout = match (&raw.logout_path, &raw.logout_doc) {
        (Some(path), Some(doc)) => {
            let doc = ctx.doc(f, &format!("{p}.logout"), doc);
            let cite = ctx.citation(
                f,
                &format!("{p}.logout"),
                raw.logout_source.as_deref(),
                None,
                false,
            );
            Some(ir::Logout {
                path: path.clone(),
                doc: crate::ir::Doc {
                    text: doc,
                    assumption: cite,
                },
            })
        }
        (None, None) => None,
        _ => {
            ctx.error(
                f,
                p,
                Rule::MissingKey,
                "`logout_path` and `logout_doc` go together",
                Some("give both or neither".into()),
            );
            None
        }
    };
    ok.then(|| ir::Session {
        login_path: raw.login_path.clone(),
        login_doc,
        username_field: raw.username_field.clone(),
        password_field: raw.password_field.clone(),
        session_id: raw.session_id.clone(),
        header: raw.header.to_ascii_lowercase(),
        logout,
    })
}
