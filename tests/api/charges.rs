//! Charge pushes: 10,000 items at once, all-or-nothing with every bad item named, upsert and
//! correction, closed periods, idempotent replays, and isolation between providers.

use serde_json::{Value, json};

use crate::helpers::{TestApp, charge};

/// 2,000 accounts × 5 services.
fn ten_thousand() -> Vec<Value> {
    (0..10_000).map(|i| charge(&format!("A{}", i / 5), &format!("S{}", i % 5), 10_000 + i as i64)).collect()
}

#[tokio::test]
async fn a_ten_thousand_item_push_is_stored_whole() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(1).await;
    app.upload_accounts(&p.token, 2_000).await.expect(200);
    let reply =
        app.post("/v1/providers/me/charges", &json!({"period": "2021-08", "items": ten_thousand()}), Some(&p.token)).await.expect(200);
    assert_eq!((reply.body["created"].as_u64(), reply.body["updated"].as_u64()), (Some(10_000), Some(0)));
    assert!(reply.body["batch_id"].as_str().unwrap().starts_with("bat_"));
    let stored = app.collect("/v1/providers/me/charges?period=2021-08", Some(&p.token)).await;
    assert_eq!(stored.len(), 10_000);
    let total: i64 = stored.iter().map(|c| c["amount"].as_i64().unwrap()).sum();
    assert_eq!(total, (0..10_000).map(|i| 10_000 + i).sum::<i64>());
    assert_eq!(stored[0]["volume"], "1.5");
    assert_eq!(stored[0]["service"]["unit"], "м³");
    assert!(app.collect("/v1/providers/me/charges?period=2021-09", Some(&p.token)).await.is_empty());
}

#[tokio::test]
async fn three_bad_items_anywhere_store_nothing_and_are_all_named() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(2).await;
    app.upload_accounts(&p.token, 2_000).await.expect(200);
    let mut items = ten_thousand();
    items[17]["amount"] = json!(-5);
    items[4242]["volume"] = json!("1,5");
    items[9999]["account_number"] = json!("NOT-MINE");
    let reply = app.post("/v1/providers/me/charges", &json!({"period": "2021-08", "items": items}), Some(&p.token)).await;
    let reply = reply.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), ["items[17].amount", "items[4242].volume"]);
    // Fixing the shape leaves the unknown account, which is found against the stored accounts.
    items[17]["amount"] = json!(5);
    items[4242]["volume"] = json!("1.5");
    items[8]["account_number"] = json!("ALSO-NOT-MINE");
    items[9]["account_number"] = json!("ALSO-NOT-MINE");
    let reply = app.post("/v1/providers/me/charges", &json!({"period": "2021-08", "items": items}), Some(&p.token)).await;
    let fields = ["items[8].account_number", "items[9].account_number", "items[9999].account_number"];
    assert_eq!(reply.expect_problem(422, "validation_failed").fields(), fields);
    assert!(app.collect("/v1/providers/me/charges", Some(&p.token)).await.is_empty());
}

#[tokio::test]
async fn more_than_ten_thousand_items_are_refused() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(3).await;
    let mut items = ten_thousand();
    items.push(charge("A0", "S9", 1));
    let reply = app.post("/v1/providers/me/charges", &json!({"period": "2021-08", "items": items}), Some(&p.token)).await;
    assert_eq!(reply.expect_problem(422, "validation_failed").fields(), ["items"]);
}

#[tokio::test]
async fn pushing_again_corrects_until_the_period_closes() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(4).await;
    app.upload_accounts(&p.token, 2).await.expect(200);
    let first = json!({"period": "2021-08", "items": [charge("A0", "water", 1000), charge("A1", "water", 2000)]});
    app.post("/v1/providers/me/charges", &first, Some(&p.token)).await.expect(200);
    let mut fixed = charge("A1", "water", 2500);
    fixed["recalculation"] = json!(-300);
    fixed["debt"] = json!(1200);
    fixed["penalty"] = json!(15);
    fixed["volume"] = json!("007.2500");
    // The new charge comes first: the bulk write stores it, then fails on the stored one; the savepoint
    // undoes both and they are upserted, and counted, together.
    let second = json!({"period": "2021-08", "items": [charge("A1", "heat", 99), fixed]});
    let reply = app.post("/v1/providers/me/charges", &second, Some(&p.token)).await.expect(200);
    assert_eq!((reply.body["created"].as_u64(), reply.body["updated"].as_u64()), (Some(1), Some(1)));
    let stored = app.collect("/v1/providers/me/charges?period=2021-08", Some(&p.token)).await;
    assert_eq!(stored.len(), 3);
    let a1_water = stored.iter().find(|c| c["account_number"] == "A1" && c["service"]["code"] == "water").unwrap();
    assert_eq!((a1_water["amount"].as_i64(), a1_water["recalculation"].as_i64()), (Some(2500), Some(-300)));
    assert_eq!((a1_water["debt"].as_i64(), a1_water["penalty"].as_i64()), (Some(1200), Some(15)));
    assert_eq!(a1_water["volume"], "7.25");

    app.close_period("2021-08");
    let late = json!({"period": "2021-08", "items": [charge("A0", "water", 1)]});
    app.post("/v1/providers/me/charges", &late, Some(&p.token)).await.expect_problem(409, "period_closed");
    let next = json!({"period": "2021-09", "items": [charge("A0", "water", 1)]});
    app.post("/v1/providers/me/charges", &next, Some(&p.token)).await.expect(200);
    let stored = app.collect("/v1/providers/me/charges?period=2021-08", Some(&p.token)).await;
    assert_eq!(stored.iter().find(|c| c["account_number"] == "A0").unwrap()["amount"], 1000);
}

