//! Every error is problem+json: unknown routes, wrong methods, malformed bodies, wrong content types,
//! bad query parameters, oversized bodies and validation failures naming each field.

use serde_json::json;

use crate::helpers::{TestApp, provider_body};

#[tokio::test]
async fn unknown_route_and_wrong_method() {
    let app = TestApp::spawn().await;
    app.get("/v1/nothing-here", None).await.expect_problem(404, "not_found");
    let reply = app.delete("/v1/providers", None).await.expect_problem(405, "method_not_allowed");
    assert_eq!(reply.header("allow"), Some("GET, POST"));
    let reply = app.put("/v1/providers/prv_x/approve", &json!({}), None).await.expect_problem(405, "method_not_allowed");
    assert_eq!(reply.header("allow"), Some("POST"));
}

#[tokio::test]
async fn the_request_id_is_echoed_in_header_and_body() {
    let app = TestApp::spawn().await;
    let reply = app.send(app.request(reqwest::Method::GET, "/v1/nope", None).header("x-request-id", "trace-123")).await;
    assert_eq!(reply.header("x-request-id"), Some("trace-123"));
    assert_eq!(reply.body["request_id"], "trace-123");
}

#[tokio::test]
async fn malformed_json_wrong_type_and_oversized_bodies() {
    let app = TestApp::spawn().await;
    let raw = |body: &'static str, content_type: &'static str| {
        app.request(reqwest::Method::POST, "/v1/providers", None).header("content-type", content_type).body(body)
    };
    app.send(raw("{\"name\": ", "application/json")).await.expect_problem(400, "malformed_json");
    app.send(raw("name=x", "text/plain")).await.expect_problem(415, "unsupported_media_type");
    app.send(app.request(reqwest::Method::POST, "/v1/providers", None).body("{}")).await.expect_problem(415, "unsupported_media_type");
    // A body over the limit is refused from its Content-Length, before it is read.
    let raw = oversized_post(&app.address).await;
    assert!(raw.starts_with("HTTP/1.1 413"), "{raw}");
    assert!(raw.contains("application/problem+json") && raw.contains("payload_too_large"), "{raw}");

    let mut body = provider_body(1);
    body["bank"]["bik"] = json!(44525225);
    let reply = app.post("/v1/providers", &body, None).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), vec!["bank.bik"]);
    body["bank"]["bik"] = json!("044525225");
    body["surprise"] = json!(true);
    let reply = app.post("/v1/providers", &body, None).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), vec!["surprise"]);
    let mut body = provider_body(1);
    body.as_object_mut().unwrap().remove("ogrn");
    let reply = app.post("/v1/providers", &body, None).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), vec!["ogrn"]);

    // A whole document followed by anything more is not JSON, and registers nothing.
    let trailing = app
        .request(reqwest::Method::POST, "/v1/providers", None)
        .header("content-type", "application/json")
        .body(format!("{} {{}}", provider_body(1)));
    app.send(trailing).await.expect_problem(400, "malformed_json");
    app.post("/v1/providers", &provider_body(1), None).await.expect(201);
}

#[tokio::test]
async fn bad_query_parameters() {
    let app = TestApp::spawn().await;
    app.get("/v1/providers?limit=abc", None).await.expect_problem(400, "invalid_query");
    let reply = app.get("/v1/providers?limit=0", None).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), vec!["limit"]);
    app.get("/v1/providers?limit=501", None).await.expect_problem(422, "validation_failed");
    let reply = app.get("/v1/providers?cursor=not-ours", None).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), vec!["cursor"]);
}

#[tokio::test]
async fn validation_names_every_failing_field() {
    let app = TestApp::spawn().await;
    let body = json!({
        "name": "X",
        "inn": "7707083894",
        "kpp": "77-01-001",
        "ogrn": "1027700132196",
        "email": "not-an-email",
        "phone": "12345",
        "bank": {"name": "Bank", "bik": "044525225", "account": "40702810438000060474", "correspondent_account": "30101810500000000225"},
        "webhook_url": "ftp://example.com/hook"
    });
    let reply = app.post("/v1/providers", &body, None).await.expect_problem(422, "validation_failed");
    let mut fields = reply.fields();
    fields.sort();
    assert_eq!(fields, ["bank.account", "bank.correspondent_account", "email", "inn", "kpp", "name", "ogrn", "phone", "webhook_url"]);
    let operator = app.operator_token().await;
    let listed = app.get("/v1/providers", Some(&operator)).await.expect(200);
    assert_eq!(listed.body["data"].as_array().unwrap().len(), 0, "nothing may be stored");
}

async fn oversized_post(address: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(address.trim_start_matches("http://")).await.unwrap();
    let head =
        "POST /v1/providers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40000000\r\nConnection: close\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    String::from_utf8_lossy(&answer).into_owned()
}

/// How often each `Code::Variant` is written in `src/` (the table of codes names them bare).
fn code_uses() -> std::collections::HashMap<String, usize> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    let mut uses = std::collections::HashMap::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        for part in text.split("Code::").skip(1) {
            let name: String = part.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            *uses.entry(name).or_default() += 1;
        }
    }
    uses
}

#[test]
fn every_code_is_in_the_spec_and_answered_somewhere() {
    let spec = serde_json::to_value(ebill::api::spec()).unwrap();
    let listed: Vec<&str> = spec["components"]["schemas"]["Code"]["enum"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    let uses = code_uses();
    for code in ebill::error::Code::ALL {
        assert!(listed.contains(&code.as_str()), "{} is not in the spec", code.as_str());
        let (status, _) = ebill::api::errors::http(*code);
        assert!((400..600).contains(&status), "{} maps to {status}", code.as_str());
        // Once in the HTTP table, and at least once where it is answered.
        let name = format!("{code:?}");
        assert!(uses.get(&name).copied().unwrap_or(0) >= 2, "{} is never answered", code.as_str());
    }
    assert_eq!(listed.len(), ebill::error::Code::ALL.len());
}
