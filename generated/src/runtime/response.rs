//! Successful responses: the typed body plus status and headers.

use std::ops::Deref;

use reqwest::header::HeaderMap;

use super::etag::ETag;

/// Names of the response headers an API uses for metadata (from its spec).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderNames {
    /// Entity tag header, usually `ETag`.
    pub etag: Option<&'static str>,
    /// Request quota header, e.g. `X-RateLimit-Limit`.
    pub rate_limit_limit: Option<&'static str>,
    /// Remaining quota header, e.g. `X-RateLimit-Remaining`.
    pub rate_limit_remaining: Option<&'static str>,
    /// Request id header, if the API sends one.
    pub request_id: Option<&'static str>,
}

/// Rate-limit state as reported by the server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in the current window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
}

/// Status and headers of a response, kept for successes and errors alike.
#[derive(Clone, Debug)]
pub struct ResponseMeta {
    /// HTTP status code.
    pub status: u16,
    /// The entity tag, if the server sent one.
    pub etag: Option<ETag>,
    /// Rate-limit headers, if the server sent them.
    pub rate_limit: RateLimit,
    /// The request id, if the API sends one.
    pub request_id: Option<String>,
    /// All response headers.
    pub headers: HeaderMap,
}

impl ResponseMeta {
    /// Reads the metadata from a status and header map.
    pub fn from_parts(status: u16, headers: HeaderMap, names: &HeaderNames) -> Self {
        let get = |name: Option<&'static str>| {
            name.and_then(|n| headers.get(n))
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let num = |name| get(name).and_then(|v| v.trim().parse::<u64>().ok());
        Self {
            status,
            etag: get(names.etag).map(ETag::new),
            rate_limit: RateLimit {
                limit: num(names.rate_limit_limit),
                remaining: num(names.rate_limit_remaining),
            },
            request_id: get(names.request_id),
            headers,
        }
    }
}

/// A successful response: the typed body with the response's metadata.
/// Derefs to the body.
#[derive(Clone, Debug)]
pub struct Response<T> {
    meta: ResponseMeta,
    body: T,
}

impl<T> Response<T> {
    /// Builds a response from its parts.
    pub fn new(meta: ResponseMeta, body: T) -> Self {
        Self { meta, body }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.meta.status
    }

    /// The entity tag, to pass back as `If-Match` on a conditional update.
    pub fn etag(&self) -> Option<&ETag> {
        self.meta.etag.as_ref()
    }

    /// Rate-limit headers of this response.
    pub fn rate_limit(&self) -> RateLimit {
        self.meta.rate_limit
    }

    /// Status and all headers.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// The typed body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// Takes the typed body, dropping the metadata.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Splits into metadata and body.
    pub fn into_parts(self) -> (ResponseMeta, T) {
        (self.meta, self.body)
    }
}

impl<T> Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.body
    }
}
