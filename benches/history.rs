//! Ten years of use: 15,000 sessions in the log database; what the home
//! screen and `limber status` read (a kept course walk and the days since,
//! or every day when none is kept), what the history screen reads (one
//! routine's summaries), parsing an export, and drawing the history screen.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use limber::core::progress::{progress, progress_days, summarize};
use limber::i18n::Lang;
use limber::store::history::sample::{demo_targets, years};
use limber::store::history::{History, jsonl, parse};
use limber::tui::screen::history::{HistoryState, HistoryView};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SESSIONS: usize = 15_000;

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lines = years(SESSIONS, today, 7);
    let history = History::open(dir.path()).unwrap().history;
    history.import(&lines).unwrap();
    let bytes = jsonl::to_bytes(&lines);
    let targets = demo_targets();
    let sessions = summarize(&lines);
    assert_eq!(sessions.len(), SESSIONS);
    eprintln!(
        "{} events; export {:.1} MB; database {:.1} MB",
        lines.len(),
        bytes.len() as f64 / 1e6,
        std::fs::metadata(history.path()).unwrap().len() as f64 / 1e6
    );

    c.bench_function("open the store", |b| {
        b.iter(|| black_box(History::open(dir.path()).unwrap()))
    });
    let glances = || -> Vec<_> {
        targets
            .iter()
            .map(|t| history.glance(t, today).unwrap())
            .collect()
    };
    c.bench_function("glance, 2 routines, no walk kept (first start)", |b| {
        b.iter(|| black_box(glances()))
    });
    history.keep_courses(&targets, today).unwrap();
    c.bench_function("glance, 2 routines, walk kept (home, status)", |b| {
        b.iter(|| black_box(glances()))
    });
    c.bench_function("every day + progress, 2 routines", |b| {
        b.iter(|| {
            let all: Vec<_> = targets
                .iter()
                .map(|t| progress_days(&history.days(&t.routine_id).unwrap(), t, today))
                .collect();
            black_box(all)
        })
    });
    c.bench_function("sessions of one routine (history screen)", |b| {
        b.iter(|| {
            black_box(
                history
                    .sessions(Some(&targets[0].routine_id), None)
                    .unwrap(),
            )
        })
    });
    c.bench_function("parse a 15k-session export (no IO)", |b| {
        b.iter(|| black_box(parse(black_box(&bytes))))
    });
    c.bench_function("progress from sessions, 2 routines", |b| {
        b.iter(|| {
            let all: Vec<_> = targets
                .iter()
                .map(|t| progress(black_box(&sessions), t, today))
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
