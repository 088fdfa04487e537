//! Apps acting for residents (OAuth 2.1 authorization code with PKCE): the login and consent pages, the
//! code exchange, scopes on every resident operation, refresh bound to the app, the resident taking
//! access back, suspension, the refusals one by one (each issuing nothing), and discovery.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{Browser, TestApp, location};

const PASSWORD: &str = "resident-password-1";
const REDIRECT: &str = "http://127.0.0.1/cb";
/// The loopback redirect as a native app presents it: with the port it listens on.
const PRESENTED: &str = "http://127.0.0.1:51234/cb";

/// A PKCE pair: a fresh verifier and its S256 challenge.
fn pkce() -> (String, String) {
    let verifier = format!("v{}", ebill::crypto::random_token(40));
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

/// Registers an app; returns its client_id (and secret, when confidential).
async fn register_app(app: &TestApp, body: Value) -> (String, Option<String>) {
    let operator = app.operator_token().await;
    let reply = app.post("/v1/apps", &body, Some(&operator)).await.expect(201);
    (reply.body["client_id"].as_str().unwrap().to_owned(), reply.body["client_secret"].as_str().map(str::to_owned))
}

async fn native_app(app: &TestApp) -> String {
    register_app(app, json!({"name": "Мой дом", "type": "public", "redirect_uris": [REDIRECT]})).await.0
}

fn authorize_url(client_id: &str, redirect: &str, scope: &str, challenge: &str) -> String {
    let query = serde_urlencoded::to_string([
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect),
        ("scope", scope),
        ("state", "st-42"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ])
    .unwrap();
    format!("/v1/oauth/authorize?{query}")
}

/// The query of a redirect to the app, as pairs.
fn answer(location: &str) -> std::collections::HashMap<String, String> {
    let query = location.split_once('?').map(|(_, q)| q).unwrap_or_default();
    serde_urlencoded::from_str(query).unwrap()
}

/// Signs in through the authorization request's login page, allows on the consent page, and returns
/// the code the redirect to the app carries.
async fn consent(app: &TestApp, browser: &mut Browser, email: &str, url: &str) -> String {
    let to_login = browser.get(url).await;
    assert_eq!(to_login.status(), 303, "not signed in: to the login page first");
    let login_url = location(&to_login).to_owned();
    assert!(login_url.starts_with("/login?next="), "{login_url}");
    let next: String = answer(&login_url).remove("next").unwrap();
    let page = browser.get(&login_url).await.text().await.unwrap();
    assert!(page.contains("name=\"next\""), "the login page carries the request on");
    let signed_in = browser.log_in_to(email, PASSWORD, &next).await;
    assert_eq!((signed_in.status().as_u16(), location(&signed_in)), (303, next.as_str()));
    decide(app, browser, url, "allow").await.remove("code").expect("a code")
}

/// Undoes the HTML escaping of an attribute value.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find(';') else { break };
        let entity = &rest[at + 1..at + end];
        let decoded = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        out.push(decoded.unwrap_or('?'));
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Opens the consent page (signed in) and presses a button; the redirect's query.
async fn decide(app: &TestApp, browser: &Browser, url: &str, decision: &str) -> std::collections::HashMap<String, String> {
    let page = browser.get(url).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let consent_form = html.split("action=\"/oauth/authorize\"").nth(1).expect("the consent form");
    let form: Vec<(String, String)> = consent_form
        .split("<input type=\"hidden\" ")
        .skip(1)
        .filter_map(|tag| {
            let name = tag.split("name=\"").nth(1)?.split('"').next()?;
            let value = tag.split("value=\"").nth(1)?.split('"').next()?;
            Some((name.to_owned(), unescape(value)))
        })
        .collect();
    let mut fields: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    fields.push(("decision", decision));
    let reply = browser.post("/oauth/authorize", &fields).await;
    if reply.status() != 303 {
        panic!("the decision was not redirected: {} {fields:?} {}", reply.status(), reply.text().await.unwrap());
    }
    let to = location(&reply).to_owned();
    assert!(to.starts_with(&format!("{PRESENTED}?")), "back to the app: {to}");
    let query = answer(&to);
    assert_eq!(query.get("state").map(String::as_str), Some("st-42"));
    let issuer = app.get("/.well-known/oauth-authorization-server", None).await.expect(200).body["issuer"].clone();
    assert_eq!(query.get("iss").map(|i| json!(i)), Some(issuer), "RFC 9207");
    query
}

async fn exchange(app: &TestApp, client_id: &str, code: &str, verifier: &str) -> crate::helpers::Reply {
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", PRESENTED),
        ("client_id", client_id),
        ("code_verifier", verifier),
    ];
    app.send(app.client.post(app.url("/v1/oauth/token")).form(&form)).await
}

