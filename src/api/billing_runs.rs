//! Billing runs for operators: start one for a period, follow it, and fetch its paper ЕПД for printing
//! (JSON, CSV or PDF).

use actix_web::http::header::{LINK, VARY};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::api::auth::AuthOperator;
use crate::api::dto::{AddressDto, LineResponse, PayeeResponse, address, lines, payees};
use crate::api::errors::ProblemBody;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::negotiate::{self, Representation};
use crate::api::pagination::{Page, PageParams};
use crate::api::rules::{self, Rules};
use crate::api::state::AppState;
use crate::domain::formats;
use crate::domain::ids::{DocumentId, RunId};
use crate::domain::period::Period;
use crate::domain::vocabulary::{DocumentOrigin, MessageChannel, MessageStatus, RunStatus};
use crate::error::{Error, Result};
use crate::services::billing as service;
use crate::services::documents::{self, DocumentView, address_line};
use crate::services::pdf::{self, Printing};
use crate::services::signing;
use crate::store::runs::RunRow;

/// The period to bill.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"period": "2021-08"}))]
pub struct StartRunRequest {
    #[validate(custom(function = "rules::period"))]
    #[schema(value_type = formats::Period)]
    pub period: String,
}

impl Rules for StartRunRequest {}

/// Messages of one channel.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct MessageCounts {
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
}

/// A billing run and its progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct RunResponse {
    pub id: String,
    #[schema(value_type = formats::Period)]
    pub period: String,
    /// `running`, `finished` or `failed`.
    pub status: RunStatus,
    /// Premises with charges in the period.
    pub premises: i32,
    pub e_receipts: i32,
    pub paper_documents: i32,
    pub chunks_done: i32,
    pub chunks_total: i32,
    pub emails: MessageCounts,
    pub sms: MessageCounts,
    pub webhooks: MessageCounts,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub finished_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_error: Option<String>,
}

fn response(run: RunRow, counts: &[crate::store::outbox::StatusCount]) -> RunResponse {
    let channel = |which: MessageChannel| {
        let mut c = MessageCounts::default();
        for (_, status, n) in counts.iter().filter(|(ch, _, _)| *ch == which) {
            match status {
                MessageStatus::Sent => c.sent += n,
                MessageStatus::Failed => c.failed += n,
                MessageStatus::Pending => c.queued += n,
            }
        }
        c
    };
    RunResponse {
        emails: channel(MessageChannel::Email),
        sms: channel(MessageChannel::Sms),
        webhooks: channel(MessageChannel::Webhook),
        id: run.id.into(),
        period: run.period,
        status: run.status,
        premises: run.premises_total,
        e_receipts: run.e_receipts,
        paper_documents: run.paper_documents,
        chunks_done: run.chunks_done,
        chunks_total: run.chunks_total,
        started_at: run.started_at.and_utc(),
        finished_at: run.finished_at.map(|t| t.and_utc()),
        last_error: run.last_error,
    }
}

/// Start a billing run.
///
/// Turns the period's charges into documents, asynchronously (202): for every premises with charges,
/// the charges of each active provider e-document capable for the period become an e-receipt when a
/// linked resident chose electronic receipts and has a confirmed email; all other charges go onto one
/// paper ЕПД. Preferences count as they stand at the start. Starting closes the period (later pushes
/// get 409); one run per period (a second one gets 409).
#[utoipa::path(
    tag = "billing",
    request_body = StartRunRequest,
    responses(
        (status = 202, description = "Started", body = RunResponse, headers(("Location" = String, description = "The run, to follow its progress"))),
        (status = 409, description = "`run_exists` or `period_closed`", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[post("/billing-runs")]
pub async fn start_run(
    state: web::Data<AppState>,
    req: HttpRequest,
    op: AuthOperator,
    body: Body<StartRunRequest>,
) -> Result<HttpResponse> {
    let period = Period::parse(&body.0.period).ok_or_else(|| Error::invalid("period", "must be YYYY-MM"))?;
    let chunk = state.config.billing_chunk;
    let answer = once(&state, &req, move |conn| {
        let run = service::start(conn, period, &op.0, chunk, crate::clock::now())?;
        let location = format!("/v1/billing-runs/{}", run.id);
        Ok(Answer::accepted(&response(run, &[]))?.at(location))
    })
    .await?;
    if state.config.billing_worker {
        // The new run (or one a crash left behind) is driven by this process, unless another holds it.
        crate::jobs::billing::resume_runs(&state.core).await;
    }
    Ok(answer)
}

/// List billing runs.
///
/// Every run, newest first, with its status and counts.
#[utoipa::path(
    tag = "billing",
    params(PageParams),
    responses((status = 200, description = "A page of runs, newest first", body = Page<RunResponse>)),
    security(("bearer" = [])),
)]
#[get("/billing-runs")]
pub async fn list_runs(state: web::Data<AppState>, _op: AuthOperator, page: web::Query<PageParams>) -> Result<HttpResponse> {
    let (limit, before) = (page.limit()?, page.after()?);
    let runs = state.db(move |conn| service::list(conn, before.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(Page::from_rows(runs, limit, |(run, _)| run.id.to_string(), |(run, counts)| response(run, &counts))))
}

/// Get a billing run.
///
/// Status (`running` → `finished` or `failed`) and counts: premises, e-receipts, paper documents, and
/// the emails, SMS and webhooks it queued, sent and failed.
#[utoipa::path(
    tag = "billing",
    params(("id" = String, Path, description = "Billing run id")),
    responses((status = 200, description = "The run", body = RunResponse)),
    security(("bearer" = [])),
)]
#[get("/billing-runs/{id}")]
pub async fn get_run(state: web::Data<AppState>, _op: AuthOperator, id: web::Path<RunId>) -> Result<HttpResponse> {
    let (run, counts) = state.db(move |conn| service::status(conn, &id)).await?;
    Ok(HttpResponse::Ok().json(response(run, &counts)))
}

