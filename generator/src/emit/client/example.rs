//! The `# Examples` of the generated `Client`: one client per way the API
//! authenticates, as a user writes it (compiled as doctests).

use crate::ir::{Api, AuthScheme};

/// The example lines (a `no_run` doctest), or none without an API path.
pub(super) fn client_example(api: &Api, root: Option<&str>) -> Option<Vec<String>> {
    let root = root?;
    let runtime = root.rsplit_once("::").map_or("crate", |(c, _)| c);
    let mut body: Vec<String> = Vec::new();
    let mut add = |comment: &str, chain: String| {
        body.push(format!(
            "// {comment}\nlet client = Client::builder(){chain}.build()?;"
        ));
    };
    match &api.settings.auth.scheme {
        AuthScheme::None => add("No credentials:", String::new()),
        AuthScheme::Bearer { client_credentials } => {
            add(
                "A bearer token obtained elsewhere:",
                ".bearer_token(\"t0ken\")".into(),
            );
            add(
                "Tokens from your own source (a vault, another OAuth flow), asked for before each request:",
                "\n    .token_provider(rt::token_provider_fn(|| async {\n        Ok::<_, std::io::Error>(rt::Secret::new(\"t0ken\"))\n    }))\n    ".into(),
            );
            if client_credentials.is_some() {
                add(
                    "OAuth2 client credentials: the token is fetched, cached and renewed for you:",
                    ".client_credentials(\"app-id\", \"s3cr3t\")".into(),
                );
            }
        }
        AuthScheme::Basic { api_key } => {
            add(
                "HTTP basic authentication:",
                ".basic_auth(\"user\", \"password\")".into(),
            );
            if let Some(k) = api_key {
                add(
                    "An API key (sent as the basic user name):",
                    format!(".{}(\"key\")", k.method),
                );
            }
        }
        AuthScheme::Session(_) => {
            add(
                "Log in with a user name and password on first use (and again after a 401):",
                ".session_login(\"user\", \"password\")".into(),
            );
            add(
                "A session id obtained elsewhere:",
                ".session_id(\"session-id\")".into(),
            );
        }
    }
    let lines = [
        "```no_run".to_owned(),
        format!("# use {runtime}::runtime as rt;"),
        format!("use {root}::Client;"),
        "# fn main() -> Result<(), Box<dyn std::error::Error>> {".to_owned(),
        body.join("\n"),
        "// Clones share connections and credentials.".to_owned(),
        "let same = client.clone();".to_owned(),
        "# let _ = same;".to_owned(),
        "# Ok(())".to_owned(),
        "# }".to_owned(),
        "```".to_owned(),
    ];
    Some(lines.join("\n").lines().map(str::to_owned).collect())
}
