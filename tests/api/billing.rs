//! Billing runs: the split rule in every combination, documents that add up, messages to the right
//! people only, signed webhooks, paper for printing, resumption after a crash, and the public checks.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers::method};

use crate::helpers::{ActiveProvider, TestApp, account, charge, read_pdf};
use ebill::domain::ids::{ProviderId, RunId};

const PERIOD: &str = "2021-08";

/// Four premises (houses 1–4 of ул. Ленина, кв. 1) and four providers:
/// A capable since 2021-01, B capable only from 2021-09, C never, D capable but suspended.
/// House 1: one resident, electronic with SMS notices. House 2: electronic, but the email is no longer
/// confirmed. House 3: two residents, one paper, one electronic. House 4: nobody.
struct City {
    providers: BTreeMap<&'static str, ActiveProvider>,
    payer_codes: Vec<String>,
    tokens: BTreeMap<&'static str, String>,
}

async fn city(app: &TestApp, hooks: Option<&MockServer>) -> City {
    let mut providers = BTreeMap::new();
    let mut payer_codes = Vec::new();
    for (seed, name) in ["A", "B", "C", "D"].into_iter().enumerate() {
        let p = app.active_provider(500 + seed as u64).await;
        let accounts: Vec<Value> = (1..=4).map(|h| account(&format!("{name}-{h}"), &h.to_string(), "1")).collect();
        let reply = app.put("/v1/providers/me/accounts", &json!({"accounts": accounts}), Some(&p.token)).await.expect(200);
        payer_codes = (0..4).map(|i| reply.body["accounts"][i]["payer_code"].as_str().unwrap().to_owned()).collect();
        let since = match name {
            "A" | "D" => Some("2021-01"),
            "B" => Some("2021-09"),
            _ => None,
        };
        if let Some(since) = since {
            app.put("/v1/providers/me/edoc", &json!({"edoc_capable": true, "since": since}), Some(&p.token)).await.expect(200);
        }
        let items: Vec<Value> = (1..=4)
            .flat_map(|h| [charge(&format!("{name}-{h}"), "main", 1000 * h + seed as i64), charge(&format!("{name}-{h}"), "extra", 10 * h)])
            .collect();
        app.post("/v1/providers/me/charges", &json!({"period": PERIOD, "items": items}), Some(&p.token)).await.expect(200);
        if let (Some(hooks), "A") = (hooks, name) {
            app.patch("/v1/providers/me", &json!({"webhook_url": format!("{}/hook", hooks.uri())}), Some(&p.token)).await.expect(200);
        }
        providers.insert(name, p);
    }
    let operator = app.operator_token().await;
    app.post(&format!("/v1/providers/{}/suspend", providers["D"].id), &json!({}), Some(&operator)).await.expect(200);

    let mut tokens = BTreeMap::new();
    let residents =
        [("r1", 0, "electronic", true), ("r2", 1, "electronic", false), ("r3a", 2, "paper", false), ("r3b", 2, "electronic", false)];
    for (i, (name, house, channel, sms)) in residents.into_iter().enumerate() {
        let phone = format!("+7913000010{i}");
        let (_, token) = app.confirmed_resident(&format!("{name}@example.org"), &phone).await;
        let address = app.link(&token, &payer_codes[house]).await;
        let requested = app
            .put(&format!("/v1/me/addresses/{address}/delivery"), &json!({"channel": channel, "sms_notifications": sms}), Some(&token))
            .await
            .expect(202);
        let verification = requested.body["verification"]["id"].as_str().unwrap();
        let code = app.code_sent_to(&phone, 1).await;
        app.post(&format!("/v1/verifications/{verification}/confirm"), &json!({"code": code}), Some(&token)).await.expect(200);
        tokens.insert(name, token);
    }
    app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::residents::dsl::*;
        diesel::update(residents.filter(email.eq("r2@example.org")))
            .set(email_confirmed_at.eq(None::<chrono::NaiveDateTime>))
            .execute(conn)
            .unwrap();
    });
    City { providers, payer_codes, tokens }
}

