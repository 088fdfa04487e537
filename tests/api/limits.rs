//! Rate limits answer 429 with `Retry-After` and the `RateLimit-Policy` / `RateLimit` headers; with
//! Redis, replicas count against one total, and without it (down at start or gone mid-run) each process
//! goes on limiting on its own and says so in its metrics.

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

/// The Redis of the shared-limit tests (`.ci/run` starts one and sets it), with a key prefix of this
/// test's own; `None` (and a line saying the test did not run) without `TEST_REDIS_URL`.
fn redis() -> Option<(String, String)> {
    match std::env::var("TEST_REDIS_URL").ok().filter(|v| !v.is_empty()) {
        Some(url) => Some((url, format!("test-{}", ebill::crypto::random_token(8)))),
        None => {
            eprintln!("TEST_REDIS_URL is not set: the shared-limit test did not run");
            None
        }
    }
}

fn shared(url: &str, prefix: &str, limits: &str) -> impl FnOnce(&mut ebill::config::Config) {
    let (url, prefix, limits) = (url.to_owned(), prefix.to_owned(), limits.to_owned());
    move |c| {
        c.redis_url = Some(url);
        c.redis_prefix = prefix;
        c.rate_limits = RateLimits::parse(&limits).unwrap();
    }
}

fn fallbacks(metrics: &str, limit: &str) -> u64 {
    let line = format!("ebill_rate_limit_fallbacks_total{{limit=\"{limit}\"}} ");
    metrics.lines().find_map(|l| l.strip_prefix(&line)).map_or(0, |n| n.trim().parse().unwrap())
}

#[tokio::test]
async fn with_redis_two_replicas_share_one_limit() {
    let Some((url, prefix)) = redis() else { return };
    let first = TestApp::spawn_with(shared(&url, &prefix, "on,registrations=3/h")).await;
    let second = first.another_instance(|_| {}).await;
    first.post("/v1/providers", &provider_body(1), None).await.expect(201);
    second.post("/v1/providers", &provider_body(2), None).await.expect(201);
    let third = first.post("/v1/providers", &provider_body(3), None).await.expect(201);
    assert!(third.header("ratelimit").unwrap().starts_with("\"provider_registrations\";r=0;"), "{:?}", third.header("ratelimit"));
    let limited = second.post("/v1/providers", &provider_body(4), None).await.expect_problem(429, "rate_limited");
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=1200).contains(&retry), "{retry}");
    first.post("/v1/providers", &provider_body(5), None).await.expect_problem(429, "rate_limited");
    let metrics = second.get("/metrics", None).await.text;
    assert_eq!(fallbacks(&metrics, "provider_registrations"), 0, "Redis decided every check");
    assert!(metrics.contains("ebill_rate_limit_rejections_total{limit=\"provider_registrations\"} 1"), "{metrics}");
}

/// A TCP relay to Redis that the test can cut, as a network partition would.
async fn relay(to: &str) -> (u16, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let target = to.trim_start_matches("redis://").trim_end_matches('/').to_owned();
    let task = tokio::spawn(async move {
        let mut links = tokio::task::JoinSet::new();
        while let Ok((mut inbound, _)) = listener.accept().await {
            let target = target.clone();
            links.spawn(async move {
                if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    (port, task)
}

#[tokio::test]
async fn when_redis_goes_away_the_limits_hold_in_process_and_say_so() {
    let Some((url, prefix)) = redis() else { return };
    let (port, cut) = relay(&url).await;
    let app = TestApp::spawn_with(shared(&format!("redis://127.0.0.1:{port}"), &prefix, "on,registrations=2/h")).await;
    app.post("/v1/providers", &provider_body(1), None).await.expect(201);
    assert_eq!(fallbacks(&app.get("/metrics", None).await.text, "provider_registrations"), 0);

    cut.abort(); // the relay and every connection through it are gone
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    app.post("/v1/providers", &provider_body(2), None).await.expect(201);
    app.post("/v1/providers", &provider_body(3), None).await.expect(201);
    app.post("/v1/providers", &provider_body(4), None).await.expect_problem(429, "rate_limited");
    assert!(fallbacks(&app.get("/metrics", None).await.text, "provider_registrations") >= 3, "each check counted as a fallback");
}

#[tokio::test]
async fn an_unreachable_redis_at_start_is_no_reason_to_refuse_anyone() {
    let app = TestApp::spawn_with(shared("redis://127.0.0.1:1", "test", "on,registrations=2/h")).await;
    app.post("/v1/providers", &provider_body(1), None).await.expect(201);
    app.post("/v1/providers", &provider_body(2), None).await.expect(201);
    app.post("/v1/providers", &provider_body(3), None).await.expect_problem(429, "rate_limited");
    assert_eq!(fallbacks(&app.get("/metrics", None).await.text, "provider_registrations"), 3);
}
