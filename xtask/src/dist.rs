//! `cargo xtask dist`: the release build as a static folder with offline
//! support (service worker precaching every file, web app manifest), plus one
//! self-contained HTML file that runs from `file://`. Both carry a
//! Content-Security-Policy that allows only what each needs.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::shell::{self, cmd, note, step};

/// The one-file build's name, inside the dist folder.
pub const SINGLE_FILE: &str = "academy-oauth2-playground.html";
/// The OpenAPI description's name, inside the dist folder.
pub const OPENAPI_FILE: &str = "openapi.json";
const STATIC_FILES: [&str; 3] = ["manifest.webmanifest", "icon-192.png", "icon-512.png"];

pub fn run() -> Result<(), String> {
    let dist = shell::root().join("dist");
    step("Release build (trunk build --release)");
    shell::run(cmd("trunk").args(["build", "--release", "--offline"]))?;

    step("Offline support: manifest, icons, service worker");
    let index = read(&dist.join("index.html"))?;
    single_file(&dist, &index)?;
    for file in STATIC_FILES {
        std::fs::copy(shell::root().join("static").join(file), dist.join(file)).map_err(|e| format!("{file}: {e}"))?;
    }
    // The API's description beside the page, for Swagger UI or Postman (the page links it).
    write(&dist.join(OPENAPI_FILE), &academy_engine::openapi::openapi_text())?;
    let page = with_offline_support(&index);
    write(&dist.join("index.html"), &with_csp(&page, &folder_policy(&page)))?;
    // Last: its version covers every file as served, the page included.
    service_worker(&dist)?;
    note(&format!("static folder: {}", dist.display()));
    Ok(())
}

/// Links the manifest and registers the service worker (only over http(s):
/// a file opened from disk cannot have one). When a new deploy's worker takes
/// over a page that an older one served, the page hears `academy-update-ready`
/// (and finds `academyUpdateReady` set, if it starts later) and offers a reload.
fn with_offline_support(index: &str) -> String {
    let head = r#"<link rel="manifest" href="manifest.webmanifest">
<link rel="icon" href="icon-192.png">
<script>if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  const sw = navigator.serviceWorker, served = sw.controller != null;
  sw.addEventListener('controllerchange', () => { if (served) { self.academyUpdateReady = true; dispatchEvent(new Event('academy-update-ready')); } });
  addEventListener('load', () => sw.register('sw.js').then((r) => r.update()).catch(() => {}));
}</script>
</head>"#;
    index.replacen("</head>", head, 1)
}

/// Parts of the policy both builds share: nothing by default; lesson packs
/// (`?pack=<url>`) are fetched as JSON from https: or the page's own origin.
const POLICY_COMMON: &str = "default-src 'none'; connect-src 'self' https: http:; base-uri 'none'; form-action 'none'; object-src 'none'";

/// The folder build: its own files, the wasm compiled from them, the inline
/// scripts by hash, the inline icon, the manifest and the service worker.
fn folder_policy(html: &str) -> String {
    format!(
        "{POLICY_COMMON}; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; img-src 'self' data:; manifest-src 'self'; worker-src 'self'",
        inline_hashes(html, "script").join(" ")
    )
}

/// The one-file build fetches nothing: its scripts and styles by hash.
fn single_file_policy(html: &str) -> String {
    format!(
        "{POLICY_COMMON}; script-src 'wasm-unsafe-eval' {}; style-src {}; img-src data:",
        inline_hashes(html, "script").join(" "),
        inline_hashes(html, "style").join(" ")
    )
}

/// `'sha256-…'` of the text of every inline `<tag>` (a script with `src` has none).
fn inline_hashes(html: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(end_of_tag) = after.find('>') else { break };
        let Some(len) = after[end_of_tag + 1..].find(&close) else { break };
        let text = &after[end_of_tag + 1..end_of_tag + 1 + len];
        if !after[..end_of_tag].contains(" src=") {
            let digest = Sha256::digest(text.as_bytes());
            let hash = format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest));
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        rest = &after[end_of_tag + 1 + len + close.len()..];
    }
    hashes
}

/// The policy as the page's first element after its charset, so it covers everything.
fn with_csp(html: &str, policy: &str) -> String {
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">");
    match html.find("<meta charset=\"utf-8\">") {
        Some(at) => {
            let end = at + "<meta charset=\"utf-8\">".len();
            format!("{}\n  {meta}{}", &html[..end], &html[end..])
        }
        None => html.replacen("<head>", &format!("<head>\n  {meta}"), 1),
    }
}