#[tokio::test]
async fn a_correction_after_thousands_of_new_charges_is_counted_and_stored_once() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(9).await;
    app.upload_accounts(&p.token, 2_000).await.expect(200);
    let mut items = ten_thousand();
    let mut last = items.pop().unwrap();
    app.post("/v1/providers/me/charges", &json!({"period": "2021-08", "items": [last.clone()]}), Some(&p.token)).await.expect(200);
    // The bulk write gets through several statements' worth of new charges before it meets the stored
    // one; none of them may be counted as a correction or written twice.
    last["amount"] = json!(7);
    items.push(last);
    let reply = app.post("/v1/providers/me/charges", &json!({"period": "2021-08", "items": items}), Some(&p.token)).await.expect(200);
    assert_eq!((reply.body["created"].as_u64(), reply.body["updated"].as_u64()), (Some(9_999), Some(1)));
    let stored = app.collect("/v1/providers/me/charges?period=2021-08", Some(&p.token)).await;
    assert_eq!(stored.len(), 10_000);
    let total: i64 = stored.iter().map(|c| c["amount"].as_i64().unwrap()).sum();
    assert_eq!(total, (0..9_999).map(|i| 10_000 + i).sum::<i64>() + 7);
}

#[tokio::test]
async fn concurrent_pushes_of_the_same_new_charges_all_succeed_and_store_each_once() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(8).await;
    app.upload_accounts(&p.token, 400).await.expect(200);
    let items: Vec<Value> = ten_thousand().into_iter().take(2_000).collect();
    let (app, token) = (&app, &p.token);
    let push = |n: i64| {
        let items: Vec<Value> = items
            .iter()
            .cloned()
            .map(|mut i| {
                i["amount"] = json!(n);
                i
            })
            .collect();
        let body = json!({"period": "2021-08", "items": items});
        async move { app.post("/v1/providers/me/charges", &body, Some(token)).await.expect(200) }
    };
    let replies = futures_util::future::join_all((1..=4).map(push)).await;
    let created: u64 = replies.iter().map(|r| r.body["created"].as_u64().unwrap()).sum();
    let updated: u64 = replies.iter().map(|r| r.body["updated"].as_u64().unwrap()).sum();
    assert_eq!((created, updated), (2_000, 6_000));
    let stored = app.collect("/v1/providers/me/charges?period=2021-08", Some(&p.token)).await;
    assert_eq!(stored.len(), 2_000);
    // Each stored charge is whole: the amount of the push whose batch wrote it last.
    let amount_of = |batch: &Value| replies.iter().position(|r| &r.body["batch_id"] == batch).map(|i| i as i64 + 1);
    assert!(stored.iter().all(|c| amount_of(&c["batch_id"]) == c["amount"].as_i64()));
}

#[tokio::test]
async fn an_idempotent_push_replays_and_a_different_body_is_refused() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(5).await;
    app.upload_accounts(&p.token, 1).await.expect(200);
    let push = |amount: i64| {
        let body = json!({"period": "2021-08", "items": [charge("A0", "water", amount)]});
        app.send(
            app.request(reqwest::Method::POST, "/v1/providers/me/charges", Some(&p.token)).header("idempotency-key", "push-1").json(&body),
        )
    };
    let first = push(100).await.expect(200);
    let replay = push(100).await.expect(200);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    assert_eq!(replay.body, first.body);
    push(200).await.expect_problem(422, "idempotency_key_reused");
    let stored = app.collect("/v1/providers/me/charges", Some(&p.token)).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["amount"], 100);
    assert_eq!(stored[0]["batch_id"], first.body["batch_id"]);
}

#[tokio::test]
async fn providers_never_see_or_touch_each_others_charges() {
    let app = TestApp::spawn().await;
    let a = app.active_provider(6).await;
    let b = app.active_provider(7).await;
    app.put("/v1/providers/me/accounts", &json!({"accounts": [crate::helpers::account("ONLY-A", "1", "1")]}), Some(&a.token))
        .await
        .expect(200);
    app.post("/v1/providers/me/charges", &json!({"period": "2021-08", "items": [charge("ONLY-A", "water", 100)]}), Some(&a.token))
        .await
        .expect(200);
    let reply =
        app.post("/v1/providers/me/charges", &json!({"period": "2021-08", "items": [charge("ONLY-A", "water", 1)]}), Some(&b.token)).await;
    assert_eq!(reply.expect_problem(422, "validation_failed").fields(), ["items[0].account_number"]);
    assert!(app.collect("/v1/providers/me/charges", Some(&b.token)).await.is_empty());
    assert_eq!(app.collect("/v1/providers/me/charges", Some(&a.token)).await[0]["amount"], 100);
}

#[tokio::test]
async fn bad_shapes_and_filters() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(8).await;
    app.upload_accounts(&p.token, 1).await.expect(200);
    let mut item = charge("A0", "bad code!", 1);
    item["tariff"] = json!("-1");
    let reply = app
        .post(
            "/v1/providers/me/charges",
            &json!({"period": "2021-13", "items": [item, charge("A0", "x", 1), charge("A0", "x", 2)]}),
            Some(&p.token),
        )
        .await;
    assert_eq!(
        reply.expect_problem(422, "validation_failed").fields(),
        ["items[0].service.code", "items[0].tariff", "items[2].service.code", "period"]
    );
    let reply = app.post("/v1/providers/me/charges", &json!({"period": "2021-08", "items": [{"account_number": "A0", "service": {"code": "x", "name": "x", "unit": "x"}, "amount": 1.5}]}), Some(&p.token)).await;
    assert_eq!(reply.expect_problem(422, "validation_failed").fields(), ["items[0].amount"]);
    app.get("/v1/providers/me/charges?period=August", Some(&p.token)).await.expect_problem(422, "validation_failed");
}
