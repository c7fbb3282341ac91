//! Semantic checks on a routine that parsed: everything serde cannot say.
//!
//! Every problem is reported (not just the first), each with the path of the
//! value at fault so the loader can turn it into a line and column.

use std::collections::HashMap;
use std::time::Duration;

use super::duration::Dur;
use super::limits::{
    MAX_BEATS, MAX_COUNT, MAX_HOLD_REPS, MAX_PHASES, MAX_SESSION, MAX_SETS, MAX_STEPS,
};
use super::plan::{Size, step_ceiling, step_size};
use super::ron_spans::Seg::{self, Field, Index};
use super::routine::{Kind, Routine, Side, Sides, Step};

/// Languages limber has texts for.
pub const LANGUAGES: &[&str] = &["en", "ru"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: Vec<Seg>,
    pub message: String,
    pub hint: Option<String>,
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    /// How many of the problems are a number, duration or list outside its
    /// range: those that make a session bigger than meant.
    out_of_range: usize,
}

const MINUTE: Duration = Duration::from_secs(60);

impl Checker {
    fn push(&mut self, path: &[Seg], message: impl Into<String>, hint: Option<&str>) {
        self.problems.push(Problem {
            path: path.to_vec(),
            message: message.into(),
            hint: hint.map(str::to_string),
        });
    }

    /// A value outside its range.
    fn range(&mut self, path: &[Seg], message: impl Into<String>, hint: Option<&str>) {
        self.out_of_range += 1;
        self.push(path, message, hint);
    }

    /// A duration that must be more than zero and at most `max`.
    fn positive(&mut self, path: &[Seg], what: &str, d: Dur, max: Duration) {
        if d.is_zero() {
            self.range(path, format!("{what} must be more than zero"), None);
        } else {
            self.at_most(path, what, d, max);
        }
    }

    fn at_most(&mut self, path: &[Seg], what: &str, d: Dur, max: Duration) {
        if d.0 > max {
            self.range(
                path,
                format!(
                    "{what} of {d} is longer than the {} limber allows",
                    Dur(max)
                ),
                None,
            );
        }
    }

    fn count(&mut self, path: &[Seg], what: &str, n: u32, max: u32) {
        if n == 0 {
            self.range(path, format!("{what} must be at least 1"), None);
        } else if n > max {
            self.range(
                path,
                format!("{what} of {n} is more than the {max} limber allows"),
                None,
            );
        }
    }

    fn id(&mut self, path: &[Seg], what: &str, id: &str) {
        if !super::routine::valid_id(id) {
            self.push(
                path,
                format!("{what} `{id}` is not a valid id"),
                Some("ids use lowercase letters, digits and `-`, like \"knee-pushes\""),
            );
        }
    }

