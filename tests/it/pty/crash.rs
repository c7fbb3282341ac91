//! Crash test: `limber run --plain` killed with SIGKILL at random moments,
//! some runs left to finish, all writing to one log database. Afterwards
//! the database passes `quick_check`, every finished session is in it with
//! its end, each run's events are one session in order, and the kept
//! summaries agree with the events.
//!
//! The kill moments come from a seeded PRNG, so a failure can be replayed:
//! the seed is printed, and `LIMBER_CRASH_SEED=<n>` picks another.

use std::process::Stdio;
use std::thread;
use std::time::Duration;

use crate::common::pty::{self, Env, event, outcome};
use serde_json::Value;

/// xorshift64*: small, seeded, good enough to spread kill moments.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const RUNS: usize = 30;
/// pty-quick lasts 1.4 s of clock time; kills land anywhere from spawn to
/// a little after its planned end.
const KILL_WITHIN_MS: u64 = 1700;

#[test]
fn sigkill_at_random_moments_never_corrupts_the_log() {
    let seed = std::env::var("LIMBER_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x1157_ab1e_u64);
    println!("crash test seed: {seed}");
    let mut rng = Rng(seed.max(1));
    let env = Env::new(&["pty-quick"]);

    // Per run: (was killed by us, exited 0, lines of the log before it).
    let mut runs: Vec<(bool, bool, usize)> = Vec::new();
    for run in 0..RUNS {
        let before = env.history().len();
        let mut child = env
            .command(&["run", "pty-quick", "--plain"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Every fourth run or so is left to finish.
        let kill = rng.below(4) != 0;
        if kill {
            thread::sleep(Duration::from_millis(rng.below(KILL_WITHIN_MS)));
            // SIGKILL on Unix; harmless if the run has just ended.
            child.kill().unwrap();
        }
        let status = pty::poll(
            &format!("run {run} to end"),
            || child.try_wait().unwrap(),
            String::new,
        );
        runs.push((kill, status.success(), before));
    }
    let finished = runs.iter().filter(|r| r.1).count();
    let killed = runs.iter().filter(|r| !r.1).count();
    println!("{finished} runs finished, {killed} were killed part way");
    assert!(
        finished >= 3 && killed >= 10,
        "seed {seed} gave {finished} finished and {killed} killed runs; pick another"
    );

    let log = limber::store::history::History::open(&env.data())
        .unwrap()
        .history;
    log.check().expect("the database survives every kill");
    let events = log.lines().unwrap();
    assert_eq!(
        log.sessions(None, None).unwrap(),
        limber::core::progress::summarize(&events),
        "the kept summaries match the events"
    );
    drop(log);
    let parsed: Vec<Option<Value>> = env.history().into_iter().map(Some).collect();
    let lines = &parsed;

    // Run by run: a run's lines are one session, in order; a finished run
    // has its start and its completed end.
    let mut sessions = std::collections::HashSet::new();
    for (run, &(kill, ok, before)) in runs.iter().enumerate() {
        let after = runs.get(run + 1).map_or(lines.len(), |r| r.2);
        let own: Vec<&Value> = parsed[before..after].iter().flatten().collect();
        let what = format!("run {run} (killed: {kill}, exit 0: {ok}): {own:#?}");
        if ok {
            assert!(own.len() >= 2, "{what}");
            assert_eq!(event(own[0]), "session_started", "{what}");
            let end = own.last().unwrap();
            assert_eq!(event(end), "session_ended", "{what}");
            assert_eq!(outcome(end), "completed", "{what}");
        }
        if let Some(first) = own.first() {
            assert_eq!(event(first), "session_started", "{what}");
            let id = first["session"].as_str().unwrap().to_string();
            assert!(own.iter().all(|l| l["session"] == id.as_str()), "{what}");
            assert!(sessions.insert(id), "session id reused: {what}");
            let ends = own.iter().filter(|l| event(l) == "session_ended").count();
            assert!(ends <= 1, "{what}");
            if ends == 1 {
                assert_eq!(event(own.last().unwrap()), "session_ended", "{what}");
            }
        }
    }

    // And the log still takes a new session after all that.
    let out = env
        .command(&["run", "pty-quick", "--plain"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    let log = env.history();
    assert_eq!(event(log.last().expect("an event")), "session_ended");
    assert_eq!(log.len(), lines.len() + 4);
}
