//! Documents as PDF (A4, PT Sans embedded as a subset): the e-receipt of one provider and the paper
//! ЕПД of one premises — the agent, the payer, each payee's requisites, lines with every ЕПД column,
//! totals and payment QR, the cabinet's link code, the verification code with its check URL and a
//! small QR of it. Many paper documents make one print-ready PDF; one that cannot be laid out is
//! replaced by a page naming it, and the rest print.

mod canvas;

use krilla::Document;
use krilla::metadata::Metadata;

use crate::config::Agent;
use crate::domain::money::rub;
use crate::domain::period::Period;
use crate::domain::vocabulary::{DocumentKind, DocumentOrigin};
use crate::error::{Error, Result};
use crate::services::documents::{DocumentView, address_line, month_name};
use crate::services::receipt_html::{Line, due_date};
use canvas::{ACCENT, Align, CONTENT_WIDTH, MARGIN, MUTED, PAGE_HEIGHT, PAGE_WIDTH, SHADE, Sheet, Style};

/// What every document prints besides its own data: the agent and where the cabinet is.
pub struct Printing<'a> {
    pub agent: &'a Agent,
    pub public_url: &'a url::Url,
}

impl<'a> Printing<'a> {
    pub fn of(config: &'a crate::config::Config) -> Self {
        Self { agent: &config.agent, public_url: &config.public_url }
    }

    fn url(&self, path: &str) -> String {
        self.public_url.join(path).map(|u| u.to_string()).unwrap_or_default()
    }
}

/// A document that could not be laid out, and why.
#[derive(Debug)]
pub struct Failed {
    pub document_id: String,
    pub reason: String,
}

/// The file name of a document's PDF: `e_receipt-2021-08-0000000018.pdf`, `paper-2021-08-….pdf`.
pub fn file_name(view: &DocumentView) -> String {
    format!("{}-{}-{}.pdf", view.document.kind, view.document.period, view.premises.payer_code)
}

/// One document as a PDF.
pub fn document(view: &DocumentView, printing: &Printing) -> Result<Vec<u8>> {
    let sheet = sheet(view, printing).map_err(|reason| Error::internal(format!("PDF of document {}: {reason}", view.document.id)))?;
    let mut pdf = new_document(&title(view));
    canvas::paint(&mut pdf, &sheet).map_err(Error::internal)?;
    pdf.finish().map_err(|e| Error::internal(format!("PDF of document {}: {e:?}", view.document.id)))
}

/// Many documents as one print-ready PDF, each starting on a new page. A document that cannot be laid
/// out is printed as a page naming it and returned in the list of failures.
pub fn print_run(views: &[DocumentView], printing: &Printing) -> Result<(Vec<u8>, Vec<Failed>)> {
    let mut pdf = new_document("ЕПД к печати");
    let mut failed = Vec::new();
    for view in views {
        let sheet = sheet(view, printing).unwrap_or_else(|reason| {
            failed.push(Failed { document_id: view.document.id.to_string(), reason: reason.clone() });
            failure_sheet(view, &reason)
        });
        canvas::paint(&mut pdf, &sheet).map_err(Error::internal)?;
    }
    let bytes = pdf.finish().map_err(|e| Error::internal(format!("PDF: {e:?}")))?;
    Ok((bytes, failed))
}

fn new_document(title: &str) -> Document {
    let mut pdf = Document::new();
    pdf.set_metadata(Metadata::new().title(title.to_owned()).language("ru".into()).creator("ebill".into()));
    pdf
}

fn title(view: &DocumentView) -> String {
    let kind = match view.document.kind {
        DocumentKind::Paper => "Единый платёжный документ",
        DocumentKind::EReceipt => "Электронная квитанция",
    };
    format!("{kind} за {}, код плательщика {}", month_name(&view.document.period), view.premises.payer_code)
}

fn failure_sheet(view: &DocumentView, reason: &str) -> Sheet {
    let mut s = Sheet::new();
    s.text(MARGIN, MARGIN + 14.0, "Документ не сформирован", Style::bold(14.0), Align::Left);
    s.paragraph(MARGIN, MARGIN + 24.0, &format!("Документ {}: {reason}", view.document.id), Style::regular(10.0), CONTENT_WIDTH);
    s
}

const RIGHT: f32 = PAGE_WIDTH - MARGIN;

fn roubles(kopecks: i64) -> String {
    format!("{} руб.", rub(kopecks))
}

