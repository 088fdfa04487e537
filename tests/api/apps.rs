//! Third-party apps: operators register them with redirect URIs that follow RFC 8252, a confidential
//! app's secret is shown once and stored only hashed, suspension is audited, and nobody else may do any
//! of it.

use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn operators_register_list_and_suspend_apps() {
    let app = TestApp::spawn().await;
    let operator = app.operator_token().await;
    let native = json!({"name": "Мой дом", "type": "public",
        "redirect_uris": ["ru.example.myhome:/oauth", "http://127.0.0.1/cb", "https://myhome.example.org/oauth"]});
    let reply = app.post("/v1/apps", &native, Some(&operator)).await.expect(201);
    let client_id = reply.body["client_id"].as_str().unwrap().to_owned();
    assert!(client_id.starts_with("app_"));
    assert_eq!(reply.header("location"), Some(format!("/v1/apps/{client_id}").as_str()));
    assert_eq!((&reply.body["type"], &reply.body["status"]), (&json!("public"), &json!("active")));
    assert_eq!(reply.body["redirect_uris"], native["redirect_uris"]);
    assert!(reply.body.get("client_secret").is_none(), "a public app has no secret");
    let created_at = reply.body["created_at"].as_str().unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(created_at).is_ok(), "an RFC 3339 time with its offset: {created_at}");

    let web = json!({"name": "Управляющая компания", "type": "confidential", "redirect_uris": ["https://uk.example.org/cb"]});
    let reply = app.post("/v1/apps", &web, Some(&operator)).await.expect(201);
    let secret = reply.body["client_secret"].as_str().unwrap().to_owned();
    let web_id = reply.body["client_id"].as_str().unwrap().to_owned();
    // Stored only as its hash, never shown again.
    let stored: Option<String> = app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::apps;
        apps::table.find(&web_id).select(apps::client_secret_hash).first(conn).unwrap()
    });
    let stored = stored.unwrap();
    assert!(stored.starts_with("$argon2") && !stored.contains(&secret));
    let listed = app.collect("/v1/apps", Some(&operator)).await;
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|a| a.get("client_secret").is_none()));

    let suspended = app.post(&format!("/v1/apps/{client_id}/suspend"), &json!({}), Some(&operator)).await.expect(200);
    assert_eq!(suspended.body["status"], "suspended");
    app.post(&format!("/v1/apps/{client_id}/suspend"), &json!({}), Some(&operator)).await.expect_problem(409, "invalid_transition");
    app.post("/v1/apps/app_unknown/suspend", &json!({}), Some(&operator)).await.expect_problem(404, "not_found");
    let events = app.collect(&format!("/v1/audit-events?object={client_id}"), Some(&operator)).await;
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["app.suspended", "app.registered"]);
}

#[tokio::test]
async fn redirect_uris_that_rfc_8252_forbids_are_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let operator = app.operator_token().await;
    let cases = [
        (json!({"name": "A", "type": "public", "redirect_uris": ["http://localhost:8080/cb"]}), "redirect_uris[0]"),
        (
            json!({"name": "A", "type": "public", "redirect_uris": ["https://a.example.org/cb", "http://a.example.org/cb"]}),
            "redirect_uris[1]",
        ),
        (json!({"name": "A", "type": "public", "redirect_uris": ["myapp:/cb"]}), "redirect_uris[0]"),
        (json!({"name": "A", "type": "public", "redirect_uris": ["https://a.example.org/cb#x"]}), "redirect_uris[0]"),
        (
            json!({"name": "A", "type": "public", "redirect_uris": ["https://a.example.org/cb", "https://a.example.org/cb"]}),
            "redirect_uris[1]",
        ),
        (json!({"name": "A", "type": "confidential", "redirect_uris": ["http://127.0.0.1:9000/cb"]}), "redirect_uris[0]"),
        (json!({"name": "A", "type": "confidential", "redirect_uris": ["ru.example.app:/cb"]}), "redirect_uris[0]"),
        (json!({"name": "A", "type": "public", "redirect_uris": []}), "redirect_uris"),
        (json!({"name": "  ", "type": "public", "redirect_uris": ["ru.example.app:/cb"]}), "name"),
    ];
    for (body, field) in cases {
        let reply = app.post("/v1/apps", &body, Some(&operator)).await.expect_problem(422, "validation_failed");
        assert_eq!(reply.fields(), [field], "{body}");
    }
    app.post("/v1/apps", &json!({"name": "A", "type": "native", "redirect_uris": ["ru.example.app:/cb"]}), Some(&operator))
        .await
        .expect_problem(422, "validation_failed");
    assert!(app.collect("/v1/apps", Some(&operator)).await.is_empty());

    // Only operators.
    let (_, resident) = app.confirmed_resident("apps@example.org", "+79130000031").await;
    let body = json!({"name": "A", "type": "public", "redirect_uris": ["ru.example.app:/cb"]});
    app.post("/v1/apps", &body, Some(&resident)).await.expect_problem(403, "forbidden");
    app.get("/v1/apps", Some(&resident)).await.expect_problem(403, "forbidden");
    app.post("/v1/apps", &body, None).await.expect_problem(401, "unauthorized");
}
