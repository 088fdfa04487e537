//! Bounces fall back to paper: an SMTP server that answers 550 is not retried, and the resident loses
//! no bill; a 4xx is retried; a signed report from a mail provider does the same as a 550.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use wiremock::MockServer;

use crate::helpers::{Mail, TestApp, parse_eml, webhook_sink};
use ebill::domain::ids::RunId;

const EMAIL: &str = "anna@example.org";
const PHONE: &str = "+79130005566";
const PERIOD: &str = "2021-08";

/// A mail server on loopback: keeps what it accepts, answers `RCPT TO` with 550 while `gone` is set
/// and with 451 for the next `busy` recipients.
#[derive(Default)]
struct FakeSmtp {
    gone: AtomicBool,
    busy: AtomicUsize,
    recipients_refused: AtomicUsize,
    accepted: Mutex<Vec<Mail>>,
}

impl FakeSmtp {
    async fn start() -> (Arc<Self>, u16) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = Arc::new(Self::default());
        let shared = server.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(shared.clone().session(socket));
            }
        });
        (server, port)
    }

    async fn session(self: Arc<Self>, socket: tokio::net::TcpStream) {
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        let _ = write.write_all(b"220 fake ESMTP\r\n").await;
        while let Ok(Some(line)) = lines.next_line().await {
            let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
            let reply: &[u8] = match verb.as_str() {
                "EHLO" | "HELO" => b"250 fake\r\n",
                "MAIL" | "RSET" | "NOOP" => b"250 2.0.0 OK\r\n",
                "RCPT" if self.gone.load(Ordering::SeqCst) => {
                    self.recipients_refused.fetch_add(1, Ordering::SeqCst);
                    b"550 5.1.1 mailbox unavailable\r\n"
                }
                "RCPT" if self.busy.load(Ordering::SeqCst) > 0 => {
                    self.busy.fetch_sub(1, Ordering::SeqCst);
                    self.recipients_refused.fetch_add(1, Ordering::SeqCst);
                    b"451 4.3.0 try again later\r\n"
                }
                "RCPT" => b"250 2.1.5 OK\r\n",
                "DATA" => {
                    let _ = write.write_all(b"354 go ahead\r\n").await;
                    let mut raw = String::new();
                    while let Ok(Some(line)) = lines.next_line().await {
                        if line == "." {
                            break;
                        }
                        raw.push_str(line.strip_prefix('.').filter(|_| line.starts_with("..")).unwrap_or(&line));
                        raw.push_str("\r\n");
                    }
                    self.accepted.lock().unwrap().push(parse_eml(&raw));
                    b"250 2.0.0 queued\r\n"
                }
                "QUIT" => {
                    let _ = write.write_all(b"221 bye\r\n").await;
                    return;
                }
                _ => b"502 5.5.2 unknown command\r\n",
            };
            if write.write_all(reply).await.is_err() {
                return;
            }
        }
    }

    fn accepted_to(&self, to: &str) -> Vec<Mail> {
        self.accepted.lock().unwrap().iter().filter(|m| m.to == to).cloned().collect()
    }
}

/// Follows the `n`-th confirmation link the fake server took for `EMAIL`.
async fn confirm_from(app: &TestApp, smtp: &FakeSmtp, n: usize) {
    let mails = app.eventually("the confirmation email", |_| Some(smtp.accepted_to(EMAIL)).filter(|m| m.len() >= n)).await;
    let text = &mails[n - 1].text;
    let token = text.split("?token=").nth(1).unwrap().split_whitespace().next().unwrap();
    app.post("/v1/residents/email-confirmations", &json!({"token": token}), None).await.expect(200);
}

/// A capable provider with a webhook and one account, and Anna receiving its charges electronically,
/// with August charged: (provider, operator token, resident token, address id, payer code).
async fn electronic_resident(
    app: &TestApp,
    hooks: &MockServer,
    confirm: impl AsyncFnOnce(&TestApp),
) -> (crate::helpers::ActiveProvider, String, String, String, String) {
    let (provider, payer_code) = app.provider_with_account(1, true).await;
    app.patch("/v1/providers/me", &json!({"webhook_url": format!("{}/hook", hooks.uri())}), Some(&provider.token)).await.expect(200);
    app.register_resident(EMAIL, PHONE).await;
    confirm(app).await;
    let token = app.resident_token(EMAIL).await;
    let address = app.link(&token, &payer_code).await;
    app.switch_to_electronic(&token, &address, PHONE, 1).await;
    let items = json!([crate::helpers::charge("LS-1", "HW", 12_345)]);
    app.post("/v1/providers/me/charges", &json!({"period": PERIOD, "items": items}), Some(&provider.token)).await.expect(200);
    (provider, app.operator_token().await, token, address, payer_code)
}

