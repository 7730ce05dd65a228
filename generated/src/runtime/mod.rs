//! Hand-written runtime shared by every generated API module.
//!
//! Generated code only describes requests (method, path, parameters, body) and
//! types; everything that talks HTTP lives here, as ordinary tested Rust.

mod auth;
mod client;
mod decimal;
mod encode;
mod error;
mod etag;
mod patch;
mod response;
mod retry;
mod secret;
mod timestamp;

pub use auth::{ClientCredentials, Credentials};
pub use client::{expand_template, ApiDescriptor, BuildError, ClientOptions, Core, Request};
pub use decimal::Decimal;
pub use encode::{path_segment, query_component, PathBuilder, QueryBuilder};
pub use error::{decode_json, snippet, ApiError, DecodeError, EncodeError, Error, SNIPPET_LIMIT};
pub use etag::ETag;
pub use patch::Patch;
pub use response::{HeaderNames, RateLimit, Response, ResponseMeta};
pub use retry::{parse_retry_after, RetryPolicy};
pub use secret::Secret;
pub use timestamp::{OffsetStyle, Timestamp, TimestampError, TimestampFormat};

/// Re-exported so generated code and users name the same versions.
pub use {reqwest, rust_decimal, serde_json, time};
