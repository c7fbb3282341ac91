//! The dose in force: a physiotherapist's progression rule
//! ([`Progression`], written in the routine) walked over the log, day by
//! day, from the first session of this version of the routine to today.
//!
//! The walk is the one home of the rule: the coach and plain mode apply
//! its dose before the plan is built, the log keeps it with each session,
//! the report charts it. It is pure: the sessions, the morning checks and
//! today are arguments, and the same log always gives the same dose.
//!
//! On each day `d` after the first session (a change is in force from the
//! day it is made):
//! - **lower** when, since the last change and within the last
//!   `every_days` days, a session's pain after rose by `pain_rise` or more
//!   over pain before (sessions up to the day before `d`), a morning's
//!   pain rose by as much over the morning before, or `worse_mornings`
//!   mornings answered "worse" (mornings up to `d`'s own);
//! - else **raise** when at least `every_days` days passed since the last
//!   change and the `every_days` days before `d` were calm: every pain
//!   during at most `pain_during_at_most` (at least one recorded, no
//!   session stopped for pain), mornings answered and none worse, and
//!   `sessions_at_least` completed sessions.
//!
//! A raise adds `add` up to `max`; a lowering takes it off down to `min`
//! (the written dose when the rule gives none). A pinned step keeps its
//! written dose whatever happens.

mod rules;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

pub use rules::{Calm, CountChange, Flare, HoldChange, Progression, StepRule};

use super::duration::Dur;
use super::outcome::{Answer, Compared, Measure};
use super::progress::{SessionOutcome, SessionSummary};
use super::record::StopReason;
use super::routine::{Kind, Routine, Step};

/// A morning's pain this much above the one before is a worse morning
/// when the rule gives no `pain_rise`: the minimal important change of
/// the 0-10 scale (DOMAIN.md).
pub const MORNING_RISE: u8 = 2;

/// The parts of a step a rule can change, as they are in force. A part
/// the step's kind does not have is `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dose {
    /// A `Hold`'s hold, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_ms: Option<u64>,
    /// A `Hold`'s reps or a `Reps` step's count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reps: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<u32>,
}

/// The dose of one step, as the log keeps it with each session.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StepDose {
    pub step: String,
    #[serde(flatten)]
    pub dose: Dose,
}

/// Why a dose changed: data, put in words by `i18n::DoseStrings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Raised: `days` days with the rule's conditions met.
    Calm {
        days: u32,
        max_pain: Option<u8>,
        mornings_no_worse: bool,
        sessions: Option<u32>,
    },
    /// Lowered: pain after a session was `rise` above pain before.
    PainRose { rise: u8 },
    /// Lowered: a morning's pain was `rise` above the morning before.
    MorningRose { rise: u8 },
    /// Lowered: `count` mornings worse than the day before.
    WorseMornings { count: u32 },
}

/// One change of one step's dose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub step: String,
    /// The first day the new dose is in force.
    pub on: NaiveDate,
    pub from: Dose,
    pub to: Dose,
    pub why: Why,
}

/// One ruled step as of today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dosed {
    pub step: String,
    /// As the routine writes it.
    pub written: Dose,
    pub dose: Dose,
    pub pinned: bool,
    /// The last change, if the dose ever changed.
    pub last: Option<Change>,
}

/// The dose a step's kind writes.
pub fn written(step: &Step) -> Dose {
    match &step.kind {
        Kind::Hold {
            duration,
            reps,
            sets,
            ..
        } => Dose {
            hold_ms: Some(millis(*duration)),
            reps: Some(*reps),
            sets: Some(*sets),
        },
        Kind::Reps { count, sets, .. } => Dose {
            hold_ms: None,
            reps: Some(*count),
            sets: Some(*sets),
        },
        Kind::Timed { .. } | Kind::Manual => Dose::default(),
    }
}

fn millis(d: Dur) -> u64 {
    u64::try_from(d.0.as_millis()).unwrap_or(u64::MAX)
}

