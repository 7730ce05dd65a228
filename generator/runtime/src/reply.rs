//! How a call reads a successful response. The generated method says how
//! ([`Read`], plain data); the reading itself is generic code that runs
//! where the call is awaited ([`Call`](super::Call)'s `Future`), so a program
//! compiles the decoding of the calls it makes, not of every endpoint of an
//! API (as `async fn` would have it).

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::client::Core;
use super::envelope::{self, NotFound, Outcomes, RecordError, RecordStatus};
use super::error::{DecodeError, Error, decode_json};
use super::request::Request;
use super::response::Response;
use super::root::unwrap_root;

/// How a call reads the body of a successful response.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Read {
    /// The body is the value (JSON).
    Json,
    /// The body is ignored (the value is `()`).
    Empty,
    /// The value is under this top-level key.
    Rooted(&'static str),
    /// A list under the top-level `key` whose elements each hold the item
    /// under `item` ([`KeyedPage`](crate::KeyedPage)).
    Listed {
        key: &'static str,
        item: &'static str,
    },
    /// The records under an envelope's key, as a list; with
    /// [`NotFound::Empty`] a 404 carrying the API's error body is no records.
    Records {
        key: &'static str,
        not_found: NotFound,
    },
    /// Exactly one record under an envelope's key.
    Record(&'static str),
    /// One outcome per record under an envelope's key.
    Outcomes {
        key: &'static str,
        status: &'static RecordStatus,
    },
    /// The one outcome under an envelope's key; a rejected record is
    /// [`Error::Record`].
    Outcome {
        key: &'static str,
        status: &'static RecordStatus,
    },
    /// By the response's status (a generated enum of bodies by status).
    ByStatus,
}

/// Why a successful response could not be read as the call's value.
#[doc(hidden)]
#[derive(Debug)]
pub enum BodyError {
    /// The body does not match the spec.
    Decode(DecodeError),
    /// The one record of a single-record call was rejected.
    Record(RecordError),
}

impl From<DecodeError> for BodyError {
    fn from(e: DecodeError) -> Self {
        BodyError::Decode(e)
    }
}

impl<E: fmt::Debug> From<BodyError> for Error<E> {
    fn from(e: BodyError) -> Self {
        match e {
            BodyError::Decode(d) => Error::Decode(Box::new(d)),
            BodyError::Record(r) => Error::Record(Box::new(r)),
        }
    }
}

/// A value a successful response is read into, as a [`Read`] says: every
/// deserializable type, record outcomes, and the generated enums of bodies
/// by status.
pub trait FromBody: Sized + Send + 'static {
    /// Reads the value from a successful response's status and body.
    #[doc(hidden)]
    fn from_body(read: Read, status: u16, body: &[u8]) -> Result<Self, BodyError>;
}

impl<T: DeserializeOwned + Send + 'static> FromBody for T {
    fn from_body(read: Read, status: u16, body: &[u8]) -> Result<Self, BodyError> {
        Ok(match read {
            Read::Json => decode_json(status, body)?,
            Read::Empty => decode_json(status, b"null")?,
            Read::Rooted(key) => unwrap_root(status, body, key)?,
            Read::Records { key, .. } => envelope::records_into(status, body, key)?,
            Read::Record(key) => envelope::record(status, body, key)?,
            Read::Outcome { key, status: s } => {
                let mut all = envelope::outcomes::<T>(status, body, key, s)?;
                if all.len() != 1 {
                    return Err(BodyError::Decode(DecodeError {
                        status,
                        path: key.to_owned(),
                        message: format!("expected exactly one result, got {}", all.len()),
                        snippet: String::new(),
                    }));
                }
                all.pop().expect("one result").map_err(BodyError::Record)?
            }
            Read::Outcomes { .. } | Read::ByStatus | Read::Listed { .. } => {
                return Err(mismatch(read, status));
            }
        })
    }
}

impl<T: DeserializeOwned + Send + 'static> FromBody for Outcomes<T> {
    fn from_body(read: Read, status: u16, body: &[u8]) -> Result<Self, BodyError> {
        match read {
            Read::Outcomes { key, status: s } => {
                Ok(Outcomes::new(envelope::outcomes(status, body, key, s)?))
            }
            _ => Err(mismatch(read, status)),
        }
    }
}

/// A read the value's type cannot take (a generator bug, never a server's
/// doing): a decode error rather than a panic.
pub fn mismatch(read: Read, status: u16) -> BodyError {
    BodyError::Decode(DecodeError {
        status,
        path: ".".to_owned(),
        message: format!("internal error: the call's type cannot be read as {read:?}"),
        snippet: String::new(),
    })
}

/// Sends `request` and reads the successful response as `X`.
pub(crate) async fn reply<X: FromBody, B: DeserializeOwned + fmt::Debug>(
    core: Arc<Core>,
    request: Request,
    read: Read,
) -> Result<Response<X>, Error<B>> {
    match core.send_bytes(request).await {
        Ok((meta, body)) => {
            let value = X::from_body(read, meta.status, &body)?;
            Ok(Response::new(meta, value))
        }
        Err(e) => match (e.parse_body::<B>(), read) {
            // Only a 404 that is the API's own error body means "no rows": an
            // HTML page from a wrong organisation or URL stays an error.
            (
                Error::Api(api),
                Read::Records {
                    key,
                    not_found: NotFound::Empty,
                },
            ) if api.meta.status == 404 && api.body.is_some() => {
                tracing::debug!(key, "404 read as no matching records");
                let none = format!("{{{}:[]}}", serde_json::Value::from(key));
                let value = X::from_body(read, 200, none.as_bytes())?;
                Ok(Response::new(api.meta, value))
            }
            (e, _) => Err(e),
        },
    }
}
