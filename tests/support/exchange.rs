//! Recorded HTTP exchanges (`fixtures/<api>/<name>.json`): the request the
//! client must send and the response the loopback server serves.
//!
//! A JSON request body is compared semantically (`body`); any other body
//! (form, multipart) byte for byte (`raw_body` with its `content_type`),
//! where `{boundary}` stands for the multipart boundary the client chose.
//! In a served body, `{base_url}` stands for the test server's base URL
//! (next-page links), filled in when the server starts.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::json::assert_json_eq;

/// One recorded exchange.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    /// Seed file and section the sample comes from.
    pub source: String,
    /// What was corrected in the seed's sample, if anything.
    #[serde(default)]
    pub note: Option<String>,
    /// What the client must send.
    pub request: ExpectedRequest,
    /// What the server answers.
    pub response: ServedResponse,
}

/// The request the client must send.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedRequest {
    /// HTTP method.
    pub method: String,
    /// Encoded path, below the base URL.
    pub path: String,
    /// Encoded query string without `?`, byte for byte.
    #[serde(default)]
    pub query: Option<String>,
    /// Headers that must be present with these values.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Sent without credentials (a login): no `authorization` or `sessionid` header.
    #[serde(default)]
    pub unauthenticated: bool,
    /// JSON body, compared semantically.
    #[serde(default)]
    pub body: Option<Value>,
    /// Any other body (form, multipart), compared byte for byte; `{boundary}`
    /// stands for the multipart boundary of the request's content type.
    #[serde(default)]
    pub raw_body: Option<String>,
    /// The content type of `raw_body` (`{boundary}` as there).
    #[serde(default)]
    pub content_type: Option<String>,
}

/// The response served.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServedResponse {
    /// HTTP status.
    pub status: u16,
    /// Response headers.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// JSON body.
    #[serde(default)]
    pub body: Option<Value>,
    /// A non-JSON body (HTML error pages, broken JSON), served verbatim.
    #[serde(default)]
    pub raw_body: Option<String>,
}

