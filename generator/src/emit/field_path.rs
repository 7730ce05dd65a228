//! Reading a field through nested models ([`FieldPath`]): the expression
//! that reaches it, always (a place) or maybe (`Option<&T>`). Shared by the
//! error details, the page signals and item keys.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{FieldPath, Presence};

/// How an expression reaches a field: always (a place) or maybe (`Option<&T>`).
pub(super) enum Access {
    Always(TokenStream),
    Maybe(TokenStream),
}

/// The access to the field at the end of `path`, starting from `base`.
pub(super) fn access(base: TokenStream, path: &FieldPath) -> Access {
    let mut acc = Access::Always(base);
    for step in &path.0 {
        let n = &step.name;
        let get = match step.presence {
            Presence::Required => None,
            Presence::RequiredNullable | Presence::Optional => Some(quote!(as_ref)),
            Presence::Tristate => Some(quote!(as_value)),
        };
        acc = match (acc, get) {
            (Access::Always(e), None) => Access::Always(quote!(#e.#n)),
            (Access::Always(e), Some(g)) => Access::Maybe(quote!(#e.#n.#g())),
            (Access::Maybe(e), None) => Access::Maybe(quote!(#e.map(|x| &x.#n))),
            (Access::Maybe(e), Some(g)) => Access::Maybe(quote!(#e.and_then(|x| x.#n.#g()))),
        };
    }
    acc
}
