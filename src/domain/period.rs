//! Billing periods: a calendar month written `YYYY-MM`.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A billing month. Orders chronologically; displays as `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    month: u32,
}

impl Period {
    /// Parses `YYYY-MM` with a year between 2000 and 2099.
    pub fn parse(value: &str) -> Option<Self> {
        let (year, month) = value.split_once('-')?;
        if year.len() != 4 || month.len() != 2 || !year.bytes().chain(month.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (year, month) = (year.parse().ok()?, month.parse().ok()?);
        ((2000..=2099).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// The period a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self { year: date.year(), month: date.month() }
    }

    /// The month after this one.
    pub fn next(self) -> Self {
        if self.month == 12 { Self { year: self.year + 1, month: 1 } } else { Self { year: self.year, month: self.month + 1 } }
    }

    /// The month before this one.
    pub fn prev(self) -> Self {
        if self.month == 1 { Self { year: self.year - 1, month: 12 } } else { Self { year: self.year, month: self.month - 1 } }
    }

    /// `MM.YYYY`, as periods are written on Russian bills.
    pub fn dotted(self) -> String {
        format!("{:02}.{}", self.month, self.year)
    }

    /// `MMYYYY`, as the payment QR's `PaymPeriod` wants it.
    pub fn mmyyyy(self) -> String {
        format!("{:02}{}", self.month, self.year)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let p = Period::parse("2021-08").unwrap();
        assert_eq!(p.to_string(), "2021-08");
        assert_eq!(p.next().to_string(), "2021-09");
        assert_eq!(Period::parse("2021-12").unwrap().next().to_string(), "2022-01");
        assert_eq!(Period::parse("2022-01").unwrap().prev().to_string(), "2021-12");
        assert!(Period::parse("2021-07").unwrap() < p);
        assert_eq!(p.mmyyyy(), "082021");
        for bad in ["2021-13", "2021-00", "21-08", "2021-8", "2021/08", "1999-01", "２０２１-08"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }
}
