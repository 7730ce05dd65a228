//! Regression tests for what a hostile or unlucky server can do to a
//! client: redirects to other hosts, bodies replayed, oversized bodies,
//! 404s that are not "no rows", pagination cycles, slow logins. Each test
//! runs real servers on loopback.

use billing_clients::billing_platform::Client as BpClient;
use billing_clients::billing_platform::models::*;
use billing_clients::billwerk::Client as BwClient;
use billing_clients::runtime::{Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SESSION: &str = "session-id-that-must-stay-home";

async fn login_ok(server: &MockServer) {
    Mock::given(path("/org/login"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"loginResponse": [{"SessionID": SESSION}]})),
        )
        .mount(server)
        .await;
}

fn bp(server: &MockServer) -> BpClient {
    BpClient::builder()
        .base_url(format!("{}/org", server.uri()))
        .session_login("user.name", "pass-word")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

fn redirect_to(status: u16, to: String) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("Location", to.as_str())
}

/// A redirect to another origin is not followed: the session id (a custom
/// header reqwest would otherwise carry along) never reaches it, and the
/// caller gets the 3xx with its `Location`.
#[tokio::test]
async fn cross_origin_redirects_are_not_followed_with_credentials() {
    let (home, elsewhere) = (MockServer::start().await, MockServer::start().await);
    login_ok(&home).await;
    for status in [301, 302, 303, 307, 308] {
        home.reset().await;
        login_ok(&home).await;
        Mock::given(method("GET"))
            .and(path("/org/account/1"))
            .respond_with(redirect_to(status, format!("{}/steal", elsewhere.uri())))
            .mount(&home)
            .await;
        let err = bp(&home)
            .records()
            .get(Account::ENTITY, RecordId::new("1"))
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(status), "{err}");
        assert!(err.to_string().contains(&status.to_string()));
    }
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

/// A 307 on the login would replay the user name and password: it is not
/// followed, neither to another origin nor to the same one.
#[tokio::test]
async fn a_redirected_login_does_not_replay_the_password() {
    let (home, elsewhere) = (MockServer::start().await, MockServer::start().await);
    for target in [
        format!("{}/org/login", elsewhere.uri()),
        format!("{}/org/login2", home.uri()),
    ] {
        home.reset().await;
        Mock::given(path("/org/login"))
            .respond_with(redirect_to(307, target))
            .mount(&home)
            .await;
        let err = bp(&home).login().await.unwrap_err();
        assert!(matches!(err, Error::Auth(_)), "{err}");
        let shown = format!("{err} {err:?}");
        assert!(
            !shown.contains("pass-word") && !shown.contains("user.name"),
            "{shown}"
        );
        let home_paths: Vec<String> = home
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| r.url.path().to_owned())
            .collect();
        assert_eq!(home_paths, ["/org/login"]);
    }
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

/// A business POST answered with a same-origin 307 is not re-sent.
#[tokio::test]
async fn a_post_body_is_not_replayed_on_307() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/Orders"))
        .respond_with(redirect_to(307, format!("{}/Orders2", server.uri())))
        .mount(&server)
        .await;
    let c = BwClient::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    let order = billing_clients::billwerk::models::OrderRequest::new(Default::default());
    let err = c.orders().create(&order).await.unwrap_err();
    assert_eq!(err.status(), Some(307));
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1, "sent once, never replayed");
}

/// Same-origin redirects that drop the body are followed (a moved GET).
#[tokio::test]
async fn same_origin_redirects_of_a_get_are_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/Contracts/c1"))
        .respond_with(redirect_to(302, format!("{}/Contracts/c2", server.uri())))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Contracts/c2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"Id": "c2", "CustomerId": "k1"})),
        )
        .mount(&server)
        .await;
    let c = BwClient::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    let contract = c
        .contracts()
        .get(billing_clients::billwerk::models::ContractId::new("c1"))
        .await
        .unwrap();
    assert_eq!(contract.body().id.as_str(), "c2");
}

