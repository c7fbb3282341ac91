//! How long the engine takes to plan a built-in routine and to answer one
//! command. Both run on the UI thread, so both must stay in microseconds.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use limber::core::clock::Mono;
use limber::core::plan::expand;
use limber::core::routine::{Routine, Side};
use limber::core::session::{Command, Meta, Session};
use limber::store::routines::builtin;

fn routine(id: &str) -> Routine {
    builtin(limber::core::lang::Lang::En)
        .into_iter()
        .find(|l| l.routine.id == id)
        .expect("built-in routine")
        .routine
}

fn expand_builtins(c: &mut Criterion) {
    for id in ["piriformis-stretch", "piriformis-massage"] {
        let r = routine(id);
        c.bench_function(&format!("expand/{id}"), |b| {
            b.iter(|| expand(black_box(&r), None, Side::Left).expect("plans"))
        });
    }
}

fn update(c: &mut Criterion) {
    let plan = expand(&routine("piriformis-stretch"), None, Side::Left).expect("plans");
    let meta = Meta::for_plan(&plan, None);
    let mut running = Session::new(plan, meta);
    running.update(Command::Start, Mono::ZERO);
    // 5 s in: inside the first step's get-ready (10 s).
    let mid = Mono::from_secs(5);
    running.update(Command::Tick, mid);

    // The common case: a wake-up that only redraws the countdown.
    let mut sn = running.clone();
    c.bench_function("update/tick-within-phase", |b| {
        b.iter(|| sn.update(Command::Tick, black_box(mid)))
    });
    // A wake-up that ends a phase and starts the next. The session is
    // cloned and dropped outside the timing: only `update` is measured.
    c.bench_function("update/tick-across-phase", |b| {
        b.iter_batched_ref(
            || running.clone(),
            |sn| sn.update(Command::Tick, black_box(Mono::from_secs(10))),
            BatchSize::SmallInput,
        )
    });
    // A key press that ends a step and logs it.
    c.bench_function("update/next", |b| {
        b.iter_batched_ref(
            || running.clone(),
            |sn| sn.update(Command::Next, black_box(mid)),
            BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, expand_builtins, update);
criterion_main!(benches);
