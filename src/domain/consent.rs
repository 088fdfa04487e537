//! The consent to the processing of personal data (152-ФЗ) a resident gives at registration: which
//! text they accepted is recorded with the time, so the agent can show what was agreed to.

/// The version of the consent text in force; a registration must name it.
pub const CONSENT_VERSION: &str = "2026-12-01";

/// What the resident agrees to, as the cabinet shows it next to the checkbox.
pub const CONSENT_TEXT: &str = "Я даю согласие платёжному агенту на обработку моих персональных данных (адрес электронной \
почты, номер телефона, имя, адреса помещений и начисления по ним) в целях доставки платёжных документов за жилищно-\
коммунальные услуги и информирования о них, в соответствии с Федеральным законом № 152-ФЗ «О персональных данных». \
Согласие действует до его отзыва; отозвать его можно, удалив личный кабинет.";
