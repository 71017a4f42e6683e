//! Actor recognition: countries, their capitals and seats of power, demonyms,
//! organisations, named people with their terms of office, and role words, found in a
//! sentence's tokens and grouped into [`Mention`]s with a full CAMEO actor code.
//!
//! Names are looked up by their exact token sequence, case kept, longest first
//! ("European Union" beats "European"); role words case-insensitively. Adjacent
//! pieces form one mention: "Armenian Prime Minister Nikol Pashinyan" (adjective, role,
//! person), "Russia's foreign minister" (name, `'s`, role), "the Russia-led CSTO"
//! (the organisation leads), "foreign minister of Russia".
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use dyad_core::Actor;

use crate::dict::Dictionaries;
use crate::error::DictError;
use crate::tokens::Token;

/// How a country is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryForm {
    /// "Russia"
    Name,
    /// "Russian", "Russians"
    Adjective,
    /// "Moscow": the government when it acts, a place otherwise.
    Capital,
    /// "the Kremlin": always the government.
    Seat,
    /// "Fallujah", "Sao Paulo": a place in the country, never its government.
    Place,
}

#[derive(Debug, Clone)]
enum Atom {
    Country(usize, CountryForm),
    Org(usize),
    Person(usize),
    Role(String),
    Former,
}

#[derive(Debug, Clone)]
struct Country {
    code: String,
    name: String,
}

#[derive(Debug, Clone)]
struct Org {
    code: String,
    country: Option<String>,
    group: Option<String>,
    name: String,
}

#[derive(Debug, Clone)]
struct Office {
    code: String,
    from: NaiveDate,
    to: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
struct Person {
    name: String,
    offices: Vec<Office>,
}

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A state or part of it (government, military, citizens).
    State,
    /// An international organisation or non-state group.
    Org,
    /// A named person (or a person-like office holder: "the foreign minister").
    Person,
    /// A role word with no country yet ("the government", "the president"):
    /// the coder resolves it from context.
    RoleOnly,
    /// A demonym modifying a noun ("Russian economy"): an actor only as the
    /// possessor of an event noun ("Russian strikes").
    Modifier,
    /// A pronoun; the coder resolves it.
    Pronoun,
}

/// An actor named in a sentence.
#[derive(Debug, Clone)]
pub struct Mention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The actor (empty code for unresolved role words and pronouns).
    pub actor: Actor,
    /// What it names.
    pub kind: MentionKind,
    /// The role word, if any ("GOV" for "president").
    pub role: Option<String>,
    /// True when the mention is singular and personal ("the foreign minister").
    pub personal: bool,
}

/// Compiled actor dictionaries.
#[derive(Debug, Clone)]
pub struct ActorIndex {
    proper: HashMap<String, Vec<Atom>>,
    lower: HashMap<String, Vec<Atom>>,
    max_len: usize,
    /// First tokens of every phrase, so most tokens are ruled out with one lookup.
    proper_first: HashSet<String>,
    lower_first: HashSet<String>,
    countries: Vec<Country>,
    country_by_code: HashMap<String, usize>,
    orgs: Vec<Org>,
    people: Vec<Person>,
    /// Surnames of people with a full name, for "Mr Brown", "Ms Joly".
    surnames: HashMap<String, Vec<usize>>,
}

const PERSONAL_ROLES: &[&str] = &[
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "minister",
    "foreign minister",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "secretary",
    "secretary-general",
    "secretary general",
    "general",
    "commander",
    "emir",
    "sultan",
    "prince",
    "crown prince",
    "ayatollah",
    "governor",
    "mayor",
    "senator",
    "speaker",
];