/// A paper ЕПД to print.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaperDocument {
    pub id: String,
    #[schema(value_type = formats::Period)]
    pub period: String,
    #[schema(value_type = formats::PayerCode)]
    pub payer_code: String,
    pub address: AddressDto,
    /// The address as printed.
    pub address_line: String,
    /// The one-time code with which a resident links this premises to a cabinet.
    #[schema(value_type = Option<formats::LinkCode>)]
    pub link_code: Option<String>,
    pub total: i64,
    #[schema(value_type = formats::VerificationCode)]
    pub verification_code: String,
    pub lines: Vec<LineResponse>,
    pub payees: Vec<PayeeResponse>,
    /// A supplementary ЕПД: it carries e-receipts of the run whose email bounced for good, so the
    /// resident gets them on paper after all.
    pub supplementary: bool,
    /// The document signed by the agent (compact JWS, keys at `/.well-known/jwks.json`).
    pub signed: String,
}

fn paper((view, signed): (DocumentView, String)) -> PaperDocument {
    let (l, p) = (lines(&view), payees(&view));
    PaperDocument {
        signed,
        address: address(&view.premises),
        address_line: address_line(&view.premises),
        payer_code: view.premises.payer_code,
        link_code: view.link_code,
        id: view.document.id.into(),
        period: view.document.period,
        total: view.document.total,
        verification_code: view.document.verification_code,
        supplementary: view.document.origin == DocumentOrigin::Bounce,
        lines: l,
        payees: p,
    }
}

const CSV_HEADER: [&str; 19] = [
    "document_id",
    "period",
    "payer_code",
    "address",
    "link_code",
    "document_total",
    "verification_code",
    "provider_name",
    "provider_inn",
    "account_number",
    "service_code",
    "service_name",
    "unit",
    "volume",
    "tariff",
    "amount",
    "recalculation",
    "debt",
    "penalty",
];

fn csv(docs: &[PaperDocument]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER.iter().copied().chain(["line_total", "qr_payload"])).map_err(Error::internal)?;
    for d in docs {
        for l in &d.lines {
            let payee = d.payees.iter().find(|p| p.provider_id == l.provider_id);
            let record: Vec<String> = vec![
                d.id.clone(),
                d.period.clone(),
                d.payer_code.clone(),
                d.address_line.clone(),
                d.link_code.clone().unwrap_or_default(),
                d.total.to_string(),
                d.verification_code.clone(),
                payee.map(|p| p.name.clone()).unwrap_or_default(),
                payee.map(|p| p.inn.clone()).unwrap_or_default(),
                l.account_number.clone(),
                l.service.code.clone(),
                l.service.name.clone(),
                l.service.unit.clone(),
                l.volume.clone().unwrap_or_default(),
                l.tariff.clone().unwrap_or_default(),
                l.amount.to_string(),
                l.recalculation.to_string(),
                l.debt.to_string(),
                l.penalty.to_string(),
                l.total.to_string(),
                payee.map(|p| p.qr_payload.clone()).unwrap_or_default(),
            ];
            w.write_record(&record).map_err(Error::internal)?;
        }
    }
    String::from_utf8(w.into_inner().map_err(Error::internal)?).map_err(Error::internal)
}

