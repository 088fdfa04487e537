//! `?validate_only=true` and anomaly warnings: a rehearsal runs every rule, answers what the real call
//! would do and stores nothing (not even under its Idempotency-Key); a month with planted anomalies is
//! flagged the same in rehearsal and for real, and the batch keeps its warnings.

use serde_json::{Value, json};

use crate::helpers::{TestApp, account, charge};

const CHARGES: &str = "/v1/providers/me/charges";
const REHEARSE_CHARGES: &str = "/v1/providers/me/charges?validate_only=true";
const REHEARSE_ACCOUNTS: &str = "/v1/providers/me/accounts?validate_only=true";

fn batches(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use ebill::store::schema::charge_batches;
    app.db(|conn| charge_batches::table.count().get_result(conn).unwrap())
}

/// A charge without volume and tariff, so only the checks a test plants can warn.
fn plain(account: &str, code: &str, amount: i64) -> Value {
    let mut item = charge(account, code, amount);
    let item_map = item.as_object_mut().unwrap();
    item_map.remove("volume");
    item_map.remove("tariff");
    item
}

#[tokio::test]
async fn a_validate_only_push_runs_every_rule_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(1).await;
    app.upload_accounts(&p.token, 2).await.expect(200);
    let body = json!({"period": "2021-08", "items": [plain("A0", "water", 1000), plain("A1", "water", 2000)]});

    let reply = app.post(REHEARSE_CHARGES, &body, Some(&p.token)).await.expect(200);
    assert_eq!(reply.body["validate_only"], true);
    assert_eq!((reply.body["created"].as_u64(), reply.body["updated"].as_u64()), (Some(2), Some(0)));
    assert_eq!((reply.body["batch_id"].clone(), reply.body["errors"].clone()), (Value::Null, json!([])));
    assert!(app.collect(CHARGES, Some(&p.token)).await.is_empty());
    assert_eq!(batches(&app), 0);

    // Failing items are named as the real call's 422 names them, in a 200: the shape first…
    let mut bad = body.clone();
    bad["items"][0]["amount"] = json!(-5);
    bad["items"][1]["account_number"] = json!("NOT-MINE");
    let reply = app.post(REHEARSE_CHARGES, &bad, Some(&p.token)).await.expect(200);
    assert_eq!(reply.body["errors"], json!([{"field": "items[0].amount", "message": "fails the range rule"}]));
    assert_eq!((reply.body["created"].as_u64(), reply.body["validate_only"].clone()), (Some(0), json!(true)));
    let real = app.post(CHARGES, &bad, Some(&p.token)).await.expect_problem(422, "validation_failed");
    assert_eq!(real.body["errors"], reply.body["errors"]);
    // …then what only the database knows.
    bad["items"][0]["amount"] = json!(5);
    let reply = app.post(REHEARSE_CHARGES, &bad, Some(&p.token)).await.expect(200);
    let real = app.post(CHARGES, &bad, Some(&p.token)).await.expect_problem(422, "validation_failed");
    assert_eq!(real.fields(), ["items[1].account_number"]);
    assert_eq!(real.body["errors"], reply.body["errors"]);
    let mut bad_period = body.clone();
    bad_period["period"] = json!("2021-13");
    let reply = app.post(REHEARSE_CHARGES, &bad_period, Some(&p.token)).await.expect(200);
    assert_eq!(reply.body["errors"][0]["field"], "period");

    // What is not about the items stays the real call's answer.
    let unreadable = app.request(reqwest::Method::POST, REHEARSE_CHARGES, Some(&p.token)).header("content-type", "application/json");
    app.send(unreadable.body("{")).await.expect_problem(400, "malformed_json");
    app.post("/v1/providers/me/charges?validate_only=yes", &body, Some(&p.token)).await.expect_problem(400, "invalid_query");
    assert!(app.collect(CHARGES, Some(&p.token)).await.is_empty());
    assert_eq!(batches(&app), 0);

    // A rehearsal is not remembered under its key: the real call with the same key runs.
    let keyed = |path: &str| app.request(reqwest::Method::POST, path, Some(&p.token)).header("idempotency-key", "push-1").json(&body);
    let rehearsed = app.send(keyed(REHEARSE_CHARGES)).await.expect(200);
    assert_eq!(rehearsed.body["validate_only"], true);
    let stored = app.send(keyed(CHARGES)).await.expect(200);
    assert_eq!((stored.body["validate_only"].clone(), stored.body["created"].as_u64()), (json!(false), Some(2)));
    assert!(stored.body["batch_id"].as_str().unwrap().starts_with("bat_") && stored.header("idempotent-replayed").is_none());
    let replayed = app.send(keyed(CHARGES)).await.expect(200);
    assert_eq!((replayed.header("idempotent-replayed"), &replayed.body), (Some("true"), &stored.body));
    // And a rehearsal with the key of a real call is still a rehearsal, not that call's replay.
    let mut changed = body.clone();
    changed["items"][0]["amount"] = json!(1500);
    let keyed_changed = app.request(reqwest::Method::POST, REHEARSE_CHARGES, Some(&p.token)).header("idempotency-key", "push-1");
    let reply = app.send(keyed_changed.json(&changed)).await.expect(200);
    assert_eq!((reply.body["created"].as_u64(), reply.body["updated"].as_u64()), (Some(0), Some(2)));
    assert!(reply.header("idempotent-replayed").is_none());
    let amounts: Vec<i64> = app.collect(CHARGES, Some(&p.token)).await.iter().map(|c| c["amount"].as_i64().unwrap()).collect();
    assert_eq!(amounts, [1000, 2000], "the rehearsed correction was not stored");
    assert_eq!(batches(&app), 1);

    // A closed period is refused in rehearsal as for real.
    app.close_period("2021-08");
    app.post(REHEARSE_CHARGES, &body, Some(&p.token)).await.expect_problem(409, "period_closed");
}

