//! Ten years of use: reading and summarising 15,000 sessions, and drawing
//! the history screen from them.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use limber::core::progress::{progress, summarize};
use limber::i18n::Lang;
use limber::store::history::sample::{demo_targets, years};
use limber::store::history::{History, parse};
use limber::tui::history::{HistoryState, HistoryView};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SESSIONS: usize = 15_000;

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let history = History::in_dir(dir.path());
    let mut bytes = Vec::new();
    for line in years(SESSIONS, today, 7) {
        serde_json::to_writer(&mut bytes, &line).unwrap();
        bytes.push(b'\n');
    }
    std::fs::write(history.path(), &bytes).unwrap();
    let targets = demo_targets();
    let read = history.read().unwrap();
    let sessions = summarize(&read.lines);
    assert_eq!(sessions.len(), SESSIONS);
    eprintln!(
        "history.jsonl: {} lines, {:.1} MB",
        read.lines.len(),
        bytes.len() as f64 / 1e6
    );

    c.bench_function("read 15k sessions", |b| {
        b.iter(|| black_box(history.read().unwrap()))
    });
    c.bench_function("parse 15k sessions (no IO)", |b| {
        b.iter(|| black_box(parse(black_box(&bytes))))
    });
    c.bench_function("summarize 15k sessions", |b| {
        b.iter(|| black_box(summarize(black_box(&read.lines))))
    });
    c.bench_function("progress, 2 routines", |b| {
        b.iter(|| {
            let all: Vec<_> = targets
                .iter()
                .map(|t| progress(black_box(&sessions), t, today))
                .collect();
            black_box(all)
        })
    });
    c.bench_function("read + summarize + progress", |b| {
        b.iter(|| {
            let read = history.read().unwrap();
            let sessions = summarize(&read.lines);
            let all: Vec<_> = targets
                .iter()
                .map(|t| progress(&sessions, t, today))
                .collect();
            black_box(all)
        })
    });
    c.bench_function("build view", |b| {
        b.iter(|| {
            black_box(HistoryView::new(
                &sessions,
                &targets[0],
                "Stretch",
                today,
                Lang::En,
            ))
        })
    });
    let view = HistoryView::new(&sessions, &targets[0], "Stretch", today, Lang::En);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("render screen 120x40", |b| {
        b.iter(|| {
            let mut state = HistoryState {
                selected: 5_000,
                offset: 0,
            };
            terminal
                .draw(|f| f.render_stateful_widget(&view, f.area(), &mut state))
                .unwrap();
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