/// Client secrets go to the token URL: one the caller sets is held to the
/// same https rule as the base URL (plain http only on loopback or when
/// allowed explicitly).
#[test]
fn a_caller_token_url_must_be_https() {
    let build = |token_url: &str, allow: bool| {
        BwClient::builder()
            .base_url("https://sandbox.example.com/api/v1")
            .client_credentials("id", "secret")
            .token_url(token_url)
            .allow_insecure_http(allow)
            .build()
    };
    let err = build("http://auth.example.com/token", false).unwrap_err();
    assert!(
        matches!(err, billing_clients::runtime::BuildError::InsecureUrl(_)),
        "{err}"
    );
    assert!(build("https://auth.example.com/token", false).is_ok());
    assert!(build("http://127.0.0.1:9/token", false).is_ok());
    assert!(build("http://auth.example.com/token", true).is_ok());
    assert!(build("https://auth.example.com/token?x#y", false).is_err());
}

/// A loopback server that answers every connection with `status` and a
/// chunked body that never ends. Returns its base URL.
async fn endless_body(status: u16) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
                );
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = format!("{:x}\r\n{}\r\n", 8192, "x".repeat(8192));
                while socket.write_all(chunk.as_bytes()).await.is_ok() {}
            });
        }
    });
    format!("http://{addr}")
}

fn bw(base: String) -> BwClient {
    BwClient::builder()
        .base_url(base)
        .bearer_token("t")
        .retry_policy(RetryPolicy::none())
        .max_body_size(64 * 1024)
        .build()
        .unwrap()
}

/// A success body over the limit is refused, whether announced by its
/// `Content-Length` or streamed without end.
#[tokio::test]
async fn oversized_and_endless_bodies_are_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(100 * 1024)))
        .mount(&server)
        .await;
    let id = billing_clients::billwerk::models::ContractId::new("c1");
    let err = bw(server.uri()).contracts().get(&id).await.unwrap_err();
    assert!(matches!(err, Error::BodyTooLarge { limit: 65536 }), "{err}");
    let err = bw(endless_body(200).await)
        .contracts()
        .get(&id)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::BodyTooLarge { limit: 65536 }), "{err}");
}

/// An error body is read only as far as the error keeps it: an endless one
/// still gives the typed error with its status and a bounded snippet.
#[tokio::test]
async fn an_endless_error_body_is_cut_not_read_whole() {
    let id = billing_clients::billwerk::models::ContractId::new("c1");
    let err = bw(endless_body(500).await)
        .contracts()
        .get(&id)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500), "{err}");
    let snippet = &err.api_error().unwrap().snippet;
    assert!(snippet.len() <= billing_clients::runtime::SNIPPET_LIMIT + 3);
}

