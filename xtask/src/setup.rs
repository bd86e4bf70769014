//! Installs whatever is missing, and nothing else: a second run only checks.
//! Versions are the ones verified to work on these machines.

use crate::shell::{self, cmd, note, output, step};

pub const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the `wasm-bindgen` crate pin in Cargo.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The size profiler `cargo xtask bench` reads the wasm with.
pub const TWIGGY_VERSION: &str = "0.8.0";

/// Each level needs everything the one before it needs.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Needs {
    /// What building and serving the page needs.
    Build,
    /// Also what the tests need: Chromium, ChromeDriver, Playwright.
    Everything,
    /// Also what the benchmarks need: twiggy for the size profile.
    Bench,
}

pub fn run(needs: Needs) -> Result<(), String> {
    step("Checking the toolchain (installing only what is missing)");
    require("cargo", "Install Rust with rustup: https://rustup.rs")?;
    require("npm", "Install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm)")?;
    wasm_target()?;
    cargo_tool("wasm-bindgen", "wasm-bindgen-cli", WASM_BINDGEN_VERSION, false)?;
    cargo_tool("trunk", "trunk", TRUNK_VERSION, true)?;
    npm_packages()?;
    if needs >= Needs::Everything {
        chromium()?;
    }
    if needs >= Needs::Bench {
        cargo_tool("twiggy", "twiggy", TWIGGY_VERSION, true)?;
    }
    note("toolchain ready");
    Ok(())
}

fn require(program: &str, how: &str) -> Result<(), String> {
    if shell::exists(program) {
        Ok(())
    } else {
        Err(format!("`{program}` is missing and cannot be installed from here. {how}"))
    }
}

fn wasm_target() -> Result<(), String> {
    let installed = output(cmd("rustup").args(["target", "list", "--installed"]))
        .ok_or("`rustup` is missing: install Rust with rustup (https://rustup.rs) to add the wasm32 target")?;
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        note("wasm32-unknown-unknown target: present");
        return Ok(());
    }
    note("adding the wasm32-unknown-unknown target");
    shell::run(cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// A binary from crates.io at an exact version (`--version` must print it).
fn cargo_tool(program: &str, krate: &str, version: &str, locked: bool) -> Result<(), String> {
    let current = output(cmd(program).arg("--version")).unwrap_or_default();
    if current.split_whitespace().any(|w| w == version) {
        note(&format!("{program} {version}: present"));
        return Ok(());
    }
    let why = if current.is_empty() { "missing".to_string() } else { format!("found `{}`", current.trim()) };
    note(&format!("installing {krate} {version} ({why}); this compiles from source and takes minutes"));
    let install = |locked: bool| {
        let mut c = cmd("cargo");
        c.args(["install", krate, "--version", version]);
        if locked {
            c.arg("--locked");
        }
        shell::run(&mut c)
    };
    if !locked {
        return install(false);
    }
    if install(true).is_ok() {
        return Ok(());
    }
    // A crate's lock file can name a dependency version the registry no longer has.
    note(&format!("installing {krate} {version} with its own lock file failed; trying again without it"));
    install(false)
}

/// The npm packages in package.json at their pinned versions.
fn npm_packages() -> Result<(), String> {
    let manifest = std::fs::read_to_string(shell::root().join("package.json")).map_err(|e| format!("package.json: {e}"))?;
    let manifest: serde_json::Value = serde_json::from_str(&manifest).map_err(|e| format!("package.json: {e}"))?;
    let wanted = manifest["devDependencies"].as_object().cloned().unwrap_or_default();
    let missing: Vec<String> = wanted
        .iter()
        .filter(|(name, version)| installed_npm_version(name).as_deref() != version.as_str())
        .map(|(name, version)| format!("{name}@{}", version.as_str().unwrap_or("?")))
        .collect();
    if missing.is_empty() {
        note("npm packages (wasm-opt, Playwright, axe-core, Swagger UI, HAR and OpenAPI validators): present");
        return Ok(());
    }
    note(&format!("installing npm packages: {}", missing.join(", ")));
    shell::run(cmd("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn installed_npm_version(name: &str) -> Option<String> {
    let file = shell::root().join("node_modules").join(name).join("package.json");
    let text = std::fs::read_to_string(file).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["version"].as_str().map(str::to_string)
}

/// Debian's Chromium and ChromeDriver (Playwright must not download its own).
fn chromium() -> Result<(), String> {
    let present = |p: &str| std::path::Path::new(p).exists();
    if present(CHROMIUM) && present(CHROMEDRIVER) {
        note("chromium and chromedriver: present");
        return Ok(());
    }
    if !shell::exists("apt-get") {
        return Err(format!(
            "Chromium is missing ({CHROMIUM}, {CHROMEDRIVER}) and apt-get is not here: install Debian's chromium and chromium-driver packages"
        ));
    }
    let root = output(cmd("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let sudo = |args: &[&str]| {
        let mut c = if root { cmd(args[0]) } else { cmd("sudo") };
        c.args(if root { &args[1..] } else { args });
        c
    };
    if !root && !shell::exists("sudo") {
        return Err("Chromium is missing: run `apt-get install chromium chromium-driver` as root".into());
    }
    note("installing chromium and chromium-driver with apt-get");
    shell::run(&mut sudo(&["apt-get", "update"]))?;
    shell::run(sudo(&["apt-get", "install", "-y", "chromium", "chromium-driver"]).env("DEBIAN_FRONTEND", "noninteractive"))
}