    fn text(&mut self, path: &[Seg], what: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(path, format!("{what} must not be empty"), None);
        }
    }

    fn steps(&mut self, base: &[Seg], routine: &Routine, steps: &[Step]) {
        let path = |tail: &[Seg]| [base, tail].concat();
        let out_of_range = self.out_of_range;
        if steps.is_empty() {
            self.push(base, "a routine needs at least one step", None);
        }
        if steps.len() > MAX_STEPS {
            self.range(
                base,
                format!(
                    "{} steps are more than the {MAX_STEPS} limber allows",
                    steps.len()
                ),
                None,
            );
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, step) in steps.iter().enumerate() {
            let at = |tail: &[Seg]| path(&[&[Index(i)], tail].concat());
            self.id(&at(&[Field("id")]), "step id", &step.id);
            if let Some(first) = seen.insert(&step.id, i) {
                self.push(
                    &at(&[Field("id")]),
                    format!(
                        "step id `{}` is already used by step {}",
                        step.id,
                        first + 1
                    ),
                    Some("every step in a list needs its own id"),
                );
            }
            self.text(&at(&[Field("title")]), "step title", &step.title);
            if !routine.sided && matches!(step.sides, Sides::Affected | Sides::AffectedFirst) {
                self.push(
                    &at(&[Field("sides")]),
                    "this step works the affected side, but the routine does not ask which side is affected",
                    Some("add `sided: true` to the routine, or use `sides: Each` or `sides: None`"),
                );
            }
            if let Some(d) = step.get_ready {
                self.at_most(&at(&[Field("get_ready")]), "get_ready", d, 5 * MINUTE);
            }
            self.at_most(
                &at(&[Field("rest_after")]),
                "rest_after",
                step.rest_after,
                30 * MINUTE,
            );
            let kind = |tail: &[Seg]| at(&[&[Field("kind")], tail].concat());
            match &step.kind {
                Kind::Timed { duration } => {
                    self.positive(
                        &kind(&[Field("duration")]),
                        "duration",
                        *duration,
                        60 * MINUTE,
                    );
                }
                Kind::Hold {
                    duration,
                    reps,
                    rest,
                    sets,
                    set_rest,
                    up_to,
                } => {
                    self.positive(
                        &kind(&[Field("duration")]),
                        "a hold",
                        *duration,
                        10 * MINUTE,
                    );
                    if let Some(up_to) = up_to {
                        let at = kind(&[Field("up_to")]);
                        if up_to.0 <= duration.0 {
                            self.range(
                                &at,
                                format!(
                                    "up_to ({up_to}) must be longer than the hold's minimum duration ({duration})"
                                ),
                                Some("the hold lasts at least `duration`, then counts up until the patient lets go, at most `up_to`"),
                            );
                        } else {
                            self.at_most(&at, "up_to", *up_to, 10 * MINUTE);
                        }
                    }
                    self.count(&kind(&[Field("reps")]), "reps", *reps, MAX_HOLD_REPS);
                    self.count(&kind(&[Field("sets")]), "sets", *sets, MAX_SETS);
                    self.at_most(&kind(&[Field("rest")]), "rest", *rest, 10 * MINUTE);
                    self.at_most(
                        &kind(&[Field("set_rest")]),
                        "set_rest",
                        *set_rest,
                        10 * MINUTE,
                    );
                }
                Kind::Reps {
                    count,
                    tempo,
                    sets,
                    set_rest,
                } => {
                    self.count(&kind(&[Field("count")]), "count", *count, MAX_COUNT);
                    self.count(&kind(&[Field("sets")]), "sets", *sets, MAX_SETS);
                    self.at_most(
                        &kind(&[Field("set_rest")]),
                        "set_rest",
                        *set_rest,
                        10 * MINUTE,
                    );
                    if tempo.is_empty() {
                        self.range(
                            &kind(&[Field("tempo")]),
                            "a rep needs at least one beat in `tempo`",
                            Some("for example tempo: [Beat(label: \"Push\", duration: \"5s\")]"),
                        );
                    }
                    if tempo.len() > MAX_BEATS {
                        self.range(
                            &kind(&[Field("tempo")]),
                            format!(
                                "a rep of {} beats is more than the {MAX_BEATS} limber allows",
                                tempo.len()
                            ),
                            None,
                        );
                    }
                    for (b, beat) in tempo.iter().enumerate() {
                        let beat_at = |f| kind(&[Field("tempo"), Index(b), Field(f)]);
                        self.text(&beat_at("label"), "a beat label", &beat.label);
                        self.positive(&beat_at("duration"), "a beat", beat.duration, 5 * MINUTE);
                    }
                }
                Kind::Manual => {}
            }
        }
        // A value out of range is reported where it is written; the size
        // of the session it makes would only say the same again, further
        // from the mistake.
        if self.out_of_range == out_of_range {
            self.plan_size(base, routine, steps);
        }
    }

    /// The session these steps make, measured as `expand` would build it,
    /// reported at the step where it passes each limit.
    fn plan_size(&mut self, base: &[Seg], routine: &Routine, steps: &[Step]) {
        let last = steps.len().saturating_sub(1);
        let running: Vec<Size> = steps
            .iter()
            .enumerate()
            .scan(Size::default(), |acc, (i, step)| {
                // The length limit counts holds "as long as possible" at
                // their ceiling, on each side.
                let sides = step.sides.order(Side::Left).len() as u32;
                let ceiling = Size {
                    phases: 0,
                    total: step_ceiling(&step.kind).saturating_mul(sides),
                };
                *acc = acc
                    .then(step_size(routine, step, i == last, Side::Left))
                    .then(ceiling);
                Some(*acc)
            })
            .collect();
        let total = running.last().copied().unwrap_or_default();
        let step = |i: usize| [base, &[Index(i)]].concat();
        if let Some(i) = running.iter().position(|s| s.phases > MAX_PHASES) {
            self.push(
                &step(i),
                format!(
                    "a session would have {} phases, more than the {MAX_PHASES} limber allows",
                    total.phases
                ),
                Some("it passes the limit at this step; every get-ready, hold, rest, beat and pause is a phase"),
            );
        }
        if let Some(i) = running.iter().position(|s| s.total > MAX_SESSION) {
            self.push(
                &step(i),
                format!(
                    "a session would last {}, longer than the {} limber allows",
                    Dur(total.total),
                    Dur(MAX_SESSION)
                ),
                Some("it passes the limit at this step"),
            );
        }
    }
}

