//! HTTP the polite way: a User-Agent naming dyad, conditional requests, per-host
//! concurrency and spacing, timeouts, retries with exponential backoff on 5xx, 429
//! and timeouts (never on other 4xx), robots.txt, redirects followed one hop at a
//! time (each hop checked against robots.txt, loops detected), and bodies capped
//! after decompression.
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use url::Url;

use crate::error::{IngestError, Result};
use crate::hosts::HostGate;
use crate::robots::Robots;
use crate::state::Validators;

/// The robots.txt product token dyad answers to.
pub const ROBOTS_AGENT: &str = "dyad";

/// Where site owners can learn about the crawler; shown in the User-Agent unless the
/// caller gives its own contact.
pub const DEFAULT_CONTACT: &str = "https://github.com/dyad/dyad";

/// How to fetch.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Sent with every request; it should name dyad and a way to reach its operator.
    pub user_agent: String,
    /// Time to resolve and connect.
    pub connect_timeout: Duration,
    /// Time from sending the request to the end of the response headers.
    pub response_timeout: Duration,
    /// Time to receive the whole body.
    pub body_timeout: Duration,
    /// Retries after the first try, for 5xx, 429, timeouts and connection failures.
    pub max_retries: u32,
    /// Wait before the first retry; doubled at each next one (capped at 30 s).
    pub backoff: Duration,
    /// Redirect hops followed before giving up.
    pub max_redirects: u32,
    /// Largest body accepted, counted after decompression.
    pub max_body_bytes: u64,
    /// Requests in flight to one host at once.
    pub per_host_concurrency: usize,
    /// Least time between the starts of two requests to one host (robots.txt's
    /// Crawl-delay raises it, up to a minute).
    pub per_host_interval: Duration,
    /// Threads fetching pages at once, across hosts.
    pub workers: usize,
    /// Whether robots.txt is read and obeyed.
    pub respect_robots: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: user_agent(DEFAULT_CONTACT),
            connect_timeout: Duration::from_secs(10),
            response_timeout: Duration::from_secs(20),
            body_timeout: Duration::from_secs(60),
            max_retries: 2,
            backoff: Duration::from_secs(1),
            max_redirects: 5,
            max_body_bytes: 8 * 1024 * 1024,
            per_host_concurrency: 2,
            per_host_interval: Duration::from_secs(1),
            workers: 8,
            respect_robots: true,
        }
    }
}

/// The User-Agent for a contact URL or e-mail address.
pub fn user_agent(contact: &str) -> String {
    format!(
        "{ROBOTS_AGENT}/{} (news event coder; +{contact})",
        env!("CARGO_PKG_VERSION")
    )
}

/// What the caller will accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    /// An HTML page.
    Page,
    /// An HTML page, a feed or an OPML list (a URL named on the command line).
    PageOrFeed,
    /// robots.txt: anything, never checked against robots.txt.
    Robots,
}

/// A response body and what came with it.
#[derive(Debug, Clone)]
pub(crate) struct FetchedBody {
    /// The URL after redirects.
    pub url: String,
    /// The declared content type, lowercased, without parameters ("" if none).
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub validators: Validators,
}

#[derive(Debug)]
pub(crate) enum Fetched {
    Body(FetchedBody),
    NotModified,
    Disallowed,
}

enum Outcome {
    Body(FetchedBody),
    Redirect(String),
    NotModified,
}

struct AttemptError {
    error: IngestError,
    retry: bool,
    retry_after: Option<Duration>,
}

struct RobotsEntry {
    loaded_at: Instant,
    /// The rules, or why robots.txt could not be fetched at all.
    robots: OnceLock<std::result::Result<Robots, String>>,
}

/// How long a robots.txt is trusted before it is read again.
const ROBOTS_TTL: Duration = Duration::from_secs(24 * 3600);
const ROBOTS_MAX_BYTES: u64 = 512 * 1024;
const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// A polite HTTP client, shared by all fetching threads.
pub(crate) struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    gate: HostGate,
    robots: Mutex<HashMap<String, Arc<RobotsEntry>>>,
}

