//! Billing runs: starting one closes its period and snapshots who gets what (rule 2 of the domain,
//! as things stand when it starts); then chunks of premises are turned into documents, one transaction
//! per chunk, so a run that crashed resumes where it stopped with nothing missing or doubled.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDateTime;

use crate::crypto::{Keys, verification_code};
use crate::domain::ids::{DocumentId, OperatorId, PremisesId, ProviderId, RunId};
use crate::domain::message::Sms;
use crate::domain::period::Period;
use crate::domain::split::split;
use crate::domain::vocabulary::{DocumentDelivery, DocumentKind, DocumentOrigin, LinkCodeSource, RunStatus};
use crate::error::{Code, Error, Result};
use crate::services::addresses::new_link_code;
use crate::services::audit::{self, Actor};
use crate::services::{channels, documents, outbox};
use crate::store::charges;
use crate::store::db::{DbConn, write_tx};
use crate::store::documents::{self as document_store, DocumentRow, LineRow};
use crate::store::runs::{self as store, ChunkCharge, Recipient, RunRow};
use serde_json::json;

/// Premises per chunk (one transaction each) unless configured otherwise.
pub const DEFAULT_CHUNK: i32 = 2000;

/// Starts the run of `period`: closes the period and takes the snapshot. Empty periods finish at once.
pub fn start(conn: &mut DbConn, period: Period, operator_id: &OperatorId, chunk_size: i32, now: NaiveDateTime) -> Result<RunRow> {
    let period = period.to_string();
    write_tx(conn, |conn| {
        if store::find_by_period(conn, &period)?.is_some() {
            return Err(Error::rule(Code::RunExists, format!("the billing run of {period} has already been started")));
        }
        if charges::is_closed(conn, &period)? {
            return Err(Error::rule(Code::PeriodClosed, format!("{period} is closed")));
        }
        let mut run = RunRow {
            id: RunId::new(),
            period: period.clone(),
            status: RunStatus::Running,
            operator_id: operator_id.clone(),
            premises_total: 0,
            chunks_total: 0,
            chunks_done: 0,
            e_receipts: 0,
            paper_documents: 0,
            lease_until: None,
            last_error: None,
            started_at: now,
            finished_at: None,
        };
        store::refresh_statistics(conn)?;
        store::insert(conn, &run)?;
        audit::record(conn, Actor::Operator(operator_id), "billing_run.started", ("billing_run", &run.id), json!({"period": period}), now)?;
        store::close_period(conn, &period, now)?;
        let premises = store::snapshot_premises(conn, &run.id, &period)? as i32;
        let with_charges = store::providers_with_charges(conn, &period)?;
        let parsed = Period::parse(&period).ok_or_else(|| Error::internal("bad period"))?;
        let capable: Vec<ProviderId> = channels::capable_providers(conn, &with_charges, parsed)?.into_iter().collect();
        store::insert_run_providers(conn, &run.id, &capable)?;
        store::snapshot_recipients(conn, &run.id)?;
        store::snapshot_payees(conn, &run.id, &period)?;

        run.premises_total = premises;
        run.chunks_total = (premises + chunk_size.max(1) - 1) / chunk_size.max(1);
        if premises == 0 {
            run.status = RunStatus::Finished;
            run.finished_at = Some(now);
        }
        store::update(conn, &run)?;
        Ok(run)
    })
}

/// The premises numbers `(from, to]` of chunk `k`.
fn bounds(run: &RunRow, k: i32) -> (i32, i32) {
    let size = (run.premises_total + run.chunks_total.max(1) - 1) / run.chunks_total.max(1);
    (k * size, ((k + 1) * size).min(run.premises_total))
}

/// Writes the next chunk of a running run; returns the run as it then stands.
/// `public_url` is the cabinet's address, which the SMS notices link to.
pub fn process_next_chunk(conn: &mut DbConn, keys: &Keys, public_url: &url::Url, run_id: &RunId, now: NaiveDateTime) -> Result<RunRow> {
    write_tx(conn, |conn| {
        let mut run = store::lock(conn, run_id)?.ok_or_else(|| Error::not_found("billing run"))?;
        if run.status != RunStatus::Running {
            return Ok(run);
        }
        let k = run.chunks_done;
        if k < run.chunks_total {
            let (e, p) = write_chunk(conn, keys, public_url, &run, k, now)?;
            run.chunks_done += 1;
            run.e_receipts += e;
            run.paper_documents += p;
        }
        if run.chunks_done >= run.chunks_total {
            run.status = RunStatus::Finished;
            run.finished_at = Some(now);
            run.lease_until = None;
        }
        store::update(conn, &run)?;
        Ok(run)
    })
}

