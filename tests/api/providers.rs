//! Provider sign-up: registration with real check digits, the directory, operator approval and
//! suspension, the own profile, and who may see what.

use serde_json::json;

use crate::helpers::{TestApp, inn10, provider_body};

#[tokio::test]
async fn registration_is_pending_until_approved() {
    let app = TestApp::spawn().await;
    let reply = app.post("/v1/providers", &provider_body(7), None).await.expect(201);
    assert_eq!(reply.body["status"], "pending");
    let id = reply.body["id"].as_str().unwrap().to_owned();
    assert_eq!(reply.header("location"), Some(format!("/v1/providers/{id}").as_str()));
    assert!(reply.body["client_secret"].as_str().unwrap().starts_with("sk_"));

    // Not in the public directory, not visible by id, no token.
    assert_eq!(app.get("/v1/providers", None).await.expect(200).body["data"], json!([]));
    app.get(&format!("/v1/providers/{id}"), None).await.expect_problem(404, "not_found");
    let registered = crate::helpers::Registered {
        id: id.clone(),
        client_id: reply.body["client_id"].as_str().unwrap().into(),
        client_secret: reply.body["client_secret"].as_str().unwrap().into(),
    };
    let refused = app.provider_token_reply(&registered).await.expect_problem(401, "invalid_client");
    assert_eq!(refused.body["error"], "invalid_client");

    // The operator sees it with contacts, and approves it.
    let operator = app.operator_token().await;
    let pending = app.get("/v1/providers?status=pending", Some(&operator)).await.expect(200);
    assert_eq!(pending.body["data"][0]["id"], id.as_str());
    assert_eq!(pending.body["data"][0]["status"], "pending");
    let card = app.get(&format!("/v1/providers/{id}"), Some(&operator)).await.expect(200);
    assert_eq!(card.body["contacts"]["email"], "billing7@provider.example");
    assert_eq!(card.body["contacts"]["phone"], "+73902223344");
    let approved = app.post(&format!("/v1/providers/{id}/approve"), &json!({}), Some(&operator)).await.expect(200);
    assert_eq!(approved.body["status"], "active");
    app.post(&format!("/v1/providers/{id}/approve"), &json!({}), Some(&operator)).await.expect_problem(409, "invalid_transition");

    // Now public (without contacts) and able to get a token.
    let public = app.get(&format!("/v1/providers/{id}"), None).await.expect(200);
    assert_eq!(public.body["inn"], inn10(7));
    assert_eq!(public.body["bank"]["bik"], "044525225");
    assert!(public.body.get("contacts").is_none());
    let directory = app.get("/v1/providers", None).await.expect(200);
    assert_eq!(directory.body["data"][0]["id"], id.as_str());
    assert_eq!(directory.body["data"][0]["edoc_capable"], false);
    let token = app.provider_token_reply(&registered).await.expect(200);
    assert_eq!(token.body["token_type"], "Bearer");
    assert!(token.body["expires_in"].as_u64().unwrap() <= 900);
    assert!(token.body.get("refresh_token").is_none());
}

#[tokio::test]
async fn duplicate_inn_and_kpp_conflict() {
    let app = TestApp::spawn().await;
    app.register_provider(11).await;
    let mut again = provider_body(11);
    again["name"] = json!("Someone else");
    app.post("/v1/providers", &again, None).await.expect_problem(409, "provider_exists");
    // Another branch (KPP) of the same organisation is a different provider.
    again["kpp"] = json!("190102001");
    app.post("/v1/providers", &again, None).await.expect(201);
}

#[tokio::test]
async fn individual_entrepreneurs_have_no_kpp_and_a_15_digit_ogrnip() {
    let app = TestApp::spawn().await;
    let mut body = provider_body(3);
    body["inn"] = json!("500100732259");
    body["ogrn"] = json!("304500116000157");
    let reply = app.post("/v1/providers", &body, None).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), vec!["kpp"]);
    body.as_object_mut().unwrap().remove("kpp");
    app.post("/v1/providers", &body, None).await.expect(201);
    let mut mixed = provider_body(4);
    mixed["ogrn"] = json!("304500116000157");
    let reply = app.post("/v1/providers", &mixed, None).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), vec!["ogrn"]);
}

