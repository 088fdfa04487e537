//! Webhook deliveries: every attempt is listed with what the receiver answered; a receiver that lost
//! an event asks for it again and gets the same event, freshly signed; a ping tries the receiver at
//! once; nobody sees or redelivers another provider's deliveries.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::helpers::{Registered, TestApp, provider_body};
use ebill::domain::ids::ProviderId;
use ebill::domain::vocabulary::WebhookEvent;

/// One request a receiver got: its `webhook-id`, `webhook-signature` and body as sent.
#[derive(Debug, Clone)]
struct Hit {
    id: String,
    signature: String,
    body: String,
}

type Hits = Arc<Mutex<Vec<Hit>>>;

/// A receiver on loopback that keeps every request and answers the `n`-th (1-based) with `answer(n)`.
async fn receiver(answer: impl Fn(usize) -> u16 + Send + Sync + 'static) -> (MockServer, Hits) {
    let server = MockServer::start().await;
    let hits: Hits = Arc::default();
    let kept = hits.clone();
    Mock::given(wiremock::matchers::method("POST"))
        .respond_with(move |req: &Request| {
            let header = |name: &str| req.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
            let mut hits = kept.lock().unwrap();
            hits.push(Hit {
                id: header("webhook-id"),
                signature: header("webhook-signature"),
                body: String::from_utf8_lossy(&req.body).into(),
            });
            ResponseTemplate::new(answer(hits.len()))
        })
        .mount(&server)
        .await;
    (server, hits)
}

fn hits_of(hits: &Hits) -> Vec<Hit> {
    hits.lock().unwrap().clone()
}

/// An active provider whose webhook goes to `url`: (id, token, the webhook secret shown at registration).
async fn provider(app: &TestApp, seed: u64, url: Option<String>) -> (String, String, String) {
    let mut body = provider_body(seed);
    body["webhook_url"] = json!(url);
    let reply = app.post("/v1/providers", &body, None).await.expect(201);
    let text = |name: &str| reply.body[name].as_str().unwrap().to_owned();
    let registered = Registered { id: text("id"), client_id: text("client_id"), client_secret: text("client_secret") };
    let operator = app.operator_token().await;
    app.post(&format!("/v1/providers/{}/approve", registered.id), &json!({}), Some(&operator)).await.expect(200);
    let token = app.provider_token_reply(&registered).await.expect(200).body["access_token"].as_str().unwrap().to_owned();
    (registered.id, token, text("webhook_secret"))
}

/// Queues an `account.delivery_changed` event for the provider, as a delivery switch would; its id.
fn queue_event(app: &TestApp, provider_id: &str) -> String {
    app.db(|conn| {
        let data = json!({"account_number": "LS-1", "payer_code": "0000000018", "delivery": "electronic", "effective_from": "2021-09"});
        let row = ebill::services::outbox::webhook_row(
            &ProviderId::from(provider_id),
            WebhookEvent::AccountDeliveryChanged,
            data,
            None,
            ebill::clock::now(),
        );
        ebill::services::outbox::insert(conn, std::slice::from_ref(&row)).unwrap();
        row.id
    })
}

/// Whether `signature` (`t=…,v1=…`) signs `body` with `secret`.
fn signed_with(signature: &str, body: &str, secret: &str) -> bool {
    let t = signature.split(',').next().unwrap().trim_start_matches("t=");
    let mac = ebill::crypto::hmac_sha256_hex(secret.as_bytes(), format!("{t}.{body}").as_bytes());
    signature.split(',').any(|part| part == format!("v1={mac}"))
}

async fn deliveries(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    app.collect(&format!("/v1/providers/me/webhook-deliveries{query}"), Some(token)).await
}

/// The outbox rows that carry an event: (row id, status).
fn outbox_rows_of(app: &TestApp, event: &str) -> Vec<(String, String)> {
    app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::outbox;
        outbox::table.filter(outbox::event_id.eq(event)).select((outbox::id, outbox::status)).order(outbox::id).load(conn).unwrap()
    })
}

