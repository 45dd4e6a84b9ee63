#![allow(clippy::print_stderr)] // a developer's tool: it says what it wrote
//! Writes the synthetic benchmark catalogue: `cargo run --release --example
//! catalogue -- SIZE DIR [SEED]`. Used by `bench/run`.

#[path = "../bench/generator.rs"]
mod generator;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let size: usize = args
        .next()
        .ok_or("usage: catalogue SIZE DIR [SEED]")?
        .parse()?;
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: catalogue SIZE DIR [SEED]")?);
    let seed: u64 = args.next().map_or(Ok(2026), |s| s.parse())?;
    let written = generator::write(&dir, seed, size)?;
    eprintln!("{} documents written to {}", written.len(), dir.display());
    Ok(())
}
