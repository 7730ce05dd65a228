//! What an endpoint method returns: a future that owns its request and a
//! handle on the client, so it is `Send + 'static`. Calls can be collected
//! and joined, or spawned, without keeping the resource handle or the
//! arguments alive:
//!
//! ```no_run
//! # async fn run(client: billing_clients::billwerk::Client) -> Result<(), billing_clients::billwerk::Error> {
//! use billing_clients::billwerk::models::CustomerId;
//! let calls: Vec<_> = ["c1", "c2", "c3"]
//!     .iter()
//!     .map(|id| client.customers().get(&CustomerId::new(*id)))
//!     .collect();
//! for customer in billing_clients::runtime::futures::future::join_all(calls).await {
//!     println!("{:?}", customer?.body().company_name);
//! }
//! let spawned = tokio::spawn(client.customers().get(&CustomerId::new("c4")));
//! # let _ = spawned;
//! # Ok(()) }
//! ```

use std::future::Future;
use std::pin::Pin;

/// A pending call: `.await` it for the result.
pub type Call<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'static>>;

/// Runs the synchronous request-building step of a generated method (for
/// its `?`s); the error is returned when the call is awaited.
#[doc(hidden)]
pub fn build<R, E>(f: impl FnOnce() -> Result<R, E>) -> Result<R, E> {
    f()
}
