//! Writes N made-up sessions (default 15,000, ending today) as JSON Lines
//! to standard output, for `limber log import` in benchmarks:
//! `cargo run --release --example sample_log -- 15000 > sessions.jsonl`.

use std::io::Write;

use limber::store::history::{jsonl, sample};

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(15_000);
    let today = chrono::Local::now().date_naive();
    let lines = sample::years(n, today, 7);
    let mut out = std::io::stdout().lock();
    jsonl::write(&lines, &mut out).expect("write");
    out.flush().expect("flush");
}
