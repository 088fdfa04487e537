//! ebill: the open platform of a utility payment agent that moves residents from paper bills to
//! electronic receipts. The library builds the whole app, so `main`, the tests and the benchmarks
//! start exactly the same thing.

pub mod api;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod delivery;
pub mod demo;
pub mod domain;
pub mod error;
pub mod jobs;
pub mod metrics;
pub mod services;
pub mod startup;
pub mod state;
pub mod store;
pub mod trace;
pub mod web;