async fn run_to_end(app: &TestApp, operator: &str) -> Value {
    let started = app.post("/v1/billing-runs", &json!({"period": PERIOD}), Some(operator)).await.expect(202);
    assert_eq!(started.body["status"], "running");
    let id = started.body["id"].as_str().unwrap().to_owned();
    for _ in 0..500 {
        let run = app.get(&format!("/v1/billing-runs/{id}"), Some(operator)).await.expect(200);
        if run.body["status"] != "running" {
            return run.body;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the run did not finish");
}

/// A document as compared: (payer code, kind, provider name or "", total, lines (account, service, total)).
type Doc = (String, String, String, i64, Vec<(String, String, i64)>);

/// Every document of the run.
fn documents(app: &TestApp, city: &City) -> Vec<Doc> {
    use diesel::prelude::*;
    use ebill::store::schema::{document_lines as l, documents as d, premises as p};
    let names: BTreeMap<String, &str> = city.providers.iter().map(|(n, p)| (p.id.clone(), *n)).collect();
    app.db(|conn| {
        let docs: Vec<(String, String, String, Option<String>, i64)> =
            d::table.inner_join(p::table).select((d::id, p::payer_code, d::kind, d::provider_id, d::total)).load(conn).unwrap();
        let mut out: Vec<_> = docs
            .into_iter()
            .map(|(id, payer_code, kind, provider, total)| {
                let mut lines: Vec<(String, String, i64)> =
                    l::table.filter(l::document_id.eq(&id)).select((l::account_number, l::service_code, l::total)).load(conn).unwrap();
                lines.sort();
                (payer_code, kind, provider.map(|p| names[&p].to_owned()).unwrap_or_default(), total, lines)
            })
            .collect();
        out.sort();
        out
    })
}

#[tokio::test]
async fn the_split_follows_rule_two_in_every_combination() {
    let app = TestApp::spawn().await;
    let hooks = MockServer::start().await;
    let received: Arc<Mutex<Vec<(String, Value)>>> = Arc::default();
    let sink = received.clone();
    Mock::given(method("POST"))
        .respond_with(move |req: &Request| {
            let signature = req.headers.get("webhook-signature").unwrap().to_str().unwrap().to_owned();
            sink.lock().unwrap().push((signature, serde_json::from_slice(&req.body).unwrap()));
            ResponseTemplate::new(204)
        })
        .mount(&hooks)
        .await;
    let city = city(&app, Some(&hooks)).await;
    let operator = app.operator_token().await;
    let run = run_to_end(&app, &operator).await;
    assert_eq!(run["status"], "finished");
    assert_eq!(run["premises"], 4);
    assert_eq!(run["e_receipts"], 2, "A's charges at houses 1 and 3");
    assert_eq!(run["paper_documents"], 4);

    let docs = documents(&app, &city);
    let kinds: Vec<(String, String, String)> = docs.iter().map(|(pc, k, p, _, _)| (pc.clone(), k.clone(), p.clone())).collect();
    let pc = &city.payer_codes;
    let mut expected = vec![
        (pc[0].clone(), "e_receipt".to_owned(), "A".to_owned()),
        (pc[0].clone(), "paper".into(), String::new()),
        (pc[1].clone(), "paper".into(), String::new()),
        (pc[2].clone(), "e_receipt".into(), "A".into()),
        (pc[2].clone(), "paper".into(), String::new()),
        (pc[3].clone(), "paper".into(), String::new()),
    ];
    expected.sort();
    assert_eq!(kinds, expected);
    // House 1's paper carries B (capable only from September), C (never) and D (suspended), not A.
    let paper_1 = docs.iter().find(|d| d.0 == pc[0] && d.1 == "paper").unwrap();
    let accounts: HashSet<&str> = paper_1.4.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(accounts, HashSet::from(["B-1", "C-1", "D-1"]));
    // Every charge is in exactly one document, and every total is the sum of its lines.
    let mut all_lines: Vec<(String, String)> = docs.iter().flat_map(|d| d.4.iter().map(|(a, s, _)| (a.clone(), s.clone()))).collect();
    assert_eq!(all_lines.len(), 4 * 4 * 2);
    all_lines.sort();
    all_lines.dedup();
    assert_eq!(all_lines.len(), 32);
    for (_, _, _, total, lines) in &docs {
        assert_eq!(*total, lines.iter().map(|l| l.2).sum::<i64>());
    }

    // Emails: only r1 and r3b, each A's e-receipt; nothing to r2 (unconfirmed) or r3a (paper).
    let r1 = app.mails_to("r1@example.org", 2).await;
    let receipt = r1.iter().find(|m| m.subject.starts_with("Квитанция")).unwrap();
    assert!(receipt.subject.contains("август 2021"), "{}", receipt.subject);
    let e_doc = docs.iter().find(|d| d.0 == pc[0] && d.1 == "e_receipt").unwrap();
    assert!(receipt.text.contains(&ebill::domain::money::rub(e_doc.3)), "{}", receipt.text);
    assert!(receipt.text.contains("ST00012|Name=Provider 500|"), "{}", receipt.text);
    assert!(receipt.text.contains("Код проверки подлинности: "));
    assert!(receipt.text.contains("Срок оплаты: до 10.09.2021"), "{}", receipt.text);
    // The HTML alternative: every ЕПД column, the links, no script and no image from outside; the QR
    // inline, and it scans back to the payload of the text.
    let html = receipt.html.as_deref().expect("an HTML alternative");
    for column in
        ["Объём", "Ед.", "Тариф, ₽", "Начислено, ₽", "Перерасчёт, ₽", "Долг, ₽", "Пени, ₽", "Итого, ₽", "Срок оплаты: до 10.09.2021"]
    {
        assert!(html.contains(column), "{column} missing");
    }
    assert!(!html.contains("<script") && !html.contains("src=\"http"), "no script, no outside image");
    for path in ["/documents/", "/check/", "/addresses"] {
        assert!(html.contains(&format!("{}{}", app.config.public_url, path.trim_start_matches('/'))), "link to {path}");
    }
    assert_eq!(receipt.images.len(), 1);
    let (cid, png) = &receipt.images[0];
    assert!(html.contains(&format!("src=\"cid:{cid}\"")), "{cid}");
    let decoder = png::Decoder::new(std::io::Cursor::new(png.clone()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let (w, h) = (info.width as usize, info.height as usize);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let (_, scanned) = prepared.detect_grids()[0].decode().unwrap();
    assert!(scanned.starts_with("ST00012|Name=Provider 500|") && receipt.text.contains(&scanned), "{scanned}");
    app.mails_to("r3b@example.org", 2).await;
    app.settled().await;
    for nobody in ["r2@example.org", "r3a@example.org"] {
        assert!(app.mails().iter().filter(|m| m.to == nobody).all(|m| !m.subject.starts_with("Квитанция")), "{nobody} got a receipt");
    }
    // One SMS notice, to r1 only, with house 1's total.
    let house_1_total: i64 = docs.iter().filter(|d| d.0 == pc[0]).map(|d| d.3).sum();
    let notices: Vec<_> = app.sms().into_iter().filter(|s| s.text.contains("к оплате")).collect();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].to, "+79130000100");
    assert!(notices[0].text.contains(&ebill::domain::money::rub(house_1_total)) && notices[0].text.contains(&pc[0]), "{}", notices[0].text);

    // A hears that both e-receipts were delivered, signed with its secret.
    let events = app
        .eventually("two document.delivered", |_| {
            let events: Vec<_> = received.lock().unwrap().iter().filter(|(_, b)| b["type"] == "document.delivered").cloned().collect();
            (events.len() >= 2).then_some(events)
        })
        .await;
    let secret = app.db(|conn| {
        ebill::store::providers::find(conn, &ProviderId::from(city.providers["A"].id.as_str())).unwrap().unwrap().webhook_secret
    });
    for (signature, body) in &events {
        let t = signature.split(',').next().unwrap().trim_start_matches("t=");
        let mac = ebill::crypto::hmac_sha256_hex(secret.as_bytes(), format!("{t}.{}", serde_json::to_string(body).unwrap()).as_bytes());
        assert!(signature.contains(&format!("v1={mac}")), "{signature}");
        assert_eq!(body["data"]["status"], "emailed");
    }
    let run = app.get(&format!("/v1/billing-runs/{}", run["id"].as_str().unwrap()), Some(&operator)).await.expect(200);
    assert_eq!(run.body["emails"]["sent"], 2);
    assert_eq!(run.body["sms"]["sent"], 1);
    // The run's webhooks are its two document.delivered, not the delivery switches before it.
    assert_eq!(run.body["webhooks"], json!({"queued": 0, "sent": 2, "failed": 0}));

    // Providers see emailed / printed per account.
    let a = app.collect(&format!("/v1/providers/me/deliveries?period={PERIOD}"), Some(&city.providers["A"].token)).await;
    let statuses: Vec<(&str, &str)> = a.iter().map(|d| (d["account_number"].as_str().unwrap(), d["status"].as_str().unwrap())).collect();
    assert_eq!(statuses, [("A-1", "emailed"), ("A-2", "printed"), ("A-3", "emailed"), ("A-4", "printed")]);
    let c = app.collect(&format!("/v1/providers/me/deliveries?period={PERIOD}"), Some(&city.providers["C"].token)).await;
    assert!(c.iter().all(|d| d["status"] == "printed") && c.len() == 4);
}

#[tokio::test]
async fn residents_read_their_documents_and_the_qr_parses_back() {
    let app = TestApp::spawn().await;
    let city = city(&app, None).await;
    let operator = app.operator_token().await;
    run_to_end(&app, &operator).await;
    let r1 = &city.tokens["r1"];
    let list = app.collect("/v1/me/documents", Some(r1)).await;
    assert_eq!(list.len(), 2);
    let e = list.iter().find(|d| d["kind"] == "e_receipt").unwrap();
    assert_eq!(e["provider_id"], city.providers["A"].id.as_str());
    let doc = app.get(&format!("/v1/me/documents/{}", e["id"].as_str().unwrap()), Some(r1)).await.expect(200);
    assert_eq!(doc.body["total"], doc.body["lines"].as_array().unwrap().iter().map(|l| l["total"].as_i64().unwrap()).sum::<i64>());
    let payee = &doc.body["payees"][0];
    assert_signed_by_the_agent(&app, &doc.body).await;
    let payload = payee["qr_payload"].as_str().unwrap();
    assert!(payload.len() <= ebill::domain::qr::MAX_BYTES, "{} bytes: {payload}", payload.len());
    let (header, fields) = ebill::domain::qr::parse(payload).unwrap();
    assert_eq!(header, "ST00012");
    let field = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_else(|| panic!("{k} in {payload}"));
    assert_eq!(field("Name"), "Provider 500");
    assert_eq!(field("PersonalAcc"), "40702810438000060473");
    assert_eq!(field("BankName"), "ПАО Сбербанк");
    assert_eq!(field("BIC"), "044525225");
    assert_eq!(field("CorrespAcc"), "30101810400000000225");
    assert_eq!(field("PayeeINN"), payee["inn"].as_str().unwrap());
    assert_eq!(field("Sum"), payee["total"].as_i64().unwrap().to_string());
    assert_eq!(field("PersAcc"), "A-1");
    assert_eq!(field("PaymPeriod"), "082021");
    assert_eq!(field("TechCode"), "02");
    // 300 bytes hold the purpose, not the address as well: the address goes first.
    assert_eq!(field("Purpose"), "Оплата ЖКУ за 08.2021, л/с A-1");
    assert!(!payload.contains("PayerAddress="));

    let filtered =
        app.collect(&format!("/v1/me/documents?period=2021-09&address_id={}", e["address_id"].as_str().unwrap()), Some(r1)).await;
    assert!(filtered.is_empty());
    // Nobody else reads it.
    let stranger = &city.tokens["r2"];
    app.get(&format!("/v1/me/documents/{}", e["id"].as_str().unwrap()), Some(stranger)).await.expect_problem(404, "not_found");
    app.get("/v1/me/documents?address_id=adr_foreign", Some(stranger)).await.expect_problem(404, "not_found");
}

#[tokio::test]
async fn the_run_closes_the_period_and_paper_is_ready_to_print() {
    let app = TestApp::spawn().await;
    let city = city(&app, None).await;
    let operator = app.operator_token().await;
    let run = run_to_end(&app, &operator).await;
    let id = run["id"].as_str().unwrap();
    app.post("/v1/billing-runs", &json!({"period": PERIOD}), Some(&operator)).await.expect_problem(409, "run_exists");
    let late = json!({"period": PERIOD, "items": [charge("A-1", "main", 1)]});
    app.post("/v1/providers/me/charges", &late, Some(&city.providers["A"].token)).await.expect_problem(409, "period_closed");
    app.get("/v1/billing-runs/run_unknown", Some(&operator)).await.expect_problem(404, "not_found");
    app.get(&format!("/v1/billing-runs/{id}"), Some(&city.providers["A"].token)).await.expect_problem(403, "forbidden");

    let paper = app.collect(&format!("/v1/billing-runs/{id}/paper"), Some(&operator)).await;
    assert_eq!(paper.len(), 4);
    let house_4 = paper.iter().find(|d| d["payer_code"] == city.payer_codes[3].as_str()).unwrap();
    assert_eq!(house_4["lines"].as_array().unwrap().len(), 8);
    assert_eq!(house_4["payees"].as_array().unwrap().len(), 4);
    assert!(house_4["address_line"].as_str().unwrap().contains("ул. Ленина, д. 4, кв. 1"));
    // Issued documents keep the requisites the run started with.
    let a_id = city.providers["A"].id.clone();
    let payee_a = |doc: &Value| doc["payees"].as_array().unwrap().iter().find(|p| p["provider_id"] == a_id.as_str()).unwrap().clone();
    let before = payee_a(house_4);
    app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::providers;
        diesel::update(providers::table.find(&a_id)).set(providers::bank_account.eq("40702810000000009999")).execute(conn).unwrap();
    });
    let again = app.collect(&format!("/v1/billing-runs/{id}/paper"), Some(&operator)).await;
    let house_4_again = again.iter().find(|d| d["payer_code"] == city.payer_codes[3].as_str()).unwrap();
    assert_eq!(payee_a(house_4_again), before);
    assert_ne!(before["bank"]["account"], "40702810000000009999");
    // The printed link code links the premises, once.
    let code = house_4["link_code"].as_str().unwrap();
    let (_, newcomer) = app.confirmed_resident("new@example.org", "+79130000199").await;
    app.post("/v1/me/addresses", &json!({"payer_code": city.payer_codes[3], "link_code": code}), Some(&newcomer)).await.expect(201);

    let csv = app
        .send(
            app.request(reqwest::Method::GET, &format!("/v1/billing-runs/{id}/paper?limit=2"), Some(&operator))
                .header("accept", "text/csv"),
        )
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv.header("link").unwrap().contains("rel=\"next\""));
    let mut reader = csv::Reader::from_reader(csv.text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "document_id");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty());
    let qr = headers.iter().position(|h| h == "qr_payload").unwrap();
    assert!(rows.iter().all(|r| r[qr].starts_with("ST00012|")));
}

