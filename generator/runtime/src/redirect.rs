//! The redirect policy of every client this runtime builds.
//!
//! A redirect is followed only when it stays on the same origin (scheme,
//! host and port) and does not replay the request body: 301, 302 and 303
//! (which `reqwest` turns into a body-less GET), at most
//! [`MAX_REDIRECTS`] times. Anything else (another host or port, a switch
//! to `http`, a 307 or 308 that would re-send the body) is not followed:
//! the 3xx response is returned as an error with its status and `Location`
//! header, so credentials (bearer tokens, session ids, the login's user name
//! and password) and bodies never reach a host the caller did not choose.
//!
//! A caller-supplied HTTP client ([`crate::ClientOptions::http_client`])
//! keeps its own redirect policy; build it with [`redirect_policy`] to keep
//! these guarantees.

use reqwest::redirect::{Attempt, Policy};

/// How many same-origin redirects one request may follow.
pub const MAX_REDIRECTS: usize = 5;

/// The policy described in the module documentation.
pub fn redirect_policy() -> Policy {
    Policy::custom(decide)
}

fn decide(attempt: Attempt<'_>) -> reqwest::redirect::Action {
    if attempt.previous().len() > MAX_REDIRECTS {
        return attempt.error(format!("more than {MAX_REDIRECTS} redirects"));
    }
    let same_origin = attempt
        .previous()
        .last()
        .is_some_and(|from| from.origin() == attempt.url().origin());
    let replays_body = matches!(attempt.status().as_u16(), 307 | 308);
    if same_origin && !replays_body {
        attempt.follow()
    } else {
        attempt.stop()
    }
}
