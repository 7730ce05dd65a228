//! Pass 2: the declared ids, enums and models become the [`TypeSpace`], in
//! [`TypeId`] order.

use super::names::{Declared, NameKind, Names};
use super::settings::ApiHeader;
use super::{enums, models, Reporter};
use crate::ir::{TypeDef, TypeKind, TypeSpace};

pub(super) fn lower(cx: &mut Reporter<'_>, names: &Names, header: Option<&ApiHeader>) -> TypeSpace {
    let defs = names
        .in_order
        .iter()
        .map(|d| match d.kind {
            NameKind::Id => id(cx, d),
            NameKind::Enum => enums::lower(cx, d),
            NameKind::Model => models::lower(cx, names, header, d),
        })
        .collect();
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
