//! The webhook receiver of an API: the open `WebhookEvent` enum (one
//! variant per declared event, unknown events kept whole) and its
//! `receive` entry point, which verifies the delivery with the runtime's
//! `rt::webhook::verify` before it decodes anything.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::context::ClientCx;
use super::super::docs;
use super::super::rust::TypePaths;
use crate::ir::{Api, Fetch, Located, SignatureScheme, Signed, Webhooks};

/// The receiver's items, if the API declares webhooks.
pub(super) fn receiver(api: &Api, examples: Option<&str>) -> TokenStream {
    let Some(w) = &api.settings.webhooks else {
        return quote!();
    };
    let paths = TypePaths {
        types: &api.types,
        models: quote!(super::models::),
    };
    let event_type = located(&w.event_type);
    let variants = w.events.iter().map(|e| {
        let (v, t) = (&e.variant, paths.ty(&e.payload));
        let doc = docs::outer(&format!(
            "{}\n\nEvent type `{}`.",
            docs::text(&e.doc),
            e.wire
        ));
        quote!(#doc #v(#t),)
    });
    let arms = w.events.iter().map(|e| {
        let (v, wire) = (&e.variant, &e.wire);
        quote!(#wire => Self::#v(rt::webhook::payload(delivery)?),)
    });
    let doc = docs::outer(&enum_doc(api, w));
    let receive = receive_fns(w);
    let scheme = w.scheme.as_ref().map(|s| {
        let s = scheme(s);
        quote!(static WEBHOOK_SCHEME: rt::webhook::SignatureScheme = #s;)
    });
    let fetches = w.fetches.iter().map(|f| fetch(api, f, examples));
    quote! {
        #scheme

        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum WebhookEvent {
            #(#variants)*
            /// An event the spec does not describe, kept whole (never an error).
            Unknown(rt::webhook::UnknownEvent),
        }

        impl WebhookEvent {
            #receive

            /// The event of a delivery already verified.
            fn read(delivery: &rt::webhook::Delivery<'_>) -> Result<Self, rt::webhook::WebhookError> {
                let kind = rt::webhook::event_type(delivery, #event_type)?;
                Ok(match kind.as_str() {
                    #(#arms)*
                    _ => Self::Unknown(rt::webhook::UnknownEvent::new(kind, delivery)?),
                })
            }
        }

        #(#fetches)*
    }
}

/// `fetch` on a payload model: reads the entity the event is about.
fn fetch(api: &Api, f: &Fetch, examples: Option<&str>) -> TokenStream {
    let Some(e) = api
        .resources
        .iter()
        .find(|r| r.accessor == f.resource)
        .and_then(|r| r.endpoints.iter().find(|e| e.method == f.method))
    else {
        return quote!();
    };
    let cx = ClientCx {
        api,
        paths: TypePaths {
            types: &api.types,
            models: quote!(super::models::),
        },
        examples: None,
    };
    let call = super::super::endpoint::call_type(e, &cx);
    let (payload, resource, method, field) =
        (api.types.name(f.payload), &f.resource, &f.method, &f.field);
    let doc = docs::outer(&format!(
        "Reads what the event is about ([`Client::{resource}`], `{method}`) by its `{field}`: notifications name entities, the API gives their state. For {}.",
        f.events
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let (ret, body) = if f.optional {
        (
            quote!(Option<#call>),
            quote!(self.#field.as_ref().map(|id| client.#resource().#method(id))),
        )
    } else {
        (
            quote!(#call),
            quote!(client.#resource().#method(&self.#field)),
        )
    };
    let example = examples.map(|root| docs::example(&fetch_example(api, f, root)));
    quote! {
        impl super::models::#payload {
            #doc
            #example
            pub fn fetch(&self, client: &Client) -> #ret {
                #body
            }
        }
    }
}

/// The enum's rustdoc: the spec's text, the events, delivery notes.
fn enum_doc(api: &Api, w: &Webhooks) -> String {
    let events: Vec<String> = w
        .events
        .iter()
        .map(|e| format!("- `{}`: [`WebhookEvent::{}`]", e.wire, e.variant))
        .collect();
    let mut doc = format!(
        "The webhook events of the {} API, delivered as `{}`. {}\n\n{}",
        api.title,
        w.content_type,
        docs::text(&w.doc),
        events.join("\n")
    );
    if let Some(d) = &w.delivery {
        doc.push_str(&format!("\n\nDelivery: {d}"));
    }
    if let Some(u) = &w.unsigned {
        doc.push_str(&format!("\n\nDeliveries are not signed: {u}"));
    }
    doc
}

/// `receive` (and, for signed deliveries, `receive_at`).
fn receive_fns(w: &Webhooks) -> TokenStream {
    if w.scheme.is_none() {
        return quote! {
            /// Reads the event of a delivery (the raw body bytes and the
            /// headers). Deliveries are not signed: authenticate the sender
            /// as the type's docs say before trusting the event.
            pub fn receive(body: &[u8], headers: &rt::reqwest::header::HeaderMap) -> Result<Self, rt::webhook::WebhookError> {
                let delivery = rt::webhook::Delivery { body, headers, method: "POST", path: "" };
                Self::read(&delivery)
            }
        };
    }
    quote! {
        /// Verifies a delivery (the raw body bytes exactly as received, and
        /// the headers) with any of `secrets` (several during a key
        /// rotation), then reads its event. Nothing is decoded before the
        /// signature holds; a typed error says what failed.
        pub fn receive(
            body: &[u8],
            headers: &rt::reqwest::header::HeaderMap,
            secrets: &[rt::Secret],
        ) -> Result<Self, rt::webhook::WebhookError> {
            let delivery = rt::webhook::Delivery { body, headers, method: "POST", path: "" };
            Self::receive_at(&delivery, secrets, std::time::SystemTime::now())
        }

        /// [`Self::receive`] for a delivery with its method and path (for
        /// schemes that sign them) at the time `now`.
        pub fn receive_at(
            delivery: &rt::webhook::Delivery<'_>,
            secrets: &[rt::Secret],
            now: std::time::SystemTime,
        ) -> Result<Self, rt::webhook::WebhookError> {
            rt::webhook::verify(&WEBHOOK_SCHEME, delivery, secrets, now)?;
            Self::read(delivery)
        }
    }
}

/// `rt::webhook::Located` of a location.
fn located(at: &Located) -> TokenStream {
    match at {
        Located::Header(h) => quote!(rt::webhook::Located::Header(#h)),
        Located::HeaderList {
            header,
            items,
            kv,
            key,
        } => {
            quote!(rt::webhook::Located::HeaderList { header: #header, items: #items, kv: #kv, key: #key })
        }
        Located::BodyField(f) => quote!(rt::webhook::Located::BodyField(#f)),
    }
}

/// `rt::webhook::SignatureScheme` of a scheme.
fn scheme(s: &SignatureScheme) -> TokenStream {
    let signature = located(&s.signature);
    let timestamp = match &s.timestamp {
        Some((at, rfc3339)) => {
            let at = located(at);
            let form = if *rfc3339 {
                quote!(rt::webhook::TimeForm::Rfc3339)
            } else {
                quote!(rt::webhook::TimeForm::UnixSeconds)
            };
            quote!(Some((#at, #form)))
        }
        None => quote!(None),
    };
    let id = match &s.id {
        Some(at) => {
            let at = located(at);
            quote!(Some(#at))
        }
        None => quote!(None),
    };
    let signed = s.signed.iter().map(|p| match p {
        Signed::Text(t) => quote!(rt::webhook::Signed::Text(#t)),
        Signed::Body => quote!(rt::webhook::Signed::Body),
        Signed::Timestamp => quote!(rt::webhook::Signed::Timestamp),
        Signed::Id => quote!(rt::webhook::Signed::Id),
        Signed::Method => quote!(rt::webhook::Signed::Method),
        Signed::Path => quote!(rt::webhook::Signed::Path),
    });
    let mac = if s.sha512 {
        quote!(rt::webhook::Mac::HmacSha512)
    } else {
        quote!(rt::webhook::Mac::HmacSha256)
    };
    let text = if s.base64 {
        quote!(rt::webhook::SignatureText::Base64)
    } else {
        quote!(rt::webhook::SignatureText::Hex)
    };
    let secret = match &s.secret_base64 {
        Some(prefix) => quote!(rt::webhook::SecretForm::Base64 { prefix: #prefix }),
        None => quote!(rt::webhook::SecretForm::Raw),
    };
    let tolerance = match s.tolerance_seconds {
        Some(t) => quote!(Some(std::time::Duration::from_secs(#t))),
        None => quote!(None),
    };
    quote! {
        rt::webhook::SignatureScheme {
            signature: #signature,
            timestamp: #timestamp,
            id: #id,
            signed: &[#(#signed),*],
            mac: #mac,
            text: #text,
            secret: #secret,
            tolerance: #tolerance,
        }
    }
}

/// The example of a `fetch`: receive a delivery, fetch what it names.
fn fetch_example(api: &Api, f: &Fetch, root: &str) -> Vec<String> {
    let runtime = root.rsplit_once("::").map_or("crate", |(c, _)| c);
    let signed = api
        .settings
        .webhooks
        .as_ref()
        .is_some_and(|w| w.scheme.is_some());
    let variant = api
        .settings
        .webhooks
        .iter()
        .flat_map(|w| &w.events)
        .find(|e| f.events.contains(&e.wire))
        .map(|e| e.variant.to_string())
        .unwrap_or_default();
    let (params, receive) = if signed {
        (
            ", secrets: &[rt::Secret]",
            "WebhookEvent::receive(body, headers, secrets)?",
        )
    } else {
        ("", "WebhookEvent::receive(body, headers)?")
    };
    let fetch = if f.optional {
        "    if let Some(call) = event.fetch(&client) {\n        println!(\"{:?}\", call.await?.body());\n    }"
    } else {
        "    println!(\"{:?}\", event.fetch(&client).await?.body());"
    };
    let lines = [
        "```no_run".to_owned(),
        format!("# use {runtime}::runtime as rt;"),
        format!("# use {root}::{{Client, WebhookEvent}};"),
        format!(
            "# async fn example(client: Client, body: &[u8], headers: &rt::reqwest::header::HeaderMap{params}) -> Result<(), Box<dyn std::error::Error>> {{"
        ),
        format!("if let WebhookEvent::{variant}(event) = {receive} {{"),
        fetch.to_owned(),
        "}".to_owned(),
        "# Ok(())".to_owned(),
        "# }".to_owned(),
        "```".to_owned(),
    ];
    lines.join("\n").lines().map(str::to_owned).collect()
}
