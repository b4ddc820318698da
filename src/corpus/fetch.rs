//! URL inputs: fetched over HTTP(S) with `ureq` (rustls, redirects, gzip),
//! in parallel, each under a timeout and a size limit counted on the
//! decoded body (so a gzip bomb stops at the limit too), with an optional
//! on-disk cache in the user's cache directory.
//!
//! Owns: [`FetchOptions`], the HTTP client's settings, the cache layout and
//! the wording of fetch failures (`url: 404 Not Found`,
//! `url: timed out after 15 s`). Imports only `corpus` siblings.

use std::fs;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ureq::ResponseExt;

/// Default time for one URL (connect, redirects and body together).
pub const DEFAULT_TIMEOUT_SECS: u64 = 15;

/// Default largest body read from a URL: 32 MiB (decoded).
pub(super) const DEFAULT_MAX_FETCH: u64 = 32 * 1024 * 1024;

/// Redirects followed before giving up (a redirect loop ends here).
const MAX_REDIRECTS: u32 = 10;

/// URLs fetched at the same time.
const PARALLEL: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchOptions {
    /// Whole-request time limit, in seconds.
    pub timeout_secs: u64,
    /// Largest body read (after decompression), in bytes.
    pub max_bytes: u64,
    /// Keep fetched pages in the user's cache directory and reuse them.
    pub cache: bool,
    /// For feed items with only a summary, fetch the item's page.
    pub full: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            max_bytes: DEFAULT_MAX_FETCH,
            cache: false,
            full: false,
        }
    }
}

/// Called as URLs finish: (done, total). For a progress line on a terminal.
pub type Progress = fn(usize, usize);

/// A fetched body and what the server said about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Fetched {
    pub(super) bytes: Vec<u8>,
    /// The URL after redirects.
    pub(super) final_url: String,
    /// The `Content-Type` header, if any.
    pub(super) content_type: Option<String>,
}

impl Fetched {
    /// The charset parameter of the content type.
    pub(super) fn charset(&self) -> Option<String> {
        let ct = self.content_type.as_deref()?;
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            (k.trim().eq_ignore_ascii_case("charset"))
                .then(|| v.trim().trim_matches(['"', '\'']).to_string())
        })
    }

    /// The media type, lower-case, without parameters.
    pub(super) fn media_type(&self) -> String {
        self.content_type
            .as_deref()
            .and_then(|c| c.split(';').next())
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }
}

/// True for arguments that name a URL rather than a file.
pub fn is_url(arg: &str) -> bool {
    let l = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Fetches every URL, [`PARALLEL`] at a time; results in the same order.
pub(super) fn fetch_all(
    urls: &[String],
    opts: &FetchOptions,
    progress: Option<Progress>,
) -> Vec<Result<Fetched, String>> {
    if urls.is_empty() {
        return Vec::new();
    }
    let agent = agent(opts);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Fetched, String>>>> =
        Mutex::new((0..urls.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..PARALLEL.min(urls.len()) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let r = fetch_one(&agent, url, opts);
                    if let Ok(mut all) = results.lock() {
                        all[i] = Some(r);
                    }
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if let Some(p) = progress {
                        p(n, urls.len());
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("not fetched".into())))
        .collect()
}

fn agent(opts: &FetchOptions) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(opts.timeout_secs.max(1))))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("crossread/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

fn fetch_one(agent: &ureq::Agent, url: &str, opts: &FetchOptions) -> Result<Fetched, String> {
    if opts.cache
        && let Some(hit) = cache_get(url)
    {
        return Ok(hit);
    }
    let fetched = get(agent, url, opts)?;
    if opts.cache {
        // A cache that cannot be written only costs a refetch next time.
        let _ = cache_put(url, &fetched);
    }
    Ok(fetched)
}

fn get(agent: &ureq::Agent, url: &str, opts: &FetchOptions) -> Result<Fetched, String> {
    let timeout = || format!("timed out after {} s", opts.timeout_secs.max(1));
    let mut resp = agent
        .get(url)
        .header(
            "Accept",
            "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,\
             application/feed+json,application/json;q=0.9,*/*;q=0.8",
        )
        .call()
        .map_err(|e| error_message(&e, &timeout))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(match status.canonical_reason() {
            Some(reason) => format!("{} {reason}", status.as_u16()),
            None => format!("HTTP status {}", status.as_u16()),
        });
    }
    let final_url = resp.get_uri().to_string();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let limit = opts.max_bytes;
    let too_big = || {
        format!(
            "response is larger than {}; not read (raise it with --max-file-size)",
            super::read::human_size(limit)
        )
    };
    if let Some(len) = resp
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        && len > limit
    {
        return Err(too_big());
    }
    // The limit is applied to the bytes on the wire by ureq and again to the
    // decoded bytes here: a small compressed body can decode to gigabytes.
    let reader = resp
        .body_mut()
        .with_config()
        .limit(limit.saturating_add(1))
        .reader();
    let mut bytes = Vec::new();
    match reader.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        Ok(_) => {}
        Err(e) => {
            let msg = e.to_string();
            return Err(if msg.contains("limit") {
                too_big()
            } else if e.kind() == std::io::ErrorKind::TimedOut || msg.contains("timeout") {
                timeout()
            } else {
                format!("reading the response failed: {msg}")
            });
        }
    }
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(Fetched {
        bytes,
        final_url,
        content_type,
    })
}

