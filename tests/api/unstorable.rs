//! No input gets a 500: generated from the spec, every operation is called, as each role that may
//! call it, with text no database can store in each string field of its body (NUL, a lone surrogate,
//! 100,000 characters), in each path parameter and in each query parameter.

use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::helpers::TestApp;

/// Stands for the text under test in a body; replaced in the serialised JSON.
const MARK: &str = "\u{1}MARK\u{1}";

/// What is put in place of one string: the raw JSON text of the value.
fn variants() -> Vec<(&'static str, String)> {
    vec![
        ("NUL", r#""a\u0000b""#.to_owned()),
        ("lone surrogate", r#""a\ud800b""#.to_owned()),
        ("100,000 characters", format!("\"{}\"", "я".repeat(100_000))),
    ]
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
        Some(name) => resolve(spec, &spec["components"]["schemas"][name]),
        None => match ["oneOf", "anyOf", "allOf"].iter().find_map(|k| schema[*k].as_array()) {
            Some(options) => options.iter().map(|o| resolve(spec, o)).find(|o| o["type"] != "null").unwrap_or(schema),
            None => schema,
        },
    }
}

fn type_of(schema: &Value) -> &str {
    match &schema["type"] {
        Value::String(t) => t,
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("null"),
        _ if schema["properties"].is_object() => "object",
        _ => "string",
    }
}

/// A value of `schema`: its example where it has one, with every property it leaves out filled in.
fn sample(spec: &Value, schema: &Value) -> Value {
    let schema = resolve(spec, schema);
    let example = schema.get("example").cloned();
    match type_of(schema) {
        "object" => {
            let mut object = example.and_then(|e| e.as_object().cloned()).unwrap_or_default();
            for (name, property) in schema["properties"].as_object().into_iter().flatten() {
                if !object.contains_key(name) {
                    object.insert(name.clone(), sample(spec, property));
                }
            }
            Value::Object(object)
        }
        "array" => match example {
            Some(Value::Array(items)) if !items.is_empty() => {
                // The example's first item, with whatever it leaves out filled in.
                let mut item = sample(spec, &schema["items"]);
                if let (Value::Object(filled), Value::Object(given)) = (&mut item, &items[0]) {
                    filled.extend(given.clone());
                }
                Value::Array(vec![item])
            }
            _ => Value::Array(vec![sample(spec, &schema["items"])]),
        },
        "integer" | "number" => example.unwrap_or(json!(1)),
        "boolean" => example.unwrap_or(json!(true)),
        _ => example.unwrap_or(json!("x")),
    }
}

/// The paths of every string in `value`.
fn string_paths(value: &Value, at: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match value {
        Value::String(_) => out.push(at),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| string_paths(v, [at.clone(), vec![json!(i)]].concat(), out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| string_paths(v, [at.clone(), vec![json!(k)]].concat(), out)),
        _ => {}
    }
}

fn set(value: &mut Value, path: &[Value], to: Value) {
    let mut slot = value;
    for step in path {
        slot = match step {
            Value::String(k) => &mut slot[k.as_str()],
            Value::Number(i) => &mut slot[i.as_u64().unwrap_or(0) as usize],
            _ => unreachable!(),
        };
    }
    *slot = to;
}

/// The bodies of an operation: one per string field and kind of text (as raw JSON).
fn bodies(spec: &Value, op: &Value) -> Vec<(String, String)> {
    let Some(schema) = op["requestBody"]["content"]["application/json"].get("schema") else { return Vec::new() };
    let base = sample(spec, schema);
    let mut paths = Vec::new();
    string_paths(&base, Vec::new(), &mut paths);
    let mut out = Vec::new();
    for path in paths {
        let mut marked = base.clone();
        set(&mut marked, &path, json!(MARK));
        let text = marked.to_string();
        let marker = serde_json::to_string(MARK).unwrap();
        for (kind, raw) in variants() {
            let field: Vec<String> = path.iter().map(|s| s.to_string().trim_matches('"').to_owned()).collect();
            out.push((format!("{kind} in {}", field.join(".")), text.replace(&marker, &raw)));
        }
    }
    out
}

#[tokio::test]
async fn no_input_gets_a_server_error() {
    let app = TestApp::spawn().await;
    let (provider, payer_code) = app.provider_with_account(1, true).await;
    let (_, resident) = app.confirmed_resident("anna@example.org", "+79130001122").await;
    app.link(&resident, &payer_code).await;
    let operator = app.operator_token().await;
    let spec = serde_json::to_value(ebill::api::spec()).unwrap();
    let fresh = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();

    let mut failures = Vec::new();
    let mut sent = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        if !path.starts_with("/v1/") {
            continue;
        }
        for (method, op) in item.as_object().unwrap() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else { continue };
            let security = op["security"].as_array().cloned().unwrap_or_default();
            let anonymous = security.is_empty() || security.iter().any(|s| s.as_object().is_some_and(Map::is_empty));
            let mut callers: Vec<Option<&str>> = Vec::new();
            if anonymous {
                callers.push(None);
            }
            if security.iter().any(|s| s.get("bearer").is_some()) {
                callers.extend([Some(resident.as_str()), Some(provider.token.as_str()), Some(operator.as_str())]);
            }
            let parameters = op["parameters"].as_array().cloned().unwrap_or_default();
            let names = |place: &str| -> Vec<String> {
                parameters.iter().filter(|p| p["in"] == place).filter_map(|p| p["name"].as_str().map(str::to_owned)).collect()
            };
            let (in_path, in_query) = (names("path"), names("query"));
            let fill = |nul_in: Option<&str>| {
                in_path.iter().fold(path.clone(), |p, name| {
                    p.replace(&format!("{{{name}}}"), if nul_in == Some(name.as_str()) { "x%00y" } else { "x" })
                })
            };
            let base_body = op["requestBody"]["content"]["application/json"].get("schema").map(|s| sample(&spec, s).to_string());

            // (what is tried, path with query, JSON body)
            let mut tries: Vec<(String, String, Option<String>)> = Vec::new();
            for name in &in_path {
                tries.push((format!("NUL in path {name}"), fill(Some(name)), base_body.clone()));
            }
            for name in &in_query {
                tries.push((format!("NUL in query {name}"), format!("{}?{name}=a%00b", fill(None)), base_body.clone()));
            }
            for (what, body) in bodies(&spec, op) {
                tries.push((what, fill(None), Some(body)));
            }
            for caller in &callers {
                for (what, target, body) in &tries {
                    // A connection of its own: the server closes one whose large body it refused unread.
                    let mut request = fresh.request(method.clone(), app.url(target));
                    if let Some(token) = caller {
                        request = request.bearer_auth(token);
                    }
                    if let Some(body) = body {
                        request = request.header("content-type", "application/json").body(body.clone());
                    }
                    let reply = app.send(request).await;
                    sent += 1;
                    if reply.status.is_server_error() {
                        failures.push(format!("{method} {path} ({what}): {} {}", reply.status, reply.text));
                    }
                    assert_eq!(
                        reply.header("content-type").filter(|_| reply.status.as_u16() >= 400),
                        (reply.status.as_u16() >= 400).then_some("application/problem+json"),
                        "{method} {path} ({what}) answered an error that is not problem+json: {}",
                        reply.text
                    );
                }
            }
        }
    }
    assert!(sent > 400, "the spec yielded only {sent} requests");
    assert!(failures.is_empty(), "{} of {sent} requests got a server error:\n{}", failures.len(), failures.join("\n"));
}

