//! `cargo run -p generator-bench --bin synth -- N DIR`: writes a synthetic
//! spec of N endpoints, models and enums to `DIR/synth/`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: synth N DIR");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(dir).join("synth");
    std::fs::create_dir_all(&dir).expect("create the spec folder");
    generator_bench::synth::write(&dir, "synth", n).expect("write the spec");
    println!("wrote a spec of {n} endpoints to {}", dir.display());
}