impl ActorIndex {
    /// Compiles the actor files.
    pub fn new(dicts: &Dictionaries) -> Result<Self, DictError> {
        let mut ix = ActorIndex {
            proper: HashMap::new(),
            lower: HashMap::new(),
            max_len: 1,
            proper_first: HashSet::new(),
            lower_first: HashSet::new(),
            countries: Vec::new(),
            country_by_code: HashMap::new(),
            orgs: Vec::new(),
            people: Vec::new(),
            surnames: HashMap::new(),
        };
        for row in dicts.rows("actors/countries.tsv") {
            let code = row.cell(0).to_string();
            if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(row.error(format!("country code {code:?} is not three capitals")));
            }
            let idx = match ix.country_by_code.get(&code) {
                Some(&i) => i,
                None => {
                    let name = row.list(1).next().unwrap_or(&code).to_string();
                    ix.countries.push(Country {
                        code: code.clone(),
                        name,
                    });
                    ix.country_by_code
                        .insert(code.clone(), ix.countries.len() - 1);
                    ix.countries.len() - 1
                }
            };
            let forms = [
                (1, CountryForm::Name),
                (2, CountryForm::Adjective),
                (3, CountryForm::Capital),
                (4, CountryForm::Seat),
            ];
            for (col, form) in forms {
                for phrase in row.list(col) {
                    ix.add_proper(phrase, Atom::Country(idx, form));
                }
            }
        }
        for row in dicts.rows("actors/places.tsv") {
            let code = row.cell(1);
            let Some(&idx) = ix.country_by_code.get(code) else {
                return Err(row.error(format!("country {code:?} is not in actors/countries.tsv")));
            };
            for phrase in row.list(0) {
                // A place never displaces a country, capital or organisation of the same name.
                if !ix.proper.contains_key(&key_of(phrase, false)) {
                    ix.add_proper(phrase, Atom::Country(idx, CountryForm::Place));
                }
            }
        }
        for row in dicts.rows("actors/organisations.tsv") {
            let code = row.cell(0);
            if code.len() < 3 {
                return Err(row.error(format!("organisation code {code:?} is too short")));
            }
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let name = row.list(3).next().unwrap_or(code).to_string();
            ix.orgs.push(Org {
                code: code.to_string(),
                country: opt(row.cell(1)),
                group: opt(row.cell(2)),
                name,
            });
            let idx = ix.orgs.len() - 1;
            for phrase in row.list(3) {
                ix.add_proper(phrase, Atom::Org(idx));
            }
        }
        for row in dicts.rows("actors/roles.tsv") {
            let phrase = row.cell(0);
            let atom = match row.cell(2) {
                "former" => Atom::Former,
                "" | "noun" => Atom::Role(row.cell(1).to_string()),
                other => return Err(row.error(format!("kind {other:?} is not noun or former"))),
            };
            let key = key_of(phrase, true);
            if key.is_empty() {
                continue;
            }
            ix.max_len = ix.max_len.max(key.split(' ').count());
            ix.lower_first
                .insert(key.split(' ').next().unwrap_or("").to_string());
            ix.lower.insert(key, vec![atom]);
        }
        let mut person_by_name: HashMap<String, usize> = HashMap::new();
        for row in dicts.rows("actors/people.tsv") {
            let names: Vec<&str> = row.list(0).collect();
            let Some(&full) = names.first() else {
                return Err(row.error("no name"));
            };
            let code = row.cell(1).to_string();
            if code.len() < 3 {
                return Err(row.error(format!("office code {code:?} is too short")));
            }
            let from = parse_date(row.cell(2), false)
                .ok_or_else(|| row.error(format!("from date {:?} is not a date", row.cell(2))))?;
            let to = match row.cell(3) {
                "" => None,
                s => Some(
                    parse_date(s, true)
                        .ok_or_else(|| row.error(format!("to date {s:?} is not a date")))?,
                ),
            };
            let idx = *person_by_name.entry(full.to_string()).or_insert_with(|| {
                ix.people.push(Person {
                    name: full.to_string(),
                    offices: Vec::new(),
                });
                ix.people.len() - 1
            });
            ix.people[idx].offices.push(Office { code, from, to });
            for n in names {
                ix.add_proper(n, Atom::Person(idx));
                let words: Vec<&str> = n.split_whitespace().collect();
                if let [_, .., last] = words[..] {
                    if last.chars().count() >= 3
                        && last.chars().next().is_some_and(char::is_uppercase)
                    {
                        let ids = ix.surnames.entry(last.to_string()).or_default();
                        if !ids.contains(&idx) {
                            ids.push(idx);
                        }
                    }
                }
            }
        }
        for p in &mut ix.people {
            p.offices.sort_by_key(|o| o.from);
        }
        Ok(ix)
    }

    fn add_proper(&mut self, phrase: &str, atom: Atom) {
        let key = key_of(phrase, false);
        if key.is_empty() {
            return;
        }
        self.max_len = self.max_len.max(key.split(' ').count());
        let first = key.split(' ').next().unwrap_or("");
        self.proper_first.insert(first.to_string());
        self.proper_first.insert(title_case(first));
        let entry = self.proper.entry(key).or_default();
        // A later row for the same phrase (a user's --dict) takes precedence.
        entry.insert(0, atom);
    }

    /// Name of the country with this code.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.country_by_code
            .get(code)
            .map(|&i| self.countries[i].name.as_str())
    }

    /// The country of a place written in capitals or title case ("KABUL", "GAZA
    /// CITY"): a capital or country name in the dictionary.
    pub fn place_country(&self, place: &str) -> Option<String> {
        let key = key_of(&title_case(&place.to_lowercase()), false);
        self.proper.get(&key)?.iter().find_map(|a| match a {
            Atom::Country(c, _) => Some(self.countries[*c].code.clone()),
            Atom::Org(o) => self.orgs[*o].country.clone(),
            _ => None,
        })
    }

    /// True when `code` is a country or region in the dictionary.
    pub fn is_country(&self, code: &str) -> bool {
        self.country_by_code.contains_key(code)
    }

    /// Finds the actor mentions of one sentence.
    pub fn mentions(&self, tokens: &[Token], text: &str, date: Option<NaiveDate>) -> Vec<Mention> {
        let atoms = self.atoms(tokens);
        let mut out = Vec::new();
        let mut a = 0;
        while a < atoms.len() {
            let mut b = a + 1;
            let mut end = atoms[a].1;
            while b < atoms.len() {
                let next = atoms[b].0;
                if next == end
                    // "Russia's foreign minister"; but "Turkey's NATO allies" are NATO's,
                    // and Turkey stays a state of its own.
                    || (next == end + 1
                        && tokens[end].norm == "'s"
                        && !(matches!(atoms[b - 1].2.first(), Some(Atom::Country(..)))
                            && matches!(atoms[b].2.first(), Some(Atom::Org(o)) if self.orgs[*o].country.is_none())))
                    // "Saudi-led coalition" is the leader's; "Rwandan-backed rebels" are not
                    // the backer's.
                    || (next == end + 2 && tokens[end].norm == "-" && is_leader_link(&tokens[end + 1].norm))
                    || (tokens[end].norm == "of"
                        && (next == end + 1 || (next == end + 2 && tokens[end + 1].norm == "the"))
                        && atoms[b - 1].2.iter().any(|x| matches!(x, Atom::Role(_)))
                        && matches!(atoms[b].2.first(), Some(Atom::Country(..) | Atom::Org(_))))
                    // "militants in Iraq", "police in Burundi": a bare role placed in a
                    // country belongs to it.
                    || (tokens[end].norm == "in"
                        && next == end + 1
                        && b == a + 1
                        && matches!(atoms[a].2.first(), Some(Atom::Role(r)) if is_placed_role(r))
                        && matches!(atoms[b].2.first(), Some(Atom::Country(_, CountryForm::Name | CountryForm::Capital))))
                    // "Syrian defence ministries", "Iraqi security forces": a demonym
                    // and a role with a word or two of description between them.
                    || (b == a + 1
                        && matches!(atoms[a].2.first(), Some(Atom::Country(_, CountryForm::Adjective)))
                        && matches!(atoms[b].2.first(), Some(Atom::Role(_)))
                        && next > end
                        && next <= end + 2
                        && tokens[end..next].iter().all(is_descriptive_word))
                {
                    end = atoms[b].1;
                    b += 1;
                } else {
                    break;
                }
            }
            if let Some(m) = self.compose(tokens, text, &atoms[a..b], date) {
                out.push(m);
            }
            a = b;
        }
        // "the Russian and Syrian defence ministries": the first demonym shares the
        // role of the second.
        for i in (0..out.len().saturating_sub(1)).rev() {
            let (m, n) = (&out[i], &out[i + 1]);
            if m.kind == MentionKind::Modifier
                && tokens
                    .get(m.end)
                    .is_some_and(|t| t.norm == "and" || t.norm == ",")
                && n.start == m.end + 1
                && n.role.is_some()
                && n.kind != MentionKind::Modifier
            {
                let role = n.role.clone();
                let kind = n.kind;
                let m = &mut out[i];
                let c = m.actor.country.clone().unwrap_or_default();
                m.actor.code = format!("{c}{}", role.clone().unwrap_or_default());
                m.actor.role = role.clone();
                m.role = role;
                m.kind = kind;
            }
        }
        out
    }

    /// Dictionary pieces in token order: (first token, end token, candidates).
    fn atoms(&self, tokens: &[Token]) -> Vec<(usize, usize, Vec<Atom>)> {
        let mut out = Vec::new();
        let shouting = tokens
            .iter()
            .filter(|t| t.is_word)
            .all(|t| !t.surface.chars().any(char::is_lowercase));
        let mut i = 0;
        'outer: while i < tokens.len() {
            if !tokens[i].is_word {
                i += 1;
                continue;
            }
            // "Mr Brown", "Ms Joly": an honorific and the surname of someone known.
            if is_honorific(&tokens[i].norm) {
                let mut j = i + 1;
                if tokens.get(j).is_some_and(|t| t.surface == ".") {
                    j += 1;
                }
                // A surname of known people; when several bear it, the one in office
                // on the document's date (chosen when the mention is composed).
                let unique = tokens.get(j).and_then(|t| self.surnames.get(&t.surface));
                if let Some(ids) = unique {
                    let longer = self.longest_proper(tokens, j, shouting) > 1;
                    if !longer {
                        out.push((i, j + 1, ids.iter().map(|&p| Atom::Person(p)).collect()));
                        i = j + 1;
                        continue 'outer;
                    }
                }
            }
            let proper_start = self.proper_first.contains(&tokens[i].surface)
                || (shouting && self.proper_first.contains(&title_case(&tokens[i].surface)));
            if !proper_start && !self.lower_first.contains(&tokens[i].norm) {
                i += 1;
                continue;
            }
            let max = self.max_len.min(tokens.len() - i);
            for len in (1..=max).rev() {
                let span = &tokens[i..i + len];
                if !span.last().is_some_and(|t| t.is_word || t.surface == ".") {
                    continue;
                }
                let hit = if proper_start {
                    let key = join(span, |t| &t.surface);
                    self.proper.get(&key).or_else(|| {
                        shouting
                            .then(|| self.proper.get(&title_case(&key)))
                            .flatten()
                    })
                } else {
                    None
                };
                if let Some(atoms) = hit {
                    // "the West Bank": a longer name starting inside this one wins.
                    if len > 1 && self.longest_proper(tokens, i + 1, shouting) > len - 1 {
                        break;
                    }
                    out.push((i, i + len, atoms.clone()));
                    i += len;
                    continue 'outer;
                }
                if let Some(atoms) = self.lower.get(&join(span, |t| &t.norm)) {
                    out.push((i, i + len, atoms.clone()));
                    i += len;
                    continue 'outer;
                }
            }
            i += 1;
        }
        out
    }

    /// Length of the longest proper name starting at token `i` (0 if none).
    fn longest_proper(&self, tokens: &[Token], i: usize, shouting: bool) -> usize {
        let max = self.max_len.min(tokens.len().saturating_sub(i));
        (1..=max)
            .rev()
            .find(|&len| {
                let key = join(&tokens[i..i + len], |t| &t.surface);
                self.proper.contains_key(&key)
                    || (shouting && self.proper.contains_key(&title_case(&key)))
            })
            .unwrap_or(0)
    }

    fn compose(
        &self,
        tokens: &[Token],
        text: &str,
        atoms: &[(usize, usize, Vec<Atom>)],
        date: Option<NaiveDate>,
    ) -> Option<Mention> {
        let start = atoms[0].0;
        let mut end = atoms.last()?.1;
        let mut person = None;
        let mut org = None;
        let mut country: Option<(usize, CountryForm)> = None;
        let mut role: Option<String> = None;
        let mut role_phrase = String::new();
        let mut former = false;
        let mut personal_role = false;
        for (s, e, cands) in atoms {
            match cands.first()? {
                Atom::Person(first) => {
                    // Several people share a short name ("Clinton"): the one in office
                    // on the document's date.
                    let in_office = cands.iter().find_map(|c| match c {
                        Atom::Person(p) if person_office(&self.people[*p], date).1 => Some(*p),
                        _ => None,
                    });
                    // "Mr Brown" with several Browns known and none in office is
                    // none of them.
                    if in_office.is_none() && cands.len() > 1 && is_honorific(&tokens[*s].norm) {
                        return None;
                    }
                    person = Some(in_office.unwrap_or(*first));
                }
                Atom::Org(o) => org = org.or(Some(*o)),
                Atom::Country(c, f) => country = country.or(Some((*c, *f))),
                Atom::Role(r) => {
                    role = Some(r.clone());
                    role_phrase = join(&tokens[*s..*e], |t| &t.norm);
                    // "the Speaker of Bangladesh's parliament" is one person even
                    // though the last role word names a body.
                    personal_role |= PERSONAL_ROLES.contains(&role_phrase.as_str());
                }
                Atom::Former => former = true,
            }
        }
        // "Tunisia's national museum": "national" before a noun is an adjective, not
        // a citizen.
        if role_phrase == "national"
            && atoms.len() > 1
            && tokens
                .get(end)
                .is_some_and(|t| t.is_word && !t.is_capitalized())
        {
            role = None;
            end -= 1;
            if tokens.get(end - 1).is_some_and(|t| t.norm == "'s") {
                end -= 1;
            }
        }
        let after = tokens.get(end);
        let before = start.checked_sub(1).map(|i| tokens[i].norm.as_str());
        // "the military aid it provided": a bare role word used as an adjective
        // names no one.
        if person.is_none()
            && org.is_none()
            && country.is_none()
            && role_phrase == "military"
            && after.is_some_and(|t| is_military_thing(&t.norm))
        {
            return None;
        }
        // A lone country word inside a longer proper name ("Washington Post",
        // "Kyiv Independent", "Russian Orthodox Church") is not the state.
        if atoms.len() == 1 && country.is_some() {
            if let Some(next) = after {
                if next.is_word
                    && next.is_capitalized()
                    && !tokens[start].surface.chars().all(|c| !c.is_lowercase())
                {
                    return None;
                }
            }
        }
        // A capital or city as a place ("talks in Moscow", "bombs around Madrid") is
        // not an actor, only where something happened: kept as a modifier of the
        // country, which the coder uses for places.
        if atoms.len() == 1
            && matches!(
                country,
                Some((_, CountryForm::Capital | CountryForm::Place))
            )
            && matches!(
                before,
                Some("in" | "at" | "near" | "outside" | "from" | "across" | "around")
            )
        {
            let (c, _) = country?;
            let c = &self.countries[c];
            return Some(Mention {
                start,
                end,
                actor: Actor {
                    code: c.code.clone(),
                    country: Some(c.code.clone()),
                    name: c.name.clone(),
                    text: text[tokens[start].start..tokens[end - 1].end].to_string(),
                    ..Default::default()
                },
                kind: MentionKind::Modifier,
                role: None,
                personal: false,
            });
        }
        // Extend over a name that follows a role ("Russian newspaper Izvestia",
        // "President Joko Widodo") so the text shows who was meant.
        if person.is_none() && role.is_some() {
            while end < tokens.len()
                && tokens[end].is_word
                && tokens[end].is_capitalized()
                && end - start < 8
            {
                end += 1;
            }
        }
        let personal = person.is_some() || personal_role;
        let surface = &text[tokens[start].start..tokens[end - 1].end];
        let mut actor = Actor {
            text: surface.to_string(),
            ..Default::default()
        };
        let kind;
        if let Some(p) = person {
            let person = &self.people[p];
            let (code, current) = person_office(person, date);
            let prefix = code.get(..3).unwrap_or("");
            let is_state = self.is_country(prefix);
            if is_state {
                let role_code = if current && !former {
                    code.get(3..).unwrap_or("").to_string()
                } else {
                    "ELI".into()
                };
                actor.country = Some(prefix.to_string());
                actor.code = format!("{prefix}{role_code}");
                actor.role = (!role_code.is_empty())
                    .then(|| role_code[..3.min(role_code.len())].to_string());
            } else if !current {
                // A former head of an international body speaks for no one we code.
                return None;
            } else {
                actor.code = code.clone();
                actor.group = self
                    .orgs
                    .iter()
                    .find(|o| o.code == code)
                    .and_then(|o| o.group.clone())
                    .or_else(|| Some(code[code.len() - 3..].to_string()));
            }
            actor.name = person.name.clone();
            kind = MentionKind::Person;
        } else if let Some(o) = org {
            let o = &self.orgs[o];
            // "French UN Ambassador", "Britain's envoy to NATO": a country's envoy to
            // an organisation speaks for the country.
            let envoy = matches!(
                role_phrase.as_str(),
                "ambassador" | "envoy" | "representative" | "delegate" | "delegation"
            );
            match (country, &o.country) {
                (Some((c, _)), None) if envoy => {
                    let c = &self.countries[c];
                    actor.code = format!("{}GOV", c.code);
                    actor.country = Some(c.code.clone());
                    actor.role = Some("GOV".into());
                    actor.name = c.name.clone();
                    kind = MentionKind::Person;
                }
                // "Brazil's Congress": a national body named after another country's
                // is that country's body of the same kind.
                (Some((c, _)), Some(oc)) if self.countries[c].code != *oc => {
                    let c = &self.countries[c];
                    let r = o
                        .code
                        .get(3..6)
                        .filter(|r| r.len() == 3)
                        .map(str::to_string);
                    actor.code = format!("{}{}", c.code, r.clone().unwrap_or_default());
                    actor.country = Some(c.code.clone());
                    actor.role = r;
                    actor.name = c.name.clone();
                    kind = MentionKind::State;
                }
                _ => {
                    actor.code = o.code.clone();
                    actor.country = o.country.clone();
                    actor.group = o.group.clone();
                    actor.name = o.name.clone();
                    kind = MentionKind::Org;
                }
            }
        } else if let Some((c, form)) = country {
            let c = &self.countries[c];
            let mut r = role.clone();
            if r.is_none() && matches!(form, CountryForm::Seat | CountryForm::Capital) {
                r = Some("GOV".into());
            }
            if former && r.as_deref().is_some_and(|x| x == "GOV") {
                r = Some("ELI".into());
            }
            actor.country = Some(c.code.clone());
            actor.code = format!("{}{}", c.code, r.clone().unwrap_or_default());
            actor.role = r;
            actor.name = c.name.clone();
            // "an Afghan were also arrested", "a Briton who…": a demonym before a
            // function word is a person, not an adjective.
            let noun_use = after.is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "was"
                        | "were"
                        | "is"
                        | "are"
                        | "has"
                        | "have"
                        | "had"
                        | "who"
                        | "whose"
                        | "said"
                        | "says"
                        | "will"
                        | "would"
                )
            });
            let mut modifier = ((form == CountryForm::Adjective || form == CountryForm::Place)
                && role.is_none()
                && atoms.len() == 1
                && after.is_some_and(|t| t.is_word && !t.is_capitalized())
                && !(noun_use && form == CountryForm::Adjective)
                && !tokens[start].norm.ends_with('s'))
                // "former Soviet Union countries", "Russia experts": a name
                // qualifying a noun of its own.
                || (role.is_none()
                    && after.is_some_and(|t| {
                        matches!(
                            t.norm.as_str(),
                            "countries" | "nations" | "states" | "experts" | "watchers" | "analysts"
                        )
                    }));
            // A demonym before a person's name, perhaps with a lower-case title
            // between ("Russian peacemaker Alexander Lebed"): that person, of that country.
            if form == CountryForm::Adjective && role.is_none() && atoms.len() == 1 {
                let mut j = end;
                while j < tokens.len()
                    && j < end + 2
                    && tokens[j].is_word
                    && !tokens[j].is_capitalized()
                    && !crate::lexicon::is_preposition(&tokens[j].norm)
                {
                    j += 1;
                }
                let name_start = j;
                while j < tokens.len()
                    && j < name_start + 4
                    && tokens[j].is_word
                    && tokens[j].is_capitalized()
                {
                    j += 1;
                }
                if j >= name_start + 2 {
                    end = j;
                    modifier = false;
                    actor.text = text[tokens[start].start..tokens[end - 1].end].to_string();
                }
            }
            let named_person = form == CountryForm::Adjective && role.is_none() && end > atoms[0].1;
            kind = if modifier {
                MentionKind::Modifier
            } else if personal || named_person {
                MentionKind::Person
            } else {
                MentionKind::State
            };
        } else if role.is_some() {
            actor.role = role.clone();
            kind = MentionKind::RoleOnly;
        } else {
            return None;
        }
        if actor.role.is_none() && kind != MentionKind::RoleOnly {
            actor.role = None;
        }
        Some(Mention {
            start,
            end,
            actor,
            kind,
            role: role.or_else(|| former.then(|| "ELI".to_string())),
            personal,
        })
    }
}

