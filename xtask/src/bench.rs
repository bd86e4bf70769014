//! `cargo xtask bench`: the engine's flow benchmark, the release build's sizes
//! (raw and gzip), the engine's own wasm size, page load time in Chromium, and
//! a soak of 5 000 exchanges (saved size, JS heap, time per exchange).

use std::path::Path;

use crate::setup;
use crate::shell::{self, cmd, note, step};

pub fn run() -> Result<(), String> {
    setup::run(setup::Needs::Everything)?;

    step("Engine benchmark (native, release)");
    shell::run(cmd("cargo").args(["bench", "-p", "academy-engine", "--bench", "flow"]))?;

    step("Release build sizes");
    crate::dist::run()?;
    report_sizes(&shell::root().join("dist"))?;

    step("The engine's own wasm size (academy-engine alone, same profile, wasm-opt -Oz)");
    engine_probe()?;

    step("Navigation to the first interactive pane in headless Chromium");
    shell::run(cmd("node").args(["bench-load.mjs", "../dist"]).current_dir(shell::root().join("e2e")))?;

    step("A long class: 5 000 exchanges of mixed size through the console API");
    shell::run(cmd("node").args(["bench-soak.mjs", "../dist", "5000"]).current_dir(shell::root().join("e2e")))
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
