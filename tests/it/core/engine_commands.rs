//! Every command in every state, as one table.
//!
//! The fixture: step 0 holds 30 s, step 1 is manual, step 2 works 20 s,
//! each after a 3 s get-ready. Phases:
//! 0 get-ready 0-3, 1 hold 3-33, 2 get-ready 33-36, 3 wait, 4 get-ready,
//! 5 work.

use crate::common::engine::{self, effects, s, session, state};
use limber::core::record::StopReason;
use limber::core::session::{Command, Session};

const FIXTURE: &str = r#"
    Step(id: "hold", title: "Hold", kind: Hold(duration: "30s")),
    Step(id: "manual", title: "Manual", kind: Manual),
    Step(id: "timed", title: "Timed", kind: Timed(duration: "20s")),
"#;

/// A session brought into the named state, and the moment to send the
/// command under test.
fn in_state(name: &str) -> (Session, u64) {
    use Command::*;
    let mut sn = session(FIXTURE);
    let (script, at): (&[(u64, Command)], u64) = match name {
        "not-started" => (&[], 12),
        "running" => (&[(0, Start)], 12),
        "paused" => (&[(0, Start), (10, Pause)], 12),
        "waiting" => (&[(0, Start), (40, Tick)], 45),
        "finished" => (&[(0, Start), (40, Ready), (100, Tick)], 120),
        "stopped" => (&[(0, Start), (10, Stop(StopReason::Other))], 12),
        "abandoned" => (&[(0, Start), (10, Abandon)], 12),
        _ => unreachable!("{name}"),
    };
    engine::run(&mut sn, script);
    // Catch up first (a second early, so time away can start there), so
    // the table sees only what the command itself does.
    sn.update(Tick, s(at - 1));
    (sn, at)
}

#[test]
fn every_command_in_every_state() {
    use Command::*;
    let stop = Stop(StopReason::Pain);
    let away = |at: u64| TimeAway { since: s(at - 1) };
    #[rustfmt::skip]
    let table: &[(&str, Command, &str, &str)] = &[
        // state, command, state after, effects
        ("not-started", Start, "running 0 @15s", "rec started, phase 0"),
        ("not-started", Pause, "not-started", ""),
        ("not-started", Resume, "not-started", ""),
        ("not-started", TogglePause, "not-started", ""),
        ("not-started", Next, "not-started", ""),
        ("not-started", Back, "not-started", ""),
        ("not-started", stop, "not-started", ""),
        // Nothing was logged yet, so there is nothing to close.
        ("not-started", Abandon, "not-started", ""),
        ("not-started", Ready, "not-started", ""),
        ("not-started", Tick, "not-started", ""),
        ("not-started", away(12), "not-started", ""),

        ("running", Start, "running 1 @33s", ""),
        ("running", Pause, "paused 1 left 21s", "paused"),
        ("running", Resume, "running 1 @33s", ""),
        ("running", TogglePause, "paused 1 left 21s", "paused"),
        ("running", Next, "running 2 @15s", "skipped 0, rec step 0 Partial 0/1, phase 2"),
        // 12 s into the step: restart it, get-ready included.
        ("running", Back, "running 0 @15s", "phase 0"),
        ("running", stop, "stopped pain",
            "rec step 0 Partial 0/1, stopped pain, rec ended stopped pain a=12000 p=0"),
        ("running", Abandon, "abandoned",
            "rec step 0 Partial 0/1, abandoned, rec ended abandoned a=12000 p=0"),
        ("running", Ready, "running 1 @33s", ""),
        ("running", Tick, "running 1 @33s", ""),
        // Paused as of 11 s: 22 s of the hold were left then.
        ("running", away(12), "paused 1 left 22s", "away 1s"),

        ("paused", Start, "paused 1 left 23s", ""),
        ("paused", Pause, "paused 1 left 23s", ""),
        ("paused", Resume, "running 1 @35s", "resumed"),
        ("paused", TogglePause, "running 1 @35s", "resumed"),
        // Skipping while paused stays paused, at the start of the next phase.
        ("paused", Next, "paused 2 left 3s", "skipped 0, rec step 0 Partial 0/1, phase 2"),
        ("paused", Back, "paused 0 left 3s", "phase 0"),
        ("paused", stop, "stopped pain",
            "rec step 0 Partial 0/1, stopped pain, rec ended stopped pain a=10000 p=2000"),
        ("paused", Abandon, "abandoned",
            "rec step 0 Partial 0/1, abandoned, rec ended abandoned a=10000 p=2000"),
        ("paused", Ready, "paused 1 left 23s", ""),
        ("paused", Tick, "paused 1 left 23s", ""),
        ("paused", away(12), "paused 1 left 23s", "away 1s"),

        ("waiting", Start, "waiting 3", ""),
        // Nothing counts down on a manual step: nothing to pause.
        ("waiting", Pause, "waiting 3", ""),
        ("waiting", Resume, "waiting 3", ""),
        ("waiting", TogglePause, "waiting 3", ""),
        ("waiting", Next, "running 4 @48s", "skipped 1, rec step 1 Partial 0/1, phase 4"),
        ("waiting", Back, "running 2 @48s", "phase 2"),
        ("waiting", stop, "stopped pain",
            "rec step 1 Partial 0/1, stopped pain, rec ended stopped pain a=36000 p=0"),
        ("waiting", Abandon, "abandoned",
            "rec step 1 Partial 0/1, abandoned, rec ended abandoned a=36000 p=0"),
        ("waiting", Ready, "running 4 @48s", "completed 1, rec step 1 Done 1/1, phase 4"),
        ("waiting", Tick, "waiting 3", ""),
        ("waiting", away(45), "waiting 3", "away 1s"),
    ];
    for &(from, cmd, want_state, want_fx) in table {
        let (mut sn, at) = in_state(from);
        let fx = sn.update(cmd, s(at));
        assert_eq!(
            (state(sn.state()).as_str(), effects(&fx).as_str()),
            (want_state, want_fx),
            "{cmd:?} in {from}"
        );
    }
}

#[test]
fn no_command_changes_an_ended_session() {
    use Command::*;
    let all = [
        Start,
        Pause,
        Resume,
        TogglePause,
        Next,
        Back,
        Stop(StopReason::Pain),
        Abandon,
        Ready,
        Tick,
        TimeAway { since: s(110) },
    ];
    for from in ["finished", "stopped", "abandoned"] {
        for cmd in all {
            let (mut sn, at) = in_state(from);
            let before = (*sn.state(), sn.results(s(at)));
            let fx = sn.update(cmd, s(at));
            assert_eq!(effects(&fx), "", "{cmd:?} in {from}");
            assert_eq!(
                (*sn.state(), sn.results(s(at))),
                before,
                "{cmd:?} in {from}"
            );
        }
    }
}

#[test]
fn the_fixture_states_are_what_the_table_assumes() {
    for (name, want) in [
        ("not-started", "not-started"),
        ("running", "running 1 @33s"),
        ("paused", "paused 1 left 23s"),
        ("waiting", "waiting 3"),
        ("finished", "finished"),
        ("stopped", "stopped other"),
        ("abandoned", "abandoned"),
    ] {
        assert_eq!(state(in_state(name).0.state()), want);
    }
}
