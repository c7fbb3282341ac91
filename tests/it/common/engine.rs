//! Helpers shared by the `engine_*` tests: routines from RON text, a fake
//! clock made of plain `Mono` values, and one-line renderings of effects
//! and states so tables stay readable.

use std::time::Duration;

use limber::core::clock::Mono;
use limber::core::parse::parse_routine;
use limber::core::plan::{Plan, expand};
use limber::core::record::{Event, Outcome, StopReason};
use limber::core::routine::{Routine, Side};
use limber::core::session::{Command, Effect, Meta, Session, State};

/// A routine around the given `Step(...)` list: get-ready 3 s, switch
/// side 5 s.
pub fn routine(steps: &str) -> Routine {
    let text = format!(
        r#"Routine(id: "t", version: 1, lang: "en", title: "T", sided: true,
            schedule: Schedule(), get_ready: "3s", switch_side: "5s", steps: [{steps}])"#
    );
    parse_routine(text.as_bytes()).unwrap_or_else(|d| panic!("bad test routine: {d:?}"))
}

pub fn plan(steps: &str, affected: Side) -> Plan {
    expand(&routine(steps), None, affected).unwrap()
}

pub fn session(steps: &str) -> Session {
    session_for(plan(steps, Side::Left))
}

pub fn session_for(plan: Plan) -> Session {
    let meta = Meta::for_plan(&plan, None);
    Session::new(plan, meta)
}

pub fn s(secs: u64) -> Mono {
    Mono::from_secs(secs)
}

pub fn ms(ms: u64) -> Mono {
    Mono::from_millis(ms)
}

fn side(s: Option<Side>) -> &'static str {
    match s {
        Some(Side::Left) => " L",
        Some(Side::Right) => " R",
        Some(Side::Both) => " LR",
        None => "",
    }
}

fn secs(d: Duration) -> String {
    if d.subsec_nanos() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

fn reason(r: StopReason) -> &'static str {
    match r {
        StopReason::Pain => "pain",
        StopReason::Other => "other",
    }
}

pub fn effect(e: &Effect) -> String {
    match e {
        Effect::PhaseStarted { index } => format!("phase {index}"),
        Effect::Countdown { secs } => format!("cd {secs}"),
        Effect::Halfway => "halfway".into(),
        Effect::SwitchSide { to } => format!("switch{}", side(Some(*to))),
        Effect::StepCompleted { step } => format!("completed {step}"),
        Effect::StepSkipped { step } => format!("skipped {step}"),
        Effect::Paused => "paused".into(),
        Effect::Resumed => "resumed".into(),
        Effect::TimeAway { gap } => format!("away {}", secs(*gap)),
        Effect::Finished => "finished".into(),
        Effect::Stopped(r) => format!("stopped {}", reason(*r)),
        Effect::Abandoned => "abandoned".into(),
        Effect::AskPain { entry, paused } => {
            format!("ask pain {entry}{}", if *paused { " paused" } else { "" })
        }
        Effect::Record(Event::SessionStarted { .. }) => "rec started".into(),
        Effect::Record(Event::StepDone {
            index,
            side: sd,
            reps_done,
            reps_planned,
            status,
            held_ms,
            ..
        }) => format!(
            "rec step {index}{} {status:?} {reps_done}/{reps_planned}{}",
            side(*sd),
            held_ms
                .map(|h| format!(" held {}", secs(Duration::from_millis(h))))
                .unwrap_or_default()
        ),
        Effect::Record(Event::SessionEnded {
            outcome,
            active_ms,
            paused_ms,
        }) => {
            let o = match outcome {
                Outcome::Completed => "completed".to_string(),
                Outcome::CompletedWithSkips => "completed-with-skips".to_string(),
                Outcome::Stopped(r) => format!("stopped {}", reason(*r)),
                Outcome::Abandoned => "abandoned".into(),
            };
            format!("rec ended {o} a={active_ms} p={paused_ms}")
        }
        Effect::Record(other) => format!("rec {other:?}"),
    }
}

pub fn effects(fx: &[Effect]) -> String {
    fx.iter().map(effect).collect::<Vec<_>>().join(", ")
}

/// Only the effects whose rendering starts with one of `prefixes`.
pub fn only(fx: &[Effect], prefixes: &[&str]) -> String {
    fx.iter()
        .map(effect)
        .filter(|e| prefixes.iter().any(|p| e.starts_with(p)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn state(st: &State) -> String {
    match *st {
        State::NotStarted => "not-started".into(),
        State::Running { phase, deadline } => format!("running {phase} @{}", secs(deadline.0)),
        State::Paused {
            phase, remaining, ..
        } => format!("paused {phase} left {}", secs(remaining)),
        State::Waiting { phase, .. } => format!("waiting {phase}"),
        State::Finished => "finished".into(),
        State::FinishedWithSkips => "finished-with-skips".into(),
        State::Stopped(r) => format!("stopped {}", reason(r)),
        State::Abandoned => "abandoned".into(),
    }
}

/// Runs a script of (seconds, command) against a session and returns
/// every effect, in order.
pub fn run(sn: &mut Session, script: &[(u64, Command)]) -> Vec<Effect> {
    script
        .iter()
        .flat_map(|&(t, cmd)| sn.update(cmd, s(t)))
        .collect()
}

/// Indices of the phases started, in order.
#[allow(dead_code)] // no test uses it yet
pub fn phases_started(fx: &[Effect]) -> Vec<usize> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::PhaseStarted { index } => Some(*index),
            _ => None,
        })
        .collect()
}