/// Roles that a bare "X in COUNTRY" places in that country: people of the place, not
/// forces that may be foreign ("troops in Iraq").
pub(crate) fn is_placed_role(r: &str) -> bool {
    matches!(
        r,
        "REB"
            | "INS"
            | "SEP"
            | "UAF"
            | "COP"
            | "CVL"
            | "OPP"
            | "LAB"
            | "EDU"
            | "REF"
            | "CRM"
            | "BUS"
    )
}

/// Titles before a surname.
fn is_honorific(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mr."
            | "mrs"
            | "mrs."
            | "ms"
            | "ms."
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "dr"
            | "dr."
    )
}

/// "-led", "-run", "-controlled": the first actor is the identity of what follows
/// ("Saudi-led coalition"); "-backed" and "-allied" name a supporter only.
fn is_leader_link(w: &str) -> bool {
    matches!(w, "led" | "run" | "controlled")
}

/// The office a person holds on `date` and whether it is current. Without a date,
/// the latest office; outside every term, the latest office before the date (or the
/// first, for a date before them all) as a former holder.
fn person_office(p: &Person, date: Option<NaiveDate>) -> (String, bool) {
    let Some(d) = date else {
        return (
            p.offices.last().map(|o| o.code.clone()).unwrap_or_default(),
            true,
        );
    };
    if let Some(o) = p
        .offices
        .iter()
        .rev()
        .find(|o| o.from <= d && o.to.is_none_or(|t| d <= t))
    {
        return (o.code.clone(), true);
    }
    let o = p
        .offices
        .iter()
        .rev()
        .find(|o| o.from <= d)
        .or(p.offices.first());
    (o.map(|o| o.code.clone()).unwrap_or_default(), false)
}

