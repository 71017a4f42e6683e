//! HTML pages to articles for the coder: the extraction crate does the work.
use anyhow::anyhow;

/// What the coder needs from a page.
#[derive(Debug, Default)]
pub struct PageArticle {
    /// Headline.
    pub title: Option<String>,
    /// Publication day.
    pub date: Option<chrono::NaiveDate>,
    /// Main text.
    pub text: String,
    /// Canonical URL, else the given one.
    pub url: Option<String>,
}

/// Extracts the article of a page (a simple body-text fallback until the extraction
/// crate lands: tags stripped, scripts and styles dropped).
pub fn article_from_html(html: &[u8], url: Option<&str>) -> anyhow::Result<PageArticle> {
    let text = crate::cmd::input::text_of(html).map_err(|e| anyhow!(e))?;
    let lower = text.to_ascii_lowercase();
    if !lower.contains('<') {
        return Err(anyhow!("not HTML (no markup found)"));
    }
    let mut out = String::new();
    let mut i = 0;
    let b = text.as_bytes();
    let mut title = None;
    while i < b.len() {
        if b[i] == b'<' {
            let rest = &lower[i..];
            for skip in ["script", "style", "noscript"] {
                if rest.starts_with(&format!("<{skip}")) {
                    if let Some(e) = rest.find(&format!("</{skip}>")) {
                        i += e;
                    }
                }
            }
            if rest.starts_with("<title>") {
                if let Some(e) = rest.find("</title>") {
                    title = Some(text[i + 7..i + e].trim().to_string());
                }
            }
            let end = lower[i..].find('>').map(|e| i + e + 1).unwrap_or(b.len());
            let tag = &lower[i..end];
            if tag.starts_with("<p")
                || tag.starts_with("</p")
                || tag.starts_with("<br")
                || tag.starts_with("<h")
                || tag.starts_with("</h")
                || tag.starts_with("<div")
                || tag.starts_with("<li")
            {
                out.push('\n');
            }
            i = end;
        } else {
            let next = lower[i..].find('<').map(|e| i + e).unwrap_or(b.len());
            out.push_str(
                &text[i..next]
                    .replace("&amp;", "&")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&nbsp;", " "),
            );
            i = next;
        }
    }
    let text: Vec<&str> = out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Ok(PageArticle {
        title,
        date: None,
        text: text.join("\n\n"),
        url: url.map(str::to_string),
    })
}
