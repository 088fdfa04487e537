//! Russian legal-entity requisites with their real check rules: INN, KPP, OGRN/OGRNIP, BIK, and the
//! settlement and correspondent account keys against the BIK.

use crate::domain::checked::{Invalid, checked_text};

fn digits(value: &str, lengths: &[usize]) -> Option<Vec<u32>> {
    if !lengths.contains(&value.len()) {
        return None;
    }
    value.chars().map(|c| c.to_digit(10)).collect()
}

fn weighted(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum()
}

/// Whether `inn` is a valid taxpayer number: 10 digits (organisation) or 12 digits (individual
/// entrepreneur), with its check digit(s).
pub fn inn_is_valid(inn: &str) -> bool {
    const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    let Some(d) = digits(inn, &[10, 12]) else {
        return false;
    };
    let check = |weights: &[u32], at: usize| weighted(&d, weights) % 11 % 10 == d[at];
    match d.len() {
        10 => check(&W10, 9),
        _ => check(&W11, 10) && check(&W12, 11),
    }
}

/// Whether `kpp` has the KPP form: 4 digits (tax office), 2 digits or capital Latin letters (reason),
/// 3 digits (sequence).
pub fn kpp_is_valid(kpp: &str) -> bool {
    let b = kpp.as_bytes();
    b.len() == 9
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4..6].iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && b[6..].iter().all(u8::is_ascii_digit)
}

/// Whether `ogrn` is a valid OGRN (13 digits, organisation) or OGRNIP (15 digits, individual
/// entrepreneur): the last digit is the remainder of the rest modulo 11 (13) or 13 (15), modulo 10.
pub fn ogrn_is_valid(ogrn: &str) -> bool {
    if digits(ogrn, &[13, 15]).is_none() {
        return false;
    }
    let (body, check) = ogrn.split_at(ogrn.len() - 1);
    let (Ok(body), Ok(check)) = (body.parse::<u64>(), check.parse::<u64>()) else {
        return false;
    };
    let modulus = if ogrn.len() == 13 { 11 } else { 13 };
    body % modulus % 10 == check
}

/// Whether `bik` is a Russian bank identification code: 9 digits starting with the country code 04.
pub fn bik_is_valid(bik: &str) -> bool {
    digits(bik, &[9]).is_some() && bik.starts_with("04")
}

const ACCOUNT_WEIGHTS: [u32; 23] = [7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1];

fn account_key_ok(prefix: &str, account: &str) -> bool {
    let Some(d) = digits(&format!("{prefix}{account}"), &[23]) else {
        return false;
    };
    weighted(&d, &ACCOUNT_WEIGHTS).is_multiple_of(10)
}

/// Whether `account` is a 20-digit settlement account whose key digit agrees with the bank's BIK
/// (the control uses the BIK's last three digits).
pub fn settlement_account_is_valid(account: &str, bik: &str) -> bool {
    bik_is_valid(bik) && digits(account, &[20]).is_some() && account_key_ok(&bik[6..], account)
}

/// Whether `account` is the bank's correspondent account at the Bank of Russia: 20 digits starting
/// with 30101, ending with the BIK's last three digits, with a key computed from "0" and BIK digits 5-6.
pub fn correspondent_account_is_valid(account: &str, bik: &str) -> bool {
    bik_is_valid(bik)
        && digits(account, &[20]).is_some()
        && account.starts_with("30101")
        && account.ends_with(&bik[6..])
        && account_key_ok(&format!("0{}", &bik[4..6]), account)
}

checked_text! {
    /// A taxpayer number (ИНН) whose check digits hold.
    Inn
}

impl Inn {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        inn_is_valid(value).then(|| Self(value.to_owned())).ok_or(Invalid("must be 10 or 12 digits with valid check digits"))
    }

    /// 10 digits: an organisation (12: an individual entrepreneur).
    pub fn is_organisation(&self) -> bool {
        self.0.len() == 10
    }
}

checked_text! {
    /// A tax registration reason code (КПП).
    Kpp
}

impl Kpp {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        kpp_is_valid(value)
            .then(|| Self(value.to_owned()))
            .ok_or(Invalid("must be 9 characters: 4 digits, 2 digits or capital letters, 3 digits"))
    }
}

checked_text! {
    /// A state registration number: OGRN (13 digits) or OGRNIP (15), check digit verified.
    Ogrn
}

impl Ogrn {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        ogrn_is_valid(value)
            .then(|| Self(value.to_owned()))
            .ok_or(Invalid("must be 13 (OGRN) or 15 (OGRNIP) digits with a valid check digit"))
    }

    /// 13 digits: an organisation's (15: an individual entrepreneur's).
    pub fn is_organisation(&self) -> bool {
        self.0.len() == 13
    }
}

