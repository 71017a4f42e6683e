//! HTML pages to articles for the coder, through dyad's article extraction.
use dyad_extract::{extract, ExtractOptions};

/// What the coder needs from a page.
#[derive(Debug, Default)]
pub struct PageArticle {
    /// Headline.
    pub title: Option<String>,
    /// Publication day, in the page's own time zone.
    pub date: Option<chrono::NaiveDate>,
    /// Main text, page furniture removed.
    pub text: String,
    /// Canonical URL, else the given one.
    pub url: Option<String>,
}

/// Extracts the article of a page: main text, headline, publication day.
pub fn article_from_html(html: &[u8], url: Option<&str>) -> anyhow::Result<PageArticle> {
    let article = extract(html, url, &ExtractOptions::now())?;
    let date = article
        .date
        .and_then(|d| chrono::NaiveDate::from_ymd_opt(d.day.year(), d.day.month(), d.day.day()));
    Ok(PageArticle {
        title: article.title,
        date,
        text: article.text,
        url: article.canonical_url.or_else(|| url.map(str::to_string)),
    })
}
