//! Use cases: business rules and transaction boundaries over `&mut DbConn`; no actix here.

pub mod account;
pub mod accounts;
pub mod addresses;
pub mod apps;
pub mod audit;
pub mod billing;
pub mod bounces;
pub mod channels;
pub mod charges;
pub mod checks;
pub mod documents;
pub mod edoc;
pub mod grants;
pub mod jwt;
pub mod oauth;
pub mod operators;
pub mod outbox;
pub mod pdf;
pub mod premises;
pub mod providers;
pub mod receipt_html;
pub mod residents;
pub mod revocations;
pub mod sessions;
pub mod signing;
pub mod verifications;