#[tokio::test]
async fn public_checks_tell_genuine_from_forged() {
    let app = TestApp::spawn().await;
    let city = city(&app, None).await;
    let operator = app.operator_token().await;
    run_to_end(&app, &operator).await;
    let docs = app.collect("/v1/me/documents", Some(&city.tokens["r1"])).await;
    let code = docs[0]["verification_code"].as_str().unwrap();
    let check = app.get(&format!("/v1/document-checks/{code}"), None).await.expect(200);
    assert_eq!(check.body["total"], docs[0]["total"]);
    assert_eq!(check.body["period"], PERIOD);
    assert!(check.body["payees"][0]["bank"]["account"].is_string());
    let text = check.text.to_lowercase();
    assert!(!text.contains("ленина") && !text.contains("r1@") && !text.contains("a-1"), "no personal data: {text}");
    app.get(&format!("/v1/document-checks/{}", code.to_lowercase()), None).await.expect(200);
    app.get("/v1/document-checks/AAAA-BBBB-CCCC-DDDD-EEEE", None).await.expect_problem(404, "not_found");

    let a = app.get(&format!("/v1/providers/{}", city.providers["A"].id), None).await.body;
    let genuine = json!({"inn": a["inn"], "bik": "044525225", "account": "40702810438000060473"});
    let reply = app.post("/v1/payee-checks", &genuine, None).await.expect(200);
    assert_eq!(reply.body["registered"], true);
    assert_eq!(reply.body["provider"]["inn"], a["inn"]);
    let forged = json!({"inn": a["inn"], "bik": "044525225", "account": "40702810000000001234"});
    let reply = app.post("/v1/payee-checks", &forged, None).await.expect(200);
    assert_eq!((reply.body["registered"].as_bool(), reply.body["provider"].is_null()), (Some(false), true));
    // The suspended provider's details no longer count.
    let d = app.db(|conn| ebill::store::providers::find(conn, &ProviderId::from(city.providers["D"].id.as_str())).unwrap().unwrap());
    let suspended = json!({"inn": d.requisites.inn, "bik": d.requisites.bank_bik, "account": d.requisites.bank_account});
    assert_eq!(app.post("/v1/payee-checks", &suspended, None).await.expect(200).body["registered"], false);
    app.post("/v1/payee-checks", &json!({"inn": "123", "bik": "x", "account": "1"}), None).await.expect_problem(422, "validation_failed");

    // The public page says the same to a person, without personal data; a suspended payee is a warning.
    let e = docs.iter().find(|d| d["kind"] == "e_receipt").unwrap();
    let e_code = e["verification_code"].as_str().unwrap();
    let page = app.send(app.request(reqwest::Method::GET, &format!("/check/{e_code}"), None)).await.expect(200);
    assert!(page.text.contains("Документ настоящий") && page.text.contains("Электронная квитанция за 2021-08"), "{}", page.text);
    assert!(!page.text.contains("Ленина") && !page.text.contains("больше не принимает"), "{}", page.text);
    app.post(&format!("/v1/providers/{}/suspend", city.providers["A"].id), &json!({}), Some(&operator)).await.expect(200);
    let page = app.send(app.request(reqwest::Method::GET, &format!("/check/{e_code}"), None)).await.expect(200);
    assert!(page.text.contains("больше не принимает платежи"), "{}", page.text);
    let forged = app.send(app.request(reqwest::Method::GET, "/check/AAAA-BBBB-CCCC-DDDD-EEEE", None)).await.expect(404);
    assert!(forged.text.contains("Документа с таким кодом нет"));
}

