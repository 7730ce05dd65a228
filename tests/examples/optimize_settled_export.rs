//! Billwerk+ Optimize: export last month's settled invoices, counting as it
//! goes, and resume after a transient failure at the page that failed.
//!
//! ```text
//! OPTIMIZE_BASE_URL=https://api.reepay.com/v1 OPTIMIZE_API_KEY=priv_... \
//!     cargo run -p integration-tests --example optimize_settled_export
//! ```

use billing_clients::optimize::models::InvoiceRange;
use billing_clients::optimize::{Client, InvoicesListQuery};
use billing_clients::runtime::futures::TryStreamExt;
use billing_clients::runtime::time::OffsetDateTime;
use billing_clients::runtime::{Date, LocalDateTime};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder()
        .base_url(env("OPTIMIZE_BASE_URL")?)
        .api_key(env("OPTIMIZE_API_KEY")?)
        .build()?;
    let (count, total) = run(&client, OffsetDateTime::now_utc().date()).await?;
    eprintln!("{count} settled invoices, {total} in minor units");
    Ok(())
}

/// Exports the invoices settled in the month before `today`'s; returns
/// how many and their total.
pub async fn run(
    client: &Client,
    today: billing_clients::runtime::time::Date,
) -> Result<(u64, i64), Box<dyn std::error::Error>> {
    // Last month, from the first of the month before this one.
    let this_month = today.replace_day(1)?;
    let last_month = this_month
        .previous_day()
        .ok_or("no previous day")?
        .replace_day(1)?;
    let query = InvoicesListQuery::new()
        .range(InvoiceRange::Settled)
        .from(LocalDateTime::from(Date::from(last_month)))
        .to(LocalDateTime::from(Date::from(this_month)))
        .size(100);
    let mut invoices = client.invoices().list_items(&query);
    let (mut count, mut total, mut failures) = (0u64, 0i64, 0);
    loop {
        match invoices.try_next().await {
            Ok(Some(invoice)) => {
                count += 1;
                total += invoice.amount;
                println!("{},{},{}", invoice.id, invoice.customer, invoice.amount);
                if count % 500 == 0 {
                    eprintln!("{count} invoices exported");
                }
            }
            Ok(None) => break,
            Err(e) if e.is_retryable() && failures < 5 => {
                failures += 1;
                eprintln!("{e}; resuming at {:?}", invoices.position());
                invoices = invoices.resume();
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok((count, total))
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}
