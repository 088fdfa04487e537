//! Accounts and premises: address normalisation across providers, payer codes, upsert and moves,
//! limits, and isolation between providers.

use serde_json::{Value, json};

use crate::helpers::{TestApp, account};

fn payer_code(reply: &crate::helpers::Reply, i: usize) -> String {
    reply.body["accounts"][i]["payer_code"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn one_dwelling_written_five_ways_by_providers_is_one_premises() {
    let app = TestApp::spawn().await;
    let ways = [
        json!({"city": "Абакан", "street": "ул. Ленина", "house": "12", "apartment": "5"}),
        json!({"city": "г. Абакан", "street": "улица  Ленина", "house": "д. 12", "apartment": "кв. 5"}),
        json!({"city": "АБАКАН", "street": "Ленина ул", "house": "дом 12", "apartment": "квартира 5"}),
        json!({"city": "г.Абакан", "street": "Ленина", "house": " 12 ", "apartment": "кв5"}),
        json!({"city": "город Абакан", "street": "ул.Ленина", "house": "д12", "building": "", "apartment": " 5 "}),
    ];
    let mut codes = Vec::new();
    for (seed, address) in ways.iter().enumerate() {
        let provider = app.active_provider(seed as u64 + 100).await;
        let body = json!({"accounts": [{"number": format!("LS-{seed}"), "address": address}]});
        let reply = app.put("/v1/providers/me/accounts", &body, Some(&provider.token)).await.expect(200);
        codes.push(payer_code(&reply, 0));
    }
    assert!(codes.iter().all(|c| c == &codes[0]), "{codes:?}");
    assert!(ebill::domain::payer_code::is_valid(&codes[0]));

    let provider = app.active_provider(200).await;
    let other = json!({"accounts": [account("X1", "12", "6"), account("X2", "12а", "5"), account("X3", "14", "5")]});
    let reply = app.put("/v1/providers/me/accounts", &other, Some(&provider.token)).await.expect(200);
    let others: Vec<String> = (0..3).map(|i| payer_code(&reply, i)).collect();
    assert!(others.iter().all(|c| c != &codes[0] && ebill::domain::payer_code::is_valid(c)), "{others:?}");
    assert_eq!(others.iter().collect::<std::collections::HashSet<_>>().len(), 3);
}

#[tokio::test]
async fn resending_updates_and_a_new_address_moves_the_account() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(1).await;
    let first = app
        .put("/v1/providers/me/accounts", &json!({"accounts": [account("A1", "1", "1"), account("A2", "1", "2")]}), Some(&p.token))
        .await
        .expect(200);
    assert_eq!((first.body["created"].as_u64(), first.body["updated"].as_u64()), (Some(2), Some(0)));

    let same = app.put("/v1/providers/me/accounts", &json!({"accounts": [account("A1", "1", "1")]}), Some(&p.token)).await.expect(200);
    assert_eq!(same.body["unchanged"], 1);

    let mut holder = account("A1", "1", "1");
    holder["holder"] = json!("Петров П. П.");
    let moved_to = account("A2", "7", "7");
    let added = account("A3", "1", "1");
    let second = app.put("/v1/providers/me/accounts", &json!({"accounts": [holder, moved_to, added]}), Some(&p.token)).await.expect(200);
    assert_eq!((second.body["created"].as_u64(), second.body["updated"].as_u64()), (Some(1), Some(2)));
    assert_eq!(payer_code(&second, 0), payer_code(&first, 0));
    assert_ne!(payer_code(&second, 1), payer_code(&first, 1));
    assert_eq!(payer_code(&second, 2), payer_code(&first, 0));

    let listed = app.collect("/v1/providers/me/accounts", Some(&p.token)).await;
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[0]["holder"], "Петров П. П.");
    assert_eq!(listed[1]["address"]["house"], "7");
    assert_eq!(listed[1]["payer_code"], payer_code(&second, 1).as_str());
    assert_eq!(listed[1]["delivery"], "paper");

    let moves = app.db(|conn| {
        use diesel::prelude::*;
        use ebill::store::schema::account_moves::dsl::*;
        account_moves.select(reason).load::<String>(conn).unwrap()
    });
    assert_eq!(moves, ["address_changed"]);
}

#[tokio::test]
async fn bad_accounts_are_named_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(2).await;
    let body = json!({"accounts": [
        account("A1", "1", "1"),
        account("A1", "1", "2"),
        {"number": "A 3", "address": {"city": "Абакан", "street": "ул.", "house": "д."}},
    ]});
    let reply = app.put("/v1/providers/me/accounts", &body, Some(&p.token)).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), ["accounts[1].number", "accounts[2].address.house", "accounts[2].address.street", "accounts[2].number"]);
    assert!(app.collect("/v1/providers/me/accounts", Some(&p.token)).await.is_empty());

    let too_many: Vec<Value> = (0..10_001).map(|i| account(&format!("N{i}"), "1", &i.to_string())).collect();
    let reply =
        app.put("/v1/providers/me/accounts", &json!({"accounts": too_many}), Some(&p.token)).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), ["accounts"]);
    assert!(app.collect("/v1/providers/me/accounts", Some(&p.token)).await.is_empty());
}

#[tokio::test]
async fn providers_see_only_their_own_accounts() {
    let app = TestApp::spawn().await;
    let a = app.active_provider(3).await;
    let b = app.active_provider(4).await;
    app.upload_accounts(&a.token, 3).await.expect(200);
    assert!(app.collect("/v1/providers/me/accounts", Some(&b.token)).await.is_empty());
    // The same numbers are B's own, separate accounts.
    app.upload_accounts(&b.token, 1).await.expect(200);
    assert_eq!(app.collect("/v1/providers/me/accounts", Some(&a.token)).await.len(), 3);
    assert_eq!(app.collect("/v1/providers/me/accounts", Some(&b.token)).await.len(), 1);
    let operator = app.operator_token().await;
    app.get("/v1/providers/me/accounts", Some(&operator)).await.expect_problem(403, "forbidden");
}

#[tokio::test]
async fn ten_thousand_accounts_in_one_call_page_back() {
    let app = TestApp::spawn().await;
    let p = app.active_provider(5).await;
    let reply = app.upload_accounts(&p.token, 10_000).await.expect(200);
    assert_eq!(reply.body["created"], 10_000);
    let codes: std::collections::HashSet<&str> =
        reply.body["accounts"].as_array().unwrap().iter().map(|a| a["payer_code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 10_000, "one premises, one payer code each");
    let listed = app.collect("/v1/providers/me/accounts", Some(&p.token)).await;
    assert_eq!(listed.len(), 10_000);
}
