//! Running tools with the project's PATH (npm's `.bin` and cargo's bin first).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    // `cargo run` gives the manifest's folder of this checkout; the one
    // compiled in may be another checkout's that shared the target folder.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

pub fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo"));
    home.join("bin")
}

/// PATH with the project's npm tools (wasm-opt for Trunk) and cargo's bin first.
pub fn path_env() -> std::ffi::OsString {
    let mut paths = vec![root().join("node_modules/.bin"), cargo_bin()];
    if let Some(existing) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(paths).unwrap_or_default()
}

/// A command run from the repository root with the project's PATH.
pub fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", path_env());
    c
}

pub fn step(what: &str) {
    println!("\n==> {what}");
}

pub fn note(what: &str) {
    println!("    {what}");
}

fn describe(c: &Command) -> String {
    let args: Vec<String> = c.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
    format!("{} {}", c.get_program().to_string_lossy(), args.join(" "))
}

/// Runs to completion; a non-zero exit is an error naming the command.
pub fn run(c: &mut Command) -> Result<(), String> {
    let status = c.status().map_err(|e| format!("could not start `{}`: {e}", describe(c)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(c)))
    }
}

/// Runs, echoing stdout line by line and handing each line to `seen`.
pub fn run_watching(c: &mut Command, mut seen: impl FnMut(&str)) -> Result<(), String> {
    let mut child = c
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{}`: {e}", describe(c)))?;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            seen(&line);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(c)))
    }
}

/// Stdout of a command, if it ran and succeeded.
pub fn output(c: &mut Command) -> Option<String> {
    let out = c.stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether a program can be started at all.
pub fn exists(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .env("PATH", path_env())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}
