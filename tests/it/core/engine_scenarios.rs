//! Whole sessions on a fake clock: the situations the issue names, with
//! every effect checked in order.

use std::time::Duration;

use crate::common::engine::{effects, ms, only, plan, run, s, session, session_for, state};
use limber::core::record::{Event, Outcome, StopReason};
use limber::core::results::EntryStatus;
use limber::core::routine::Side;
use limber::core::session::{Command::*, Effect, Meta, Session, State};

const TWO_HOLDS: &str = r#"
    Step(id: "a", title: "A", kind: Hold(duration: "10s")),
    Step(id: "b", title: "B", kind: Hold(duration: "10s")),
"#;

fn statuses(sn: &Session, now: u64) -> Vec<(EntryStatus, u32)> {
    sn.results(s(now))
        .entries
        .iter()
        .map(|e| (e.status, e.reps_done))
        .collect()
}

#[test]
fn pause_during_get_ready_keeps_the_exact_time_left() {
    let mut sn = session(r#"Step(id: "a", title: "A", kind: Hold(duration: "10s"))"#);
    sn.update(Start, s(0));
    // The display just turned to "2" at 1 s; pausing a moment later keeps
    // 1.75 s, not a rounded figure.
    assert_eq!(effects(&sn.update(Pause, ms(1250))), "cd 2, paused");
    assert_eq!(state(sn.state()), "paused 0 left 1750ms");
    assert_eq!(sn.remaining(s(50)), Some(Duration::from_millis(1750)));
    assert_eq!(
        sn.next_wake(s(50)),
        None,
        "nothing counts down while paused"
    );
    assert_eq!(effects(&sn.update(Tick, s(50))), "");
    assert_eq!(effects(&sn.update(Resume, s(60))), "resumed");
    assert_eq!(state(sn.state()), "running 0 @61750ms");
    // "2" was already said before the pause; only "1" is left to say.
    assert_eq!(effects(&sn.update(Tick, ms(60_750))), "cd 1");
    assert_eq!(effects(&sn.update(Tick, ms(61_750))), "phase 1");
    let fx = sn.update(Tick, s(100));
    assert_eq!(
        effects(&fx),
        "completed 0, rec step 0 Done 1/1, finished, rec ended completed a=13000 p=58750"
    );
    let r = sn.results(s(100));
    assert_eq!(r.active, sn.plan().total());
    assert_eq!(r.paused, Duration::from_millis(58_750));
}

#[test]
fn back_at_the_start_of_a_step_goes_to_the_previous_step() {
    // Phases: 0 get-ready a (0-3), 1 hold a (3-13), 2 get-ready b (13-16),
    // 3 hold b.
    let mut sn = session(TWO_HOLDS);
    run(&mut sn, &[(0, Start), (14, Tick)]);
    assert_eq!(statuses(&sn, 14)[0], (EntryStatus::Done, 1));
    // 1 s into step b: back to the start of step a.
    assert_eq!(effects(&sn.update(Back, s(14))), "phase 0");
    assert_eq!(state(sn.state()), "running 0 @17s");
    // Step a is being redone; until it ends again its record stands.
    assert_eq!(statuses(&sn, 14)[0], (EntryStatus::Done, 1));
    assert_eq!(statuses(&sn, 14)[1], (EntryStatus::NotReached, 0));
    // At step a's own start, Back has nowhere earlier to go: it restarts.
    assert_eq!(effects(&sn.update(Back, s(15))), "phase 0");
    assert_eq!(state(sn.state()), "running 0 @18s");
    let fx = sn.update(Tick, s(50));
    // Active time counts both runs of step a's start: 14 + 1 + 26 s.
    assert_eq!(
        effects(&fx),
        "phase 1, completed 0, rec step 0 Done 1/1, phase 2, phase 3, completed 1, \
         rec step 1 Done 1/1, finished, rec ended completed a=41000 p=0"
    );
}

#[test]
fn back_later_in_a_step_restarts_it_and_pauses_do_not_count() {
    let mut sn = session(TWO_HOLDS);
    run(
        &mut sn,
        &[(0, Start), (13, Tick), (14, Pause), (100, Resume)],
    );
    // Step b began at 13; 1 s running + 86 s paused + 0.5 s running is
    // still its start.
    assert_eq!(effects(&sn.update(Back, ms(100_500))), "phase 0");
    let mut sn = session(TWO_HOLDS);
    run(&mut sn, &[(0, Start), (13, Tick)]);
    // Exactly 2 s in: restart this step, not the previous one.
    assert_eq!(effects(&sn.update(Back, s(15))), "phase 2");
    assert_eq!(state(sn.state()), "running 2 @18s");
    // In the middle of the hold: the hold's progress is thrown away.
    run(&mut sn, &[(23, Tick)]);
    assert_eq!(statuses(&sn, 23)[1], (EntryStatus::InProgress, 0));
    assert_eq!(effects(&sn.update(Back, s(23))), "phase 2");
    assert_eq!(statuses(&sn, 23)[1], (EntryStatus::NotReached, 0));
    // The time really spent still counts as active.
    assert_eq!(sn.results(s(23)).active, Duration::from_secs(23));
}

#[test]
fn a_redone_step_that_is_abandoned_early_keeps_its_earlier_record() {
    let mut sn = session(TWO_HOLDS);
    let fx = run(
        &mut sn,
        &[(0, Start), (14, Tick), (14, Back), (15, Abandon)],
    );
    assert_eq!(
        only(&fx, &["rec step", "rec ended"]),
        "rec step 0 Done 1/1, rec ended abandoned a=15000 p=0",
        "step a's redo never reached its hold, so nothing new is recorded"
    );
    let r = sn.results(s(15));
    assert_eq!(r.entries[0].status, EntryStatus::Done);
    assert_eq!(r.entries[1].status, EntryStatus::NotReached);
    assert_eq!(r.outcome, Some(Outcome::Abandoned));
}

#[test]
fn next_on_the_last_step_finishes_the_session() {
    let mut sn = session(TWO_HOLDS);
    run(&mut sn, &[(0, Start), (20, Tick)]);
    assert_eq!(
        effects(&sn.update(Next, s(20))),
        "skipped 1, rec step 1 Partial 0/1, finished, rec ended completed-with-skips a=20000 p=0"
    );
    // The last step was cut short: the session ran to the end, with a skip.
    assert_eq!(sn.state(), &State::FinishedWithSkips);
    let r = sn.results(s(20));
    assert_eq!(r.outcome, Some(Outcome::CompletedWithSkips));
    assert_eq!(r.entries[1].status, EntryStatus::Partial);
    assert_eq!(sn.time_left(s(20)), Duration::ZERO);
    assert_eq!(sn.next_phase(), None);
}

#[test]
fn next_from_get_ready_skips_a_step_that_never_began() {
    let mut sn = session(TWO_HOLDS);
    sn.update(Start, s(0));
    assert_eq!(
        effects(&sn.update(Next, s(1))),
        "skipped 0, rec step 0 Skipped 0/1, phase 2"
    );
    // Next during a rest after the work is done: nothing was skipped.
    let mut sn = session(
        r#"Step(id: "a", title: "A", kind: Timed(duration: "5s"), rest_after: "30s"),
           Step(id: "b", title: "B", kind: Manual)"#,
    );
    run(&mut sn, &[(0, Start), (10, Tick)]);
    assert_eq!(
        effects(&sn.update(Next, s(10))),
        "rec step 0 Done 1/1, phase 3"
    );
    assert_eq!(statuses(&sn, 10)[0], (EntryStatus::Done, 1));
}

#[test]
fn stop_while_paused_counts_the_pause_and_not_the_rest() {
    let mut sn = session(TWO_HOLDS);
    let fx = run(
        &mut sn,
        &[(0, Start), (8, Pause), (68, Stop(StopReason::Pain))],
    );
    assert_eq!(
        only(&fx, &["rec", "stopped", "paused"]),
        "rec started, paused, rec step 0 Partial 0/1, stopped pain, \
         rec ended stopped pain a=8000 p=60000"
    );
    let r = sn.results(s(500));
    assert_eq!((r.active, r.paused), (s(8).0, s(60).0));
    assert_eq!(
        r.entries.iter().map(|e| e.status).collect::<Vec<_>>(),
        [EntryStatus::Partial, EntryStatus::NotReached]
    );
}

#[test]
fn each_side_runs_left_then_right_with_the_switch_pause() {
    let mut sn = session(r#"Step(id: "x", title: "X", sides: Each, kind: Hold(duration: "10s"))"#);
    let fx = run(&mut sn, &[(0, Start), (100, Tick)]);
    assert_eq!(
        only(&fx, &["phase", "switch", "completed", "rec step"]),
        "phase 0, phase 1, phase 2, switch R, phase 3, completed 0, \
         rec step 0 L Done 1/1, rec step 0 R Done 1/1"
    );
    let p = sn.plan();
    assert_eq!(p.phases()[2].side, Some(Side::Right));
    assert_eq!(p.total(), Duration::from_secs(3 + 10 + 5 + 10));
}

#[test]
fn affected_first_starts_on_the_affected_side() {
    let steps = r#"Step(id: "x", title: "X", sides: AffectedFirst, kind: Hold(duration: "10s"))"#;
    let mut sn = session_for(plan(steps, Side::Right));
    sn.update(Start, s(0));
    assert_eq!(sn.current().unwrap().1.side, Some(Side::Right));
    // Pause in the switch pause, then resume: the switch keeps its time.
    let fx = run(&mut sn, &[(15, Pause), (40, Resume)]);
    assert_eq!(
        effects(&fx),
        "phase 1, phase 2, switch L, cd 3, paused, resumed"
    );
    assert_eq!(state(sn.state()), "running 2 @43s");
    // The left hold begins at 43; skip it half way through.
    let fx = run(&mut sn, &[(48, Next)]);
    assert_eq!(
        effects(&fx),
        "phase 3, skipped 0, rec step 0 R Done 1/1, rec step 0 L Partial 0/1, finished, \
         rec ended completed-with-skips a=23000 p=25000"
    );
}

#[test]
fn stopping_in_the_switch_pause_leaves_the_second_side_not_reached() {
    let mut sn = session(r#"Step(id: "x", title: "X", sides: Each, kind: Hold(duration: "10s"))"#);
    let fx = run(&mut sn, &[(0, Start), (15, Stop(StopReason::Other))]);
    assert_eq!(
        only(&fx, &["rec step"]),
        "rec step 0 L Done 1/1",
        "the right side was never begun"
    );
    assert_eq!(
        statuses(&sn, 15),
        [(EntryStatus::Done, 1), (EntryStatus::NotReached, 0)]
    );
}

#[test]
fn time_away_pauses_as_of_when_it_began() {
    // Phases end at 3, 13, 16, 26.
    let mut sn = session(TWO_HOLDS);
    sn.update(Start, s(0));
    // The laptop slept at 15 s; the shell notices at 600 s.
    let fx = sn.update(TimeAway { since: s(15) }, s(600));
    assert_eq!(
        effects(&fx),
        "phase 1, completed 0, rec step 0 Done 1/1, phase 2, away 585s"
    );
    assert_eq!(state(sn.state()), "paused 2 left 1s");
    // Back at the mat, the display says "1" and so does the cue.
    assert_eq!(effects(&sn.update(Resume, s(700))), "resumed, cd 1");
    assert_eq!(state(sn.state()), "running 2 @701s");
    sn.update(Tick, s(800));
    let r = sn.results(s(800));
    assert_eq!(r.active, sn.plan().total());
    assert_eq!(r.paused, Duration::from_secs(685));
    assert_eq!(r.outcome, Some(Outcome::Completed));
}

#[test]
fn time_away_on_a_manual_step_counts_as_paused_not_waiting() {
    let mut sn = session(r#"Step(id: "m", title: "M", kind: Manual)"#);
    run(&mut sn, &[(0, Start), (10, Tick)]);
    assert_eq!(
        effects(&sn.update(TimeAway { since: s(10) }, s(70))),
        "away 60s"
    );
    let fx = sn.update(Ready, s(75));
    assert_eq!(
        effects(&fx),
        "completed 0, rec step 0 Done 1/1, finished, rec ended completed a=3000 p=60000"
    );
    let r = sn.results(s(75));
    assert_eq!((r.active, r.paused, r.waiting), (s(3).0, s(60).0, s(12).0));
}

#[test]
fn a_late_tick_says_only_the_lowest_countdown_number() {
    let mut sn =
        session(r#"Step(id: "a", title: "A", kind: Timed(duration: "8s"), get_ready: "0s")"#);
    sn.update(Start, s(0));
    // 3 and 2 both passed unseen; saying both at once would be noise.
    assert_eq!(effects(&sn.update(Tick, ms(6500))), "cd 2");
    assert_eq!(effects(&sn.update(Tick, ms(6900))), "");
    assert_eq!(effects(&sn.update(Tick, s(7))), "cd 1");
}

#[test]
fn reps_count_when_their_last_beat_ends() {
    let mut sn = session(
        r#"Step(id: "k", title: "K", kind: Reps(count: 3, tempo: [
            Beat(label: "Push", duration: "5s"), Beat(label: "Relax", duration: "3s")]))"#,
    );
    // Reps end at 11, 19, 27 (after the 3 s get-ready).
    run(&mut sn, &[(0, Start), (20, Tick)]);
    let (i, p) = sn.current().unwrap();
    assert_eq!(i, 5);
    assert_eq!(p.rep.map(|r| (r.n, r.of)), Some((3, 3)));
    assert_eq!(statuses(&sn, 20), [(EntryStatus::InProgress, 2)]);
    assert_eq!(
        only(&sn.update(Next, s(20)), &["rec step"]),
        "rec step 0 Partial 2/3"
    );
}

#[test]
fn views_for_the_screen() {
    let mut sn = session(TWO_HOLDS);
    assert_eq!(sn.time_left(s(0)), Duration::from_secs(26));
    assert_eq!(sn.next_phase().map(|(i, _)| i), Some(0));
    assert_eq!(sn.progress(s(0)), None);
    sn.update(Start, s(0));
    sn.update(Tick, s(8));
    assert_eq!(sn.current().map(|(i, _)| i), Some(1));
    assert_eq!(sn.remaining(s(8)), Some(Duration::from_secs(5)));
    assert_eq!(sn.progress(s(8)), Some(0.5));
    assert_eq!(sn.time_left(s(8)), Duration::from_secs(18));
    assert_eq!(sn.next_phase().map(|(i, _)| i), Some(2));
    assert_eq!(sn.next_wake(s(8)), Some(s(9)));
    assert_eq!(sn.plan().steps()[sn.current().unwrap().1.step].title, "A");
}

#[test]
fn session_started_records_the_meta() {
    let plan = plan(r#"Step(id: "a", title: "A", kind: Manual)"#, Side::Right);
    let meta = Meta::for_plan(&plan, Some(6));
    let mut sn = Session::new(plan, meta);
    let fx = sn.update(Start, s(0));
    assert_eq!(
        fx[0],
        Effect::Record(Event::SessionStarted {
            side: Some(Side::Right),
            variant: None,
            pain_before: Some(6),
            steps_planned: Some(1),
            dose: vec![],
            prescription: None,
        })
    );
}

#[test]
fn time_never_runs_backwards() {
    let mut sn = session(TWO_HOLDS);
    run(&mut sn, &[(0, Start), (10, Tick)]);
    // A shell bug hands in an earlier moment: treated as "no time passed".
    assert_eq!(effects(&sn.update(Pause, s(5))), "paused");
    assert_eq!(state(sn.state()), "paused 1 left 3s");
    assert_eq!(
        effects(&sn.update(TimeAway { since: s(50) }, s(20))),
        "away 0s"
    );
}

#[test]
fn time_away_after_the_session_ended_on_its_own_only_catches_up() {
    let mut sn = session(r#"Step(id: "a", title: "A", kind: Timed(duration: "5s"))"#);
    sn.update(Start, s(0));
    // Finished at 8 s; the sleep began at 20 s, after it.
    let fx = sn.update(TimeAway { since: s(20) }, s(90));
    assert_eq!(
        effects(&fx),
        "phase 1, completed 0, rec step 0 Done 1/1, finished, rec ended completed a=8000 p=0"
    );
    assert_eq!(sn.results(s(90)).paused, Duration::ZERO);
}

#[test]
fn an_unsided_routine_records_no_side() {
    let text = r#"Routine(id: "u", version: 1, lang: "en", title: "U", schedule: Schedule(),
        steps: [Step(id: "a", title: "A", sides: Each, kind: Manual)])"#;
    let r = limber::core::parse::parse_routine(text.as_bytes()).unwrap();
    let plan = limber::core::plan::expand(&r, None, Side::Right).unwrap();
    assert_eq!(Meta::for_plan(&plan, None).side, None);
    // Each still means both legs, left first.
    assert_eq!(plan.entries()[0].side, Some(Side::Left));
}

#[test]
fn next_on_the_first_side_skips_only_that_side() {
    // Phases: 0 get-ready (0-3), 1 hold L (3-13), 2 switch R (13-18),
    // 3 hold R (18-28).
    let mut sn = session(r#"Step(id: "x", title: "X", sides: Each, kind: Hold(duration: "10s"))"#);
    let fx = run(&mut sn, &[(0, Start), (5, Next)]);
    assert_eq!(
        only(&fx, &["phase", "switch", "skipped", "rec step"]),
        "phase 0, phase 1, rec step 0 L Partial 0/1, phase 2, switch R",
        "the right leg still gets its turn"
    );
    let fx = run(&mut sn, &[(100, Tick)]);
    assert_eq!(
        only(&fx, &["phase", "completed", "rec step", "finished"]),
        "phase 3, completed 0, rec step 0 R Done 1/1, finished",
        "the left side is recorded once"
    );
    assert_eq!(
        statuses(&sn, 100),
        [(EntryStatus::Partial, 0), (EntryStatus::Done, 1)]
    );
}

#[test]
fn enter_ends_a_get_ready_early_and_counts_only_the_part_that_ran() {
    let mut sn = session(r#"Step(id: "a", title: "A", kind: Hold(duration: "10s"))"#);
    sn.update(Start, s(0));
    assert_eq!(effects(&sn.update(Ready, ms(1000))), "phase 1");
    assert_eq!(state(sn.state()), "running 1 @11s");
    let fx = sn.update(Tick, s(20));
    assert_eq!(
        only(&fx, &["rec ended"]),
        "rec ended completed a=11000 p=0",
        "1 s of get-ready and the 10 s hold"
    );
    // Enter during the hold itself changes nothing.
    let mut sn = session(r#"Step(id: "a", title: "A", kind: Hold(duration: "10s"))"#);
    run(&mut sn, &[(0, Start), (5, Tick)]);
    assert_eq!(effects(&sn.update(Ready, s(6))), "");
}

/// A hold "as long as possible": 10 s minimum, ceiling 30 s, each leg.
/// Phases: 0 get-ready (0-3), 1 minimum L, 2 count-up L, 3 switch R,
/// 4 minimum R, 5 count-up R.
const UNTIL_RELEASE: &str = r#"
    Step(id: "k", title: "K", sides: Each, kind: Hold(duration: "10s", up_to: "30s")),
"#;

#[test]
fn a_hold_until_release_counts_down_its_minimum_then_up_until_enter() {
    let mut sn = session(UNTIL_RELEASE);
    let fx = run(&mut sn, &[(0, Start), (13, Tick)]);
    // The minimum is an ordinary hold: it completes the rep.
    assert_eq!(only(&fx, &["phase"]), "phase 0, phase 1, phase 2");
    assert_eq!(sn.holding(s(13)), Some(Duration::from_secs(10)));
    assert_eq!(
        statuses(&sn, 13),
        [(EntryStatus::Done, 1), (EntryStatus::NotReached, 0)]
    );
    // Counting up: 12 s past the minimum, Enter lets go.
    assert_eq!(sn.holding(s(25)), Some(Duration::from_secs(22)));
    let fx = sn.update(Ready, s(25));
    assert_eq!(effects(&fx), "phase 3, switch R");
    // Space lets go on the second leg, as Enter does.
    let fx = run(&mut sn, &[(38, Tick), (41, TogglePause)]);
    assert_eq!(
        only(&fx, &["phase", "rec", "completed", "finished"]),
        "phase 4, phase 5, completed 0, rec step 0 L Done 1/1 held 22s, \
         rec step 0 R Done 1/1 held 11s, finished, rec ended completed a=41000 p=0"
    );
    let held: Vec<_> = sn.results(s(41)).entries.iter().map(|e| e.held).collect();
    assert_eq!(
        held,
        [Some(Duration::from_secs(22)), Some(Duration::from_secs(11))]
    );
}

#[test]
fn a_hold_until_release_ends_by_itself_at_its_ceiling() {
    let mut sn = session(r#"Step(id: "k", title: "K", kind: Hold(duration: "10s", up_to: "30s"))"#);
    // The ceiling is a deadline: one late tick ends it at 3 + 30 s exactly,
    // with the countdown to it.
    let fx = run(&mut sn, &[(0, Start), (13, Tick), (31, Tick), (100, Tick)]);
    assert_eq!(
        only(&fx, &["cd", "rec step", "finished"]),
        "cd 2, rec step 0 Done 1/1 held 30s, finished"
    );
    assert_eq!(sn.results(s(100)).active, Duration::from_secs(33));
}

#[test]
fn pause_inside_the_count_up_stops_the_time_held() {
    let mut sn = session(r#"Step(id: "k", title: "K", kind: Hold(duration: "10s", up_to: "30s"))"#);
    run(&mut sn, &[(0, Start), (13, Tick), (18, Pause)]);
    assert_eq!(state(sn.state()), "paused 2 left 15s");
    // A minute paused counts as no time held, and Space resumes (it does
    // not let go while paused).
    assert_eq!(sn.holding(s(78)), Some(Duration::from_secs(15)));
    assert_eq!(effects(&sn.update(TogglePause, s(78))), "resumed");
    assert_eq!(sn.holding(s(80)), Some(Duration::from_secs(17)));
    // Paused again, Enter lets go where the hold stood.
    sn.update(Pause, s(80));
    let fx = sn.update(Ready, s(90));
    assert_eq!(
        effects(&fx),
        "completed 0, rec step 0 Done 1/1 held 17s, finished, rec ended completed a=20000 p=70000"
    );
}

#[test]
fn next_in_the_count_up_lets_go_and_next_in_the_minimum_is_a_partial_hold() {
    let mut sn = session(UNTIL_RELEASE);
    run(&mut sn, &[(0, Start), (15, Tick)]);
    // In the count-up, n lets go: the leg is done, not skipped.
    let fx = sn.update(Next, s(15));
    assert_eq!(effects(&fx), "phase 3, switch R");
    // In the minimum, n skips: the hold is partial, its time still logged.
    let fx = run(&mut sn, &[(23, Tick), (25, Next)]);
    assert_eq!(
        only(&fx, &["skipped", "rec step"]),
        "skipped 0, rec step 0 L Done 1/1 held 12s, rec step 0 R Partial 0/1 held 5s"
    );
}

#[test]
fn a_patient_affected_on_both_legs_does_affected_steps_on_each() {
    let steps = r#"
        Step(id: "a", title: "A", sides: Affected, kind: Hold(duration: "10s")),
        Step(id: "f", title: "F", sides: AffectedFirst, kind: Hold(duration: "10s")),
    "#;
    let p = plan(steps, Side::Both);
    let sides: Vec<_> = p.entries().iter().map(|e| (e.step, e.side)).collect();
    assert_eq!(
        sides,
        [
            (0, Some(Side::Left)),
            (0, Some(Side::Right)),
            (1, Some(Side::Left)),
            (1, Some(Side::Right))
        ]
    );
    // The session's side is "both"; each step's record names its leg.
    let mut sn = session_for(p);
    let fx = run(&mut sn, &[(0, Start), (200, Tick)]);
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Record(Event::SessionStarted {
            side: Some(Side::Both),
            ..
        })
    )));
    assert_eq!(
        only(&fx, &["rec step", "switch"]),
        "switch R, rec step 0 L Done 1/1, rec step 0 R Done 1/1, switch R, \
         rec step 1 L Done 1/1, rec step 1 R Done 1/1"
    );
}
