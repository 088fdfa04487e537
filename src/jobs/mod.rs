//! Background work: the outbox worker that sends messages, and the driver of billing runs. Both take
//! the `Core`, never the HTTP state.

pub mod billing;
pub mod outbox;
