// Written against the old crate (`api` is its `d` module).
async fn uses() -> Result<(), Box<dyn std::error::Error>> {
    let client = api::Client::builder().base_url("https://api.example.com/v1").bearer_token("t").build()?;
    let c = client.customers().get("c1").await?;
    let _ = c.body();
    Ok(())
}
