//! Hand-written runtime shared by every generated API module.
//!
//! Generated code only describes requests (method, path, parameters, body) and
//! types; everything that talks HTTP lives here, as ordinary tested Rust.

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
                let s =
                    <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

mod auth;
mod body;
mod builder;
mod bytes;
mod classify;
mod client;
mod decimal;
mod duration;
mod encode;
pub mod encoded;
mod entity;
mod envelope;
mod epoch;
mod error;
mod etag;
mod form;
mod idempotency;
mod interval;
mod limits;
mod local_time;
mod multipart;
mod paginate;
mod patch;
mod redirect;
mod request;
mod response;
mod retry;
mod root;
mod search;
mod secret;
pub mod sql;
mod status;
mod string_or_number;
mod timestamp;
mod union;

pub use auth::{
    AuthError, AuthStep, ClientCredentials, CredentialKind, Credentials, SessionDescriptor,
    TokenProvider,
};
pub use body::{Body, BodyEncoder, Json};
pub use builder::{client_builder_methods, client_execute_methods};
pub use bytes::{Base64Bytes, Base64Error, OneOrMany};
pub use classify::{
    error_code, retry_after, Classify, CodeOf, StaleSignals, StatusClassifier, Verdict,
    STATUS_CLASSIFIER,
};
pub use client::{expand_template, ApiDescriptor, BuildError, ClientOptions, Core};
pub use decimal::Decimal;
pub use duration::{DurationError, IsoDuration};
pub use encode::{path_segment, query_component, PathBuilder, QueryBuilder};
pub use entity::{Entity, EntityKind, EntityName, Record, Typed};
pub use envelope::{
    outcomes, records, wrap, NotFound, RecordError, RecordOutcome, RecordStatus, RequestEnvelope,
    WrapError,
};
pub use epoch::{EpochError, EpochMillis, EpochSeconds};
pub use error::{
    decode_json, snippet, ApiError, DecodeError, EncodeError, Error, ErrorDetails, InvalidRequest,
    SNIPPET_LIMIT,
};
pub use etag::ETag;
pub use form::Form;
pub use idempotency::{new_idempotency_key, KeyPlace};
pub use interval::{Interval, IntervalError};
pub use limits::{DEFAULT_MAX_BODY, ERROR_BODY_LIMIT};
pub use local_time::{Date, DateForm, LocalDateTime, LocalDateTimeForm, LocalTimeError};
pub use multipart::Multipart;
pub use paginate::{
    items, pages, Advance, Cursor, CursorCycle, ItemKey, Page, PageRequest, PagedQuery, Pages,
    Paging, Signals,
};
pub use patch::Patch;
pub use redirect::{redirect_policy, MAX_REDIRECTS};
pub use request::Request;
pub use response::{HeaderNames, RateLimit, Response, ResponseMeta};
pub use retry::{parse_retry_after, RetryPolicy};
pub use root::{unwrap_root, Rooted};
pub use search::{SearchCriterion, SearchExpr, SearchOp};
pub use secret::Secret;
pub use status::{unexpected_status, FromStatus};
pub use string_or_number::StringOrNumber;
pub use timestamp::{OffsetStyle, Timestamp, TimestampError, TimestampFormat};
pub use union::{IdOrObject, RawJson};

/// Re-exported so generated code and users name the same versions.
pub use {futures, reqwest, rust_decimal, serde_json, time};