#[tokio::test]
async fn text_that_cannot_be_stored_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let mut body = crate::helpers::provider_body(3);
    body["name"] = json!("МУП\u{0}Водоканал");
    let reply = app.post("/v1/providers", &body, None).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), ["name"]);
    let raw = crate::helpers::provider_body(3).to_string().replace("\"Provider 3\"", r#""Provider \udc00 3""#);
    let reply = app
        .send(app.request(Method::POST, "/v1/providers", None).header("content-type", "application/json").body(raw))
        .await
        .expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), ["name"]);

    let (_, token) = app.confirmed_resident("anna@example.org", "+79130001122").await;
    app.get("/v1/me/addresses/adr%00x", Some(&token)).await.expect_problem(404, "not_found");
    let listed = app.get("/v1/me/documents?period=2021%0008", Some(&token)).await.expect_problem(400, "invalid_query");
    assert_eq!(listed.fields(), ["period"]);
    // A cursor of the right shape that holds NUL is as bad as any foreign cursor.
    let cursor = "c1.7072765f00";
    let reply = app.get(&format!("/v1/providers?cursor={cursor}"), None).await.expect_problem(422, "validation_failed");
    assert_eq!(reply.fields(), ["cursor"]);
    let login = [("grant_type", "password"), ("username", "anna@example.org\u{0}"), ("password", "resident-password-1")];
    app.send(app.client.post(app.url("/v1/oauth/token")).form(&login)).await.expect_problem(400, "invalid_request");
    let operator = app.operator_token().await;
    let stored = app.get("/v1/providers", Some(&operator)).await.expect(200);
    assert_eq!(stored.body["data"].as_array().unwrap().len(), 0, "nothing was stored");
}

#[tokio::test]
async fn a_token_request_over_the_size_limit_is_a_problem_too() {
    let app = TestApp::spawn().await;
    // One byte over the 64 KiB the endpoint reads (sent whole, so the answer is read, not a reset).
    let prefix = "grant_type=password&username=a&password=";
    let huge = format!("{prefix}{}", "x".repeat(64 * 1024 + 1 - prefix.len()));
    let reply =
        app.send(app.client.post(app.url("/v1/oauth/token")).header("content-type", "application/x-www-form-urlencoded").body(huge)).await;
    reply.expect_problem(413, "payload_too_large");
}

#[tokio::test]
async fn a_query_parameter_an_operation_does_not_take_is_refused_naming_it_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let (provider, _) = app.provider_with_account(7, false).await;
    let items = json!({"period": "2021-08", "items": [crate::helpers::charge("LS-1", "water", 1200)]});
    for query in ["dry_run=true", "validate_onyl=true"] {
        let name = query.split('=').next().unwrap();
        let reply = app.post(&format!("/v1/providers/me/charges?{query}"), &items, Some(&provider.token)).await;
        let reply = reply.expect_problem(400, "invalid_query");
        assert_eq!(reply.fields(), [name]);
        assert!(reply.body["detail"].as_str().unwrap().contains(name), "{}", reply.body);
    }
    let operator = app.operator_token().await;
    let stored: i64 = app.db(|conn| {
        use diesel::prelude::*;
        ebill::store::schema::charges::table.count().get_result(conn).unwrap()
    });
    assert_eq!(stored, 0, "nothing was written");
    // The parameters an operation takes pass; a mistyped one on a read is refused too.
    app.get("/v1/providers?status=pending&limit=5", Some(&operator)).await.expect(200);
    let reply = app.get("/v1/providers?stauts=pending", Some(&operator)).await.expect_problem(400, "invalid_query");
    assert_eq!(reply.fields(), ["stauts"]);
    // Without a token, a call that needs one is 401 first.
    app.get("/v1/me/documents?nope=1", None).await.expect_problem(401, "unauthorized");
    // The push itself, without the stray parameter, is written.
    app.post("/v1/providers/me/charges", &items, Some(&provider.token)).await.expect(200);
}
