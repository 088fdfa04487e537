//! Operators are accountable: their decisions, and the consent changes of providers and residents,
//! are in the audit trail; runs are listed; withdrawing e-document capability tells those it affects.

use serde_json::{Value, json};

use crate::helpers::{TestApp, subject_of, webhook_sink};

const PHONE: &str = "+79130007788";

fn kinds(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["kind"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn decisions_and_consent_changes_are_in_the_audit_trail() {
    let app = TestApp::spawn().await;
    let (provider, payer_code) = app.provider_with_account(1, true).await;
    let (resident_id, token) = app.confirmed_resident("anna@example.org", PHONE).await;
    let operator = app.operator_token().await;
    let operator_id = subject_of(&operator);
    app.post(&format!("/v1/providers/{}/suspend", provider.id), &json!({}), Some(&operator)).await.expect(200);
    app.post(&format!("/v1/providers/{}/approve", provider.id), &json!({}), Some(&operator)).await.expect(200);
    let issued = app.post(&format!("/v1/premises/{payer_code}/link-codes"), &json!({}), Some(&operator)).await.expect(201);
    let link_code = issued.body["link_code"].as_str().unwrap().to_owned();
    let linked = app.post("/v1/me/addresses", &json!({"payer_code": payer_code, "link_code": link_code}), Some(&token)).await.expect(201);
    let address = linked.body["id"].as_str().unwrap().to_owned();
    app.switch_to_electronic(&token, &address, PHONE, 1).await;
    let run = app.post("/v1/billing-runs", &json!({"period": "2021-01"}), Some(&operator)).await.expect(202);
    let run_id = run.body["id"].as_str().unwrap().to_owned();

    // Everything, newest first.
    let all = app.collect("/v1/audit-events", Some(&operator)).await;
    let expected = [
        "billing_run.started",
        "delivery.changed",
        "address.linked",
        "link_code.issued",
        "provider.approved",
        "provider.suspended",
        "resident.registered",
        "edoc.declared",
        "provider.approved",
    ];
    assert_eq!(kinds(&all), expected);
    assert!(!all.iter().any(|e| e.to_string().contains(&link_code)), "no code in the trail");
    let change = &all[1];
    assert_eq!((change["actor_kind"].as_str(), change["actor_id"].as_str()), (Some("resident"), Some(resident_id.as_str())));
    assert_eq!((change["object_type"].as_str(), change["object_id"].as_str()), (Some("address"), Some(address.as_str())));
    assert_eq!((change["data"]["from"].as_str(), change["data"]["to"].as_str()), (Some("paper"), Some("electronic")));
    assert_eq!(all[6]["actor_id"], resident_id.as_str());
    assert_eq!(all[6]["data"], json!({"consent_version": ebill::domain::consent::CONSENT_VERSION}));
    assert_eq!(all[7]["actor_id"], provider.id.as_str());
    assert_eq!(all[7]["data"], json!({"edoc_capable": true, "since": "2021-01"}));

    // Filtered by actor, kind, object and time; paged.
    let mine = app.collect(&format!("/v1/audit-events?actor={operator_id}"), Some(&operator)).await;
    assert_eq!(kinds(&mine), ["billing_run.started", "link_code.issued", "provider.approved", "provider.suspended"]);
    let suspensions = app.collect("/v1/audit-events?kind=provider.suspended", Some(&operator)).await;
    assert_eq!(suspensions.len(), 1);
    assert_eq!(suspensions[0]["data"], json!({"from": "active", "to": "suspended"}));
    let of_run = app.collect(&format!("/v1/audit-events?object={run_id}"), Some(&operator)).await;
    assert_eq!(kinds(&of_run), ["billing_run.started"]);
    let page = app.get("/v1/audit-events?limit=3", Some(&operator)).await.expect(200);
    assert_eq!(page.body["data"].as_array().unwrap().len(), 3);
    let cursor = page.body["next_cursor"].as_str().unwrap();
    let next = app.get(&format!("/v1/audit-events?limit=3&cursor={cursor}"), Some(&operator)).await.expect(200);
    assert_eq!(next.body["data"][0]["kind"], expected[3]);
    let future = app.get("/v1/audit-events?since=2999-01-01T00:00:00Z", Some(&operator)).await.expect(200);
    assert!(future.body["data"].as_array().unwrap().is_empty());
    let past = app.get("/v1/audit-events?until=2000-01-01T00:00:00Z", Some(&operator)).await.expect(200);
    assert!(past.body["data"].as_array().unwrap().is_empty());

    // Only operators read it.
    app.get("/v1/audit-events", Some(&token)).await.expect_problem(403, "forbidden");
    app.get("/v1/audit-events", Some(&provider.token)).await.expect_problem(403, "forbidden");
    app.get("/v1/audit-events", None).await.expect_problem(401, "unauthorized");
}

#[tokio::test]
async fn billing_runs_are_listed_newest_first() {
    let app = TestApp::spawn().await;
    let operator = app.operator_token().await;
    let mut ids = Vec::new();
    for period in ["2021-06", "2021-07", "2021-08"] {
        let run = app.post("/v1/billing-runs", &json!({"period": period}), Some(&operator)).await.expect(202);
        ids.push(run.body["id"].as_str().unwrap().to_owned());
    }
    let listed = app.collect("/v1/billing-runs", Some(&operator)).await;
    let listed: Vec<(&str, &str)> = listed.iter().map(|r| (r["id"].as_str().unwrap(), r["period"].as_str().unwrap())).collect();
    assert_eq!(listed, [(ids[2].as_str(), "2021-08"), (ids[1].as_str(), "2021-07"), (ids[0].as_str(), "2021-06")]);
    let page = app.get("/v1/billing-runs?limit=1", Some(&operator)).await.expect(200);
    assert!(page.body["next_cursor"].is_string());
    let (provider, _) = app.provider_with_account(2, false).await;
    app.get("/v1/billing-runs", Some(&provider.token)).await.expect_problem(403, "forbidden");
}

#[tokio::test]
async fn withdrawing_capability_tells_the_residents_and_the_provider() {
    let app = TestApp::spawn().await;
    let (hooks, received) = webhook_sink().await;
    let (provider, payer_code) = app.provider_with_account(3, true).await;
    let (_, anna) = app.confirmed_resident("anna@example.org", PHONE).await;
    let (_, boris) = app.confirmed_resident("boris@example.org", "+79130007799").await;
    let address = app.link(&anna, &payer_code).await;
    app.link(&boris, &payer_code).await;
    app.switch_to_electronic(&anna, &address, PHONE, 1).await;
    app.patch("/v1/providers/me", &json!({"webhook_url": format!("{}/hook", hooks.uri())}), Some(&provider.token)).await.expect(200);
    let before = received.lock().unwrap().len();

    app.put("/v1/providers/me/edoc", &json!({"edoc_capable": false, "since": "2031-01"}), Some(&provider.token)).await.expect(200);
    let mails = app.mails_to("anna@example.org", 2).await;
    let notice = mails.iter().find(|m| m.subject.contains("на бумаге")).expect("a withdrawal notice");
    assert!(notice.text.contains("01.2031") && notice.text.contains(&payer_code), "{}", notice.text);
    // Boris stayed on paper: nothing changes for him, so he is not written to.
    app.settled().await;
    assert!(app.mails().iter().all(|m| m.to != "boris@example.org" || !m.subject.contains("на бумаге")));
    let events = app
        .eventually("the webhook", |_| {
            let got: Vec<Value> = received.lock().unwrap()[before..].to_vec();
            (!got.is_empty()).then_some(got)
        })
        .await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["type"], "account.delivery_changed");
    assert_eq!(
        events[0]["data"],
        json!({"account_number": "LS-1", "payer_code": payer_code, "delivery": "paper", "effective_from": "2031-01"})
    );

    // Declaring the withdrawal again changes nothing, so it tells nobody again.
    app.put("/v1/providers/me/edoc", &json!({"edoc_capable": false, "since": "2031-02"}), Some(&provider.token)).await.expect(200);
    app.settled().await;
    assert_eq!(app.mails().iter().filter(|m| m.subject.contains("на бумаге")).count(), 1);
}
