//! Billwerk+ Premium & Enterprise: sign up a customer (an order, committed),
//! change it conditionally (`If-Match`, reading again after a 412), and list
//! its contracts, waiting out rate limits (429).
//!
//! ```text
//! BILLWERK_BASE_URL=https://sandbox.billwerk.com/api/v1 BILLWERK_TOKEN=... \
//! BILLWERK_PLAN_VARIANT=5dd15e3f9cc9ba309478eedf \
//!     cargo run -p integration-tests --example billwerk_customer_contracts
//! ```

use std::time::Duration;

use billing_clients::billwerk::models::{
    Cart, CustomerInput, CustomerPatch, OrderRequest, PlanVariantId,
};
use billing_clients::billwerk::{Client, CustomersContractsQuery, Error};
use billing_clients::runtime::Patch;
use billing_clients::runtime::futures::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder()
        .base_url(env("BILLWERK_BASE_URL")?)
        .bearer_token(env("BILLWERK_TOKEN")?)
        .build()?;
    let plan_variant = PlanVariantId::new(env("BILLWERK_PLAN_VARIANT")?);
    let contracts = run(&client, plan_variant).await?;
    println!("{contracts} contract(s)");
    Ok(())
}

/// Signs up, changes and lists; returns how many contracts the customer has.
pub async fn run(
    client: &Client,
    plan_variant: PlanVariantId,
) -> Result<usize, Box<dyn std::error::Error>> {
    // 1. A signup order creates the customer and its contract; committing
    //    it carries it out.
    let signup = OrderRequest {
        customer: Some(CustomerInput {
            company_name: Some("ACME GmbH".into()),
            email_address: Some("billing@acme.example".into()),
            ..CustomerInput::default()
        }),
        ..OrderRequest::new(Cart {
            plan_variant_id: Some(plan_variant),
            ..Cart::default()
        })
    };
    let order = client.orders().create(&signup).await?.into_body();
    client.orders().commit(&order.id).await?;
    let customer_id = order.customer_id.ok_or("the order names no customer")?;
    println!("signed up customer {customer_id} (order {})", order.id);

    // 2. Set the VAT id only if nobody changed the customer since it was
    //    read; on 412 read it again and repeat.
    let change = CustomerPatch {
        vat_id: Patch::Value("DE123456789".into()),
        ..CustomerPatch::default()
    };
    for attempt in 1.. {
        let current = client.customers().get(&customer_id).await?;
        match client
            .customers()
            .patch(&customer_id, &change)
            .if_match(current.etag())
            .await
        {
            Ok(_) => break,
            Err(Error::PreconditionFailed(_)) if attempt < 3 => {
                println!("the customer changed meanwhile; reading it again");
            }
            Err(e) => return Err(e.into()),
        }
    }
    println!("set the VAT id of {customer_id}");

    // 3. Its contracts, 100 per request; a 429 the retry policy did not
    //    absorb is waited out and the stream goes on where it stopped.
    let query = CustomersContractsQuery::new().take(100);
    let mut contracts = client.customers().contracts_items(&customer_id, &query);
    let mut count = 0;
    loop {
        match contracts.try_next().await {
            Ok(Some(contract)) => {
                count += 1;
                println!("contract {} started {:?}", contract.id, contract.start_date);
            }
            Ok(None) => break,
            Err(e) if e.status() == Some(429) => {
                let wait = e.retry_after().unwrap_or(Duration::from_secs(5));
                println!("rate limited; waiting {wait:?}");
                tokio::time::sleep(wait).await;
                contracts = contracts.resume();
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(count)
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}
