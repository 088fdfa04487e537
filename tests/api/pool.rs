//! The pool never hands out a connection that a panic left inside a transaction.

use std::time::Duration;

use ebill::store::{db, settings};

#[tokio::test]
async fn a_panic_inside_a_transaction_leaves_the_pool_usable() {
    let app = crate::helpers::TestApp::spawn().await;
    // One connection, so the one that panicked is the one the next caller would get back.
    let pool = db::pool(&app.config.database_url, 1, Duration::from_secs(5)).unwrap();
    let inner = pool.clone();
    let panicked = std::thread::spawn(move || {
        let mut conn = inner.get().unwrap();
        let _ = db::write_tx(&mut conn, |conn| -> diesel::QueryResult<()> {
            settings::get_or_insert(conn, "probe", "written before the panic")?;
            panic!("a bug inside a database closure");
        });
    })
    .join();
    assert!(panicked.is_err());

    let mut conn = pool.get().unwrap();
    db::write_tx(&mut conn, |conn| settings::get_or_insert(conn, "after", "written after the panic")).unwrap();
    drop(conn);
    app.db(|conn| {
        assert_eq!(settings::get(conn, "after").unwrap().as_deref(), Some("written after the panic"), "committed, seen elsewhere");
        assert_eq!(settings::get(conn, "probe").unwrap(), None, "the panicking transaction was rolled back");
    });
}