/// The main step with `id`: a rule follows the main steps only, so a
/// variant (a gentle one, proposed when pain is high) keeps its own dose.
pub fn find_step<'a>(routine: &'a Routine, id: &str) -> Option<&'a Step> {
    routine.steps.iter().find(|s| s.id == id)
}

/// The dose in force today of every step `routine`'s rule names, with
/// its last change: `sessions` and `mornings` are the whole log (others
/// than this routine's, this version's and up to today are passed over).
pub fn in_force(
    routine: &Routine,
    sessions: &[SessionSummary],
    mornings: &[Answer],
    today: NaiveDate,
) -> Vec<Dosed> {
    walk(routine, sessions, mornings, today).0
}

/// Every change of the walk [`in_force`] makes, oldest first.
pub fn changes(
    routine: &Routine,
    sessions: &[SessionSummary],
    mornings: &[Answer],
    today: NaiveDate,
) -> Vec<Change> {
    walk(routine, sessions, mornings, today).1
}

fn walk(
    routine: &Routine,
    sessions: &[SessionSummary],
    mornings: &[Answer],
    today: NaiveDate,
) -> (Vec<Dosed>, Vec<Change>) {
    let mut all = Vec::new();
    let Some(rule) = &routine.progression else {
        return (Vec::new(), all);
    };
    let mut out: Vec<Dosed> = rule
        .steps
        .iter()
        .filter_map(|r| {
            let written = written(find_step(routine, &r.step)?);
            Some(Dosed {
                step: r.step.clone(),
                written,
                dose: written,
                pinned: r.pin,
                last: None,
            })
        })
        .collect();
    let mut mine: Vec<&SessionSummary> = sessions
        .iter()
        .filter(|s| {
            s.routine.id == routine.id
                && s.routine.version == routine.version
                && s.local_date <= today
        })
        .collect();
    mine.sort_by_key(|s| s.local_date);
    let Some(anchor) = mine.first().map(|s| s.local_date) else {
        return (out, all);
    };
    let mornings = morning_marks(mornings, today);
    let rise = rise_of(rule);
    let every = u64::from(rule.every_days.max(1));
    let mut last = anchor;
    let mut day = anchor;
    while day < today {
        day = day.succ_opt().unwrap_or(today);
        let reach = day.checked_sub_days(Days::new(every)).unwrap_or(anchor);
        let from = reach.max(last);
        if let Some(why) = rule
            .lower_when
            .as_ref()
            .and_then(|f| flare(f, between(&mine, from, day), after(&mornings, from, day)))
        {
            step_all(rule, &mut out, &mut all, day, why, Direction::Down);
            last = day;
        } else if let Some(calm) = &rule.raise_when
            && reach >= last
            && let Some(why) = calm_enough(
                calm,
                rule.every_days,
                between(&mine, reach, day),
                after(&mornings, reach, day),
                rise,
            )
            && step_all(rule, &mut out, &mut all, day, why, Direction::Up)
        {
            last = day;
        }
    }
    (out, all)
}

/// A morning check as the walk reads it.
struct Mark {
    date: NaiveDate,
    worse: bool,
    /// Pain above the morning before (with a pain), if it rose.
    rise: Option<u8>,
}

fn rise_of(rule: &Progression) -> u8 {
    rule.lower_when
        .as_ref()
        .and_then(|f| f.pain_rise)
        .unwrap_or(MORNING_RISE)
}

/// The morning checks up to `today`, oldest first, each with its rise
/// over the morning before.
fn morning_marks(answers: &[Answer], today: NaiveDate) -> Vec<Mark> {
    let mut mornings: Vec<(&Answer, Option<u8>, Option<Compared>)> = answers
        .iter()
        .filter_map(|a| match &a.measure {
            Measure::Morning { pain, compared, .. } => Some((a, *pain, *compared)),
            _ => None,
        })
        .filter(|(a, ..)| a.at.date_naive() <= today)
        .collect();
    mornings.sort_by_key(|(a, ..)| a.at);
    let mut before: Option<u8> = None;
    let mut out = Vec::with_capacity(mornings.len());
    for (a, pain, compared) in mornings {
        let pain = pain.filter(|&p| super::progress::pain_in_range(p));
        let rise = match (before, pain) {
            (Some(b), Some(p)) if p > b => Some(p - b),
            _ => None,
        };
        if pain.is_some() {
            before = pain;
        }
        out.push(Mark {
            date: a.at.date_naive(),
            worse: compared == Some(Compared::Worse),
            rise,
        });
    }
    out
}

