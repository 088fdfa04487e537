//! Browser apps of the agent's own origins may call `/v1` with bearer tokens; no other origin gets a
//! CORS header, and without `EBILL_CORS_ORIGINS` no origin does.

use reqwest::Method;

use crate::helpers::TestApp;

const APP: &str = "https://app.example.org";

#[tokio::test]
async fn a_configured_origin_is_answered_preflights_and_reads_the_answers() {
    let app = TestApp::spawn_with(|c| c.cors_origins = vec![APP.into()]).await;
    let preflight = app
        .send(
            app.request(Method::OPTIONS, "/v1/me", None)
                .header("origin", APP)
                .header("access-control-request-method", "PATCH")
                .header("access-control-request-headers", "authorization, content-type, idempotency-key"),
        )
        .await;
    assert!(preflight.status.is_success(), "{} {}", preflight.status, preflight.text);
    assert_eq!(preflight.header("access-control-allow-origin"), Some(APP));
    let allowed = preflight.header("access-control-allow-headers").unwrap_or_default().to_lowercase();
    assert!(allowed.contains("authorization") && allowed.contains("idempotency-key"), "{allowed}");
    assert!(preflight.header("access-control-allow-methods").unwrap_or_default().contains("PATCH"));
    assert_eq!(preflight.header("access-control-allow-credentials"), None, "bearer tokens only, never cookies");

    let read = app.send(app.request(Method::GET, "/v1/providers", None).header("origin", APP)).await.expect(200);
    assert_eq!(read.header("access-control-allow-origin"), Some(APP));
    assert!(read.header("access-control-expose-headers").unwrap_or_default().contains("x-request-id"));

    let other = app.send(app.request(Method::GET, "/v1/providers", None).header("origin", "https://evil.example")).await;
    assert_eq!(other.header("access-control-allow-origin"), None);
    let sneaky = app
        .send(
            app.request(Method::OPTIONS, "/v1/me", None)
                .header("origin", "https://evil.example")
                .header("access-control-request-method", "GET"),
        )
        .await;
    assert_eq!(sneaky.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn without_configured_origins_no_origin_is_allowed() {
    let app = TestApp::spawn().await;
    let read = app.send(app.request(Method::GET, "/v1/providers", None).header("origin", APP)).await.expect(200);
    assert_eq!(read.header("access-control-allow-origin"), None);
    let preflight =
        app.send(app.request(Method::OPTIONS, "/v1/me", None).header("origin", APP).header("access-control-request-method", "GET")).await;
    assert_eq!(preflight.header("access-control-allow-origin"), None);
}