#[tokio::test]
async fn a_month_with_planted_anomalies_is_flagged_in_rehearsal_and_for_real_and_kept_with_its_batch() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(2).await;
    app.upload_accounts(&p.token, 5).await.expect(200);
    let july = json!({"period": "2021-07", "items": [
        plain("A0", "water", 10_000), plain("A1", "water", 20_000), plain("A2", "water", 30_000),
        plain("A3", "water", 5_000), plain("A4", "water", 7_000),
    ]});
    let reply = app.post(CHARGES, &july, Some(&p.token)).await.expect(200);
    assert_eq!(reply.body["warnings"], json!([]), "nothing to compare the first month with");

    let mut mismatched = plain("A1", "water", 20_000);
    mismatched["volume"] = json!("5.2");
    mismatched["tariff"] = json!("42.37"); // 220,324 ₽, not 200,00 ₽
    let mut in_credit = plain("A2", "heat", 0);
    in_credit["debt"] = json!(-5_000);
    let august = json!({"period": "2021-08", "items": [
        plain("A0", "water", 1_000_000), // ×100
        mismatched,
        plain("A2", "water", 1_000),     // a thirtieth; with the credit below the account's total is −40,00 ₽
        in_credit,
        plain("A4", "water", 70_000),    // exactly ×10: not flagged
    ]});
    let rehearsed = app.post(&format!("{CHARGES}?validate_only=true"), &august, Some(&p.token)).await.expect(200);
    let warnings = rehearsed.body["warnings"].clone();
    let codes: Vec<&str> = warnings.as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["amount_far_from_last_period", "volume_tariff_mismatch", "negative_total", "accounts_missing"]);
    assert_eq!(warnings[0]["items"], json!(["items[0].amount", "items[2].amount"]));
    assert_eq!(warnings[0]["count"], 2);
    assert_eq!(
        warnings[0]["message"],
        "2 amounts are more than 10× or less than a tenth of last period's, e.g. items[0].amount: 10\u{a0}000,00 ₽, 2021-07 had 100,00 ₽"
    );
    assert_eq!(warnings[1]["items"], json!(["items[1].amount"]));
    assert_eq!(warnings[2]["items"], json!(["items[2].account_number"]));
    assert!(warnings[2]["message"].as_str().unwrap().ends_with("account A2: -40,00 ₽"), "{}", warnings[2]["message"]);
    assert_eq!((warnings[3]["count"].clone(), warnings[3]["items"].clone()), (json!(1), json!([])));
    assert_eq!(warnings[3]["account_numbers"], json!(["A3"]));
    assert_eq!(app.collect("/v1/providers/me/charges?period=2021-08", Some(&p.token)).await.len(), 0);

    let pushed = app.post(CHARGES, &august, Some(&p.token)).await.expect(200);
    assert_eq!(pushed.body["warnings"], warnings, "the real push warns as its rehearsal did");
    let batch_id = pushed.body["batch_id"].as_str().unwrap();
    let batch = app.get(&format!("/v1/providers/me/batches/{batch_id}"), Some(&p.token)).await.expect(200);
    assert_eq!(batch.body["warnings"], warnings);
    assert_eq!((batch.body["id"].as_str(), batch.body["period"].as_str()), (Some(batch_id), Some("2021-08")));
    assert_eq!((batch.body["items"].as_i64(), batch.body["created"].as_i64(), batch.body["updated"].as_i64()), (Some(5), Some(5), Some(0)));

    // The missing account arrives in a later push: that one no longer misses it.
    let late = app.post(CHARGES, &json!({"period": "2021-08", "items": [plain("A3", "water", 5_100)]}), Some(&p.token)).await.expect(200);
    assert_eq!(late.body["warnings"], json!([]));
    let late_batch = late.body["batch_id"].as_str().unwrap();
    assert_eq!(app.get(&format!("/v1/providers/me/batches/{late_batch}"), Some(&p.token)).await.expect(200).body["warnings"], json!([]));

    // Another provider's batch, or none, is not found.
    let other = app.active_provider(3).await;
    app.get(&format!("/v1/providers/me/batches/{batch_id}"), Some(&other.token)).await.expect_problem(404, "not_found");
    app.get("/v1/providers/me/batches/bat_nope", Some(&p.token)).await.expect_problem(404, "not_found");
}

