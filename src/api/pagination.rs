//! Cursor pagination: `?limit=` (default 50, max 500) and an opaque `?cursor=`; answers
//! `{"data": [...], "next_cursor": "..."|null}`. A cursor is `c1.` and the hex of the position it
//! continues after, so that every cursor the spec's pattern admits names a position: one this API did
//! not issue gives the page after wherever it points, never an error.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{Error, Result};

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;

/// The paging parameters of every list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// How many items to return (1 to 500, default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    #[param(pattern = r"^c1\.([0-9a-f][1-9a-f]|[1-9a-f]0){0,500}$")]
    pub cursor: Option<String>,
}

impl PageParams {
    /// The validated limit.
    pub fn limit(&self) -> Result<u32> {
        match self.limit.unwrap_or(DEFAULT_LIMIT) {
            n @ 1..=MAX_LIMIT => Ok(n),
            _ => Err(Error::invalid("limit", format!("must be from 1 to {MAX_LIMIT}"))),
        }
    }

    /// The position to continue after, decoded from the cursor.
    pub fn after(&self) -> Result<Option<String>> {
        let Some(cursor) = self.cursor.as_deref().filter(|c| !c.is_empty()) else { return Ok(None) };
        cursor
            .strip_prefix("c1.")
            .and_then(|hex| hex::decode(hex).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .filter(|s| !crate::api::input::unstorable(s))
            .map(Some)
            .ok_or_else(|| Error::invalid("cursor", "not a cursor this API issued"))
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// The items, each as its single read answers it.
    #[schema(schema_with = items_of::<T>)]
    pub data: Vec<T>,
    /// Pass as `?cursor=` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// `data` of `Page_X`: an array of `$ref` X, so generated clients type a list's items with the same
/// class as a single read (utoipa inlines a type parameter's schema otherwise).
fn items_of<T: ToSchema>() -> utoipa::openapi::Array {
    utoipa::openapi::ArrayBuilder::new()
        .items(utoipa::openapi::Ref::from_schema_name(T::name()))
        .description(Some("The items, each as its single read answers it."))
        .build()
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows fetched in order: the extra row only says that more follow.
    pub fn from_rows<R>(mut rows: Vec<R>, limit: u32, key: impl Fn(&R) -> String, map: impl FnMut(R) -> T) -> Self {
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_cursor = more.then(|| rows.last().map(|r| format!("c1.{}", hex::encode(key(r))))).flatten();
        Self { data: rows.into_iter().map(map).collect(), next_cursor }
    }
}