/// Lays out one document.
fn sheet(view: &DocumentView, printing: &Printing) -> std::result::Result<Sheet, String> {
    let period = Period::parse(&view.document.period).ok_or("bad period")?;
    let mut s = Sheet::new();
    head(&mut s, view, period, printing);
    charges(&mut s, view);
    payments(&mut s, view)?;
    foot(&mut s, view, printing)?;
    number_pages(&mut s, view);
    Ok(s)
}

/// The title, the agent, the payer and the document's total.
fn head(s: &mut Sheet, view: &DocumentView, period: Period, printing: &Printing) {
    let top = s.y;
    let kind = match view.document.kind {
        DocumentKind::Paper => "ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ",
        DocumentKind::EReceipt => "ЭЛЕКТРОННАЯ КВИТАНЦИЯ",
    };
    s.text(MARGIN, top + 15.0, kind, Style::bold(15.0).color(ACCENT), Align::Left);
    s.text(MARGIN, top + 32.0, format!("за {}", month_name(&view.document.period)), Style::regular(11.0), Align::Left);
    let mut right_y = top + 9.0;
    for (text, style) in [(&printing.agent.name, Style::bold(9.0)), (&printing.agent.contacts, Style::regular(7.5).color(MUTED))] {
        for line in canvas::wrap(text, style, 230.0).into_iter().filter(|l| !l.is_empty()) {
            s.text(RIGHT, right_y, line, style, Align::Right);
            right_y += style.leading();
        }
    }
    s.y = (top + 40.0).max(right_y);
    s.push(canvas::Op::Rule { x1: MARGIN, y1: s.y, x2: RIGHT, y2: s.y, width: 1.2, color: ACCENT });
    s.y += 10.0;

    let top = s.y;
    let box_w = 170.0;
    let label = Style::regular(8.0).color(MUTED);
    let value = Style::regular(9.5);
    let value_x = MARGIN + 100.0;
    let value_w = CONTENT_WIDTH - box_w - 110.0;
    let mut y = top;
    for (name, text, style) in [
        ("Адрес помещения", address_line(&view.premises), value),
        ("Код плательщика", view.premises.payer_code.clone(), Style::bold(10.5)),
        ("Расчётный период", period.dotted(), value),
        ("Оплатить до", due_date(period), value),
    ] {
        s.text(MARGIN, y + value.size, name, label, Align::Left);
        y += s.paragraph(value_x, y, &text, style, value_w) + 3.0;
    }
    let box_h = 58.0;
    s.fill(RIGHT - box_w, top, box_w, box_h, SHADE);
    s.text(RIGHT - box_w + 10.0, top + 16.0, "Итого к оплате", Style::regular(9.0).color(MUTED), Align::Left);
    s.text(RIGHT - 10.0, top + 42.0, roubles(view.document.total), Style::bold(18.0), Align::Right);
    s.y = y.max(top + box_h) + 8.0;
    if view.document.origin == DocumentOrigin::Bounce {
        let note = "Дополнительный документ: электронные квитанции за этот период не удалось доставить по электронной почте, \
                    поэтому они напечатаны здесь.";
        s.y += s.paragraph(MARGIN, s.y, note, Style::bold(9.0), CONTENT_WIDTH) + 6.0;
    }
}

/// The table's columns: label and width; the service takes what is left.
const COLUMNS: [(&str, f32); 8] = [
    ("Объём", 44.0),
    ("Ед. изм.", 34.0),
    ("Тариф, руб.", 48.0),
    ("Начислено, руб.", 54.0),
    ("Перерасчёт, руб.", 56.0),
    ("Долг, руб.", 50.0),
    ("Пени, руб.", 44.0),
    ("Итого, руб.", 58.0),
];
const SERVICE_WIDTH: f32 = CONTENT_WIDTH - {
    let (mut sum, mut i) = (0.0, 0);
    while i < COLUMNS.len() {
        sum += COLUMNS[i].1;
        i += 1;
    }
    sum
};
const CELL_PAD: f32 = 3.0;

