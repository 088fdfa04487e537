//! Rate limits answer 429 with `Retry-After` and the `RateLimit-Policy` / `RateLimit` headers.

use ebill::config::RateLimits;
use serde_json::json;

use crate::helpers::{TestApp, provider_body};

#[tokio::test]
async fn registrations_per_ip_are_limited() {
    let app = TestApp::spawn_with(|c| c.rate_limits = RateLimits::parse("on,registrations=2/h").unwrap()).await;
    let ok = app.post("/v1/providers", &provider_body(1), None).await.expect(201);
    assert_eq!(ok.header("ratelimit-policy"), Some("\"provider_registrations\";q=2;w=3600"));
    assert!(ok.header("ratelimit").unwrap().starts_with("\"provider_registrations\";r=1;"), "{:?}", ok.header("ratelimit"));
    app.post("/v1/providers", &provider_body(2), None).await.expect(201);
    let limited = app.post("/v1/providers", &provider_body(3), None).await.expect_problem(429, "rate_limited");
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=1800).contains(&retry), "{retry}");
    assert!(limited.header("ratelimit").unwrap().contains(";r=0;"));
    assert_eq!(limited.header("ratelimit-policy"), Some("\"provider_registrations\";q=2;w=3600"));
    let operator = app.operator_token().await;
    let stored = app.get("/v1/providers", Some(&operator)).await.expect(200);
    assert_eq!(stored.body["data"].as_array().unwrap().len(), 2, "the refused registration stored nothing");
}

#[tokio::test]
async fn token_requests_per_ip_are_limited() {
    let app = TestApp::spawn_with(|c| c.rate_limits = RateLimits::parse("on,token=3/m").unwrap()).await;
    let body = json!({"grant_type": "password", "username": "x@agent.example", "password": "whatever-123"});
    for _ in 0..3 {
        app.post("/v1/oauth/token", &body, None).await.expect_problem(400, "invalid_grant");
    }
    let limited = app.post("/v1/oauth/token", &body, None).await.expect_problem(429, "rate_limited");
    assert!(limited.header("retry-after").is_some());
}

#[tokio::test]
async fn limits_can_be_switched_off() {
    let app = TestApp::spawn_with(|c| c.rate_limits = RateLimits::parse("off,registrations=1/h").unwrap()).await;
    for seed in 0..3 {
        app.post("/v1/providers", &provider_body(seed), None).await.expect(201);
    }
}