#[tokio::test]
async fn a_failed_attempt_is_retried_and_every_attempt_is_listed() {
    let app = TestApp::spawn().await;
    let (hooks, hits) = receiver(|n| if n == 1 { 500 } else { 200 }).await;
    let url = format!("{}/hook", hooks.uri());
    let (id, token, _) = provider(&app, 1, Some(url.clone())).await;
    let event = queue_event(&app, &id);
    app.settled().await;

    let list = deliveries(&app, &token, "").await;
    assert_eq!(list.len(), 2, "{list:?}");
    let (second, first) = (&list[0], &list[1]);
    assert_eq!(
        (first["attempt"].as_i64(), first["status"].as_str(), first["response_status"].as_i64()),
        (Some(1), Some("failed"), Some(500))
    );
    assert!(first["error"].as_str().unwrap().contains("500"), "{first}");
    assert_eq!(
        (second["attempt"].as_i64(), second["status"].as_str(), second["response_status"].as_i64()),
        (Some(2), Some("succeeded"), Some(200))
    );
    assert_eq!(second["error"], Value::Null);
    for d in &list {
        assert_eq!(
            (d["event_id"].as_str(), d["type"].as_str(), d["url"].as_str()),
            (Some(event.as_str()), Some("account.delivery_changed"), Some(url.as_str()))
        );
        assert_eq!(d["redelivery"], false);
        assert!(d["latency_ms"].as_i64().unwrap() >= 0 && d["id"].as_str().unwrap().starts_with("whd_"), "{d}");
    }
    let got = hits_of(&hits);
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|h| h.id == event && h.body == got[0].body));

    // Filters.
    let ids = |list: Vec<Value>| list.iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(ids(deliveries(&app, &token, "?status=failed").await), [first["id"].as_str().unwrap()]);
    assert_eq!(ids(deliveries(&app, &token, "?status=succeeded&type=account.delivery_changed").await), [second["id"].as_str().unwrap()]);
    assert!(deliveries(&app, &token, "?type=ping").await.is_empty());
    assert!(deliveries(&app, &token, "?type=document.failed&status=failed").await.is_empty());
    for bad in ["?status=lost", "?type=document.lost", "?type=", "?cursor=nonsense"] {
        let reply = app.get(&format!("/v1/providers/me/webhook-deliveries{bad}"), Some(&token)).await;
        assert!(matches!(reply.status.as_u16(), 400 | 422), "{bad}: {}", reply.text);
        assert_eq!(reply.header("content-type"), Some("application/problem+json"), "{bad}");
    }
    app.get("/v1/providers/me/webhook-deliveries?state=failed", Some(&token)).await.expect_problem(400, "invalid_query");

    // Another provider sees none of them and cannot ask for them.
    let (_, other, _) = provider(&app, 2, Some(url)).await;
    assert!(deliveries(&app, &other, "").await.is_empty());
    let foreign = format!("/v1/providers/me/webhook-deliveries/{}/redeliver", first["id"].as_str().unwrap());
    app.post(&foreign, &json!({}), Some(&other)).await.expect_problem(404, "not_found");
    for unknown in ["whd_0192d4e8c1a27c3e9f1a2b3c4d5e6f70", "not-an-id", "%20"] {
        app.post(&format!("/v1/providers/me/webhook-deliveries/{unknown}/redeliver"), &json!({}), Some(&token))
            .await
            .expect_problem(404, "not_found");
    }
    assert_eq!(outbox_rows_of(&app, &event).len(), 1, "nothing was queued");
    assert_eq!(hits_of(&hits).len(), 2);
}

#[tokio::test]
async fn a_receiver_that_dropped_an_event_asks_for_it_again() {
    // Retries 1 ms apart at first, so the twelve attempts are over in about two seconds.
    let app = TestApp::spawn_with(|c| c.outbox_retry_base = std::time::Duration::from_millis(1)).await;
    let up = Arc::new(AtomicBool::new(false));
    let answer = up.clone();
    let (hooks, hits) = receiver(move |_| if answer.load(Ordering::SeqCst) { 200 } else { 503 }).await;
    let (id, token, secret) = provider(&app, 3, Some(format!("{}/hook", hooks.uri()))).await;
    let event = queue_event(&app, &id);
    app.settled().await;
    assert_eq!(outbox_rows_of(&app, &event), [(event.clone(), "failed".to_owned())], "given up");

    // The receiver comes back and looks for what it missed.
    up.store(true, Ordering::SeqCst);
    let failed = deliveries(&app, &token, "?status=failed").await;
    let attempts: Vec<i64> = failed.iter().map(|d| d["attempt"].as_i64().unwrap()).collect();
    assert_eq!(attempts, (1..=ebill::jobs::outbox::MAX_ATTEMPTS as i64).rev().collect::<Vec<_>>());
    assert!(failed.iter().all(|d| d["event_id"] == event.as_str() && d["response_status"] == 503));
    assert!(deliveries(&app, &token, "?status=succeeded").await.is_empty());
    let path = format!("/v1/providers/me/webhook-deliveries/{}/redeliver", failed[0]["id"].as_str().unwrap());
    let ask = || app.send(app.request(reqwest::Method::POST, &path, Some(&token)).header("idempotency-key", "again-1"));
    let queued = ask().await.expect(202);
    assert_eq!(queued.body, json!({"event_id": event, "status": "queued"}));
    let replayed = ask().await.expect(202);
    assert_eq!((replayed.header("idempotent-replayed"), &replayed.body), (Some("true"), &queued.body));
    let rows = outbox_rows_of(&app, &event);
    assert_eq!(rows.len(), 2, "the original and one redelivery: {rows:?}");
    app.settled().await;

    // The same event, byte for byte, signed with the current secret.
    let got = hits_of(&hits);
    assert_eq!(got.len(), ebill::jobs::outbox::MAX_ATTEMPTS as usize + 1);
    let (first, last) = (&got[0], got.last().unwrap());
    assert_eq!((last.id.as_str(), last.body.as_str()), (event.as_str(), first.body.as_str()));
    assert_eq!(serde_json::from_str::<Value>(&last.body).unwrap()["id"], event.as_str());
    assert!(signed_with(&last.signature, &last.body, &secret), "{}", last.signature);
    assert_ne!(last.signature, first.signature, "signed afresh");

    let newest = &deliveries(&app, &token, "?status=succeeded").await;
    assert_eq!(newest.len(), 1);
    let d = &newest[0];
    assert_eq!(
        (d["event_id"].as_str(), d["redelivery"].as_bool(), d["response_status"].as_i64()),
        (Some(event.as_str()), Some(true), Some(200))
    );
    assert_eq!(d["attempt"].as_i64(), Some(ebill::jobs::outbox::MAX_ATTEMPTS as i64 + 1));
    assert_eq!(deliveries(&app, &token, "").await[0]["id"], d["id"], "the newest first");

    // Without a webhook URL there is nowhere to send it again.
    app.patch("/v1/providers/me", &json!({"webhook_url": null}), Some(&token)).await.expect(200);
    app.post(&path, &json!({}), Some(&token)).await.expect_problem(409, "no_webhook_url");
    assert_eq!(outbox_rows_of(&app, &event).len(), 2);
}

