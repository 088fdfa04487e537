//! Content negotiation (RFC 9110 §12.5.1): which of the representations an operation produces the
//! request's `Accept` prefers, by quality and then by the most specific range; none acceptable → 406.
//! And how a PDF is made and answered.

use actix_web::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_DISPOSITION, VARY};
use actix_web::{HttpRequest, HttpResponse, web};

use utoipa::ToSchema;

use crate::api::state::AppState;
use crate::error::{Code, Error, Result};
use crate::services::documents::DocumentView;
use crate::services::pdf::{self, Printing};

/// A representation an operation can answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Representation {
    Json,
    Pdf,
    Csv,
}

impl Representation {
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Json => "application/json",
            Self::Pdf => "application/pdf",
            Self::Csv => "text/csv",
        }
    }
}

/// How well `range` (`type/subtype`, `type/*` or `*/*`) matches `media`: higher is more specific,
/// `None` when it does not match.
fn specificity(range: &str, media: &str) -> Option<u8> {
    let (kind, sub) = range.split_once('/')?;
    let (media_kind, media_sub) = media.split_once('/')?;
    match (kind, sub) {
        ("*", "*") => Some(0),
        (k, "*") if k.eq_ignore_ascii_case(media_kind) => Some(1),
        (k, s) if k.eq_ignore_ascii_case(media_kind) && s.eq_ignore_ascii_case(media_sub) => Some(2),
        _ => None,
    }
}

/// The quality the `accept` header gives `media` (the most specific matching range decides); 0 when no
/// range matches or its `q` is 0.
fn quality(accept: &str, media: &str) -> f32 {
    accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';').map(str::trim);
            let range = parts.next()?;
            let q = parts
                .filter_map(|p| p.split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("q"))
                .map(|(_, v)| v.trim().parse::<f32>().unwrap_or(0.0).clamp(0.0, 1.0))
                .unwrap_or(1.0);
            specificity(range, media).map(|s| (s, q))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, q)| q)
        .unwrap_or(0.0)
}

/// The representation of `offered` (the first is the default) that the request's `Accept` prefers.
pub fn choose(req: &HttpRequest, offered: &[Representation]) -> Result<Representation> {
    let first = *offered.first().ok_or_else(|| Error::internal("an operation offers no representation"))?;
    let Some(accept) = req.headers().get(ACCEPT).map(|v| v.to_str().unwrap_or("")).filter(|a| !a.trim().is_empty()) else {
        return Ok(first);
    };
    let mut best: Option<(Representation, f32)> = None;
    for r in offered {
        let q = quality(accept, r.media_type());
        if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
            best = Some((*r, q));
        }
    }
    let names: Vec<&str> = offered.iter().map(|r| r.media_type()).collect();
    best.map(|(r, _)| r).ok_or_else(|| Error::rule(Code::NotAcceptable, format!("this operation answers {}", names.join(", "))))
}

/// A PDF file, as the spec names the body of a PDF answer.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct PdfFile(pub Vec<u8>);

/// A PDF answer: `inline` with a file name, never cached (documents carry personal data), varying by
/// `Accept`.
pub fn pdf(bytes: Vec<u8>, filename: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((CONTENT_DISPOSITION, format!("inline; filename=\"{filename}\"")))
        .insert_header((CACHE_CONTROL, "no-store"))
        .insert_header((VARY, "Accept"))
        .body(bytes)
}

/// One document answered as its PDF, rendered off the async workers.
pub async fn document_pdf(state: &web::Data<AppState>, view: DocumentView) -> Result<HttpResponse> {
    let name = pdf::file_name(&view);
    let app = state.clone();
    let bytes = blocking(move || pdf::document(&view, &Printing::of(&app.config))).await?;
    Ok(self::pdf(bytes, &name))
}

/// Runs CPU-bound work (rendering a PDF) off the async workers.
pub async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    web::block(work).await.map_err(Error::internal)?
}

#[cfg(test)]
mod tests {
    use super::*;
    use Representation::{Csv, Json, Pdf};
    use actix_web::test::TestRequest;

    fn pick(accept: Option<&str>, offered: &[Representation]) -> Option<Representation> {
        let req = match accept {
            Some(a) => TestRequest::default().insert_header((ACCEPT, a)),
            None => TestRequest::default(),
        }
        .to_http_request();
        choose(&req, offered).ok()
    }

    #[test]
    fn prefers_by_quality_then_specificity_and_refuses_what_it_does_not_make() {
        assert_eq!(pick(None, &[Json, Pdf]), Some(Json));
        assert_eq!(pick(Some("*/*"), &[Json, Pdf]), Some(Json));
        assert_eq!(pick(Some("application/pdf"), &[Json, Pdf]), Some(Pdf));
        assert_eq!(pick(Some("application/json;q=0.5, application/pdf"), &[Json, Pdf]), Some(Pdf));
        assert_eq!(pick(Some("application/*;q=0.2, application/pdf;q=0"), &[Json, Pdf]), Some(Json));
        assert_eq!(pick(Some("text/html,application/xhtml+xml,*/*;q=0.8"), &[Json, Pdf]), Some(Json));
        assert_eq!(pick(Some("TEXT/CSV"), &[Json, Pdf, Csv]), Some(Csv));
        assert_eq!(pick(Some("image/png"), &[Json, Pdf]), None);
        assert_eq!(pick(Some("text/csv"), &[Json, Pdf]), None);
        assert_eq!(pick(Some("application/pdf;q=0"), &[Json, Pdf]), None);
    }
}