#[tokio::test]
async fn a_run_interrupted_and_resumed_writes_the_same_documents() {
    let whole = TestApp::spawn_with(|c| c.billing_chunk = 1).await;
    let whole_city = city(&whole, None).await;
    let operator = whole.operator_token().await;
    run_to_end(&whole, &operator).await;

    let crashed = TestApp::spawn_with(|c| {
        c.billing_chunk = 1;
        c.billing_worker = false;
    })
    .await;
    let crashed_city = city(&crashed, None).await;
    let operator = crashed.operator_token().await;
    let started = crashed.post("/v1/billing-runs", &json!({"period": PERIOD}), Some(&operator)).await.expect(202);
    let id = started.body["id"].as_str().unwrap().to_owned();
    // Two chunks get written, then the process "dies".
    crashed.db(|conn| {
        let master = ebill::store::settings::get(conn, "master_key").unwrap().unwrap();
        let keys = ebill::crypto::Keys::derive(master.as_bytes());
        let url = crashed.config.public_url.clone();
        for _ in 0..2 {
            ebill::services::billing::process_next_chunk(conn, &keys, &url, &RunId::from(id.as_str()), ebill::clock::now()).unwrap();
        }
    });
    let halfway = crashed.get(&format!("/v1/billing-runs/{id}"), Some(&operator)).await.expect(200);
    assert_eq!((halfway.body["status"].as_str(), halfway.body["chunks_done"].as_i64()), (Some("running"), Some(2)));
    let restarted = crashed.another_instance(|c| c.billing_worker = true).await;
    let finished = restarted
        .eventually("the resumed run to finish", |app| {
            app.db(|conn| ebill::store::runs::find(conn, &RunId::from(id.as_str())).unwrap())
                .filter(|r| r.status == ebill::domain::vocabulary::RunStatus::Finished)
        })
        .await;
    assert_eq!(finished.chunks_done, 4);

    let strip = |docs: Vec<Doc>, codes: &[String]| {
        docs.into_iter().map(|(pc, k, p, t, l)| (codes.iter().position(|c| *c == pc).unwrap(), k, p, t, l)).collect::<Vec<_>>()
    };
    let mut a = strip(documents(&whole, &whole_city), &whole_city.payer_codes);
    let mut b = strip(documents(&crashed, &crashed_city), &crashed_city.payer_codes);
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // Every receipt is emailed, and none twice.
    let receipts = |app: &TestApp| app.mails().into_iter().filter(|m| m.subject.starts_with("Квитанция")).count();
    restarted.settled().await;
    assert_eq!(receipts(&restarted), 2);
}

