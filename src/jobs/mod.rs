//! Background work: the outbox worker that sends messages, and the driver of billing runs. Both take
//! the `Core`, never the HTTP state, and end their current step when the process stops (`stop`).

pub mod billing;
pub mod outbox;
pub mod stop;
