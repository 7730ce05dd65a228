//! One generation run, measured in its own process (spawned by
//! `bench_generate`): `gen_child MODE SPEC_ROOT OUT_DIR` prints
//! `wall_ms peak_kib` and, in `phases` mode, the milliseconds of each
//! phase (load validate emit format write, emit and format summed over
//! threads).
//!
//! Modes: `checked-in` (the checked-in crate: files layout, pretty-printed,
//! crate files), `build-time` (`generate_into`: what a `build.rs` writes),
//! `phases` (`checked-in` on one thread, timed per phase), and `crate`,
//! which takes a fourth argument, the runtime crate's folder, and writes a
//! crate that depends on it (for `bench_compile`).

use std::path::Path;
use std::time::Instant;

use generator_bench::measure::peak_rss_kib;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, spec, out) = match &args[..] {
        [mode, spec, out] | [mode, spec, out, _] => (mode, spec, out),
        _ => {
            eprintln!(
                "usage: gen_child checked-in|build-time|phases|crate SPEC_ROOT OUT_DIR [RUNTIME_DIR]"
            );
            std::process::exit(2);
        }
    };
    let (spec, out) = (Path::new(spec), Path::new(out));
    let source = generator::SpecSource {
        root: spec.to_path_buf(),
        seeds: None,
    };
    let started = Instant::now();
    let phases = match mode.as_str() {
        "checked-in" => {
            generator::generate(&source, out).unwrap_or_else(|e| panic!("{e}"));
            None
        }
        "build-time" => {
            generator::generate_into(spec, out).unwrap_or_else(|e| panic!("{e}"));
            None
        }
        "phases" => Some(phases(&source, out)),
        "crate" => {
            let runtime = args.get(3).expect("crate mode needs the runtime folder");
            write_crate(&source, out, runtime);
            None
        }
        other => panic!("unknown mode `{other}`"),
    };
    let wall = started.elapsed();
    let peak = peak_rss_kib().unwrap_or(0);
    print!("{:.1} {peak}", wall.as_secs_f64() * 1000.0);
    if let Some(p) = phases {
        for ms in p {
            print!(" {ms:.1}");
        }
    }
    println!();
}

/// The milliseconds of load, validate, emit, format and write.
#[cfg(feature = "phases")]
fn phases(source: &generator::SpecSource, out: &Path) -> [f64; 5] {
    let options = generator::EmitOptions {
        threads: 1,
        ..generator::EmitOptions::default()
    };
    let mut t = generator::PhaseTimes::default();
    generator::generate_timed(source, out, &options, &mut t).unwrap_or_else(|e| panic!("{e}"));
    [t.load, t.validate, t.emit, t.format, t.write].map(|d| d.as_secs_f64() * 1000.0)
}

/// Built without `phases` (against a generator that predates
/// `generate_timed`, for the "before" column): no breakdown.
#[cfg(not(feature = "phases"))]
fn phases(_: &generator::SpecSource, _: &Path) -> [f64; 5] {
    panic!("built without the `phases` feature")
}

/// The checked-in crate, depending on the runtime crate at `runtime`.
fn write_crate(source: &generator::SpecSource, out: &Path, runtime: &str) {
    let options = generator::EmitOptions {
        runtime_dependency: format!("{{ path = {runtime:?} }}"),
        ..generator::EmitOptions::default()
    };
    let files = generator::generate_files(source, &options).unwrap_or_else(|e| panic!("{e}"));
    for f in files {
        let path = out.join(&f.path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create folder");
        std::fs::write(path, f.contents).expect("write");
    }
}