/// The document's `signed` JWS verifies with its key from `/.well-known/jwks.json` and carries the
/// document; returns the key's id.
async fn assert_signed_by_the_agent(app: &TestApp, document: &serde_json::Value) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let jws = document["signed"].as_str().expect("a signed document");
    let parts: Vec<&str> = jws.split('.').collect();
    assert_eq!(parts.len(), 3, "{jws}");
    let header: serde_json::Value = serde_json::from_slice(&b64.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["alg"], "EdDSA");
    let kid = header["kid"].as_str().unwrap().to_owned();
    let jwks = app.get("/.well-known/jwks.json", None).await.expect(200).body;
    let key = jwks["keys"].as_array().unwrap().iter().find(|k| k["kid"] == kid.as_str()).expect("the key is published");
    assert_eq!((key["kty"].as_str(), key["crv"].as_str()), (Some("OKP"), Some("Ed25519")));
    let public = b64.decode(key["x"].as_str().unwrap()).unwrap();
    let signature = b64.decode(parts[2]).unwrap();
    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, public)
        .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
        .expect("the signature verifies");
    let payload: serde_json::Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(payload["verification_code"], document["verification_code"]);
    assert_eq!(payload["total"], document["total"]);
    assert_eq!(payload["lines"].as_array().unwrap().len(), document["lines"].as_array().unwrap().len());
    // A forged total does not verify.
    let forged = b64.encode(payload.to_string().replace(&format!("\"total\":{}", document["total"]), "\"total\":1"));
    assert!(
        ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, b64.decode(key["x"].as_str().unwrap()).unwrap())
            .verify(format!("{}.{forged}", parts[0]).as_bytes(), &signature)
            .is_err()
    );
    kid
}