/// Sessions on days `from` up to the day before `to`.
fn between<'a>(
    sessions: &'a [&'a SessionSummary],
    from: NaiveDate,
    to: NaiveDate,
) -> &'a [&'a SessionSummary] {
    let lo = sessions.partition_point(|s| s.local_date < from);
    let hi = sessions.partition_point(|s| s.local_date < to);
    &sessions[lo..hi.max(lo)]
}

/// Mornings after day `from` up to day `to`: the mornings after the
/// sessions [`between`] gives.
fn after(mornings: &[Mark], from: NaiveDate, to: NaiveDate) -> &[Mark] {
    let lo = mornings.partition_point(|m| m.date <= from);
    let hi = mornings.partition_point(|m| m.date <= to);
    &mornings[lo..hi.max(lo)]
}

/// Pain during a session: the highest of its steps' answers where steps
/// asked, else pain after.
pub fn pain_during(s: &SessionSummary) -> Option<u8> {
    s.step_pain
        .iter()
        .map(|p| p.pain)
        .max()
        .or(s.pain_after)
        .filter(|&p| super::progress::pain_in_range(p))
}

fn flare(f: &Flare, sessions: &[&SessionSummary], mornings: &[Mark]) -> Option<Why> {
    if let Some(r) = f.pain_rise {
        let rose = sessions
            .iter()
            .find_map(|s| match (s.pain_before, s.pain_after) {
                (Some(b), Some(a))
                    if a >= b.saturating_add(r) && a <= super::progress::PAIN_MAX =>
                {
                    Some(a - b)
                }
                _ => None,
            });
        if let Some(rise) = rose {
            return Some(Why::PainRose { rise });
        }
        if let Some(rise) = mornings.iter().filter_map(|m| m.rise).find(|&x| x >= r) {
            return Some(Why::MorningRose { rise });
        }
    }
    if let Some(n) = f.worse_mornings {
        let count = mornings.iter().filter(|m| m.worse).count();
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        if n > 0 && count >= n {
            return Some(Why::WorseMornings { count });
        }
    }
    None
}

