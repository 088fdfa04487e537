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

#[tokio::test]
async fn a_request_still_running_answers_409() {
    let app = TestApp::spawn().await;
    let body = serde_json::to_vec(&provider_body(9)).unwrap();
    let mut material = b"POST /v1/providers\n".to_vec();
    material.extend_from_slice(&body);
    app.db(|conn| {
        ebill::store::idempotency::insert(
            conn,
            &ebill::store::idempotency::IdempotencyRow {
                principal: "ip:127.0.0.1".into(),
                idempotency_key: "k-3".into(),
                request_hash: ebill::crypto::sha256_hex(&material),
                status: "in_flight".into(),
                response_status: None,
                response_content_type: None,
                response_body: None,
                created_at: ebill::clock::now(),
            },
        )
        .unwrap()
    });
    let request = app
        .request(reqwest::Method::POST, "/v1/providers", None)
        .header("idempotency-key", "k-3")
        .header("content-type", "application/json")
        .body(body);
    app.send(request).await.expect_problem(409, "idempotency_in_flight");
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