fn refresh_tokens(app: &TestApp) -> i64 {
    app.db(|conn| {
        use diesel::prelude::*;
        ebill::store::schema::refresh_tokens::table.count().get_result(conn).unwrap()
    })
}

/// A resident, an app, and the app's tokens for `scope`: (the resident's first-party token, client_id,
/// the token endpoint's answer).
async fn authorized(app: &TestApp, email: &str, phone: &str, scope: &str) -> (String, String, Value) {
    let (_, resident) = app.confirmed_resident(email, phone).await;
    let client_id = native_app(app).await;
    let (verifier, challenge) = pkce();
    let mut browser = Browser::open(app).await;
    let code = consent(app, &mut browser, email, &authorize_url(&client_id, PRESENTED, scope, &challenge)).await;
    let tokens = exchange(app, &client_id, &code, &verifier).await.expect(200).body;
    (resident, client_id, tokens)
}

#[tokio::test]
async fn an_app_gets_tokens_through_login_consent_and_pkce() {
    let app = TestApp::spawn().await;
    let (_, resident) = app.confirmed_resident("app@example.org", "+79130000101").await;
    let client_id = native_app(&app).await;
    let (verifier, challenge) = pkce();
    let url = authorize_url(&client_id, PRESENTED, "documents:read profile:read", &challenge);
    let mut browser = Browser::open(&app).await;

    let to_login = browser.get(&url).await;
    assert_eq!(to_login.headers().get("x-frame-options").unwrap(), "DENY", "the endpoint's pages cannot be framed");
    let code = consent(&app, &mut browser, "app@example.org", &url).await;
    let page = browser.get(&url).await;
    let csp = page.headers().get("content-security-policy").unwrap().to_str().unwrap().to_owned();
    assert!(csp.contains("form-action 'self' http://127.0.0.1:51234"), "{csp}");
    let html = page.text().await.unwrap();
    for text in ["Мой дом", "app@example.org", "видеть ваши квитанции и ЕПД", "видеть ваше имя, электронную почту и телефон"]
    {
        assert!(html.contains(text), "the consent page names {text}");
    }
    assert!(!html.contains("привязывать"), "only the scopes asked for");

    let before = refresh_tokens(&app);
    let tokens = exchange(&app, &client_id, &code, &verifier).await.expect(200);
    assert_eq!(tokens.header("cache-control"), Some("no-store"));
    assert_eq!(refresh_tokens(&app), before + 1);
    let body = tokens.body;
    assert_eq!(body["scope"], "profile:read documents:read");
    let access = body["access_token"].as_str().unwrap().to_owned();

    // An EdDSA JWT whose kid is in the published key set, naming the app and its scopes.
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(access.split('.').next().unwrap()).unwrap()).unwrap();
    assert_eq!(header["alg"], "EdDSA");
    let jwks = app.get("/.well-known/jwks.json", None).await.expect(200).body;
    assert!(jwks["keys"].as_array().unwrap().iter().any(|k| k["kid"] == header["kid"]));
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(access.split('.').nth(1).unwrap()).unwrap()).unwrap();
    assert_eq!((&claims["client_id"], &claims["scope"]), (&json!(client_id), &json!("profile:read documents:read")));
    let metadata = app.get("/.well-known/oauth-authorization-server", None).await.expect(200).body;
    assert_eq!(claims["iss"], metadata["issuer"], "the tokens' issuer is the metadata's");

    assert_eq!(app.get("/v1/me", Some(&access)).await.expect(200).body["email"], "app@example.org");
    app.get("/v1/me/documents", Some(&access)).await.expect(200);
    let refused = app.get("/v1/me/addresses", Some(&access)).await.expect_problem(403, "insufficient_scope");
    assert_eq!(refused.header("www-authenticate"), Some("Bearer error=\"insufficient_scope\", scope=\"addresses:read\""));
    app.get("/v1/me/authorizations", Some(&access)).await.expect_problem(403, "insufficient_scope");
    app.patch("/v1/me", &json!({"name": "Борис"}), Some(&access)).await.expect_problem(403, "insufficient_scope");

    // The resident sees the app, its scopes, since when and when it last got a token.
    let listed = app.get("/v1/me/authorizations", Some(&resident)).await.expect(200).body;
    let grant = &listed["data"][0];
    assert_eq!((&grant["client_id"], &grant["app_name"]), (&json!(client_id), &json!("Мой дом")));
    assert_eq!(grant["scopes"], json!(["profile:read", "documents:read"]));
    assert!(grant["granted_at"].is_string() && grant["last_used_at"].is_string());

    // Refresh rotates, only for the app that holds the token.
    let refresh = body["refresh_token"].as_str().unwrap();
    let without_client = [("grant_type", "refresh_token"), ("refresh_token", refresh)];
    app.send(app.client.post(app.url("/v1/oauth/token")).form(&without_client)).await.expect_problem(400, "invalid_grant");
    let with_client = [("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", client_id.as_str())];
    let rotated = app.send(app.client.post(app.url("/v1/oauth/token")).form(&with_client)).await.expect(200).body;
    assert_eq!(rotated["scope"], "profile:read documents:read");
    let fresh = rotated["access_token"].as_str().unwrap().to_owned();
    app.get("/v1/me/documents", Some(&fresh)).await.expect(200);

    // The code a second time: refused, and the login it gave ends.
    exchange(&app, &client_id, &code, &verifier).await.expect_problem(400, "invalid_grant");
    app.get("/v1/me", Some(&fresh)).await.expect_problem(401, "unauthorized");
    let next = rotated["refresh_token"].as_str().unwrap();
    let again = [("grant_type", "refresh_token"), ("refresh_token", next), ("client_id", client_id.as_str())];
    app.send(app.client.post(app.url("/v1/oauth/token")).form(&again)).await.expect_problem(400, "invalid_grant");
    let events = app.collect(&format!("/v1/audit-events?object={client_id}"), Some(&app.operator_token().await)).await;
    assert!(events.iter().any(|e| e["kind"] == "app.authorized"));
}

