//! Who may call what, over every operation of the spec: the public ones are exactly those listed here
//! on purpose; every other one refuses no token and a bad token (401), and the roles it is not for
//! (403); and a resident's ids answer 404 to another resident, as if they did not exist.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, charge};
use ebill::domain::ids::RunId;

/// The operations anyone may call, on purpose. A new public operation fails this test until it is
/// added here.
const PUBLIC: &[&str] = &[
    "GET /.well-known/jwks.json",
    "GET /.well-known/oauth-authorization-server",
    "GET /healthz",
    "GET /metrics",
    "GET /readyz",
    "GET /v1/document-checks/{verification_code}",
    "GET /v1/oauth/authorize",
    "GET /v1/providers",
    "GET /v1/providers/{id}",
    "POST /v1/hooks/mail-bounces",
    "POST /v1/oauth/revoke",
    "POST /v1/oauth/token",
    "POST /v1/payee-checks",
    "POST /v1/providers",
    "POST /v1/residents",
    "POST /v1/residents/email-confirmations",
    "POST /v1/residents/password-resets",
    "POST /v1/residents/password-resets/confirm",
];

/// Every operation of the spec: ("METHOD /path", whether anyone may call it).
async fn operations(app: &TestApp) -> Vec<(Method, String, bool)> {
    let spec = app.get("/openapi.json", None).await.expect(200).body;
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else { continue };
            let security = op["security"].as_array().cloned().unwrap_or_default();
            let anonymous = security.is_empty() || security.iter().any(|s| s.as_object().is_some_and(|o| o.is_empty()));
            out.push((method, path.clone(), anonymous));
        }
    }
    out
}

#[tokio::test]
async fn the_public_operations_are_those_listed() {
    let app = TestApp::spawn().await;
    let public: BTreeSet<String> = operations(&app).await.into_iter().filter(|(_, _, a)| *a).map(|(m, p, _)| format!("{m} {p}")).collect();
    let listed: BTreeSet<String> = PUBLIC.iter().map(|s| s.to_string()).collect();
    assert_eq!(public, listed, "an operation became public (or stopped being): decide, then change PUBLIC");
}

#[tokio::test]
async fn every_other_operation_is_for_one_role_only() {
    let app = TestApp::spawn().await;
    let provider = app.active_provider(1).await;
    let (_, resident) = app.confirmed_resident("r@example.org", "+79130001122").await;
    let operator = app.operator_token().await;
    let roles = [("provider", provider.token.as_str()), ("resident", resident.as_str()), ("operator", operator.as_str())];
    let mut checked = 0;
    for (method, path, anonymous) in operations(&app).await {
        if anonymous {
            continue;
        }
        let concrete = path.replace('{', "x").replace('}', "");
        let call = |token: Option<&str>| app.send(app.request(method.clone(), &concrete, token).json(&json!({})));
        call(None).await.expect_problem(401, "unauthorized");
        call(Some("not.a.jwt")).await.expect_problem(401, "unauthorized");
        let mut allowed = Vec::new();
        for (role, token) in roles {
            let reply = call(Some(token)).await;
            match reply.status.as_u16() {
                403 => assert_eq!(reply.body["code"], "forbidden", "{method} {path} as {role}"),
                401 => panic!("{method} {path} refused a valid {role} token: {}", reply.text),
                _ => allowed.push(role),
            }
        }
        assert_eq!(allowed.len(), 1, "{method} {path} is open to {allowed:?}");
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} protected operations found");
}

/// The resident operations with an id in the path, and which of a resident's ids goes there.
const RESIDENT_IDS: &[(&str, &str)] = &[
    ("/v1/me/addresses/{id}", "address"),
    ("/v1/me/addresses/{id}/delivery", "address"),
    ("/v1/me/addresses/{id}/delivery/history", "address"),
    ("/v1/me/authorizations/{client_id}", "authorization"),
    ("/v1/me/documents/{id}", "document"),
    ("/v1/verifications/{id}/confirm", "verification"),
    ("/v1/verifications/{id}/resend", "verification"),
];

