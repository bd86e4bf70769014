//! `cargo xtask bench`: the engine's flow benchmark, the release build's sizes
//! (raw and gzip) and what makes them up (by crate and function, with twiggy),
//! the engine's own wasm size, page load time in Chromium phase by phase and
//! beside Swagger UI showing the same API, the time of the main actions, and a
//! soak of 5 000 exchanges (saved size, JS heap, time per exchange).

use std::path::Path;

use crate::setup;
use crate::shell::{self, cmd, note, step};

/// The parts, in the order they run; `cargo xtask bench size load` runs only those.
pub const PARTS: [&str; 6] = ["engine", "size", "load", "swagger", "actions", "soak"];

pub fn run(only: &[String]) -> Result<(), String> {
    if let Some(unknown) = only.iter().find(|p| !PARTS.contains(&p.as_str())) {
        return Err(format!("no bench part `{unknown}`; the parts are {}", PARTS.join(", ")));
    }
    let part = |name: &str| only.is_empty() || only.iter().any(|p| p == name);
    setup::run(setup::Needs::Bench)?;

    if part("engine") {
        step("Engine benchmark (native, release)");
        shell::run(cmd("cargo").args(["bench", "-p", "academy-engine", "--bench", "flow"]))?;
    }
    if PARTS[1..].iter().any(|p| part(p)) {
        step("Release build sizes");
        crate::dist::run()?;
        report_sizes(&shell::root().join("dist"))?;
    }
    if part("size") {
        step("What the release wasm is made of (twiggy)");
        size_profile()?;
        step("The engine's own wasm size (academy-engine alone, same profile, wasm-opt -Oz)");
        engine_probe()?;
    }
    let e2e = shell::root().join("e2e");
    if part("load") {
        step("Navigation to the first interactive pane in headless Chromium, phase by phase");
        shell::run(cmd("node").args(["bench-load.mjs", "../dist"]).current_dir(&e2e))?;
    }
    if part("swagger") {
        step("Beside Swagger UI showing the same API (OpenAPI from the engine's catalogue)");
        let swagger = swagger_site()?;
        shell::run(cmd("node").args(["bench-swagger.mjs", "../dist"]).arg(&swagger).arg("7").current_dir(&e2e))?;
    }
    if part("actions") {
        step("The main actions: script, style and layout time, fresh and after 5 000 exchanges");
        shell::run(cmd("node").args(["bench-actions.mjs", "../dist", "7", "5000"]).current_dir(&e2e))?;
    }
    if part("soak") {
        step("A long class: 5 000 exchanges of mixed size through the console API");
        shell::run(cmd("node").args(["bench-soak.mjs", "../dist", "5000"]).current_dir(&e2e))?;
    }
    Ok(())
}

