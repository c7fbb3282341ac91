//! Semantic checks on a routine that parsed: everything serde cannot say.
//!
//! Every problem is reported (not just the first), each with the path of the
//! value at fault so the loader can turn it into a line and column.

use std::collections::HashMap;
use std::time::Duration;

use super::duration::Dur;
use super::ron_spans::Seg::{self, Field, Index};
use super::routine::{Kind, Routine, Sides, Step};

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

    /// A duration that must be more than zero and at most `max`.
    fn positive(&mut self, path: &[Seg], what: &str, d: Dur, max: Duration) {
        if d.is_zero() {
            self.push(path, format!("{what} must be more than zero"), None);
        } else {
            self.at_most(path, what, d, max);
        }
    }

    fn at_most(&mut self, path: &[Seg], what: &str, d: Dur, max: Duration) {
        if d.0 > max {
            self.push(
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
            self.push(path, format!("{what} must be at least 1"), None);
        } else if n > max {
            self.push(
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

    fn steps(&mut self, base: &[Seg], steps: &[Step], sided: bool) {
        let path = |tail: &[Seg]| [base, tail].concat();
        if steps.is_empty() {
            self.push(base, "a routine needs at least one step", None);
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
            if !sided && matches!(step.sides, Sides::Affected | Sides::AffectedFirst) {
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
                } => {
                    self.positive(
                        &kind(&[Field("duration")]),
                        "a hold",
                        *duration,
                        10 * MINUTE,
                    );
                    self.count(&kind(&[Field("reps")]), "reps", *reps, 100);
                    self.count(&kind(&[Field("sets")]), "sets", *sets, 20);
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
                    self.count(&kind(&[Field("count")]), "count", *count, 200);
                    self.count(&kind(&[Field("sets")]), "sets", *sets, 20);
                    self.at_most(
                        &kind(&[Field("set_rest")]),
                        "set_rest",
                        *set_rest,
                        10 * MINUTE,
                    );
                    if tempo.is_empty() {
                        self.push(
                            &kind(&[Field("tempo")]),
                            "a rep needs at least one beat in `tempo`",
                            Some("for example tempo: [Beat(label: \"Push\", duration: \"5s\")]"),
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
    c.steps(&[Field("steps")], &routine.steps, routine.sided);

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
        c.steps(&at("steps"), &variant.steps, routine.sided);
    }
    c.problems
}
