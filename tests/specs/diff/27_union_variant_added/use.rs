// Written against the old crate (`api` is its `d` module).
async fn uses() -> Result<(), Box<dyn std::error::Error>> {
    let client = api::Client::builder().base_url("https://api.example.com/v1").bearer_token("t").build()?;
    fn describe(s: &api::models::PaymentSource) -> &'static str {
        match s {
            api::models::PaymentSource::Card(_) => "card",
            api::models::PaymentSource::Bank(_) => "bank",
            api::models::PaymentSource::Unknown(_) => "unknown",
        }
    }
    let _ = describe;
    Ok(())
}
