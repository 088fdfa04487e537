//! Limits that guard secrets hold when the requests come all at once: 30 parallel requests at each,
//! counted exactly (on PostgreSQL too, where transactions really run side by side).

use std::collections::HashMap;

use ebill::config::RateLimits;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{Reply, TestApp};

const PHONE: &str = "+79130004455";

/// The answers of requests sent at once, counted by status and code.
async fn all_at_once(app: &TestApp, requests: impl Iterator<Item = reqwest::RequestBuilder>) -> HashMap<String, usize> {
    let replies: Vec<Reply> = futures_util::future::join_all(requests.map(|r| app.send(r))).await;
    let mut counts = HashMap::new();
    for reply in replies {
        let key = match reply.body["code"].as_str() {
            Some(code) => format!("{} {code}", reply.status.as_u16()),
            None => reply.status.as_u16().to_string(),
        };
        *counts.entry(key).or_default() += 1;
    }
    counts
}

fn counts(pairs: &[(&str, usize)]) -> HashMap<String, usize> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// A resident with a confirmed email and a linked address: (token, address id).
async fn resident_with_address(app: &TestApp) -> (String, String) {
    let (_, payer_code) = app.provider_with_account(1, true).await;
    let (_, token) = app.confirmed_resident("anna@example.org", PHONE).await;
    let address = app.link(&token, &payer_code).await;
    (token, address)
}

#[tokio::test]
async fn thirty_parallel_wrong_codes_get_exactly_five_checks_and_kill_the_verification() {
    let app = TestApp::spawn().await;
    let (token, address) = resident_with_address(&app).await;
    let body = json!({"channel": "electronic", "sms_notifications": false});
    let reply = app.put(&format!("/v1/me/addresses/{address}/delivery"), &body, Some(&token)).await.expect(202);
    let verification = reply.body["verification"]["id"].as_str().unwrap().to_owned();
    let code = app.code_sent_to(PHONE, 1).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };

    let path = format!("/v1/verifications/{verification}/confirm");
    let seen = all_at_once(&app, (0..30).map(|_| app.request(Method::POST, &path, Some(&token)).json(&json!({"code": wrong})))).await;
    assert_eq!(seen, counts(&[("422 wrong_code", 5), ("410 verification_dead", 25)]));
    // Dead even for the right code, and nothing was applied.
    app.post(&path, &json!({"code": code}), Some(&token)).await.expect_problem(410, "verification_dead");
    let stored = app.get(&format!("/v1/me/addresses/{address}"), Some(&token)).await.expect(200);
    assert_eq!(stored.body["delivery"]["channel"], "paper");
}

#[tokio::test]
async fn thirty_parallel_delivery_changes_send_one_sms() {
    let app = TestApp::spawn_with(|c| c.rate_limits = RateLimits::parse("on,sms_per_minute=1/m,sms_per_hour=5/h").unwrap()).await;
    let (token, address) = resident_with_address(&app).await;
    let path = format!("/v1/me/addresses/{address}/delivery");
    let body = json!({"channel": "electronic", "sms_notifications": false});
    let seen = all_at_once(&app, (0..30).map(|_| app.request(Method::PUT, &path, Some(&token)).json(&body))).await;
    assert_eq!(seen, counts(&[("202", 1), ("429 sms_rate_limited", 29)]));
    app.sms_to(PHONE, 1).await;
    app.settled().await;
    assert_eq!(app.sms().len(), 1, "one SMS a minute, however many requests came at once");
}

#[tokio::test]
async fn thirty_parallel_wrong_link_codes_get_exactly_five_tries() {
    let app = TestApp::spawn_with(|c| c.rate_limits = RateLimits::parse("on,link_code_failures=5/h").unwrap()).await;
    let (_, payer_code) = app.provider_with_account(2, false).await;
    let (_, mallory) = app.confirmed_resident("m@example.org", "+79130000003").await;
    let good = app.link_code(&payer_code).await;
    let guesses = (0..30).map(|i| {
        let guess = json!({"payer_code": payer_code, "link_code": format!("ZZZZ-{i:04}")});
        app.request(Method::POST, "/v1/me/addresses", Some(&mallory)).json(&guess)
    });
    let seen = all_at_once(&app, guesses).await;
    assert_eq!(seen, counts(&[("422 validation_failed", 5), ("429 link_rate_limited", 25)]));
    app.post("/v1/me/addresses", &json!({"payer_code": payer_code, "link_code": good}), Some(&mallory))
        .await
        .expect_problem(429, "link_rate_limited");
    let attempts: i64 = app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::link_attempts;
        link_attempts::table.count().get_result(conn).unwrap()
    });
    assert_eq!(attempts, 5, "only the five checked guesses were recorded");
}

#[tokio::test]
async fn one_account_cannot_spray_codes_at_many_numbers() {
    let app = TestApp::spawn_with(|c| c.rate_limits = RateLimits::parse("on,sms_per_resident=3/d").unwrap()).await;
    let (_, token) = app.confirmed_resident("spray@example.org", PHONE).await;
    // Each request names another number, so no per-phone limit applies: only the per-account cap.
    let changes = (0..30).map(|i| {
        app.request(Method::PATCH, "/v1/me", Some(&token))
            .json(&json!({"phone": format!("+7913100{i:04}"), "current_password": "resident-password-1"}))
    });
    let seen = all_at_once(&app, changes).await;
    assert_eq!(seen, counts(&[("202", 3), ("429 sms_rate_limited", 27)]));
    app.settled().await;
    assert_eq!(app.sms().len(), 3);
    let change = json!({"phone": "+79139999999", "current_password": "resident-password-1"});
    let limited = app.patch("/v1/me", &change, Some(&token)).await.expect_problem(429, "sms_rate_limited");
    assert_eq!(limited.header("ratelimit-policy"), Some("\"sms_per_resident\";q=3;w=86400"));
}
