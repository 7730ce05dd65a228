//! Client overhead: `cargo build --release -p generator-bench &&
//! target/release/bench_client [--calls 2000] [--runs 7] [--only calls|pinned|decode|stream]`
//! (`--only` runs one part, e.g. under a profiler).
//!
//! Against a loopback HTTP/1.1 server in the same process:
//!
//! 1. a typed GET (`client.customers().get(..)` of the generated Optimize
//!    client) against the same call written by hand with reqwest and
//!    serde_json (a plain struct with the same fields; and, to compare the
//!    plumbing alone, with the client's per-request timeout into the
//!    generated model), blocks of calls interleaved, µs per call; once
//!    unpinned and once with client and server on one CPU (the process
//!    re-runs itself under `taskset -c 0`);
//! 2. decoding a 100-item page of open models through the client's decode
//!    path (`runtime::decode_json`) against `serde_json::Value` (and into
//!    closed items, to show what keeping unknown members costs);
//! 3. streaming 100,000 items through the generated `list_items` paginator
//!    (1,000 pages of 100): peak memory before and after.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use billing_clients::optimize::models::{Customer, ListPage};
use billing_clients::optimize::{Client, CustomersListQuery};
use billing_clients::runtime as rt;
use generator_bench::measure::{median, peak_rss_kib};
use rt::futures::TryStreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The same customer, written by hand.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct HandCustomer {
    handle: String,
    email: Option<String>,
    country: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    company: Option<String>,
    created: Option<String>,
}

fn customer(i: usize) -> String {
    format!(
        r#"{{"handle":"cust-{i:06}","email":"customer{i}@example.com","country":"DK","first_name":"Anna","last_name":"Jensen","company":"Acme ApS","created":"2024-03-01T12:00:00.000+00:00","state":"active","metadata":{{"tier":"gold"}}}}"#
    )
}

/// Page `n` (from 0) of `pages`, 100 customers each, with the token of the
/// next page.
fn page(n: usize, pages: usize) -> String {
    let items: Vec<String> = (0..100).map(|i| customer(n * 100 + i)).collect();
    let next = if n + 1 < pages {
        format!(r#""p{}""#, n + 1)
    } else {
        "null".into()
    };
    format!(
        r#"{{"size":100,"count":100,"content":[{}],"next_page_token":{next},"range":"created"}}"#,
        items.join(",")
    )
}

/// Serves `GET /customer/..` with one customer and `GET /list/customer`
/// with the page its `next_page_token` names, keeping connections alive.
async fn serve(listener: tokio::net::TcpListener, pages: usize) {
    let one = Arc::new(customer(1));
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let one = one.clone();
        tokio::spawn(async move {
            let mut buf = Vec::with_capacity(4096);
            let mut chunk = [0u8; 4096];
            loop {
                let end = loop {
                    if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        break end + 4;
                    }
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&buf[..end]).into_owned();
                buf.drain(..end);
                let path = head.split_whitespace().nth(1).unwrap_or("/");
                let body = if path.contains("/list/customer") {
                    let n = path
                        .split("next_page_token=p")
                        .nth(1)
                        .and_then(|t| t.split('&').next())
                        .and_then(|t| t.parse().ok())
                        .unwrap_or(0);
                    page(n, pages)
                } else {
                    one.as_str().to_owned()
                };
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                if socket.write_all(response.as_bytes()).await.is_err() {
                    return;
                }
            }
        });
    }
}

/// A loopback server answering with `pages` list pages, and a generated
/// client for it; returns the client and the server's base URL.
async fn start(pages: usize) -> (Client, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(serve(listener, pages));
    let client = Client::builder()
        .base_url(&base)
        .allow_insecure_http(true)
        .api_key("priv_test")
        .build()
        .expect("a client");
    (client, base)
}

struct Args {
    calls: usize,
    runs: usize,
    pinned: bool,
    only: Option<String>,
}

fn args() -> Args {
    let mut out = Args {
        calls: 2000,
        runs: 7,
        pinned: false,
        only: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--pinned" => out.pinned = true,
            "--calls" => out.calls = it.next().and_then(|v| v.parse().ok()).expect("a count"),
            "--runs" => out.runs = it.next().and_then(|v| v.parse().ok()).expect("a count"),
            "--only" => out.only = Some(it.next().expect("calls, pinned, decode or stream")),
            other => panic!("unknown option {other}"),
        }
    }
    out
}

fn main() {
    let args = args();
    match args.only.as_deref() {
        Some("calls") => return run(&args),
        Some("pinned") => return pinned(&args),
        Some("decode") => return decode(args.runs),
        Some("stream") => return stream(),
        Some(other) => panic!("--only takes calls, pinned, decode or stream, not {other}"),
        None => {}
    }
    if !args.pinned {
        run(&args);
        pinned(&args);
        decode(args.runs);
        stream();
    } else {
        run(&args);
    }
}

