//! `GET /v1/audit-events`: who did what to which object, and when, for operators.

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::AuthOperator;
use crate::api::pagination::{Page, PageParams};
use crate::api::state::AppState;
use crate::domain::vocabulary::{AuditActor, AuditKind, AuditObject};
use crate::error::Result;
use crate::services::audit;
use crate::store::audit::Filter;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Only what this operator, provider or resident did (their id).
    pub actor: Option<String>,
    /// Only events of this kind.
    #[param(value_type = Option<AuditKind>)]
    pub kind: Option<String>,
    /// Only events about this object (a provider, address or billing run id, or a payer code).
    pub object: Option<String>,
    /// From this time on (RFC 3339), inclusive.
    pub since: Option<DateTime<Utc>>,
    /// Before this time (RFC 3339); a window that ends before it starts is an empty page.
    pub until: Option<DateTime<Utc>>,
}

/// One event of the audit trail.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEvent {
    pub id: String,
    #[schema(value_type = AuditActor)]
    pub actor_kind: String,
    /// The operator, provider or resident; null for the system.
    pub actor_id: Option<String>,
    #[schema(value_type = AuditKind)]
    pub kind: String,
    #[schema(value_type = AuditObject)]
    pub object_type: String,
    pub object_id: String,
    /// What changed (never a secret or a code).
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// List audit events.
///
/// Operators' decisions (approvals, suspensions, link codes, billing runs, merges) and the consent
/// changes of providers (e-document capability) and residents (delivery preferences, linked
/// addresses), newest first, filtered by actor, kind, object and time.
#[utoipa::path(
    tag = "audit",
    params(PageParams, AuditFilter),
    responses((status = 200, description = "A page of events, newest first", body = Page<AuditEvent>)),
    security(("bearer" = [])),
)]
#[get("/audit-events")]
pub async fn list_audit_events(
    state: web::Data<AppState>,
    _op: AuthOperator,
    page: web::Query<PageParams>,
    filter: web::Query<AuditFilter>,
) -> Result<HttpResponse> {
    let (limit, before) = (page.limit()?, page.after()?);
    let f = filter.into_inner();
    // A window that holds no time selects nothing, like any other filter that matches nothing.
    if let (Some(since), Some(until)) = (f.since, f.until)
        && until <= since
    {
        return Ok(HttpResponse::Ok().json(Page::<AuditEvent> { data: Vec::new(), next_cursor: None }));
    }
    let filter = Filter {
        actor: f.actor,
        kind: f.kind,
        object: f.object,
        since: f.since.map(|t| t.naive_utc()),
        until: f.until.map(|t| t.naive_utc()),
    };
    let rows = state.db(move |conn| audit::page(conn, &filter, before.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(Page::from_rows(
        rows,
        limit,
        |r| r.id.clone(),
        |r| AuditEvent {
            data: serde_json::from_str(&r.data).unwrap_or_default(),
            id: r.id,
            actor_kind: r.actor_kind,
            actor_id: r.actor_id,
            kind: r.kind,
            object_type: r.object_type,
            object_id: r.object_id,
            created_at: r.created_at.and_utc(),
        },
    )))
}