impl Fetcher {
    /// A client with these settings.
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .user_agent(config.user_agent.as_str())
            .accept(
                "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,\
                 application/xml;q=0.9,*/*;q=0.5",
            )
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_resolve(Some(config.connect_timeout))
            .timeout_connect(Some(config.connect_timeout))
            .timeout_recv_response(Some(config.response_timeout))
            .timeout_recv_body(Some(config.body_timeout))
            .build()
            .into();
        Fetcher {
            agent,
            gate: HostGate::new(config.per_host_concurrency, config.per_host_interval),
            config,
            robots: Mutex::new(HashMap::new()),
        }
    }

    /// Fetches `url`, following redirects; `validators` make it a conditional request.
    pub(crate) fn fetch(
        &self,
        url: &str,
        want: Want,
        validators: Option<&Validators>,
    ) -> Result<Fetched> {
        let start = parse_url(url)?;
        let mut current = start.clone();
        let mut visited = HashSet::from([current.as_str().to_string()]);
        let mut hops = 0;
        loop {
            if want != Want::Robots && self.config.respect_robots && !self.robots_allow(&current)? {
                return Ok(Fetched::Disallowed);
            }
            // Validators belong to the URL they were recorded for: the first hop.
            let v = if hops == 0 { validators } else { None };
            match self.with_retries(&current, want, v)? {
                Outcome::Body(mut body) => {
                    body.url = current.to_string();
                    return Ok(Fetched::Body(body));
                }
                Outcome::NotModified => return Ok(Fetched::NotModified),
                Outcome::Redirect(location) => {
                    let next = current.join(&location).map_err(|e| IngestError::BadUrl {
                        url: location.clone(),
                        reason: e.to_string(),
                    })?;
                    if !matches!(next.scheme(), "http" | "https") {
                        return Err(IngestError::BadUrl {
                            url: next.to_string(),
                            reason: "redirect to a non-http URL".into(),
                        });
                    }
                    if !visited.insert(next.as_str().to_string()) {
                        return Err(IngestError::RedirectLoop {
                            url: url.to_string(),
                            target: next.to_string(),
                        });
                    }
                    hops += 1;
                    if hops > self.config.max_redirects {
                        return Err(IngestError::TooManyRedirects {
                            url: url.to_string(),
                            limit: self.config.max_redirects,
                        });
                    }
                    tracing::debug!(from = %current, to = %next, "redirect");
                    current = next;
                }
            }
        }
    }

    fn with_retries(&self, url: &Url, want: Want, v: Option<&Validators>) -> Result<Outcome> {
        let mut tries = 0;
        loop {
            match self.attempt(url, want, v) {
                Ok(outcome) => return Ok(outcome),
                Err(e) if e.retry && tries < self.config.max_retries => {
                    let backoff = self
                        .config
                        .backoff
                        .saturating_mul(1 << tries.min(16))
                        .min(Duration::from_secs(30));
                    let wait = e.retry_after.map_or(backoff, |ra| ra.max(backoff));
                    tracing::debug!(url = %url, error = %e.error, wait_ms = wait.as_millis() as u64, "retrying");
                    std::thread::sleep(wait);
                    tries += 1;
                }
                Err(e) => return Err(e.error),
            }
        }
    }

    fn attempt(
        &self,
        url: &Url,
        want: Want,
        v: Option<&Validators>,
    ) -> std::result::Result<Outcome, AttemptError> {
        let _permit = self.gate.acquire(&host_key(url));
        let mut request = self.agent.get(url.as_str());
        if let Some(v) = v {
            if let Some(etag) = &v.etag {
                request = request.header("If-None-Match", etag.as_str());
            }
            if let Some(lm) = &v.last_modified {
                request = request.header("If-Modified-Since", lm.as_str());
            }
        }
        let mut response = request.call().map_err(|e| classify(url, e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|h| h.to_str().ok())
                .map(str::to_string)
        };
        match status {
            200..=299 => {}
            304 => return Ok(Outcome::NotModified),
            301 | 302 | 303 | 307 | 308 => {
                return match header("location") {
                    Some(loc) => Ok(Outcome::Redirect(loc)),
                    None => Err(permanent(IngestError::HttpStatus {
                        url: url.to_string(),
                        status,
                    })),
                }
            }
            _ => {
                let retry_after = header("retry-after")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .map(|s| Duration::from_secs(s.min(60)));
                return Err(AttemptError {
                    error: IngestError::HttpStatus {
                        url: url.to_string(),
                        status,
                    },
                    retry: status >= 500 || status == 429,
                    retry_after,
                });
            }
        }
        let content_type = header("content-type")
            .map(|ct| {
                ct.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default();
        if !accepts(want, &content_type) {
            return Err(permanent(IngestError::NotHtml {
                url: url.to_string(),
                content_type,
            }));
        }
        let limit = match want {
            Want::Robots => ROBOTS_MAX_BYTES,
            _ => self.config.max_body_bytes,
        };
        let too_large = || {
            permanent(IngestError::TooLarge {
                what: url.to_string(),
                limit,
            })
        };
        if response.body().content_length().is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
            recorded: 0,
        };
        let bytes = response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => too_large(),
                e => classify(url, e),
            })?;
        Ok(Outcome::Body(FetchedBody {
            url: url.to_string(),
            content_type,
            bytes,
            validators,
        }))
    }

    /// Whether robots.txt of the URL's origin lets dyad fetch it; an error when the
    /// site cannot be reached at all (the page is then reported failed, not skipped).
    fn robots_allow(&self, url: &Url) -> Result<bool> {
        let origin = url.origin().ascii_serialization();
        let entry = {
            let mut map = self.robots.lock().unwrap_or_else(|e| e.into_inner());
            let fresh = map
                .get(&origin)
                .is_some_and(|e| e.loaded_at.elapsed() < ROBOTS_TTL);
            if !fresh {
                map.insert(
                    origin.clone(),
                    Arc::new(RobotsEntry {
                        loaded_at: Instant::now(),
                        robots: OnceLock::new(),
                    }),
                );
            }
            Arc::clone(&map[&origin])
        };
        let robots = entry
            .robots
            .get_or_init(|| self.load_robots(url, &origin))
            .as_ref()
            .map_err(|reason| IngestError::Connection {
                url: url.to_string(),
                reason: reason.clone(),
            })?;
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        Ok(robots.allows(&path))
    }

    /// RFC 9309: a 4xx robots.txt means no rules; a server error means keep out for
    /// now. A site that does not answer at all is an error for each of its pages.
    fn load_robots(&self, url: &Url, origin: &str) -> std::result::Result<Robots, String> {
        let robots_url = format!("{origin}/robots.txt");
        let robots = match self.fetch(&robots_url, Want::Robots, None) {
            Ok(Fetched::Body(body)) => {
                Robots::parse(&String::from_utf8_lossy(&body.bytes), ROBOTS_AGENT)
            }
            Ok(_) => Robots::allow_all(),
            Err(IngestError::HttpStatus { status, .. }) if (400..500).contains(&status) => {
                Robots::allow_all()
            }
            Err(IngestError::TooLarge { .. }) | Err(IngestError::NotHtml { .. }) => {
                Robots::allow_all()
            }
            Err(e @ (IngestError::Connection { .. } | IngestError::Timeout { .. })) => {
                return Err(format!("robots.txt unreachable: {e}"));
            }
            Err(e) => {
                tracing::warn!(url = %robots_url, error = %e, "robots.txt failed; not fetching from this site");
                Robots::disallow_all()
            }
        };
        if let Some(delay) = robots.crawl_delay() {
            self.gate
                .set_interval(&host_key(url), delay.min(MAX_CRAWL_DELAY));
        }
        Ok(robots)
    }
}