/// Client and server on one CPU (the process re-runs itself under
/// `taskset -c 0`): the client's own cost shows.
fn pinned(args: &Args) {
    let taskset = std::path::Path::new("/usr/bin/taskset");
    if !taskset.exists() {
        println!("typed GET, one CPU: skipped (no /usr/bin/taskset)");
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    let status = std::process::Command::new(taskset)
        .args(["-c", "0"])
        .arg(exe)
        .args(["--pinned", "--calls", &args.calls.to_string()])
        .args(["--runs", &args.runs.to_string()])
        .status()
        .expect("run pinned");
    assert!(status.success());
}

/// Typed GETs, generated against hand-written, interleaved blocks.
fn run(args: &Args) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        let (client, base) = start(1).await;
        let http = reqwest::Client::new();
        let (mut generated, mut hand, mut same) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..args.runs {
            let started = Instant::now();
            for _ in 0..args.calls {
                let c = client.customers().get("cust-000001").await.expect("a customer");
                black_box(c);
            }
            generated.push(per_call(started.elapsed(), args.calls));
            let started = Instant::now();
            for _ in 0..args.calls {
                let c: HandCustomer = hand_get(&http, &base, "cust-000001", None).await;
                black_box(c);
            }
            hand.push(per_call(started.elapsed(), args.calls));
            let started = Instant::now();
            for _ in 0..args.calls {
                let c: Customer = hand_get(&http, &base, "cust-000001", Some(TIMEOUT)).await;
                black_box(c);
            }
            same.push(per_call(started.elapsed(), args.calls));
        }
        let (g, h, s) = (median(&generated), median(&hand), median(&same));
        let label = if args.pinned { "one CPU" } else { "unpinned" };
        println!(
            "typed GET, {label}: generated {:.1} µs, hand-written {:.1} µs, ratio {:.3}; hand-written with the client's timeout and model {:.1} µs, ratio {:.3} (medians of {} runs of {} calls)",
            g as f64 / 1000.0,
            h as f64 / 1000.0,
            g as f64 / h as f64,
            s as f64 / 1000.0,
            g as f64 / s as f64,
            args.runs,
            args.calls
        );
    });
}

/// The generated client's default per-request timeout, for the
/// hand-written variant that sets one too.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The GET written by hand with reqwest and serde_json (the URL built from
/// the id on each call, as the generated method does), decoded into `T`:
/// a plain struct, or the generated model (timestamp parsed, unknown
/// members kept) to compare the client's plumbing alone.
async fn hand_get<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    base: &str,
    id: &str,
    timeout: Option<Duration>,
) -> T {
    let url = format!("{base}/customer/{id}");
    let mut request = http.get(url).basic_auth("priv_test", Some(""));
    if let Some(t) = timeout {
        request = request.timeout(t);
    }
    let response = request.send().await.expect("a response");
    assert!(response.status().is_success());
    let bytes = response.bytes().await.expect("a body");
    serde_json::from_slice(&bytes).expect("a customer")
}

/// Nanoseconds per call.
fn per_call(elapsed: Duration, calls: usize) -> u64 {
    (elapsed.as_nanos() / calls as u128) as u64
}

/// A 100-item page through the client's decode path against `Value`, and
/// the same page into closed items (the hand-written struct: unknown
/// members dropped) to show what keeping them costs.
fn decode(runs: usize) {
    let body = page(0, 2).into_bytes();
    let rounds = 500;
    let (mut typed, mut value, mut closed) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let started = Instant::now();
        for _ in 0..rounds {
            let p: ListPage<Customer> =
                rt::plumbing::decode_json(200, black_box(&body)).expect("a page");
            black_box(p);
        }
        typed.push(per_call(started.elapsed(), rounds));
        let started = Instant::now();
        for _ in 0..rounds {
            let v: serde_json::Value = serde_json::from_slice(black_box(&body)).expect("json");
            black_box(v);
        }
        value.push(per_call(started.elapsed(), rounds));
        let started = Instant::now();
        for _ in 0..rounds {
            let p: ListPage<HandCustomer> =
                rt::plumbing::decode_json(200, black_box(&body)).expect("a page");
            black_box(p);
        }
        closed.push(per_call(started.elapsed(), rounds));
    }
    let (t, v, c) = (median(&typed), median(&value), median(&closed));
    println!(
        "decode a 100-item page ({} bytes, open models): client {:.1} µs, serde_json::Value {:.1} µs, ratio {:.3}; closed items {:.1} µs, ratio {:.3}",
        body.len(),
        t as f64 / 1000.0,
        v as f64 / 1000.0,
        t as f64 / v as f64,
        c as f64 / 1000.0,
        c as f64 / v as f64,
    );
}

/// 100,000 items through the paginator, one page at a time.
fn stream() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        let pages = 1000;
        let (client, _) = start(pages).await;
        // Warm up (connection, allocator), then measure from here.
        let _ = client.customers().list(&CustomersListQuery::new()).await;
        let before = peak_rss_kib().unwrap_or(0);
        let started = Instant::now();
        let mut items = client.customers().list_items(&CustomersListQuery::new());
        let mut count = 0usize;
        while let Some(c) = items.try_next().await.expect("an item") {
            black_box(c);
            count += 1;
        }
        let after = peak_rss_kib().unwrap_or(0);
        println!(
            "stream: {count} items in {pages} pages ({} bytes each) in {:.2} s; peak memory {} KiB before, {} KiB after (+{} KiB)",
            page(0, pages).len(),
            started.elapsed().as_secs_f64(),
            before,
            after,
            after.saturating_sub(before)
        );
    });
}
