//! Black-box tests of the HTTP API: each test starts the real app on a random port with a fresh
//! database (SQLite by default, PostgreSQL when `TEST_DATABASE_URL` is set).

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod helpers;

mod account;
mod accounts;
mod addresses;
mod apps;
mod audit;
mod auth;
mod authorization;
mod billing;
mod bounces;
mod cabinet;
mod charges;
mod cors;
mod delivery;
mod errors;
mod idempotency;
mod limits;
mod oauth_apps;
mod operations;
mod outbox;
mod pool;
mod premises;
mod provider_settings;
mod providers;
mod races;
mod residents;
mod telemetry;
mod unstorable;
mod validate_only;
mod webhook_deliveries;
mod webhooks;
