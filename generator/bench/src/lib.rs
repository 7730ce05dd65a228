//! Benchmarks of the generator and of what it generates. Nothing here is a
//! timed test: each binary prints medians that the README's Performance
//! section records.
//!
//! - [`synth`] writes a valid synthetic spec of `n` endpoints, models and
//!   enums that uses the spec language's everyday constructs.
//! - [`measure`] runs a closure several times in child processes and reports
//!   medians of wall time and peak memory.

pub mod measure;
pub mod synth;
