//! Switching an address between paper and electronic receipts with an SMS code: the whole path, every
//! failure of a code, the SMS limits, the email rule, the audit trail, and what providers see.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers::method};

use crate::helpers::TestApp;
use ebill::domain::ids::ProviderId;

const PHONE: &str = "+79130001122";

/// A resident with a confirmed email and one linked address at a capable provider's account:
/// (resident token, address id, provider).
async fn setup(app: &TestApp) -> (String, String, crate::helpers::ActiveProvider) {
    let (provider, payer_code) = app.provider_with_account(1, true).await;
    let (_, token) = app.confirmed_resident("anna@example.org", PHONE).await;
    let address = app.link(&token, &payer_code).await;
    (token, address, provider)
}

async fn ask(app: &TestApp, token: &str, address: &str, channel: &str, sms: bool) -> String {
    let body = json!({"channel": channel, "sms_notifications": sms});
    let reply = app
        .send(
            app.request(reqwest::Method::PUT, &format!("/v1/me/addresses/{address}/delivery"), Some(token))
                .header("user-agent", "ebill-test-app/1.0")
                .json(&body),
        )
        .await;
    let reply = reply.expect(202);
    assert_eq!(reply.body["verification"]["to"], "+7******1122");
    assert_eq!(reply.body["verification"]["channel"], "sms");
    reply.body["verification"]["id"].as_str().unwrap().to_owned()
}

async fn confirm(app: &TestApp, token: &str, verification: &str, code: &str) -> crate::helpers::Reply {
    app.post(&format!("/v1/verifications/{verification}/confirm"), &json!({"code": code}), Some(token)).await
}