/// The charges: one table, each payee's lines under its name with its subtotal, then the document's
/// total; the table's head is repeated on every page it reaches.
fn charges(s: &mut Sheet, view: &DocumentView) {
    let cell = Style::regular(8.5);
    let strong = Style::bold(8.5);
    let row = |s: &mut Sheet, height: f32| {
        if s.y + height > canvas::BOTTOM {
            s.need(height + 40.0);
            table_head(s);
        }
    };
    s.text(MARGIN, s.y + 11.0, "Начисления", Style::bold(11.0).color(ACCENT), Align::Left);
    s.y += 16.0;
    s.need(80.0);
    table_head(s);
    for (payee, _) in &view.payees {
        let title = format!("{} · лицевой счёт {}", payee.requisites.name, payee.account_number);
        let title_lines = canvas::wrap(&title, strong, CONTENT_WIDTH - 2.0 * CELL_PAD);
        let height = title_lines.len() as f32 * strong.leading() + 2.0 * CELL_PAD;
        row(s, height + 18.0);
        s.fill(MARGIN, s.y, CONTENT_WIDTH, height, canvas::SHADE_LIGHT);
        for (i, line) in title_lines.into_iter().enumerate() {
            s.text(MARGIN + CELL_PAD, s.y + CELL_PAD + strong.size + i as f32 * strong.leading(), line, strong, Align::Left);
        }
        s.y += height;
        for line in view.lines.iter().filter(|l| l.provider_id == payee.provider_id).map(Line::from) {
            let service = canvas::wrap(&line.service, cell, SERVICE_WIDTH - 2.0 * CELL_PAD);
            let height = service.len() as f32 * cell.leading() + 2.0 * CELL_PAD;
            row(s, height);
            for (i, text) in service.into_iter().enumerate() {
                s.text(MARGIN + CELL_PAD, s.y + CELL_PAD + cell.size + i as f32 * cell.leading(), text, cell, Align::Left);
            }
            let values = [line.volume, line.unit, line.tariff, line.amount, line.recalculation, line.debt, line.penalty, line.total];
            let mut x = MARGIN + SERVICE_WIDTH;
            for ((_, w), value) in COLUMNS.iter().zip(values) {
                s.text(x + w - CELL_PAD, s.y + CELL_PAD + cell.size, value, cell, Align::Right);
                x += w;
            }
            s.y += height;
            s.rule(MARGIN, s.y, RIGHT, s.y, 0.4);
        }
        row(s, 16.0);
        s.text(RIGHT - COLUMNS[7].1 - 6.0, s.y + 12.0, "Итого получателю", strong, Align::Right);
        s.text(RIGHT - CELL_PAD, s.y + 12.0, rub(payee.total), strong, Align::Right);
        s.y += 18.0;
    }
    row(s, 22.0);
    s.rule(MARGIN, s.y, RIGHT, s.y, 1.0);
    let total = Style::bold(10.5);
    s.text(RIGHT - COLUMNS[7].1 - 6.0, s.y + 15.0, "Итого к оплате", total, Align::Right);
    s.text(RIGHT - CELL_PAD, s.y + 15.0, rub(view.document.total), total, Align::Right);
    s.y += 26.0;
}

/// How to pay each payee: its payment QR beside its requisites and sum, two payees a row.
fn payments(s: &mut Sheet, view: &DocumentView) -> std::result::Result<(), String> {
    const QR_SIDE: f32 = 100.0;
    const GAP: f32 = 12.0;
    let block_w = (CONTENT_WIDTH - GAP) / 2.0;
    let text_w = block_w - QR_SIDE - 8.0;
    let (name, small) = (Style::bold(8.5), Style::regular(7.5));
    s.need(40.0 + QR_SIDE);
    s.text(MARGIN, s.y + 11.0, "Оплата по QR-коду или по реквизитам", Style::bold(11.0).color(ACCENT), Align::Left);
    s.paragraph(
        MARGIN,
        s.y + 14.0,
        "Отсканируйте код получателя в приложении банка (ГОСТ Р 56042-2014): реквизиты и сумма заполнятся сами.",
        Style::regular(8.0).color(MUTED),
        CONTENT_WIDTH,
    );
    s.y += 30.0;
    for pair in view.payees.chunks(2) {
        let blocks: Vec<Vec<(String, Style)>> = pair
            .iter()
            .map(|(payee, _)| {
                let r = &payee.requisites;
                let kpp = r.kpp.as_deref().map(|k| format!(", КПП {k}")).unwrap_or_default();
                let mut lines: Vec<(String, Style)> = canvas::wrap(&r.name, name, text_w).into_iter().map(|l| (l, name)).collect();
                for text in [
                    format!("ИНН {}{kpp}", r.inn),
                    format!("Р/с {}", r.bank_account),
                    r.bank_name.clone(),
                    format!("БИК {}, к/с {}", r.bank_bik, r.bank_correspondent_account),
                    format!("Лицевой счёт: {}", payee.account_number),
                ] {
                    lines.extend(canvas::wrap(&text, small, text_w).into_iter().map(|l| (l, small)));
                }
                lines.push((format!("Сумма: {}", roubles(payee.total)), Style::bold(10.0)));
                lines
            })
            .collect();
        let text_h = |lines: &[(String, Style)]| lines.iter().map(|(_, st)| st.leading()).sum::<f32>();
        let height = blocks.iter().map(|b| text_h(b)).fold(QR_SIDE, f32::max) + 10.0;
        s.need(height);
        for (i, ((_, payload), lines)) in pair.iter().zip(&blocks).enumerate() {
            let x = MARGIN + i as f32 * (block_w + GAP);
            s.qr(x, s.y, QR_SIDE, payload)?;
            let mut y = s.y + 6.0;
            for (text, style) in lines {
                y += style.leading();
                s.text(x + QR_SIDE + 6.0, y - style.leading() * 0.2, text.clone(), *style, Align::Left);
            }
        }
        s.y += height;
    }
    Ok(())
}

