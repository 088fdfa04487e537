//! Pure types and rules of the domain: no I/O here.

pub mod address;
pub mod anomaly;
pub mod charge;
pub mod checked;
pub mod consent;
pub mod decimal;
pub mod edoc;
pub mod events;
pub mod formats;
pub mod ids;
pub mod message;
pub mod money;
pub mod payer_code;
pub mod period;
pub mod phone;
pub mod qr;
pub mod redirect_uri;
pub mod requisites;
pub mod role;
pub mod scope;
pub mod split;
pub mod vocabulary;