/// All semantic problems of `routine`, in file order.
pub fn validate(routine: &Routine) -> Vec<Problem> {
    let mut c = Checker::default();
    c.id(&[Field("id")], "routine id", &routine.id);
    if routine.version == 0 {
        c.push(&[Field("version")], "version must be at least 1", None);
    }
    if !LANGUAGES.contains(&routine.lang.as_str()) {
        c.push(
            &[Field("lang")],
            format!("unknown language `{}`", routine.lang),
            Some("limber has texts for \"en\" and \"ru\""),
        );
    }
    c.text(&[Field("title")], "title", &routine.title);
    let schedule = &routine.schedule;
    c.count(
        &[Field("schedule"), Field("times_per_day")],
        "times_per_day",
        schedule.times_per_day,
        12,
    );
    if let Some(interval) = schedule.interval {
        c.positive(
            &[Field("schedule"), Field("interval")],
            "interval",
            interval,
            24 * 60 * MINUTE,
        );
    }
    if let Some(course) = &schedule.course {
        let at = |f| [Field("schedule"), Field("course"), Field(f)];
        c.count(&at("sessions"), "sessions per course", course.sessions, 100);
        if course.pause_days > 365 {
            c.push(
                &at("pause_days"),
                format!(
                    "a pause of {} days is more than the 365 limber allows",
                    course.pause_days
                ),
                None,
            );
        }
    }
    c.at_most(
        &[Field("get_ready")],
        "get_ready",
        routine.get_ready,
        5 * MINUTE,
    );
    c.at_most(
        &[Field("switch_side")],
        "switch_side",
        routine.switch_side,
        5 * MINUTE,
    );
    c.steps(&[Field("steps")], routine, &routine.steps);

    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (v, variant) in routine.variants.iter().enumerate() {
        let at = |f| [Field("variants"), Index(v), Field(f)];
        c.id(&at("id"), "variant id", &variant.id);
        if let Some(first) = seen.insert(&variant.id, v) {
            c.push(
                &at("id"),
                format!(
                    "variant id `{}` is already used by variant {}",
                    variant.id,
                    first + 1
                ),
                None,
            );
        }
        c.text(&at("title"), "variant title", &variant.title);
        c.steps(&at("steps"), routine, &variant.steps);
    }
    if let Some(rules) = &routine.pain {
        c.pain_rules(routine, rules);
    }
    if let Some(rule) = &routine.progression {
        c.progression(routine, rule);
    }
    if let Some(m) = &routine.measures {
        c.measures(m);
    }
    c.problems
}

impl Checker {
    fn measures(&mut self, m: &super::outcome::Measures) {
        use super::outcome::due::MAX_DAYS;
        for (field, days) in m.fields() {
            if let Some(d) = days
                && d > MAX_DAYS
            {
                self.range(
                    &[Field("measures"), Field(field)],
                    format!("{field} every {d} days is more than the {MAX_DAYS} limber allows"),
                    Some("days between two asks; 0 means this routine does not ask it"),
                );
            }
        }
    }

    fn pain_rules(&mut self, routine: &Routine, rules: &super::routine::PainRules) {
        let at = |f| [Field("pain"), Field(f)];
        for (field, value) in [
            ("propose_at", rules.propose_at),
            ("report_rise", rules.report_rise),
        ] {
            if let Some(v) = value
                && !(1..=10).contains(&v)
            {
                self.range(
                    &at(field),
                    format!("{field} must be from 1 to 10 (pain is scored 0-10), not {v}"),
                    None,
                );
            }
        }
        match (&rules.propose_at, &rules.variant) {
            (Some(_), None) => self.push(
                &at("propose_at"),
                "propose_at needs the variant to propose",
                Some("add `variant: \"gentle\"` (the id of one of the routine's variants)"),
            ),
            (None, Some(_)) => self.push(
                &at("variant"),
                "a variant to propose needs `propose_at`, the pain that proposes it",
                None,
            ),
            (_, Some(id)) if !routine.variants.iter().any(|v| &v.id == id) => self.push(
                &at("variant"),
                format!("no variant `{id}` to propose"),
                Some("use the id of one of the routine's variants"),
            ),
            _ => {}
        }
    }
}

mod progression;

#[cfg(test)]
mod tests;
