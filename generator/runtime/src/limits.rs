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
    let expected = response.content_length().unwrap_or(0).min(limit as u64);
    let mut body = Collect::new(limit, over, usize::try_from(expected).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if !body.push(chunk)? {
            break;
        }
    }
    Ok(body.finish())
}

/// A body's bytes as they arrive, within the limit. A body that arrives in
/// one chunk (most JSON answers) is kept as that chunk, not copied; more
/// chunks are joined in one buffer sized from the announced length.
struct Collect {
    limit: usize,
    over: Over,
    expected: usize,
    /// The only chunk so far.
    one: Option<Bytes>,
    /// Two or more chunks, joined.
    joined: BytesMut,
}

impl Collect {
    fn new(limit: usize, over: Over, expected: usize) -> Self {
        Collect {
            limit,
            over,
            expected,
            one: None,
            joined: BytesMut::new(),
        }
    }

    fn len(&self) -> usize {
        self.one.as_ref().map_or(self.joined.len(), Bytes::len)
    }

    /// Takes the next chunk; `Ok(false)` when the limit is reached and the
    /// rest is to be left unread (truncating).
    fn push(&mut self, mut chunk: Bytes) -> Result<bool, ReadError> {
        let room = self.limit - self.len();
        let more = chunk.len() <= room;
        if !more {
            if self.over == Over::Refuse {
                return Err(ReadError::TooLarge { limit: self.limit });
            }
            chunk.truncate(room);
        }
        match self.one.take() {
            None if self.joined.is_empty() => self.one = Some(chunk),
            first => {
                if let Some(first) = first {
                    self.joined
                        .reserve(self.expected.max(first.len() + chunk.len()));
                    self.joined.extend_from_slice(&first);
                }
                self.joined.extend_from_slice(&chunk);
            }
        }
        Ok(more)
    }

    fn finish(self) -> Bytes {
        match self.one {
            Some(one) => one,
            None => self.joined.freeze(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(limit: usize, over: Over, chunks: &[&'static [u8]]) -> Result<Bytes, ReadError> {
        let mut body = Collect::new(limit, over, 0);
        for chunk in chunks {
            if !body.push(Bytes::from_static(chunk))? {
                break;
            }
        }
        Ok(body.finish())
    }

    #[test]
    fn one_chunk_is_kept_as_it_is() {
        let chunk = Bytes::from_static(b"{\"a\":1}");
        let mut body = Collect::new(100, Over::Refuse, 7);
        assert!(body.push(chunk.clone()).unwrap());
        let out = body.finish();
        assert_eq!(out, chunk);
        assert_eq!(out.as_ptr(), chunk.as_ptr(), "not copied");
    }

    #[test]
    fn chunks_are_joined_in_order() {
        let out = collect(100, Over::Refuse, &[b"ab", b"cd", b"", b"ef"]).unwrap();
        assert_eq!(&out[..], b"abcdef");
        assert_eq!(&collect(100, Over::Refuse, &[]).unwrap()[..], b"");
    }

    #[test]
    fn the_limit_refuses_or_truncates_wherever_it_falls() {
        for chunks in [
            &[&b"abcdef"[..]][..],
            &[b"abc", b"def"],
            &[b"ab", b"cd", b"ef"],
        ] {
            assert!(matches!(
                collect(5, Over::Refuse, chunks),
                Err(ReadError::TooLarge { limit: 5 })
            ));
            assert_eq!(&collect(5, Over::Truncate, chunks).unwrap()[..], b"abcde");
            assert_eq!(&collect(6, Over::Refuse, chunks).unwrap()[..], b"abcdef");
        }
        assert_eq!(&collect(0, Over::Truncate, &[b"x"]).unwrap()[..], b"");
    }
}