#[tokio::test]
async fn switch_to_electronic_and_back_with_sms_codes() {
    let app = TestApp::spawn().await;
    let hooks = MockServer::start().await;
    let received: Arc<Mutex<Vec<(String, Value)>>> = Arc::default();
    let sink = received.clone();
    Mock::given(method("POST"))
        .respond_with(move |req: &Request| {
            let signature = req.headers.get("webhook-signature").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
            sink.lock().unwrap().push((signature, serde_json::from_slice(&req.body).unwrap()));
            ResponseTemplate::new(200)
        })
        .mount(&hooks)
        .await;
    let (token, address, provider) = setup(&app).await;
    app.patch("/v1/providers/me", &json!({"webhook_url": format!("{}/ebill", hooks.uri())}), Some(&provider.token)).await.expect(200);

    let verification = ask(&app, &token, &address, "electronic", true).await;
    // Nothing changes before the code is confirmed.
    let pending = app.get(&format!("/v1/me/addresses/{address}"), Some(&token)).await.expect(200);
    assert_eq!(pending.body["delivery"]["channel"], "paper");
    assert_eq!(pending.body["delivery"]["pending_verification"]["id"], verification.as_str());
    assert_eq!(app.collect("/v1/providers/me/accounts", Some(&provider.token)).await[0]["delivery"], "paper");

    let sms = app.sms_to(PHONE, 1).await;
    assert!(sms[0].text.starts_with("ebill: код "), "{}", sms[0].text);
    assert!(chrono::DateTime::parse_from_rfc3339(&sms[0].sent_at).is_ok());
    assert!(sms[0].text.chars().count() <= 90, "short enough for two SMS parts at most: {}", sms[0].text);
    let code = app.code_sent_to(PHONE, 1).await;
    let done = confirm(&app, &token, &verification, &code).await.expect(200);
    assert_eq!(done.body["verification"]["status"], "confirmed");
    assert_eq!(done.body["address"]["delivery"]["channel"], "electronic");
    assert_eq!(done.body["address"]["delivery"]["sms_notifications"], true);
    let effective = done.body["effective_from"].as_str().unwrap().to_owned();
    assert_eq!(effective, ebill::services::providers::current_period().to_string());
    assert_eq!(app.collect("/v1/providers/me/accounts", Some(&provider.token)).await[0]["delivery"], "electronic");
    // The code is single use.
    confirm(&app, &token, &verification, &code).await.expect_problem(410, "verification_used");

    // And back to paper, the same way.
    let back = ask(&app, &token, &address, "paper", false).await;
    let code = app.code_sent_to(PHONE, 2).await;
    confirm(&app, &token, &back, &code).await.expect(200);
    assert_eq!(app.collect("/v1/providers/me/accounts", Some(&provider.token)).await[0]["delivery"], "paper");

    let history = app.get(&format!("/v1/me/addresses/{address}/delivery/history"), Some(&token)).await.expect(200);
    let changes = history.body["data"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!((changes[0]["from"].as_str(), changes[0]["to"].as_str()), (Some("paper"), Some("electronic")));
    assert_eq!(changes[0]["sms_notifications"], true);
    assert_eq!(changes[0]["verification_id"], verification.as_str());
    assert_eq!(changes[0]["client"], "ebill-test-app/1.0");
    assert_eq!(changes[0]["effective_from"], effective.as_str());
    assert_eq!((changes[1]["from"].as_str(), changes[1]["to"].as_str()), (Some("electronic"), Some("paper")));

    // The provider heard of both flips, signed with its webhook secret.
    let events = app
        .eventually("two webhooks", |_| {
            let events = received.lock().unwrap().clone();
            (events.len() >= 2).then_some(events)
        })
        .await;
    let secret =
        app.db(|conn| ebill::store::providers::find(conn, &ProviderId::from(provider.id.as_str())).unwrap().unwrap().webhook_secret);
    for ((signature, body), delivery) in events.iter().zip(["electronic", "paper"]) {
        assert_eq!(body["type"], "account.delivery_changed");
        assert_eq!(body["data"]["account_number"], "LS-1");
        assert_eq!(body["data"]["delivery"], delivery);
        let t = signature.strip_prefix("t=").unwrap().split(',').next().unwrap();
        let expected =
            ebill::crypto::hmac_sha256_hex(secret.as_bytes(), format!("{t}.{}", serde_json::to_string(body).unwrap()).as_bytes());
        assert!(signature.contains(&format!("v1={expected}")), "{signature}");
    }
}

#[tokio::test]
async fn wrong_codes_count_down_then_kill_the_verification() {
    let app = TestApp::spawn().await;
    let (token, address, _) = setup(&app).await;
    let verification = ask(&app, &token, &address, "electronic", false).await;
    let code = app.code_sent_to(PHONE, 1).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for left in (0..5).rev() {
        let reply = confirm(&app, &token, &verification, wrong).await.expect_problem(422, "wrong_code");
        assert_eq!(reply.body["attempts_left"], left);
    }
    // The sixth try, even with the right code, finds it dead.
    confirm(&app, &token, &verification, &code).await.expect_problem(410, "verification_dead");
    assert_eq!(app.get(&format!("/v1/me/addresses/{address}"), Some(&token)).await.body["delivery"]["channel"], "paper");
    confirm(&app, &token, &verification, "12ab").await.expect_problem(422, "validation_failed");
}

#[tokio::test]
async fn expired_and_superseded_codes_are_gone() {
    let app = TestApp::spawn().await;
    let (token, address, _) = setup(&app).await;
    let first = ask(&app, &token, &address, "electronic", false).await;
    let code = app.code_sent_to(PHONE, 1).await;
    app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::verifications::dsl::*;
        diesel::update(verifications.find(&first))
            .set(expires_at.eq(ebill::clock::now() - chrono::Duration::seconds(1)))
            .execute(conn)
            .unwrap();
    });
    confirm(&app, &token, &first, &code).await.expect_problem(410, "verification_expired");

    let limits_off = app.another_instance(|c| c.rate_limits = ebill::config::RateLimits::parse("off").unwrap()).await;
    let second = ask(&limits_off, &token, &address, "electronic", false).await;
    let third = ask(&limits_off, &token, &address, "electronic", false).await;
    let code = limits_off.code_sent_to(PHONE, 3).await;
    confirm(&limits_off, &token, &second, &code).await.expect_problem(410, "verification_superseded");
    confirm(&limits_off, &token, &third, &code).await.expect(200);
}

