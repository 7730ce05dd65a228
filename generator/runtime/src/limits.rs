//! Reading response bodies within limits. A success body may be at most
//! the client's `max_body_size` (default [`DEFAULT_MAX_BODY`]); a larger one
//! is refused as soon as its `Content-Length` or its bytes pass the limit,
//! never held in memory whole. An error body is only kept for its parsed
//! error and a snippet, so at most [`ERROR_BODY_LIMIT`] bytes of it are read
//! and the rest is dropped unread.

use bytes::{Bytes, BytesMut};

/// Default limit of a success body: 32 MiB.
pub const DEFAULT_MAX_BODY: usize = 32 * 1024 * 1024;

/// How much of an error body (or of an auth response) is read: 64 KiB.
pub const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// What to do with a body longer than the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Over {
    /// Fail: the body is needed whole.
    Refuse,
    /// Keep the first `limit` bytes and stop reading.
    Truncate,
}

/// Why a body could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Longer than the limit (with [`Over::Refuse`]).
    TooLarge { limit: usize },
    /// The connection failed or timed out while reading.
    Transport(reqwest::Error),
}

/// Reads the body of `response`, at most `limit` bytes.
pub(crate) async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
    over: Over,
) -> Result<Bytes, ReadError> {
    if over == Over::Refuse && response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(ReadError::TooLarge { limit });
    }
    // Sized from the announced length (within the limit), so a body is
    // not copied while it grows.
    let expected = response.content_length().unwrap_or(0).min(limit as u64);
    let mut buf = BytesMut::with_capacity(usize::try_from(expected).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if buf.len() + chunk.len() > limit {
            if over == Over::Refuse {
                return Err(ReadError::TooLarge { limit });
            }
            buf.extend_from_slice(&chunk[..limit - buf.len()]);
            break;
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}