#[tokio::test]
async fn a_refused_authorization_request_issues_nothing_and_never_redirects_blindly() {
    let app = TestApp::spawn().await;
    app.confirmed_resident("no@example.org", "+79130000102").await;
    let client_id = native_app(&app).await;
    let (narrow, _) =
        register_app(&app, json!({"name": "Квитанции", "type": "public", "redirect_uris": [REDIRECT], "scopes": ["documents:read"]})).await;
    let (_, challenge) = pkce();
    let mut browser = Browser::open(&app).await;
    browser.log_in("no@example.org", PASSWORD).await;
    let codes = || {
        app.db(|conn| {
            use diesel::prelude::*;
            ebill::store::schema::authorization_codes::table.count().get_result::<i64>(conn).unwrap()
        })
    };

    // What cannot be sent back to a verified redirect URI is a page.
    let pages = [
        authorize_url("app_unknown", PRESENTED, "profile:read", &challenge),
        authorize_url(&client_id, "https://evil.example.org/cb", "profile:read", &challenge),
        authorize_url(&client_id, "http://127.0.0.1:51234/other", "profile:read", &challenge),
        format!("/v1/oauth/authorize?response_type=code&client_id={client_id}"),
    ];
    for url in &pages {
        let reply = browser.get(url).await;
        assert_eq!(reply.status(), 400, "{url}");
        assert!(reply.headers().get("location").is_none(), "never redirected: {url}");
        assert!(reply.text().await.unwrap().contains("Приложение не удалось подключить"));
    }

    // The rest goes back to the app with the RFC error and the state.
    let with = |pairs: &[(&str, &str)]| {
        let mut all = vec![("client_id", client_id.as_str()), ("redirect_uri", PRESENTED), ("state", "st-42")];
        all.extend_from_slice(pairs);
        format!("/v1/oauth/authorize?{}", serde_urlencoded::to_string(&all).unwrap())
    };
    let c = challenge.as_str();
    let cases = [
        (with(&[("response_type", "code"), ("scope", "profile:read")]), "invalid_request"),
        (
            with(&[("response_type", "code"), ("scope", "profile:read"), ("code_challenge", c), ("code_challenge_method", "plain")]),
            "invalid_request",
        ),
        (
            with(&[("response_type", "code"), ("scope", "profile:read admin"), ("code_challenge", c), ("code_challenge_method", "S256")]),
            "invalid_scope",
        ),
        (with(&[("response_type", "code"), ("code_challenge", c), ("code_challenge_method", "S256")]), "invalid_scope"),
        (
            with(&[("response_type", "token"), ("scope", "profile:read"), ("code_challenge", c), ("code_challenge_method", "S256")]),
            "unsupported_response_type",
        ),
    ];
    for (url, error) in &cases {
        let reply = browser.get(url).await;
        assert_eq!(reply.status(), 302, "{url}");
        let query = answer(location(&reply));
        assert!(location(&reply).starts_with(PRESENTED));
        assert_eq!((query["error"].as_str(), query["state"].as_str()), (*error, "st-42"), "{url}");
    }
    let too_wide = authorize_url(&narrow, PRESENTED, "documents:read profile:read", &challenge);
    assert_eq!(answer(location(&browser.get(&too_wide).await))["error"], "invalid_scope", "a scope the app may not ask for");

    // «Отказать».
    let url = authorize_url(&client_id, PRESENTED, "profile:read", &challenge);
    assert_eq!(decide(&app, &browser, &url, "deny").await["error"], "access_denied");
    assert_eq!(codes(), 0, "no code was issued");
    let listed = app.get("/v1/me/authorizations", Some(&app.resident_token("no@example.org").await)).await.expect(200).body;
    assert_eq!(listed["data"], json!([]));

    // A suspended app gets a page.
    let operator = app.operator_token().await;
    app.post(&format!("/v1/apps/{client_id}/suspend"), &json!({}), Some(&operator)).await.expect(200);
    assert_eq!(browser.get(&url).await.status(), 400);
}

