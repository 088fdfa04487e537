//! Use cases: business rules and transaction boundaries over `&mut DbConn`; no actix here.

pub mod accounts;
pub mod charges;
pub mod edoc;
pub mod jwt;
pub mod oauth;
pub mod operators;
pub mod premises;
pub mod providers;
