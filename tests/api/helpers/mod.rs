//! What the black-box tests share: `TestApp`, the real app on a random port with its own fresh
//! database (`app`, `database`); a browser without JavaScript for the pages (`browser`); what it sent,
//! read back (`sinks`; PDFs by `pdf`); and the data the stories start from (`fixtures`).

mod app;
mod browser;
mod database;
mod fixtures;
mod pdf;
mod sinks;

pub use app::{Reply, TestApp};
pub use browser::{Browser, cookie, location};
pub use fixtures::{ActiveProvider, CONSENT, Registered, account, charge, inn10, provider_body, subject_of};
pub use pdf::read_pdf;
pub use sinks::{Mail, parse_eml, webhook_sink};
