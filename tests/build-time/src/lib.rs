//! A client for the (fictional) Acme Ledger API, generated at build time
//! from `spec/` by `build.rs`: edit the spec and `cargo build` regenerates it.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use build_time_example::ledger::Client;
//!
//! let client = Client::builder()
//!     .base_url("https://ledger.example.com/v1")
//!     .bearer_token("sk_test_...")
//!     .build()?;
//! let account = client.accounts().get("acc_1").await?;
//! println!("{} holds {}", account.body().name, account.body().balance);
//! # Ok(())
//! # }
//! ```

include!(concat!(env!("OUT_DIR"), "/ledger.rs"));