fn error_message(e: &ureq::Error, timeout: &dyn Fn() -> String) -> String {
    match e {
        ureq::Error::Timeout(_) => timeout(),
        ureq::Error::TooManyRedirects => {
            format!("too many redirects (more than {MAX_REDIRECTS}; a redirect loop?)")
        }
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        ureq::Error::BadUri(u) => format!("not a valid URL: {u}"),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => timeout(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        other => other.to_string(),
    }
}

/// `<user cache dir>/crossread/http` (`$XDG_CACHE_HOME` or `~/.cache` on Linux).
pub(super) fn cache_dir() -> Option<PathBuf> {
    Some(dirs::cache_dir()?.join("crossread").join("http"))
}

/// FNV-1a: a stable file name for a URL (std's hasher may change between
/// Rust releases; the cache must not).
fn url_key(url: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in url.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Cache entry: one JSON header line (url, final_url, content_type), then the body.
fn cache_get(url: &str) -> Option<Fetched> {
    let path = cache_dir()?.join(url_key(url));
    let data = fs::read(path).ok()?;
    let nl = data.iter().position(|&b| b == b'\n')?;
    let header: serde_json::Value = serde_json::from_slice(&data[..nl]).ok()?;
    // A hash collision reads as a miss.
    if header.get("url")?.as_str()? != url {
        return None;
    }
    Some(Fetched {
        bytes: data[nl + 1..].to_vec(),
        final_url: header.get("final_url")?.as_str()?.to_string(),
        content_type: header
            .get("content_type")
            .and_then(|c| c.as_str())
            .map(str::to_string),
    })
}

fn cache_put(url: &str, f: &Fetched) -> std::io::Result<()> {
    let Some(dir) = cache_dir() else {
        return Ok(());
    };
    fs::create_dir_all(&dir)?;
    let header = serde_json::json!({
        "url": url, "final_url": f.final_url, "content_type": f.content_type,
    });
    // Written whole to a temporary name, then renamed: a reader never sees half.
    let tmp = dir.join(format!("{}.{}.tmp", url_key(url), std::process::id()));
    let mut file = fs::File::create(&tmp)?;
    file.write_all(header.to_string().as_bytes())?;
    file.write_all(b"\n")?;
    file.write_all(&f.bytes)?;
    drop(file);
    fs::rename(&tmp, dir.join(url_key(url)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://example.com/a"));
        assert!(is_url("HTTP://example.com"));
        assert!(!is_url("http.txt"));
        assert!(!is_url("./https://x"));
        assert!(!is_url("-"));
    }

    #[test]
    fn charset_and_media_type_from_content_type() {
        let f = Fetched {
            content_type: Some("Text/HTML; Charset=\"ISO-8859-1\"".into()),
            ..Fetched::default()
        };
        assert_eq!(f.charset().as_deref(), Some("ISO-8859-1"));
        assert_eq!(f.media_type(), "text/html");
        assert_eq!(Fetched::default().charset(), None);
    }

    #[test]
    fn cache_keys_are_stable() {
        assert_eq!(url_key(""), "cbf29ce484222325");
        assert_ne!(url_key("https://a/1"), url_key("https://a/2"));
    }
}
