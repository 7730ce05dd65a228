//! What an endpoint method returns: a future that owns its request and a
//! handle on the client, so it is `Send + 'static`. Calls can be collected
//! and joined, or spawned, without keeping the resource handle or the
//! arguments alive:
//!
//! ```no_run
//! use api_client_runtime::{futures::future::join_all, Call, Response};
//! # type Customer = api_client_runtime::Record;
//! # type Error = api_client_runtime::Error<()>;
//! // `get` stands for a generated method such as `client.customers().get(id)`.
//! async fn all(get: impl Fn(&str) -> Call<Response<Customer>, Error>) -> Result<(), Error> {
//!     let calls: Vec<_> = ["c1", "c2", "c3"].into_iter().map(&get).collect();
//!     for customer in join_all(calls).await {
//!         println!("{:?}", customer?.body());
//!     }
//!     let spawned = tokio::spawn(get("c4")); // a call is `Send + 'static`
//!     # let _ = spawned;
//!     Ok(())
//! }
//! ```

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::future::BoxFuture;
use serde::de::DeserializeOwned;
use sync_wrapper::SyncWrapper;

use super::client::Core;
use super::error::{EncodeError, Error, InvalidRequest};
use super::etag::ETag;
use super::idempotency::check_key;
use super::reply::{FromBody, Read, reply};
use super::request::{CallOptions, Request};
use super::response::Response;
use super::retry::RetryPolicy;

/// A call of an endpoint: `.await` it for the result, after setting options
/// for this call alone if you need them:
///
/// ```no_run
/// use std::time::Duration;
/// use api_client_runtime::{Call, Error, Response, RetryPolicy};
/// # type Customer = api_client_runtime::Record;
/// // `call` stands for a generated method's result, such as `client.customers().get("c1")`.
/// async fn careful(call: Call<Response<Customer>, Error<()>>) -> Result<Customer, Error<()>> {
///     let customer = call
///         .timeout(Duration::from_secs(5))      // each attempt
///         .deadline(Duration::from_secs(20))    // the whole call, retries included
///         .retry_policy(RetryPolicy::none())
///         .header("x-correlation-id", "order-6735")
///         .await?;
///     Ok(customer.into_body())
/// }
/// ```
///
/// A call is a `Send + 'static` future: nothing is sent until it is first
/// polled, and it owns its request and a handle on the client.
///
/// `K` says whether the endpoint takes an idempotency key: a call of a keyed
/// endpoint ([`Keyed`]) has [`Call::idempotency_key`]; other calls do not:
///
/// ```compile_fail,E0599
/// use api_client_runtime::{Call, Error, Response, Unkeyed};
/// // Such as `GET /Customers/{id}`, which takes no idempotency key.
/// fn keyed(call: Call<Response<()>, Error<()>, Unkeyed>) {
///     let _ = call.idempotency_key("k1");
/// }
/// ```
///
/// ```
/// use api_client_runtime::{Call, Error, Keyed, Response};
/// // A keyed call (such as a create) takes the caller's key.
/// fn keyed(call: Call<Response<()>, Error<()>, Keyed>) -> Call<Response<()>, Error<()>, Keyed> {
///     call.idempotency_key("k1")
/// }
/// ```
#[must_use = "a call sends nothing until it is awaited"]
pub struct Call<T, E, K = Unkeyed> {
    state: State<T, E>,
    keyed: PhantomData<fn() -> K>,
}

/// Marks a [`Call`] of an endpoint that takes no idempotency key.
#[derive(Clone, Copy, Debug)]
pub enum Unkeyed {}

/// Marks a [`Call`] of an endpoint that carries an idempotency key (the
/// spec's `idempotency_key`): a new random one unless
/// [`Call::idempotency_key`] gives the caller's.
#[derive(Clone, Copy, Debug)]
pub enum Keyed {}

/// Marks a [`Call`] of an endpoint that takes an `If-Match` entity tag
/// ([`Call::if_match`]).
#[derive(Clone, Copy, Debug)]
pub enum Conditional {}

/// Marks a [`Call`] of an endpoint that carries an idempotency key and
/// takes an `If-Match` entity tag.
#[derive(Clone, Copy, Debug)]
pub enum KeyedConditional {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Keyed {}
    impl Sealed for super::Conditional {}
    impl Sealed for super::KeyedConditional {}
}

/// The markers of calls that carry an idempotency key.
pub trait TakesKey: sealed::Sealed {}
impl TakesKey for Keyed {}
impl TakesKey for KeyedConditional {}

/// The markers of calls that take an `If-Match` entity tag.
pub trait TakesIfMatch: sealed::Sealed {}
impl TakesIfMatch for Conditional {}
impl TakesIfMatch for KeyedConditional {}

