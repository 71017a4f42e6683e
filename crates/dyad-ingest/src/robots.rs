//! A small robots.txt reader after RFC 9309: groups by user agent, `Allow` and
//! `Disallow` with `*` and `$`, the longest match wins and `Allow` wins a tie;
//! `Crawl-delay` is read too (not in the RFC, but widely used).
use std::time::Duration;

/// The rules of one robots.txt that apply to one crawler.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    rules: Vec<Rule>,
    crawl_delay: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq)]
struct Rule {
    allow: bool,
    pattern: String,
}

impl Robots {
    /// Rules that allow everything (robots.txt missing: a 4xx answer).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Rules that forbid everything (robots.txt unreachable: a 5xx answer or no answer).
    pub fn disallow_all() -> Robots {
        Robots {
            rules: vec![Rule {
                allow: false,
                pattern: "/".into(),
            }],
            crawl_delay: None,
        }
    }

    /// Reads robots.txt for the crawler whose product token is `agent` (`dyad`): the
    /// groups naming it, or else the `*` groups.
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        let mut specific = Robots::default();
        let mut generic = Robots::default();
        let mut found_specific = false;
        // Agents of the group being read, and whether its rules have started (a
        // `User-agent` line after rules starts a new group).
        let mut group_agents: Vec<String> = Vec::new();
        let mut in_rules = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if in_rules {
                        group_agents.clear();
                        in_rules = false;
                    }
                    group_agents.push(value.to_ascii_lowercase());
                }
                "allow" | "disallow" | "crawl-delay" => {
                    in_rules = true;
                    let is_ours = group_agents
                        .iter()
                        .any(|a| a != "*" && !a.is_empty() && agent.contains(a.as_str()));
                    let is_any = group_agents.iter().any(|a| a == "*");
                    let target = if is_ours {
                        found_specific = true;
                        &mut specific
                    } else if is_any {
                        &mut generic
                    } else {
                        continue;
                    };
                    if key == "crawl-delay" {
                        if let Ok(secs) = value.parse::<f64>() {
                            if secs.is_finite() && secs >= 0.0 {
                                target.crawl_delay =
                                    Some(Duration::from_secs_f64(secs.min(3600.0)));
                            }
                        }
                    } else if !value.is_empty() {
                        target.rules.push(Rule {
                            allow: key == "allow",
                            pattern: value.to_string(),
                        });
                    }
                }
                _ => {}
            }
        }
        if found_specific {
            specific
        } else {
            generic
        }
    }

    /// Whether the crawler may fetch `path` (path and query of the URL).
    pub fn allows(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if pattern_matches(&rule.pattern, path) {
                let len = rule.pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, rule.allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }

    /// The delay between requests the site asks for, when it asks.
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.crawl_delay
    }
}

/// Matches a robots pattern (`*` any run of characters, `$` at the end anchors) against
/// the start of a path.
fn pattern_matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let pieces: Vec<&str> = pattern.split('*').collect();
    let mut pos = 0;
    for (i, piece) in pieces.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(piece) {
                return false;
            }
            pos = piece.len();
            continue;
        }
        let is_last = i == pieces.len() - 1;
        if is_last && anchored {
            return path.len() >= pos + piece.len() && path.ends_with(piece);
        }
        match path[pos..].find(piece) {
            Some(at) => pos += at + piece.len(),
            None => return false,
        }
    }
    !anchored || pos == path.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TXT: &str = "\
# example
User-agent: *
Disallow: /private/
Allow: /private/open.html
Crawl-delay: 2

User-agent: badbot
User-agent: otherbot
Disallow: /
";

    #[test]
    fn generic_group_applies_when_none_names_us() {
        let r = Robots::parse(TXT, "dyad");
        assert!(r.allows("/news/a.html"));
        assert!(!r.allows("/private/x.html"));
        assert!(r.allows("/private/open.html"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn a_group_naming_us_replaces_the_generic_one() {
        let txt = format!("{TXT}\nUser-agent: Dyad\nDisallow: /news/\n");
        let r = Robots::parse(&txt, "dyad");
        assert!(!r.allows("/news/a.html"));
        assert!(r.allows("/private/x.html"));
        let r = Robots::parse(TXT, "badbot");
        assert!(!r.allows("/anything"));
    }

    #[test]
    fn wildcards_and_anchors() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /*.pdf$\nDisallow: /a*/b\n",
            "dyad",
        );
        assert!(!r.allows("/files/x.pdf"));
        assert!(r.allows("/files/x.pdf?download=1"));
        assert!(!r.allows("/abc/b/c"));
        assert!(r.allows("/b/a"));
    }

    #[test]
    fn empty_disallow_and_robots_txt_itself() {
        let r = Robots::parse("User-agent: *\nDisallow:\n", "dyad");
        assert!(r.allows("/x"));
        assert!(!Robots::disallow_all().allows("/x"));
        assert!(Robots::disallow_all().allows("/robots.txt"));
    }
}
