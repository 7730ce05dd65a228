//! A test double for code that uses a generated client (feature `testing`):
//! [`Replay`] serves recorded exchanges, in order, from an in-process HTTP
//! listener on a loopback port, and records what the client sent. Point
//! the client at [`Replay::base_url`]; auth, retries, decoding and errors
//! run as in production, and nothing leaves the machine.
//!
//! ```
//! use api_client_runtime::testing::{Exchange, Replay};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let replay = Replay::start([
//!     Exchange::get("/Customers/c1").respond(200, r#"{"Id": "c1", "CompanyName": "ACME"}"#),
//!     Exchange::new("PATCH", "/Customers/c1").respond(412, r#"{"Message": "stale"}"#),
//! ])
//! .await
//! .unwrap();
//! // let client = Client::builder().base_url(replay.base_url()).bearer_token("t").build()?;
//! // ... the code under test ...
//! # let url = format!("{}/Customers/c1", replay.base_url());
//! # let _ = (url, replay.requests());
//! // Every exchange was used, each by the request it expected:
//! // replay.verify().unwrap();
//! # }
//! ```
//!
//! A request that does not match the next exchange (method and path, and
//! the query when the exchange gives one) gets a `500` whose body says so,
//! and [`Replay::verify`] reports it with the exchanges left unused.

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// One recorded exchange: the request expected and the response served.
#[derive(Clone, Debug)]
pub struct Exchange {
    method: String,
    path: String,
    query: Option<String>,
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
}

impl Exchange {
    /// An exchange for `method` `path` (`path` may carry `?query`, which
    /// must then match exactly), answering `200` with no body until
    /// [`Exchange::respond`] says otherwise.
    pub fn new(method: &str, path: &str) -> Self {
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
            None => (path.to_owned(), None),
        };
        Exchange {
            method: method.to_ascii_uppercase(),
            path,
            query,
            status: 200,
            headers: Vec::new(),
            body: Bytes::new(),
        }
    }

    /// A `GET` of `path`.
    pub fn get(path: &str) -> Self {
        Self::new("GET", path)
    }

    /// Answers with `status` and a JSON `body` (empty: no body).
    pub fn respond(mut self, status: u16, body: impl Into<Bytes>) -> Self {
        self.status = status;
        self.body = body.into();
        if !self.body.is_empty() {
            self.headers
                .push(("content-type".into(), "application/json".into()));
        }
        self
    }

    /// Adds a response header (`ETag`, `Retry-After`, ...).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    fn matches(&self, method: &str, path: &str, query: Option<&str>) -> bool {
        self.method == method
            && self.path == path
            && self.query.as_deref().is_none_or(|q| Some(q) == query)
    }
}

/// A request the client sent to a [`Replay`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The method.
    pub method: String,
    /// The path.
    pub path: String,
    /// The query string, if any.
    pub query: Option<String>,
    /// The headers, names lower-case (the credentials included: this is
    /// test data).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
}

/// What [`Replay::verify`] found wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("replay: {unexpected:?} did not match the next exchange; {left} exchange(s) unused")]
pub struct ReplayMismatch {
    /// `METHOD /path?query` of each request that matched nothing.
    pub unexpected: Vec<String>,
    /// How many exchanges were never asked for.
    pub left: usize,
}

#[derive(Default)]
struct State {
    exchanges: std::collections::VecDeque<Exchange>,
    requests: Vec<RecordedRequest>,
    unexpected: Vec<String>,
}

/// Recorded exchanges served in order from `127.0.0.1:<port>`; stops when
/// dropped.
pub struct Replay {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    _stop: oneshot::Sender<()>,
}

impl fmt::Debug for Replay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Replay")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Replay {
    /// Starts serving `exchanges` on a free loopback port (inside a Tokio
    /// runtime).
    pub async fn start(exchanges: impl IntoIterator<Item = Exchange>) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(State {
            exchanges: exchanges.into_iter().collect(),
            ..State::default()
        }));
        let (stop, mut stopped) = oneshot::channel::<()>();
        let shared = state.clone();
        tokio::spawn(async move {
            loop {
                let (stream, _) = tokio::select! {
                    accepted = listener.accept() => match accepted {
                        Ok(s) => s,
                        Err(_) => continue,
                    },
                    _ = &mut stopped => return,
                };
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |r| answer(state.clone(), r));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Replay {
            addr,
            state,
            _stop: stop,
        })
    }

    /// The base URL to give the client builder: `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state).requests.clone()
    }

    /// `Ok` when every exchange was used, each by the request it expected.
    pub fn verify(&self) -> Result<(), ReplayMismatch> {
        let state = lock(&self.state);
        if state.unexpected.is_empty() && state.exchanges.is_empty() {
            return Ok(());
        }
        Err(ReplayMismatch {
            unexpected: state.unexpected.clone(),
            left: state.exchanges.len(),
        })
    }
}

/// Serves the next exchange if `request` matches it, else a 500.
async fn answer(
    state: Arc<Mutex<State>>,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, std::convert::Infallible> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let mut state = lock(&state);
    state.requests.push(RecordedRequest {
        method: method.clone(),
        path: path.clone(),
        query: query.clone(),
        headers,
        body,
    });
    let next = state.exchanges.front().cloned();
    let response = match next {
        Some(e) if e.matches(&method, &path, query.as_deref()) => {
            state.exchanges.pop_front();
            let mut r = hyper::Response::builder().status(e.status);
            for (k, v) in &e.headers {
                r = r.header(k.as_str(), v.as_str());
            }
            r.body(Full::new(e.body))
        }
        expected => {
            let got = match &query {
                Some(q) => format!("{method} {path}?{q}"),
                None => format!("{method} {path}"),
            };
            let wanted =
                expected.map_or("nothing".to_owned(), |e| format!("{} {}", e.method, e.path));
            state.unexpected.push(got.clone());
            hyper::Response::builder()
                .status(500)
                .body(Full::new(Bytes::from(format!(
                    "replay: got {got}, expected {wanted}"
                ))))
        }
    };
    Ok(response.unwrap_or_else(|_| hyper::Response::new(Full::new(Bytes::new()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn exchanges_are_served_in_order_and_mismatches_reported() {
        let replay = Replay::start([
            Exchange::get("/a?x=1")
                .respond(200, r#"{"ok": true}"#)
                .header("etag", "\"v1\""),
            Exchange::new("post", "/b").respond(201, ""),
        ])
        .await
        .unwrap();
        let http = reqwest::Client::new();
        let base = replay.base_url();
        let a = http.get(format!("{base}/a?x=1")).send().await.unwrap();
        assert_eq!(a.status(), 200);
        assert_eq!(a.headers()["etag"], "\"v1\"");
        assert_eq!(a.text().await.unwrap(), r#"{"ok": true}"#);
        let wrong = http.get(format!("{base}/c")).send().await.unwrap();
        assert_eq!(wrong.status(), 500);
        let err = replay.verify().unwrap_err();
        assert_eq!(err.unexpected, ["GET /c"]);
        assert_eq!(err.left, 1);
        let b = http
            .post(format!("{base}/b"))
            .body("x")
            .send()
            .await
            .unwrap();
        assert_eq!(b.status(), 201);
        assert_eq!(replay.requests()[2].body, Bytes::from("x"));
        assert_eq!(replay.requests().len(), 3);
    }
}