/// A login that does not answer in time is a timeout, not "authentication
/// failed".
#[tokio::test]
async fn a_login_that_times_out_is_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(path("/org/login"))
        .respond_with(ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(5)))
        .mount(&server)
        .await;
    let c = BpClient::builder()
        .base_url(format!("{}/org", server.uri()))
        .session_login("user.name", "pass-word")
        .timeout(std::time::Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = c.login().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                source: Some(_),
                ..
            }
        ),
        "{err}"
    );
    // The timeout keeps its cause as the source.
    let source = std::error::Error::source(&err).expect("the transport error");
    assert!(
        source.to_string().contains("timed out") || format!("{source:?}").contains("TimedOut"),
        "{source:?}"
    );
    let err = c
        .records()
        .get(Account::ENTITY, RecordId::new("1"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
}

/// A 404 is "no rows" only when it is the API's error body; an HTML 404
/// (a wrong organisation or URL) is an error, not an empty list.
#[tokio::test]
async fn only_the_apis_own_404_is_no_rows() {
    use billing_clients::runtime::sql::col;
    let server = MockServer::start().await;
    login_ok(&server).await;
    let c = bp(&server);
    let cond = col("Name").eq("nobody");
    Mock::given(method("GET"))
        .and(path("/org/account"))
        .respond_with(ResponseTemplate::new(404).set_body_json(
            json!({"errors": [{"error_code": "NO_ROWS", "error_text": "No rows found"}]}),
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let rows = c.records().retrieve(Account::ENTITY, &cond).await.unwrap();
    assert!(rows.body().is_empty());
    assert_eq!(rows.status(), 404);
    server.reset().await;
    login_ok(&server).await;
    Mock::given(method("GET"))
        .and(path("/org/account"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_raw("<html><body>Not Found</body></html>", "text/html"),
        )
        .mount(&server)
        .await;
    let err = c
        .records()
        .retrieve(Account::ENTITY, &cond)
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");
    assert!(err.to_string().contains("Not Found"), "{err}");
}

/// Token pages pointing `A -> B -> A` end the stream with a cycle error
/// after the pages already fetched, instead of looping forever.
#[tokio::test]
async fn a_pagination_cycle_ends_with_an_error() {
    use billing_clients::optimize::{Client as OpClient, CustomersListQuery};
    use billing_clients::runtime::futures::TryStreamExt;
    use wiremock::matchers::query_param;
    let server = MockServer::start().await;
    let page = |token: &str| {
        ResponseTemplate::new(200).set_body_json(json!({
            "size": 10, "count": 10, "next_page_token": token, "range": "created",
            "from": "2022-01-01T00:00:00.000", "to": "2022-02-01T00:00:00.000",
            "content": (0..10).map(|i| json!({"handle": format!("c{i}")})).collect::<Vec<_>>()
        }))
    };
    for (asked, next) in [("A", "B"), ("B", "A")] {
        Mock::given(path("/v1/list/customer"))
            .and(query_param("next_page_token", asked))
            .respond_with(page(next))
            .with_priority(1)
            .mount(&server)
            .await;
    }
    Mock::given(path("/v1/list/customer"))
        .respond_with(page("A"))
        .with_priority(2)
        .mount(&server)
        .await;
    let c = OpClient::builder()
        .base_url(format!("{}/v1", server.uri()))
        .api_key("priv_test")
        .build()
        .unwrap();
    let mut pages = c.customers().list_pages(&CustomersListQuery::default());
    let mut fetched = 0;
    let err = loop {
        match pages.try_next().await {
            Ok(Some(_)) => fetched += 1,
            Ok(None) => panic!("the cycle was followed to an end"),
            Err(e) => break e,
        }
    };
    assert_eq!(fetched, 3, "first page, A, B; B points back at A");
    assert!(matches!(err, Error::PaginationCycle(_)), "{err}");
    assert!(err.to_string().contains("token `A`"), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

/// An endpoint the spec does not cover goes through the same auth,
/// encoding, retries and errors with `Client::execute`; errors offer their
/// metadata without matching on the variant.
#[tokio::test]
async fn execute_sends_hand_built_requests_with_the_same_plumbing() {
    use billing_clients::runtime::reqwest::Method;
    use billing_clients::runtime::{PathBuilder, Request};
    use wiremock::matchers::header;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/Invoices/a%2Fb/pdf"))
        .and(header("authorization", "Bearer t"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Url": "x"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Missing"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("Retry-After", "7")
                .set_body_json(json!({"Message": "down"})),
        )
        .mount(&server)
        .await;
    let c = bw(server.uri());
    let path_ = PathBuilder::new()
        .literal("Invoices")
        .param("a/b")
        .literal("pdf");
    // A `Call` like the generated ones: per-call options, and `'static`.
    let call = c
        .execute::<serde_json::Value>(Request::new(Method::GET, path_, true))
        .header("x-trace", "t1")
        .timeout(std::time::Duration::from_secs(5));
    let got = tokio::spawn(call).await.unwrap().unwrap().into_body();
    assert_eq!(got, json!({"Url": "x"}));
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent[0].headers.get("x-trace").unwrap(), "t1");
    let err = c
        .execute_empty(Request::new(
            Method::GET,
            PathBuilder::new().literal("Missing"),
            true,
        ))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable());
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(7)));
    assert_eq!(err.request_id(), None);
}

/// Each API's `Result` alias is the plain `Result<T, E = Error>` users
/// expect: a helper can return `billwerk::Result<()>`.
#[test]
fn the_result_alias_holds_plain_values() {
    fn helper(ok: bool) -> billing_clients::billwerk::Result<()> {
        if ok {
            Ok(())
        } else {
            Err(Error::InvalidRequest("no".into()))
        }
    }
    assert!(helper(true).is_ok());
    assert!(helper(false).is_err());
    let _: billing_clients::optimize::Result<u8, String> = Ok(1);
}

/// A caller-supplied HTTP client keeps its own redirect policy (reqwest's
/// default follows other hosts): the answer from another origin is refused,
/// never handed to the caller as if the API had sent it.
#[tokio::test]
async fn a_caller_client_that_follows_a_redirect_elsewhere_is_refused() {
    let (home, elsewhere) = (MockServer::start().await, MockServer::start().await);
    Mock::given(method("GET"))
        .respond_with(redirect_to(
            302,
            format!("{}/moved?token=x", elsewhere.uri()),
        ))
        .mount(&home)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Id": "evil"})))
        .mount(&elsewhere)
        .await;
    let c = BwClient::builder()
        .base_url(home.uri())
        .bearer_token("t")
        .http_client(billing_clients::runtime::reqwest::Client::new())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let id = billing_clients::billwerk::models::ContractId::new("c1");
    let err = c.contracts().get(&id).await.unwrap_err();
    assert!(
        matches!(&err, Error::Redirected { to } if to.ends_with("/moved")),
        "{err}"
    );
    // With the runtime's policy the caller's client does not follow at all.
    let careful = BwClient::builder()
        .base_url(home.uri())
        .bearer_token("t")
        .http_client(
            billing_clients::runtime::reqwest::Client::builder()
                .redirect(billing_clients::runtime::redirect_policy())
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let err = careful.contracts().get(&id).await.unwrap_err();
    assert_eq!(err.status(), Some(302));
}

/// `build()` refuses credentials the API does not take (a session login
/// for Billwerk used to build, and then every call failed) and says which
/// builder methods to call when none were given.
#[test]
fn build_checks_the_credentials_against_the_api() {
    use billing_clients::runtime::{BuildError, CredentialKind, Credentials, Secret};
    let err = billing_clients::billwerk::Client::builder()
        .environment(billing_clients::billwerk::Environment::Sandbox)
        .credentials(Credentials::Session {
            username: Secret::new("user"),
            password: Secret::new("password"),
        })
        .build()
        .unwrap_err();
    assert!(
        matches!(
            &err,
            BuildError::UnsupportedCredentials {
                given: CredentialKind::Session,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "Session credentials are not accepted by this API; call one of `bearer_token(..)`, `token_provider(..)`, `client_credentials(..)` on the builder instead"
    );
    assert!(!format!("{err:?}").contains("password"));
    let none = billing_clients::optimize::Client::builder()
        .build()
        .unwrap_err();
    assert_eq!(
        none.to_string(),
        "no credentials given: call one of `api_key(..)`, `basic_auth(..)` on the builder"
    );
    let bp = billing_clients::billing_platform::Client::builder()
        .environment(billing_clients::billing_platform::Environment::Sandbox)
        .org("acme")
        .credentials(Credentials::Bearer(Secret::new("t")))
        .build()
        .unwrap_err();
    assert!(
        bp.to_string()
            .contains("call one of `session_login(..)`, `session_id(..)`"),
        "{bp}"
    );
}

/// A loopback port nothing listens on (bound, then released).
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Every message of an error chain, outermost first.
fn chain(err: &dyn std::error::Error) -> Vec<String> {
    let mut out = vec![err.to_string()];
    let mut next = err.source();
    while let Some(e) = next {
        out.push(e.to_string());
        next = e.source();
    }
    out
}

/// A token endpoint that cannot be reached: a typed auth error (step,
/// no status) whose source is the connection failure, each message once.
#[tokio::test]
async fn an_unreachable_token_endpoint_keeps_its_cause() {
    use billing_clients::runtime::AuthStep;
    let port = closed_port();
    let server = MockServer::start().await;
    let c = BwClient::builder()
        .base_url(server.uri())
        .client_credentials("id", "client-secret-xyz")
        .token_url(format!("http://127.0.0.1:{port}/oauth/token"))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = c
        .contracts()
        .get(billing_clients::billwerk::models::ContractId::new("c1"))
        .await
        .unwrap_err();
    let Error::Auth(auth) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(auth.step(), AuthStep::Token);
    assert_eq!(auth.status(), None);
    assert_eq!(err.status(), None);
    let messages = chain(&err);
    assert_eq!(
        messages[0], "token request failed: request failed",
        "{messages:?}"
    );
    assert!(
        messages.len() >= 2,
        "the connection failure is the source: {messages:?}"
    );
    for (i, m) in messages.iter().enumerate() {
        for later in &messages[i + 1..] {
            assert!(
                !m.contains(later.as_str()),
                "`{later}` is printed twice in {messages:?}"
            );
        }
    }
    assert!(!format!("{err:?}").contains("client-secret-xyz"));
}

/// A token endpoint that answers an error: the status is on the error.
#[tokio::test]
async fn a_token_endpoint_status_is_on_the_error() {
    use billing_clients::runtime::AuthStep;
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(503).set_body_string("maintenance"))
        .mount(&server)
        .await;
    let c = BwClient::builder()
        .base_url(server.uri())
        .client_credentials("id", "secret")
        .token_url(format!("{}/oauth/token", server.uri()))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = c
        .contracts()
        .get(billing_clients::billwerk::models::ContractId::new("c1"))
        .await
        .unwrap_err();
    let Error::Auth(auth) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((auth.step(), auth.status()), (AuthStep::Token, Some(503)));
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable());
    assert_eq!(
        err.to_string(),
        "token request failed with HTTP 503: maintenance"
    );
}

/// A transport failure's text is its source's, not repeated in its own.
#[tokio::test]
async fn a_transport_error_prints_its_cause_once() {
    let port = closed_port();
    let err = bw(format!("http://127.0.0.1:{port}"))
        .contracts()
        .get(billing_clients::billwerk::models::ContractId::new("c1"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    let messages = chain(&err);
    assert_eq!(
        messages[0],
        "could not connect, send the request or read the response (GET /Contracts/c1)"
    );
    // Nothing reached the server: retrying is safe for any method.
    assert!(err.is_retryable());
    assert!(messages.len() >= 2, "{messages:?}");
}

/// Tokens from the caller's own source: asked for each request; after a
/// 401 the provider is told and asked once more; its failure keeps the
/// cause.
#[tokio::test]
async fn a_token_provider_supplies_and_renews_tokens() {
    use billing_clients::runtime::futures::future::BoxFuture;
    use billing_clients::runtime::{AuthStep, Secret, TokenProvider};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use wiremock::matchers::header;

    #[derive(Default)]
    struct Vault {
        version: AtomicUsize,
        invalidated: AtomicUsize,
        broken: bool,
    }
    impl TokenProvider for Vault {
        fn token(&self) -> BoxFuture<'_, Result<Secret, Box<dyn std::error::Error + Send + Sync>>> {
            Box::pin(async move {
                if self.broken {
                    return Err("vault sealed".into());
                }
                Ok(Secret::new(format!(
                    "tok-{}",
                    self.version.load(Ordering::SeqCst)
                )))
            })
        }
        fn invalidate(&self) {
            self.invalidated.fetch_add(1, Ordering::SeqCst);
            self.version.fetch_add(1, Ordering::SeqCst);
        }
    }
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer tok-0"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(header("authorization", "Bearer tok-1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"Id": "c1", "CustomerId": "k1"})),
        )
        .mount(&server)
        .await;
    let vault = Arc::new(Vault::default());
    let c = BwClient::builder()
        .base_url(server.uri())
        .token_provider(vault.clone())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let id = billing_clients::billwerk::models::ContractId::new("c1");
    let contract = c.contracts().get(&id).await.unwrap();
    assert_eq!(contract.body().id, id.clone());
    assert_eq!(vault.invalidated.load(Ordering::SeqCst), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let broken = Arc::new(Vault {
        broken: true,
        ..Vault::default()
    });
    let c = BwClient::builder()
        .base_url(server.uri())
        .token_provider(broken)
        .build()
        .unwrap();
    let err = c.contracts().get(&id).await.unwrap_err();
    let Error::Auth(auth) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(auth.step(), AuthStep::Token);
    assert_eq!(
        chain(&err),
        [
            "token request failed: the token provider failed",
            "vault sealed"
        ]
    );
}

/// Calls and streams are `Send + Sync`: they can be held across `.await`
/// in a future that must be `Sync` (a web framework's handler state, a
/// `Sync` struct field), before and while they run.
#[tokio::test]
async fn calls_and_streams_are_send_and_sync() {
    use billing_clients::optimize::CustomersListQuery;
    fn send_sync<T: Send + Sync>(t: T) -> T {
        t
    }
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"content": [], "count": 0, "size": 20})),
        )
        .mount(&server)
        .await;
    let client = billing_clients::optimize::Client::builder()
        .base_url(server.uri())
        .api_key("k")
        .build()
        .unwrap();
    let mut call = send_sync(client.customers().get("c1"));
    // Polled once (running), it is still `Sync`.
    let _ = futures_poll_once(&mut call).await;
    drop(send_sync(call));
    let pages = send_sync(client.customers().list_pages(&CustomersListQuery::new()));
    let _ = send_sync(pages.items());
}

