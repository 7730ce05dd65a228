//! Compile time of generated code: `cargo run --release -p generator-bench
//! --bin bench_compile -- [--n 100,400] [--runs 5] [--before GEN_CHILD
//! --before-runtime DIR]`.
//!
//! For each size, generates the checked-in crate of the synthetic spec (with
//! this generator and runtime, and with the `--before` ones), builds its
//! dependencies once, then times `cargo check` and a debug `cargo build` of
//! the generated crate alone (its `lib.rs` touched, dependencies and runtime
//! prebuilt, incremental compilation off so each is a whole compile of the
//! crate, as after a regeneration), interleaving the runners, and prints
//! medians of wall time and of the peak memory of cargo and rustc (GNU
//! `/usr/bin/time`, when present).

use std::path::{Path, PathBuf};
use std::process::Command;

use generator_bench::measure::{median, run};

struct Runner {
    name: &'static str,
    gen_child: PathBuf,
    runtime: PathBuf,
}

fn main() {
    let mut sizes = vec![100usize, 400];
    let mut runs = 5;
    let (mut before, mut before_runtime) = (None, None);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--n" => {
                sizes = value
                    .split(',')
                    .map(|n| n.parse().expect("a size"))
                    .collect()
            }
            "--runs" => runs = value.parse().expect("a count"),
            "--before" => before = Some(PathBuf::from(value)),
            "--before-runtime" => before_runtime = Some(PathBuf::from(value)),
            other => panic!("unknown option {other}"),
        }
    }
    let here = std::env::current_exe().expect("own path");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut runners = Vec::new();
    if let (Some(gen_child), Some(runtime)) = (before, before_runtime) {
        runners.push(Runner {
            name: "before",
            gen_child,
            runtime,
        });
    }
    runners.push(Runner {
        name: "after",
        gen_child: here.with_file_name("gen_child"),
        runtime: root
            .join("generator/runtime")
            .canonicalize()
            .expect("runtime"),
    });
    let tmp = std::env::temp_dir().join(format!("bench_compile_{}", std::process::id()));
    println!("| N | command | runner | wall s (median) | peak MiB (median) | lines |");
    println!("|---|---|---|---|---|---|");
    for &n in &sizes {
        let spec = tmp.join(format!("spec{n}"));
        std::fs::create_dir_all(spec.join("synth")).expect("spec folder");
        generator_bench::synth::write(&spec.join("synth"), "synth", n).expect("write the spec");
        let crates: Vec<PathBuf> = runners.iter().map(|r| prepare(r, &spec, &tmp, n)).collect();
        for command in ["check", "build"] {
            let mut samples = vec![Vec::new(); runners.len()];
            for _ in 0..runs {
                for (i, dir) in crates.iter().enumerate() {
                    samples[i].push(timed(dir, command));
                }
            }
            for (i, r) in runners.iter().enumerate() {
                let wall = median(&samples[i].iter().map(|s| s.0).collect::<Vec<_>>());
                let peak = median(&samples[i].iter().map(|s| s.1).collect::<Vec<_>>());
                println!(
                    "| {n} | {command} | {} | {:.2} | {} | {} |",
                    r.name,
                    wall as f64 / 1000.0,
                    peak / 1024,
                    lines(&crates[i].join("src"))
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

/// Generates the crate with the runner's generator and builds its
/// dependencies (and itself) once.
fn prepare(r: &Runner, spec: &Path, tmp: &Path, n: usize) -> PathBuf {
    let dir = tmp.join(format!("{}{n}", r.name));
    std::fs::create_dir_all(&dir).expect("crate folder");
    let runtime = r.runtime.to_str().expect("a UTF-8 path");
    run(Command::new(&r.gen_child)
        .arg("crate")
        .arg(spec)
        .arg(&dir)
        .arg(runtime));
    // Its own workspace, whatever folder the temporary one is in.
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    std::fs::write(&manifest, format!("{text}\n[workspace]\n")).expect("manifest");
    for command in ["build", "check"] {
        run(Command::new("cargo")
            .arg(command)
            .arg("-q")
            .arg("--features=synth")
            .current_dir(&dir));
    }
    dir
}

/// Milliseconds and peak KiB of one `cargo <command>` of the crate alone.
fn timed(dir: &Path, command: &str) -> (u64, u64) {
    let lib = dir.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).expect("lib.rs");
    std::fs::write(&lib, text).expect("touch lib.rs");
    let time = Path::new("/usr/bin/time");
    let started = std::time::Instant::now();
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%M", "cargo"]);
        c
    } else {
        Command::new("cargo")
    };
    let out = cmd
        .arg(command)
        .arg("-q")
        .arg("--features=synth")
        .env("CARGO_INCREMENTAL", "0")
        .current_dir(dir)
        .output()
        .expect("run cargo");
    let wall = started.elapsed().as_millis() as u64;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let peak = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    (wall, peak)
}

/// Lines of the generated Rust.
fn lines(dir: &Path) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            n += lines(&path);
        } else if path.extension().is_some_and(|e| e == "rs") {
            n += std::fs::read_to_string(&path).map_or(0, |t| t.lines().count());
        }
    }
    n
}
