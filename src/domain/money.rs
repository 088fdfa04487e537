//! Money is an integer number of kopecks; this formats it for people: `123456` → `1 234,56`.

/// Roubles with a space between thousands and a comma before the kopecks.
pub fn rub(kopecks: i64) -> String {
    let sign = if kopecks < 0 { "-" } else { "" };
    let abs = kopecks.unsigned_abs();
    let roubles = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in roubles.chars().enumerate() {
        if i > 0 && (roubles.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{:02}", abs % 100)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_kopecks() {
        assert_eq!(super::rub(123456), "1\u{a0}234,56");
        assert_eq!(super::rub(5), "0,05");
        assert_eq!(super::rub(-100), "-1,00");
        assert_eq!(super::rub(100_000_000), "1\u{a0}000\u{a0}000,00");
    }
}
