//! Resident registration, email confirmation, login and the profile, with email and phone changes
//! that wait for their confirmation.

use serde_json::json;

use crate::helpers::{CONSENT, TestApp};

#[tokio::test]
async fn registration_sends_a_confirmation_link_that_confirms_the_email() {
    let app = TestApp::spawn().await;
    let body = json!({"email": " Anna@Example.org ", "phone": "8 (913) 123-45-67", "password": "resident-password-1", "name": "Анна", "consent": {"version": CONSENT}});
    let reply = app.post("/v1/residents", &body, None).await.expect(201);
    assert_eq!(reply.body["email"], "anna@example.org");
    assert_eq!(reply.body["phone"], "+79131234567");
    assert_eq!(reply.body["email_confirmed"], false);

    let mails = app.mails_to("anna@example.org", 1).await;
    assert_eq!(mails[0].subject, "Подтвердите адрес электронной почты");
    assert!(mails[0].text.contains("Анна"), "{}", mails[0].text);
    let link = mails[0].text.lines().find(|l| l.contains("?token=")).unwrap().trim();
    assert!(link.starts_with(&format!("{}confirm-email?token=", app.config.public_url)), "{link}");

    let token = app.resident_token("anna@example.org").await;
    assert_eq!(app.get("/v1/me", Some(&token)).await.expect(200).body["email_confirmed"], false);
    app.confirm_email("anna@example.org", 1).await;
    let me = app.get("/v1/me", Some(&token)).await.expect(200);
    assert_eq!(me.body["email_confirmed"], true);
    // A used link does not work twice.
    let used = link.split("?token=").nth(1).unwrap();
    app.post("/v1/residents/email-confirmations", &json!({"token": used}), None).await.expect_problem(422, "validation_failed");
    app.post("/v1/me/email-confirmations", &json!({}), Some(&token)).await.expect_problem(409, "email_already_confirmed");
}

#[tokio::test]
async fn bad_registrations_are_refused() {
    let app = TestApp::spawn().await;
    app.register_resident("taken@example.org", "+79130000001").await;
    let again =
        json!({"email": "TAKEN@example.org", "phone": "+79130000002", "password": "resident-password-1", "consent": {"version": CONSENT}});
    app.post("/v1/residents", &again, None).await.expect_problem(409, "email_taken");
    let bad = json!({"email": "nope", "phone": "+7 3902 22-33-44", "password": "short", "consent": {"version": ""}});
    let reply = app.post("/v1/residents", &bad, None).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), ["consent.version", "email", "password", "phone"]);
    let operator_email =
        json!({"email": "boss@agent.example", "phone": "+79130000003", "password": "resident-password-1", "consent": {"version": CONSENT}});
    app.operator_login("boss@agent.example").await;
    app.post("/v1/residents", &operator_email, None).await.expect_problem(409, "email_taken");
}

#[tokio::test]
async fn residents_log_in_and_refresh() {
    let app = TestApp::spawn().await;
    app.register_resident("r@example.org", "+79130000004").await;
    let login = json!({"grant_type": "password", "username": "r@example.org", "password": "resident-password-1"});
    let reply = app.post("/v1/oauth/token", &login, None).await.expect(200);
    let refresh = reply.body["refresh_token"].as_str().unwrap();
    let again = app.post("/v1/oauth/token", &json!({"grant_type": "refresh_token", "refresh_token": refresh}), None).await.expect(200);
    let token = again.body["access_token"].as_str().unwrap();
    assert_eq!(app.get("/v1/me", Some(token)).await.expect(200).body["email"], "r@example.org");
    let wrong = json!({"grant_type": "password", "username": "r@example.org", "password": "not-the-password"});
    app.post("/v1/oauth/token", &wrong, None).await.expect_problem(400, "invalid_grant");
}

