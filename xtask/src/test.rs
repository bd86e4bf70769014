//! `cargo xtask test`: native tests, wasm tests in Chromium, then the release
//! build end to end in Chromium. Every stage runs; the summary line counts all.

use crate::setup::{self, CHROMEDRIVER, CHROMIUM};
use crate::shell::{self, cmd, step};

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    skipped: u64,
    broken: Vec<String>,
}

impl Tally {
    /// cargo's `test result: ok. 12 passed; 0 failed; 1 ignored; ...`
    fn cargo_line(&mut self, line: &str) {
        if let Some(rest) = line.trim().strip_prefix("test result: ") {
            for part in rest.split(';') {
                let words: Vec<&str> = part.split_whitespace().collect();
                let n = |i: usize| words.get(i).and_then(|w| w.parse::<u64>().ok()).unwrap_or(0);
                match words.as_slice() {
                    [_, _, "passed", ..] => self.passed += n(1),
                    [_, "failed", ..] => self.failed += n(0),
                    [_, "ignored", ..] => self.skipped += n(0),
                    _ => {}
                }
            }
        }
    }

    /// Playwright's closing `  12 passed (30.1s)`, `  1 failed`, `  2 skipped`.
    fn playwright_line(&mut self, line: &str) {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let [count, kind, ..] = words.as_slice() {
            if let Ok(n) = count.parse::<u64>() {
                match *kind {
                    "passed" | "flaky" => self.passed += n,
                    "failed" => self.failed += n,
                    "skipped" | "did" => self.skipped += n,
                    _ => {}
                }
            }
        }
    }

    fn stage(&mut self, name: &str, result: Result<(), String>) {
        if let Err(e) = result {
            eprintln!("    {name} failed: {e}");
            self.broken.push(name.to_string());
        }
    }
}

pub fn run() -> Result<(), String> {
    setup::run(setup::Needs::Everything)?;
    let mut tally = Tally::default();

    step("Native tests: the engine and the app's logic (cargo test --workspace)");
    let result = shell::run_watching(cmd("cargo").args(["test", "--workspace"]), |l| tally.cargo_line(l));
    tally.stage("native tests", result);

    step("Wasm tests in headless Chromium (wasm-bindgen-test)");
    let result = shell::run_watching(
        cmd("cargo")
            .args(["test", "--target", "wasm32-unknown-unknown", "-p", "academy-playground"])
            .env("CHROMEDRIVER", CHROMEDRIVER),
        |l| tally.cargo_line(l),
    );
    tally.stage("wasm tests", result);

    let built = crate::dist::run();
    let built_ok = built.is_ok();
    tally.stage("release build", built);

    if built_ok {
        step("End-to-end tests in Chromium (Playwright)");
        let result = shell::run_watching(
            cmd("npx").args(["playwright", "test"]).current_dir(shell::root().join("e2e")).env("CHROMIUM", CHROMIUM),
            |l| tally.playwright_line(l),
        );
        tally.stage("end-to-end tests", result);
    }

    println!("\n{} passed, {} failed, {} skipped", tally.passed, tally.failed, tally.skipped);
    if tally.broken.is_empty() {
        Ok(())
    } else {
        Err(format!("failing: {}", tally.broken.join(", ")))
    }
}
