#![doc = include_str!("../README.md")]
//!
//! What a user of the clients needs is documented here: [`Error`] and
//! [`AuthError`], [`Response`], [`Credentials`] and [`TokenProvider`],
//! [`RetryPolicy`], the value types ([`Decimal`], [`Timestamp`], [`Patch`],
//! [`Secret`], ...), the streams ([`Pages`]) and, for endpoints the spec does
//! not cover, [`Request`] with its encoders. The plumbing the emitted code
//! calls (the request loop's `Core`, descriptors, path and query builders,
//! decoders) is public only so that code can reach it: it is hidden from the
//! documentation and not a stable interface.
//!
//! Types that may grow cannot be built field by field, so a new optional
//! field or enum value is not a breaking change for callers; the generated
//! crates' query structs and open enums follow the same rule (their
//! `compile_fail` checks live with the generated crate's tests). An unknown
//! enum value is held as an opaque [`Unknown`], which a generated enum's
//! `From` makes and callers only read:
//!
//! ```compile_fail,E0423
//! let u = api_client_runtime::Unknown("pending".into());
//! ```
//!
//! ```
//! use api_client_runtime::Unknown;
//! fn show(value: &Unknown<String>) -> &str {
//!     value.as_str()
//! }
//! ```
//!
//! # From synchronous code
//!
//! The clients are async only: there is no blocking client (it would
//! double every method and hide a runtime in each call). A synchronous
//! program makes one Tokio runtime and blocks on each call, or on a whole
//! async function:
//!
//! ```
//! use api_client_runtime::{Call, Error, Response};
//! // `call` stands for a generated method's result, such as
//! // `client.customers().get("c1")`.
//! fn fetch_blocking(
//!     runtime: &tokio::runtime::Runtime,
//!     call: Call<Response<u32>, Error<()>>,
//! ) -> Result<u32, Error<()>> {
//!     runtime.block_on(call).map(Response::into_body)
//! }
//! let runtime = tokio::runtime::Builder::new_multi_thread()
//!     .enable_all()
//!     .build()
//!     .expect("a runtime");
//! # let _ = (fetch_blocking, runtime);
//! ```
//!
//! Build the runtime once (not per call) and never call `block_on` from
//! inside async code: spawn the work on the runtime instead.

/// `Serialize` as the type's `Display` text and `Deserialize` through its
/// `FromStr`: the wire form of every textual runtime value.
macro_rules! string_serde {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::parsed::Parsed::<$t>::NEW)
            }
        }
    };
}

mod auth;
mod body;
mod builder;
mod bytes;
mod call;
mod classify;
mod client;
mod decimal;
mod duration;
mod encode;
// Serde helpers for string-encoded scalars (and below, the nesting guard
// and the open-object decoder): generated code names them through
// `plumbing`.
#[doc(hidden)]
pub mod encoded;
mod entity;
mod envelope;
mod epoch;
mod error;
mod etag;
mod extra;
mod form;
mod id;
mod idempotency;
mod interval;
mod limits;
mod local_time;
mod members;
mod multipart;
#[doc(hidden)]
pub mod nesting;
#[doc(hidden)]
pub mod open_object;
mod paginate;
mod parsed;
mod patch;
mod redirect;
mod reply;
mod request;
mod response;
mod retry;
mod root;
mod search;
mod secret;
mod siblings;
pub mod sql;
mod status;
mod string_or_number;
#[cfg(feature = "testing")]
pub mod testing;
mod timestamp;
mod union;
mod unknown;
pub mod webhook;

