//! Optional headers as call options: an endpoint that takes an `If-Match`
//! entity tag returns an `rt::Conditional` call, whose `.if_match(&etag)`
//! sends it; other optional headers are set with `.header(name, value)`,
//! listed in the method's docs. No method takes them as `Option` arguments.

use super::super::part::EndpointPart;
use crate::ir::{Api, Endpoint};

pub(super) struct IfMatch;

impl EndpointPart for IfMatch {
    fn call_marker(&self, e: &Endpoint) -> Option<&'static str> {
        e.if_match.then_some("Conditional")
    }

    fn doc_note(&self, e: &Endpoint, _api: &Api) -> Option<String> {
        let mut notes = Vec::new();
        if e.if_match {
            notes.push(
                "With `.if_match(&etag)` (an entity tag from an earlier read) the call applies only if the resource is unchanged; otherwise it fails with `Error::PreconditionFailed` (412).".to_owned(),
            );
        }
        for h in &e.optional_headers {
            notes.push(
                format!(
                    "Optional header `{}`, set on the call with `.header(\"{}\", value)`: {}",
                    h.wire,
                    h.wire,
                    h.doc.text.trim_end_matches('.')
                ) + ".",
            );
        }
        (!notes.is_empty()).then(|| notes.join(" "))
    }

    fn example_line(&self, e: &Endpoint) -> Option<&'static str> {
        e.if_match
            .then_some(".if_match(&etag) // optional: only if unchanged since read")
    }
}
