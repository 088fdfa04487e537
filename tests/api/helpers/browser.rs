//! A browser without JavaScript for the cabinet's pages over plain HTTP: keeps the two cookies by hand
//! and never follows redirects (the browser suite drives the pages in a real browser).

use reqwest::redirect::Policy;

use crate::helpers::TestApp;

pub struct Browser {
    pub client: reqwest::Client,
    base: String,
    pub csrf: String,
    pub session: Option<String>,
}

/// The value of the cookie `name` that `response` sets, if it sets one.
pub fn cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find_map(|c| {
        let (pair, _) = c.split_once(';').unwrap_or((c, ""));
        pair.strip_prefix(&format!("{name}=")).map(str::to_owned)
    })
}

/// Where a redirect points.
pub fn location(reply: &reqwest::Response) -> &str {
    reply.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default()
}

impl Browser {
    pub async fn open(app: &TestApp) -> Self {
        let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
        let login = client.get(app.url("/login")).send().await.unwrap();
        assert_eq!(login.status(), 200);
        let csrf = cookie(&login, "ebill_csrf").expect("a CSRF cookie");
        Self { client, base: app.url(""), csrf, session: None }
    }

    fn cookies(&self) -> String {
        let mut header = format!("ebill_csrf={}", self.csrf);
        if let Some(s) = &self.session {
            header.push_str(&format!("; ebill_session={s}"));
        }
        header
    }

    /// `path` may be a path or a whole URL of the app.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        let url = if path.starts_with("http") { path.to_owned() } else { format!("{}{path}", self.base) };
        self.client.get(url).header("cookie", self.cookies()).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client.post(format!("{}{path}", self.base)).header("cookie", self.cookies()).form(form).send().await.unwrap()
    }

    pub async fn log_in(&mut self, email: &str, password: &str) -> reqwest::Response {
        self.log_in_to(email, password, "").await
    }

    /// Logs in from the login page of an authorization request (`next`).
    pub async fn log_in_to(&mut self, email: &str, password: &str, next: &str) -> reqwest::Response {
        let csrf = self.csrf.clone();
        let reply = self.post("/login", &[("email", email), ("password", password), ("next", next), ("csrf_token", &csrf)]).await;
        if let Some(session) = cookie(&reply, "ebill_session") {
            self.session = Some(session);
        }
        reply
    }
}