#[tokio::test]
async fn a_validate_only_upload_says_what_it_would_do_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(4).await;
    let two = json!({"accounts": [account("L1", "1", "1"), account("L2", "1", "2")]});
    let first = app.put("/v1/providers/me/accounts", &two, Some(&p.token)).await.expect(200);
    let code_of_l2 = first.body["accounts"][1]["payer_code"].clone();

    // L1 moves into L2's premises; L3 is new, in a premises nobody has yet.
    let upload = json!({"accounts": [account("L1", "1", "2"), account("L3", "9", "9")]});
    let reply = app.put(REHEARSE_ACCOUNTS, &upload, Some(&p.token)).await.expect(200);
    assert_eq!(
        (reply.body["created"].as_u64(), reply.body["updated"].as_u64(), reply.body["unchanged"].as_u64()),
        (Some(1), Some(1), Some(0))
    );
    assert_eq!(reply.body["accounts"], json!([{"number": "L1", "payer_code": code_of_l2}, {"number": "L3", "payer_code": null}]));
    assert_eq!(reply.body["warnings"][0]["code"], "accounts_moved");
    assert_eq!(reply.body["warnings"][0]["items"], json!(["accounts[0].address"]));
    assert_eq!(reply.body["validate_only"], true);
    let stored = app.collect("/v1/providers/me/accounts", Some(&p.token)).await;
    let numbers: Vec<&str> = stored.iter().map(|a| a["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, ["L1", "L2"]);
    assert_eq!(stored[0]["payer_code"], first.body["accounts"][0]["payer_code"], "L1 has not moved");

    let duplicated = json!({"accounts": [account("L1", "1", "1"), account("L1", "1", "2")]});
    let reply = app.put(REHEARSE_ACCOUNTS, &duplicated, Some(&p.token)).await.expect(200);
    assert_eq!(reply.body["errors"], json!([{"field": "accounts[1].number", "message": "repeats accounts[0].number"}]));

    let real = app.put("/v1/providers/me/accounts", &upload, Some(&p.token)).await.expect(200);
    assert_eq!(real.body["warnings"][0]["code"], "accounts_moved");
    assert!(real.body["accounts"][1]["payer_code"].is_string());
    assert_eq!(real.body["validate_only"], false);
}

#[tokio::test]
async fn accounts_missing_since_last_period_are_counted_across_pushes_in_any_order() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(5).await;
    app.upload_accounts(&p.token, 6).await.expect(200);
    let push = |period: &'static str, accounts: &'static [&'static str]| {
        let items: Vec<Value> = accounts.iter().map(|a| plain(a, "water", 1_000)).collect();
        let (app, token) = (&app, p.token.clone());
        async move {
            let reply = app.post(CHARGES, &json!({"period": period, "items": items}), Some(&token)).await.expect(200);
            let missing = reply.body["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "accounts_missing").cloned();
            missing.map(|w| (w["count"].as_u64().unwrap(), w["account_numbers"].clone())).unwrap_or((0, json!([])))
        }
    };
    assert_eq!(push("2021-07", &["A0", "A1"]).await, (0, json!([])));
    assert_eq!(push("2021-08", &["A0"]).await, (1, json!(["A1"])));
    // A late push to July adds to what August misses.
    assert_eq!(push("2021-07", &["A2"]).await, (0, json!([])));
    assert_eq!(push("2021-08", &["A0"]).await, (2, json!(["A1", "A2"])), "a correction counts no account twice");
    assert_eq!(push("2021-08", &["A1", "A2"]).await, (0, json!([])));
    // September first gets A4, then August gets it too: September does not miss it.
    assert_eq!(push("2021-09", &["A4"]).await, (3, json!(["A0", "A1", "A2"])));
    assert_eq!(push("2021-08", &["A4"]).await, (0, json!([])));
    assert_eq!(push("2021-09", &["A0"]).await, (2, json!(["A1", "A2"])));
}
