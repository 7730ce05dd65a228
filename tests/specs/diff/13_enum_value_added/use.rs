// Written against the old crate (`api` is its `d` module).
async fn uses() -> Result<(), Box<dyn std::error::Error>> {
    let client = api::Client::builder().base_url("https://api.example.com/v1").bearer_token("t").build()?;
    let c = client.customers().get("c1").await?;
    let label = match &c.body().status {
        Some(api::models::Status::Active) => "active",
        Some(api::models::Status::Archived) => "archived",
        _ => "other",
    };
    let _ = label;
    Ok(())
}
