//! A fresh PostgreSQL database per test, cloned from a template migrated once per schema version.

use std::sync::OnceLock;

use diesel::prelude::*;
use ebill::store::db::{self, DbConn};

fn pg_url_with_db(base: &str, name: &str) -> String {
    let mut url = url::Url::parse(base).expect("TEST_DATABASE_URL is a URL");
    url.set_path(name);
    url.to_string()
}

/// The migrated template database, made once per schema version (under an advisory lock, since test
/// processes may run side by side).
fn pg_template(base: &str) -> String {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let mut hasher_input = String::new();
            let mut entries: Vec<_> = std::fs::read_dir("migrations/postgres").expect("migrations").flatten().collect();
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                for file in ["up.sql", "down.sql"] {
                    hasher_input.push_str(&std::fs::read_to_string(entry.path().join(file)).unwrap_or_default());
                }
            }
            let name = format!("ebill_tpl_{}", &ebill::crypto::sha256_hex(hasher_input.as_bytes())[..16]);
            let mut admin = PgConnection::establish(base).expect("connect to TEST_DATABASE_URL");
            diesel::sql_query("SELECT pg_advisory_lock(727274)").execute(&mut admin).expect("lock");
            #[derive(QueryableByName)]
            struct Exists {
                #[diesel(sql_type = diesel::sql_types::Bool)]
                exists: bool,
            }
            let found = diesel::sql_query(format!("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{name}') AS exists"))
                .get_result::<Exists>(&mut admin)
                .expect("query pg_database")
                .exists;
            if !found {
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin).expect("create template");
                let mut conn = DbConn::Pg(PgConnection::establish(&pg_url_with_db(base, &name)).expect("connect to template"));
                db::migrate(&mut conn).expect("migrate template");
            }
            diesel::sql_query("SELECT pg_advisory_unlock(727274)").execute(&mut admin).expect("unlock");
            name
        })
        .clone()
}

pub fn fresh_pg_database(base: &str) -> (String, String) {
    let template = pg_template(base);
    let name = format!("ebill_test_{}", uuid::Uuid::now_v7().simple());
    let mut admin = PgConnection::establish(base).expect("connect to TEST_DATABASE_URL");
    let mut tries = 0;
    while let Err(e) = diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}")).execute(&mut admin) {
        // Two clones of one template at the same instant may collide; try again.
        tries += 1;
        assert!(tries < 50, "create test database: {e}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    (pg_url_with_db(base, &name), name)
}

/// Drops a test's database (forcing out the connections the app still holds).
pub fn drop_database(base: &str, name: &str) {
    if let Ok(mut admin) = PgConnection::establish(base) {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin);
    }
}