/// The charges of one premises of a chunk, by provider.
struct PremisesCharges {
    electronic: bool,
    payer_code: String,
    by_provider: BTreeMap<ProviderId, Vec<ChunkCharge>>,
}

/// Documents, lines, paper link codes and the messages of chunk `k`, from one read of its charges;
/// returns how many e-receipts and paper documents it made.
fn write_chunk(conn: &mut DbConn, keys: &Keys, public_url: &url::Url, run: &RunRow, k: i32, now: NaiveDateTime) -> Result<(i32, i32)> {
    let (from, to) = bounds(run, k);
    let started = std::time::Instant::now();
    store::plan_for_chunk(conn)?;
    let capable: HashSet<ProviderId> = store::run_provider_ids(conn, &run.id)?.into_iter().collect();
    let mut by_premises: BTreeMap<PremisesId, PremisesCharges> = BTreeMap::new();
    for charge in store::chunk_charges(conn, &run.id, &run.period, from, to)? {
        let premises = by_premises.entry(charge.premises_id.clone()).or_insert_with(|| PremisesCharges {
            electronic: charge.electronic,
            payer_code: charge.payer_code.clone(),
            by_provider: BTreeMap::new(),
        });
        premises.by_provider.entry(charge.provider_id.clone()).or_default().push(charge);
    }
    let read = started.elapsed();
    let mut docs = Vec::new();
    let mut lines = Vec::new();
    let mut code_rows = Vec::new();
    for (premises_id, premises) in &by_premises {
        let providers: Vec<&ProviderId> = premises.by_provider.keys().collect();
        let s = split(&providers, &capable, premises.electronic);
        let mut issue = |kind: DocumentKind, provider: Option<&ProviderId>, of: &[&ProviderId], link_code_sealed: Option<String>| {
            let id = DocumentId::new();
            let first = lines.len();
            lines.extend(of.iter().flat_map(|p| premises.by_provider.get(*p)).flatten().map(|c| line(&id, c)));
            docs.push(DocumentRow {
                id,
                run_id: run.id.clone(),
                chunk: k,
                period: run.period.clone(),
                premises_id: premises_id.clone(),
                kind,
                provider_id: provider.cloned(),
                total: lines[first..].iter().map(|l| l.total).sum(),
                verification_code: verification_code(),
                link_code_sealed,
                delivery_status: match kind {
                    DocumentKind::Paper => DocumentDelivery::Printed,
                    DocumentKind::EReceipt => DocumentDelivery::Queued,
                },
                created_at: now,
                origin: DocumentOrigin::Run,
            });
        };
        for provider in &s.e_receipts {
            issue(DocumentKind::EReceipt, Some(provider), &[provider], None);
        }
        if !s.paper.is_empty() {
            // One fresh link code for each paper ЕПД, kept sealed for printing.
            let (code, row) = new_link_code(keys, premises_id, LinkCodeSource::Paper, None, now);
            code_rows.push(row);
            issue(DocumentKind::Paper, None, &s.paper, Some(keys.seal(&code)));
        }
    }
    let built = started.elapsed();
    crate::store::addresses::insert_link_codes(conn, &code_rows)?;
    document_store::insert_documents(conn, &docs)?;
    document_store::insert_lines(conn, &lines)?;
    let written = started.elapsed();
    let payer_codes = by_premises.into_iter().map(|(id, p)| (id, p.payer_code)).collect();
    queue_messages(conn, keys, &Chunk { run, from, to, docs: &docs, payer_codes: &payer_codes, public_url }, now)?;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    tracing::debug!(
        run = %run.id,
        chunk = k,
        read_ms = ms(read),
        build_ms = ms(built - read),
        write_ms = ms(written - built),
        messages_ms = ms(started.elapsed() - written),
        documents = docs.len(),
        lines = lines.len(),
        "billing chunk written"
    );
    let e = docs.iter().filter(|d| d.kind == DocumentKind::EReceipt).count() as i32;
    Ok((e, docs.len() as i32 - e))
}