#[tokio::test]
async fn suspension_stops_tokens_at_once() {
    let app = TestApp::spawn().await;
    let provider = app.active_provider(21).await;
    app.get("/v1/providers/me", Some(&provider.token)).await.expect(200);
    let operator = app.operator_token().await;
    let suspended = app.post(&format!("/v1/providers/{}/suspend", provider.id), &json!({}), Some(&operator)).await.expect(200);
    assert_eq!(suspended.body["status"], "suspended");
    app.get("/v1/providers/me", Some(&provider.token)).await.expect_problem(401, "unauthorized");
    // The token is checked before anything else of the request: 401, not a 400 for the query.
    app.get("/v1/providers/me/charges?period=nope&limit=0", Some(&provider.token)).await.expect_problem(401, "unauthorized");
    app.provider_token_reply(&provider.registered).await.expect_problem(401, "invalid_client");
    app.get(&format!("/v1/providers/{}", provider.id), None).await.expect_problem(404, "not_found");
    // Reinstated: works again.
    app.post(&format!("/v1/providers/{}/approve", provider.id), &json!({}), Some(&operator)).await.expect(200);
    app.get("/v1/providers/me", Some(&provider.token)).await.expect(200);
}

#[tokio::test]
async fn the_own_profile_can_be_read_and_changed() {
    let app = TestApp::spawn().await;
    let provider = app.active_provider(31).await;
    let me = app.get("/v1/providers/me", Some(&provider.token)).await.expect(200);
    assert_eq!(me.body["id"], provider.id.as_str());
    assert_eq!(me.body["contacts"]["client_id"], provider.registered.client_id.as_str());
    assert!(me.body["contacts"]["webhook_url"].is_null());

    let patch = json!({"email": "New@Provider.example", "phone": "8 913 000-11-22", "webhook_url": "https://hooks.provider.example/ebill"});
    let changed = app.patch("/v1/providers/me", &patch, Some(&provider.token)).await.expect(200);
    assert_eq!(changed.body["contacts"]["email"], "new@provider.example");
    assert_eq!(changed.body["contacts"]["phone"], "+79130001122");
    assert_eq!(changed.body["contacts"]["webhook_url"], "https://hooks.provider.example/ebill");
    let read_back = app.get("/v1/providers/me", Some(&provider.token)).await.expect(200);
    assert_eq!(read_back.body["contacts"], changed.body["contacts"]);

    let cleared = app.patch("/v1/providers/me", &json!({"webhook_url": null}), Some(&provider.token)).await.expect(200);
    assert!(cleared.body["contacts"]["webhook_url"].is_null());
    assert_eq!(cleared.body["contacts"]["email"], "new@provider.example", "absent fields stay");
    let read_back = app.get("/v1/providers/me", Some(&provider.token)).await.expect(200);
    assert_eq!(read_back.body["contacts"], cleared.body["contacts"], "the cleared webhook URL is stored cleared");
    let reply = app.patch("/v1/providers/me", &json!({"webhook_url": "not a url", "inn": "7707083893"}), Some(&provider.token)).await;
    reply.expect_problem(422, "validation_failed");
}

#[tokio::test]
async fn the_directory_pages_with_a_cursor() {
    let app = TestApp::spawn().await;
    let operator = app.operator_token().await;
    let mut ids = Vec::new();
    for seed in 40..45 {
        let p = app.register_provider(seed).await;
        app.post(&format!("/v1/providers/{}/approve", p.id), &json!({}), Some(&operator)).await.expect(200);
        ids.push(p.id);
    }
    app.register_provider(99).await; // pending: never listed publicly
    let mut seen = Vec::new();
    let mut path = "/v1/providers?limit=2".to_owned();
    loop {
        let page = app.get(&path, None).await.expect(200);
        let data = page.body["data"].as_array().unwrap();
        assert!(data.len() <= 2);
        seen.extend(data.iter().map(|p| p["id"].as_str().unwrap().to_owned()));
        match page.body["next_cursor"].as_str() {
            Some(cursor) => path = format!("/v1/providers?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, ids);
    let all = app.get("/v1/providers?limit=500", Some(&operator)).await.expect(200);
    assert_eq!(all.body["data"].as_array().unwrap().len(), 6);
    app.get("/v1/providers?status=gone", Some(&operator)).await.expect_problem(422, "validation_failed");
}
