//! Queries over a resident's `addresses`, the `link_codes` that prove a premises, `link_attempts`,
//! SMS `verifications` and the `delivery_changes` audit trail.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::{AddressId, OperatorId, PremisesId, ProviderId, ResidentId};
use crate::domain::vocabulary::{ChangeReason, Channel, LinkCodeSource, VerificationPurpose, VerificationStatus};

use crate::store::db::{DbConn, chunk_rows, rows_per_insert};
use crate::store::premises::PremisesRow;
use crate::store::schema::{
    addresses, closed_periods, delivery_changes, link_attempts, link_codes, premises, residents, verification_sends, verifications,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = addresses, treat_none_as_default_value = false, treat_none_as_null = true)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct AddressRow {
    pub id: AddressId,
    pub resident_id: ResidentId,
    pub premises_id: PremisesId,
    pub channel: Channel,
    pub sms_notifications: bool,
    pub effective_from: Option<String>,
    pub created_at: NaiveDateTime,
    pub unlinked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = link_codes, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct LinkCodeRow {
    pub id: String,
    pub premises_id: PremisesId,
    pub code_hash: String,
    pub source: LinkCodeSource,
    pub issued_by: Option<OperatorId>,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub used_by: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = verifications, treat_none_as_default_value = false, treat_none_as_null = true)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct VerificationRow {
    pub id: String,
    pub resident_id: ResidentId,
    pub address_id: Option<AddressId>,
    pub purpose: VerificationPurpose,
    pub phone: String,
    pub code_hash: String,
    pub requested_channel: Option<Channel>,
    pub requested_sms_notifications: Option<bool>,
    pub requested_phone: Option<String>,
    pub attempts_left: i32,
    pub status: VerificationStatus,
    pub expires_at: NaiveDateTime,
    pub client: Option<String>,
    /// The app that asked, by its authenticated `client_id`.
    pub client_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = delivery_changes, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct DeliveryChangeRow {
    pub id: String,
    pub address_id: AddressId,
    pub resident_id: ResidentId,
    pub from_channel: Channel,
    pub to_channel: Channel,
    pub from_sms_notifications: bool,
    pub sms_notifications: bool,
    pub effective_from: String,
    /// The SMS verification that confirmed it (none when the platform made it).
    pub verification_id: Option<String>,
    pub client: Option<String>,
    /// The app that asked, by its authenticated `client_id`.
    pub client_id: Option<String>,
    pub changed_at: NaiveDateTime,
    /// `resident` (asked and confirmed), or `email_bounced` (the platform moved it back to paper).
    pub reason: ChangeReason,
}

pub fn insert(conn: &mut DbConn, row: &AddressRow) -> QueryResult<()> {
    diesel::insert_into(addresses::table).values(row).execute(conn).map(drop)
}

pub fn update(conn: &mut DbConn, row: &AddressRow) -> QueryResult<()> {
    diesel::update(addresses::table.find(&row.id)).set(row).execute(conn).map(drop)
}

/// A live address of this resident (anyone else's, or an unlinked one, is `None`).
pub fn find_own(conn: &mut DbConn, resident_id: &ResidentId, id: &AddressId) -> QueryResult<Option<AddressRow>> {
    addresses::table
        .find(id)
        .filter(addresses::resident_id.eq(resident_id))
        .filter(addresses::unlinked_at.is_null())
        .select(AddressRow::as_select())
        .first(conn)
        .optional()
}

/// This resident's address row even if unlinked (its history stays readable).
pub fn find_own_any(conn: &mut DbConn, resident_id: &ResidentId, id: &AddressId) -> QueryResult<Option<AddressRow>> {
    addresses::table.find(id).filter(addresses::resident_id.eq(resident_id)).select(AddressRow::as_select()).first(conn).optional()
}

/// A provider with an account at a premises, with its e-document declarations in the order made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderOfPremises {
    pub id: ProviderId,
    pub name: String,
    /// `(since, capable)`, oldest first.
    pub declarations: Vec<(String, bool)>,
}

/// A live address as its resident reads it.
#[derive(Debug, Clone)]
pub struct LiveAddress {
    pub address: AddressRow,
    pub premises: PremisesRow,
    /// The newest pending verification of a delivery change.
    pub pending: Option<VerificationRow>,
    /// The active providers with an account there, by name.
    pub providers: Vec<ProviderOfPremises>,
}

/// A row of [`live_with_providers`]: an address, its premises, a pending verification, a provider
/// (id, name) and one of its declarations (id, since, capable), and the latest closed period.
type LiveAddressRow =
    (AddressRow, PremisesRow, Option<VerificationRow>, Option<(ProviderId, String)>, Option<(String, String, bool)>, Option<String>);

/// The resident's live addresses (or only `only`), oldest first, each with its premises, newest
/// pending verification and active providers with their declarations, and the latest closed period —
/// one statement, whatever the number of addresses and providers.
pub fn live_with_providers(
    conn: &mut DbConn,
    resident_id: &ResidentId,
    only: Option<&AddressId>,
) -> QueryResult<(Vec<LiveAddress>, Option<String>)> {
    use crate::domain::vocabulary::ProviderStatus;
    use crate::store::schema::{provider_accounts, provider_edoc_changes as edoc, providers};
    let pending = verifications::address_id.eq(addresses::id.nullable()).and(verifications::status.eq(VerificationStatus::Pending));
    let active = providers::id.eq(provider_accounts::provider_id).and(providers::status.eq(ProviderStatus::Active));
    let mut query = addresses::table
        .inner_join(premises::table)
        .left_join(verifications::table.on(pending))
        .left_join(provider_accounts::table.on(provider_accounts::premises_id.eq(addresses::premises_id)))
        .left_join(providers::table.on(active))
        .left_join(edoc::table.on(edoc::provider_id.eq(providers::id)))
        .filter(addresses::resident_id.eq(resident_id.clone()))
        .filter(addresses::unlinked_at.is_null())
        .order((addresses::created_at.asc(), addresses::id.asc(), verifications::created_at.desc(), edoc::created_at.asc(), edoc::id.asc()))
        .select((
            AddressRow::as_select(),
            PremisesRow::as_select(),
            Option::<VerificationRow>::as_select(),
            (providers::id, providers::name).nullable(),
            (edoc::id, edoc::since, edoc::edoc_capable).nullable(),
            closed_periods::table.select(diesel::dsl::max(closed_periods::period)).single_value(),
        ))
        .into_boxed();
    if let Some(id) = only {
        query = query.filter(addresses::id.eq(id.clone()));
    }
    let rows: Vec<LiveAddressRow> = query.load(conn)?;
    let latest_closed = rows.first().and_then(|r| r.5.clone());
    let mut out: Vec<LiveAddress> = Vec::new();
    let mut seen_declarations: HashSet<String> = HashSet::new();
    for (address, premises, pending, provider, declaration, _) in rows {
        // Rows of one address come together, its newest pending verification first.
        if out.last().is_none_or(|last| last.address.id != address.id) {
            out.push(LiveAddress { address, premises, pending, providers: Vec::new() });
        }
        let (Some(live), Some((id, name))) = (out.last_mut(), provider) else { continue };
        let at = match live.providers.iter().position(|p| p.id == id) {
            Some(at) => at,
            None => {
                live.providers.push(ProviderOfPremises { id, name, declarations: Vec::new() });
                live.providers.len() - 1
            }
        };
        if let Some((declaration_id, since, capable)) = declaration
            && seen_declarations.insert(format!("{}:{declaration_id}", live.address.id))
        {
            live.providers[at].declarations.push((since, capable));
        }
    }
    for live in &mut out {
        live.providers.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    }
    Ok((out, latest_closed))
}

pub fn live_of_resident(conn: &mut DbConn, resident_id: &ResidentId) -> QueryResult<Vec<AddressRow>> {
    addresses::table
        .filter(addresses::resident_id.eq(resident_id))
        .filter(addresses::unlinked_at.is_null())
        .order(addresses::created_at.asc())
        .select(AddressRow::as_select())
        .load(conn)
}

/// Every address the resident ever linked, unlinked ones too (for the data export).
pub fn all_of_resident(conn: &mut DbConn, resident_id: &ResidentId) -> QueryResult<Vec<AddressRow>> {
    addresses::table
        .filter(addresses::resident_id.eq(resident_id))
        .order(addresses::created_at.asc())
        .select(AddressRow::as_select())
        .load(conn)
}

/// Every SMS verification of a resident, oldest first.
pub fn verifications_of(conn: &mut DbConn, resident_id: &ResidentId) -> QueryResult<Vec<VerificationRow>> {
    verifications::table
        .filter(verifications::resident_id.eq(resident_id))
        .order(verifications::created_at.asc())
        .select(VerificationRow::as_select())
        .load(conn)
}

/// Ends a resident's pending verifications and blanks the phone numbers they were sent to (an erased
/// account keeps no number).
pub fn erase_verifications(conn: &mut DbConn, resident_id: &ResidentId) -> QueryResult<()> {
    diesel::update(
        verifications::table
            .filter(verifications::resident_id.eq(resident_id))
            .filter(verifications::status.eq(VerificationStatus::Pending)),
    )
    .set(verifications::status.eq(VerificationStatus::Superseded))
    .execute(conn)?;
    diesel::update(verifications::table.filter(verifications::resident_id.eq(resident_id)))
        .set((verifications::phone.eq(""), verifications::requested_phone.eq(None::<String>)))
        .execute(conn)
        .map(drop)
}

pub fn live_link(conn: &mut DbConn, resident_id: &ResidentId, premises_id: &PremisesId) -> QueryResult<Option<AddressRow>> {
    addresses::table
        .filter(addresses::resident_id.eq(resident_id))
        .filter(addresses::premises_id.eq(premises_id))
        .filter(addresses::unlinked_at.is_null())
        .select(AddressRow::as_select())
        .first(conn)
        .optional()
}

/// Of these premises, those where a linked resident chose electronic receipts and has a confirmed
/// email: rule 2 of the domain, the residents' half.
pub fn electronic_premises(conn: &mut DbConn, premises_ids: &[PremisesId]) -> QueryResult<HashSet<PremisesId>> {
    let mut found = HashSet::new();
    for chunk in premises_ids.chunks(chunk_rows(1)) {
        let ids: Vec<PremisesId> = addresses::table
            .inner_join(residents::table)
            .filter(addresses::premises_id.eq_any(chunk))
            .filter(addresses::unlinked_at.is_null())
            .filter(addresses::channel.eq(Channel::Electronic))
            .filter(residents::email_confirmed_at.is_not_null())
            .select(addresses::premises_id)
            .distinct()
            .load(conn)?;
        found.extend(ids);
    }
    Ok(found)
}

/// A resident who gets a provider's charges by email: one of its accounts, at a premises where the
/// resident chose electronic receipts and has a confirmed email.
#[derive(Debug, Clone, Queryable)]
pub struct ElectronicRecipient {
    pub account_number: String,
    pub payer_code: String,
    pub address_id: AddressId,
    pub resident_id: ResidentId,
    pub email: String,
    pub name: Option<String>,
}

/// Every resident who gets a provider's charges by email, by account.
pub fn electronic_of_provider(conn: &mut DbConn, provider_id: &ProviderId) -> QueryResult<Vec<ElectronicRecipient>> {
    use crate::store::schema::{premises, provider_accounts};
    provider_accounts::table
        .inner_join(premises::table)
        .inner_join(addresses::table.on(addresses::premises_id.eq(provider_accounts::premises_id)))
        .inner_join(residents::table.on(residents::id.eq(addresses::resident_id)))
        .filter(provider_accounts::provider_id.eq(provider_id))
        .filter(addresses::unlinked_at.is_null())
        .filter(addresses::channel.eq(Channel::Electronic))
        .filter(residents::email_confirmed_at.is_not_null())
        .order((residents::id.asc(), provider_accounts::number.asc()))
        .select((provider_accounts::number, premises::payer_code, addresses::id, residents::id, residents::email, residents::name))
        .load(conn)
}

/// Moves every live address of premises `from` to `into` (a premises merge); a resident linked to
/// both keeps the one at `into`.
pub fn repoint(conn: &mut DbConn, from: &PremisesId, into: &PremisesId, now: NaiveDateTime) -> QueryResult<()> {
    let both: Vec<ResidentId> = addresses::table
        .filter(addresses::premises_id.eq(into))
        .filter(addresses::unlinked_at.is_null())
        .select(addresses::resident_id)
        .load(conn)?;
    diesel::update(
        addresses::table
            .filter(addresses::premises_id.eq(from))
            .filter(addresses::unlinked_at.is_null())
            .filter(addresses::resident_id.eq_any(&both)),
    )
    .set(addresses::unlinked_at.eq(now))
    .execute(conn)?;
    diesel::update(addresses::table.filter(addresses::premises_id.eq(from)).filter(addresses::unlinked_at.is_null()))
        .set(addresses::premises_id.eq(into))
        .execute(conn)
        .map(drop)
}

pub fn insert_link_codes(conn: &mut DbConn, rows: &[LinkCodeRow]) -> QueryResult<()> {
    for chunk in rows.chunks(rows_per_insert(&link_codes::table)) {
        crate::on_backend!(conn, c => diesel::insert_into(link_codes::table).values(chunk).execute(c))?;
    }
    Ok(())
}

/// Marks an unused, unexpired code of the premises used; false when there is none with this hash.
pub fn use_link_code(
    conn: &mut DbConn,
    premises_id: &PremisesId,
    code_hash: &str,
    resident_id: &ResidentId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let id: Option<String> = link_codes::table
        .filter(link_codes::premises_id.eq(premises_id))
        .filter(link_codes::code_hash.eq(code_hash))
        .filter(link_codes::used_at.is_null())
        .filter(link_codes::expires_at.gt(now))
        .select(link_codes::id)
        .first(conn)
        .optional()?;
    let Some(id) = id else { return Ok(false) };
    let n = diesel::update(link_codes::table.find(&id).filter(link_codes::used_at.is_null()))
        .set((link_codes::used_at.eq(now), link_codes::used_by.eq(resident_id)))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn record_link_attempt(
    conn: &mut DbConn,
    premises_id: &PremisesId,
    resident_id: &ResidentId,
    succeeded: bool,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(link_attempts::table)
        .values((
            link_attempts::id.eq(crate::domain::ids::new_id("lat")),
            link_attempts::premises_id.eq(premises_id),
            link_attempts::resident_id.eq(resident_id),
            link_attempts::succeeded.eq(succeeded),
            link_attempts::created_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// When the failed link attempts on a premises since `since` were made, oldest first.
pub fn failed_link_attempts(conn: &mut DbConn, premises_id: &PremisesId, since: NaiveDateTime) -> QueryResult<Vec<NaiveDateTime>> {
    link_attempts::table
        .filter(link_attempts::premises_id.eq(premises_id))
        .filter(link_attempts::succeeded.eq(false))
        .filter(link_attempts::created_at.ge(since))
        .order(link_attempts::created_at.asc())
        .select(link_attempts::created_at)
        .load(conn)
}

/// Records a verification SMS to `recipient` (a keyed hash of the phone) asked for by a resident.
pub fn record_send(
    conn: &mut DbConn,
    resident_id: &ResidentId,
    recipient: &str,
    verification_id: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(verification_sends::table)
        .values((
            verification_sends::id.eq(crate::domain::ids::new_id("vsd")),
            verification_sends::resident_id.eq(resident_id),
            verification_sends::recipient.eq(recipient),
            verification_sends::verification_id.eq(verification_id),
            verification_sends::created_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// When verification SMS went to `recipient` since `since`, newest first.
pub fn sends_to(conn: &mut DbConn, recipient: &str, since: NaiveDateTime) -> QueryResult<Vec<NaiveDateTime>> {
    verification_sends::table
        .filter(verification_sends::recipient.eq(recipient))
        .filter(verification_sends::created_at.gt(since))
        .order(verification_sends::created_at.desc())
        .select(verification_sends::created_at)
        .load(conn)
}

/// When verification SMS asked for by a resident went out since `since`, newest first.
pub fn sends_of(conn: &mut DbConn, resident_id: &ResidentId, since: NaiveDateTime) -> QueryResult<Vec<NaiveDateTime>> {
    verification_sends::table
        .filter(verification_sends::resident_id.eq(resident_id))
        .filter(verification_sends::created_at.gt(since))
        .order(verification_sends::created_at.desc())
        .select(verification_sends::created_at)
        .load(conn)
}

pub fn insert_verification(conn: &mut DbConn, row: &VerificationRow) -> QueryResult<()> {
    diesel::insert_into(verifications::table).values(row).execute(conn).map(drop)
}

pub fn update_verification(conn: &mut DbConn, row: &VerificationRow) -> QueryResult<()> {
    diesel::update(verifications::table.find(&row.id)).set(row).execute(conn).map(drop)
}

pub fn find_own_verification(conn: &mut DbConn, resident_id: &ResidentId, id: &str) -> QueryResult<Option<VerificationRow>> {
    verifications::table
        .find(id)
        .filter(verifications::resident_id.eq(resident_id))
        .select(VerificationRow::as_select())
        .first(conn)
        .optional()
}

/// The resident's pending phone change, if any.
pub fn pending_phone_change(conn: &mut DbConn, resident_id: &ResidentId) -> QueryResult<Option<VerificationRow>> {
    verifications::table
        .filter(verifications::resident_id.eq(resident_id))
        .filter(verifications::purpose.eq(VerificationPurpose::PhoneChange))
        .filter(verifications::status.eq(VerificationStatus::Pending))
        .order(verifications::created_at.desc())
        .select(VerificationRow::as_select())
        .first(conn)
        .optional()
}

/// Supersedes every pending verification of a resident for `purpose` (and address).
pub fn supersede_pending(
    conn: &mut DbConn,
    resident_id: &ResidentId,
    purpose: VerificationPurpose,
    address_id: Option<&AddressId>,
) -> QueryResult<()> {
    let target = verifications::table
        .filter(verifications::resident_id.eq(resident_id))
        .filter(verifications::purpose.eq(purpose))
        .filter(verifications::status.eq(VerificationStatus::Pending));
    match address_id {
        Some(a) => diesel::update(target.filter(verifications::address_id.eq(a)))
            .set(verifications::status.eq(VerificationStatus::Superseded))
            .execute(conn),
        None => diesel::update(target).set(verifications::status.eq(VerificationStatus::Superseded)).execute(conn),
    }
    .map(drop)
}

pub fn insert_change(conn: &mut DbConn, row: &DeliveryChangeRow) -> QueryResult<()> {
    diesel::insert_into(delivery_changes::table).values(row).execute(conn).map(drop)
}

pub fn changes_of_address(conn: &mut DbConn, address_id: &AddressId) -> QueryResult<Vec<DeliveryChangeRow>> {
    delivery_changes::table
        .filter(delivery_changes::address_id.eq(address_id))
        .order((delivery_changes::changed_at.asc(), delivery_changes::id.asc()))
        .select(DeliveryChangeRow::as_select())
        .load(conn)
}
