//! `Body<T>`: the JSON request extractor of the API. Checks the content type, enforces the size limit,
//! parses with the failing path in the message (`items[3].amount: invalid type…`), then runs `validator`.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{FromRequest, HttpRequest, web};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::api::errors::{too_large, unsupported_media_type};
use crate::api::rules::Rules;
use crate::error::{Checks, Code, Error, FieldError};

/// The largest JSON body any endpoint takes (a 10,000-item batch fits with room to spare).
pub const MAX_BODY: usize = 32 * 1024 * 1024;

/// A JSON body, parsed and validated.
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<T: DeserializeOwned + Validate + Rules + 'static> FromRequest for Body<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
            })
            .unwrap_or(false);
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(unsupported_media_type("application/json").into());
            }
            let bytes = bytes.await.map_err(|e| match e.as_response_error().status_code().as_u16() {
                413 => too_large(),
                _ => Error::rule(Code::MalformedBody, "the request body could not be read"),
            })?;
            Ok(Self(parse(&bytes)?))
        })
    }
}

/// Parses and validates a JSON document: 400 for malformed JSON, 422 naming the field for a wrong
/// type, a missing field or a failed rule (every failing field at once).
pub fn parse<T: DeserializeOwned + Validate + Rules>(bytes: &[u8]) -> Result<T, Error> {
    // Tracking the path slows every parse down and only a failing document needs it: that one is
    // parsed a second time, with the path.
    let value: T = serde_json::from_slice(bytes).map_err(|_| located_error::<T>(bytes))?;
    let mut checks = Checks(value.validate().err().map(|e| flatten(&e)).unwrap_or_default());
    // JSON can carry NUL (`\u0000`), which no text column can store. Only a body holding that escape
    // is walked to name the fields.
    if memchr::memmem::find(bytes, br"\u0000").is_some()
        && let Ok(document) = serde_json::from_slice::<serde_json::Value>(bytes)
    {
        nul_fields(&document, String::new(), &mut checks);
    }
    value.rules(&mut checks);
    checks.0.sort_by_cached_key(|e| natural_key(&e.field));
    checks.0.dedup();
    checks.finish()?;
    Ok(value)
}

/// Records every string of `value` that holds NUL, by its path.
fn nul_fields(value: &serde_json::Value, path: String, checks: &mut Checks) {
    const MESSAGE: &str = "must not contain the NUL character";
    match value {
        serde_json::Value::String(s) if crate::api::input::unstorable(s) => {
            checks.push(if path.is_empty() { "body".into() } else { path }, MESSAGE)
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                nul_fields(item, format!("{path}[{i}]"), checks);
            }
        }
        serde_json::Value::Object(map) => {
            for (name, item) in map {
                let at = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
                if crate::api::input::unstorable(name) {
                    checks.push(at.replace('\0', "\\0"), MESSAGE);
                } else {
                    nul_fields(item, at, checks);
                }
            }
        }
        _ => {}
    }
}

/// The error of a document `serde_json` refused, with the failing field's path.
fn located_error<T: DeserializeOwned>(bytes: &[u8]) -> Error {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let error = match serde_path_to_error::deserialize::<_, T>(&mut *de) {
        Err(error) => error,
        // A document this parse accepts failed for what follows it.
        Ok(_) => {
            let reason = de.end().err().map(|e| format!(": {e}")).unwrap_or_default();
            return Error::rule(Code::MalformedJson, format!("the body is not valid JSON{reason}"));
        }
    };
    let path = error.path().to_string();
    let inner = error.into_inner();
    if inner.is_data() {
        let message = strip_position(&inner.to_string());
        // serde names a missing field in the message, at its parent's path.
        let named = message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next());
        let field = match (named, path.as_str()) {
            (Some(name), ".") => name.to_owned(),
            (Some(name), parent) => format!("{parent}.{name}"),
            (None, ".") => "body".to_owned(),
            (None, _) => path,
        };
        Error::invalid(field, message)
    } else if inner.to_string().contains("surrogate") {
        // `\ud800` alone is valid JSON but no text: it cannot be stored.
        let field = if path == "." { "body".to_owned() } else { path };
        Error::invalid(field, "must be Unicode text (a lone surrogate escape is not)")
    } else {
        Error::rule(Code::MalformedJson, format!("the body is not valid JSON: {inner}"))
    }
}

/// For `Option<Option<T>>` fields: absent → `None`, `null` → `Some(None)`, a value → `Some(Some(v))`.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// An integer as JSON Schema reads one: `87`, or a number with no fraction such as `87.0` (JSON does
/// not tell them apart, so neither does the spec's `type: integer`).
pub fn integer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    if let Some(n) = number.as_i64() {
        return Ok(n);
    }
    match number.as_f64() {
        // Integral and within the range a double holds exactly.
        Some(f) if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 => Ok(f as i64),
        _ => Err(serde::de::Error::custom(format!("invalid type: number `{number}`, expected an integer"))),
    }
}

/// `integer` for an optional field.
pub fn optional_integer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    struct Integer(#[serde(deserialize_with = "integer")] i64);
    Ok(Option::<Integer>::deserialize(deserializer)?.map(|Integer(n)| n))
}

/// Orders `items[2]` before `items[10]`.
fn natural_key(field: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut chars = field.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut n = u64::from(c.to_digit(10).unwrap_or(0));
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(u64::from(d));
                chars.next();
            }
            key.push((std::mem::take(&mut text), n));
        } else {
            text.push(c);
        }
    }
    key.push((text, 0));
    key
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Turns validator's tree into `a.b[3].c` field paths.
pub fn flatten(errors: &ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    walk(errors, "", &mut out);
    out
}

fn walk(errors: &ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    let message = e.message.as_ref().map(ToString::to_string).unwrap_or_else(|| format!("fails the {} rule", e.code));
                    out.push(FieldError::new(path.clone(), message));
                }
            }
            ValidationErrorsKind::Struct(inner) => walk(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    walk(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}
