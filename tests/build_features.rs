//! The README's test command (`cargo test --release`) runs right after its render command
//! (`cargo run --release`). Cargo unifies features per build: a dev-dependency that turns on
//! a feature of a crate the library also uses makes every crate above it build a second time
//! (bitflags' "std", through insta's tempfile, cost two minutes). Every crate of the normal
//! build must have the same features when the dev-dependencies join it.

use std::collections::BTreeMap;
use std::process::Command;

/// Package → features, from `cargo tree` over the given edge kinds.
fn features(edges: &str) -> BTreeMap<String, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(crate::common::root())
        .args([
            "tree",
            "--offline",
            "--locked",
            "--prefix",
            "none",
            "-e",
            edges,
        ])
        .args(["-f", "{p}|{f}"])
        .output()
        .expect("cargo tree could not be run");
    assert!(
        out.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            let (package, features) = line.trim_end_matches(" (*)").split_once('|')?;
            Some((package.to_string(), features.to_string()))
        })
        .collect()
}

#[test]
fn dev_dependencies_change_no_feature_of_the_normal_build() {
    let normal = features("normal,build");
    let with_dev = features("normal,build,dev");
    assert!(
        normal.len() > 50,
        "cargo tree listed {} packages",
        normal.len()
    );
    let changed: Vec<String> = normal
        .iter()
        .filter(|(package, feats)| with_dev.get(*package) != Some(*feats))
        .map(|(package, feats)| {
            format!(
                "{package}: [{feats}] → [{}]",
                with_dev.get(package).map_or("?", |f| f)
            )
        })
        .collect();
    assert!(
        changed.is_empty(),
        "the tests would rebuild these crates (pin the feature in [dependencies]):\n{}",
        changed.join("\n")
    );
}