#[tokio::test]
async fn a_new_email_waits_for_its_link_and_a_new_phone_for_its_code() {
    let app = TestApp::spawn().await;
    let (_, token) = app.confirmed_resident("old@example.org", "+79130000005").await;

    let change = json!({"email": "new@example.org", "name": "Анна Петровна", "current_password": "resident-password-1"});
    let reply = app.patch("/v1/me", &change, Some(&token)).await.expect(200);
    assert_eq!(reply.body["resident"]["email"], "old@example.org");
    assert_eq!(reply.body["resident"]["pending_email"], "new@example.org");
    assert_eq!(reply.body["resident"]["email_confirmed"], true);
    app.confirm_email("new@example.org", 1).await;
    let me = app.get("/v1/me", Some(&token)).await.expect(200);
    assert_eq!((me.body["email"].as_str(), me.body["pending_email"].as_str()), (Some("new@example.org"), None));
    assert_eq!(me.body["name"], "Анна Петровна");

    let change = json!({"phone": "+7 913 999-88-77", "current_password": "resident-password-1"});
    let reply = app.patch("/v1/me", &change, Some(&token)).await.expect(202);
    assert_eq!(reply.body["resident"]["phone"], "+79130000005");
    assert_eq!(reply.body["resident"]["pending_phone"], "+79139998877");
    let verification = reply.body["phone_verification"]["id"].as_str().unwrap().to_owned();
    assert_eq!(reply.body["phone_verification"]["to"], "+7******8877");
    let code = app.code_sent_to("+79139998877", 1).await;
    assert!(app.sms().iter().all(|s| s.to != "+79130000005"), "the code goes to the new phone only");
    let confirmed = app.post(&format!("/v1/verifications/{verification}/confirm"), &json!({"code": code}), Some(&token)).await.expect(200);
    assert_eq!(confirmed.body["phone"], "+79139998877");
    let me = app.get("/v1/me", Some(&token)).await.expect(200);
    assert_eq!((me.body["phone"].as_str(), me.body["pending_phone"].as_str()), (Some("+79139998877"), None));
}

#[tokio::test]
async fn a_password_change_needs_the_current_one_and_ends_other_logins() {
    let app = TestApp::spawn().await;
    app.register_resident("p@example.org", "+79130000006").await;
    let login = json!({"grant_type": "password", "username": "p@example.org", "password": "resident-password-1"});
    let reply = app.post("/v1/oauth/token", &login, None).await.expect(200);
    let (token, refresh) = (reply.body["access_token"].as_str().unwrap(), reply.body["refresh_token"].as_str().unwrap());
    let reply =
        app.patch("/v1/me", &json!({"password": "a-brand-new-password"}), Some(token)).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), ["current_password"]);
    app.patch("/v1/me", &json!({"password": "a-brand-new-password", "current_password": "wrong-wrong"}), Some(token))
        .await
        .expect_problem(422, "validation_failed");
    app.patch("/v1/me", &json!({"password": "a-brand-new-password", "current_password": "resident-password-1"}), Some(token))
        .await
        .expect(200);
    app.post("/v1/oauth/token", &json!({"grant_type": "refresh_token", "refresh_token": refresh}), None)
        .await
        .expect_problem(400, "invalid_grant");
    app.post("/v1/oauth/token", &login, None).await.expect_problem(400, "invalid_grant");
    let new_login = json!({"grant_type": "password", "username": "p@example.org", "password": "a-brand-new-password"});
    app.post("/v1/oauth/token", &new_login, None).await.expect(200);
}

#[tokio::test]
async fn other_roles_cannot_use_the_cabinet() {
    let app = TestApp::spawn().await;
    let provider = app.active_provider(1).await;
    let operator = app.operator_token().await;
    for token in [&provider.token, &operator] {
        app.get("/v1/me", Some(token)).await.expect_problem(403, "forbidden");
        app.get("/v1/me/addresses", Some(token)).await.expect_problem(403, "forbidden");
    }
}