#[tokio::test]
async fn the_token_endpoint_refuses_each_bad_exchange_and_issues_nothing() {
    let app = TestApp::spawn().await;
    app.confirmed_resident("tok@example.org", "+79130000103").await;
    let client_id = native_app(&app).await;
    let (other, _) = register_app(&app, json!({"name": "Другое", "type": "public", "redirect_uris": [REDIRECT]})).await;
    let (web, secret) =
        register_app(&app, json!({"name": "УК", "type": "confidential", "redirect_uris": ["https://uk.example.org/cb"]})).await;
    let (verifier, challenge) = pkce();
    let mut browser = Browser::open(&app).await;
    let code = consent(&app, &mut browser, "tok@example.org", &authorize_url(&client_id, PRESENTED, "profile:read", &challenge)).await;
    let before = refresh_tokens(&app);
    let token = |pairs: Vec<(&'static str, String)>| {
        let request = app.client.post(app.url("/v1/oauth/token")).form(&pairs);
        app.send(request)
    };
    let base = |code: &str, redirect: &str, client: &str, verifier: &str| {
        vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", code.to_owned()),
            ("redirect_uri", redirect.to_owned()),
            ("client_id", client.to_owned()),
            ("code_verifier", verifier.to_owned()),
        ]
    };
    let wrong_verifier = pkce().0;
    token(base(&code, PRESENTED, &client_id, &wrong_verifier)).await.expect_problem(400, "invalid_grant");
    token(base(&code, "http://127.0.0.1:9/cb", &client_id, &verifier)).await.expect_problem(400, "invalid_grant");
    token(base(&code, PRESENTED, &other, &verifier)).await.expect_problem(400, "invalid_grant");
    token(base("ac_forged", PRESENTED, &client_id, &verifier)).await.expect_problem(400, "invalid_grant");
    token(base(&code, PRESENTED, "app_unknown", &verifier)).await.expect_problem(401, "invalid_client");
    let mut no_verifier = base(&code, PRESENTED, &client_id, &verifier);
    no_verifier.pop();
    token(no_verifier).await.expect_problem(400, "invalid_request");
    token(base(&code, PRESENTED, &web, &verifier)).await.expect_problem(401, "invalid_client");
    let mut wrong_secret = base(&code, PRESENTED, &web, &verifier);
    wrong_secret.push(("client_secret", "sk_app_wrong".into()));
    token(wrong_secret).await.expect_problem(401, "invalid_client");
    let mut right_secret = base(&code, PRESENTED, &web, &verifier);
    right_secret.push(("client_secret", secret.unwrap()));
    token(right_secret).await.expect_problem(400, "invalid_grant");

    // An app may never use the password grant.
    let password = vec![
        ("grant_type", "password".to_owned()),
        ("username", "tok@example.org".to_owned()),
        ("password", PASSWORD.to_owned()),
        ("client_id", client_id.clone()),
    ];
    token(password).await.expect_problem(400, "unauthorized_client");
    assert_eq!(refresh_tokens(&app), before, "nothing was issued");

    // An expired code.
    app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::authorization_codes::dsl::*;
        let past = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1);
        diesel::update(authorization_codes).set(expires_at.eq(past)).execute(conn).unwrap();
    });
    token(base(&code, PRESENTED, &client_id, &verifier)).await.expect_problem(400, "invalid_grant");
    assert_eq!(refresh_tokens(&app), before);
}