/// The table's header row.
fn table_head(s: &mut Sheet) {
    let style = Style::bold(7.5).color(MUTED);
    let rows = |label: &str, w: f32| canvas::wrap(label, style, w - 2.0 * CELL_PAD);
    let height = COLUMNS.iter().map(|(l, w)| rows(l, *w).len()).max().unwrap_or(1) as f32 * style.leading() + 2.0 * CELL_PAD;
    s.fill(MARGIN, s.y, CONTENT_WIDTH, height, SHADE);
    s.text(MARGIN + CELL_PAD, s.y + CELL_PAD + style.size, "Услуга", style, Align::Left);
    let mut x = MARGIN + SERVICE_WIDTH;
    for (label, w) in COLUMNS {
        for (i, line) in rows(label, w).into_iter().enumerate() {
            s.text(x + w - CELL_PAD, s.y + CELL_PAD + style.size + i as f32 * style.leading(), line, style, Align::Right);
        }
        x += w;
    }
    s.y += height;
}

/// How to reach the cabinet (the paper's link code, or the e-receipt's links), the verification code
/// with the check URL and its QR, and the fine print.
fn foot(s: &mut Sheet, view: &DocumentView, printing: &Printing) -> std::result::Result<(), String> {
    let mut probe = Sheet::new();
    foot_at(&mut probe, view, printing)?;
    s.need(probe.y - MARGIN);
    foot_at(s, view, printing)
}

fn foot_at(s: &mut Sheet, view: &DocumentView, printing: &Printing) -> std::result::Result<(), String> {
    let qr_side = 72.0;
    s.y += 4.0;
    s.rule(MARGIN, s.y, RIGHT, s.y, 0.8);
    s.y += 8.0;
    let text_w = CONTENT_WIDTH - qr_side - 16.0;
    let body = Style::regular(9.0);
    let link = Style::regular(9.0).color(ACCENT);
    let top = s.y;
    let mut links: Vec<(&str, String)> = Vec::new();
    match (&view.document.kind, &view.link_code) {
        (DocumentKind::Paper, Some(code)) => {
            s.text(MARGIN, s.y + 10.0, "Получайте квитанции по электронной почте", Style::bold(10.0), Align::Left);
            s.y += 15.0;
            let how = "Зарегистрируйтесь в личном кабинете, откройте «Адреса» и подключите этот адрес одноразовым кодом:";
            s.y += s.paragraph(MARGIN, s.y, how, body, text_w);
            s.text(MARGIN, s.y + 15.0, code.clone(), Style::bold(15.0).color(ACCENT), Align::Left);
            s.y += 20.0;
            links.push(("Личный кабинет:", printing.url("addresses")));
        }
        (DocumentKind::Paper, None) => links.push(("Личный кабинет:", printing.url("addresses"))),
        (DocumentKind::EReceipt, _) => {
            links.push(("Квитанция в личном кабинете:", printing.url(&format!("documents/{}", view.document.id))));
            links.push(("Вернуться к бумажной квитанции:", printing.url("addresses")));
        }
    }
    let check = printing.url(&format!("check/{}", view.document.verification_code));
    s.y += 4.0;
    s.text(MARGIN, s.y + 10.0, "Код проверки подлинности:", body, Align::Left);
    let label_w = canvas::width("Код проверки подлинности: ", body);
    s.text(MARGIN + label_w, s.y + 10.0, view.document.verification_code.clone(), Style::bold(10.5), Align::Left);
    s.y += 14.0;
    links.push(("Проверить документ:", check.clone()));
    for (label, url) in links {
        let label_w = canvas::width(label, body) + 4.0;
        s.text(MARGIN, s.y + 10.0, label, body, Align::Left);
        let lines = canvas::wrap(&url, link, text_w - label_w);
        for (i, line) in lines.iter().enumerate() {
            s.text(MARGIN + label_w, s.y + 10.0 + i as f32 * link.leading(), line.clone(), link, Align::Left);
        }
        let h = lines.len() as f32 * link.leading();
        s.link(MARGIN + label_w, s.y, text_w - label_w, h, &url);
        s.y += h + 1.0;
    }
    s.qr(RIGHT - qr_side, top - 2.0, qr_side, &check)?;
    s.text(RIGHT - qr_side / 2.0, top + qr_side + 6.0, "Проверка подлинности", Style::regular(7.0).color(MUTED), Align::Center);
    s.y = s.y.max(top + qr_side + 10.0) + 6.0;
    let fine = "Платите только по реквизитам из этого документа или из личного кабинета. Вопросы по начислениям — в центр \
                обслуживания поставщика. Документ подписан платёжным агентом; подпись и подлинность проверяются по коду выше.";
    s.y += s.paragraph(MARGIN, s.y, fine, Style::regular(7.5).color(MUTED), CONTENT_WIDTH);
    Ok(())
}