/// Polls a future once.
async fn futures_poll_once<F: std::future::Future + Unpin>(f: &mut F) -> bool {
    use billing_clients::runtime::futures::FutureExt;
    f.now_or_never().is_some()
}

/// Calls own what they need: futures are `Send + 'static`, so they can be
/// collected from temporaries and joined, or spawned.
#[tokio::test]
async fn calls_are_static_futures() {
    use billing_clients::billwerk::models::CustomerId;
    use billing_clients::runtime::futures::future::join_all;
    fn is_static<F: std::future::Future + Send + 'static>(f: F) -> F {
        f
    }
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"Id": "k1", "CompanyName": "ACME"})),
        )
        .mount(&server)
        .await;
    let client = bw(server.uri());
    // Neither the handle nor the id outlives the expression that made the call.
    // Ids are `impl Into<CustomerId>`: an id, a reference to one, a `&str`.
    let c2 = CustomerId::new("c2");
    let calls = vec![
        is_static(client.customers().get(CustomerId::new("c1"))),
        is_static(client.customers().get(&c2)),
        is_static(client.customers().get("c3")),
    ];
    let results = join_all(calls).await;
    assert!(results.iter().all(Result::is_ok));
    // A handle owns a clone of the client: it can be moved into a task.
    fn is_static_handle<H: Send + Sync + 'static>(h: H) -> H {
        h
    }
    let customers = is_static_handle(client.customers());
    let spawned = tokio::spawn(async move { customers.get(String::from("c4")).await });
    assert_eq!(
        spawned
            .await
            .unwrap()
            .unwrap()
            .body()
            .company_name
            .as_deref(),
        Some("ACME")
    );
    let mut paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "/Customers/c1",
            "/Customers/c2",
            "/Customers/c3",
            "/Customers/c4"
        ]
    );
}

