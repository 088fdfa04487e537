//! Warnings of an upload or a push: what looks wrong but may be right (a month's amounts ×100, a
//! volume × tariff that does not make the amount). Never blocking; each names its items and a stable code.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::money::rub;

/// What a warning is about; the codes are stable, the messages are for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// An amount more than 10× or less than a tenth of the same account and service last period.
    AmountFarFromLastPeriod,
    /// Volume × tariff differs from the amount by more than a kopeck.
    VolumeTariffMismatch,
    /// An account's total for the period (amount + recalculation + debt + penalty) is negative.
    NegativeTotal,
    /// Accounts charged last period have no charge in this one (yet).
    AccountsMissing,
    /// An upload moves accounts to other premises (their addresses changed).
    AccountsMoved,
}

/// One kind of anomaly found in a request, with every item it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"code": "amount_far_from_last_period", "count": 1, "items": ["items[17].amount"], "message": "1 amount is more than 10× or less than a tenth of last period's, e.g. items[17].amount: 2 203 200,00 ₽, 2021-07 had 22 032,00 ₽"}))]
pub struct Warning {
    pub code: WarningCode,
    /// How many cases were found (items, or accounts for `accounts_missing`).
    pub count: u64,
    /// The request's items concerned, by path (`items[17].amount`); empty for `accounts_missing`,
    /// whose accounts are not in the request.
    pub items: Vec<String>,
    /// `accounts_missing` only: the first (up to 20) of the missing account numbers, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account_numbers: Vec<String>,
    /// What was found, with the first case spelled out.
    pub message: String,
}

/// How many missing account numbers a warning lists.
pub const MISSING_LISTED: usize = 20;

/// Whether `amount` is more than 10× or less than a tenth of `previous` (a previous 0 says nothing).
pub fn far_from(amount: i64, previous: i64) -> bool {
    let (amount, previous) = (i128::from(amount), i128::from(previous));
    previous > 0 && (amount > previous * 10 || amount * 10 < previous)
}

/// A canonical decimal (`decimal::canonical`, at most 6 decimals) in millionths.
fn millionths(value: &str) -> Option<i128> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    if frac.len() > 6 {
        return None;
    }
    let int: i128 = int.parse().ok()?;
    let frac: i128 = if frac.is_empty() { 0 } else { format!("{frac:0<6}").parse().ok()? };
    Some(int * 1_000_000 + frac)
}

/// Whether `volume` × `tariff` (roubles per unit) differs from `amount` (kopecks) by more than a kopeck.
/// Exact: both factors are decimals of at most 18 digits, their product fits an `i128`.
pub fn mismatch(volume: &str, tariff: &str, amount: i64) -> bool {
    let (Some(volume), Some(tariff)) = (millionths(volume), millionths(tariff)) else { return false };
    // In units of 10⁻¹² rouble: a kopeck is 10¹⁰.
    const KOPECK: i128 = 10_000_000_000;
    (volume * tariff - i128::from(amount) * KOPECK).abs() > KOPECK
}

/// Collects the cases of each code, in the order they are found.
#[derive(Debug, Default)]
pub struct Findings(std::collections::BTreeMap<WarningCode, (Vec<String>, String)>);

impl Findings {
    /// A case of `code` at `item`; `example` describes it and is kept for the first case only.
    pub fn add(&mut self, code: WarningCode, item: String, example: impl FnOnce() -> String) {
        let (items, first) = self.0.entry(code).or_default();
        if items.is_empty() {
            *first = example();
        }
        items.push(item);
    }

    /// One warning per code, in code order.
    pub fn into_warnings(self) -> Vec<Warning> {
        self.0
            .into_iter()
            .map(|(code, (items, first))| {
                let count = items.len() as u64;
                Warning { code, count, message: summary(code, count, &first), items, account_numbers: Vec::new() }
            })
            .collect()
    }
}

fn summary(code: WarningCode, count: u64, first: &str) -> String {
    let what = match (code, count) {
        (WarningCode::AmountFarFromLastPeriod, 1) => "1 amount is more than 10× or less than a tenth of last period's".to_owned(),
        (WarningCode::AmountFarFromLastPeriod, n) => format!("{n} amounts are more than 10× or less than a tenth of last period's"),
        (WarningCode::VolumeTariffMismatch, 1) => "1 amount differs from volume × tariff by more than a kopeck".to_owned(),
        (WarningCode::VolumeTariffMismatch, n) => format!("{n} amounts differ from volume × tariff by more than a kopeck"),
        (WarningCode::NegativeTotal, 1) => "1 account's total for the period is negative".to_owned(),
        (WarningCode::NegativeTotal, n) => format!("{n} accounts' totals for the period are negative"),
        (WarningCode::AccountsMoved, 1) => "1 account moves to another premises".to_owned(),
        (WarningCode::AccountsMoved, n) => format!("{n} accounts move to other premises"),
        (WarningCode::AccountsMissing, n) => format!("{n} accounts"),
    };
    format!("{what}, e.g. {first}")
}

