//! Russian phone numbers, normalised to E.164 (`+7XXXXXXXXXX`).

use crate::domain::checked::{Invalid, checked_text};

/// Normalises a Russian phone number written the usual ways (`+7 (912) 345-67-89`, `8 912 3456789`,
/// `79123456789`) to E.164. Returns `None` when it is not an 11-digit Russian number.
pub fn normalise(input: &str) -> Option<String> {
    let trimmed = input.trim();
    if trimmed.is_empty() || !trimmed.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
        return None;
    }
    if trimmed.char_indices().any(|(i, c)| c == '+' && i != 0) {
        return None;
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let national = match (digits.len(), trimmed.starts_with('+')) {
        (11, true) if digits.starts_with('7') => &digits[1..],
        (11, false) if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
        (10, false) => &digits[..],
        _ => return None,
    };
    Some(format!("+7{national}"))
}

/// Normalises a Russian *mobile* number (`+79…`), the only kind that receives SMS codes.
pub fn normalise_mobile(input: &str) -> Option<String> {
    normalise(input).filter(|e164| e164.starts_with("+79"))
}

checked_text! {
    /// A Russian phone number in E.164 (`+7XXXXXXXXXX`).
    Phone
}

impl Phone {
    /// Any Russian number (a provider's office phone).
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        normalise(value).map(Self).ok_or(Invalid("must be a Russian phone number, e.g. +7 3902 22-33-44"))
    }

    /// A Russian mobile number (`+79…`): the only kind that receives SMS codes.
    pub fn mobile(value: &str) -> Result<Self, Invalid> {
        normalise_mobile(value).map(Self).ok_or(Invalid("must be a Russian mobile number, e.g. +7 912 345-67-89"))
    }
}

/// Masks a phone for display in API answers: `+7******4567`.
pub fn mask(e164: &str) -> String {
    let tail: String = e164.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("+7******{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_common_spellings() {
        for input in ["+7 (912) 345-67-89", "89123456789", "79123456789", "9123456789", " 8-912-345-67-89 "] {
            assert_eq!(normalise(input).as_deref(), Some("+79123456789"), "{input}");
        }
        assert_eq!(normalise("+7 3902 22-33-44").as_deref(), Some("+73902223344"));
    }

    #[test]
    fn refuses_non_russian_or_malformed() {
        for input in ["", "+1 212 555 0100", "891234567", "+8 912 345 67 89", "7912345678a", "12+79123456789"] {
            assert_eq!(normalise(input), None, "{input}");
        }
        assert_eq!(normalise_mobile("+7 3902 22-33-44"), None);
        assert_eq!(mask("+79123454567"), "+7******4567");
    }
}
