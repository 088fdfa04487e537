//! Tokens: the three grants, rotation and reuse detection, revocation.

use serde_json::{Value, json};

use crate::helpers::TestApp;

#[tokio::test]
async fn a_token_of_the_wrong_role_is_forbidden() {
    let app = TestApp::spawn().await;
    let provider = app.active_provider(1).await;
    let operator = app.operator_token().await;
    app.post(&format!("/v1/providers/{}/suspend", provider.id), &json!({}), Some(&provider.token)).await.expect_problem(403, "forbidden");
    app.get("/v1/providers/me", Some(&operator)).await.expect_problem(403, "forbidden");
}

#[tokio::test]
async fn a_token_signed_with_another_key_is_refused() {
    let app = TestApp::spawn().await;
    let other = TestApp::spawn_with(|c| c.jwt_secret = Some(ebill::config::Secret("another-secret-another-secret-another".into()))).await;
    let foreign = other.operator_token().await;
    app.get("/v1/providers?status=pending", Some(&foreign)).await.expect_problem(401, "unauthorized");
}

#[tokio::test]
async fn client_credentials_by_form_json_and_basic_auth() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(2).await.registered;
    let json_body = json!({"grant_type": "client_credentials", "client_id": p.client_id, "client_secret": p.client_secret});
    let reply = app.post("/v1/oauth/token", &json_body, None).await.expect(200);
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let basic = app
        .client
        .post(app.url("/v1/oauth/token"))
        .basic_auth(&p.client_id, Some(&p.client_secret))
        .form(&[("grant_type", "client_credentials")]);
    let token = app.send(basic).await.expect(200).body["access_token"].as_str().unwrap().to_owned();
    app.get("/v1/providers/me", Some(&token)).await.expect(200);

    let wrong = json!({"grant_type": "client_credentials", "client_id": p.client_id, "client_secret": "sk_wrong"});
    app.post("/v1/oauth/token", &wrong, None).await.expect_problem(401, "invalid_client");
    let unknown = json!({"grant_type": "client_credentials", "client_id": "cli_nobody", "client_secret": "x"});
    app.post("/v1/oauth/token", &unknown, None).await.expect_problem(401, "invalid_client");
    let reply = app.post("/v1/oauth/token", &json!({"grant_type": "magic"}), None).await.expect_problem(400, "unsupported_grant_type");
    assert_eq!(reply.body["error"], "unsupported_grant_type");
    app.post("/v1/oauth/token", &json!({"grant_type": "password", "username": "x@y.z"}), None).await.expect_problem(400, "invalid_request");
    let text = app.client.post(app.url("/v1/oauth/token")).header("content-type", "text/plain").body("grant_type=password");
    app.send(text).await.expect_problem(415, "unsupported_media_type");
}

#[tokio::test]
async fn password_grant_checks_the_password() {
    let app = TestApp::spawn().await;
    app.operator_login("boss@agent.example").await;
    let wrong = json!({"grant_type": "password", "username": "boss@agent.example", "password": "nope-nope-nope"});
    app.post("/v1/oauth/token", &wrong, None).await.expect_problem(400, "invalid_grant");
    let nobody = json!({"grant_type": "password", "username": "nobody@agent.example", "password": "operator-password-1"});
    app.post("/v1/oauth/token", &nobody, None).await.expect_problem(400, "invalid_grant");
    let upper = json!({"grant_type": "password", "username": " BOSS@agent.example ", "password": "operator-password-1"});
    app.post("/v1/oauth/token", &upper, None).await.expect(200);
}

fn refresh(token: &str) -> Value {
    json!({"grant_type": "refresh_token", "refresh_token": token})
}

#[tokio::test]
async fn refresh_tokens_rotate_and_reuse_revokes_the_family() {
    let app = TestApp::spawn().await;
    let (_, first) = app.operator_login("ops@agent.example").await;
    let rotated = app.post("/v1/oauth/token", &refresh(&first), None).await.expect(200);
    let second = rotated.body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second, first);
    let access = rotated.body["access_token"].as_str().unwrap();
    app.get("/v1/providers?status=pending", Some(access)).await.expect(200);

    // The first token comes back: a thief has it. Both it and its successor are now dead, and so is
    // the access token the login holds.
    app.post("/v1/oauth/token", &refresh(&first), None).await.expect_problem(400, "invalid_grant");
    app.post("/v1/oauth/token", &refresh(&second), None).await.expect_problem(400, "invalid_grant");
    app.get("/v1/providers?status=pending", Some(access)).await.expect_problem(401, "unauthorized");
    let stored_active = app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::refresh_tokens::dsl::*;
        refresh_tokens.filter(status.eq("active")).count().get_result::<i64>(conn).unwrap()
    });
    assert_eq!(stored_active, 0);
    let hashed = app.db(|conn| ebill::store::tokens::find_by_hash(conn, &ebill::crypto::sha256_hex(first.as_bytes())).unwrap());
    assert!(hashed.is_some(), "tokens are stored by hash");
}

#[tokio::test]
async fn revocation_ends_the_login_and_its_access_tokens_on_every_replica() {
    let app = TestApp::spawn().await;
    let replica = app.another_instance(|_| {}).await;
    let (access, refresh_token) = app.operator_login("ops@agent.example").await;
    let (other_access, _) = app.operator_login("other@agent.example").await;
    replica.get("/v1/billing-runs/run_x", Some(&access)).await.expect_problem(404, "not_found");
    let form = [("token", refresh_token.as_str())];
    let reply = app.send(app.client.post(app.url("/v1/oauth/revoke")).form(&form)).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    app.post("/v1/oauth/token", &refresh(&refresh_token), None).await.expect_problem(400, "invalid_grant");
    app.get("/v1/billing-runs/run_x", Some(&access)).await.expect_problem(401, "unauthorized");
    // The other replica learns within about a second; another login is untouched.
    let mut refused = false;
    for _ in 0..40 {
        if replica.get("/v1/billing-runs/run_x", Some(&access)).await.status == 401 {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(refused, "the revoked token still works on the other replica after 4 s");
    replica.get("/v1/billing-runs/run_x", Some(&other_access)).await.expect_problem(404, "not_found");
    // Unknown tokens are not an error (RFC 7009).
    app.post("/v1/oauth/revoke", &json!({"token": "rt_unknown"}), None).await.expect(200);
}

#[tokio::test]
async fn a_password_change_ends_the_access_tokens_of_every_login() {
    let app = TestApp::spawn().await;
    app.register_resident("p@example.org", "+79130000006").await;
    let (first, second) = (app.resident_token("p@example.org").await, app.resident_token("p@example.org").await);
    let change = json!({"password": "a-brand-new-password", "current_password": "resident-password-1"});
    app.patch("/v1/me", &change, Some(&first)).await.expect(200);
    for token in [&first, &second] {
        app.get("/v1/me", Some(token)).await.expect_problem(401, "unauthorized");
    }
    let login = json!({"grant_type": "password", "username": "p@example.org", "password": "a-brand-new-password"});
    let fresh = app.post("/v1/oauth/token", &login, None).await.expect(200);
    app.get("/v1/me", fresh.body["access_token"].as_str()).await.expect(200);
}
