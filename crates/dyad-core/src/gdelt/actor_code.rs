//! Splits a full CAMEO actor code into GDELT's actor columns (CountryCode,
//! KnownGroupCode, EthnicCode, Religion1/2Code, Type1/2/3Code), using GDELT's code
//! lists, which are data files under `data/`.
use std::collections::HashSet;
use std::sync::OnceLock;

use super::RowActor;

/// GDELT's actor columns after the code and name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ActorParts {
    pub country: String,
    pub known_group: String,
    pub ethnic: String,
    pub religion: [String; 2],
    pub types: [String; 3],
}

struct CodeLists {
    types: HashSet<&'static str>,
    religions: HashSet<&'static str>,
    ethnic: HashSet<String>,
}

fn first_column(tsv: &'static str) -> impl Iterator<Item = &'static str> {
    tsv.lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter(|c| !c.is_empty())
}

fn lists() -> &'static CodeLists {
    static LISTS: OnceLock<CodeLists> = OnceLock::new();
    LISTS.get_or_init(|| CodeLists {
        types: first_column(include_str!("../../data/actor_types.tsv")).collect(),
        religions: first_column(include_str!("../../data/religion_codes.tsv")).collect(),
        ethnic: first_column(include_str!("../../data/ethnic_codes.tsv"))
            .map(str::to_ascii_uppercase)
            .collect(),
    })
}

/// Sorts the blocks of `actor.code` into GDELT's columns. The country and known
/// group come from the actor (the coder's dictionary decided them); the other
/// blocks by which list they are in, religion before type before ethnic group, as
/// GDELT's lookups are ordered. Blocks in no list (regions such as `WST`) are
/// left out, as GDELT does.
pub(crate) fn split(actor: &RowActor<'_>) -> ActorParts {
    let lists = lists();
    let mut parts = ActorParts {
        country: actor.country.unwrap_or_default().to_string(),
        known_group: actor.group.unwrap_or_default().to_string(),
        ..Default::default()
    };
    let (mut seen_country, mut seen_group) = (false, false);
    let (mut religions, mut types) = (0, 0);
    for chunk in actor.code.as_bytes().chunks(3) {
        let Ok(block) = std::str::from_utf8(chunk) else {
            continue;
        };
        if !seen_country && block == parts.country {
            seen_country = true;
        } else if !seen_group && block == parts.known_group {
            seen_group = true;
        } else if lists.religions.contains(block) && religions < 2 {
            parts.religion[religions] = block.to_string();
            religions += 1;
        } else if lists.types.contains(block) && types < 3 {
            parts.types[types] = block.to_string();
            types += 1;
        } else if parts.ethnic.is_empty() && lists.ethnic.contains(&block.to_ascii_uppercase()) {
            parts.ethnic = block.to_ascii_lowercase();
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor<'a>(code: &'a str, country: Option<&'a str>, group: Option<&'a str>) -> RowActor<'a> {
        RowActor {
            code,
            country,
            group,
            ..Default::default()
        }
    }

    #[test]
    fn splits_like_gdelt() {
        let p = split(&actor("RUSGOV", Some("RUS"), None));
        assert_eq!(p.country, "RUS");
        assert_eq!(p.types[0], "GOV");

        let p = split(&actor("IGOWSTNAT", None, Some("NAT")));
        assert_eq!(p.known_group, "NAT");
        assert_eq!(p.types, ["IGO".to_string(), String::new(), String::new()]);

        let p = split(&actor("PSEREBHMS", Some("PSE"), Some("HMS")));
        assert_eq!((p.country.as_str(), p.known_group.as_str()), ("PSE", "HMS"));
        assert_eq!(p.types, ["REB".to_string(), String::new(), String::new()]);

        let p = split(&actor("USAGOVCHRCTH", Some("USA"), None));
        assert_eq!(p.religion, ["CHR".to_string(), "CTH".to_string()]);

        assert_eq!(split(&RowActor::default()), ActorParts::default());
    }
}
