//! Pass 2: the declared ids, enums and models become the [`TypeSpace`], in
//! [`TypeId`] order.

use super::names::{Declared, NameKind, Names};
use super::settings::ApiHeader;
use super::{Reporter, depth, enums, models, recursion, unions};
use crate::ir::{TypeDef, TypeKind, TypeSpace};

pub(super) fn lower(cx: &mut Reporter<'_>, names: &Names, header: Option<&ApiHeader>) -> TypeSpace {
    let mut defs: Vec<TypeDef> = names
        .in_order
        .iter()
        .map(|d| match d.kind {
            NameKind::Id => id(cx, d),
            NameKind::Enum => enums::lower(cx, d),
            NameKind::Model => models::lower(cx, names, header, d),
        })
        .collect();
    // Where each declaration is, for diagnostics about whole models.
    let at: Vec<(usize, String)> = names
        .in_order
        .iter()
        .map(|d| {
            let (file, path) = match d.kind {
                NameKind::Id => (cx.spec.ids[d.item].file, &cx.spec.ids[d.item].path),
                NameKind::Enum => (cx.spec.enums[d.item].file, &cx.spec.enums[d.item].path),
                NameKind::Model => (cx.spec.models[d.item].file, &cx.spec.models[d.item].path),
            };
            (file, path.clone())
        })
        .collect();
    unions::check(cx, &defs, &at);
    recursion::box_cycles(cx, &mut defs, &at);
    depth::check(cx, &defs, &at);
    TypeSpace::new(defs)
}

fn id(cx: &mut Reporter<'_>, d: &Declared) -> TypeDef {
    let it = &cx.spec.ids[d.item];
    let doc = cx.documented_item(it);
    TypeDef {
        name: d.name.clone(),
        doc,
        deprecated: None,
        kind: TypeKind::IdNewtype,
    }
}
