//! Queries of documents: the bulk writes of a run's documents and lines, their payees (from the run's
//! requisites), and what residents, operators, providers and the public checks read of them (raw
//! statements are written with `$n` parameters; see `db::sql`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use diesel::sql_types::{BigInt, Text};

use crate::domain::charge::ChargeAmounts;
use crate::domain::ids::{AddressId, DocumentId, PremisesId, ProviderId, ResidentId, RunId};
use crate::domain::requisites::Requisites;
use crate::domain::vocabulary::{DocumentDelivery, DocumentKind, DocumentOrigin, MessageChannel, MessageStatus};
use crate::store::db::{DbConn, chunk_rows, sql};
use crate::store::premises::PremisesRow;
use crate::store::schema::{addresses, document_lines, documents, outbox, premises, run_payees};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = documents, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct DocumentRow {
    pub id: DocumentId,
    pub run_id: RunId,
    pub chunk: i32,
    pub period: String,
    pub premises_id: PremisesId,
    pub kind: DocumentKind,
    pub provider_id: Option<ProviderId>,
    pub total: i64,
    pub verification_code: String,
    pub link_code_sealed: Option<String>,
    pub delivery_status: DocumentDelivery,
    pub created_at: NaiveDateTime,
    /// `run` (written by the billing run), or `bounce` (a supplementary paper ЕПД carrying e-receipts
    /// whose email bounced).
    pub origin: DocumentOrigin,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = document_lines)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct LineRow {
    pub document_id: DocumentId,
    pub provider_id: ProviderId,
    pub account_number: String,
    pub service_code: String,
    pub service_name: String,
    pub unit: String,
    #[diesel(select_expression = (
        document_lines::volume,
        document_lines::tariff,
        document_lines::amount,
        document_lines::recalculation,
        document_lines::debt,
        document_lines::penalty,
    ))]
    pub amounts: ChargeAmounts,
    pub total: i64,
}

crate::flat_row!(LineRow => document_lines {
    document_id: DocumentId,
    provider_id: ProviderId,
    account_number: String,
    service_code: String,
    service_name: String,
    unit: String,
    total: i64,
} amounts {
    volume: Option<String>,
    tariff: Option<String>,
    amount: i64,
    recalculation: i64,
    debt: i64,
    penalty: i64,
});

/// A provider's requisites as they stood when a run started.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = run_payees)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct RunPayee {
    pub run_id: RunId,
    pub provider_id: ProviderId,
    #[diesel(select_expression = (
        run_payees::name,
        run_payees::inn,
        run_payees::kpp,
        run_payees::bank_name,
        run_payees::bank_bik,
        run_payees::bank_account,
        run_payees::bank_correspondent_account,
    ))]
    pub requisites: Requisites,
}

/// Who is paid on a document: the run's requisites of a provider, the provider's account number on
/// the document and the sum of its lines.
#[derive(Debug, Clone)]
pub struct PayeeRow {
    pub document_id: DocumentId,
    pub provider_id: ProviderId,
    pub requisites: Requisites,
    pub account_number: String,
    pub total: i64,
}

/// Writes documents: `COPY` on PostgreSQL, multi-row inserts on SQLite.
pub fn insert_documents(conn: &mut DbConn, rows: &[DocumentRow]) -> QueryResult<()> {
    crate::bulk_insert!(conn, documents::table, rows)
}

/// Writes document lines: `COPY` on PostgreSQL, multi-row inserts on SQLite.
pub fn insert_lines(conn: &mut DbConn, rows: &[LineRow]) -> QueryResult<()> {
    crate::bulk_insert!(conn, document_lines::table, rows)
}

