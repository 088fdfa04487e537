//! Persistence: the schema and plain query functions over `&mut DbConn`, one module per table group.

pub mod accounts;
pub mod addresses;
pub mod apps;
pub mod audit;
pub mod charges;
pub mod db;
pub mod documents;
pub mod grants;
pub mod idempotency;
pub mod operators;
pub mod outbox;
pub mod premises;
pub mod providers;
pub mod residents;
pub mod revocations;
pub mod runs;
pub mod schema;
pub mod sessions;
pub mod settings;
pub mod tokens;
pub mod types;
pub mod webhook_deliveries;
