//! Shared support for the integration tests: the construct modules compiled
//! from `specs/constructs/`, fixture exchanges and a loopback HTTP server.

pub mod exchange;
pub mod json;
pub mod properties;
pub mod typed;

/// The runtime, where the construct modules expect it (`crate::runtime`).
pub use billing_clients::runtime;

/// Modules generated at build time from `specs/constructs/` (see `build.rs`).
#[allow(missing_docs)]
pub mod constructs {
    include!(concat!(env!("OUT_DIR"), "/c_enums.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_errors.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_fixed.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_form.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_ids.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_inputs.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_keys.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_lifecycle.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_names.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_open.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_pages.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_paging.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_paths.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_presence.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_query.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_records.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_recursive.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_rooted.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_scalars.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_settings.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_statuses.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_unions.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_unusual.rs"));
    include!(concat!(env!("OUT_DIR"), "/c_webhooks.rs"));
}

/// Modules generated at build time from the specs `generator import
/// openapi` makes of `fixtures/openapi/` (see `build.rs`).
#[allow(missing_docs)]
pub mod imported {
    include!(concat!(env!("OUT_DIR"), "/lago.rs"));
    include!(concat!(env!("OUT_DIR"), "/openmeter.rs"));
}

/// Both sides of each spec pair under `specs/diff/` (see `build.rs`).
#[allow(missing_docs)]
pub mod diffs {
    include!(concat!(env!("OUT_DIR"), "/diffs.rs"));
}

/// The proof that `generator diff` says "breaking" exactly when code
/// written against the old crate stops compiling against the new one.
#[doc = include_str!(concat!(env!("OUT_DIR"), "/diff_proof.md"))]
pub mod diff_proof {}

/// The workspace root.
pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The README's code examples, compiled as doctests so they cannot rot.
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

