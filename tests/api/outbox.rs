//! The outbox: messages survive a crash between commit and send, and a failing SMS gateway gets every
//! message exactly once when it recovers.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers::method};

use crate::helpers::TestApp;

#[tokio::test]
async fn messages_queued_before_a_crash_are_sent_after_the_restart() {
    let app = TestApp::spawn_with(|c| c.outbox_worker = false).await;
    app.register_resident("crash@example.org", "+79130000001").await;
    let queued: Vec<String> = app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::outbox::dsl::*;
        outbox.select(status).load(conn).unwrap()
    });
    assert_eq!(queued, ["pending"], "queued, and nothing sends it without a worker");
    assert!(app.mails().is_empty());
    let restarted = app.another_instance(|c| c.outbox_worker = true).await;
    let mails = restarted.mails_to("crash@example.org", 1).await;
    assert_eq!(mails.len(), 1);
    // The row is marked sent once the transport has taken the message, just after the file appears.
    let status: Vec<String> = app
        .eventually("the message marked sent", |app| {
            let status: Vec<String> = app.db(|conn| {
                use diesel::prelude::*;
                use ebill::store::schema::outbox::dsl::*;
                outbox.select(status).load(conn).unwrap()
            });
            (status != ["pending"]).then_some(status)
        })
        .await;
    assert_eq!(status, ["sent"]);
}

#[tokio::test]
async fn a_failing_gateway_gets_each_message_once_when_it_recovers() {
    let gateway = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let accepted: Arc<Mutex<Vec<Value>>> = Arc::default();
    let (counter, sink) = (calls.clone(), accepted.clone());
    Mock::given(method("POST"))
        .respond_with(move |req: &Request| {
            // The first five calls fail, as a gateway in trouble would.
            if counter.fetch_add(1, Ordering::SeqCst) < 5 {
                return ResponseTemplate::new(500).set_body_string("upstream down");
            }
            assert!(req.headers.get("idempotency-key").is_some());
            sink.lock().unwrap().push(serde_json::from_slice(&req.body).unwrap());
            ResponseTemplate::new(200).set_body_json(json!({"status": "queued"}))
        })
        .mount(&gateway)
        .await;
    let url = format!("{}/send", gateway.uri());
    let app = TestApp::spawn_with(|c| c.sms = ebill::config::SmsTransport::Gateway(ebill::config::Secret(url))).await;

    let (_, payer_code) = app.provider_with_account(1, true).await;
    let phones = ["+79130000011", "+79130000012", "+79130000013"];
    for (i, phone) in phones.iter().enumerate() {
        let (_, token) = app.confirmed_resident(&format!("r{i}@example.org"), phone).await;
        let address = app.link(&token, &payer_code).await;
        app.put(&format!("/v1/me/addresses/{address}/delivery"), &json!({"channel": "electronic"}), Some(&token)).await.expect(202);
    }
    let delivered = app
        .eventually("three SMS accepted", |_| {
            let delivered = accepted.lock().unwrap().clone();
            (delivered.len() >= 3).then_some(delivered)
        })
        .await;
    app.settled().await;
    let delivered_after = accepted.lock().unwrap().len();
    assert_eq!(delivered_after, 3, "no message twice: {delivered:?}");
    let mut to: Vec<&str> = delivered.iter().map(|m| m["to"].as_str().unwrap()).collect();
    to.sort();
    assert_eq!(to, phones);
    assert!(calls.load(Ordering::SeqCst) >= 8);

    let rows: Vec<(String, i32, Option<String>)> = app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::outbox::dsl::*;
        outbox.filter(channel.eq("sms")).select((status, attempts, last_error)).load(conn).unwrap()
    });
    assert!(rows.iter().all(|(s, _, _)| s == "sent"), "{rows:?}");
    assert!(rows.iter().any(|(_, a, _)| *a > 1), "some were retried: {rows:?}");
}

#[tokio::test]
async fn a_gateway_error_is_kept_on_the_message() {
    let gateway = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503).set_body_string("quota exceeded")).mount(&gateway).await;
    let url = format!("{}/send", gateway.uri());
    let app = TestApp::spawn_with(|c| {
        c.sms = ebill::config::SmsTransport::Gateway(ebill::config::Secret(url));
        c.outbox_retry_base = std::time::Duration::from_secs(3600);
    })
    .await;
    let (_, payer_code) = app.provider_with_account(2, false).await;
    let (_, token) = app.confirmed_resident("e@example.org", "+79130000021").await;
    let address = app.link(&token, &payer_code).await;
    app.put(&format!("/v1/me/addresses/{address}/delivery"), &json!({"channel": "paper", "sms_notifications": true}), Some(&token))
        .await
        .expect(202);
    let error = app
        .eventually("the gateway's error on the message", |app| {
            app.db(|conn| {
                use diesel::prelude::*;
                use ebill::store::schema::outbox::dsl::*;
                outbox.filter(channel.eq("sms")).select(last_error).first::<Option<String>>(conn).ok().flatten()
            })
        })
        .await;
    assert!(error.contains("503") && error.contains("quota exceeded"), "{error}");
}

#[tokio::test]
async fn a_gateway_that_refuses_the_request_is_not_asked_again() {
    let gateway = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    Mock::given(method("POST"))
        .respond_with(move |_: &Request| {
            counter.fetch_add(1, Ordering::SeqCst);
            ResponseTemplate::new(400).set_body_string("invalid number")
        })
        .mount(&gateway)
        .await;
    let url = format!("{}/send", gateway.uri());
    let app = TestApp::spawn_with(|c| c.sms = ebill::config::SmsTransport::Gateway(ebill::config::Secret(url))).await;
    let (_, payer_code) = app.provider_with_account(3, false).await;
    let (_, token) = app.confirmed_resident("r@example.org", "+79130000031").await;
    let address = app.link(&token, &payer_code).await;
    app.put(&format!("/v1/me/addresses/{address}/delivery"), &json!({"channel": "paper", "sms_notifications": true}), Some(&token))
        .await
        .expect(202);
    let (status, attempts) = app
        .eventually("the message given up", |app| {
            let row: Option<(String, i32)> = app.db(|conn| {
                use diesel::prelude::*;
                use ebill::store::schema::outbox::dsl::*;
                outbox.filter(channel.eq("sms")).select((status, attempts)).first(conn).optional().unwrap()
            });
            row.filter(|(s, _)| s == "failed")
        })
        .await;
    assert_eq!((status.as_str(), attempts), ("failed", 1));
    app.settled().await;
    assert_eq!(calls.load(Ordering::SeqCst), 1, "a 4xx is final: the gateway is asked once");
}
