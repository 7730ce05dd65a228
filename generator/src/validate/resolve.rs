//! Resolving type expressions (`list<Cart>`, `ListPage<Invoice>`, `record`)
//! against the declared names, within a scope that says which type
//! parameters and endpoint-only types are visible.

use super::Reporter;
use super::names::{NameKind, Names};
use crate::diag::{Rule, did_you_mean};
use crate::ir::{RustIdent, Ty};
use crate::types::{self, TypeExpr};

/// What a type expression may refer to besides the declared types.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Scope<'s> {
    /// Type parameters in scope (of a generic model or an endpoint).
    pub type_params: &'s [String],
    /// `record` may be used (an endpoint with an `entity` parameter).
    pub record: bool,
}

/// Resolves type expressions in one scope.
pub(crate) struct Resolver<'n> {
    pub names: &'n Names,
    pub scope: Scope<'n>,
}

impl Resolver<'_> {
    /// Resolves a type expression at `path`; `None` after reporting a problem.
    pub fn resolve(
        &self,
        cx: &mut Reporter<'_>,
        file: usize,
        path: &str,
        expr: &str,
    ) -> Option<Ty> {
        match types::parse(expr) {
            Ok(t) => self.lower(cx, file, path, &t),
            Err(msg) => {
                cx.error(
                    file,
                    path,
                    Rule::BadTypeSyntax,
                    msg,
                    Some("write e.g. `string`, `decimal`, `list<Cart>` or `map<string>`".into()),
                );
                None
            }
        }
    }

    fn lower(&self, cx: &mut Reporter<'_>, file: usize, path: &str, t: &TypeExpr) -> Option<Ty> {
        let inner =
            |t: &TypeExpr, cx: &mut Reporter<'_>| self.lower(cx, file, path, t).map(Box::new);
        Some(match t {
            TypeExpr::Scalar(s) => Ty::Scalar(*s),
            TypeExpr::Entity => Ty::Entity,
            TypeExpr::Record if self.scope.record => Ty::Record,
            TypeExpr::Record => {
                cx.error(
                    file,
                    path,
                    Rule::BadType,
                    "`record` (the entity's record type) needs an endpoint with an `entity` path parameter",
                    Some("add `entity: {in: path, type: entity, doc: ...}` or name a model".into()),
                );
                return None;
            }
            TypeExpr::Interval(i) => {
                let i = inner(i, cx)?;
                if !i.scalar().is_some_and(|s| s.row().ordered) {
                    cx.error(
                        file,
                        path,
                        Rule::BadType,
                        format!(
                            "`interval<T>` needs an ordered scalar: {}",
                            crate::scalars::Scalar::ordered_names()
                        ),
                        None,
                    );
                    return None;
                }
                Ty::Interval(i)
            }
            TypeExpr::Apply(name, arg) => {
                let id = self.generic(cx, file, path, name)?;
                Ty::Generic(id, inner(arg, cx)?)
            }
            TypeExpr::List(i) => Ty::List(inner(i, cx)?),
            TypeExpr::Map(i) => Ty::Map(inner(i, cx)?),
            TypeExpr::OneOrMany(i) => Ty::OneOrMany(inner(i, cx)?),
            TypeExpr::IdOrObject(id, object) => {
                let (id, object) = (inner(id, cx), inner(object, cx));
                return self.id_or_object(cx, (file, path), id?, object?);
            }
            TypeExpr::Named(n) => return self.named(cx, file, path, n),
        })
    }

    /// `id_or_object<Id, Model>`: a string or id newtype, and a model (or
    /// `json`, for an expanded object the spec does not model).
    fn id_or_object(
        &self,
        cx: &mut Reporter<'_>,
        (file, path): (usize, &str),
        id: Box<Ty>,
        object: Box<Ty>,
    ) -> Option<Ty> {
        let kind_of = |t: &Ty| match t {
            Ty::Named(i) => self.names.in_order.get(i.0).map(|d| d.kind),
            _ => None,
        };
        let id_ok =
            *id == Ty::Scalar(crate::scalars::Scalar::String) || kind_of(&id) == Some(NameKind::Id);
        let object_ok = kind_of(&object) == Some(NameKind::Model)
            || *object == Ty::Scalar(crate::scalars::Scalar::Json);
        if !(id_ok && object_ok) {
            let msg =
                "`id_or_object<Id, Model>` takes a `string` or id type, then a model or `json`";
            cx.error(
                file,
                path,
                Rule::BadType,
                msg,
                Some("write e.g. `id_or_object<CustomerId, Customer>`, or `id_or_object<CustomerId, json>` to keep an unmodelled object as JSON".into()),
            );
            return None;
        }
        Some(Ty::IdOrObject(id, object))
    }

    /// A generic model with one type parameter.
    fn generic(
        &self,
        cx: &mut Reporter<'_>,
        file: usize,
        path: &str,
        name: &str,
    ) -> Option<crate::ir::TypeId> {
        match self.names.get(name) {
            Some(d) if d.arity == 1 => Some(d.id),
            found => {
                let help = if found.is_some() {
                    format!(
                        "`{name}` takes no type argument; declare `type_params: [T]` on it or drop `<..>`"
                    )
                } else {
                    format!("declare a model `{name}` with `type_params: [T]`")
                };
                cx.error(
                    file,
                    path,
                    Rule::BadType,
                    format!("`{name}` is not a generic model with one type parameter"),
                    Some(help),
                );
                None
            }
        }
    }

    fn named(&self, cx: &mut Reporter<'_>, file: usize, path: &str, n: &str) -> Option<Ty> {
        if self.scope.type_params.iter().any(|p| p == n) {
            return RustIdent::parse(n).map(Ty::TypeParam);
        }
        match self.names.get(n) {
            Some(d) if d.kind == NameKind::Model && d.arity > 0 => {
                cx.error(
                    file,
                    path,
                    Rule::BadType,
                    format!("generic model `{n}` needs a type argument"),
                    Some(format!("write `{n}<Item>`")),
                );
                None
            }
            Some(d) => Some(Ty::Named(d.id)),
            None if cx.spec.may_declare(n) => None,
            None => {
                let mut candidates: Vec<&str> = self.names.spec_names().collect();
                for b in types::builtin_names() {
                    candidates.push(b);
                }
                let help = did_you_mean(n, candidates).or_else(|| {
                    Some(format!(
                        "declare `{n}` under `models`, `enums` or `ids`, or use a built-in type"
                    ))
                });
                cx.error(
                    file,
                    path,
                    Rule::UnknownType,
                    format!("unknown type `{n}`"),
                    help,
                );
                None
            }
        }
    }
}
