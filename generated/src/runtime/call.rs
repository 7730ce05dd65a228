//! What an endpoint method returns: a future that owns its request and a
//! handle on the client, so it is `Send + 'static`. Calls can be collected
//! and joined, or spawned, without keeping the resource handle or the
//! arguments alive:
//!
//! ```no_run
//! # #[cfg(feature = "billwerk")]
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

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::future::BoxFuture;

use super::client::Core;
use super::request::{CallOptions, Request};
use super::retry::RetryPolicy;

/// Sends a built request and decodes the answer (the generated method's
/// send step).
type Send<T, E> =
    Box<dyn FnOnce(Arc<Core>, Request) -> BoxFuture<'static, Result<T, E>> + std::marker::Send>;

/// A call of an endpoint: `.await` it for the result, after setting options
/// for this call alone if you need them:
///
/// ```no_run
/// # #[cfg(feature = "billwerk")]
/// # async fn run(client: billing_clients::billwerk::Client) -> Result<(), billing_clients::billwerk::Error> {
/// use std::time::Duration;
/// use billing_clients::billwerk::models::CustomerId;
/// use billing_clients::runtime::RetryPolicy;
/// let customer = client
///     .customers()
///     .get(&CustomerId::new("c1"))
///     .timeout(Duration::from_secs(5))      // each attempt
///     .deadline(Duration::from_secs(20))    // the whole call, retries included
///     .retry_policy(RetryPolicy::none())
///     .header("x-correlation-id", "order-6735")
///     .await?;
/// # let _ = customer; Ok(()) }
/// ```
///
/// A call is a `Send + 'static` future: nothing is sent until it is first
/// polled, and it owns its request and a handle on the client.
pub struct Call<T, E> {
    state: State<T, E>,
}

enum State<T, E> {
    /// Built (or refused), not sent yet: options may still change.
    Ready {
        core: Arc<Core>,
        request: Box<Result<Request, E>>,
        send: Send<T, E>,
    },
    Running(BoxFuture<'static, Result<T, E>>),
    Done,
}

impl<T, E> Call<T, E> {
    /// A call of `request` (or of its refusal), sent with `send`.
    #[doc(hidden)]
    pub fn new(
        core: Arc<Core>,
        request: Result<Request, E>,
        send: impl FnOnce(Arc<Core>, Request) -> BoxFuture<'static, Result<T, E>>
            + std::marker::Send
            + 'static,
    ) -> Self {
        Self {
            state: State::Ready {
                core,
                request: Box::new(request),
                send: Box::new(send),
            },
        }
    }

    fn options(mut self, change: impl FnOnce(&mut CallOptions)) -> Self {
        if let State::Ready { request, .. } = &mut self.state {
            if let Ok(r) = request.as_mut() {
                change(r.options_mut());
            }
        }
        self
    }

    /// The timeout of each attempt of this call (the client's otherwise).
    pub fn timeout(self, timeout: Duration) -> Self {
        self.options(|o| o.timeout = Some(timeout))
    }

    /// How long the whole call may take, from when it is first awaited,
    /// retries and their waits included; then it fails with
    /// `Error::Timeout` (or the last failure, when no retry fits).
    pub fn deadline(self, deadline: Duration) -> Self {
        self.options(|o| o.deadline = Some(deadline))
    }

    /// The retry policy of this call (the client's otherwise).
    pub fn retry_policy(self, policy: RetryPolicy) -> Self {
        self.options(|o| o.retry = Some(policy))
    }

    /// Sends an extra header with this call. A value that cannot be sent
    /// (CR, LF) fails the call before anything is sent.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        if let State::Ready { request, .. } = &mut self.state {
            if let Ok(r) = request.as_mut() {
                r.add_header(name, value.into());
            }
        }
        self
    }
}

// The state is moved, never pinned in place (the running future is boxed).
impl<T, E> Unpin for Call<T, E> {}

impl<T, E> Future for Call<T, E> {
    type Output = Result<T, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Ready {
                    core,
                    request,
                    send,
                } => match *request {
                    Ok(r) => self.state = State::Running(send(core, r)),
                    Err(e) => return Poll::Ready(Err(e)),
                },
                State::Running(mut fut) => {
                    let polled = fut.as_mut().poll(cx);
                    if polled.is_pending() {
                        self.state = State::Running(fut);
                    }
                    return polled;
                }
                State::Done => panic!("`Call` polled after it completed"),
            }
        }
    }
}

impl<T, E> fmt::Debug for Call<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Ready { request, .. } => match request.as_ref() {
                Ok(r) => format!("ready: {} {}", r.method(), r.path()),
                Err(_) => "refused".to_owned(),
            },
            State::Running(_) => "running".to_owned(),
            State::Done => "done".to_owned(),
        };
        f.debug_struct("Call").field("state", &state).finish()
    }
}

/// Runs the synchronous request-building step of a generated method (for
/// its `?`s); the error is returned when the call is awaited.
#[doc(hidden)]
pub fn build<R, E>(f: impl FnOnce() -> Result<R, E>) -> Result<R, E> {
    f()
}
