//! The search client's error paths that the simulator does not cover.

use std::time::Duration;

use jobmarket_francetravail::FtConfig;
use jobmarket_francetravail::client::{FtClient, FtError};
use jobmarket_ingest::Secret;

#[tokio::test]
async fn an_unreachable_token_endpoint_is_retried_then_named() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut config = FtConfig::new("id", Secret::new("a-secret-value"));
    config.token_url =
        format!("http://127.0.0.1:{port}/connexion/oauth2/access_token?realm=%2Fpartenaire");
    config.search_url = format!("http://127.0.0.1:{port}/search");
    config.max_retries = 2;
    config.backoff_base = Duration::from_millis(10);
    let client = FtClient::new(config).unwrap();
    let started = std::time::Instant::now();
    let err = client.search(&[], 0, 149).await.unwrap_err();
    assert!(matches!(err, FtError::TokenUnavailable(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("FT_API_TOKEN_URL"), "{message}");
    assert!(
        !message.contains("a-secret-value") && !message.contains("realm"),
        "{message}"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(10),
        "retried with a backoff"
    );
    assert_eq!(client.stats().calls, 0, "no search call without a token");
}