/// Every resident operation of the spec that names an `oauth2` scope refuses an app's token without it,
/// and every one that names none refuses every app's token; first-party tokens pass the check.
#[tokio::test]
async fn scopes_are_enforced_on_every_resident_operation() {
    let app = TestApp::spawn().await;
    let (resident, _, tokens) = authorized(&app, "scope@example.org", "+79130000104", "documents:read").await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let spec = app.get("/openapi.json", None).await.expect(200).body;
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let security = op["security"].as_array().cloned().unwrap_or_default();
            let needs = security.iter().find_map(|s| s.get("oauth2")).and_then(|s| s[0].as_str()).map(str::to_owned);
            let resident_op = needs.is_some() || path.starts_with("/v1/me") || path.starts_with("/v1/verifications");
            if !resident_op || security.is_empty() {
                continue;
            }
            let url = path.replace(['{', '}'], "");
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let request = |token: &str| app.request(method.clone(), &url, Some(token)).json(&json!({}));
            let reply = app.send(request(&access)).await;
            if needs.as_deref() == Some("documents:read") {
                assert_ne!(reply.status.as_u16(), 403, "{method} {path} with its scope");
            } else {
                assert_eq!((reply.status.as_u16(), reply.body["code"].as_str()), (403, Some("insufficient_scope")), "{method} {path}");
                if let Some(scope) = &needs {
                    assert_eq!(
                        reply.header("www-authenticate"),
                        Some(format!("Bearer error=\"insufficient_scope\", scope=\"{scope}\"").as_str())
                    );
                }
            }
            if method != reqwest::Method::DELETE {
                assert_ne!(app.send(request(&resident)).await.status.as_u16(), 403, "{method} {path} first-party");
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "every resident operation was tried ({checked})");
}

#[tokio::test]
async fn a_resident_takes_access_back_and_a_suspension_ends_every_token() {
    let app = TestApp::spawn().await;
    let (resident, client_id, tokens) = authorized(&app, "back@example.org", "+79130000105", "profile:read").await;
    let access = tokens["access_token"].as_str().unwrap();
    app.get("/v1/me", Some(access)).await.expect(200);

    app.delete(&format!("/v1/me/authorizations/{client_id}"), Some(&resident)).await.expect(204);
    app.get("/v1/me", Some(access)).await.expect_problem(401, "unauthorized");
    let refresh =
        [("grant_type", "refresh_token"), ("refresh_token", tokens["refresh_token"].as_str().unwrap()), ("client_id", &client_id)];
    app.send(app.client.post(app.url("/v1/oauth/token")).form(&refresh)).await.expect_problem(400, "invalid_grant");
    assert_eq!(app.get("/v1/me/authorizations", Some(&resident)).await.expect(200).body["data"], json!([]));
    app.delete(&format!("/v1/me/authorizations/{client_id}"), Some(&resident)).await.expect_problem(404, "not_found");
    app.get("/v1/me", Some(&resident)).await.expect(200);

    // Consent again; then the operator suspends the app: its tokens stop at once.
    let (verifier, challenge) = pkce();
    let mut browser = Browser::open(&app).await;
    let code = consent(&app, &mut browser, "back@example.org", &authorize_url(&client_id, PRESENTED, "profile:read", &challenge)).await;
    let tokens = exchange(&app, &client_id, &code, &verifier).await.expect(200).body;
    let access = tokens["access_token"].as_str().unwrap();
    app.get("/v1/me", Some(access)).await.expect(200);
    let operator = app.operator_token().await;
    app.post(&format!("/v1/apps/{client_id}/suspend"), &json!({}), Some(&operator)).await.expect(200);
    app.get("/v1/me", Some(access)).await.expect_problem(401, "unauthorized");
    let refresh =
        [("grant_type", "refresh_token"), ("refresh_token", tokens["refresh_token"].as_str().unwrap()), ("client_id", &client_id)];
    let refused = app.send(app.client.post(app.url("/v1/oauth/token")).form(&refresh)).await;
    assert_eq!(refused.status.as_u16(), 400);
}

