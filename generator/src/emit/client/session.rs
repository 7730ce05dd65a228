//! Session login in the client module: the descriptor the runtime logs in
//! with, the builder's credential methods, and `login`/`logout` on `Client`.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs;
use crate::ir::Session;

/// `Some(rt::plumbing::SessionDescriptor { .. })` or `None`, for `ApiDescriptor::session`.
pub fn descriptor(session: Option<&Session>) -> TokenStream {
    let Some(s) = session else {
        return quote!(None);
    };
    let (login, user, password, id, header) = (
        &s.login_path,
        &s.username_field,
        &s.password_field,
        &s.session_id,
        &s.header,
    );
    let logout = match &s.logout {
        Some(l) => {
            let path = &l.path;
            quote!(Some(#path))
        }
        None => quote!(None),
    };
    quote! {
        Some(rt::plumbing::SessionDescriptor {
            login_path: #login,
            username_field: #user,
            password_field: #password,
            session_id: #id,
            header: #header,
            logout_path: #logout,
        })
    }
}

/// Builder methods taking session credentials.
pub fn builder_methods(s: &Session) -> TokenStream {
    let login_doc = docs::outer(&format!(
        "Logs in with a user name and password (`POST {}`). The session id is sent in the `{}` header of every call; after a 401 (an expired session) the client logs in again once and repeats the call. None of the three is ever shown in `Debug`, errors or logs.",
        s.login_path, s.header
    ));
    let id_doc = docs::outer(&format!(
        "Uses a session id obtained elsewhere, sent in the `{}` header. It cannot be renewed: a 401 is returned to the caller.",
        s.header
    ));
    quote! {
        #login_doc
        pub fn session_login(mut self, username: impl Into<rt::Secret>, password: impl Into<rt::Secret>) -> Self {
            self.options.credentials = rt::Credentials::Session { username: username.into(), password: password.into() };
            self
        }

        #id_doc
        pub fn session_id(mut self, session_id: impl Into<rt::Secret>) -> Self {
            self.options.credentials = rt::Credentials::SessionId(session_id.into());
            self
        }
    }
}

/// `login` and `logout` on `Client`.
pub fn client_methods(session: Option<&Session>) -> TokenStream {
    let Some(s) = session else {
        return quote!();
    };
    let login_doc = docs::outer(&format!(
        "{}\n\n`POST {}`. Needs [`ClientBuilder::session_login`] credentials; replaces any current session. The returned id is a secret: it is never shown in `Debug`.",
        docs::text(&s.login_doc),
        s.login_path
    ));
    let logout = s.logout.as_ref().map(|crate::ir::Logout { path, doc }| {
        let doc = docs::outer(&format!(
            "{}\n\n`POST {path}`. Does nothing when there is no session.",
            docs::text(doc)
        ));
        quote! {
            #doc
            pub async fn logout(&self) -> Result<(), super::Error> {
                self.core.logout().await
            }
        }
    });
    quote! {
        #login_doc
        pub async fn login(&self) -> Result<rt::Secret, super::Error> {
            self.core.login().await
        }

        #logout
    }
}