#[tokio::test]
async fn documents_are_signed_and_keep_verifying_after_a_key_rotation() {
    let app = TestApp::spawn().await;
    let city = city(&app, None).await;
    let operator = app.operator_token().await;
    run_to_end(&app, &operator).await;
    let r1 = &city.tokens["r1"];
    let id = app.collect("/v1/me/documents", Some(r1)).await[0]["id"].as_str().unwrap().to_owned();
    let before = app.get(&format!("/v1/me/documents/{id}"), Some(r1)).await.expect(200).body;
    let old_kid = assert_signed_by_the_agent(&app, &before).await;
    let new_kid = app.db(|conn| {
        let master = ebill::store::settings::get(conn, "master_key").unwrap().unwrap();
        ebill::services::signing::rotate(conn, &ebill::crypto::Keys::derive(master.as_bytes()), ebill::clock::now()).unwrap()
    });
    let after = app.get(&format!("/v1/me/documents/{id}"), Some(r1)).await.expect(200).body;
    assert_eq!(assert_signed_by_the_agent(&app, &after).await, new_kid, "new signatures use the new key");
    assert_eq!(assert_signed_by_the_agent(&app, &before).await, old_kid, "the old signature still verifies");
    // Paper documents are signed too.
    let runs = app.get("/v1/billing-runs", Some(&operator)).await.expect(200).body;
    let run = runs["data"][0]["id"].as_str().unwrap();
    let paper = app.collect(&format!("/v1/billing-runs/{run}/paper"), Some(&operator)).await;
    assert_signed_by_the_agent(&app, &paper[0]).await;
}

/// `GET` of `path` with `accept`, as `token`.
async fn get_as(app: &TestApp, path: &str, accept: &str, token: &str) -> crate::helpers::Reply {
    app.send(app.request(reqwest::Method::GET, path, Some(token)).header("accept", accept)).await
}

