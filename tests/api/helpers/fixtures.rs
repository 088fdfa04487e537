//! The data the stories start from: providers (valid requisites from a seed), accounts and charges,
//! operators, residents with confirmed emails and linked addresses, and the tokens of each.

use diesel::prelude::*;
use serde_json::{Value, json};

use super::app::{Reply, TestApp};

#[derive(Debug, Clone)]
pub struct Registered {
    pub id: String,
    pub client_id: String,
    pub client_secret: String,
}

#[derive(Debug, Clone)]
pub struct ActiveProvider {
    pub id: String,
    pub registered: Registered,
    pub token: String,
}

/// The consent text version a registration names.
pub const CONSENT: &str = ebill::domain::consent::CONSENT_VERSION;

/// A valid 10-digit INN derived from `seed`.
pub fn inn10(seed: u64) -> String {
    let body = format!("19{:07}", seed % 10_000_000);
    let weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let sum: u32 = body.chars().zip(weights).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
    format!("{body}{}", sum % 11 % 10)
}

/// A valid 13-digit OGRN derived from `seed`.
pub fn ogrn13(seed: u64) -> String {
    let body = format!("10219{:07}", seed % 10_000_000);
    let n: u64 = body.parse().unwrap();
    format!("{body}{}", n % 11 % 10)
}

/// A complete, valid registration body.
pub fn provider_body(seed: u64) -> Value {
    json!({
        "name": format!("Provider {seed}"),
        "inn": inn10(seed),
        "kpp": "190101001",
        "ogrn": ogrn13(seed),
        "email": format!("billing{seed}@provider.example"),
        "phone": "+7 (3902) 22-33-44",
        "bank": {
            "name": "ПАО Сбербанк",
            "bik": "044525225",
            "account": "40702810438000060473",
            "correspondent_account": "30101810400000000225"
        }
    })
}

/// An account with an address on «ул. Ленина» in Абакан.
pub fn account(number: &str, house: &str, apartment: &str) -> Value {
    json!({"number": number, "address": {"city": "Абакан", "street": "ул. Ленина", "house": house, "apartment": apartment}})
}

/// One charge item for `account` and service `code`.
pub fn charge(account: &str, code: &str, amount: i64) -> Value {
    json!({
        "account_number": account,
        "service": {"code": code, "name": format!("Услуга {code}"), "unit": "м³"},
        "volume": "1.5", "tariff": "42.37", "amount": amount
    })
}

/// The `sub` (principal id) of an access token.
pub fn subject_of(token: &str) -> String {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    claims["sub"].as_str().unwrap().to_owned()
}

impl TestApp {
    /// Adds an operator and logs in: (access token, refresh token).
    pub async fn operator_login(&self, email: &str) -> (String, String) {
        let password = "operator-password-1";
        self.db(|conn| ebill::services::operators::add(conn, email, password, ebill::clock::now())).expect("operator added");
        let reply = self
            .post("/v1/oauth/token", &json!({"grant_type": "password", "username": email, "password": password}), None)
            .await
            .expect(200);
        (reply.body["access_token"].as_str().unwrap().to_owned(), reply.body["refresh_token"].as_str().unwrap().to_owned())
    }

    /// An operator's access token.
    pub async fn operator_token(&self) -> String {
        self.operator_login(&format!("op{}@agent.example", uuid::Uuid::now_v7().simple())).await.0
    }

    /// Registers a provider (pending).
    pub async fn register_provider(&self, seed: u64) -> Registered {
        let body = provider_body(seed);
        let reply = self.post("/v1/providers", &body, None).await.expect(201);
        Registered {
            id: reply.body["id"].as_str().unwrap().to_owned(),
            client_id: reply.body["client_id"].as_str().unwrap().to_owned(),
            client_secret: reply.body["client_secret"].as_str().unwrap().to_owned(),
        }
    }

    /// A client-credentials token (the reply, which may be a refusal).
    pub async fn provider_token_reply(&self, p: &Registered) -> Reply {
        let form = [("grant_type", "client_credentials"), ("client_id", p.client_id.as_str()), ("client_secret", p.client_secret.as_str())];
        self.send(self.client.post(self.url("/v1/oauth/token")).form(&form)).await
    }

    /// Registers a provider, has an operator approve it, and returns it with a token.
    pub async fn active_provider(&self, seed: u64) -> ActiveProvider {
        let registered = self.register_provider(seed).await;
        let operator = self.operator_token().await;
        self.post(&format!("/v1/providers/{}/approve", registered.id), &json!({}), Some(&operator)).await.expect(200);
        let token = self.provider_token_reply(&registered).await.expect(200).body["access_token"].as_str().unwrap().to_owned();
        ActiveProvider { id: registered.id.clone(), registered, token }
    }

