//! Generator speed and memory: `cargo build --release -p generator -p
//! generator-bench && target/release/bench_generate [--n 100,1000,4000]
//! [--runs 5] [--before DIR]`.
//!
//! Writes a synthetic spec of each size, then measures, one process per
//! sample (so each peak is its own), `--runs` times:
//!
//! - checked-in mode: the CLI, `generator --root R generate` (what a team
//!   runs to regenerate its checked-in crate);
//! - build-time mode: `gen_child build-time`, that is `generate_into` in a
//!   program with the system allocator (what a `build.rs` runs).
//!
//! `--before DIR` names a folder holding a `generator` and a `gen_child`
//! built from an older commit; its runs are interleaved with this one's.
//! Prints the medians as a Markdown table, then this generator's phases
//! (one thread, system allocator) and the fitted growth exponents. Peak
//! memory comes from GNU `/usr/bin/time` (0 when it is missing).

use std::path::{Path, PathBuf};
use std::process::Command;

use generator_bench::measure::median;

struct Args {
    sizes: Vec<usize>,
    runs: usize,
    /// The folder of the older `generator` and `gen_child`.
    before: Option<PathBuf>,
}

fn args() -> Args {
    let mut out = Args {
        sizes: vec![100, 1000, 4000],
        runs: 5,
        before: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--n" => {
                out.sizes = value
                    .split(',')
                    .map(|n| n.parse().expect("a size"))
                    .collect()
            }
            "--runs" => out.runs = value.parse().expect("a count"),
            "--before" => out.before = Some(value.into()),
            other => panic!("unknown option {other}"),
        }
    }
    out
}

fn main() {
    let args = args();
    let here = std::env::current_exe().expect("own path");
    let after = here.parent().expect("a folder").to_path_buf();
    let tmp = std::env::temp_dir().join(format!("bench_generate_{}", std::process::id()));
    let runners: Vec<(&str, &Path)> = args
        .before
        .as_deref()
        .map(|b| ("before", b))
        .into_iter()
        .chain([("after", after.as_path())])
        .collect();
    println!("| N | mode | runner | wall ms (median) | peak MiB (median) |");
    println!("|---|---|---|---|---|");
    let mut fit = Vec::new();
    for &n in &args.sizes {
        let spec = tmp.join(format!("spec{n}"));
        std::fs::create_dir_all(spec.join("synth")).expect("spec folder");
        generator_bench::synth::write(&spec.join("synth"), "synth", n).expect("write the spec");
        for mode in ["checked-in", "build-time"] {
            let mut samples: Vec<Vec<Vec<f64>>> = vec![Vec::new(); runners.len()];
            for _ in 0..args.runs {
                for (i, (_, bin)) in runners.iter().enumerate() {
                    samples[i].push(sample(bin, mode, &spec, &tmp));
                }
            }
            for (i, (name, _)) in runners.iter().enumerate() {
                let wall = median_of(&samples[i], 0);
                let peak = median_of(&samples[i], 1) / 1024.0;
                println!("| {n} | {mode} | {name} | {wall:.0} | {peak:.0} |");
            }
        }
        let phases: Vec<Vec<f64>> = (0..args.runs)
            .map(|_| sample(&after, "phases", &spec, &tmp))
            .collect();
        fit.push((n, phases));
    }
    phase_table(&fit);
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The phases per size, and how each grows with N.
fn phase_table(fit: &[(usize, Vec<Vec<f64>>)]) {
    println!(
        "\nPhases of this generator (checked-in files, one thread, system allocator), median ms:\n"
    );
    println!("| N | load | validate | emit | format | write |");
    println!("|---|---|---|---|---|---|");
    for (n, phases) in fit {
        let p: Vec<String> = (2..7)
            .map(|c| format!("{:.0}", median_of(phases, c)))
            .collect();
        println!("| {n} | {} |", p.join(" | "));
    }
    if let (Some((n0, p0)), Some((n1, p1))) = (fit.first(), fit.last()) {
        if n0 == n1 {
            return;
        }
        let exponent =
            |c: usize| (median_of(p1, c) / median_of(p0, c)).ln() / (*n1 as f64 / *n0 as f64).ln();
        println!(
            "\nGrowth exponent over N = {n0}..{n1} (time ~ N^k): total {:.2}, load {:.2}, validate {:.2}, emit {:.2}, format {:.2}",
            exponent(0),
            exponent(2),
            exponent(3),
            exponent(4),
            exponent(5)
        );
    }
}

/// One sample of a mode: wall milliseconds and peak KiB (then, for
/// `phases`, the phases' milliseconds), run by `bin` (a folder with
/// `generator` and `gen_child`) on the spec root `spec`.
fn sample(bin: &Path, mode: &str, spec: &Path, tmp: &Path) -> Vec<f64> {
    let root = tmp.join("root");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("generated")).expect("create the output folder");
    let mut cmd = timed_command();
    if mode == "checked-in" {
        // The CLI reads `<root>/spec` and writes `<root>/generated`.
        copy_dir(spec, &root.join("spec"));
        cmd.arg(bin.join("generator"))
            .arg("--root")
            .arg(&root)
            .arg("generate");
    } else {
        cmd.arg(bin.join("gen_child"))
            .arg(mode)
            .arg(spec)
            .arg(root.join("generated"));
    }
    let started = std::time::Instant::now();
    let out = cmd.output().expect("run the generator");
    let wall = started.elapsed().as_secs_f64() * 1000.0;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?}: {stderr}");
    let peak = stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0.0);
    let mut row = vec![wall, peak];
    if mode == "phases" {
        // `gen_child phases` prints its wall, peak and the phases.
        let own: Vec<f64> = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .map(|v| v.parse().expect("a number"))
            .collect();
        row.extend(&own[2..]);
    }
    row
}

/// `/usr/bin/time -f %M` (peak KiB on the last line of stderr) when present.
fn timed_command() -> Command {
    let time = Path::new("/usr/bin/time");
    if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%M"]);
        c
    } else {
        Command::new("env")
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

/// The median of column `c` of the samples.
fn median_of(samples: &[Vec<f64>], c: usize) -> f64 {
    // Milliseconds to microseconds, so the median of integers applies.
    let v: Vec<u64> = samples.iter().map(|s| (s[c] * 1000.0) as u64).collect();
    median(&v) as f64 / 1000.0
}
