//! `package.yaml` at the spec root: the generated crate's name, version,
//! description and licence, the folder of the cited documents and where the
//! crate finds the runtime. Every problem is collected; without the file
//! the package is named after the spec's APIs.

use std::path::{Component, PathBuf};

use crate::diag::{Diagnostic, Rule};
use crate::ir::{GitReference, Package, RuntimeSource};
use crate::locate::{key_path, locate};
use crate::names::{RustIdent, is_keyword};
use crate::raw::{RawPackage, RawPackageFile, RawRuntime};
use crate::source::SourceFile;
use crate::yaml_errors;

/// The file's name in a spec folder.
pub const FILE: &str = "package.yaml";

/// The crate the runtime is, in Rust; a generated crate may not take its name.
const TAKEN: &[&str] = &[
    "api_client_runtime",
    "serde",
    "std",
    "core",
    "alloc",
    "test",
];

/// Validates `package.yaml`.
pub fn package(file: &SourceFile) -> Result<Package, Vec<Diagnostic>> {
    let top: RawPackageFile =
        serde_yaml::from_str(&file.text).map_err(|e| vec![yaml_errors::file_error(file, &e)])?;
    let raw: RawPackage = serde_path_to_error::deserialize(&top.package)
        .map_err(|e| yaml_errors::item_errors(file, "package", &e, &top.package))?;
    let mut errors = Vec::new();
    let mut error = |path: &str, message: String, help: &str| {
        errors.push(Diagnostic {
            file: file.name.clone(),
            line: locate(&file.text, &key_path(path)),
            path: path.to_owned(),
            rule: Rule::BadValue,
            message,
            help: Some(help.to_owned()),
        });
    };
    let defaults = Package::named_after(&[]);
    let lib =
        check_name(&raw.name).map_err(|m| error("package.name", m, "e.g. `name: acme-client`"));
    let version = raw.version.unwrap_or(defaults.version);
    if !is_semver(&version) {
        error(
            "package.version",
            format!("`{version}` is not a semantic version"),
            "write MAJOR.MINOR.PATCH, e.g. `0.1.0` or `1.2.0-beta.1`",
        );
    }
    let description = raw.description.unwrap_or(defaults.description);
    let license = raw.license.unwrap_or(defaults.license);
    for (key, text) in [("description", &description), ("license", &license)] {
        if text.trim().is_empty() || text.chars().any(char::is_control) {
            error(
                &format!("package.{key}"),
                format!("the {key} must be one non-empty line"),
                "write it on one line, without tabs or line breaks",
            );
        }
    }
    let documents = raw.documents.as_deref().and_then(|d| {
        relative_path(d)
            .map_err(|m| error("package.documents", m, "e.g. `documents: ../docs`"))
            .ok()
    });
    let runtime = raw.runtime.as_ref().and_then(|r| {
        runtime(r)
            .map_err(|(key, m, help)| error(&format!("package.runtime{key}"), m, help))
            .ok()
    });
    match lib {
        Ok(lib) if errors.is_empty() => Ok(Package {
            name: raw.name,
            lib,
            version,
            description,
            license,
            documents,
            runtime,
            declared: true,
        }),
        _ => Err(errors),
    }
}

/// Cargo's rules for a package name, and the Rust name it gives.
fn check_name(name: &str) -> Result<RustIdent, String> {
    let lib = name.replace('-', "_");
    let valid = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(format!(
            "`{name}` is not a Cargo package name: ASCII letters, digits, `-` and `_`, starting with a letter, at most 64 characters"
        ));
    }
    if is_keyword(&lib) || TAKEN.contains(&lib.as_str()) {
        return Err(format!(
            "`{name}` would be the crate `{lib}`, a name Rust or the generated code's dependencies take"
        ));
    }
    RustIdent::parse(&lib).ok_or_else(|| format!("`{name}` gives no Rust identifier"))
}

/// `MAJOR.MINOR.PATCH`, with an optional `-pre` and `+build` of
/// dot-separated alphanumeric parts.
fn is_semver(v: &str) -> bool {
    let (core, rest) = match v.find(['-', '+']) {
        Some(i) => (&v[..i], &v[i..]),
        None => (v, ""),
    };
    let numbers: Vec<&str> = core.split('.').collect();
    let number = |n: &&str| {
        !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
            && (n.len() == 1 || !n.starts_with('0'))
    };
    let parts_ok = |s: &str| {
        s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    let suffix_ok = rest.is_empty()
        || rest[1..]
            .split_once('+')
            .map_or_else(|| parts_ok(&rest[1..]), |(a, b)| parts_ok(a) && parts_ok(b));
    numbers.len() == 3 && numbers.iter().all(number) && suffix_ok
}

/// A relative folder without control characters.
fn relative_path(p: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(p);
    if p.trim().is_empty() || p.chars().any(char::is_control) {
        return Err(format!("`{p}` is not a folder"));
    }
    if path.is_absolute() || path.components().any(|c| matches!(c, Component::Prefix(_))) {
        return Err(format!(
            "`{p}` is absolute; write it relative to the spec folder so the spec works in any clone"
        ));
    }
    Ok(path)
}

type RuntimeError = (&'static str, String, &'static str);

/// One of `path`, `git` (with at most one of `rev`, `branch`, `tag`) or `version`.
fn runtime(r: &RawRuntime) -> Result<RuntimeSource, RuntimeError> {
    const HELP: &str = "give one of `path: ../runtime`, `git: <url>` (with `rev`, `branch` or `tag`) or `version: \"0.1\"`";
    let refs: Vec<(GitReference, &String)> = [
        (GitReference::Rev, &r.rev),
        (GitReference::Branch, &r.branch),
        (GitReference::Tag, &r.tag),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
    .collect();
    match (&r.path, &r.git, &r.version) {
        (Some(p), None, None) if refs.is_empty() => relative_path(p)
            .map(RuntimeSource::Path)
            .map_err(|m| (".path", m, HELP)),
        (None, Some(url), None) => {
            if refs.len() > 1 {
                return Err((
                    ".git",
                    "give at most one of `rev`, `branch` and `tag`".into(),
                    HELP,
                ));
            }
            let parsed = url::Url::parse(url)
                .map_err(|e| (".git", format!("`{url}` is not a URL: {e}"), HELP))?;
            if url.chars().any(|c| c.is_control() || c == '"' || c == '\\')
                || parsed.host_str().is_none() && parsed.scheme() != "file"
            {
                return Err((
                    ".git",
                    format!("`{url}` is not a git URL Cargo can fetch"),
                    HELP,
                ));
            }
            Ok(RuntimeSource::Git {
                url: url.clone(),
                reference: refs.first().map(|(k, v)| (*k, (*v).clone())),
            })
        }
        (None, None, Some(v)) if refs.is_empty() => {
            if v.trim().is_empty() || v.chars().any(|c| c.is_control() || c == '"' || c == '\\') {
                return Err((
                    ".version",
                    format!("`{v}` is not a version requirement"),
                    HELP,
                ));
            }
            Ok(RuntimeSource::Version(v.clone()))
        }
        _ => Err((
            "",
            "say where the runtime is in exactly one way".into(),
            HELP,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        for ok in ["0.1.0", "1.2.3-beta.1", "10.0.0+build.5", "1.0.0-rc-1+x"] {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in [
            "1.0",
            "01.0.0",
            "1.0.0-",
            "1.0.0+",
            "a.b.c",
            "1.0.0-a..b",
            "",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(
            check_name("billing-clients").unwrap().as_str(),
            "billing_clients"
        );
        for bad in ["1abc", "a b", "self", "api-client-runtime", "", "ä"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }
}
