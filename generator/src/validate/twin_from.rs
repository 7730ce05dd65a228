//! How an input twin is made from the model read (`From<Model>` for
//! read-modify-write), decided field by field: moved, converted, wrapped
//! in `Some`, or turned from an `Option` into a `Patch` (a nullable
//! required field's `None` is `null`; an optional one's is left out). Where a
//! field holds a twin inside a shape no conversion is written for, the twin
//! has no `From`.

use crate::ir::{Conversion, Field, FieldFrom, Model, Presence, Scalar, Ty};

/// How each field of `twin` is made from the read model `read`.
pub(super) fn from_read(read: &Model, twin: &[Field]) -> Option<Vec<FieldFrom>> {
    twin.iter()
        .map(|sent| {
            let read = read.fields.iter().find(|f| f.rust == sent.rust)?;
            field(read, sent)
        })
        .collect()
}

fn field(read: &Field, sent: &Field) -> Option<FieldFrom> {
    let same = read.ty == sent.ty;
    let conv = || conversion(&read.ty, &sent.ty);
    Some(match (read.presence, sent.presence) {
        (a, b) if a == b && same => FieldFrom::Moved,
        (Presence::Required, Presence::Required) => FieldFrom::Converted(conv()?),
        (Presence::Required, Presence::Optional) => FieldFrom::Wrapped(conv()?),
        (Presence::RequiredNullable, Presence::Tristate) => FieldFrom::NullToPatch(conv()?),
        (Presence::Optional, Presence::Tristate) => FieldFrom::OptionToPatch(conv()?),
        (Presence::Tristate, Presence::Tristate) => FieldFrom::InPatch(conv()?),
        (a, b) if a == b => FieldFrom::InOption(conv()?),
        _ => return None,
    })
}

/// A value of type `read` as a `sent`.
fn conversion(read: &Ty, sent: &Ty) -> Option<Conversion> {
    if read == sent {
        return Some(Conversion::Same);
    }
    Some(match (read, sent) {
        (Ty::Named(_), Ty::Named(_)) => Conversion::Into,
        // A field read and sent as different scalars (`sent_type`): the
        // runtime converts where the value survives it.
        (Ty::Scalar(Scalar::Timestamp), Ty::Scalar(Scalar::EpochSeconds | Scalar::EpochMillis)) => {
            Conversion::Into
        }
        (Ty::List(r), Ty::List(s)) => Conversion::EachItem(Box::new(conversion(r, s)?)),
        (Ty::Map(r), Ty::Map(s)) => Conversion::EachValue(Box::new(conversion(r, s)?)),
        (Ty::Boxed(r), Ty::Boxed(s)) => Conversion::Boxed(Box::new(conversion(r, s)?)),
        // A twin inside any other shape: no conversion is written.
        _ => return None,
    })
}