/// What the generated API must refuse at compile time (each block is a
/// `compile_fail` doctest with the error it must fail with).
///
/// A request body has no place for what the server sets: an input twin has
/// no read-only fields.
///
/// ```compile_fail,E0560
/// use integration_tests::constructs::c_inputs::models::{WidgetId, WidgetInput};
/// let _ = WidgetInput { id: WidgetId::new("w1"), ..WidgetInput::default() };
/// ```
///
/// A request body does not take the model read (which carries them):
///
/// ```compile_fail,E0308
/// # async fn f(client: integration_tests::constructs::c_inputs::Client) {
/// use integration_tests::constructs::c_inputs::models::Widget;
/// let read: Widget = serde_json::from_str(r#"{"id": "w1", "name": "n", "label": null}"#).unwrap();
/// let _ = client.widgets().create(&read).await;
/// # }
/// ```
///
/// A field every response has is no `Option`:
///
/// ```compile_fail,E0308
/// use billing_clients::billwerk::models::{Order, OrderId};
/// fn id(order: Order) -> Option<OrderId> { order.id }
/// ```
///
/// A call, a page stream or an item stream left unused is a warning (here
/// denied): a forgotten `.await` sends nothing.
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// # fn f(client: billing_clients::optimize::Client) {
/// client.customers().get("c1");
/// # }
/// ```
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// # fn f(client: billing_clients::optimize::Client) {
/// use billing_clients::optimize::CustomersListQuery;
/// client.customers().list_pages(&CustomersListQuery::new());
/// # }
/// ```
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// # fn f(client: billing_clients::optimize::Client) {
/// use billing_clients::optimize::CustomersListQuery;
/// client.customers().list_items(&CustomersListQuery::new());
/// # }
/// ```
///
/// A call of an endpoint that takes no `If-Match` has no entity tag to set:
///
/// ```compile_fail,E0599
/// # async fn f(client: billing_clients::billwerk::Client, etag: billing_clients::runtime::ETag) {
/// let _ = client.customers().get("c1").if_match(&etag).await;
/// # }
/// ```
///
/// An optional header is no positional argument any more:
///
/// ```compile_fail,E0061
/// # async fn f(client: billing_clients::billwerk::Client, input: billing_clients::billwerk::models::CustomerInput) {
/// let _ = client.customers().replace("c1", None, &input).await;
/// # }
/// ```
///
/// A cursor parameter is typed as the id it takes: a contract id does not
/// start a list of customers.
///
/// ```compile_fail,E0277
/// use billing_clients::billwerk::{models::ContractId, CustomersListQuery};
/// let _ = CustomersListQuery::new().from(ContractId::new("5dd1"));
/// ```
///
/// An entity record read is not sent back as it is: the record calls take
/// its input twin, without the fields the platform sets.
///
/// ```compile_fail,E0308
/// # async fn f(client: billing_clients::billing_platform::Client, read: billing_clients::billing_platform::models::Account) {
/// use billing_clients::billing_platform::models::Account;
/// let _ = client.records().update(Account::ENTITY, &[read]).await;
/// # }
/// ```
///
/// An empty id is not easy to make: ids have no `Default`.
///
/// ```compile_fail,E0599
/// let _ = billing_clients::billwerk::models::CustomerId::default();
/// ```
///
/// A call of an endpoint without an idempotency key has no key to set:
///
/// ```compile_fail,E0599
/// # async fn f(client: integration_tests::constructs::c_keys::Client) {
/// let _ = client.charges().capture("ch_1").idempotency_key("k1").await;
/// # }
/// ```
///
/// Settings structs that may grow are not built field by field:
///
/// ```compile_fail,E0639
/// let _ = billing_clients::runtime::ClientCredentials {
///     client_id: "app".into(),
///     client_secret: "s3cr3t".into(),
///     token_url: None,
///     scope: None,
/// };
/// ```
///
/// ```compile_fail,E0639
/// let _ = billing_clients::runtime::RetryPolicy {
///     max_attempts: 3,
///     ..billing_clients::runtime::RetryPolicy::default()
/// };
/// ```
///
/// A query struct may grow, so it is made with `new` and its methods:
///
/// ```compile_fail,E0639
/// use billing_clients::optimize::InvoicesListQuery;
/// let q = InvoicesListQuery { size: Some(20), ..Default::default() };
/// ```
///
/// An unknown enum value is made only by `From`, which picks the documented
/// variant when there is one:
///
/// ```compile_fail,E0423
/// use billing_clients::optimize::models::InvoiceState;
/// let s = InvoiceState::Unknown(billing_clients::runtime::Unknown("pending".into()));
/// ```
///
/// and what the same lines look like when they compile:
///
/// ```
/// use billing_clients::optimize::{models::InvoiceState, InvoicesListQuery};
/// let _ = InvoicesListQuery::new().size(20);
/// let _ = InvoiceState::from("pending");
/// use integration_tests::constructs::c_inputs::models::{Widget, WidgetInput};
/// let read: Widget =
///     serde_json::from_str(r#"{"id": "w1", "name": "n", "label": null}"#).unwrap();
/// let _sent = WidgetInput::from(read);
/// let _ = billing_clients::runtime::ClientCredentials::new("app", "s3cr3t").scope("billing");
/// let _ = billing_clients::runtime::RetryPolicy::default().max_attempts(3);
/// ```
///
/// ```
/// #![deny(unused_must_use)]
/// # async fn f(client: billing_clients::optimize::Client) {
/// use billing_clients::optimize::CustomersListQuery;
/// let _ = client.customers().get("c1").await;
/// let _pages = client.customers().list_pages(&CustomersListQuery::new());
/// let _items = client.customers().list_items(&CustomersListQuery::new());
/// # }
/// ```
///
/// ```
/// # async fn f(client: billing_clients::billwerk::Client, input: billing_clients::billwerk::models::CustomerInput) {
/// let read = client.customers().get("c1").await.unwrap();
/// let _ = client.customers().replace("c1", &input).if_match(read.etag()).await;
/// # }
/// ```
///
/// ```
/// # async fn f(client: billing_clients::billing_platform::Client, read: billing_clients::billing_platform::models::Account) {
/// use billing_clients::billing_platform::models::{Account, AccountInput};
/// let _ = client.records().update(Account::ENTITY, &[AccountInput::from(read)]).await;
/// # }
/// ```
pub struct CompileFailures;