impl Exchange {
    /// Loads `fixtures/<api>/<name>.json`.
    pub fn load(api: &str, name: &str) -> Self {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(api)
            .join(format!("{name}.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The served response as a wiremock template, for a server at `base`
    /// (which replaces `{base_url}` in the body and headers).
    pub fn template(&self, base: &str) -> ResponseTemplate {
        let fill = |text: &str| text.replace("{base_url}", base);
        let mut t = ResponseTemplate::new(self.response.status);
        for (k, v) in &self.response.headers {
            t = t.insert_header(k.as_str(), fill(v).as_str());
        }
        if let Some(body) = &self.response.body {
            let text = serde_json::to_string(body).expect("fixture JSON");
            t = t.set_body_raw(fill(&text).into_bytes(), "application/json");
        } else if let Some(raw) = &self.response.raw_body {
            let mime = if raw.trim_start().starts_with('<') {
                "text/html"
            } else {
                "application/json"
            };
            t = t.set_body_raw(raw.clone().into_bytes(), mime);
        }
        t
    }

    /// Starts a loopback server that answers every request with the response.
    pub async fn serve(&self) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(self.template(&server.uri()))
            .mount(&server)
            .await;
        server
    }

    /// Asserts that the server received exactly `count` requests and that each matches the expectation.
    pub async fn verify_n(&self, server: &MockServer, count: usize) {
        let received = server
            .received_requests()
            .await
            .expect("request recording is on");
        assert_eq!(received.len(), count, "number of requests sent");
        for r in &received {
            self.check(r);
        }
    }

    /// Asserts that exactly one request was sent and it matches.
    pub async fn verify(&self, server: &MockServer) {
        self.verify_n(server, 1).await;
    }

    /// Answers only requests with this exchange's method, path and exact
    /// query string (for runs of several exchanges on one server).
    pub async fn mount(&self, server: &MockServer) {
        Mock::given(ExactRequest {
            method: self.request.method.clone(),
            path: self.request.path.clone(),
            query: self.request.query.clone(),
        })
        .respond_with(self.template(&server.uri()))
        .mount(server)
        .await;
    }

    /// Asserts that the server received exactly these exchanges' requests, in this order.
    pub async fn verify_sequence(server: &MockServer, expected: &[&Exchange]) {
        let received = server
            .received_requests()
            .await
            .expect("request recording is on");
        let sent: Vec<String> = received
            .iter()
            .map(|r| format!("{} {}", r.method, r.url.path()))
            .collect();
        assert_eq!(received.len(), expected.len(), "requests sent: {sent:#?}");
        for (r, e) in received.iter().zip(expected) {
            e.check(r);
        }
    }

    /// Like [`Exchange::mount`], answering at most `times` requests; later
    /// mocks answer the rest (e.g. a 401 once, then success).
    pub async fn mount_times(&self, server: &MockServer, times: u64) {
        Mock::given(ExactRequest {
            method: self.request.method.clone(),
            path: self.request.path.clone(),
            query: self.request.query.clone(),
        })
        .respond_with(self.template(&server.uri()))
        .up_to_n_times(times)
        .mount(server)
        .await;
    }

    /// Asserts that a received request matches the expectation.
    pub fn check(&self, r: &wiremock::Request) {
        let e = &self.request;
        assert_eq!(r.method.as_str(), e.method, "method");
        assert_eq!(r.url.path(), e.path, "path");
        assert_eq!(r.url.query(), e.query.as_deref(), "query string");
        for (name, value) in &e.headers {
            let got = r.headers.get(name.as_str()).and_then(|v| v.to_str().ok());
            assert_eq!(got, Some(value.as_str()), "header `{name}`");
        }
        let authorization = r.headers.get("authorization").and_then(|v| v.to_str().ok());
        if e.unauthenticated {
            assert_eq!(authorization, None, "a login sends no authorization header");
            assert!(
                r.headers.get("sessionid").is_none(),
                "a login sends no session id"
            );
        } else if e.headers.contains_key("sessionid") {
            assert_eq!(
                authorization, None,
                "session APIs send no authorization header"
            );
        } else if !e.headers.contains_key("authorization") {
            assert_eq!(
                authorization,
                Some("Bearer test-token"),
                "authorization header"
            );
        }
        if let Some(raw) = &e.raw_body {
            check_raw(r, raw, e.content_type.as_deref());
            return;
        }
        match &e.body {
            Some(expected) => {
                assert_eq!(
                    r.headers.get("content-type").and_then(|v| v.to_str().ok()),
                    Some("application/json"),
                    "content type"
                );
                let actual: Value = serde_json::from_slice(&r.body).expect("the client sent JSON");
                assert_json_eq(expected, &actual);
            }
            None => assert!(
                r.body.is_empty(),
                "no body expected, got {}",
                String::from_utf8_lossy(&r.body)
            ),
        }
    }

    /// The served JSON body.
    pub fn response_body(&self) -> &Value {
        self.response
            .body
            .as_ref()
            .expect("fixture has a JSON response body")
    }

    /// The expected JSON request body.
    pub fn request_body(&self) -> &Value {
        self.request
            .body
            .as_ref()
            .expect("fixture has a JSON request body")
    }
}

/// Compares a non-JSON body byte for byte, and its content type, with the
/// request's multipart boundary in place of `{boundary}`.
fn check_raw(r: &wiremock::Request, expected: &str, content_type: Option<&str>) {
    let got_type = r
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let boundary = got_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .unwrap_or_default();
    let fill = |text: &str| text.replace("{boundary}", boundary);
    if let Some(t) = content_type {
        assert_eq!(got_type, fill(t), "content type");
    }
    let expected = fill(expected);
    assert!(
        r.body == expected.as_bytes(),
        "body, byte for byte:\n expected: {expected:?}\n      got: {:?}",
        String::from_utf8_lossy(&r.body)
    );
}

/// Matches method, path and the query string byte for byte.
struct ExactRequest {
    method: String,
    path: String,
    query: Option<String>,
}

impl wiremock::Match for ExactRequest {
    fn matches(&self, r: &wiremock::Request) -> bool {
        r.method.as_str() == self.method
            && r.url.path() == self.path
            && r.url.query() == self.query.as_deref()
    }
}
