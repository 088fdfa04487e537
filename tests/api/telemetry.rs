//! The trace context of a request (W3C `traceparent`) reaches what the request causes: the SMS
//! gateway call that sends its code and the webhook that tells the provider, each as a child span of
//! the same trace; a request without one begins a trace of its own.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers::method};

use crate::helpers::TestApp;

/// A receiver that answers 200 and keeps each request's `traceparent` and JSON body.
async fn receiver() -> (MockServer, Arc<Mutex<Vec<(String, Value)>>>) {
    let server = MockServer::start().await;
    let received: Arc<Mutex<Vec<(String, Value)>>> = Arc::default();
    let sink = received.clone();
    Mock::given(method("POST"))
        .respond_with(move |req: &Request| {
            let trace = req.headers.get("traceparent").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
            sink.lock().unwrap().push((trace, serde_json::from_slice(&req.body).unwrap_or(Value::Null)));
            ResponseTemplate::new(200)
        })
        .mount(&server)
        .await;
    (server, received)
}

fn parts(traceparent: &str) -> (String, String) {
    let p: Vec<&str> = traceparent.split('-').collect();
    assert_eq!((p.len(), p[0]), (4, "00"), "{traceparent}");
    (p[1].to_owned(), p[2].to_owned())
}

#[tokio::test]
async fn a_requests_trace_reaches_the_sms_gateway_and_the_webhook() {
    let (gateway, sent) = receiver().await;
    let url = format!("{}/sms", gateway.uri());
    let app = TestApp::spawn_with(|c| c.sms = ebill::config::SmsTransport::Gateway(ebill::config::Secret(url))).await;
    let (hooks, events) = receiver().await;
    let (provider, payer_code) = app.provider_with_account(31, true).await;
    app.patch("/v1/providers/me", &json!({"webhook_url": format!("{}/ebill", hooks.uri())}), Some(&provider.token)).await.expect(200);
    let (_, token) = app.confirmed_resident("trace@example.org", "+79130003131").await;
    let address = app.link(&token, &payer_code).await;

    let asking = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    let body = json!({"channel": "electronic", "sms_notifications": false});
    let request = app.request(reqwest::Method::PUT, &format!("/v1/me/addresses/{address}/delivery"), Some(&token));
    let asked = app.send(request.header("traceparent", asking).json(&body)).await.expect(202);
    let sms = app.eventually("the SMS", |_| sent.lock().unwrap().first().cloned()).await;
    let (trace, parent) = parts(&sms.0);
    assert_eq!(trace, "0af7651916cd43dd8448eb211c80319c", "the gateway call is in the request's trace");
    assert_ne!(parent, "b7ad6b7169203331", "as a child span of ours");

    let code = sms.1["text"].as_str().unwrap().split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_owned();
    let confirming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    let verification = asked.body["verification"]["id"].as_str().unwrap();
    let request = app.request(reqwest::Method::POST, &format!("/v1/verifications/{verification}/confirm"), Some(&token));
    app.send(request.header("traceparent", confirming).json(&json!({"code": code}))).await.expect(200);
    let event = app
        .eventually("the webhook", |_| events.lock().unwrap().iter().find(|(_, e)| e["type"] == "account.delivery_changed").cloned())
        .await;
    assert_eq!(parts(&event.0).0, "4bf92f3577b34da6a3ce929d0e0e4736", "the webhook is in the confirming request's trace");

    // Without a traceparent (or with a malformed one) each request begins a trace of its own.
    let again = app.request(reqwest::Method::PUT, &format!("/v1/me/addresses/{address}/delivery"), Some(&token));
    app.send(again.header("traceparent", "not-a-trace").json(&json!({"channel": "paper"}))).await.expect(202);
    let second = app.eventually("the second SMS", |_| sent.lock().unwrap().get(1).cloned()).await;
    let (trace, _) = parts(&second.0);
    assert!(trace != "0af7651916cd43dd8448eb211c80319c" && trace != "4bf92f3577b34da6a3ce929d0e0e4736", "{trace}");
}

fn metric(text: &str, name: &str) -> Option<f64> {
    text.lines().find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' '))).map(|v| v.trim().parse().unwrap())
}

#[tokio::test]
async fn metrics_tell_the_pool_the_outbox_and_the_runs() {
    let gateway = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&gateway).await;
    let url = format!("{}/sms", gateway.uri());
    let app = TestApp::spawn_with(|c| c.sms = ebill::config::SmsTransport::Gateway(ebill::config::Secret(url))).await;
    let (provider, payer_code) = app.provider_with_account(32, true).await;
    let (_, token) = app.confirmed_resident("metrics@example.org", "+79130003232").await;
    let address = app.link(&token, &payer_code).await;
    let body = json!({"channel": "electronic", "sms_notifications": false});
    app.put(&format!("/v1/me/addresses/{address}/delivery"), &body, Some(&token)).await.expect(202);
    app.eventually("a failed SMS", |app| {
        app.db(|conn| ebill::store::outbox::status_counts(conn).unwrap()).iter().any(|(_, _, n)| *n > 0).then_some(())
    })
    .await;
    let failed = |text: &str| metric(text, "ebill_outbox_send_failures_total{channel=\"sms\"}").unwrap_or(0.0);
    let mut text = String::new();
    for _ in 0..100 {
        text = app.get("/metrics", None).await.text;
        if failed(&text) >= 1.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(failed(&text) >= 1.0, "the gateway's 503 counted: {text}");

    app.post(
        "/v1/providers/me/charges",
        &json!({"period": "2021-08", "items": [crate::helpers::charge("LS-1", "HW", 10_000)]}),
        Some(&provider.token),
    )
    .await
    .expect(200);
    let operator = app.operator_token().await;
    let run = app.post("/v1/billing-runs", &json!({"period": "2021-08"}), Some(&operator)).await.expect(202).body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.eventually("the run", |app| {
        app.db(|conn| ebill::store::runs::find(conn, &ebill::domain::ids::RunId::from(run.as_str())).unwrap())
            .filter(|r| r.status == ebill::domain::vocabulary::RunStatus::Finished)
    })
    .await;
    let text = app.get("/metrics", None).await.text;
    assert_eq!(metric(&text, "ebill_billing_run_progress_ratio{period=\"2021-08\"}"), Some(1.0), "{text}");
    assert_eq!(metric(&text, "ebill_billing_run_duration_seconds_count"), Some(1.0));
    assert!(metric(&text, "ebill_db_pool_wait_seconds_count").unwrap() > 0.0);
    assert!(metric(&text, "ebill_db_pool_connections{state=\"idle\"}").is_some());
}
