//! `cargo xtask <command>`: project automation, so a fresh machine needs only
//! Rust, Node, npm and apt. Each command installs what is missing first.

mod bench;
mod dist;
mod setup;
mod shell;
mod test;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  setup   install what is missing to build and test (idempotent)
  serve   set up, then build and serve the playground on http://127.0.0.1:8080/
  test    set up, then run every test: native, wasm in Chromium, and end to end
  dist    set up, then write dist/: the static folder (offline-ready) and the one-file build
  bench   engine benchmark, release sizes and what makes them up, load phases,
          beside Swagger UI, action times, a long soak; `bench size load` runs
          only those parts (engine, size, load, swagger, actions, soak)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(setup::Needs::Everything),
        Some("serve") => serve(),
        Some("test") => test::run(),
        Some("dist") => setup::run(setup::Needs::Build).and_then(|_| dist::run()),
        Some("bench") => bench::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve() -> Result<(), String> {
    setup::run(setup::Needs::Build)?;
    shell::step("Serving the playground on http://127.0.0.1:8080/ (Ctrl+C to stop)");
    shell::run(shell::cmd("trunk").args(["serve", "--release", "--offline", "--address", "127.0.0.1", "--port", "8080"]))
}