fn parse_date(s: &str, end_of_period: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    let m: u32 = match parts.get(1) {
        Some(m) => m.parse().ok()?,
        None => {
            if end_of_period {
                12
            } else {
                1
            }
        }
    };
    let d: u32 = match parts.get(2) {
        Some(d) => d.parse().ok()?,
        None if end_of_period => {
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            };
            return next.and_then(|n| n.pred_opt());
        }
        None => 1,
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

fn key_of(phrase: &str, lower: bool) -> String {
    let toks = crate::tokens::tokenize(phrase, 0, phrase.len());
    if lower {
        join(&toks, |t| &t.norm)
    } else {
        join(&toks, |t| &t.surface)
    }
}

fn join<'a>(toks: &'a [Token], f: impl Fn(&'a Token) -> &'a String) -> String {
    let mut s = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(f(t));
    }
    s
}

fn title_case(key: &str) -> String {
    key.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Nouns that "military" qualifies as an adjective ("military aid", "military
/// exercises"), where it is no actor.
fn is_military_thing(w: &str) -> bool {
    matches!(
        w,
        "aid"
            | "assistance"
            | "equipment"
            | "hardware"
            | "support"
            | "spending"
            | "budget"
            | "operation"
            | "operations"
            | "action"
            | "exercise"
            | "exercises"
            | "drill"
            | "drills"
            | "base"
            | "bases"
            | "ties"
            | "cooperation"
            | "presence"
            | "buildup"
            | "build-up"
            | "supplies"
            | "help"
            | "intervention"
            | "pressure"
            | "power"
            | "capabilities"
            | "campaign"
            | "offensive"
            | "escalation"
            | "threat"
            | "threats"
            | "service"
            | "infrastructure"
            | "targets"
            | "sites"
            | "facilities"
            | "packages"
            | "package"
            | "uniform"
            | "uniforms"
            | "vehicles"
            | "aircraft"
            | "jet"
            | "plane"
    )
}

/// A lower-case word that can sit between a demonym and the role it qualifies
/// ("defence", "security", "opposition"): not a function word, verb form or number.
pub(crate) fn is_descriptive_word(t: &Token) -> bool {
    let w = t.norm.as_str();
    t.is_word
        && !t.is_capitalized()
        && w.len() > 2
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !w.ends_with("ed")
        && !crate::lexicon::is_preposition(w)
        && !crate::lexicon::is_determiner(w)
        && !crate::lexicon::is_clause_boundary(w)
        && !crate::lexicon::is_passive_auxiliary(w)
        && !matches!(
            w,
            "and"
                | "or"
                | "but"
                | "not"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "said"
                | "says"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_partial_dates() {
        assert_eq!(
            parse_date("2024", false),
            NaiveDate::from_ymd_opt(2024, 1, 1)
        );
        assert_eq!(
            parse_date("2024", true),
            NaiveDate::from_ymd_opt(2024, 12, 31)
        );
        assert_eq!(
            parse_date("2024-02", true),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(
            parse_date("2024-02-10", true),
            NaiveDate::from_ymd_opt(2024, 2, 10)
        );
        assert_eq!(parse_date("soon", false), None);
    }

    #[test]
    fn office_by_date() {
        let d = |s| parse_date(s, false).unwrap();
        let p = Person {
            name: "A".into(),
            offices: vec![
                Office {
                    code: "RURGOV".into(),
                    from: d("2000-01-01"),
                    to: Some(d("2004-12-31")),
                },
                Office {
                    code: "RURGOV".into(),
                    from: d("2010-01-01"),
                    to: None,
                },
            ],
        };
        assert_eq!(
            person_office(&p, Some(d("2002-05-05"))),
            ("RURGOV".into(), true)
        );
        assert_eq!(
            person_office(&p, Some(d("2006-05-05"))),
            ("RURGOV".into(), false)
        );
        assert_eq!(
            person_office(&p, Some(d("1990-05-05"))),
            ("RURGOV".into(), false)
        );
        assert_eq!(person_office(&p, None), ("RURGOV".into(), true));
    }
}