/// The paper ЕПД of a run.
///
/// Every paper ЕПД of the run with its lines, payees (and their payment QR) and a fresh one-time link
/// code, paged. With `Accept: text/csv`, the same page as CSV, one row per line; with `Accept:
/// application/pdf`, the page as one print-ready PDF (each ЕПД from a new page; `limit` up to 500). The
/// next page of CSV or PDF is in the `Link` header (`rel="next"`).
#[utoipa::path(
    tag = "billing",
    params(("id" = String, Path, description = "Billing run id"), PageParams),
    responses(
        (status = 200, description = "A page of paper documents", content(
            (Page<PaperDocument> = "application/json"),
            (String = "text/csv"),
            (negotiate::PdfFile = "application/pdf"),
        ), headers(("Link" = String, description = "The next page of CSV or PDF, when there is one"))),
        (status = 404, description = "No such billing run", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
        (status = 406, description = "`Accept` names none of JSON, CSV, PDF", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[get("/billing-runs/{id}/paper")]
pub async fn paper_documents(
    state: web::Data<AppState>,
    req: HttpRequest,
    _op: AuthOperator,
    id: web::Path<RunId>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse> {
    let representation = negotiate::choose(&req, &[Representation::Json, Representation::Csv, Representation::Pdf])?;
    let (limit, after) = (page.limit()?, page.after()?);
    let app = state.clone();
    let run_id = id.into_inner();
    let path_run = run_id.clone();
    let views = state.db(move |conn| documents::paper_of_run(conn, &app.keys, &run_id, after.as_deref(), limit)).await?;
    let next = |cursor: &Option<String>| {
        cursor.as_ref().map(|c| format!("</v1/billing-runs/{path_run}/paper?limit={limit}&cursor={c}>; rel=\"next\""))
    };
    if representation == Representation::Pdf {
        let page = Page::from_rows(views, limit, |v| v.document.id.to_string(), |v| v);
        let link = next(&page.next_cursor);
        let app = state.clone();
        let (bytes, failed) = negotiate::blocking(move || pdf::print_run(&page.data, &Printing::of(&app.config))).await?;
        for f in &failed {
            tracing::error!("paper document {} could not be rendered as PDF: {}", f.document_id, f.reason);
        }
        let mut response = negotiate::pdf(bytes, &format!("epd-{path_run}.pdf"));
        if let Some(link) = link {
            response.headers_mut().insert(LINK, link.parse().map_err(Error::internal)?);
        }
        return Ok(response);
    }
    let views = sign_all(&state, views).await?;
    let page = Page::from_rows(views, limit, |(v, _)| v.document.id.to_string(), paper);
    if representation == Representation::Json {
        return Ok(HttpResponse::Ok().insert_header(("cache-control", "no-store")).insert_header((VARY, "Accept")).json(page));
    }
    let mut response = HttpResponse::Ok();
    response.content_type("text/csv; charset=utf-8").insert_header(("cache-control", "no-store")).insert_header((VARY, "Accept"));
    if let Some(link) = next(&page.next_cursor) {
        response.insert_header((LINK, link));
    }
    Ok(response.body(csv(&page.data)?))
}

/// Each document with its signature.
async fn sign_all(state: &web::Data<AppState>, views: Vec<DocumentView>) -> Result<Vec<(DocumentView, String)>> {
    let (app, issuer) = (state.clone(), state.config.issuer().to_owned());
    state
        .db(move |conn| {
            let signer = signing::signer(conn, &app.keys, crate::clock::now())?;
            Ok(views.into_iter().map(|v| (signing::payload(&v, &issuer), v)).map(|(p, v)| (v, signer.sign(&p))).collect())
        })
        .await
}

/// One paper ЕПД of a run.
///
/// The document with its lines, payees and link code, signed; with `Accept: application/pdf`, the
/// document as a print-ready PDF.
#[utoipa::path(
    tag = "billing",
    params(("id" = String, Path, description = "Billing run id"), ("document_id" = String, Path, description = "Paper document id")),
    responses(
        (status = 200, description = "The paper document", content(
            (PaperDocument = "application/json"),
            (negotiate::PdfFile = "application/pdf"),
        )),
        (status = 404, description = "No such paper document in this run", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
        (status = 406, description = "`Accept` names neither JSON nor PDF", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[get("/billing-runs/{id}/paper/{document_id}")]
pub async fn paper_document(
    state: web::Data<AppState>,
    req: HttpRequest,
    _op: AuthOperator,
    path: web::Path<(RunId, DocumentId)>,
) -> Result<HttpResponse> {
    let representation = negotiate::choose(&req, &[Representation::Json, Representation::Pdf])?;
    let (run_id, document_id) = path.into_inner();
    let app = state.clone();
    let view = state.db(move |conn| documents::paper_document(conn, &app.keys, &run_id, &document_id)).await?;
    if representation == Representation::Pdf {
        return negotiate::document_pdf(&state, view).await;
    }
    let signed = sign_all(&state, vec![view]).await?.into_iter().map(paper).next().ok_or_else(|| Error::internal("no document"))?;
    Ok(HttpResponse::Ok().insert_header(("cache-control", "no-store")).insert_header((VARY, "Accept")).json(signed))
}
