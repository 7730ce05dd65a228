//! BillingPlatform: create accounts in one bulk call and retry only the
//! records the platform rejected (each outcome names its record).
//!
//! ```text
//! BP_BASE_URL=https://sandbox.billingplatform.com/myorg/rest/2.0 BP_USER=... BP_PASSWORD=... \
//!     cargo run -p integration-tests --example billingplatform_bulk_retry
//! ```

use billing_clients::billing_platform::Client;
use billing_clients::billing_platform::models::AccountInput;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder()
        .base_url(env("BP_BASE_URL")?)
        .session_login(env("BP_USER")?, env("BP_PASSWORD")?)
        .build()?;
    let rounds = run(&client, &["ACME GmbH", "Globex", "Initech"]).await?;
    println!("done in {rounds} round(s)");
    client.logout().await?;
    Ok(())
}

/// Creates an account per name, retrying the rejected ones up to three
/// times; returns the number of bulk calls made.
pub async fn run(client: &Client, names: &[&str]) -> Result<usize, Box<dyn std::error::Error>> {
    let records = client.records();
    let mut pending: Vec<AccountInput> = names
        .iter()
        .map(|name| AccountInput {
            name: Some((*name).into()),
            ..AccountInput::default()
        })
        .collect();
    let mut rounds = 0;
    for round in 1..=3 {
        rounds = round;
        // The entity (`account`) comes from the records' type.
        let outcomes = records.create_typed(&pending).await?.into_body();
        for (i, created) in outcomes.succeeded() {
            println!("created {:?} as {:?}", pending[i].name, created.id);
        }
        let failed: Vec<usize> = outcomes.failed().map(|e| e.index).collect();
        for e in outcomes.failed() {
            println!(
                "rejected {:?}: {} {}",
                pending[e.index].name,
                e.code,
                e.text.as_deref().unwrap_or_default()
            );
        }
        if failed.is_empty() {
            break;
        }
        // Only the rejected records go again.
        pending = failed.into_iter().map(|i| pending[i].clone()).collect();
        println!("round {round}: {} record(s) to retry", pending.len());
    }
    Ok(rounds)
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}
