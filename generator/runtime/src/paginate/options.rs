//! The call options of a stream, applied to the call of every page.

use std::time::Duration;

use super::super::call::Call;
use super::super::retry::RetryPolicy;

/// What [`Pages::timeout`](super::Pages::timeout) and its siblings set:
/// each page's call gets them.
#[derive(Clone, Debug, Default)]
pub(super) struct StreamOptions {
    pub timeout: Option<Duration>,
    pub deadline: Option<Duration>,
    pub retry: Option<RetryPolicy>,
    pub headers: Vec<(&'static str, String)>,
}

impl StreamOptions {
    /// `call` with these options.
    pub fn apply<T, E, K>(&self, mut call: Call<T, E, K>) -> Call<T, E, K> {
        if let Some(t) = self.timeout {
            call = call.timeout(t);
        }
        if let Some(d) = self.deadline {
            call = call.deadline(d);
        }
        if let Some(p) = &self.retry {
            call = call.retry_policy(p.clone());
        }
        for (name, value) in &self.headers {
            call = call.header(name, value.clone());
        }
        call
    }
}