fn calm_enough(
    c: &Calm,
    days: u32,
    sessions: &[&SessionSummary],
    mornings: &[Mark],
    rise: u8,
) -> Option<Why> {
    if let Some(max) = c.pain_during_at_most {
        let pains: Vec<u8> = sessions.iter().filter_map(|s| pain_during(s)).collect();
        let stopped = sessions
            .iter()
            .any(|s| s.outcome == SessionOutcome::Stopped(StopReason::Pain));
        if pains.is_empty() || stopped || pains.iter().any(|&p| p > max) {
            return None;
        }
    }
    if c.mornings_no_worse
        && (mornings.is_empty()
            || mornings
                .iter()
                .any(|m| m.worse || m.rise.is_some_and(|r| r >= rise)))
    {
        return None;
    }
    if let Some(k) = c.sessions_at_least {
        let done = sessions.iter().filter(|s| s.is_completed()).count();
        if u32::try_from(done).unwrap_or(u32::MAX) < k {
            return None;
        }
    }
    Some(Why::Calm {
        days,
        max_pain: c.pain_during_at_most,
        mornings_no_worse: c.mornings_no_worse,
        sessions: c.sessions_at_least,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

/// Moves every unpinned step one step; true when any dose changed.
fn step_all(
    rule: &Progression,
    doses: &mut [Dosed],
    all: &mut Vec<Change>,
    on: NaiveDate,
    why: Why,
    dir: Direction,
) -> bool {
    let mut changed = false;
    for d in doses.iter_mut().filter(|d| !d.pinned) {
        let Some(r) = rule.steps.iter().find(|r| r.step == d.step) else {
            continue;
        };
        let to = moved(r, d.written, d.dose, dir);
        if to != d.dose {
            let change = Change {
                step: d.step.clone(),
                on,
                from: d.dose,
                to,
                why,
            };
            all.push(change.clone());
            d.last = Some(change);
            d.dose = to;
            changed = true;
        }
    }
    changed
}

/// `now` moved one step of `r` in `dir`, kept within the rule's bounds.
fn moved(r: &StepRule, written: Dose, now: Dose, dir: Direction) -> Dose {
    let count = |c: Option<&CountChange>, w: Option<u32>, n: Option<u32>| match (c, w, n) {
        (Some(c), Some(w), Some(n)) => Some(match dir {
            Direction::Up if n < c.max => n.saturating_add(c.add).min(c.max),
            Direction::Down if n > c.min.unwrap_or(w) => {
                n.saturating_sub(c.add).max(c.min.unwrap_or(w)).max(1)
            }
            _ => n,
        }),
        _ => n,
    };
    let hold = match (r.hold, written.hold_ms, now.hold_ms) {
        (Some(h), Some(w), Some(n)) => {
            let (add, max) = (millis(h.add), millis(h.max));
            let min = h.min.map_or(w, millis);
            Some(match dir {
                Direction::Up if n < max => n.saturating_add(add).min(max),
                Direction::Down if n > min => n.saturating_sub(add).max(min).max(1),
                _ => n,
            })
        }
        (.., n) => n,
    };
    Dose {
        hold_ms: hold,
        reps: count(r.reps.as_ref(), written.reps, now.reps),
        sets: count(r.sets.as_ref(), written.sets, now.sets),
    }
}

/// The doses as the log keeps them, one a ruled step.
pub fn logged(doses: &[Dosed]) -> Vec<StepDose> {
    doses
        .iter()
        .map(|d| StepDose {
            step: d.step.clone(),
            dose: d.dose,
        })
        .collect()
}

/// `routine` with `doses` in place of the written ones, in its main
/// steps (the variants keep theirs: see [`find_step`]).
pub fn apply(routine: &Routine, doses: &[StepDose]) -> Routine {
    let mut out = routine.clone();
    for step in &mut out.steps {
        if let Some(d) = doses.iter().find(|d| d.step == step.id) {
            set(step, d.dose);
        }
    }
    out
}

fn set(step: &mut Step, dose: Dose) {
    match &mut step.kind {
        Kind::Hold {
            duration,
            reps,
            sets,
            ..
        } => {
            if let Some(ms) = dose.hold_ms {
                *duration = Dur(std::time::Duration::from_millis(ms));
            }
            *reps = dose.reps.unwrap_or(*reps);
            *sets = dose.sets.unwrap_or(*sets);
        }
        Kind::Reps { count, sets, .. } => {
            *count = dose.reps.unwrap_or(*count);
            *sets = dose.sets.unwrap_or(*sets);
        }
        Kind::Timed { .. } | Kind::Manual => {}
    }
}

/// `routine` at the top of each rule: every unpinned step at its `max`,
/// for the checks that keep a rule from making a session too big.
pub fn at_ceiling(routine: &Routine) -> Routine {
    let Some(rule) = &routine.progression else {
        return routine.clone();
    };
    let doses: Vec<StepDose> = rule
        .steps
        .iter()
        .filter(|r| !r.pin)
        .map(|r| StepDose {
            step: r.step.clone(),
            dose: Dose {
                hold_ms: r.hold.map(|h| millis(h.max)),
                reps: r.reps.map(|c| c.max),
                sets: r.sets.map(|c| c.max),
            },
        })
        .collect();
    apply(routine, &doses)
}