#[tokio::test]
async fn a_ping_tries_the_receiver_at_once() {
    let app = TestApp::spawn_with(|c| c.rate_limits = ebill::config::RateLimits::parse("on,webhook_tests=5/m").unwrap()).await;
    let (id, token, secret) = provider(&app, 4, None).await;
    app.post("/v1/providers/me/webhooks/test", &json!({}), Some(&token)).await.expect_problem(409, "no_webhook_url");

    let (hooks, hits) = receiver(|n| if n == 2 { 500 } else { 200 }).await;
    let url = format!("{}/hook", hooks.uri());
    app.patch("/v1/providers/me", &json!({"webhook_url": url}), Some(&token)).await.expect(200);
    let empty = json!({});
    let ping = || app.post("/v1/providers/me/webhooks/test", &empty, Some(&token));
    let sent = ping().await.expect(200).body;
    assert_eq!(
        (sent["type"].as_str(), sent["status"].as_str(), sent["response_status"].as_i64()),
        (Some("ping"), Some("succeeded"), Some(200))
    );
    assert_eq!((sent["attempt"].as_i64(), sent["redelivery"].as_bool(), sent["url"].as_str()), (Some(1), Some(false), Some(url.as_str())));
    let got = hits_of(&hits);
    assert_eq!(got.len(), 1);
    let body: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!((body["id"].as_str(), body["type"].as_str()), (sent["event_id"].as_str(), Some("ping")));
    assert_eq!(body["data"], json!({"provider_id": id}));
    assert!(body["created_at"].as_str().is_some());
    assert_eq!(got[0].id, sent["event_id"].as_str().unwrap());
    assert!(signed_with(&got[0].signature, &got[0].body, &secret), "{}", got[0].signature);

    let refused = ping().await.expect(200).body;
    assert_eq!((refused["status"].as_str(), refused["response_status"].as_i64()), (Some("failed"), Some(500)));
    assert_ne!(refused["event_id"], sent["event_id"], "a new event each time");
    app.patch("/v1/providers/me", &json!({"webhook_url": "http://127.0.0.1:9/hook"}), Some(&token)).await.expect(200);
    let unreachable = ping().await.expect(200).body;
    assert_eq!((unreachable["status"].as_str(), unreachable["response_status"].as_i64()), (Some("failed"), None));
    assert!(unreachable["error"].as_str().unwrap().contains("unreachable"), "{unreachable}");

    // Every ping is listed, pages newest first, and none went through the outbox.
    let first = app.get("/v1/providers/me/webhook-deliveries?type=ping&limit=2", Some(&token)).await.expect(200).body;
    let cursor = first["next_cursor"].as_str().unwrap();
    let rest =
        app.get(&format!("/v1/providers/me/webhook-deliveries?type=ping&limit=2&cursor={cursor}"), Some(&token)).await.expect(200).body;
    assert_eq!(rest["next_cursor"], Value::Null);
    let listed: Vec<&Value> = first["data"].as_array().unwrap().iter().chain(rest["data"].as_array().unwrap()).collect();
    let expected = [&unreachable, &refused, &sent];
    assert_eq!(listed.iter().map(|d| &d["id"]).collect::<Vec<_>>(), expected.iter().map(|d| &d["id"]).collect::<Vec<_>>());
    assert_eq!(*listed[1], refused, "the list shows what the ping answered");
    let queued: i64 = app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::outbox;
        outbox::table.filter(outbox::channel.eq("webhook")).count().get_result(conn).unwrap()
    });
    assert_eq!(queued, 0);

    // Pings are limited per provider.
    ping().await.expect(200);
    let limited = ping().await.expect_problem(429, "rate_limited");
    assert!(limited.header("retry-after").is_some());
}