/// A charge as a line of document `document_id`.
fn line(document_id: &DocumentId, c: &ChunkCharge) -> LineRow {
    LineRow {
        document_id: document_id.clone(),
        provider_id: c.provider_id.clone(),
        account_number: c.account_number.clone(),
        service_code: c.service_code.clone(),
        service_name: c.service_name.clone(),
        unit: c.unit.clone(),
        amounts: c.amounts.clone(),
        total: c.amounts.total(),
    }
}

/// Chunk `k` of a run: its premises are numbered `(from, to]`; its documents and the payer codes of
/// its premises.
struct Chunk<'a> {
    run: &'a RunRow,
    from: i32,
    to: i32,
    docs: &'a [DocumentRow],
    payer_codes: &'a HashMap<PremisesId, String>,
    public_url: &'a url::Url,
}

/// Emails each e-receipt to every resident of its premises who chose electronic, and one SMS notice
/// with the period's total to every address that asked for notices.
fn queue_messages(conn: &mut DbConn, keys: &Keys, chunk: &Chunk, now: NaiveDateTime) -> Result<()> {
    let Chunk { run, from, to, docs, payer_codes, public_url } = *chunk;
    let recipients = store::recipients(conn, &run.id, from, to)?;
    if recipients.is_empty() {
        return Ok(());
    }
    let mut totals: HashMap<&PremisesId, i64> = HashMap::new();
    for d in docs {
        *totals.entry(&d.premises_id).or_default() += d.total;
    }
    let mut by_premises: HashMap<&PremisesId, Vec<&Recipient>> = HashMap::new();
    for r in &recipients {
        by_premises.entry(&r.premises_id).or_default().push(r);
    }
    let mut rows = Vec::new();
    for document in docs.iter().filter(|d| d.kind == DocumentKind::EReceipt) {
        for recipient in by_premises.get(&document.premises_id).into_iter().flatten() {
            if let Some(email) = &recipient.email {
                let dedupe = format!("receipt:{}:{}", document.id, recipient.address_id);
                let mut row = outbox::e_receipt_row(keys, &document.id, email, dedupe, now)?;
                row.run_id = Some(run.id.clone());
                rows.push(row);
            }
        }
    }
    for recipient in &recipients {
        if let (Some(phone), Some(total)) = (&recipient.phone, totals.get(&recipient.premises_id)) {
            let payer_code = payer_codes.get(&recipient.premises_id).map(String::as_str).unwrap_or_default();
            let sms = Sms { to: phone.clone(), text: documents::notice_sms(&run.period, payer_code, *total, public_url) };
            let mut row = outbox::sms_row(keys, "period_notice", &sms, Some(format!("notice:{}:{}", run.id, recipient.address_id)), now)?;
            row.run_id = Some(run.id.clone());
            rows.push(row);
        }
    }
    outbox::insert(conn, &rows)
}

/// Records why a run stopped for good.
pub fn fail(conn: &mut DbConn, run_id: &RunId, error: &str) -> Result<()> {
    write_tx(conn, |conn| {
        if let Some(mut run) = store::lock(conn, run_id)? {
            run.status = RunStatus::Failed;
            run.last_error = Some(error.chars().take(1000).collect());
            run.lease_until = None;
            store::update(conn, &run)?;
        }
        Ok(())
    })
}

/// Up to `limit + 1` runs older than `before`, newest first, each with its message counts.
pub fn list(conn: &mut DbConn, before: Option<&str>, limit: u32) -> Result<Vec<(RunRow, Vec<crate::store::outbox::StatusCount>)>> {
    let runs = store::page(conn, before, i64::from(limit) + 1)?;
    let mut out = Vec::with_capacity(runs.len());
    for run in runs {
        let counts = store::message_counts(conn, &run.id)?;
        out.push((run, counts));
    }
    Ok(out)
}

/// A run with its message counts by channel and status.
pub fn status(conn: &mut DbConn, run_id: &RunId) -> Result<(RunRow, Vec<crate::store::outbox::StatusCount>)> {
    let run = store::find(conn, run_id)?.ok_or_else(|| Error::not_found("billing run"))?;
    let counts = store::message_counts(conn, run_id)?;
    Ok((run, counts))
}
