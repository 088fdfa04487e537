//! Rule 2 of the domain: a provider's charges for a premises go into an e-receipt if, when the run
//! starts, the provider is active and e-document capable for the period and a resident linked to the
//! premises chose electronic with a confirmed email; everything else goes onto the paper ЕПД.

use std::collections::HashSet;
use std::hash::Hash;

use crate::domain::ids::ProviderId;

/// The documents of one premises: one e-receipt per listed provider, and the paper ЕПД's providers.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a, P = ProviderId> {
    pub e_receipts: Vec<&'a P>,
    pub paper: Vec<&'a P>,
}

/// Splits the providers with charges at a premises.
pub fn split<'a, P: Eq + Hash>(providers_with_charges: &[&'a P], capable: &HashSet<P>, electronic: bool) -> Split<'a, P> {
    let (e_receipts, paper) = providers_with_charges.iter().partition(|p| electronic && capable.contains(**p));
    Split { e_receipts, paper }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination() {
        let [sgk, water, power] = ["sgk", "water", "power"].map(ProviderId::from);
        let capable: HashSet<ProviderId> = [sgk.clone(), water.clone()].into();
        let all = [&sgk, &water, &power];
        assert_eq!(split(&all, &capable, true), Split { e_receipts: vec![&sgk, &water], paper: vec![&power] });
        assert_eq!(split(&all, &capable, false), Split { e_receipts: vec![], paper: vec![&sgk, &water, &power] });
        assert_eq!(split(&[&power], &capable, true), Split { e_receipts: vec![], paper: vec![&power] });
        assert_eq!(split(&[&sgk], &capable, true), Split { e_receipts: vec![&sgk], paper: vec![] });
    }
}
