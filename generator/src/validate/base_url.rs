//! `api.base_url`, its `variables` and the `environments` that set them.

use super::Reporter;
use crate::diag::{Rule, did_you_mean};
use crate::ir::{Environment, Header, RustIdent, Variable};
use crate::raw::RawApi;

/// The variables of a URL template (`https://{domain}/{org}`), in order.
pub(super) fn url_variables(template: &str) -> Result<Vec<String>, String> {
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

pub(super) struct BaseUrl {
    /// The variables the base URL uses, in order.
    pub variables_used: Vec<String>,
    pub variables: Vec<Variable>,
    pub environments: Vec<Environment>,
}

pub(super) fn lower(cx: &mut Reporter<'_>, f: usize, raw: &RawApi) -> BaseUrl {
    let used = match url_variables(&raw.base_url) {
        Ok(v) => v,
        Err(e) => {
            cx.error(
                f,
                "api.base_url",
                Rule::BadUrl,
                format!("base URL `{}`: {e}", raw.base_url),
                Some("write variables as `{name}`".into()),
            );
            Vec::new()
        }
    };
    if !raw.base_url.starts_with("https://") {
        cx.error(
            f,
            "api.base_url",
            Rule::BadUrl,
            format!("base URL `{}` must start with `https://`", raw.base_url),
            Some("APIs are reached over HTTPS; tests override the URL at run time".into()),
        );
    }
    if raw.base_url.contains(['?', '#']) {
        cx.error(
            f,
            "api.base_url",
            Rule::BadUrl,
            format!(
                "base URL `{}` has a `?query` or `#fragment`; request paths are appended to it",
                raw.base_url
            ),
            Some("remove it; declare query parameters on the endpoints (`in: query`)".into()),
        );
    }
    let variables = variables(cx, f, raw, &used);
    let environments = environments(cx, f, raw, &used);
    BaseUrl {
        variables_used: used,
        variables,
        environments,
    }
}

fn variables(cx: &mut Reporter<'_>, f: usize, raw: &RawApi, used: &[String]) -> Vec<Variable> {
    let mut out = Vec::new();
    for (name, v) in &raw.variables.0 {
        let path = format!("api.variables.{name}");
        if !used.contains(name) {
            cx.error(
                f,
                &path,
                Rule::UnusedVariable,
                format!("variable `{name}` does not occur in the base URL"),
                Some(format!(
                    "use `{{{name}}}` in `base_url` or remove the variable"
                )),
            );
        }
        let doc = cx.doc(f, &path, &v.doc);
        let cite = cx.citation(
            f,
            &path,
            v.source.as_deref(),
            v.assumption.as_deref(),
            false,
        );
        let Some(method) = RustIdent::snake(name) else {
            cx.error(
                f,
                &path,
                Rule::BadName,
                format!("variable `{name}` gives no usable method name"),
                None,
            );
            continue;
        };
        out.push(Variable {
            wire: name.clone(),
            method,
            doc: crate::ir::Doc {
                text: doc,
                assumption: cite,
            },
        });
    }
    for name in used {
        if !raw.variables.0.iter().any(|(n, _)| n == name) {
            cx.error(
                f,
                "api.base_url",
                Rule::UndeclaredVariable,
                format!("base URL variable `{{{name}}}` is not declared"),
                Some(format!("add `{name}: {{doc: ...}}` under `api.variables`")),
            );
        }
    }
    out
}

fn environments(
    cx: &mut Reporter<'_>,
    f: usize,
    raw: &RawApi,
    used: &[String],
) -> Vec<Environment> {
    let mut out = Vec::new();
    for (name, env) in &raw.environments.0 {
        let path = format!("api.environments.{name}");
        let doc = cx.doc(f, &path, &env.doc);
        let cite = cx.citation(
            f,
            &path,
            env.source.as_deref(),
            env.assumption.as_deref(),
            false,
        );
        for (var, _) in &env.values.0 {
            if !used.contains(var) {
                let help = did_you_mean(var, used.iter().map(String::as_str));
                cx.error(
                    f,
                    &format!("{path}.values.{var}"),
                    Rule::UndeclaredVariable,
                    format!("environment `{name}` sets `{var}`, which is not a base URL variable"),
                    help,
                );
            }
        }
        let Some(variant) = RustIdent::upper_camel(name) else {
            cx.error(
                f,
                &path,
                Rule::BadName,
                format!("environment `{name}` gives no usable variant name"),
                None,
            );
            continue;
        };
        let values = used
            .iter()
            .filter_map(|u| env.values.0.iter().find(|(n, _)| n == u))
            .map(|(n, v)| Header {
                name: n.clone(),
                value: v.clone(),
            })
            .collect();
        out.push(Environment {
            variant,
            doc: crate::ir::Doc {
                text: doc,
                assumption: cite,
            },
            values,
        });
    }
    out
}