/// «Код плательщика … · стр. 1 из 2» at the foot of every page.
fn number_pages(s: &mut Sheet, view: &DocumentView) {
    let count = s.pages.len();
    let style = Style::regular(7.0).color(MUTED);
    for (i, page) in s.pages.iter_mut().enumerate() {
        let text = format!("Код плательщика {} · {} · стр. {} из {count}", view.premises.payer_code, view.document.period, i + 1);
        page.push(canvas::Op::Text { x: PAGE_WIDTH / 2.0, y: PAGE_HEIGHT - MARGIN + 4.0, text, style, align: Align::Center });
    }
}

/// Documents made up for tests: any number of payees and lines, names as long as wanted.
#[cfg(test)]
pub(crate) mod sample {
    use crate::domain::charge::ChargeAmounts;
    use crate::domain::ids::{DocumentId, PremisesId, ProviderId, RunId};
    use crate::domain::requisites::Requisites;
    use crate::domain::vocabulary::{DocumentDelivery, DocumentKind, DocumentOrigin};
    use crate::services::documents::DocumentView;
    use crate::store::documents::{DocumentRow, LineRow, PayeeRow};
    use crate::store::premises::PremisesRow;

    pub fn view(kind: DocumentKind, payees: usize, lines: usize, name: &str) -> DocumentView {
        let at = chrono::DateTime::from_timestamp(1_630_000_000, 0).expect("a time").naive_utc();
        let id = DocumentId::from("doc_sample");
        let providers: Vec<ProviderId> = (0..payees).map(|i| ProviderId::from(format!("prv_{i}"))).collect();
        let line_rows: Vec<LineRow> = providers
            .iter()
            .flat_map(|p| {
                let id = &id;
                (0..lines).map(move |n| LineRow {
                    document_id: id.clone(),
                    provider_id: p.clone(),
                    account_number: format!("ACC-{p}"),
                    service_code: format!("s{n}"),
                    service_name: format!("Услуга {n}: горячее водоснабжение (компонент на тепловую энергию)"),
                    unit: "Гкал".into(),
                    amounts: ChargeAmounts {
                        volume: Some("0.123456".into()),
                        tariff: Some("2345.67".into()),
                        amount: 123_456,
                        recalculation: -1_000,
                        debt: 50_000,
                        penalty: 1_234,
                    },
                    total: 173_690,
                })
            })
            .collect();
        let payee_rows = providers
            .iter()
            .map(|p| {
                let payee = PayeeRow {
                    document_id: id.clone(),
                    provider_id: p.clone(),
                    requisites: Requisites {
                        name: format!("{name} {p}"),
                        inn: "1901067718".into(),
                        kpp: Some("190101001".into()),
                        bank_name: "Абаканское отделение № 8602 ПАО Сбербанк".into(),
                        bank_bik: "044525225".into(),
                        bank_account: "40702810438000060473".into(),
                        bank_correspondent_account: "30101810400000000225".into(),
                    },
                    account_number: format!("ACC-{p}"),
                    total: 173_690 * lines as i64,
                };
                (payee, format!("ST00012|Name={name}|PersonalAcc=40702810438000060473|Sum=1"))
            })
            .collect();
        DocumentView {
            document: DocumentRow {
                id,
                run_id: RunId::from("run_sample"),
                chunk: 0,
                period: "2021-08".into(),
                premises_id: PremisesId::from("prm_sample"),
                kind,
                provider_id: None,
                total: 173_690 * (lines * payees) as i64,
                verification_code: "ABCD-EFGH-JKMN-PQRS-TVWX".into(),
                link_code_sealed: None,
                delivery_status: DocumentDelivery::Queued,
                created_at: at,
                origin: DocumentOrigin::Run,
            },
            premises: PremisesRow {
                id: PremisesId::from("prm_sample"),
                payer_code: "0000000018".into(),
                address_key: "k".into(),
                city: "Абакан".into(),
                street: "ул. Щетинкина".into(),
                house: "123".into(),
                building: Some("4".into()),
                apartment: Some("567".into()),
                merged_into: None,
                created_at: at,
            },
            lines: line_rows,
            payees: payee_rows,
            link_code: Some("P174-PBND".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocabulary::DocumentKind;
    use canvas::Op;

    fn printing_with<T>(f: impl FnOnce(&Printing) -> T) -> T {
        let agent = Agent {
            name: "ООО «Единый расчётный центр»".into(),
            contacts: "ИНН 1901000000, г. Абакан, тел. 8 (3902) 00-00-00".into(),
        };
        let url = url::Url::parse("https://ebill.example.org/").expect("a URL");
        f(&Printing { agent: &agent, public_url: &url })
    }

    #[test]
    fn a_long_document_flows_onto_pages_with_the_table_head_on_each_and_nothing_below_the_margin() {
        let name = "Акционерное общество «Сибирская генерирующая компания», филиал «Абаканская ТЭЦ», теплоснабжение и ГВС";
        let view = sample::view(DocumentKind::Paper, 5, 12, name);
        let sheet = printing_with(|p| sheet(&view, p)).expect("laid out");
        assert!(sheet.pages.len() >= 3, "{} pages", sheet.pages.len());
        let count = sheet.pages.len();
        for (i, page) in sheet.pages.iter().enumerate() {
            let texts: Vec<(&str, f32)> = page
                .iter()
                .filter_map(|op| match op {
                    Op::Text { text, y, .. } => Some((text.as_str(), *y)),
                    _ => None,
                })
                .collect();
            let footer = format!("стр. {} из {count}", i + 1);
            assert!(texts.iter().any(|(t, _)| t.ends_with(&footer)), "page {i} numbered");
            for (text, y) in &texts {
                assert!(*y <= canvas::BOTTOM || text.ends_with(&footer), "{text:?} at {y} below the margin on page {i}");
            }
            let rows = texts.iter().filter(|(t, _)| t.starts_with("Услуга ")).count();
            if rows > 0 {
                assert!(texts.iter().any(|(t, _)| *t == "Услуга"), "page {i} has rows without the table head");
            }
            for op in page {
                if let Op::Qr { y, side, .. } = op {
                    assert!(y + side <= canvas::BOTTOM, "a QR code crosses the bottom of page {i}");
                }
            }
        }
        let pdf = printing_with(|p| document(&view, p)).expect("a PDF");
        assert!(pdf.starts_with(b"%PDF-"));
    }

    #[test]
    fn a_document_that_cannot_be_laid_out_is_named_and_the_rest_print() {
        let good = sample::view(DocumentKind::Paper, 1, 2, "ООО «Водоканал»");
        let mut bad = sample::view(DocumentKind::Paper, 1, 2, "ООО «Водоканал»");
        bad.document.id = "doc_broken".into();
        bad.document.period = "2021-13".into();
        let (pdf, failed) = printing_with(|p| print_run(&[good.clone(), bad.clone(), good], p)).expect("a PDF");
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].document_id, "doc_broken");
        assert!(printing_with(|p| document(&bad, p)).is_err_and(|e| e.to_string().contains("doc_broken")));
    }
}
