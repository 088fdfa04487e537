//! What a page says, in Russian, for a refusal of the services: next to the field it is about, or
//! above the form. Failures of our own are not shown (the page says only that something went wrong).

use crate::error::{Code, Error};
use crate::web::form::{Form, WHOLE};

/// The message for a field that failed its rule.
pub fn of_field(field: &str) -> &'static str {
    match field {
        "email" => "Введите адрес электронной почты, например anna@example.org",
        "phone" => "Введите номер мобильного телефона, например +7 913 123-45-67",
        "password" | "new_password" => "Пароль — не короче 10 символов",
        "current_password" => "Неверный пароль",
        "consent" | "consent.version" => "Без согласия на обработку персональных данных регистрация невозможна",
        "name" => "Имя — не длиннее 200 символов",
        "payer_code" => "Код плательщика — 10 цифр, как на квитанции",
        "link_code" => "Код подключения не подходит к этому коду плательщика (или уже использован, или устарел)",
        "code" => "Введите 6 цифр из SMS",
        "token" => "Ссылка устарела или уже использована",
        _ => "Проверьте это поле",
    }
}

/// Where a refusal with `code` is shown, and what it says.
fn of_code(code: Code) -> (&'static str, &'static str) {
    match code {
        Code::InvalidGrant => (WHOLE, "Неверный адрес электронной почты или пароль"),
        Code::EmailTaken => ("email", "Этот адрес уже зарегистрирован. Войдите или восстановите пароль"),
        Code::AlreadyLinked => ("payer_code", "Этот адрес уже есть в вашем кабинете"),
        Code::EmailNotConfirmed => (WHOLE, "Сначала подтвердите адрес электронной почты по ссылке из письма"),
        Code::EmailUndeliverable => (WHOLE, "Письма на ваш адрес не доходят: смените или подтвердите его заново"),
        Code::WrongCode => ("code", "Неверный код"),
        Code::VerificationExpired => (WHOLE, "Срок действия кода истёк — запросите новый"),
        Code::VerificationDead => (WHOLE, "Код введён неверно слишком много раз — запросите изменение заново"),
        Code::VerificationSuperseded => (WHOLE, "Этот запрос заменён более новым"),
        Code::VerificationUsed => (WHOLE, "Это изменение уже подтверждено"),
        Code::NotFound => (WHOLE, "Не найдено"),
        _ => (WHOLE, "Не удалось выполнить действие. Попробуйте ещё раз"),
    }
}

/// Puts a refusal onto the form; hands back a failure of our own (the caller shows an error page).
pub fn apply(form: &mut Form, error: Error) -> Result<(), Error> {
    match error {
        Error::Rule(rule) if rule.code == Code::ValidationFailed => {
            for e in &rule.errors {
                let missing = e.message.starts_with("is required");
                form.fail(&e.field, if missing { "Заполните это поле" } else { of_field(&e.field) });
            }
            Ok(())
        }
        Error::Rule(rule) => {
            let (field, message) = of_code(rule.code);
            match rule.code {
                Code::WrongCode => {
                    let left = rule.extensions.get("attempts_left").and_then(|v| v.as_i64()).unwrap_or(0);
                    form.fail(field, format!("{message}. Осталось попыток: {left}"));
                }
                _ => form.fail(field, message),
            }
            Ok(())
        }
        Error::RateLimited(limited) => {
            let message = match limited.code {
                Code::SmsRateLimited => "Слишком много SMS на этот номер",
                Code::LinkRateLimited => "Слишком много неверных кодов подключения",
                _ => "Слишком много попыток",
            };
            form.fail(WHOLE, format!("{message}. Повторите через {} с", limited.retry_after_secs));
            Ok(())
        }
        other => Err(other),
    }
}
