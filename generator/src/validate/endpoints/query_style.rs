//! A query parameter's `style`: how a list (`repeat`, `brackets`, `comma`)
//! or an object (`deep_object`, for maps and models) becomes pairs.

use super::super::Reporter;
use super::Endpoints;
use super::written::Written;
use crate::diag::{Rule, did_you_mean};
use crate::ir::{QueryStyle, Ty, TypeKind};

/// What a type is for styling.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    List,
    Object,
    Other,
}

pub(super) fn kind(eps: &Endpoints<'_>, ty: &Ty) -> Kind {
    match ty {
        Ty::List(_) => Kind::List,
        Ty::Map(_) => Kind::Object,
        Ty::Named(id) if matches!(eps.types.get(*id).kind, TypeKind::Struct(_)) => Kind::Object,
        _ => Kind::Other,
    }
}

/// The style of a parameter; a style that does not fit is reported.
pub(super) fn resolve(
    cx: &mut Reporter<'_>,
    eps: &Endpoints<'_>,
    w: &Written<'_>,
    query: bool,
    ty: &Ty,
) -> QueryStyle {
    let kind = kind(eps, ty);
    let default = match kind {
        Kind::List if query => QueryStyle::Repeat,
        _ => QueryStyle::Plain,
    };
    // After a style is refused, the one that fits the type stands in, so
    // the mistake is reported once, not again as a type that no style fits.
    let stand_in = match kind {
        Kind::Object if query => QueryStyle::DeepObject,
        _ => default,
    };
    let Some(written) = w.raw.style.as_deref() else {
        return default;
    };
    let at = format!("{}.style", w.path);
    let style = match written {
        "repeat" => QueryStyle::Repeat,
        "brackets" => QueryStyle::Brackets,
        "comma" => QueryStyle::Comma,
        "json" => QueryStyle::Json,
        "deep_object" => QueryStyle::DeepObject,
        other => {
            let help = did_you_mean(
                other,
                ["repeat", "brackets", "comma", "json", "deep_object"],
            )
            .or_else(|| Some("use `repeat`, `brackets`, `comma`, `json` or `deep_object`".into()));
            cx.error(
                w.file,
                &at,
                Rule::BadValue,
                format!("unknown query style `{other}`"),
                help,
            );
            return stand_in;
        }
    };
    let fits = match (style, kind) {
        _ if !query => false,
        (
            QueryStyle::Repeat | QueryStyle::Brackets | QueryStyle::Comma | QueryStyle::Json,
            Kind::List,
        ) => true,
        (QueryStyle::DeepObject, Kind::Object) => true,
        _ => false,
    };
    if !fits {
        let msg = match (query, kind) {
            (false, _) => "`style` is for query parameters".to_owned(),
            (true, Kind::List) => {
                format!(
                    "a list is written `repeat`, `brackets`, `comma` or `json`, not `{written}`"
                )
            }
            (true, Kind::Object) => {
                format!("a map or model is written `deep_object`, not `{written}`")
            }
            (true, Kind::Other) => format!(
                "`style: {written}` needs a list, a map or a model; `{}` is written as one value",
                w.raw.ty
            ),
        };
        cx.error(
            w.file,
            &at,
            Rule::BadValue,
            msg,
            Some("remove `style` or change it".into()),
        );
        return stand_in;
    }
    style
}