/// Swagger UI as its npm package ships it, pointed at the engine's OpenAPI
/// document, in a folder of its own under the target folder.
fn swagger_site() -> Result<std::path::PathBuf, String> {
    let from = shell::root().join("node_modules/swagger-ui-dist");
    let to = target_dir().join("swagger-ui");
    std::fs::create_dir_all(&to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(&from).map_err(|e| format!("{}: {e}", from.display()))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if [".html", ".css", ".js", ".png"].iter().any(|x| name.ends_with(x)) {
            std::fs::copy(entry.path(), to.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    let initializer = std::fs::read_to_string(to.join("swagger-initializer.js")).map_err(|e| format!("swagger-initializer.js: {e}"))?;
    let at = initializer.find("url: \"").ok_or("swagger-initializer.js: no url to point at the document")?;
    let end = initializer[at + 6..].find('"').ok_or("swagger-initializer.js: unclosed url")? + at + 6;
    let initializer = format!("{}url: \"./openapi.json\"{}", &initializer[..at], &initializer[end + 1..]);
    std::fs::write(to.join("swagger-initializer.js"), initializer).map_err(|e| e.to_string())?;
    std::fs::write(to.join("openapi.json"), academy_engine::openapi::openapi_text()).map_err(|e| e.to_string())?;
    note(&format!("Swagger UI {} with {} operations: {}", npm_version("swagger-ui-dist"), academy_engine::catalog::ENDPOINTS.len(), to.display()));
    Ok(to)
}

fn npm_version(name: &str) -> String {
    let file = shell::root().join("node_modules").join(name).join("package.json");
    let json: serde_json::Value = std::fs::read_to_string(file).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
    json["version"].as_str().unwrap_or("?").to_string()
}

/// Bytes of `data` after gzip -9 (the `gzip` command Debian always has).
fn gzip_len(path: &Path) -> Result<u64, String> {
    let out = cmd("gzip").args(["-9", "-c"]).arg(path).output().map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn report_sizes(dist: &Path) -> Result<(), String> {
    let mut files: Vec<_> = std::fs::read_dir(dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let (mut raw_total, mut gz_total) = (0, 0);
    let single = dist.join(crate::dist::SINGLE_FILE);
    files.retain(|f| *f != single);
    for file in &files {
        let raw = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        let gz = gzip_len(file)?;
        raw_total += raw;
        gz_total += gz;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        println!("    {name:<48} {:>10} raw {:>10} gzip", kb(raw), kb(gz));
    }
    println!("    {:<48} {:>10} raw {:>10} gzip", "everything the page loads", kb(raw_total), kb(gz_total));
    let raw = std::fs::metadata(&single).map(|m| m.len()).unwrap_or(0);
    println!("    {:<48} {:>10} raw {:>10} gzip", crate::dist::SINGLE_FILE, kb(raw), kb(gzip_len(&single)?));
    Ok(())
}

/// Builds a throwaway cdylib that runs a whole flow through the engine, so
/// the engine's code is kept, and reports its optimised wasm size.
fn engine_probe() -> Result<(), String> {
    let root = shell::root();
    let dir = root.join("target/engine-size-probe");
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"engine-size-probe\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[lib]\ncrate-type = [\"cdylib\"]\n\n\
         [dependencies]\nacademy-engine = {{ path = {:?} }}\n\n[profile.release]\nopt-level = \"z\"\nlto = true\ncodegen-units = 1\npanic = \"abort\"\n\n[workspace]\n",
        root.join("engine").display().to_string()
    );
    let probe = r#"use academy_engine::*;
#[no_mangle]
pub extern "C" fn probe(seed: u64, now: i64) -> u32 {
    let mut entropy = SeededEntropy::new(seed);
    let mut engine = Engine::default();
    let client = engine.register(Registration { email: "a@b.c".into(), first_name: "A".into(), last_name: "B".into(), redirect_uri: oauth::registration::MAKE_REDIRECT_URI.into() }, now, &mut entropy);
    let url = format!("/authorize?client_id={}&redirect_uri={}&scope=connect+read&response_type=code", client.client_id, client.registration.redirect_uri);
    let r = engine.handle(Request::new("GET", &url), Origin::Browser, now, &mut entropy);
    let snapshot = engine.snapshot();
    let restored = Engine::restore(&snapshot).map(|e| e.log().len()).unwrap_or(0);
    let text = r.to_http().len() + Request::new("GET", "/movies").to_curl().len();
    (r.status as usize + restored + text) as u32
}
"#;
    write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
    write_if_changed(&dir.join("src/lib.rs"), probe)?;
    shell::run(
        cmd("cargo")
            .args(["build", "--release", "--offline", "--target", "wasm32-unknown-unknown"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", root.join("target/engine-size-probe/target")),
    )?;
    let wasm = dir.join("target/wasm32-unknown-unknown/release/engine_size_probe.wasm");
    let opt = dir.join("probe.opt.wasm");
    shell::run(cmd("wasm-opt").args(["-Oz"]).arg(&wasm).arg("-o").arg(&opt))?;
    let raw = std::fs::metadata(&opt).map(|m| m.len()).unwrap_or(0);
    note(&format!("academy-engine in wasm: {} raw, {} gzip", kb(raw), kb(gzip_len(&opt)?)));
    Ok(())
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Cargo's target folder (`CARGO_TARGET_DIR` when set).
fn target_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| shell::root().join("target"))
}

/// The shipped wasm has no names (wasm-opt drops them), so the profile reads a
/// twin: rustc's output of the same release build through the same
/// wasm-bindgen and `wasm-opt -Oz`, with names kept (`-g`). Without its name
/// section it is the shipped file, give or take a few bytes.
fn size_profile() -> Result<(), String> {
    let target = target_dir();
    let out = target.join("size-profile");
    let input = target.join("wasm32-unknown-unknown/release/academy-playground.wasm");
    shell::run(
        cmd("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-name", "academy-playground", "--out-dir"])
            .arg(&out)
            .arg(&input),
    )?;
    let named = out.join("named.wasm");
    // The same passes as Trunk's: -Oz and index.html's data-wasm-opt-params.
    let index = std::fs::read_to_string(shell::root().join("index.html")).map_err(|e| format!("index.html: {e}"))?;
    let params = index.split("data-wasm-opt-params=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or("");
    shell::run(
        cmd("wasm-opt").args(["-Oz", "-g"]).args(params.split_whitespace()).arg(out.join("academy-playground_bg.wasm")).arg("-o").arg(&named),
    )?;
    let json = shell::output(cmd("twiggy").args(["top", "-f", "json"]).arg(&named)).ok_or("twiggy top failed")?;
    let items: serde_json::Value = serde_json::from_str(&json).map_err(|e| format!("twiggy's output: {e}"))?;
    let items: Vec<(String, u64)> = items
        .as_array()
        .map(|a| a.iter().map(|i| (i["name"].as_str().unwrap_or("").to_string(), i["shallow_size"].as_u64().unwrap_or(0))).collect())
        .unwrap_or_default();
    let names: u64 = items.iter().filter(|(n, _)| n.contains("\"function names\"") || n.starts_with("\"local names\"")).map(|i| i.1).sum();
    let shipped = std::fs::read_dir(shell::root().join("dist"))
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with("_bg.wasm"))
        .and_then(|e| e.metadata().ok())
        .map_or(0, |m| m.len());
    let total = std::fs::metadata(&named).map_or(0, |m| m.len());
    note(&format!(
        "profiled: {} (rustc's output of this release build through wasm-bindgen and wasm-opt -Oz {params} -g,",
        named.strip_prefix(&target).unwrap_or(&named).display()
    ));
    note(&format!(
        "  names kept): {} without its {} of names; the shipped wasm, the same without names, is {}",
        kb(total - names),
        kb(names),
        kb(shipped)
    ));
    let code: Vec<&(String, u64)> = items.iter().filter(|(n, _)| !n.starts_with('"') || n.starts_with("\"data")).collect();
    let mut by_crate: std::collections::BTreeMap<String, u64> = Default::default();
    for (name, size) in &code {
        *by_crate.entry(crate_of(name)).or_default() += size;
    }
    let sum: u64 = by_crate.values().sum();
    let mut crates: Vec<(String, u64)> = by_crate.into_iter().collect();
    crates.sort_by(|a, b| b.1.cmp(&a.1));
    let row = |name: &str, size: u64| note(&format!("  {name:<40} {:>9} {:>5.1} %", kb(size), 100.0 * size as f64 / sum.max(1) as f64));
    note("our crates (their own functions; generic code they instantiate counts where it is defined):");
    for (name, size) in crates.iter().filter(|(n, _)| n.starts_with("academy_")) {
        row(&name.replace('_', "-"), *size);
    }
    note("dependencies and the rest (top 12):");
    for (name, size) in crates.iter().filter(|(n, _)| !n.starts_with("academy_")).take(12) {
        row(name, *size);
    }
    let about = |test: &dyn Fn(&str) -> bool| code.iter().filter(|(n, _)| test(n)).map(|i| i.1).sum::<u64>();
    note("across crates:");
    row("serde (functions named for serde)", about(&|n| n.contains("serde")));
    row("  of which deserializing", about(&|n| n.contains("serde") && (n.contains("de::") || n.contains("Deserialize") || n.contains("Visitor"))));
    row("reading JSON into our types (academy-json)", about(&|n| n.contains("FromJson") || n.contains("academy_json")));
    row("formatting (core::fmt, Debug, Display)", about(&|n| n.contains("fmt::") || n.contains("Debug") || n.contains("Display")));
    note("largest functions and data:");
    let mut largest: Vec<&&(String, u64)> = code.iter().collect();
    largest.sort_by(|a, b| b.1.cmp(&a.1));
    for (name, size) in largest.into_iter().take(20) {
        let name = strip_hash(name);
        let name = if name.len() > 110 { format!("{}…", &name[..name.char_indices().nth(109).map_or(name.len(), |c| c.0)]) } else { name };
        note(&format!("  {:>9}  {name}", kb(*size)));
    }
    Ok(())
}

/// The crate a wasm item belongs to, from its demangled name: the first path
/// segment of the type or function; `<T as Trait>` belongs to the trait's crate.
fn crate_of(name: &str) -> String {
    if name.starts_with("\"data") || name.starts_with("data ") {
        return "(data: strings, tables, constants)".into();
    }
    if name.starts_with("import ") || name.starts_with("export ") || name.starts_with("elem[") || name.starts_with("type[") || name.starts_with("table[") {
        return "(wasm imports, exports, tables)".into();
    }
    if name.starts_with("__wbg") || name.starts_with("__wbindgen") || name.starts_with("__externref") {
        return "wasm_bindgen".into();
    }
    const PRIMITIVES: [&str; 12] = ["str", "char", "f64", "f32", "u8", "u16", "u32", "u64", "i32", "i64", "usize", "bool"];
    let mut rest = name;
    loop {
        rest = rest.trim_start_matches(['<', '&', '*', '(', '[', ' ']);
        for prefix in ["mut ", "const ", "dyn ", "impl "] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        let ident: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let after = &rest[ident.len()..];
        let after = if after.starts_with('[') { &after[after.find(']').map_or(0, |i| i + 1)..] } else { after };
        if !ident.is_empty() && ident != "T" && after.starts_with("::") {
            return ident;
        }
        if PRIMITIVES.contains(&ident.as_str()) {
            return "core".into();
        }
        match rest.find(" as ") {
            Some(at) => rest = &rest[at + 4..],
            None if ident.starts_with("__") => return "std".into(),
            None => return "(other)".into(),
        }
    }
}

/// `path::to::fn::h0123456789abcdef` without the hash.
fn strip_hash(name: &str) -> String {
    match name.rfind("::h") {
        Some(at) if name.len() - at == 19 && name[at + 3..].chars().all(|c| c.is_ascii_hexdigit()) => name[..at].to_string(),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{crate_of, strip_hash};

    #[test]
    fn items_belong_to_crates() {
        for (name, krate) in [
            ("academy_engine::store::Engine::handle::h218f2476158ecc59", "academy_engine"),
            ("<academy_engine::api::error::_::<impl serde_core::de::Deserialize for X>::deserialize::__Visitor as serde_core::de::Visitor>::visit_enum::h81", "academy_engine"),
            ("<T as tachys::view::any_view::IntoAny>::into_any::build::h0085cfcc43a4b199", "tachys"),
            ("core[c5930c85a12de822]::fmt::float::float_to_decimal_common_shortest::<f64>", "core"),
            ("<&mut serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::deserialize_any::h1", "serde_json"),
            ("<str>::to_lowercase", "core"),
            ("data segment \".rodata\"", "(data: strings, tables, constants)"),
            ("import wbg::__wbg_foo", "(wasm imports, exports, tables)"),
        ] {
            assert_eq!(crate_of(name), krate, "{name}");
        }
        assert_eq!(strip_hash("a::b::h218f2476158ecc59"), "a::b");
        assert_eq!(strip_hash("a::hello"), "a::hello");
    }
}
