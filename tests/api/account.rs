//! The resident's account kept safe: consent recorded at registration, changes of email and phone
//! guarded by the password and told to the resident, a forgotten password reset by an emailed link,
//! the account deleted, and everything held about the resident exported.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use serde_json::json;

use crate::helpers::{CONSENT, TestApp, webhook_sink};

const PASSWORD: &str = "resident-password-1";

fn login(email: &str, password: &str) -> serde_json::Value {
    json!({"grant_type": "password", "username": email, "password": password})
}

/// The link tokens of the mails to `email` whose subject is `subject`, once `n` have arrived (in no
/// particular order).
async fn link_tokens(app: &TestApp, email: &str, subject: &str, n: usize) -> Vec<String> {
    let mails = app
        .eventually(&format!("{n} «{subject}» mails to {email}"), |app| {
            let mails: Vec<_> = app.mails().into_iter().filter(|m| m.to == email && m.subject == subject).collect();
            (mails.len() >= n).then_some(mails)
        })
        .await;
    mails.iter().map(|m| m.text.split("?token=").nth(1).unwrap().split_whitespace().next().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn registration_needs_the_consent_in_force_and_records_it() {
    let app = TestApp::spawn().await;
    let body = |consent: serde_json::Value| {
        let mut body = json!({"email": "c@example.org", "phone": "+79130000010", "password": PASSWORD});
        if !consent.is_null() {
            body["consent"] = consent;
        }
        body
    };
    let missing = app.post("/v1/residents", &body(serde_json::Value::Null), None).await.expect_problem(422, "validation_failed");
    assert_eq!(missing.fields(), ["consent"], "{}", missing.body);
    let old = app.post("/v1/residents", &body(json!({"version": "2019-01-01"})), None).await.expect_problem(422, "validation_failed");
    assert_eq!(old.fields(), ["consent.version"]);
    assert!(app.mails().is_empty(), "a refused registration sends nothing");

    let before = Utc::now();
    app.post("/v1/residents", &body(json!({"version": CONSENT})), None).await.expect(201);
    let token = app.resident_token("c@example.org").await;
    let export = app.get("/v1/me/export", Some(&token)).await.expect(200);
    assert_eq!(export.body["resident"]["consent"]["version"], CONSENT);
    let given: chrono::DateTime<Utc> = export.body["resident"]["consent"]["given_at"].as_str().unwrap().parse().unwrap();
    assert!(given >= before - Duration::seconds(1) && given <= Utc::now(), "{given}");
    let kinds: Vec<&str> = export.body["audit_trail"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["resident.registered"]);
}

#[tokio::test]
async fn email_and_phone_changes_need_the_password_and_are_told() {
    let app = TestApp::spawn().await;
    let (_, token) = app.confirmed_resident("old@example.org", "+79130000011").await;

    // Without the password, or with a wrong one: refused, nothing pending, nothing sent.
    for change in [json!({"email": "thief@example.org"}), json!({"email": "thief@example.org", "current_password": "not-the-password"})] {
        let refused = app.patch("/v1/me", &change, Some(&token)).await.expect_problem(422, "validation_failed");
        assert_eq!(refused.fields(), ["current_password"]);
    }
    let refused = app.patch("/v1/me", &json!({"phone": "+79139990000"}), Some(&token)).await.expect_problem(422, "validation_failed");
    assert_eq!(refused.fields(), ["current_password"]);
    let me = app.get("/v1/me", Some(&token)).await.expect(200);
    assert!(me.body["pending_email"].is_null() && me.body["pending_phone"].is_null(), "{}", me.body);
    app.settled().await;
    assert_eq!(app.mails().len(), 1, "only the registration's confirmation");
    assert!(app.sms().is_empty());

    // With it: the new address gets its link, the old one a notice; receipts stay with the old one.
    let change = json!({"email": "new@example.org", "current_password": PASSWORD});
    app.patch("/v1/me", &change, Some(&token)).await.expect(200);
    let mails = app.mails_to("old@example.org", 2).await;
    let notice = mails.iter().find(|m| m.subject == "Изменение данных личного кабинета").unwrap();
    assert!(notice.text.contains("смену адреса электронной почты на ne***@example.org"), "{}", notice.text);
    assert_eq!(app.get("/v1/me", Some(&token)).await.expect(200).body["email"], "old@example.org");
    app.confirm_email("new@example.org", 1).await;
    assert_eq!(app.get("/v1/me", Some(&token)).await.expect(200).body["email"], "new@example.org");

    // A new phone: the code to the new phone, the notice to the (now new) email.
    let change = json!({"phone": "+79139990000", "current_password": PASSWORD});
    let asked = app.patch("/v1/me", &change, Some(&token)).await.expect(202);
    assert_eq!(asked.body["phone_verification"]["to"], "+7******0000");
    app.code_sent_to("+79139990000", 1).await;
    let mails = app.mails_to("new@example.org", 2).await;
    let notice = mails.iter().find(|m| m.subject == "Изменение данных личного кабинета").unwrap();
    assert!(notice.text.contains("смену номера телефона на +7******0000"), "{}", notice.text);

    let export = app.get("/v1/me/export", Some(&token)).await.expect(200);
    let kinds: Vec<&str> = export.body["audit_trail"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["resident.registered", "email.change_requested", "email.changed", "phone.change_requested"]);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_a_single_use_link() {
    let app = TestApp::spawn().await;
    app.register_resident("f@example.org", "+79130000012").await;
    let first = app.post("/v1/oauth/token", &login("f@example.org", PASSWORD), None).await.expect(200);
    let (access, refresh) = (first.body["access_token"].as_str().unwrap(), first.body["refresh_token"].as_str().unwrap());

    // An unknown email is answered alike and sends nothing.
    app.post("/v1/residents/password-resets", &json!({"email": "nobody@example.org"}), None).await.expect(202);
    app.post("/v1/residents/password-resets", &json!({"email": " F@Example.org "}), None).await.expect(202);
    let token = link_tokens(&app, "f@example.org", "Восстановление пароля", 1).await.remove(0);
    app.settled().await;
    assert!(app.mails().iter().all(|m| m.to != "nobody@example.org"));
    let link = app.mails().into_iter().find(|m| m.subject == "Восстановление пароля").unwrap().text;
    assert!(link.contains(&format!("{}password-reset?token=", app.config.public_url)), "{link}");

    let weak = app
        .post("/v1/residents/password-resets/confirm", &json!({"token": token, "new_password": "short"}), None)
        .await
        .expect_problem(422, "validation_failed");
    assert_eq!(weak.fields(), ["new_password"]);
    let set = json!({"token": token, "new_password": "a-brand-new-password"});
    app.post("/v1/residents/password-resets/confirm", &set, None).await.expect(204);
    // Every login ended; the old password is gone; the new one works; the link works once.
    app.get("/v1/me", Some(access)).await.expect_problem(401, "unauthorized");
    app.post("/v1/oauth/token", &json!({"grant_type": "refresh_token", "refresh_token": refresh}), None)
        .await
        .expect_problem(400, "invalid_grant");
    app.post("/v1/oauth/token", &login("f@example.org", PASSWORD), None).await.expect_problem(400, "invalid_grant");
    app.post("/v1/oauth/token", &login("f@example.org", "a-brand-new-password"), None).await.expect(200);
    let again = json!({"token": token, "new_password": "yet-another-password"});
    let used = app.post("/v1/residents/password-resets/confirm", &again, None).await.expect_problem(422, "validation_failed");
    assert_eq!(used.fields(), ["token"]);

    // An expired link is refused too.
    app.post("/v1/residents/password-resets", &json!({"email": "f@example.org"}), None).await.expect(202);
    let late = link_tokens(&app, "f@example.org", "Восстановление пароля", 2).await.into_iter().find(|t| *t != token).unwrap();
    app.db(|conn| {
        use ebill::store::schema::password_resets;
        diesel::update(password_resets::table)
            .set(password_resets::expires_at.eq(ebill::clock::now() - Duration::minutes(1)))
            .execute(conn)
            .unwrap()
    });
    let expired = json!({"token": late, "new_password": "yet-another-password"});
    app.post("/v1/residents/password-resets/confirm", &expired, None).await.expect_problem(422, "validation_failed");
    app.post("/v1/oauth/token", &login("f@example.org", "a-brand-new-password"), None).await.expect(200);

    // At most three links an hour reach one account, whatever is asked.
    for _ in 0..3 {
        app.post("/v1/residents/password-resets", &json!({"email": "f@example.org"}), None).await.expect(202);
    }
    app.settled().await;
    let sent = app.mails().iter().filter(|m| m.subject == "Восстановление пароля").count();
    assert_eq!(sent, 3, "two earlier links and one more this hour");
}

#[tokio::test]
async fn password_reset_requests_are_limited_per_address() {
    let app = TestApp::spawn_with(|c| c.rate_limits = ebill::config::RateLimits::parse("on,password_resets=2/h").unwrap()).await;
    for _ in 0..2 {
        app.post("/v1/residents/password-resets", &json!({"email": "x@example.org"}), None).await.expect(202);
    }
    let limited = app.post("/v1/residents/password-resets", &json!({"email": "x@example.org"}), None).await;
    let limited = limited.expect_problem(429, "rate_limited");
    assert!(limited.header("retry-after").is_some());
}

#[tokio::test]
async fn a_deleted_account_keeps_no_personal_data_and_its_addresses_go_back_to_paper() {
    let app = TestApp::spawn().await;
    let (hooks, received) = webhook_sink().await;
    let (provider, payer_code) = app.provider_with_account(7, true).await;
    app.patch("/v1/providers/me", &json!({"webhook_url": format!("{}/ebill", hooks.uri())}), Some(&provider.token)).await.expect(200);
    let phone = "+79130000013";
    let (id, token) = app.confirmed_resident("gone@example.org", phone).await;
    let address = app.link(&token, &payer_code).await;
    app.switch_to_electronic(&token, &address, phone, 1).await;
    let other = app.resident_token("gone@example.org").await;

    let wrong = json!({"current_password": "not-the-password"});
    let refused = app.send(app.request(reqwest::Method::DELETE, "/v1/me", Some(&token)).json(&wrong)).await;
    assert_eq!(refused.expect_problem(422, "validation_failed").fields(), ["current_password"]);
    assert_eq!(app.get("/v1/me", Some(&token)).await.expect(200).body["email"], "gone@example.org");

    let right = json!({"current_password": PASSWORD});
    app.send(app.request(reqwest::Method::DELETE, "/v1/me", Some(&token)).json(&right)).await.expect(204);
    // Every login is over, and no new one can begin.
    for t in [&token, &other] {
        app.get("/v1/me", Some(t)).await.expect_problem(401, "unauthorized");
    }
    app.post("/v1/oauth/token", &login("gone@example.org", PASSWORD), None).await.expect_problem(400, "invalid_grant");
    // The row keeps nothing personal; the premises is on paper again and the provider was told.
    let stored = app.db(|conn| ebill::store::residents::find(conn, &ebill::domain::ids::ResidentId::from(id.as_str())).unwrap().unwrap());
    assert_eq!((stored.email.as_str(), stored.phone.as_str(), stored.name.as_deref()), (format!("erased:{id}").as_str(), "", None));
    assert!(stored.erased_at.is_some() && stored.pending_email.is_none() && stored.pending_phone.is_none());
    let numbers: i64 = app.db(|conn| {
        use ebill::store::schema::verifications;
        verifications::table.filter(verifications::phone.ne("")).count().get_result(conn).unwrap()
    });
    assert_eq!(numbers, 0, "no phone number is kept in the verifications");
    assert_eq!(app.collect("/v1/providers/me/accounts", Some(&provider.token)).await[0]["delivery"], "paper");
    let events = app
        .eventually("the flip back to paper", |_| {
            let events = received.lock().unwrap().clone();
            (events.iter().filter(|e| e["type"] == "account.delivery_changed").count() >= 2).then_some(events)
        })
        .await;
    let last = events.iter().rfind(|e| e["type"] == "account.delivery_changed").unwrap();
    assert_eq!(last["data"]["delivery"], "paper");
    // The email can be registered anew, by anyone.
    app.register_resident("gone@example.org", phone).await;
}

#[tokio::test]
async fn the_export_holds_the_residents_data_and_no_one_elses() {
    let app = TestApp::spawn().await;
    let (_, payer_code) = app.provider_with_account(8, true).await;
    let phone = "+79130000014";
    let (_, token) = app.confirmed_resident("me@example.org", phone).await;
    let address = app.link(&token, &payer_code).await;
    app.switch_to_electronic(&token, &address, phone, 1).await;
    let (_, stranger) = app.confirmed_resident("stranger@example.org", "+79130000015").await;

    let export = app.get("/v1/me/export", Some(&token)).await.expect(200);
    assert_eq!(export.header("cache-control"), Some("no-store"));
    let body = &export.body;
    assert_eq!(body["resident"]["email"], "me@example.org");
    assert_eq!(body["resident"]["phone"], phone);
    assert_eq!(body["addresses"][0]["payer_code"], payer_code.as_str());
    assert_eq!(body["addresses"][0]["channel"], "electronic");
    assert_eq!(body["addresses"][0]["delivery_history"][0]["to"], "electronic");
    assert_eq!(body["verifications"][0]["purpose"], "delivery_change");
    assert!(!body.to_string().contains("code_hash"), "no secrets in the export");

    let theirs = app.get("/v1/me/export", Some(&stranger)).await.expect(200).body;
    assert_eq!(theirs["resident"]["email"], "stranger@example.org");
    assert!(theirs["addresses"].as_array().unwrap().is_empty() && theirs["verifications"].as_array().unwrap().is_empty());
    assert!(!theirs.to_string().contains("me@example.org") && !theirs.to_string().contains(&payer_code));
}