#[tokio::test]
async fn a_residents_ids_do_not_exist_for_another_resident() {
    let app = TestApp::spawn().await;
    let (provider, payer_code) = app.provider_with_account(1, true).await;
    let (_, anna) = app.confirmed_resident("anna@example.org", "+79130001122").await;
    let (_, boris) = app.confirmed_resident("boris@example.org", "+79130003344").await;
    let address = app.link(&anna, &payer_code).await;
    app.post("/v1/providers/me/charges", &json!({"period": "2021-08", "items": [charge("LS-1", "HW", 10_000)]}), Some(&provider.token))
        .await
        .expect(200);
    let operator = app.operator_token().await;
    let run = app.post("/v1/billing-runs", &json!({"period": "2021-08"}), Some(&operator)).await.expect(202);
    let run = run.body["id"].as_str().unwrap().to_owned();
    app.eventually("the run", |app| {
        app.db(|conn| ebill::store::runs::find(conn, &RunId::from(run.as_str())).unwrap())
            .filter(|r| r.status == ebill::domain::vocabulary::RunStatus::Finished)
    })
    .await;
    let document = app.collect("/v1/me/documents", Some(&anna)).await[0]["id"].as_str().unwrap().to_owned();
    let asked = app.put(&format!("/v1/me/addresses/{address}/delivery"), &json!({"channel": "paper"}), Some(&anna)).await.expect(202);
    let verification = asked.body["verification"]["id"].as_str().unwrap().to_owned();
    // Anna let an app act for her.
    let client_id = app
        .post("/v1/apps", &json!({"name": "Мой дом", "type": "public", "redirect_uris": ["ru.example.home:/cb"]}), Some(&operator))
        .await
        .expect(201)
        .body["client_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let anna_id = crate::helpers::subject_of(&anna);
    app.db(|conn| {
        let now = chrono::Utc::now().naive_utc();
        let row = ebill::store::grants::AuthorizationRow {
            resident_id: anna_id.clone(),
            client_id: client_id.clone(),
            scope: "profile:read".into(),
            granted_at: now,
            last_used_at: None,
        };
        ebill::store::grants::grant(conn, &row).unwrap();
    });
    let id_of = |kind: &str| match kind {
        "address" => address.clone(),
        "document" => document.clone(),
        "authorization" => client_id.clone(),
        _ => verification.clone(),
    };

    // Every resident operation with an id in its path is in the table above.
    let mut checked = 0;
    for (method, path, _) in operations(&app).await {
        if !path.contains('{') || !(path.starts_with("/v1/me/") || path.starts_with("/v1/verifications/")) {
            continue;
        }
        let kind = RESIDENT_IDS.iter().find(|(p, _)| *p == path).map(|(_, k)| *k);
        let kind = kind.unwrap_or_else(|| panic!("{path} takes a resident's id: add it to RESIDENT_IDS"));
        let target = path.replace("{id}", &id_of(kind)).replace("{client_id}", &id_of(kind));
        let body: Value = match path.as_str() {
            "/v1/me/addresses/{id}/delivery" => json!({"channel": "electronic"}),
            "/v1/verifications/{id}/confirm" => json!({"code": "123456"}),
            _ => json!({}),
        };
        app.send(app.request(method.clone(), &target, Some(&boris)).json(&body)).await.expect_problem(404, "not_found");
        checked += 1;
    }
    assert_eq!(checked, 8);
    app.get(&format!("/v1/me/documents?address_id={address}"), Some(&boris)).await.expect_problem(404, "not_found");

    // Nothing of Anna's changed, and she still reaches all of it.
    let mine = app.get(&format!("/v1/me/addresses/{address}"), Some(&anna)).await.expect(200);
    assert_eq!(mine.body["delivery"]["pending_verification"]["id"], verification.as_str());
    assert_eq!(mine.body["delivery"]["pending_verification"]["attempts_left"], 5);
    app.get(&format!("/v1/me/documents/{document}"), Some(&anna)).await.expect(200);
    assert_eq!(app.get("/v1/me/authorizations", Some(&anna)).await.expect(200).body["data"][0]["client_id"], client_id.as_str());
    app.settled().await;
    assert_eq!(app.sms().len(), 1, "Boris's resend sent nothing");
}
