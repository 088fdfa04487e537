//! `/check/{verification_code}`: anyone holding a receipt sees whether the agent issued it, and to
//! whom the money goes (the page of the e-receipt email's check link).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;

use crate::api::limits::{Limit, client_ip};
use crate::api::state::AppState;
use crate::domain::money::rub;
use crate::domain::vocabulary::DocumentKind;
use crate::services::checks;
use crate::web::session::{Layout, failure, visit};

pub struct Checked {
    title: String,
    total: String,
    /// Name, INN, account, sum.
    payees: Vec<(String, String, String, String)>,
    /// Names of payees that are no longer active providers.
    suspended: Vec<String>,
}

#[derive(Template)]
#[template(path = "check.html")]
struct CheckPage {
    layout: Layout,
    document: Option<Checked>,
    refusal: &'static str,
}

#[get("/check/{verification_code}")]
pub async fn page(state: web::Data<AppState>, req: HttpRequest, code: web::Path<String>) -> HttpResponse {
    let v = visit!(state, req);
    let refused = |status, refusal| v.page(status, &CheckPage { layout: v.layout(""), document: None, refusal });
    if state.limits.check(Limit::DocumentCheck, &client_ip(&req), &req).await.is_err() {
        return refused(StatusCode::TOO_MANY_REQUESTS, "Слишком много проверок. Повторите через минуту.");
    }
    let code = code.into_inner().trim().to_uppercase();
    let found = state
        .db(move |conn| {
            let (d, payees) = checks::document(conn, &code)?;
            let active = checks::active_payees(conn, &payees)?;
            Ok::<_, crate::error::Error>((d, payees, active))
        })
        .await;
    match found {
        Ok((d, payees, active)) => {
            let suspended = payees.iter().filter(|p| !active.contains(&p.provider_id)).map(|p| p.requisites.name.clone()).collect();
            let title = match d.kind {
                DocumentKind::EReceipt => format!("Электронная квитанция за {}", d.period),
                DocumentKind::Paper => format!("Единый платёжный документ за {}", d.period),
            };
            let payees =
                payees.into_iter().map(|p| (p.requisites.name, p.requisites.inn, p.requisites.bank_account, rub(p.total))).collect();
            let document = Some(Checked { title, total: rub(d.total), payees, suspended });
            v.page(StatusCode::OK, &CheckPage { layout: v.layout(""), document, refusal: "" })
        }
        Err(e) if e.code().is_some() => refused(
            StatusCode::NOT_FOUND,
            "Документа с таким кодом нет. Не платите по нему и сообщите в центр обслуживания платёжного агента.",
        ),
        Err(e) => failure(&e),
    }
}