#[tokio::test]
async fn at_most_one_sms_a_minute_and_five_an_hour_per_phone() {
    let app =
        TestApp::spawn_with(|c| c.rate_limits = ebill::config::RateLimits::parse("on,sms_per_minute=1/m,sms_per_hour=5/h").unwrap()).await;
    let (token, address, _) = setup(&app).await;
    let verification = ask(&app, &token, &address, "electronic", false).await;
    let limited = app
        .post(&format!("/v1/verifications/{verification}/resend"), &json!({}), Some(&token))
        .await
        .expect_problem(429, "sms_rate_limited");
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    let body = json!({"channel": "paper", "sms_notifications": false});
    app.put(&format!("/v1/me/addresses/{address}/delivery"), &body, Some(&token)).await.expect_problem(429, "sms_rate_limited");

    // Five an hour: the per-minute window relaxed, the hourly one still holds.
    let relaxed = app
        .another_instance(|c| c.rate_limits = ebill::config::RateLimits::parse("on,sms_per_minute=100/m,sms_per_hour=5/h").unwrap())
        .await;
    for _ in 0..4 {
        relaxed.post(&format!("/v1/verifications/{verification}/resend"), &json!({}), Some(&token)).await.expect(202);
    }
    relaxed
        .post(&format!("/v1/verifications/{verification}/resend"), &json!({}), Some(&token))
        .await
        .expect_problem(429, "sms_rate_limited");
    assert_eq!(relaxed.sms_to(PHONE, 5).await.len(), 5);
    // Only the latest code works.
    let codes: Vec<String> = futures_util::future::join_all((1..=5).map(|n| relaxed.code_sent_to(PHONE, n))).await;
    confirm(&relaxed, &token, &verification, &codes[3]).await.expect_problem(422, "wrong_code");
    confirm(&relaxed, &token, &verification, &codes[4]).await.expect(200);
}

#[tokio::test]
async fn electronic_needs_a_confirmed_email_and_paper_does_not() {
    let app = TestApp::spawn().await;
    let (_, payer_code) = app.provider_with_account(2, true).await;
    app.register_resident("unconfirmed@example.org", PHONE).await;
    let token = app.resident_token("unconfirmed@example.org").await;
    let address = app.link(&token, &payer_code).await;
    let electronic = json!({"channel": "electronic", "sms_notifications": false});
    app.put(&format!("/v1/me/addresses/{address}/delivery"), &electronic, Some(&token)).await.expect_problem(409, "email_not_confirmed");
    assert!(app.sms().is_empty(), "no SMS for a refused request");
    let paper = json!({"channel": "paper", "sms_notifications": true});
    app.put(&format!("/v1/me/addresses/{address}/delivery"), &paper, Some(&token)).await.expect(202);
    let bad = json!({"channel": "pigeon"});
    app.put(&format!("/v1/me/addresses/{address}/delivery"), &bad, Some(&token)).await.expect_problem(422, "validation_failed");
}

#[tokio::test]
async fn a_retried_request_sends_one_sms() {
    let app = TestApp::spawn().await;
    let (token, address, _) = setup(&app).await;
    let body = json!({"channel": "electronic", "sms_notifications": false});
    let send = || {
        app.send(
            app.request(reqwest::Method::PUT, &format!("/v1/me/addresses/{address}/delivery"), Some(&token))
                .header("idempotency-key", "switch-1")
                .json(&body),
        )
    };
    let first = send().await.expect(202);
    let retry = send().await.expect(202);
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    assert_eq!(retry.body, first.body);
    app.sms_to(PHONE, 1).await;
    app.settled().await;
    assert_eq!(app.sms().len(), 1);
}

#[tokio::test]
async fn codes_are_stored_only_as_keyed_hashes() {
    let app = TestApp::spawn().await;
    let (token, address, _) = setup(&app).await;
    let verification = ask(&app, &token, &address, "electronic", false).await;
    let code = app.code_sent_to(PHONE, 1).await;
    let (hash, payloads) = app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::{outbox, verifications};
        let hash: String = verifications::table.find(&verification).select(verifications::code_hash).first(conn).unwrap();
        let payloads: Vec<String> = outbox::table.select(outbox::payload).load(conn).unwrap();
        (hash, payloads)
    });
    assert_ne!(hash, code);
    assert!(!hash.contains(&code) && hash.len() == 64);
    assert!(payloads.iter().all(|p| !p.contains(&code) && !p.contains(PHONE)), "codes and phones are sealed in the outbox");
}