// What users of the clients name: credentials, errors, responses, value
// types, policies, streams and the escape hatch's request and encoders.
pub use auth::{
    AuthError, AuthStep, ClientCredentials, CredentialKind, Credentials, TokenProvider,
    TokenProviderFn, token_provider_fn,
};
pub use body::{Body, BodyEncoder, Json};
pub use bytes::{Base64Bytes, Base64Error, OneOrMany};
pub use call::{Call, Conditional, Keyed, KeyedConditional, TakesIfMatch, TakesKey, Unkeyed};
pub use client::{BuildError, ClientOptions};
pub use decimal::Decimal;
pub use duration::{DurationError, IsoDuration};
pub use encode::{PathBuilder, QueryBuilder};
pub use entity::{Entity, EntityInput, EntityKind, EntityName, Record, Typed};
pub use envelope::{Outcomes, RecordError, RecordOutcome};
pub use epoch::{EpochError, EpochMillis, EpochSeconds};
pub use error::{
    ApiError, DecodeError, EncodeError, Error, ErrorDetails, InvalidRequest, RequestSummary,
    SNIPPET_LIMIT,
};
pub use etag::ETag;
pub use extra::Extra;
pub use form::Form;
pub use id::Id;
pub use idempotency::{MAX_IDEMPOTENCY_KEY_LEN, new_idempotency_key};
pub use interval::{Interval, IntervalError};
pub use limits::{DEFAULT_MAX_BODY, ERROR_BODY_LIMIT};
pub use local_time::{Date, DateForm, LocalDateTime, LocalDateTimeForm, LocalTimeError};
pub use multipart::Multipart;
pub use nesting::MAX_NESTING;
pub use paginate::{Cursor, CursorCycle, Items, Page, Pages};
pub use patch::Patch;
pub use redirect::{MAX_REDIRECTS, redirect_policy};

pub use request::Request;
pub use response::{RateLimit, Response, ResponseMeta};
pub use retry::{RetryPolicy, parse_retry_after};
pub use search::{SearchCriterion, SearchExpr, SearchOp};
pub use secret::Secret;
pub use siblings::{KeyedPage, NoSiblings, WithSiblings};
pub use string_or_number::StringOrNumber;
pub use timestamp::{OffsetStyle, Timestamp, TimestampError, TimestampFormat};
pub use union::{IdOrObject, RawJson};
pub use unknown::Unknown;

// Code-generation plumbing: what emitted code calls, in one module. Public
// so the generated modules (and a downstream `build.rs`'s output) can reach
// it, hidden from the documentation, and not a stable interface.
#[doc(hidden)]
pub mod plumbing {
    pub use super::auth::SessionDescriptor;
    pub use super::call::build;
    pub use super::classify::{
        Classify, CodeOf, STATUS_CLASSIFIER, StaleSignals, StatusClassifier, Verdict, error_code,
        retry_after,
    };
    pub use super::client::{ApiDescriptor, Core, expand_template};
    pub use super::encode::{path_segment, query_component};
    pub use super::encoded;
    pub use super::envelope::{
        NotFound, RecordStatus, RequestEnvelope, WrapError, outcomes, record, records_into, wrap,
    };
    pub use super::error::{decode_json, snippet};
    pub use super::idempotency::KeyPlace;
    pub use super::members::with_fixed_members;
    pub use super::nesting;
    pub use super::open_object;
    pub use super::paginate::{
        Advance, Backward, ItemKey, PageRequest, PagedQuery, Paging, Signals, pages,
    };
    pub use super::reply::{BodyError, FromBody, Read};
    pub use super::response::HeaderNames;
    pub use super::root::{Rooted, unwrap_root};
    pub use super::siblings::PageInfo;
    pub use super::status::{FromStatus, unexpected_status};
}
// The macros the generated builders expand (exported at the crate root, as
// `macro_rules!` macros are).
#[doc(hidden)]
pub use builder::{client_builder_methods, client_execute_methods};

/// Third-party crates in the public API, re-exported so generated code and
/// users name the same versions: `futures` (the streams are
/// `futures::Stream`s), `reqwest` (`http_client(..)` takes a
/// `reqwest::Client`; transport errors are `reqwest::Error`s),
/// `rust_decimal` (inside [`Decimal`]), `serde_json` (arbitrary JSON fields
/// are `serde_json::Value`s) and `time` (inside the timestamp types).
pub use {futures, reqwest, rust_decimal, serde_json, time};
