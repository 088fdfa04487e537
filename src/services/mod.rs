//! Use cases: business rules and transaction boundaries over `&mut DbConn`; no actix here.

pub mod jwt;
pub mod oauth;
pub mod operators;
pub mod providers;