/// The example of a far-from-last-period amount.
pub fn far_example(item: &str, amount: i64, previous: i64, last_period: &str) -> String {
    format!("{item}: {} ₽, {last_period} had {} ₽", rub(amount), rub(previous))
}

/// The example of a volume × tariff mismatch.
pub fn mismatch_example(item: &str, volume: &str, tariff: &str, amount: i64) -> String {
    format!("{item}: {} ₽, but {volume} × {tariff} ₽", rub(amount))
}

/// The example of a negative total.
pub fn negative_example(account_number: &str, total: i64) -> String {
    format!("account {account_number}: {} ₽", rub(total))
}

/// The warning for `count` accounts charged in `last_period` and not in `period`, listing `first`.
pub fn accounts_missing(count: u64, first: Vec<String>, last_period: &str, period: &str) -> Warning {
    let listed = first.join(", ");
    let more = if count > first.len() as u64 { ", …" } else { "" };
    Warning {
        code: WarningCode::AccountsMissing,
        count,
        items: Vec::new(),
        message: format!(
            "{count} account{} charged in {last_period} {} no charge in {period} yet: {listed}{more}",
            if count == 1 { "" } else { "s" },
            if count == 1 { "has" } else { "have" },
        ),
        account_numbers: first,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_means_more_than_ten_times_or_less_than_a_tenth() {
        assert!(far_from(22_033 * 10 + 1, 22_033) && far_from(2_203_200, 22_032));
        assert!(!far_from(220_330, 22_033), "exactly ten times is not more than ten times");
        assert!(far_from(2_203, 22_032) && !far_from(2_204, 22_040));
        assert!(far_from(0, 100), "nothing after something");
        assert!(!far_from(5_000, 0) && !far_from(0, 0), "last period's 0 says nothing");
        assert!(far_from(i64::MAX, i64::MAX / 11), "no overflow");
    }

    #[test]
    fn volume_times_tariff_is_compared_exactly_to_the_kopeck() {
        // 5.2 × 42.37 = 220.324 ₽
        assert!(!mismatch("5.2", "42.37", 22_032));
        assert!(!mismatch("5.2", "42.37", 22_033), "0.676 kopeck off is within a kopeck");
        assert!(mismatch("5.2", "42.37", 22_034));
        assert!(mismatch("5.2", "42.37", 22_030));
        assert!(!mismatch("0.000001", "0.000001", 0));
        assert!(mismatch("999999999999.999999", "999999999999.999999", i64::MAX), "the largest factors do not overflow");
        assert!(mismatch("1", "1", 0) && !mismatch("1", "1", 100) && !mismatch("1", "1", 101) && mismatch("1", "1", 102));
    }

    #[test]
    fn findings_are_grouped_by_code_with_the_first_case_spelled_out() {
        let mut found = Findings::default();
        found.add(WarningCode::VolumeTariffMismatch, "items[3].amount".into(), || "first".into());
        found.add(WarningCode::AmountFarFromLastPeriod, "items[1].amount".into(), || "a".into());
        found.add(WarningCode::AmountFarFromLastPeriod, "items[2].amount".into(), || unreachable!("only the first is described"));
        let warnings = found.into_warnings();
        assert_eq!(warnings.len(), 2);
        assert_eq!(warnings[0].code, WarningCode::AmountFarFromLastPeriod);
        assert_eq!((warnings[0].count, warnings[0].items.clone()), (2, vec!["items[1].amount".to_owned(), "items[2].amount".to_owned()]));
        assert_eq!(warnings[0].message, "2 amounts are more than 10× or less than a tenth of last period's, e.g. a");
        assert_eq!(warnings[1].message, "1 amount differs from volume × tariff by more than a kopeck, e.g. first");
        let missing = accounts_missing(3, vec!["1".into(), "2".into()], "2021-07", "2021-08");
        assert_eq!(missing.message, "3 accounts charged in 2021-07 have no charge in 2021-08 yet: 1, 2, …");
    }
}