fn permanent(error: IngestError) -> AttemptError {
    AttemptError {
        error,
        retry: false,
        retry_after: None,
    }
}

fn classify(url: &Url, e: ureq::Error) -> AttemptError {
    let url_s = url.to_string();
    let (error, retry) = match e {
        ureq::Error::Timeout(t) => (
            IngestError::Timeout {
                url: url_s,
                what: format!("{t:?}").to_lowercase(),
            },
            true,
        ),
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) =>
        {
            (
                IngestError::Timeout {
                    url: url_s,
                    what: "read".into(),
                },
                true,
            )
        }
        ureq::Error::Io(io) => (
            IngestError::Connection {
                url: url_s,
                reason: io.to_string(),
            },
            true,
        ),
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => (
            IngestError::Connection {
                url: url_s,
                reason: e.to_string(),
            },
            true,
        ),
        ureq::Error::BadUri(reason) => (IngestError::BadUrl { url: url_s, reason }, false),
        other => (
            IngestError::Connection {
                url: url_s,
                reason: other.to_string(),
            },
            false,
        ),
    };
    AttemptError {
        error,
        retry,
        retry_after: None,
    }
}

fn accepts(want: Want, content_type: &str) -> bool {
    // A server that declares nothing gets the benefit of the doubt; extraction
    // decides what the bytes are.
    if content_type.is_empty() {
        return true;
    }
    let html = matches!(content_type, "text/html" | "application/xhtml+xml");
    match want {
        Want::Robots => true,
        Want::Page => html,
        Want::PageOrFeed => html || is_feed_type(content_type),
    }
}

/// Content types feeds and OPML lists are served with.
pub(crate) fn is_feed_type(content_type: &str) -> bool {
    matches!(
        content_type,
        "application/rss+xml"
            | "application/atom+xml"
            | "application/rdf+xml"
            | "application/xml"
            | "text/xml"
            | "application/feed+json"
            | "application/json"
            | "text/x-opml"
            | "text/x-opml+xml"
            | "application/x-opml"
    )
}

/// The key of the per-host gate: host and port.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

pub(crate) fn parse_url(url: &str) -> Result<Url> {
    let parsed = Url::parse(url).map_err(|e| IngestError::BadUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(IngestError::BadUrl {
            url: url.to_string(),
            reason: "not an http(s) URL".into(),
        });
    }
    Ok(parsed)
}

/// The host of a URL, for naming a document's source.
pub(crate) fn host_of(url: &str) -> Option<String> {
    Url::parse(url).ok().and_then(|u| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert!(accepts(Want::Page, "text/html"));
        assert!(accepts(Want::Page, ""));
        assert!(!accepts(Want::Page, "application/pdf"));
        assert!(!accepts(Want::Page, "application/rss+xml"));
        assert!(accepts(Want::PageOrFeed, "application/rss+xml"));
        assert!(!accepts(Want::PageOrFeed, "image/png"));
    }

    #[test]
    fn user_agent_names_dyad_and_contact() {
        let ua = user_agent("mailto:ops@example.org");
        assert!(ua.starts_with("dyad/"));
        assert!(ua.contains("+mailto:ops@example.org"));
    }
}
