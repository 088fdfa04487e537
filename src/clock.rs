//! The current time as the database keeps it: naive UTC, truncated to microseconds (PostgreSQL's
//! precision), so what is answered equals what is read back later.

use chrono::{NaiveDateTime, SubsecRound, Utc};

pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}
