// Written against the old crate (`api` is its `d` module).
async fn uses() -> Result<(), Box<dyn std::error::Error>> {
    let client = api::Client::builder().base_url("https://api.example.com/v1").bearer_token("t").build()?;
    let body = api::models::CustomerCreate::new("a@example.com".into());
    client.customers().create(&body).await?;
    Ok(())
}
