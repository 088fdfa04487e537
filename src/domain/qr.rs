//! The payment QR of a receipt in GOST R 56042-2014 form: `ST00012` (format ST, version 0001, UTF-8)
//! then `|Key=Value` pairs within the standard's field limits.

use crate::domain::period::Period;

/// Who is paid, for how much, by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment<'a> {
    pub name: &'a str,
    pub personal_acc: &'a str,
    pub bank_name: &'a str,
    pub bic: &'a str,
    pub corresp_acc: &'a str,
    pub payee_inn: &'a str,
    pub kpp: Option<&'a str>,
    /// Kopecks; a total that is not positive is left out (the payer enters the sum).
    pub sum: i64,
    /// The payer's account with the provider.
    pub pers_acc: &'a str,
    pub payer_address: &'a str,
    pub period: Period,
}

/// A value as the standard allows it: no `|` (the separator), no line breaks, at most `max` characters.
fn field(value: &str, max: usize) -> String {
    value.chars().map(|c| if c == '|' || c.is_control() { ' ' } else { c }).take(max).collect::<String>().trim().to_owned()
}

/// The payload string to encode in the QR code.
pub fn payload(p: &Payment) -> String {
    let mut out = format!(
        "ST00012|Name={}|PersonalAcc={}|BankName={}|BIC={}|CorrespAcc={}|PayeeINN={}",
        field(p.name, 160),
        field(p.personal_acc, 20),
        field(p.bank_name, 45),
        field(p.bic, 9),
        field(p.corresp_acc, 20),
        field(p.payee_inn, 12),
    );
    if let Some(kpp) = p.kpp {
        out.push_str(&format!("|KPP={}", field(kpp, 9)));
    }
    if p.sum > 0 {
        out.push_str(&format!("|Sum={}", p.sum.min(999_999_999_999_999_999)));
    }
    out.push_str(&format!(
        "|PersAcc={}|PayerAddress={}|PaymPeriod={}|TechCode=02",
        field(p.pers_acc, 30),
        field(p.payer_address, 160),
        p.period.mmyyyy()
    ));
    out
}

/// Reads a payload back into its fields (the header, then key → value pairs).
pub fn parse(payload: &str) -> Option<(String, Vec<(String, String)>)> {
    let mut parts = payload.split('|');
    let header = parts.next()?.to_owned();
    let fields = parts.map(|kv| kv.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned()))).collect::<Option<Vec<_>>>()?;
    Some((header, fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_round_trips_within_limits() {
        let name = format!("ООО «Тепло|Сеть» {}", "х".repeat(200));
        let p = Payment {
            name: &name,
            personal_acc: "40702810438000060473",
            bank_name: "ПАО Сбербанк",
            bic: "044525225",
            corresp_acc: "30101810400000000225",
            payee_inn: "1901067718",
            kpp: Some("190101001"),
            sum: 123456,
            pers_acc: "LS-1",
            payer_address: "г. Абакан, ул. Ленина, д. 12, кв. 5",
            period: Period::parse("2021-08").unwrap(),
        };
        let text = payload(&p);
        let (header, fields) = parse(&text).unwrap();
        assert_eq!(header, "ST00012");
        let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap();
        assert_eq!(get("Name").chars().count(), 160);
        assert!(get("Name").starts_with("ООО «Тепло Сеть»"));
        assert_eq!(get("Sum"), "123456");
        assert_eq!(get("PaymPeriod"), "082021");
        assert_eq!(get("TechCode"), "02");
        assert_eq!(get("BIC"), "044525225");
        let free = payload(&Payment { sum: 0, ..p });
        assert!(!free.contains("Sum="));
    }
}
