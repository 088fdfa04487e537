//! The money and measure of a charge line (the ЕПД's columns): one struct for the stored charge, the
//! document line, the run's read of a chunk and the service's input. The API's request and answers
//! spell the columns out, as the wire contract documents them field by field.

use diesel::sql_types::{BigInt, Nullable, Text};

/// Volume and tariff as exact decimal strings; money in integer kopecks.
#[derive(Debug, Clone, PartialEq, Eq, Default, diesel::Queryable, diesel::QueryableByName)]
pub struct ChargeAmounts {
    /// Consumed volume, a decimal string with up to 6 decimals: `"12.345"`.
    #[diesel(sql_type = Nullable<Text>)]
    pub volume: Option<String>,
    /// Tariff in roubles per unit, a decimal string with up to 6 decimals: `"42.37"`.
    #[diesel(sql_type = Nullable<Text>)]
    pub tariff: Option<String>,
    /// Charged for the period, kopecks (≥ 0).
    #[diesel(sql_type = BigInt)]
    pub amount: i64,
    /// Recalculation for earlier periods, kopecks (may be negative).
    #[diesel(sql_type = BigInt)]
    pub recalculation: i64,
    /// Debt carried over, kopecks.
    #[diesel(sql_type = BigInt)]
    pub debt: i64,
    /// Late-payment penalty, kopecks.
    #[diesel(sql_type = BigInt)]
    pub penalty: i64,
}

impl ChargeAmounts {
    /// What the line asks to pay: amount + recalculation + debt + penalty.
    pub fn total(&self) -> i64 {
        self.amount + self.recalculation + self.debt + self.penalty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_adds_every_column() {
        let amounts = ChargeAmounts { amount: 22_032, recalculation: -1_000, debt: 500, penalty: 12, ..Default::default() };
        assert_eq!(amounts.total(), 21_544);
    }
}
