//! The cabinet's sessions and forms over plain HTTP (the browser tests drive the pages themselves):
//! a login gives a new opaque session, which ends at logout, after 30 idle minutes, after 12 hours,
//! and at a password change; a form without its CSRF token changes nothing; every page sends the
//! security headers.

use chrono::Duration;
use diesel::prelude::*;

use crate::helpers::{Browser, TestApp, cookie, location};

#[tokio::test]
async fn a_login_session_ends_at_logout_when_idle_and_at_a_password_change() {
    let app = TestApp::spawn().await;
    app.confirmed_resident("web@example.org", "+79130000020").await;
    let mut browser = Browser::open(&app).await;
    assert_eq!(location(&browser.get("/addresses").await), "/login", "no session, no cabinet");

    let wrong = browser.log_in("web@example.org", "not-the-password").await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong.text().await.unwrap().contains("Неверный адрес электронной почты или пароль"));
    let ok = browser.log_in("web@example.org", "resident-password-1").await;
    assert_eq!((ok.status().as_u16(), location(&ok)), (303, "/addresses"));
    let set = ok
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("ebill_session="))
        .unwrap();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"), "{set}");
    let first = browser.session.clone().unwrap();
    assert_eq!(browser.get("/addresses").await.status(), 200);
    let stored: i64 = app.db(|conn| {
        use ebill::store::schema::web_sessions;
        web_sessions::table.filter(web_sessions::id.eq(&first)).count().get_result(conn).unwrap()
    });
    assert_eq!(stored, 0, "the database keeps the token's hash, never the token");

    // A second login is a new session.
    browser.log_in("web@example.org", "resident-password-1").await;
    assert_ne!(browser.session.as_deref(), Some(first.as_str()));

    // 31 idle minutes end it.
    app.db(|conn| {
        use ebill::store::schema::web_sessions;
        diesel::update(web_sessions::table)
            .set(web_sessions::last_seen_at.eq(ebill::clock::now() - Duration::minutes(31)))
            .execute(conn)
            .unwrap()
    });
    assert_eq!(location(&browser.get("/addresses").await), "/login");

    // So do 12 hours, however busy.
    browser.log_in("web@example.org", "resident-password-1").await;
    app.db(|conn| {
        use ebill::store::schema::web_sessions;
        diesel::update(web_sessions::table)
            .set(web_sessions::created_at.eq(ebill::clock::now() - Duration::hours(13)))
            .execute(conn)
            .unwrap()
    });
    assert_eq!(location(&browser.get("/addresses").await), "/login");

    // Logout ends it; the cookie replayed opens nothing.
    browser.log_in("web@example.org", "resident-password-1").await;
    let csrf = browser.csrf.clone();
    assert_eq!(location(&browser.post("/logout", &[("csrf_token", &csrf)]).await), "/login");
    assert_eq!(location(&browser.get("/addresses").await), "/login");

    // A password change through the API ends every cabinet session.
    browser.log_in("web@example.org", "resident-password-1").await;
    assert_eq!(browser.get("/addresses").await.status(), 200);
    let token = app.resident_token("web@example.org").await;
    let change = serde_json::json!({"password": "a-brand-new-password", "current_password": "resident-password-1"});
    app.patch("/v1/me", &change, Some(&token)).await.expect(200);
    assert_eq!(location(&browser.get("/addresses").await), "/login");
}

#[tokio::test]
async fn a_form_without_its_csrf_token_changes_nothing() {
    let app = TestApp::spawn().await;
    app.confirmed_resident("csrf@example.org", "+79130000021").await;
    let mut browser = Browser::open(&app).await;
    // Even the login form needs it.
    let reply = browser.post("/login", &[("email", "csrf@example.org"), ("password", "resident-password-1")]).await;
    assert_eq!(reply.status(), 403);
    assert!(cookie(&reply, "ebill_session").is_none());
    browser.log_in("csrf@example.org", "resident-password-1").await;
    for token in ["", "forged-forged-forged-forged-forged-forged"] {
        let reply = browser
            .post("/profile/email", &[("email", "thief@example.org"), ("current_password", "resident-password-1"), ("csrf_token", token)])
            .await;
        assert_eq!(reply.status(), 403);
    }
    let token = app.resident_token("csrf@example.org").await;
    assert!(app.get("/v1/me", Some(&token)).await.expect(200).body["pending_email"].is_null(), "nothing changed");
}

#[tokio::test]
async fn pages_send_the_security_headers_and_never_a_problem() {
    let app = TestApp::spawn().await;
    let browser = Browser::open(&app).await;
    for path in ["/login", "/register", "/password-reset", "/confirm-email?token=nope"] {
        let reply = browser.get(path).await;
        assert!(reply.status().as_u16() < 500, "{path}: {}", reply.status());
        let header = |name: &str| reply.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(header("content-security-policy").contains("frame-ancestors 'none'"), "{path}");
        assert!(!header("content-security-policy").contains("unsafe-inline"), "{path}");
        assert_eq!(header("referrer-policy"), "same-origin");
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert!(header("content-type").starts_with("text/html"), "{path}");
        let html = reply.text().await.unwrap();
        assert!(html.contains("<html lang=\"ru\">"), "{path}");
    }
    let missing = browser.client.get(app.url("/no-such-page")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert!(missing.text().await.unwrap().contains("Страница не найдена"));
    let broken = browser.get("/confirm-email?token=nope").await;
    assert_eq!(broken.status(), 422);
    assert!(broken.text().await.unwrap().contains("Ссылка не работает"));
}

#[tokio::test]
async fn behind_https_the_cookies_are_secure() {
    let app = TestApp::spawn_with(|c| c.public_url = "https://cabinet.example.org/".parse().unwrap()).await;
    app.confirmed_resident("secure@example.org", "+79130000022").await;
    let mut browser = Browser::open(&app).await;
    let page = browser.client.get(app.url("/login")).send().await.unwrap();
    let csrf =
        page.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).find(|c| c.starts_with("ebill_csrf=")).unwrap();
    assert!(csrf.contains("Secure"), "{csrf}");
    let ok = browser.log_in("secure@example.org", "resident-password-1").await;
    let session = ok
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("ebill_session="))
        .unwrap();
    assert!(session.contains("Secure") && session.contains("HttpOnly"), "{session}");
}

#[tokio::test]
async fn a_document_not_of_the_resident_is_a_404_page() {
    let app = TestApp::spawn().await;
    app.confirmed_resident("docs@example.org", "+79130000023").await;
    let mut browser = Browser::open(&app).await;
    browser.log_in("docs@example.org", "resident-password-1").await;
    for path in [
        "/documents/doc_01a2300000000000000000000000000",
        "/documents/doc_01a2300000000000000000000000000/qr/0.png",
        "/documents/doc_01a2300000000000000000000000000.pdf",
    ] {
        let reply = browser.get(path).await;
        assert_eq!(reply.status(), 404, "{path}");
        assert!(reply.text().await.unwrap().contains("Не найдено"), "{path}");
    }
}