pub fn lines_of(conn: &mut DbConn, document_ids: &[DocumentId]) -> QueryResult<Vec<LineRow>> {
    let mut found = Vec::new();
    for chunk in document_ids.chunks(chunk_rows(1)) {
        found.extend(
            document_lines::table
                .filter(document_lines::document_id.eq_any(chunk))
                .order((
                    document_lines::document_id,
                    document_lines::provider_id,
                    document_lines::account_number,
                    document_lines::service_code,
                ))
                .select(LineRow::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}

pub fn payees_of(conn: &mut DbConn, document_ids: &[DocumentId]) -> QueryResult<Vec<PayeeRow>> {
    let mut lines: Vec<(DocumentId, RunId, ProviderId, String, i64)> = Vec::new();
    for chunk in document_ids.chunks(chunk_rows(1)) {
        lines.extend(
            document_lines::table
                .inner_join(documents::table)
                .filter(document_lines::document_id.eq_any(chunk))
                .select((
                    document_lines::document_id,
                    documents::run_id,
                    document_lines::provider_id,
                    document_lines::account_number,
                    document_lines::total,
                ))
                .load::<(DocumentId, RunId, ProviderId, String, i64)>(conn)?,
        );
    }
    let runs: BTreeSet<&RunId> = lines.iter().map(|l| &l.1).collect();
    let requisites: HashMap<(RunId, ProviderId), RunPayee> = run_payees::table
        .filter(run_payees::run_id.eq_any(runs))
        .select(RunPayee::as_select())
        .load(conn)?
        .into_iter()
        .map(|p| ((p.run_id.clone(), p.provider_id.clone()), p))
        .collect();
    Ok(payees_from(lines.iter().map(|(document_id, run_id, provider_id, account_number, total)| {
        (document_id, account_number.as_str(), *total, requisites.get(&(run_id.clone(), provider_id.clone())))
    })))
}

/// The payees of documents from their lines (document, account number, total, the run's requisites of
/// the line's provider): per document and provider, the lowest account number and the sum of the
/// lines; by document, then name. A line whose provider has no requisites in the run pays no one.
fn payees_from<'a>(lines: impl Iterator<Item = (&'a DocumentId, &'a str, i64, Option<&'a RunPayee>)>) -> Vec<PayeeRow> {
    let mut payees: BTreeMap<(&DocumentId, &ProviderId), PayeeRow> = BTreeMap::new();
    for (document_id, account_number, total, requisites) in lines {
        let Some(p) = requisites else { continue };
        let row = payees.entry((document_id, &p.provider_id)).or_insert_with(|| PayeeRow {
            document_id: document_id.clone(),
            provider_id: p.provider_id.clone(),
            requisites: p.requisites.clone(),
            account_number: account_number.to_owned(),
            total: 0,
        });
        if account_number < row.account_number.as_str() {
            row.account_number = account_number.to_owned();
        }
        row.total += total;
    }
    let mut found: Vec<PayeeRow> = payees.into_values().collect();
    found.sort_by(|a, b| (&a.document_id, &a.requisites.name).cmp(&(&b.document_id, &b.requisites.name)));
    found
}

/// A resident's document as they read it.
pub struct OwnDocument {
    pub document: DocumentRow,
    /// The resident's live address of the document's premises.
    pub address_id: AddressId,
    pub premises: PremisesRow,
    /// By provider, account number and service.
    pub lines: Vec<LineRow>,
    pub payees: Vec<PayeeRow>,
}

/// A row of [`one_of_resident`]: the document, the address, the premises, one line and its payee.
type OwnDocumentLine = (DocumentRow, AddressId, PremisesRow, Option<LineRow>, Option<RunPayee>, Option<String>);

/// Document `id` if it is of a premises the resident has a live address at, with its premises, lines
/// and payees, and the setting `with_setting` (the signing keys, so that signing the answer costs no
/// second round trip) — one statement (a row per line); `None` for any other document.
pub fn one_of_resident(
    conn: &mut DbConn,
    resident_id: &ResidentId,
    id: &DocumentId,
    with_setting: &str,
) -> QueryResult<Option<(OwnDocument, Option<String>)>> {
    use crate::store::schema::settings;
    let own = addresses::premises_id
        .eq(documents::premises_id)
        .and(addresses::resident_id.eq(resident_id.clone()))
        .and(addresses::unlinked_at.is_null());
    let payee = run_payees::run_id.eq(documents::run_id).and(run_payees::provider_id.eq(document_lines::provider_id));
    let rows: Vec<OwnDocumentLine> = documents::table
        .inner_join(addresses::table.on(own))
        .inner_join(premises::table)
        .left_join(document_lines::table)
        .left_join(run_payees::table.on(payee))
        .filter(documents::id.eq(id.clone()))
        .order((document_lines::provider_id, document_lines::account_number, document_lines::service_code))
        .select((
            DocumentRow::as_select(),
            addresses::id,
            PremisesRow::as_select(),
            Option::<LineRow>::as_select(),
            Option::<RunPayee>::as_select(),
            settings::table.filter(settings::name.eq(with_setting.to_owned())).select(settings::value).single_value(),
        ))
        .load(conn)?;
    let Some((document, address_id, premises, _, _, setting)) = rows.first().cloned() else { return Ok(None) };
    let payees = payees_from(rows.iter().filter_map(|(_, _, _, line, requisites, _)| {
        line.as_ref().map(|l| (&document.id, l.account_number.as_str(), l.total, requisites.as_ref()))
    }));
    let lines = rows.into_iter().filter_map(|(_, _, _, line, _, _)| line).collect();
    Ok(Some((OwnDocument { document, address_id, premises, lines, payees }, setting)))
}

/// A document as lists show it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = documents)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct DocumentSummaryRow {
    pub id: DocumentId,
    pub period: String,
    pub kind: DocumentKind,
    pub provider_id: Option<ProviderId>,
    pub total: i64,
    pub verification_code: String,
}

impl From<DocumentRow> for DocumentSummaryRow {
    fn from(d: DocumentRow) -> Self {
        Self {
            id: d.id,
            period: d.period,
            kind: d.kind,
            provider_id: d.provider_id,
            total: d.total,
            verification_code: d.verification_code,
        }
    }
}