checked_text! {
    /// A Russian bank identification code (БИК).
    Bik
}

impl Bik {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        bik_is_valid(value).then(|| Self(value.to_owned())).ok_or(Invalid("must be 9 digits starting with 04"))
    }
}

checked_text! {
    /// A settlement account (расчётный счёт) whose key digit agrees with its bank's BIK.
    SettlementAccount
}

impl SettlementAccount {
    pub fn parse(value: &str, bik: &Bik) -> Result<Self, Invalid> {
        settlement_account_is_valid(value, bik.as_str())
            .then(|| Self(value.to_owned()))
            .ok_or(Invalid("must be 20 digits whose key digit matches the BIK"))
    }
}

checked_text! {
    /// A bank's correspondent account at the Bank of Russia, agreeing with the bank's BIK.
    CorrespondentAccount
}

impl CorrespondentAccount {
    pub fn parse(value: &str, bik: &Bik) -> Result<Self, Invalid> {
        correspondent_account_is_valid(value, bik.as_str())
            .then(|| Self(value.to_owned()))
            .ok_or(Invalid("must be the bank's 30101… account matching the BIK"))
    }
}

/// Who is paid and through which bank, as a provider keeps them, a run snapshots them and a document
/// prints them (each value was parsed when the provider registered).
#[derive(Debug, Clone, PartialEq, Eq, diesel::Queryable)]
pub struct Requisites {
    pub name: String,
    pub inn: String,
    pub kpp: Option<String>,
    pub bank_name: String,
    pub bank_bik: String,
    pub bank_account: String,
    pub bank_correspondent_account: String,
}

/// Sets the key digit (position 9) of a 20-digit account so that it passes the check against
/// `bik`; used by the demo data and tests to make valid accounts.
pub fn with_account_key(account: &str, bik: &str, correspondent: bool) -> Option<String> {
    if !bik_is_valid(bik) || digits(account, &[20]).is_none() {
        return None;
    }
    let prefix = if correspondent { format!("0{}", &bik[4..6]) } else { bik[6..].to_owned() };
    (0..10).map(|k| format!("{}{k}{}", &account[..8], &account[9..])).find(|a| account_key_ok(&prefix, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsed_values_know_their_kind() {
        assert!(Inn::parse("1901067718").unwrap().is_organisation());
        assert!(!Inn::parse("500100732259").unwrap().is_organisation());
        assert_eq!(Inn::parse("1901067719"), Err(Invalid("must be 10 or 12 digits with valid check digits")));
        let bik = Bik::parse("044525225").unwrap();
        assert!(SettlementAccount::parse("40702810438000060473", &bik).is_ok());
        assert!(CorrespondentAccount::parse("40702810438000060473", &bik).is_err());
        assert!(!Ogrn::parse("304500116000157").unwrap().is_organisation());
    }

    #[test]
    fn inn_check_digits() {
        assert!(inn_is_valid("7707083893")); // Sberbank
        assert!(inn_is_valid("1901067718"));
        assert!(!inn_is_valid("7707083894"));
        assert!(inn_is_valid("500100732259")); // a valid individual INN
        assert!(!inn_is_valid("500100732258"));
        assert!(!inn_is_valid("77070838"));
        assert!(!inn_is_valid("770708389X"));
    }

    #[test]
    fn ogrn_check_digits() {
        assert!(ogrn_is_valid("1027700132195")); // Sberbank
        assert!(!ogrn_is_valid("1027700132196"));
        assert!(ogrn_is_valid("304500116000157"));
        assert!(!ogrn_is_valid("304500116000158"));
        assert!(!ogrn_is_valid("12345"));
    }

    #[test]
    fn kpp_form() {
        assert!(kpp_is_valid("773601001"));
        assert!(kpp_is_valid("7736AB001"));
        assert!(!kpp_is_valid("7736ab001"));
        assert!(!kpp_is_valid("77360100"));
    }

    #[test]
    fn bank_accounts_against_bik() {
        let bik = "044525225";
        assert!(bik_is_valid(bik));
        assert!(!bik_is_valid("144525225"));
        assert!(correspondent_account_is_valid("30101810400000000225", bik));
        assert!(!correspondent_account_is_valid("30101810500000000225", bik));
        assert!(settlement_account_is_valid("40702810438000060473", bik));
        assert!(!settlement_account_is_valid("40702810438000060474", bik));
        let fixed = with_account_key("40702810000000001234", bik, false).unwrap();
        assert!(settlement_account_is_valid(&fixed, bik));
    }
}
