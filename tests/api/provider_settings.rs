//! E-document capability declarations (with history and the public directory) and webhook secrets.

use serde_json::json;

use crate::helpers::TestApp;
use ebill::domain::ids::ProviderId;

#[tokio::test]
async fn capability_is_declared_from_a_period_and_shown_in_the_directory() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(1).await;
    let reply = app.put("/v1/providers/me/edoc", &json!({"edoc_capable": true, "since": "2021-08"}), Some(&p.token)).await.expect(200);
    assert_eq!(reply.body["edoc_capable"], true);
    assert_eq!(reply.body["edoc_since"], "2021-08");
    let listed = app.get("/v1/providers", None).await.expect(200);
    assert_eq!(listed.body["data"][0]["edoc_capable"], true);
    assert_eq!(listed.body["data"][0]["edoc_since"], "2021-08");

    // A withdrawal far in the future does not change today, and the history keeps both.
    let reply = app.put("/v1/providers/me/edoc", &json!({"edoc_capable": false, "since": "2099-01"}), Some(&p.token)).await.expect(200);
    assert_eq!(reply.body["edoc_capable"], true);
    let history = app.get("/v1/providers/me/edoc", Some(&p.token)).await.expect(200).body["history"].clone();
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[1]["since"], "2099-01");
    assert_eq!(history[1]["edoc_capable"], false);

    // Withdrawn from a past period: not capable now.
    app.put("/v1/providers/me/edoc", &json!({"edoc_capable": false, "since": "2022-01"}), Some(&p.token)).await.expect(200);
    assert_eq!(app.get(&format!("/v1/providers/{}", p.id), None).await.body["edoc_capable"], false);
}

#[tokio::test]
async fn a_closed_period_cannot_be_declared() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(2).await;
    app.close_period("2021-08");
    app.put("/v1/providers/me/edoc", &json!({"edoc_capable": true, "since": "2021-08"}), Some(&p.token))
        .await
        .expect_problem(409, "period_closed");
    app.put("/v1/providers/me/edoc", &json!({"edoc_capable": true, "since": "2021-09"}), Some(&p.token)).await.expect(200);
    app.put("/v1/providers/me/edoc", &json!({"edoc_capable": true, "since": "21-09"}), Some(&p.token))
        .await
        .expect_problem(422, "validation_failed");
}

#[tokio::test]
async fn webhook_secrets_are_issued_and_rotated() {
    let app = TestApp::spawn().await;
    let registered = app.post("/v1/providers", &crate::helpers::provider_body(3), None).await.expect(201);
    let first = registered.body["webhook_secret"].as_str().unwrap().to_owned();
    assert!(first.starts_with("whsec_"));
    let p = app.active_provider(4).await;
    let rotated = app.post("/v1/providers/me/webhook-secret", &json!({}), Some(&p.token)).await.expect(200);
    let secret = rotated.body["webhook_secret"].as_str().unwrap();
    assert!(secret.starts_with("whsec_") && secret != first);
    let again = app.post("/v1/providers/me/webhook-secret", &json!({}), Some(&p.token)).await.expect(200);
    assert_ne!(again.body["webhook_secret"], rotated.body["webhook_secret"]);
    let stored = app.db(|conn| ebill::store::providers::find(conn, &ProviderId::from(p.id.as_str())).unwrap().unwrap());
    assert_eq!(stored.webhook_secret, again.body["webhook_secret"].as_str().unwrap());
    assert_eq!(stored.webhook_secret_previous.as_deref(), Some(secret));
}
