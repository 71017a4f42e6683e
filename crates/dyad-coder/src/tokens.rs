//! Word tokens with byte offsets.
//!
//! Possessive and negative clitics are split off ("Russia's" → `Russia` `'s`,
//! "didn't" → `did` `n't`), hyphens are their own tokens ("Russia-led" → `Russia`
//! `-` `led`), and dotted acronyms stay whole (`U.S.`). Each token keeps a
//! normalised form: lower case, straight apostrophes.

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// First byte in the text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Lower case, straight quotes.
    pub norm: String,
    /// The token as written, quotes made straight (case kept).
    pub surface: String,
    /// A word or number (as opposed to punctuation).
    pub is_word: bool,
}

impl Token {
    /// True when the token as written starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.surface.chars().next().is_some_and(char::is_uppercase)
    }
}

fn straighten(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        _ => c,
    }
}

/// Tokenizes `text[start..end]`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[start..end];
    let chars: Vec<(usize, char)> = s.char_indices().map(|(i, c)| (i, straighten(c))).collect();
    let n = chars.len();
    let pos = |k: usize| if k < n { chars[k].0 } else { s.len() };
    let mut k = 0;
    while k < n {
        let c = chars[k].1;
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let b = k;
            // Dotted acronym: U.S. / U.N.
            let mut j = k;
            while j + 1 < n
                && chars[j].1.is_alphabetic()
                && chars[j].1.is_uppercase()
                && chars[j + 1].1 == '.'
            {
                j += 2;
            }
            if j >= k + 4 {
                push(&mut out, s, start, pos(b), pos(j));
                k = j;
                continue;
            }
            while k < n
                && (chars[k].1.is_alphanumeric()
                    || chars[k].1 == '\'' && k + 1 < n && chars[k + 1].1.is_alphanumeric()
                    || (chars[k].1 == '.' || chars[k].1 == ',')
                        && k > b
                        && chars[k - 1].1.is_ascii_digit()
                        && k + 1 < n
                        && chars[k + 1].1.is_ascii_digit())
            {
                k += 1;
            }
            let word: String = chars[b..k].iter().map(|x| x.1).collect();
            let lower = word.to_lowercase();
            // Split clitics.
            if lower.ends_with("n't") && lower.len() > 3 {
                let cut = k - 3;
                push(&mut out, s, start, pos(b), pos(cut));
                push(&mut out, s, start, pos(cut), pos(k));
            } else if let Some(ap) = word
                .rfind('\'')
                .filter(|&ap| matches!(&lower[ap..], "'s" | "'re" | "'ve" | "'ll" | "'d" | "'m"))
            {
                // Clitics are split off; other apostrophes belong to the name
                // ("Côte d'Ivoire", "Sana'a").
                let cut = b + word[..ap].chars().count();
                push(&mut out, s, start, pos(b), pos(cut));
                push(&mut out, s, start, pos(cut), pos(k));
            } else {
                push(&mut out, s, start, pos(b), pos(k));
            }
            continue;
        }
        // Trailing possessive apostrophe ("the allies' talks").
        push(&mut out, s, start, pos(k), pos(k + 1));
        k += 1;
    }
    out
}

fn push(out: &mut Vec<Token>, s: &str, base: usize, a: usize, b: usize) {
    if a >= b {
        return;
    }
    let surface: String = s[a..b].chars().map(straighten).collect();
    let is_word = surface.chars().next().is_some_and(char::is_alphanumeric);
    out.push(Token {
        start: base + a,
        end: base + b,
        norm: surface.to_lowercase(),
        surface,
        is_word,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(t: &str) -> Vec<String> {
        tokenize(t, 0, t.len())
            .into_iter()
            .map(|t| t.norm)
            .collect()
    }

    #[test]
    fn splits_clitics_hyphens_keeps_acronyms() {
        assert_eq!(
            norms("Russia\u{2019}s U.S.-led allies didn't send 1,500 troops."),
            vec![
                "russia", "'s", "u.s.", "-", "led", "allies", "did", "n't", "send", "1,500",
                "troops", "."
            ]
        );
    }

    #[test]
    fn apostrophes_inside_names_stay() {
        assert_eq!(
            norms("Côte d'Ivoire's they're"),
            vec!["côte", "d'ivoire", "'s", "they", "'re"]
        );
    }

    #[test]
    fn offsets_point_at_the_surface() {
        let t = "  \u{201C}Kyiv\u{2019}s\u{201D} said";
        for tok in tokenize(t, 0, t.len()) {
            let written: String = t[tok.start..tok.end].chars().map(straighten).collect();
            assert_eq!(written, tok.surface);
        }
    }
}
