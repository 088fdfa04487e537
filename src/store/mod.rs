//! Persistence: the schema and plain query functions over `&mut DbConn`, one module per table group.

pub mod db;
pub mod idempotency;
pub mod operators;
pub mod providers;
pub mod schema;
pub mod settings;
pub mod tokens;
