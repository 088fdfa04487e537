//! E-document capability in force for a period: the latest declaration (in the order made) whose
//! `since` is not after the period.

use crate::domain::period::Period;

/// One declaration of a provider: capable or not, from `since` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    pub capable: bool,
    pub since: Period,
}

/// The declaration in force for `period`, from declarations in the order they were made.
pub fn in_force(declarations: &[Declaration], period: Period) -> Option<&Declaration> {
    declarations.iter().rev().find(|d| d.since <= period)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(capable: bool, since: &str) -> Declaration {
        Declaration { capable, since: Period::parse(since).unwrap() }
    }

    #[test]
    fn the_latest_declaration_that_has_started_wins() {
        let history = [d(true, "2021-08"), d(false, "2022-03")];
        let p = |s| Period::parse(s).unwrap();
        assert_eq!(in_force(&history, p("2021-07")), None);
        assert!(in_force(&history, p("2021-08")).unwrap().capable);
        assert!(in_force(&history, p("2022-02")).unwrap().capable);
        assert!(!in_force(&history, p("2022-03")).unwrap().capable);
    }
}
