//! Linking premises to a cabinet: proof by one-time link code, its limits, and isolation between
//! residents.

use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn a_link_code_links_once_and_a_payer_code_alone_never_does() {
    let app = TestApp::spawn().await;
    let (provider, payer_code) = app.provider_with_account(1, true).await;
    let (_, anna) = app.confirmed_resident("anna@example.org", "+79130000001").await;
    let (_, boris) = app.confirmed_resident("boris@example.org", "+79130000002").await;

    app.post("/v1/me/addresses", &json!({"payer_code": payer_code, "link_code": "AAAA-AAAA"}), Some(&anna))
        .await
        .expect_problem(422, "validation_failed");
    let code = app.link_code(&payer_code).await;
    let reply = app
        .post("/v1/me/addresses", &json!({"payer_code": payer_code, "link_code": code.to_lowercase().replace('-', " ")}), Some(&anna))
        .await
        .expect(201);
    assert_eq!(reply.body["payer_code"], payer_code.as_str());
    assert_eq!(reply.body["address"]["street"], "ул. Ленина");
    assert_eq!(reply.body["delivery"]["channel"], "paper");
    assert_eq!(reply.body["providers"][0]["id"], provider.id.as_str());
    assert_eq!(reply.body["providers"][0]["edoc_capable"], true);

    // Used: nobody else links with it, and a second link of the same address is a conflict.
    app.post("/v1/me/addresses", &json!({"payer_code": payer_code, "link_code": code}), Some(&boris))
        .await
        .expect_problem(422, "validation_failed");
    let fresh = app.link_code(&payer_code).await;
    app.post("/v1/me/addresses", &json!({"payer_code": payer_code, "link_code": fresh}), Some(&anna))
        .await
        .expect_problem(409, "already_linked");
    app.post("/v1/me/addresses", &json!({"payer_code": payer_code, "link_code": fresh}), Some(&boris)).await.expect(201);

    let listed = app.get("/v1/me/addresses", Some(&anna)).await.expect(200);
    assert_eq!(listed.body["data"].as_array().unwrap().len(), 1);
    let bad = app.post("/v1/me/addresses", &json!({"payer_code": "1234567890", "link_code": fresh}), Some(&anna)).await;
    assert_eq!(bad.expect_problem(422, "validation_failed").fields(), ["payer_code"]);
}

#[tokio::test]
async fn five_wrong_codes_an_hour_block_the_payer_code() {
    let app = TestApp::spawn_with(|c| c.rate_limits = ebill::config::RateLimits::parse("on,link_code_failures=5/h").unwrap()).await;
    let (_, payer_code) = app.provider_with_account(2, false).await;
    let (_, mallory) = app.confirmed_resident("m@example.org", "+79130000003").await;
    let good = app.link_code(&payer_code).await;
    for i in 0..5 {
        let guess = json!({"payer_code": payer_code, "link_code": format!("ZZZZ-ZZZ{i}")});
        app.post("/v1/me/addresses", &guess, Some(&mallory)).await.expect_problem(422, "validation_failed");
    }
    let limited = app
        .post("/v1/me/addresses", &json!({"payer_code": payer_code, "link_code": good}), Some(&mallory))
        .await
        .expect_problem(429, "link_rate_limited");
    assert!(limited.header("retry-after").unwrap().parse::<u64>().unwrap() > 3000);
    assert!(app.get("/v1/me/addresses", Some(&mallory)).await.body["data"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn another_residents_address_is_not_found() {
    let app = TestApp::spawn().await;
    let (_, payer_code) = app.provider_with_account(3, true).await;
    let (_, anna) = app.confirmed_resident("anna@example.org", "+79130000004").await;
    let (_, boris) = app.confirmed_resident("boris@example.org", "+79130000005").await;
    let address = app.link(&anna, &payer_code).await;
    let delivery = json!({"channel": "electronic", "sms_notifications": false});
    app.get(&format!("/v1/me/addresses/{address}"), Some(&boris)).await.expect_problem(404, "not_found");
    app.put(&format!("/v1/me/addresses/{address}/delivery"), &delivery, Some(&boris)).await.expect_problem(404, "not_found");
    app.get(&format!("/v1/me/addresses/{address}/delivery/history"), Some(&boris)).await.expect_problem(404, "not_found");
    app.delete(&format!("/v1/me/addresses/{address}"), Some(&boris)).await.expect_problem(404, "not_found");
    app.get("/v1/me/addresses/adr_unknown", Some(&boris)).await.expect_problem(404, "not_found");

    let requested = app.put(&format!("/v1/me/addresses/{address}/delivery"), &delivery, Some(&anna)).await.expect(202);
    let verification = requested.body["verification"]["id"].as_str().unwrap();
    app.post(&format!("/v1/verifications/{verification}/confirm"), &json!({"code": "000000"}), Some(&boris))
        .await
        .expect_problem(404, "not_found");
    app.post(&format!("/v1/verifications/{verification}/resend"), &json!({}), Some(&boris)).await.expect_problem(404, "not_found");
    // Anna's address is untouched by Boris's attempts.
    app.get(&format!("/v1/me/addresses/{address}"), Some(&anna)).await.expect(200);
    app.delete(&format!("/v1/me/addresses/{address}"), Some(&anna)).await.expect(204);
    app.get(&format!("/v1/me/addresses/{address}"), Some(&anna)).await.expect_problem(404, "not_found");
}
