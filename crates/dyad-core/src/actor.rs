//! Actors: who does something to whom.
use serde::{Deserialize, Serialize};

/// A political actor as coded in CAMEO.
///
/// `code` is the full CAMEO actor code, a run of three-letter blocks from general to
/// specific (`RUSGOV`, `IGOWSTNAT`, `ARMMIL`). `country` and `group` are the roots
/// used for scoring and aggregation: a state by its CAMEO country code, an
/// organisation by its known-group code (NAT, EEC, UNO, and dyad's CST, SCO, BRC,
/// GTW, AFU).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// Full CAMEO actor code.
    pub code: String,
    /// CAMEO country (or region) code, if the actor belongs to one.
    pub country: Option<String>,
    /// Known-group code, if the actor is an organisation.
    pub group: Option<String>,
    /// Role type code (GOV, MIL, REB, ...), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Canonical name (`Russia`, `NATO`, `Sergey Lavrov`).
    pub name: String,
    /// The words in the article that named the actor.
    pub text: String,
}

impl Actor {
    /// The root used for scoring and aggregation: the country for anyone belonging to
    /// a state (Hamas is `PSE`), else the known group (`NAT`), as GDELT and the
    /// evaluation guidelines do.
    pub fn root(&self) -> Option<&str> {
        self.country.as_deref().or(self.group.as_deref())
    }

    /// True for a CAMEO region ("Europe", "the Middle East", "the West"): a place
    /// many states share, not a state.
    pub fn is_region(&self) -> bool {
        self.country
            .as_deref()
            .is_some_and(|c| REGIONS.contains(&c))
    }
}

/// CAMEO's international region codes (manual, table 3.3).
const REGIONS: &[&str] = &[
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
    "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefers_country_then_group() {
        let nato = Actor {
            code: "IGOWSTNAT".into(),
            country: None,
            group: Some("NAT".into()),
            ..Default::default()
        };
        assert_eq!(nato.root(), Some("NAT"));
        let hamas = Actor {
            code: "PSEREB".into(),
            country: Some("PSE".into()),
            group: Some("HMS".into()),
            ..Default::default()
        };
        assert_eq!(hamas.root(), Some("PSE"));
        let none = Actor::default();
        assert_eq!(none.root(), None);
    }
}