#[tokio::test]
async fn an_app_sees_only_its_resident_and_revokes_its_own_tokens() {
    let app = TestApp::spawn().await;
    let (_, payer_code) = app.provider_with_account(71, true).await;
    let (other_resident, _) = app.confirmed_resident("other@example.org", "+79130000107").await;
    let other = app.resident_token("other@example.org").await;
    let other_address = app.link(&other, &payer_code).await;
    let (_, client_id, tokens) = authorized(&app, "mine@example.org", "+79130000106", "addresses:read").await;
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(app.get("/v1/me/addresses", Some(access)).await.expect(200).body["data"], json!([]), "not the other resident's");
    app.get(&format!("/v1/me/addresses/{other_address}"), Some(access)).await.expect_problem(404, "not_found");
    assert!(!other_resident.is_empty());

    // RFC 7009 for apps: with its client_id; without it an app's token is not revoked.
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let anonymous = [("token", refresh)];
    app.send(app.client.post(app.url("/v1/oauth/revoke")).form(&anonymous)).await.expect_problem(401, "invalid_client");
    app.get("/v1/me/addresses", Some(access)).await.expect(200);
    let own = [("token", access), ("client_id", client_id.as_str())];
    app.send(app.client.post(app.url("/v1/oauth/revoke")).form(&own)).await.expect(200);
    app.get("/v1/me/addresses", Some(access)).await.expect_problem(401, "unauthorized");
}

#[tokio::test]
async fn a_delivery_change_asked_by_an_app_names_the_app() {
    let app = TestApp::spawn().await;
    let (_, payer_code) = app.provider_with_account(72, true).await;
    let (resident, client_id, tokens) = authorized(&app, "dlv@example.org", "+79130000108", "addresses:read delivery:write").await;
    let address = app.link(&resident, &payer_code).await;
    let access = tokens["access_token"].as_str().unwrap();
    let body = json!({"channel": "electronic", "sms_notifications": false});
    let asked = app
        .send(
            app.request(reqwest::Method::PUT, &format!("/v1/me/addresses/{address}/delivery"), Some(access))
                .header("user-agent", "Forged/1.0")
                .json(&body),
        )
        .await
        .expect(202);
    let verification = asked.body["verification"]["id"].as_str().unwrap();
    let code = app.code_sent_to("+79130000108", 1).await;
    app.post(&format!("/v1/verifications/{verification}/confirm"), &json!({"code": code}), Some(access)).await.expect(200);
    let history = app.get(&format!("/v1/me/addresses/{address}/delivery/history"), Some(access)).await.expect(200).body;
    let change = &history["data"][0];
    assert_eq!((&change["client_id"], &change["client"]), (&json!(client_id), &json!("Мой дом")), "the app, not its User-Agent");
}

#[tokio::test]
async fn discovery_lists_what_apps_may_use_and_the_password_grant_can_be_off() {
    let app = TestApp::spawn_with(|c| c.password_grant = false).await;
    let meta = app.get("/.well-known/oauth-authorization-server", None).await.expect(200).body;
    let issuer = meta["issuer"].as_str().unwrap().to_owned();
    assert!(issuer.starts_with("http") && !issuer.ends_with('/'), "{issuer}");
    assert_eq!(meta["authorization_endpoint"], format!("{issuer}/v1/oauth/authorize"));
    assert_eq!(meta["token_endpoint"], format!("{issuer}/v1/oauth/token"));
    assert_eq!(meta["revocation_endpoint"], format!("{issuer}/v1/oauth/revoke"));
    assert_eq!(meta["jwks_uri"], format!("{issuer}/.well-known/jwks.json"));
    assert_eq!(meta["code_challenge_methods_supported"], json!(["S256"]));
    assert_eq!(meta["scopes_supported"], json!(["profile:read", "addresses:read", "addresses:write", "delivery:write", "documents:read"]));
    assert_eq!(meta["grant_types_supported"], json!(["authorization_code", "refresh_token", "client_credentials"]));
    app.register_resident("pwd@example.org", "+79130000109").await;
    let body = json!({"grant_type": "password", "username": "pwd@example.org", "password": PASSWORD});
    app.post("/v1/oauth/token", &body, None).await.expect_problem(400, "unsupported_grant_type");
    let spec = app.get("/openapi.json", None).await.expect(200).body;
    let flow = &spec["components"]["securitySchemes"]["oauth2"]["flows"]["authorizationCode"];
    assert_eq!(flow["authorizationUrl"], "/v1/oauth/authorize");
    assert_eq!(flow["scopes"].as_object().unwrap().len(), 5);
    // Where the docs page's «Authorize» comes back to (the demo app's redirect URI).
    app.get("/docs/oauth2-redirect.html", None).await.expect(200);
}
