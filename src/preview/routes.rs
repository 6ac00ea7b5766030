//! Routes of the preview: which file a request path names (confined to the site), which
//! hosts may ask (no page on the internet reaches the preview through DNS rebinding), and
//! content types.

/// Where a request path points in the site, or why it is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    File(String),
    Forbidden,
}

/// Decodes and confines a request path: no `..`, `.`, encoded slashes, backslashes, NUL or
/// invalid UTF-8. The site lives in memory, so nothing outside it can be reached anyway;
/// refusing early keeps the answer the same as production's.
pub fn route(url: &str) -> Route {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Route::Forbidden;
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
        || path.contains('\\')
    {
        return Route::Forbidden;
    }
    let Some(decoded) = percent_decode(path) else {
        return Route::Forbidden;
    };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Route::Forbidden;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Route::Forbidden,
            s if s.contains(':') => return Route::Forbidden,
            s => parts.push(s),
        }
    }
    let mut file = parts.join("/");
    if decoded.ends_with('/') || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Route::File(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a file by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// May a request with this `Host` header be answered? IP addresses (no DNS rebinding can
/// make a browser send those for another site), `localhost` and its subdomains, and the host
/// the preview was started with (`--host`).
pub fn allowed_host(host_header: &str, bound: &str) -> bool {
    let host = host_name(host_header);
    host.parse::<std::net::IpAddr>().is_ok()
        || host == "localhost"
        || host.ends_with(".localhost")
        || host.eq_ignore_ascii_case(bound)
}

/// The name in a `Host` header, without port and brackets: `[::1]:3000` -> `::1`.
fn host_name(header: &str) -> String {
    let header = header.trim();
    let name = if let Some(rest) = header.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        header.rsplit_once(':').map_or(header, |(h, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                h
            } else {
                header
            }
        })
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_confined() {
        assert_eq!(route("/"), Route::File("index.html".into()));
        assert_eq!(
            route("/einleitung/"),
            Route::File("einleitung/index.html".into())
        );
        assert_eq!(
            route("/assets/a.css?v=1"),
            Route::File("assets/a.css".into())
        );
        assert_eq!(route("/%C3%BCber/"), Route::File("über/index.html".into()));
        assert_eq!(route("//etc/passwd"), Route::File("etc/passwd".into()));
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/a%2f..%2fb",
            "/a%5cb",
            "/a\\..\\b",
            "/a%00b",
            "/%ff",
            "/C:/windows",
            "relative",
            "/./x",
        ] {
            assert_eq!(route(bad), Route::Forbidden, "{bad}");
        }
    }

    #[test]
    fn only_this_computer_may_ask() {
        for ok in [
            "127.0.0.1:3000",
            "localhost:3000",
            "[::1]:3000",
            "LOCALHOST",
            "a.localhost:1",
            "192.168.1.5:3000",
        ] {
            assert!(allowed_host(ok, "127.0.0.1"), "{ok}");
        }
        for bad in [
            "evil.example:3000",
            "localhost.evil.example",
            "",
            "127.0.0.1.nip.io:3000",
        ] {
            assert!(!allowed_host(bad, "127.0.0.1"), "{bad}");
        }
        assert!(allowed_host("mein-rechner:3000", "mein-rechner"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("assets/x.1.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("x.unknown"), "application/octet-stream");
    }
}