/// Options for one call: an extra header, a retry policy, a timeout per
/// attempt and a deadline over all attempts; the client's stay as they are.
#[tokio::test]
async fn per_call_options_override_the_client() {
    use billing_clients::billwerk::models::CustomerId;
    use std::time::{Duration, Instant};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/Customers/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(600)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Customers/busy"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Customers/ok"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"Id": "k1", "CompanyName": "ACME"})),
        )
        .mount(&server)
        .await;
    let patient = RetryPolicy::default()
        .max_attempts(10)
        .initial_backoff(Duration::from_millis(100))
        .max_backoff(Duration::from_millis(100))
        .jitter(false);
    let client = BwClient::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .retry_policy(patient)
        .build()
        .unwrap();
    let customers = client.customers();
    // A header for this call only.
    customers
        .get(CustomerId::new("ok"))
        .header("x-correlation-id", "order-6735")
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap();
    let ok = sent
        .iter()
        .find(|r| r.url.path() == "/Customers/ok")
        .unwrap();
    assert_eq!(ok.headers.get("x-correlation-id").unwrap(), "order-6735");
    // A per-call retry policy: one attempt instead of ten.
    server.reset().await;
    Mock::given(method("GET"))
        .and(path("/Customers/busy"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let err = customers
        .get(CustomerId::new("busy"))
        .retry_policy(RetryPolicy::none())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    // A deadline over the attempts: the ten attempts' waits do not fit in 250 ms.
    let started = Instant::now();
    let err = customers
        .get(CustomerId::new("busy"))
        .deadline(Duration::from_millis(250))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let attempts = server.received_requests().await.unwrap().len() - 1;
    assert!((1..=3).contains(&attempts), "{attempts} attempts");
    // A per-call timeout.
    Mock::given(method("GET"))
        .and(path("/Customers/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(600)))
        .mount(&server)
        .await;
    let err = customers
        .get(CustomerId::new("slow"))
        .timeout(Duration::from_millis(100))
        .retry_policy(RetryPolicy::none())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    // The header went with its call only.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Id": "k1"})))
        .mount(&server)
        .await;
    customers.get(CustomerId::new("ok")).await.unwrap();
    let sent = server.received_requests().await.unwrap();
    assert!(sent[0].headers.get("x-correlation-id").is_none());
}

/// A per-call header that cannot be sent fails the call, sending nothing.
#[tokio::test]
async fn a_bad_per_call_header_is_refused() {
    use billing_clients::billwerk::models::CustomerId;
    let server = MockServer::start().await;
    let err = bw(server.uri())
        .customers()
        .get(CustomerId::new("c1"))
        .header("x-note", "a\r\nInjected: 1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// A caller's token provider that never answers: the call's timeout (each
/// attempt) and its deadline (the whole call) end it, as `Error::Timeout`.
/// Both used to leave the call pending for ever.
#[tokio::test]
async fn a_token_provider_that_never_answers_times_out() {
    use billing_clients::runtime::futures::future::BoxFuture;
    use billing_clients::runtime::{Secret, TokenProvider};
    use std::time::{Duration, Instant};

    struct Silent;
    impl TokenProvider for Silent {
        fn token(&self) -> BoxFuture<'_, Result<Secret, Box<dyn std::error::Error + Send + Sync>>> {
            Box::pin(std::future::pending())
        }
    }
    let server = MockServer::start().await;
    let c = BwClient::builder()
        .base_url(server.uri())
        .token_provider(Silent)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let id = billing_clients::billwerk::models::ContractId::new("c1");
    let limit = Duration::from_millis(300);
    let calls = [
        c.contracts().get(&id).timeout(limit),
        c.contracts().get(&id).deadline(limit),
    ];
    for call in calls {
        let started = Instant::now();
        let result = tokio::time::timeout(Duration::from_secs(10), call)
            .await
            .expect("the call ends by its own timeout or deadline");
        assert!(matches!(result, Err(Error::Timeout { .. })), "{result:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
