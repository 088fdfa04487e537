//! Payer codes: the agent's 10-digit number of a premises, printed on its ЕПД: a 9-digit serial and
//! a Luhn check digit (catches any single wrong digit and most swapped neighbours).

use crate::domain::checked::{Invalid, checked_text};

fn luhn_digit(body: &str) -> Option<u32> {
    let mut sum = 0;
    for (i, c) in body.chars().rev().enumerate() {
        let mut d = c.to_digit(10)?;
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    Some((10 - sum % 10) % 10)
}

/// The payer code of serial `n` (1 ≤ n < 10⁹).
pub fn from_serial(n: u64) -> String {
    let body = format!("{n:09}");
    let check = luhn_digit(&body).unwrap_or(0);
    format!("{body}{check}")
}

/// Whether `code` is 10 digits with a valid check digit.
pub fn is_valid(code: &str) -> bool {
    code.len() == 10
        && code.bytes().all(|b| b.is_ascii_digit())
        && luhn_digit(&code[..9]).is_some_and(|d| code.ends_with(char::from(b'0' + d as u8)))
}

checked_text! {
    /// A payer code whose check digit holds.
    PayerCode
}

impl PayerCode {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        is_valid(value).then(|| Self(value.to_owned())).ok_or(Invalid("must be the 10-digit payer code from the bill"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_catches_typos() {
        let code = from_serial(1);
        assert_eq!(code, "0000000018");
        assert!(is_valid(&code));
        for serial in [1, 42, 123_456, 999_999_999] {
            let code = from_serial(serial);
            assert!(is_valid(&code), "{code}");
            for i in 0..10 {
                let mut wrong: Vec<u8> = code.bytes().collect();
                wrong[i] = b'0' + (wrong[i] - b'0' + 1) % 10;
                assert!(!is_valid(std::str::from_utf8(&wrong).unwrap()), "{code} with digit {i} changed");
            }
        }
        assert!(!is_valid("12345"));
        assert!(!is_valid("00000000a8"));
    }
}
