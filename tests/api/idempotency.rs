//! `Idempotency-Key`: replay of the first answer, a different body refused, a running request
//! answered 409, keys scoped per principal.

use serde_json::json;

use crate::helpers::{TestApp, provider_body};

#[tokio::test]
async fn a_retry_replays_the_first_answer_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let send =
        || app.send(app.request(reqwest::Method::POST, "/v1/providers", None).header("idempotency-key", "k-1").json(&provider_body(5)));
    let first = send().await.expect(201);
    assert!(first.header("idempotent-replayed").is_none());
    let second = send().await.expect(201);
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(second.body, first.body);
    let operator = app.operator_token().await;
    let all = app.get("/v1/providers", Some(&operator)).await.expect(200);
    assert_eq!(all.body["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_same_key_with_another_body_is_refused() {
    let app = TestApp::spawn().await;
    let send = |seed| {
        app.send(app.request(reqwest::Method::POST, "/v1/providers", None).header("idempotency-key", "k-2").json(&provider_body(seed)))
    };
    send(5).await.expect(201);
    send(6).await.expect_problem(422, "idempotency_key_reused");
}

#[tokio::test]
async fn keys_are_scoped_per_principal() {
    let app = TestApp::spawn().await;
    let provider = app.active_provider(8).await;
    let operator = app.operator_token().await;
    let suspend = |token: String| {
        app.send(
            app.request(reqwest::Method::POST, &format!("/v1/providers/{}/suspend", provider.id), Some(&token))
                .header("idempotency-key", "shared")
                .json(&json!({})),
        )
    };
    suspend(operator.clone()).await.expect(200);
    // Another principal with the same key is a different request: the provider is already suspended.
    let other_operator = app.operator_token().await;
    suspend(other_operator).await.expect_problem(409, "invalid_transition");
    // The first operator's retry replays.
    let replay = suspend(operator).await.expect(200);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
}

/// A push of `n` charges to the accounts `A0..` the helper uploads.
fn push_body(n: usize) -> serde_json::Value {
    let items: Vec<serde_json::Value> = (0..n).map(|i| crate::helpers::charge(&format!("A{i}"), "HW", 1000 + i as i64)).collect();
    json!({"period": "2021-08", "items": items})
}

#[tokio::test]
async fn the_same_key_sent_at_once_to_two_replicas_runs_once() {
    let app = TestApp::spawn().await;
    let replica = app.another_instance(|_| {}).await;
    let provider = app.active_provider(4).await;
    app.upload_accounts(&provider.token, 2000).await.expect(200);
    let body = push_body(2000);
    let request = |to: &TestApp| {
        to.request(reqwest::Method::POST, "/v1/providers/me/charges", Some(&provider.token)).header("idempotency-key", "push-1").json(&body)
    };
    let replies = futures_util::future::join_all([&app, &replica, &app, &replica, &app, &replica].map(|to| to.send(request(to)))).await;
    let mut batches = std::collections::HashSet::new();
    for reply in &replies {
        match reply.status.as_u16() {
            200 => {
                batches.insert(reply.body["batch_id"].as_str().unwrap().to_owned());
            }
            409 => assert_eq!(reply.body["code"], "idempotency_in_flight", "{}", reply.text),
            other => panic!("unexpected {other}: {}", reply.text),
        }
    }
    assert!(batches.len() <= 1, "every answer names the one batch: {batches:?}");
    // Whatever was refused as in flight gets the one answer now.
    let settled = app.send(request(&app)).await.expect(200);
    assert_eq!(settled.header("idempotent-replayed"), Some("true"));
    let stored: i64 = app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::charge_batches;
        charge_batches::table.count().get_result(conn).unwrap()
    });
    assert_eq!(stored, 1, "the push ran once");
}

/// The recorded answers, read straight from the table.
fn recorded_bodies(app: &TestApp) -> Vec<String> {
    app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::idempotency_keys;
        idempotency_keys::table.select(idempotency_keys::response_body.assume_not_null()).load(conn).unwrap()
    })
}

#[tokio::test]
async fn answers_that_show_a_secret_are_kept_sealed() {
    let app = TestApp::spawn().await;
    let registration =
        || app.send(app.request(reqwest::Method::POST, "/v1/providers", None).header("idempotency-key", "reg-1").json(&provider_body(14)));
    let first = registration().await.expect(201);
    let secret = first.body["client_secret"].as_str().unwrap().to_owned();
    let webhook_secret = first.body["webhook_secret"].as_str().unwrap().to_owned();
    let replay = registration().await.expect(201);
    assert_eq!(replay.body, first.body, "the retry still gets the secret it was shown");
    assert_eq!(replay.header("cache-control"), Some("no-store"));

    let provider = app.active_provider(15).await;
    app.put("/v1/providers/me/accounts", &json!({"accounts": [crate::helpers::account("LS-1", "1", "1")]}), Some(&provider.token))
        .await
        .expect(200);
    let payer_code =
        app.get("/v1/providers/me/accounts", Some(&provider.token)).await.body["data"][0]["payer_code"].as_str().unwrap().to_owned();
    let operator = app.operator_token().await;
    let issued = app
        .send(
            app.request(reqwest::Method::POST, &format!("/v1/premises/{payer_code}/link-codes"), Some(&operator))
                .header("idempotency-key", "code-1")
                .json(&json!({})),
        )
        .await
        .expect(201);
    let link_code = issued.body["link_code"].as_str().unwrap().to_owned();
    let rotated = app
        .send(
            app.request(reqwest::Method::POST, "/v1/providers/me/webhook-secret", Some(&provider.token))
                .header("idempotency-key", "rotate-1")
                .json(&json!({})),
        )
        .await
        .expect(200);
    let rotated_secret = rotated.body["webhook_secret"].as_str().unwrap().to_owned();

    let bodies = recorded_bodies(&app);
    assert_eq!(bodies.len(), 3);
    for body in &bodies {
        for secret in [&secret, &webhook_secret, &link_code, &rotated_secret] {
            assert!(!body.contains(secret.as_str()), "a secret is kept in clear: {body}");
        }
        assert!(!body.contains("client_secret") && !body.contains("link_code"), "answers are sealed whole: {body}");
    }
}

#[tokio::test]
async fn failed_requests_are_not_remembered() {
    let app = TestApp::spawn().await;
    let mut bad = provider_body(12);
    bad["bank"]["bik"] = json!("123");
    let send = |body: serde_json::Value| {
        app.send(app.request(reqwest::Method::POST, "/v1/providers", None).header("idempotency-key", "k-4").json(&body))
    };
    send(bad).await.expect_problem(422, "validation_failed");
    // A validation failure is replayed for the same body, but the corrected body is a new request only
    // with a new key; with the same key it is refused.
    send(provider_body(12)).await.expect_problem(422, "idempotency_key_reused");
    let fresh =
        app.send(app.request(reqwest::Method::POST, "/v1/providers", None).header("idempotency-key", "k-5").json(&provider_body(12))).await;
    fresh.expect(201);
}