    /// Uploads `n` accounts `A0..` (one premises each) for the provider.
    pub async fn upload_accounts(&self, token: &str, n: usize) -> Reply {
        let accounts: Vec<Value> =
            (0..n).map(|i| account(&format!("A{i}"), &format!("{}", i / 100 + 1), &format!("{}", i % 100 + 1))).collect();
        self.put("/v1/providers/me/accounts", &json!({"accounts": accounts}), Some(token)).await
    }

    /// Marks a period closed, as its billing run would.
    pub fn close_period(&self, period: &str) {
        use ebill::store::schema::closed_periods;
        self.db(|conn| {
            diesel::insert_into(closed_periods::table)
                .values((closed_periods::period.eq(period), closed_periods::closed_at.eq(ebill::clock::now())))
                .execute(conn)
                .unwrap()
        });
    }

    /// Registers a resident and returns their id (email unconfirmed).
    pub async fn register_resident(&self, email: &str, phone: &str) -> String {
        let body =
            json!({"email": email, "phone": phone, "password": "resident-password-1", "name": "Анна", "consent": {"version": CONSENT}});
        self.post("/v1/residents", &body, None).await.expect(201).body["id"].as_str().unwrap().to_owned()
    }

    /// Follows the confirmation link of the `n`-th email to `email`.
    pub async fn confirm_email(&self, email: &str, n: usize) {
        let mails = self.mails_to(email, n).await;
        let text = &mails.iter().filter(|m| m.subject.contains("Подтвердите")).nth(n - 1).unwrap().text;
        let token = text.split("?token=").nth(1).unwrap().split_whitespace().next().unwrap();
        self.post("/v1/residents/email-confirmations", &json!({"token": token}), None).await.expect(200);
    }

    /// A resident's access token.
    pub async fn resident_token(&self, email: &str) -> String {
        let body = json!({"grant_type": "password", "username": email, "password": "resident-password-1"});
        self.post("/v1/oauth/token", &body, None).await.expect(200).body["access_token"].as_str().unwrap().to_owned()
    }

    /// A registered resident with a confirmed email: (id, token).
    pub async fn confirmed_resident(&self, email: &str, phone: &str) -> (String, String) {
        let id = self.register_resident(email, phone).await;
        self.confirm_email(email, 1).await;
        (id, self.resident_token(email).await)
    }

    /// An operator-issued link code for a payer code.
    pub async fn link_code(&self, payer_code: &str) -> String {
        let operator = self.operator_token().await;
        self.post(&format!("/v1/premises/{payer_code}/link-codes"), &json!({}), Some(&operator)).await.expect(201).body["link_code"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Links the premises of `payer_code` to the resident; returns the address id.
    pub async fn link(&self, token: &str, payer_code: &str) -> String {
        let code = self.link_code(payer_code).await;
        let reply = self.post("/v1/me/addresses", &json!({"payer_code": payer_code, "link_code": code}), Some(token)).await.expect(201);
        reply.body["id"].as_str().unwrap().to_owned()
    }

    /// A provider with one account (`LS-1`, ул. Ленина 1, кв. 1), e-document capable from 2021-01
    /// when `capable`: (provider, payer code).
    pub async fn provider_with_account(&self, seed: u64, capable: bool) -> (ActiveProvider, String) {
        let provider = self.active_provider(seed).await;
        let reply = self
            .put("/v1/providers/me/accounts", &json!({"accounts": [account("LS-1", "1", "1")]}), Some(&provider.token))
            .await
            .expect(200);
        if capable {
            self.put("/v1/providers/me/edoc", &json!({"edoc_capable": true, "since": "2021-01"}), Some(&provider.token)).await.expect(200);
        }
        let payer_code = reply.body["accounts"][0]["payer_code"].as_str().unwrap().to_owned();
        (provider, payer_code)
    }

    /// Switches an address to electronic receipts with the code of the `n`-th SMS to `phone`.
    pub async fn switch_to_electronic(&self, token: &str, address: &str, phone: &str, n: usize) {
        let body = json!({"channel": "electronic", "sms_notifications": false});
        let asked = self.put(&format!("/v1/me/addresses/{address}/delivery"), &body, Some(token)).await.expect(202);
        let verification = asked.body["verification"]["id"].as_str().unwrap().to_owned();
        let code = self.code_sent_to(phone, n).await;
        self.post(&format!("/v1/verifications/{verification}/confirm"), &json!({"code": code}), Some(token)).await.expect(200);
    }
}