/// Starts the run of August and waits for it to finish; its id.
async fn bill(app: &TestApp, operator: &str) -> String {
    let run = app.post("/v1/billing-runs", &json!({"period": PERIOD}), Some(operator)).await.expect(202);
    let id = run.body["id"].as_str().unwrap().to_owned();
    app.eventually("the run to finish", |app| {
        app.db(|conn| ebill::store::runs::find(conn, &RunId::from(id.as_str())).unwrap())
            .filter(|r| r.status == ebill::domain::vocabulary::RunStatus::Finished)
    })
    .await;
    id
}

/// The e-receipt email's outbox row: (id, status, attempts).
fn receipt_message(app: &TestApp) -> Option<(String, String, i32)> {
    app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::outbox::dsl::*;
        outbox.filter(topic.eq("e_receipt")).select((id, status, attempts)).first(conn).optional().unwrap()
    })
}

/// What a hard bounce leaves: the email undeliverable, the address on paper (audited), the e-receipt
/// on a supplementary paper ЕПД, an SMS to the resident, and the provider told.
async fn assert_fell_back_to_paper(
    app: &TestApp,
    (token, address, payer_code, operator, run): (&str, &str, &str, &str, &str),
    events: &Mutex<Vec<Value>>,
) {
    let mut undeliverable = false;
    for _ in 0..200 {
        if app.get("/v1/me", Some(token)).await.body["email_undeliverable_since"].is_string() {
            undeliverable = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(undeliverable, "the email was not marked undeliverable");
    let stored = app.get(&format!("/v1/me/addresses/{address}"), Some(token)).await.expect(200);
    assert_eq!(stored.body["delivery"]["channel"], "paper");
    assert_eq!(stored.body["delivery"]["effective_from"], "2021-09");
    let history = app.get(&format!("/v1/me/addresses/{address}/delivery/history"), Some(token)).await.expect(200);
    let last = history.body["data"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["to"].as_str(), last["reason"].as_str()), (Some("paper"), Some("email_bounced")));
    assert!(last["verification_id"].is_null());

    let paper = app.collect(&format!("/v1/billing-runs/{run}/paper"), Some(operator)).await;
    let supplementary: Vec<&Value> = paper.iter().filter(|d| d["supplementary"] == true).collect();
    assert_eq!(supplementary.len(), 1, "{paper:?}");
    assert_eq!(supplementary[0]["payer_code"], payer_code);
    assert_eq!(supplementary[0]["total"], 12_345);
    assert_eq!(supplementary[0]["lines"][0]["account_number"], "LS-1");
    assert!(supplementary[0]["link_code"].is_string());
    let documents = app.collect("/v1/me/documents", Some(token)).await;
    assert_eq!(documents.iter().filter(|d| d["kind"] == "paper").count(), 1, "the resident sees the paper ЕПД too");

    let sms = app.sms_to(PHONE, 2).await;
    assert!(sms[1].text.contains("не доходят") && sms[1].text.contains("кабинете"), "{}", sms[1].text);
    let events = app
        .eventually("the provider told", |_| {
            let got = events.lock().unwrap().clone();
            let types: Vec<String> = got.iter().map(|e| e["type"].as_str().unwrap().to_owned()).collect();
            (types.iter().any(|t| t == "document.failed") && types.iter().filter(|t| *t == "account.delivery_changed").count() == 2)
                .then_some(got)
        })
        .await;
    let changed = events.iter().rfind(|e| e["type"] == "account.delivery_changed").unwrap();
    assert_eq!(changed["data"]["delivery"], "paper");
}

#[tokio::test]
async fn a_mailbox_that_does_not_exist_sends_the_receipt_to_paper() {
    let (smtp, port) = FakeSmtp::start().await;
    let app =
        TestApp::spawn_with(|c| c.mail = ebill::config::MailTransport::Smtp(ebill::config::Secret(format!("smtp://127.0.0.1:{port}"))))
            .await;
    let (hooks, events) = webhook_sink().await;
    let (_, operator, token, address, payer_code) =
        electronic_resident(&app, &hooks, async |app: &TestApp| confirm_from(app, &smtp, 1).await).await;
    smtp.gone.store(true, Ordering::SeqCst);
    let run = bill(&app, &operator).await;

    let (_, status, attempts) =
        app.eventually("the e-receipt given up", |app| receipt_message(app).filter(|(_, s, _)| s == "failed")).await;
    assert_eq!((status.as_str(), attempts), ("failed", 1), "a 550 is not retried");
    assert_fell_back_to_paper(&app, (&token, &address, &payer_code, &operator, &run), &events).await;
    app.settled().await;
    assert_eq!(smtp.recipients_refused.load(Ordering::SeqCst), 1, "the mailbox was tried once");

    // Electronic again only once the email works: confirmed anew (the mailbox is back).
    let electronic = json!({"channel": "electronic", "sms_notifications": false});
    app.put(&format!("/v1/me/addresses/{address}/delivery"), &electronic, Some(&token)).await.expect_problem(409, "email_undeliverable");
    smtp.gone.store(false, Ordering::SeqCst);
    app.post("/v1/me/email-confirmations", &json!({}), Some(&token)).await.expect(202);
    confirm_from(&app, &smtp, 2).await;
    let me = app.get("/v1/me", Some(&token)).await.expect(200);
    assert!(me.body["email_undeliverable_since"].is_null());
    app.put(&format!("/v1/me/addresses/{address}/delivery"), &electronic, Some(&token)).await.expect(202);
}

#[tokio::test]
async fn a_busy_mail_server_is_tried_again() {
    let (smtp, port) = FakeSmtp::start().await;
    let app =
        TestApp::spawn_with(|c| c.mail = ebill::config::MailTransport::Smtp(ebill::config::Secret(format!("smtp://127.0.0.1:{port}"))))
            .await;
    let (hooks, _) = webhook_sink().await;
    let (_, operator, token, address, _) = electronic_resident(&app, &hooks, async |app: &TestApp| confirm_from(app, &smtp, 1).await).await;
    smtp.busy.store(2, Ordering::SeqCst);
    bill(&app, &operator).await;
    let (_, _, attempts) = app.eventually("the e-receipt sent", |app| receipt_message(app).filter(|(_, s, _)| s == "sent")).await;
    assert_eq!(attempts, 3, "two 451s, then accepted");
    assert_eq!(smtp.accepted_to(EMAIL).iter().filter(|m| m.subject.starts_with("Квитанция")).count(), 1);
    let stored = app.get(&format!("/v1/me/addresses/{address}"), Some(&token)).await.expect(200);
    assert_eq!(stored.body["delivery"]["channel"], "electronic", "a temporary failure changes nothing");
    assert!(app.get("/v1/me", Some(&token)).await.body["email_undeliverable_since"].is_null());
}

fn signature(secret: &str, body: &str, at: i64) -> String {
    format!("t={at},v1={}", ebill::crypto::hmac_sha256_hex(secret.as_bytes(), format!("{at}.{body}").as_bytes()))
}

#[tokio::test]
async fn a_signed_report_from_the_mail_provider_does_the_same() {
    const SECRET: &str = "bounce-secret-for-tests";
    let app = TestApp::spawn_with(|c| c.bounce_secret = Some(ebill::config::Secret(SECRET.into()))).await;
    let (hooks, events) = webhook_sink().await;
    let (_, operator, token, address, payer_code) =
        electronic_resident(&app, &hooks, async |app: &TestApp| app.confirm_email(EMAIL, 1).await).await;
    let run = bill(&app, &operator).await;
    let (message, _, _) = app.eventually("the e-receipt sent", |app| receipt_message(app).filter(|(_, s, _)| s == "sent")).await;

    let send = |body: Value, signature: Option<String>| {
        let mut request = app.request(reqwest::Method::POST, "/v1/hooks/mail-bounces", None).header("content-type", "application/json");
        if let Some(signature) = signature {
            request = request.header("webhook-signature", signature);
        }
        app.send(request.body(body.to_string()))
    };
    let now = chrono::Utc::now().timestamp();
    let hard = json!({"email": EMAIL, "kind": "hard", "reason": "550 5.1.1 user unknown", "message_id": format!("<{message}@127.0.0.1>")});
    send(hard.clone(), None).await.expect_problem(401, "invalid_signature");
    send(hard.clone(), Some(signature("another-secret-entirely", &hard.to_string(), now))).await.expect_problem(401, "invalid_signature");
    send(hard.clone(), Some(signature(SECRET, &hard.to_string(), now - 3600))).await.expect_problem(401, "invalid_signature");
    let soft = json!({"email": EMAIL, "kind": "soft", "reason": "452 mailbox full"});
    send(soft.clone(), Some(signature(SECRET, &soft.to_string(), now))).await.expect(202);
    let stored = app.get(&format!("/v1/me/addresses/{address}"), Some(&token)).await.expect(200);
    assert_eq!(stored.body["delivery"]["channel"], "electronic", "a soft bounce changes nothing");

    send(hard.clone(), Some(signature(SECRET, &hard.to_string(), now))).await.expect(202);
    assert_fell_back_to_paper(&app, (&token, &address, &payer_code, &operator, &run), &events).await;
    // The same report again changes nothing more.
    send(hard.clone(), Some(signature(SECRET, &hard.to_string(), now))).await.expect(202);
    let paper = app.collect(&format!("/v1/billing-runs/{run}/paper"), Some(&operator)).await;
    assert_eq!(paper.iter().filter(|d| d["supplementary"] == true).count(), 1);
    app.settled().await;
    assert_eq!(app.sms().iter().filter(|s| s.text.contains("не доходят")).count(), 1);
    // An unknown address is taken and changes nothing.
    let unknown = json!({"email": "nobody@example.org", "kind": "hard"});
    send(unknown.clone(), Some(signature(SECRET, &unknown.to_string(), now))).await.expect(202);
    // A kind outside the set is refused, naming the field.
    let bad = json!({"email": EMAIL, "kind": "permanent"});
    let refused = send(bad.clone(), Some(signature(SECRET, &bad.to_string(), now))).await.expect_problem(422, "validation_failed");
    assert_eq!(refused.body["errors"][0]["field"], "kind", "{}", refused.body);
}
