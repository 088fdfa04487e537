//! Webhook URLs are read like a browser reads them and refused when they point inward; a webhook
//! never follows a redirect.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{TestApp, provider_body};
use ebill::domain::ids::ProviderId;
use ebill::domain::vocabulary::WebhookEvent;

#[tokio::test]
async fn webhook_urls_that_point_inward_are_refused() {
    let app = TestApp::spawn_with(|c| c.webhook_allow_private = false).await;
    for (seed, url) in [
        "http://localhost./hook",
        "http://LOCALHOST:8080/hook",
        "http://127.1/hook",
        "http://0x7f000001/hook",
        "http://[::1]/hook",
        "http://[::ffff:192.168.0.1]/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://api.localhost/hook",
    ]
    .into_iter()
    .enumerate()
    {
        let mut body = provider_body(seed as u64);
        body["webhook_url"] = json!(url);
        let reply = app.post("/v1/providers", &body, None).await.expect_problem(422, "validation_failed");
        assert_eq!(reply.fields(), ["webhook_url"], "{url}");
    }
    // A public name is kept as a browser would call it.
    let mut body = provider_body(20);
    body["webhook_url"] = json!("HTTPS://Billing.Provider.Example./ebill/events");
    let registered = app.post("/v1/providers", &body, None).await.expect(201);
    let operator = app.operator_token().await;
    let card = app.get(&format!("/v1/providers/{}", registered.body["id"].as_str().unwrap()), Some(&operator)).await.expect(200);
    assert_eq!(card.body["contacts"]["webhook_url"], "https://billing.provider.example/ebill/events");
    // And a change of the URL is checked the same way.
    let provider = app.active_provider(21).await;
    app.patch("/v1/providers/me", &json!({"webhook_url": "http://localhost./"}), Some(&provider.token))
        .await
        .expect_problem(422, "validation_failed");
}

#[tokio::test]
async fn a_webhook_never_follows_a_redirect() {
    let hooks = MockServer::start().await;
    let landed = Arc::new(AtomicUsize::new(0));
    let counter = landed.clone();
    Mock::given(method("POST"))
        .and(path("/hook"))
        .respond_with(ResponseTemplate::new(307).insert_header("location", format!("{}/landing", hooks.uri())))
        .mount(&hooks)
        .await;
    Mock::given(path("/landing"))
        .respond_with(move |_: &wiremock::Request| {
            counter.fetch_add(1, Ordering::SeqCst);
            ResponseTemplate::new(200)
        })
        .mount(&hooks)
        .await;
    let app = TestApp::spawn_with(|c| c.outbox_retry_base = std::time::Duration::from_secs(3600)).await;
    let provider = app.active_provider(1).await;
    app.patch("/v1/providers/me", &json!({"webhook_url": format!("{}/hook", hooks.uri())}), Some(&provider.token)).await.expect(200);
    app.db(|conn| {
        let row = ebill::services::outbox::webhook_row(
            &ProviderId::from(provider.id.as_str()),
            WebhookEvent::Ping,
            json!({}),
            None,
            ebill::clock::now(),
        );
        ebill::services::outbox::insert(conn, &[row]).unwrap();
    });
    let error = app
        .eventually("the attempt recorded", |app| {
            app.db(|conn| {
                use diesel::prelude::*;
                use ebill::store::schema::outbox::dsl::*;
                outbox.filter(channel.eq("webhook")).select(last_error).first::<Option<String>>(conn).ok().flatten()
            })
        })
        .await;
    assert!(error.contains("307"), "{error}");
    assert_eq!(landed.load(Ordering::SeqCst), 0, "the redirect was not followed");
}