/// Text as `pdftotext -layout` lays it out, with runs of spaces made one.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn documents_come_as_pdfs_that_read_scan_and_print() {
    let app = TestApp::spawn().await;
    let city = city(&app, None).await;
    let operator = app.operator_token().await;
    let run = run_to_end(&app, &operator).await;
    let run_id = run["id"].as_str().unwrap();
    let r1 = &city.tokens["r1"];
    let list = app.collect("/v1/me/documents", Some(r1)).await;
    let e_id = list.iter().find(|d| d["kind"] == "e_receipt").unwrap()["id"].as_str().unwrap().to_owned();
    let json = app.get(&format!("/v1/me/documents/{e_id}"), Some(r1)).await.expect(200).body;
    let code = json["verification_code"].as_str().unwrap();
    let check_url = format!("{}check/{code}", app.config.public_url);

    // The resident's e-receipt: A4 text in PT Sans (embedded, subset), the payee's QR and the check URL's QR.
    let reply = get_as(&app, &format!("/v1/me/documents/{e_id}"), "application/pdf", r1).await.expect(200);
    assert_eq!(reply.header("content-type"), Some("application/pdf"));
    assert!(reply.header("content-disposition").unwrap().starts_with("inline; filename=\"e_receipt-2021-08-"));
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let pdf = read_pdf(&reply.bytes);
    assert_eq!(pdf.pages, 1);
    let text = words(&pdf.text);
    for expected in [
        "ЭЛЕКТРОННАЯ КВИТАНЦИЯ",
        "за август 2021 г.",
        "Платёжный агент ebill",
        city.payer_codes[0].as_str(),
        "Оплатить до 10.09.2021",
        "Provider 500",
        "Лицевой счёт: A-1",
        "БИК 044525225",
        "Объём",
        "Перерасчёт,",
        "Пени, руб.",
        code,
        check_url.as_str(),
        &ebill::domain::money::rub(json["total"].as_i64().unwrap()),
    ] {
        assert!(text.contains(expected), "{expected:?} missing from: {text}");
    }
    assert!(pdf.fonts.contains("PTSans-Regular") && pdf.fonts.contains("PTSans-Bold"), "{}", pdf.fonts);
    for line in pdf.fonts.lines().filter(|l| l.contains("PTSans")) {
        assert!(line.contains(" yes yes "), "embedded as a subset: {line}");
    }
    let payload = json["payees"][0]["qr_payload"].as_str().unwrap();
    let mut scanned = pdf.qr_codes[0].clone();
    scanned.sort();
    let mut expected = vec![payload.to_owned(), check_url.clone()];
    expected.sort();
    assert_eq!(scanned, expected, "the payment QR and the check URL scan back");

    // Representations it does not make, and documents that are not the caller's.
    get_as(&app, &format!("/v1/me/documents/{e_id}"), "image/png", r1).await.expect_problem(406, "not_acceptable");
    let preferred = get_as(&app, &format!("/v1/me/documents/{e_id}"), "application/json;q=0.4, application/pdf", r1).await;
    assert_eq!(preferred.expect(200).header("content-type"), Some("application/pdf"));
    get_as(&app, &format!("/v1/me/documents/{e_id}"), "application/pdf", &city.tokens["r2"]).await.expect_problem(404, "not_found");

    // The operator's paper ЕПД of house 4: all four payees with their QR codes, the link code.
    let paper = app.collect(&format!("/v1/billing-runs/{run_id}/paper"), Some(&operator)).await;
    let house_4 = paper.iter().find(|d| d["payer_code"] == city.payer_codes[3].as_str()).unwrap();
    let doc_id = house_4["id"].as_str().unwrap();
    let one = app.get(&format!("/v1/billing-runs/{run_id}/paper/{doc_id}"), Some(&operator)).await.expect(200).body;
    assert_eq!((&one["id"], &one["link_code"], &one["total"]), (&house_4["id"], &house_4["link_code"], &house_4["total"]));
    assert!(one["signed"].as_str().unwrap().split('.').count() == 3);
    let reply = get_as(&app, &format!("/v1/billing-runs/{run_id}/paper/{doc_id}"), "application/pdf", &operator).await.expect(200);
    let pdf = read_pdf(&reply.bytes);
    let text = words(&pdf.text);
    for expected in [
        "ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ",
        house_4["address_line"].as_str().unwrap(),
        house_4["link_code"].as_str().unwrap(),
        house_4["verification_code"].as_str().unwrap(),
        &ebill::domain::money::rub(house_4["total"].as_i64().unwrap()),
    ] {
        assert!(text.contains(expected), "{expected:?} missing from: {text}");
    }
    let mut scanned: Vec<String> = pdf.qr_codes.concat();
    scanned.sort();
    let mut expected: Vec<String> =
        house_4["payees"].as_array().unwrap().iter().map(|p| p["qr_payload"].as_str().unwrap().to_owned()).collect();
    expected.push(format!("{}check/{}", app.config.public_url, house_4["verification_code"].as_str().unwrap()));
    expected.sort();
    assert_eq!(scanned, expected, "four payment QR codes and the check URL");
    for payee in house_4["payees"].as_array().unwrap() {
        assert!(text.contains(&format!("Лицевой счёт: {}", payee["account_number"].as_str().unwrap())), "{payee}");
    }
    app.get(&format!("/v1/billing-runs/{run_id}/paper/{e_id}"), Some(&operator)).await.expect_problem(404, "not_found");
    app.get(&format!("/v1/billing-runs/run_unknown/paper/{doc_id}"), Some(&operator)).await.expect_problem(404, "not_found");
    app.get(&format!("/v1/billing-runs/{run_id}/paper/{doc_id}"), Some(r1)).await.expect_problem(403, "forbidden");

    // The run's paper to print, three at a time: one PDF a page of documents, the rest behind `Link`.
    let first = get_as(&app, &format!("/v1/billing-runs/{run_id}/paper?limit=3"), "application/pdf", &operator).await.expect(200);
    let link = first.header("link").unwrap().to_owned();
    assert!(link.contains("rel=\"next\"") && link.contains("limit=3"), "{link}");
    let next = link.trim_start_matches('<').split('>').next().unwrap();
    let rest = get_as(&app, next, "application/pdf", &operator).await.expect(200);
    assert!(rest.header("link").is_none());
    let (first, rest) = (read_pdf(&first.bytes), read_pdf(&rest.bytes));
    let printed: Vec<String> = [&first, &rest].iter().flat_map(|pdf| pdf.qr_codes.concat()).filter(|c| c.contains("/check/")).collect();
    let mut codes: Vec<&str> = printed.iter().map(|u| u.rsplit('/').next().unwrap()).collect();
    codes.sort();
    let mut all: Vec<&str> = paper.iter().map(|d| d["verification_code"].as_str().unwrap()).collect();
    all.sort();
    assert_eq!(codes, all, "every paper document printed once");
    assert!(first.pages >= 3 && rest.pages >= 1);
    get_as(&app, &format!("/v1/billing-runs/{run_id}/paper?limit=501"), "application/pdf", &operator)
        .await
        .expect_problem(422, "validation_failed");
    get_as(&app, &format!("/v1/billing-runs/{run_id}/paper"), "text/html", &operator).await.expect_problem(406, "not_acceptable");

    // The e-receipt's email carries the same PDF.
    let mail = app.mails_to("r1@example.org", 2).await.into_iter().find(|m| m.subject.starts_with("Квитанция")).unwrap();
    assert_eq!(mail.attachments.len(), 1);
    let (name, kind, bytes) = &mail.attachments[0];
    assert_eq!((name.as_str(), kind.as_str()), (format!("kvitanciya-2021-08-{}.pdf", city.payer_codes[0]).as_str(), "application/pdf"));
    let attached = read_pdf(bytes);
    assert!(words(&attached.text).contains(code));
    assert!(!mail.text.contains("не удалось приложить"), "{}", mail.text);
}