/// Writes sw.js from the template with the list of every file the page loads
/// and a version that changes whenever any of them does.
fn service_worker(dist: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    collect(dist, dist, &mut files)?;
    files.retain(|f| f != "sw.js" && f != SINGLE_FILE);
    files.sort();
    let mut version: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a over names and contents
    for file in &files {
        for byte in file.bytes().chain(std::fs::read(dist.join(file)).unwrap_or_default()) {
            version = (version ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let mut urls: Vec<String> = vec!["./".into()];
    urls.extend(files.iter().map(|f| format!("./{f}")));
    let template = read(&shell::root().join("static/sw.js"))?;
    let list = serde_json::to_string(&urls).map_err(|e| e.to_string())?;
    let sw = template.replace("'__VERSION__'", &format!("'{version:016x}'")).replace("__FILES__", &list);
    write(&dist.join("sw.js"), &sw)?;
    note(&format!("sw.js precaches {} files (version {version:016x})", urls.len()));
    Ok(())
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Inlines the CSS, the JS glue and the wasm (base64) into one HTML file.
/// Trunk's loader imports the glue as a module file, which `file://` forbids,
/// so the glue becomes an inline module with its exports dropped.
fn single_file(dist: &Path, index: &str) -> Result<(), String> {
    step("One-file build (CSS, JS and wasm inlined)");
    let mut html = String::with_capacity(index.len());
    let mut rest = index;
    while let Some(start) = rest.find('<') {
        html.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with("<link") {
            let end = rest.find('>').ok_or("index.html: unclosed <link>")? + 1;
            let tag = &rest[..end];
            match attr(tag, "rel").as_deref() {
                Some("stylesheet") => {
                    let css = read(&asset(dist, tag, "href")?)?;
                    html.push_str(&format!("<style>{css}</style>"));
                }
                Some("modulepreload" | "preload") => {}
                _ => html.push_str(tag),
            }
            rest = &rest[end..];
        } else if rest.starts_with("<script type=\"module\"") {
            let end = rest.find("</script>").ok_or("index.html: unclosed <script>")? + "</script>".len();
            html.push_str(&inline_loader(dist, &rest[..end])?);
            rest = &rest[end..];
        } else {
            html.push('<');
            rest = &rest[1..];
        }
    }
    html.push_str(rest);
    let html = with_csp(&html, &single_file_policy(&html));
    let out = dist.join(SINGLE_FILE);
    write(&out, &html)?;
    note(&format!("{}: {:.1} KB", out.display(), html.len() as f64 / 1000.0));
    Ok(())
}

fn inline_loader(dist: &Path, script: &str) -> Result<String, String> {
    let js_name = between(script, "from '", "'").ok_or("index.html: no glue import in the loader")?;
    let wasm_name = between(script, "module_or_path: '", "'").ok_or("index.html: no wasm path in the loader")?;
    let glue = read(&local(dist, js_name))?;
    if glue.contains("from './snippets/") || glue.contains("from \"./snippets/") {
        return Err("the JS glue imports snippets, which the one-file build does not inline yet".into());
    }
    let glue: String = glue
        .lines()
        .filter(|l| !l.trim_start().starts_with("export {"))
        .map(|l| l.strip_prefix("export ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let wasm = std::fs::read(local(dist, wasm_name)).map_err(|e| format!("{wasm_name}: {e}"))?;
    let b64 = base64::engine::general_purpose::STANDARD.encode(wasm);
    Ok(format!(
        "<script type=\"module\">\n{glue}\nconst __academyWasm = Uint8Array.from(atob(\"{b64}\"), (c) => c.charCodeAt(0));\nawait __wbg_init({{ module_or_path: __academyWasm }});\n</script>"
    ))
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=");
    let at = tag.find(&key)? + key.len();
    let value = &tag[at..];
    let quote = value.chars().next()?;
    if quote == '"' || quote == '\'' {
        value[1..].split(quote).next().map(str::to_string)
    } else {
        value.split([' ', '>']).next().map(str::to_string)
    }
}

fn asset(dist: &Path, tag: &str, name: &str) -> Result<PathBuf, String> {
    let href = attr(tag, name).ok_or_else(|| format!("index.html: {tag} has no {name}"))?;
    Ok(local(dist, &href))
}

/// A file of the build named by a relative (`./x`) or root (`/x`) URL.
fn local(dist: &Path, url: &str) -> PathBuf {
    dist.join(url.trim_start_matches("./").trim_start_matches('/'))
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_and_styles_are_hashed_and_sourced_ones_are_not() {
        let html = "<head><meta charset=\"utf-8\"><script type=\"module\">a()</script><script src=\"x.js\"></script><style>p{}</style><script>a()</script></head>";
        // echo -n 'a()' | openssl dgst -sha256 -binary | base64
        assert_eq!(inline_hashes(html, "script"), ["'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"]);
        assert_eq!(inline_hashes(html, "style").len(), 1);
        let page = with_csp(html, "default-src 'none'");
        assert!(page.starts_with("<head><meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"));
        assert!(folder_policy(html).contains("'wasm-unsafe-eval'"));
        assert!(single_file_policy(html).contains("style-src 'sha256-"));
    }
}
