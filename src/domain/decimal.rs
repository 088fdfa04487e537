//! Exact decimals for volumes and tariffs, kept as canonical strings (never floats).

/// `value` in canonical form (`"012.3400"` → `"12.34"`) when it is a non-negative decimal with at most
/// `int_digits` digits before the point and `frac_digits` after it.
pub fn canonical(value: &str, int_digits: usize, frac_digits: usize) -> Option<String> {
    let (int, frac) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (value.contains('.') && frac.is_empty()) || frac.len() > frac_digits {
        return None;
    }
    let int = int.trim_start_matches('0');
    if int.len() > int_digits {
        return None;
    }
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    Some(if frac.is_empty() { int.to_owned() } else { format!("{int}.{frac}") })
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn canonical_forms() {
        assert_eq!(canonical("12.340", 12, 6).as_deref(), Some("12.34"));
        assert_eq!(canonical("007", 12, 6).as_deref(), Some("7"));
        assert_eq!(canonical("0.000", 12, 6).as_deref(), Some("0"));
        assert_eq!(canonical("0.1234567", 12, 6), None);
        for bad in ["", ".5", "5.", "-1", "1e3", "1,5", "12.3.4", " 1"] {
            assert_eq!(canonical(bad, 12, 6), None, "{bad}");
        }
    }
}
