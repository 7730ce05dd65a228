//! Successful responses: the typed body plus status and headers.

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

/// A successful response: the typed body ([`Response::body`],
/// [`Response::into_body`]) with the response's metadata (status, ETag,
/// rate limit, request id, headers). It does not deref to the body, so
/// `status()` is always the HTTP status, never a body field:
///
/// ```compile_fail,E0609
/// use api_client_runtime::Response;
/// struct Payment { status: String }
/// // A body field is not reachable on the response itself ...
/// fn state(r: &Response<Payment>) -> &str { &r.status }
/// ```
///
/// ```
/// use api_client_runtime::Response;
/// struct Payment { status: String }
/// // ... but through `body()`, beside the HTTP status.
/// fn state(r: &Response<Payment>) -> (u16, &str) { (r.status(), &r.body().status) }
/// ```
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

    /// The request id the server sent, from the header the spec names.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id.as_deref()
    }

    /// Every response header.
    pub fn headers(&self) -> &HeaderMap {
        &self.meta.headers
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
