//! Operators find premises that normalisation could not match and merge them.

use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn operators_merge_two_premises_that_are_one_dwelling() {
    let app = TestApp::spawn().await;
    let a = app.active_provider(1).await;
    let b = app.active_provider(2).await;
    // «Мира» and «пр. Мира» stay apart: the street type differs.
    let put = |street: &str, number: &str| json!({"accounts": [{"number": number, "address": {"city": "Абакан", "street": street, "house": "3", "apartment": "9"}}]});
    let ra = app.put("/v1/providers/me/accounts", &put("ул. Мира", "A-1"), Some(&a.token)).await.expect(200);
    let rb = app.put("/v1/providers/me/accounts", &put("пр. Мира", "B-1"), Some(&b.token)).await.expect(200);
    let (keep, gone) = (
        ra.body["accounts"][0]["payer_code"].as_str().unwrap().to_owned(),
        rb.body["accounts"][0]["payer_code"].as_str().unwrap().to_owned(),
    );
    assert_ne!(keep, gone);

    let operator = app.operator_token().await;
    let found = app.collect("/v1/premises?search=мира", Some(&operator)).await;
    assert_eq!(found.len(), 2);
    let merged = app.post(&format!("/v1/premises/{gone}/merge"), &json!({"into_payer_code": keep}), Some(&operator)).await.expect(200);
    assert_eq!(merged.body["payer_code"], keep.as_str());
    assert_eq!(merged.body["accounts_moved"], 1);

    let found = app.collect("/v1/premises?search=мира", Some(&operator)).await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["accounts"].as_array().unwrap().len(), 2);
    let b_accounts = app.collect("/v1/providers/me/accounts", Some(&b.token)).await;
    assert_eq!(b_accounts[0]["payer_code"], keep.as_str());

    // The retired code cannot be merged again, or used as a target.
    app.post(&format!("/v1/premises/{gone}/merge"), &json!({"into_payer_code": keep}), Some(&operator))
        .await
        .expect_problem(404, "not_found");
    let reply = app.post(&format!("/v1/premises/{keep}/merge"), &json!({"into_payer_code": gone}), Some(&operator)).await;
    assert_eq!(reply.expect_problem(422, "validation_failed").fields(), ["into_payer_code"]);
    // New accounts at «пр. Мира» now make a new premises; the retired code is never reused.
    let again = app.put("/v1/providers/me/accounts", &put("пр. Мира", "B-2"), Some(&b.token)).await.expect(200);
    assert_ne!(again.body["accounts"][0]["payer_code"], gone.as_str());
    app.get("/v1/premises", Some(&a.token)).await.expect_problem(403, "forbidden");
}