enum State<T, E> {
    /// Built (or refused), not sent yet: options may still change.
    Ready {
        core: Arc<Core>,
        request: Box<Result<Request, E>>,
        read: Read,
    },
    /// Sent: the future, only ever polled through `&mut` (so the call is
    /// `Sync` though the future is not).
    Running(SyncWrapper<BoxFuture<'static, Result<T, E>>>),
    /// Complete from the start ([`Call::ready`]).
    Value(Box<Result<T, E>>),
    Done,
}

impl<T, E, K> Call<T, E, K> {
    /// A call of `request` (or of its refusal), whose successful response
    /// is read as `read` says. Nothing is decided about decoding here: the
    /// code that sends and decodes is compiled where the call is awaited.
    #[doc(hidden)]
    pub fn new(core: Arc<Core>, request: Result<Request, E>, read: Read) -> Self {
        Self {
            state: State::Ready {
                core,
                request: Box::new(request),
                read,
            },
            keyed: PhantomData,
        }
    }

    /// A call that is complete from the start: awaiting it gives `result`,
    /// sending nothing (for tests of code that takes calls).
    #[doc(hidden)]
    pub fn ready(result: Result<T, E>) -> Self {
        Self {
            state: State::Value(Box::new(result)),
            keyed: PhantomData,
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

impl<T, E: From<EncodeError>, K> Call<T, E, K> {
    fn replace_key(mut self, key: &str) -> Self {
        self.state = match std::mem::replace(&mut self.state, State::Done) {
            State::Ready {
                core,
                request,
                read,
            } => State::Ready {
                core,
                request: Box::new(
                    (*request).and_then(|r| r.replace_idempotency_key(key).map_err(E::from)),
                ),
                read,
            },
            other => other,
        };
        self
    }
}

impl<T, E, K: TakesIfMatch> Call<T, E, K> {
    /// Sends `etag` (from an earlier read, [`Response::etag`](crate::Response::etag))
    /// as `If-Match`: the server applies the call only if the resource has
    /// not changed since, and answers `412 Precondition Failed`
    /// ([`Error::PreconditionFailed`](crate::Error::PreconditionFailed))
    /// otherwise. Without it (or with `None`, as `response.etag()` gives
    /// when the server sent none) the call applies unconditionally.
    pub fn if_match<'a>(self, etag: impl Into<Option<&'a ETag>>) -> Self {
        match etag.into() {
            Some(etag) => self.header("If-Match", etag.as_str().to_owned()),
            None => self,
        }
    }
}

impl<T, E: From<EncodeError> + From<InvalidRequest>, K: TakesKey> Call<T, E, K> {
    /// Sends `key` as this call's idempotency key instead of a new random
    /// one. Every attempt sends the same key; keep it to repeat the call
    /// safely later (the server answers a repeat without applying it twice).
    /// A key that is empty, blank or longer than
    /// [`MAX_IDEMPOTENCY_KEY_LEN`](crate::MAX_IDEMPOTENCY_KEY_LEN) bytes
    /// fails the call when awaited, before anything is sent.
    pub fn idempotency_key(mut self, key: impl AsRef<str>) -> Self {
        match check_key(key.as_ref()) {
            Ok(()) => self.replace_key(key.as_ref()),
            Err(refused) => {
                if let State::Ready { request, .. } = &mut self.state {
                    **request = Err(E::from(refused));
                }
                self
            }
        }
    }

    /// The idempotency key this call sends (the caller's, or the new random
    /// one), `None` if the request was refused before it could be built.
    pub fn sent_idempotency_key(&self) -> Option<&str> {
        match &self.state {
            State::Ready { request, .. } => match request.as_ref() {
                Ok(r) => r.idempotency().map(|(_, key)| key),
                Err(_) => None,
            },
            _ => None,
        }
    }
}

// The state is moved, never pinned in place (the running future is boxed).
impl<T, E, K> Unpin for Call<T, E, K> {}

impl<X, B, K> Future for Call<Response<X>, Error<B>, K>
where
    X: FromBody,
    B: DeserializeOwned + fmt::Debug + std::marker::Send + 'static,
{
    type Output = Result<Response<X>, Error<B>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Ready {
                    core,
                    request,
                    read,
                } => match *request {
                    Ok(r) => {
                        self.state =
                            State::Running(SyncWrapper::new(Box::pin(reply(core, r, read))))
                    }
                    Err(e) => return Poll::Ready(Err(e)),
                },
                State::Value(result) => return Poll::Ready(*result),
                State::Running(mut fut) => {
                    let polled = fut.get_mut().as_mut().poll(cx);
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

impl<T, E, K> fmt::Debug for Call<T, E, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Ready { request, .. } => match request.as_ref() {
                Ok(r) => format!("ready: {} {}", r.method(), r.path()),
                Err(_) => "refused".to_owned(),
            },
            State::Running(_) => "running".to_owned(),
            State::Value(_) => "ready".to_owned(),
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
