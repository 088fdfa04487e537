//! Health, readiness, metrics, the OpenAPI document and its committed copy, the docs page, the CLI,
//! and the two migration folders.

use crate::helpers::TestApp;

#[tokio::test]
async fn health_and_readiness() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz", None).await.expect(200).body["status"], "ok");
    assert_eq!(app.get("/readyz", None).await.expect(200).body["status"], "ok");
}

#[tokio::test]
async fn metrics_count_requests_by_route() {
    let app = TestApp::spawn().await;
    app.get("/v1/providers", None).await.expect(200);
    app.get("/v1/providers/prv_nope", None).await.expect(404);
    let text = app.get("/metrics", None).await.expect(200).text;
    assert!(text.contains(r#"ebill_http_requests_total{method="GET",route="/v1/providers",status="200"} 1"#), "{text}");
    assert!(text.contains(r#"route="/v1/providers/{id}",status="404"} 1"#), "{text}");
    assert!(text.contains("ebill_http_request_duration_seconds_bucket"));
}

#[tokio::test]
async fn served_spec_matches_the_committed_file() {
    let app = TestApp::spawn().await;
    let served = app.get("/openapi.json", None).await.expect(200).body;
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("openapi/openapi.json").unwrap_or_default()).unwrap_or_default();
    assert!(served == committed, "openapi/openapi.json is out of date: regenerate it with `cargo run -- openapi > openapi/openapi.json`");
}

#[tokio::test]
async fn docs_work_offline() {
    let app = TestApp::spawn().await;
    let reply = app.send(app.client.get(app.url("/docs")).header("accept", "text/html")).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert!(reply.text.contains("swagger-ui"), "{}", reply.text);
    for asset in ["/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js", "/docs/swagger-initializer.js"] {
        let reply = app.get(asset, None).await.expect(200);
        assert!(!reply.text.contains("unpkg.com") && !reply.text.contains("cdn.jsdelivr"), "{asset} loads from a CDN");
    }
    let init = app.get("/docs/swagger-initializer.js", None).await.text;
    assert!(init.contains("/openapi.json"), "{init}");
}

#[tokio::test]
async fn every_route_in_the_spec_is_mounted() {
    let app = TestApp::spawn().await;
    let spec = app.get("/openapi.json", None).await.body;
    for (path, item) in spec["paths"].as_object().unwrap() {
        let concrete = path.replace("{id}", "zzz").replace(['{', '}'], "");
        for method in item.as_object().unwrap().keys() {
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let reply = app.send(app.request(method.clone(), &concrete, None)).await;
            // Unmounted routes would fall through to the 404/405 of the fallback.
            assert_ne!(reply.body["code"], "method_not_allowed", "{method} {path}");
            assert!(reply.body["detail"].as_str().is_none_or(|d| !d.starts_with("no route")), "{method} {path}: {}", reply.text);
        }
    }
}

#[test]
fn migration_folders_match() {
    let names = |dir: &str| {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    let (pg, sqlite) = (names("migrations/postgres"), names("migrations/sqlite"));
    assert!(!pg.is_empty());
    assert_eq!(pg, sqlite, "migrations/postgres and migrations/sqlite must hold the same migrations");
    for name in pg {
        for file in ["up.sql", "down.sql"] {
            assert!(std::path::Path::new(&format!("migrations/sqlite/{name}/{file}")).exists(), "{name}/{file}");
        }
    }
}

#[tokio::test]
async fn migrations_go_up_down_and_up_again() {
    use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
    const PG: EmbeddedMigrations = embed_migrations!("migrations/postgres");
    const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
    let app = TestApp::spawn().await;
    app.db(|conn| {
        let reverted = match conn {
            ebill::store::db::DbConn::Pg(c) => c.revert_all_migrations(PG),
            ebill::store::db::DbConn::Sqlite(c) => c.revert_all_migrations(SQLITE),
        }
        .expect("down");
        assert!(!reverted.is_empty());
        assert!(!ebill::store::db::migrations_complete(conn).unwrap());
        ebill::store::db::migrate(conn).expect("up again");
        assert!(ebill::store::db::migrations_complete(conn).unwrap());
    });
}

#[test]
fn cli_prints_the_spec_and_adds_operators() {
    let bin = env!("CARGO_BIN_EXE_ebill");
    let out = std::process::Command::new(bin).arg("openapi").output().unwrap();
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["info"]["title"], "ebill");

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let add = |email: &str| {
        std::process::Command::new(bin)
            .args(["operator", "add", "--email", email])
            .env("EBILL_DATABASE_URL", &url)
            .env("EBILL_OPERATOR_PASSWORD", "operator-password-1")
            .output()
            .unwrap()
    };
    let first = add("Ops@Agent.example");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let again = add("ops@agent.example");
    assert!(!again.status.success(), "a second operator with the same email must be refused");

    let bad = std::process::Command::new(bin).arg("migrate").env("EBILL_BIND", "nowhere").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("EBILL_BIND"));
}

#[test]
fn the_demo_city_is_seeded_once() {
    use diesel::prelude::*;
    let bin = env!("CARGO_BIN_EXE_ebill");
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("demo.db").display());
    let demo = || std::process::Command::new(bin).arg("demo").env("EBILL_DATABASE_URL", &url).output().unwrap();
    let first = demo();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let printed = String::from_utf8_lossy(&first.stdout).into_owned();
    for expected in ["operator@demo.ebill / demo-operator-2021", "anna@demo.ebill / demo-resident-2021", "cli_demo_sgk / sk_demo_sgk_2021"]
    {
        assert!(printed.contains(expected), "{printed}");
    }
    let counts = || {
        let mut conn = ebill::store::db::pool(&ebill::store::db::DatabaseUrl::parse(&url).unwrap(), 1, std::time::Duration::from_secs(5))
            .unwrap()
            .get()
            .unwrap();
        use ebill::store::schema::{billing_runs, charges, documents, premises, providers};
        (
            providers::table.count().get_result::<i64>(&mut *conn).unwrap(),
            premises::table.count().get_result::<i64>(&mut *conn).unwrap(),
            charges::table.count().get_result::<i64>(&mut *conn).unwrap(),
            documents::table.count().get_result::<i64>(&mut *conn).unwrap(),
            billing_runs::table.select(billing_runs::status).load::<String>(&mut *conn).unwrap(),
        )
    };
    let seeded = counts();
    assert_eq!((seeded.0, seeded.1, seeded.2), (3, 300, 2 * 300 * 5));
    assert_eq!(seeded.4, ["finished"]);
    assert!(seeded.3 >= 300);
    assert!(printed.contains("Cabinet login:  anna@demo.ebill / demo-resident-2021"), "{printed}");
    // The demo resident's switch went the way of every resident's: a confirmed SMS verification.
    let history: Vec<(String, String, Option<String>, String)> = {
        let mut conn = ebill::store::db::pool(&ebill::store::db::DatabaseUrl::parse(&url).unwrap(), 1, std::time::Duration::from_secs(5))
            .unwrap()
            .get()
            .unwrap();
        use ebill::store::schema::delivery_changes;
        delivery_changes::table
            .select((
                delivery_changes::from_channel,
                delivery_changes::to_channel,
                delivery_changes::verification_id,
                delivery_changes::reason,
            ))
            .load(&mut *conn)
            .unwrap()
    };
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!((history[0].0.as_str(), history[0].1.as_str(), history[0].3.as_str()), ("paper", "electronic", "resident"));
    assert!(history[0].2.is_some(), "confirmed by an SMS code");
    let again = demo();
    assert!(again.status.success());
    assert_eq!(String::from_utf8_lossy(&again.stdout), printed);
    assert_eq!(counts(), seeded);
}

#[tokio::test]
async fn an_idle_connection_stays_open_across_a_pause() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::spawn().await;
    let mut stream = tokio::net::TcpStream::connect(app.address.trim_start_matches("http://")).await.unwrap();
    let request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    let mut answer = [0u8; 4096];
    stream.write_all(request).await.unwrap();
    let n = stream.read(&mut answer).await.unwrap();
    assert!(answer[..n].starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answer[..n]));
    // Longer than actix's default keep-alive (5 s), after which the server would have closed it.
    tokio::time::sleep(std::time::Duration::from_secs(7)).await;
    stream.write_all(request).await.unwrap();
    let n = stream.read(&mut answer).await.unwrap_or(0);
    assert!(answer[..n].starts_with(b"HTTP/1.1 200"), "the server closed the idle connection");
}