/// A page of the documents of the resident's live addresses (or of one of them), by id after
/// `after`, each with its address — one statement.
pub fn of_resident(
    conn: &mut DbConn,
    resident_id: &ResidentId,
    address_id: Option<&AddressId>,
    period: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<(DocumentSummaryRow, AddressId)>> {
    let own =
        addresses::premises_id.eq(documents::premises_id).and(addresses::resident_id.eq(resident_id)).and(addresses::unlinked_at.is_null());
    let mut query = documents::table
        .inner_join(addresses::table.on(own))
        .order(documents::id.asc())
        .limit(limit)
        .select((DocumentSummaryRow::as_select(), addresses::id))
        .into_boxed();
    if let Some(address_id) = address_id {
        query = query.filter(addresses::id.eq(address_id));
    }
    if let Some(period) = period {
        query = query.filter(documents::period.eq(period.to_owned()));
    }
    if let Some(after) = after {
        query = query.filter(documents::id.gt(after.to_owned()));
    }
    query.load(conn)
}

pub fn find_document(conn: &mut DbConn, id: &DocumentId) -> QueryResult<Option<DocumentRow>> {
    documents::table.find(id).select(DocumentRow::as_select()).first(conn).optional()
}

/// Every document of one premises in one run.
pub fn of_run_and_premises(conn: &mut DbConn, run_id: &RunId, premises_id: &PremisesId) -> QueryResult<Vec<DocumentRow>> {
    documents::table
        .filter(documents::run_id.eq(run_id))
        .filter(documents::premises_id.eq(premises_id))
        .order(documents::id.asc())
        .select(DocumentRow::as_select())
        .load(conn)
}

pub fn find_by_verification_code(conn: &mut DbConn, code: &str) -> QueryResult<Option<DocumentRow>> {
    documents::table.filter(documents::verification_code.eq(code)).select(DocumentRow::as_select()).first(conn).optional()
}

/// The paper documents of a run, by id, after `after`.
pub fn paper_of_run(conn: &mut DbConn, run_id: &RunId, after: Option<&str>, limit: i64) -> QueryResult<Vec<DocumentRow>> {
    let mut query = documents::table
        .filter(documents::run_id.eq(run_id))
        .filter(documents::kind.eq(DocumentKind::Paper))
        .order(documents::id.asc())
        .limit(limit)
        .select(DocumentRow::as_select())
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(documents::id.gt(after.to_owned()));
    }
    query.load(conn)
}

/// Marks a document `status`; true when it changed.
pub fn set_delivery_status(conn: &mut DbConn, id: &DocumentId, from: &[DocumentDelivery], status: DocumentDelivery) -> QueryResult<bool> {
    let n = diesel::update(documents::table.find(id).filter(documents::delivery_status.eq_any(from)))
        .set(documents::delivery_status.eq(status))
        .execute(conn)?;
    Ok(n == 1)
}

/// Whether any email of a document is still pending or was sent.
pub fn document_has_live_email(conn: &mut DbConn, id: &DocumentId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        outbox::table
            .filter(outbox::document_id.eq(id))
            .filter(outbox::channel.eq(MessageChannel::Email))
            .filter(outbox::status.ne(MessageStatus::Failed)),
    ))
    .get_result(conn)
}

/// One account of a provider on a period's documents.
#[derive(Debug, QueryableByName)]
pub struct AccountDelivery {
    #[diesel(sql_type = Text)]
    pub account_number: String,
    #[diesel(sql_type = Text)]
    pub document_id: DocumentId,
    #[diesel(sql_type = Text)]
    pub kind: DocumentKind,
    #[diesel(sql_type = Text)]
    pub delivery_status: DocumentDelivery,
    #[diesel(sql_type = Text)]
    pub payer_code: String,
    #[diesel(sql_type = BigInt)]
    pub total: i64,
}

/// A provider's accounts on the documents of a period, after `after`, by account number.
pub fn provider_deliveries(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    period: &str,
    after: &str,
    limit: i64,
) -> QueryResult<Vec<AccountDelivery>> {
    sql(
        conn,
        "SELECT l.account_number, d.id AS document_id, d.kind, d.delivery_status, p.payer_code, CAST(SUM(l.total) AS BIGINT) AS total \
         FROM document_lines l JOIN documents d ON d.id = l.document_id JOIN premises p ON p.id = d.premises_id \
         WHERE l.provider_id = $1 AND d.period = $2 AND l.account_number > $3 \
         GROUP BY l.account_number, d.id, d.kind, d.delivery_status, p.payer_code \
         ORDER BY l.account_number LIMIT $4",
    )
    .bind::<Text, _>(provider_id)
    .bind::<Text, _>(period)
    .bind::<Text, _>(after)
    .bind::<BigInt, _>(limit)
    .load(conn)
}