/// How many statements `read` sends over `conn`.
fn statements<T>(conn: &mut ebill::store::db::DbConn, read: impl FnOnce(&mut ebill::store::db::DbConn) -> T) -> (T, usize) {
    use diesel::Connection;
    use diesel::connection::InstrumentationEvent;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { .. } = event {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    let out = read(conn);
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    (out, count.load(Ordering::SeqCst))
}

/// Statements of a resident's address list, document list and one signed document, with how many of
/// each there are.
fn read_costs(app: &TestApp, resident: &str, document: &str) -> [(usize, usize); 3] {
    use ebill::services::{addresses, documents};
    let (resident, document) =
        (ebill::domain::ids::ResidentId::from(resident.to_owned()), ebill::domain::ids::DocumentId::from(document.to_owned()));
    app.db(|conn| {
        let (listed, a) = statements(conn, |c| addresses::list(c, &resident).unwrap().len());
        let (documents, d) = statements(conn, |c| documents::of_resident(c, &resident, None, None, None, 50).unwrap().len());
        let master = ebill::store::settings::get(conn, "master_key").unwrap().unwrap();
        let keys = ebill::crypto::Keys::derive(master.as_bytes());
        let now = ebill::clock::now();
        let (_, one) =
            statements(conn, |c| documents::one_of_resident_signed(c, &keys, &resident, &document, "http://issuer", now).unwrap());
        [(listed, a), (documents, d), (1, one)]
    })
}

/// The providers of a listed address as (which of the city's, e-document capable).
fn providers_of(city: &City, address: &Value) -> BTreeMap<&'static str, bool> {
    address["providers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (*city.providers.iter().find(|(_, q)| q.id == p["id"]).unwrap().0, p["edoc_capable"].as_bool().unwrap()))
        .collect()
}

#[tokio::test]
async fn a_residents_reads_take_the_same_few_statements_whatever_their_size() {
    let app = TestApp::spawn().await;
    let city = city(&app, None).await;
    let c = &city.providers["C"];
    app.put("/v1/providers/me/edoc", &json!({"edoc_capable": true, "since": "2021-10"}), Some(&c.token)).await.expect(200);
    let r1 = &city.tokens["r1"];
    // No period is closed: the next run bills this month, and C's declaration is in force by then.
    let before = app.get("/v1/me/addresses", Some(r1)).await.expect(200).body;
    assert_eq!(providers_of(&city, &before["data"][0]), BTreeMap::from([("A", true), ("B", true), ("C", true)]), "D is suspended");
    let operator = app.operator_token().await;
    run_to_end(&app, &operator).await;
    // 2021-08 is closed: the next run bills 2021-09, before C's declaration starts.
    let after = app.get("/v1/me/addresses", Some(r1)).await.expect(200).body;
    assert_eq!(providers_of(&city, &after["data"][0]), BTreeMap::from([("A", true), ("B", true), ("C", false)]));

    let resident = app.get("/v1/me", Some(r1)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    let document = app.collect("/v1/me/documents", Some(r1)).await[0]["id"].as_str().unwrap().to_owned();
    let small = read_costs(&app, &resident, &document);
    for payer_code in &city.payer_codes[1..] {
        app.link(r1, payer_code).await;
    }
    let large = read_costs(&app, &resident, &document);
    assert_eq!((small[0].0, large[0].0), (1, 4), "addresses listed");
    assert!(large[1].0 > small[1].0, "more documents listed: {small:?} {large:?}");
    assert_eq!(small.map(|(_, n)| n), [1, 1, 1], "statements: an address list, a document list, one document");
    assert_eq!(large.map(|(_, n)| n), small.map(|(_, n)| n), "the same statements for four addresses as for one");
    let listed = app.get("/v1/me/addresses", Some(r1)).await.expect(200).body;
    assert_eq!(listed["data"].as_array().unwrap().len(), 4);
    for address in listed["data"].as_array().unwrap() {
        assert_eq!(providers_of(&city, address), BTreeMap::from([("A", true), ("B", true), ("C", false)]));
    }
}
