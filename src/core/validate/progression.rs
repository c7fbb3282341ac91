//! The checks of a progression rule: its numbers in range, its steps
//! there and of a kind it can change, its bounds around the written dose,
//! and the session at the top of every rule still within the limits.

use super::super::duration::Dur;
use super::super::limits::{
    MAX_COUNT, MAX_EVERY_DAYS, MAX_HOLD_REPS, MAX_PHASES, MAX_SESSION, MAX_SETS, MAX_STEPS,
    MAX_WINDOW_SESSIONS,
};
use super::super::plan::{Size, step_ceiling, step_size};
use super::super::progression::{CountChange, HoldChange, Progression, at_ceiling, find_step};
use super::super::ron_spans::Seg::{self, Field, Index};
use super::super::routine::{Kind, Routine, Side};
use super::{Checker, MINUTE};

impl Checker {
    pub(super) fn progression(&mut self, routine: &Routine, rule: &Progression) {
        let at = |f| vec![Field("progression"), Field(f)];
        if rule.every_days == 0 || rule.every_days > MAX_EVERY_DAYS {
            self.range(
                &at("every_days"),
                format!(
                    "every_days must be from 1 to {MAX_EVERY_DAYS}, not {}",
                    rule.every_days
                ),
                None,
            );
        }
        if let Some(calm) = &rule.raise_when {
            let at = |f| vec![Field("progression"), Field("raise_when"), Field(f)];
            if calm.pain_during_at_most.is_none()
                && !calm.mornings_no_worse
                && calm.sessions_at_least.is_none()
            {
                self.push(
                    &[Field("progression"), Field("raise_when")],
                    "raise_when needs at least one condition",
                    Some("for example Calm(pain_during_at_most: 5, mornings_no_worse: true, sessions_at_least: 10)"),
                );
            }
            if let Some(p) = calm.pain_during_at_most
                && p > 10
            {
                self.range(
                    &at("pain_during_at_most"),
                    format!(
                        "pain_during_at_most must be from 0 to 10 (pain is scored 0-10), not {p}"
                    ),
                    None,
                );
            }
            if let Some(n) = calm.sessions_at_least {
                self.count(
                    &at("sessions_at_least"),
                    "sessions_at_least",
                    n,
                    MAX_WINDOW_SESSIONS,
                );
            }
        }
        if let Some(flare) = &rule.lower_when {
            let at = |f| vec![Field("progression"), Field("lower_when"), Field(f)];
            if let Some(r) = flare.pain_rise
                && !(1..=10).contains(&r)
            {
                self.range(
                    &at("pain_rise"),
                    format!("pain_rise must be from 1 to 10 (pain is scored 0-10), not {r}"),
                    None,
                );
            }
            if let Some(n) = flare.worse_mornings {
                self.count(
                    &at("worse_mornings"),
                    "worse_mornings",
                    n,
                    rule.every_days.clamp(1, MAX_EVERY_DAYS),
                );
            }
        }
        if rule.steps.len() > MAX_STEPS {
            self.range(
                &at("steps"),
                format!(
                    "{} step rules are more than the {MAX_STEPS} limber allows",
                    rule.steps.len()
                ),
                None,
            );
        }
        let out_of_range = self.out_of_range;
        for (i, r) in rule.steps.iter().enumerate() {
            let at = |f| vec![Field("progression"), Field("steps"), Index(i), Field(f)];
            if rule.steps[..i].iter().any(|x| x.step == r.step) {
                self.push(
                    &at("step"),
                    format!("step `{}` already has a rule", r.step),
                    Some("give each step one rule"),
                );
            }
            let Some(step) = find_step(routine, &r.step) else {
                self.push(
                    &at("step"),
                    format!("no step `{}` in the routine's main steps", r.step),
                    Some("a rule follows the main steps; a variant keeps its written dose"),
                );
                continue;
            };
            if r.hold.is_none() && r.reps.is_none() && r.sets.is_none() && !r.pin {
                self.push(
                    &at("step"),
                    format!("the rule for `{}` changes nothing", r.step),
                    Some("add hold, reps or sets, or `pin: true` to keep the written dose"),
                );
            }
            let (hold, up_to, reps, sets) = match &step.kind {
                Kind::Hold {
                    duration,
                    reps,
                    sets,
                    up_to,
                    ..
                } => (
                    Some(*duration),
                    *up_to,
                    Some((*reps, MAX_HOLD_REPS)),
                    Some(*sets),
                ),
                Kind::Reps { count, sets, .. } => {
                    (None, None, Some((*count, MAX_COUNT)), Some(*sets))
                }
                Kind::Timed { .. } | Kind::Manual => (None, None, None, None),
            };
            if let Some(h) = &r.hold {
                match hold {
                    Some(written) => self.hold_change(&at("hold"), h, written, up_to),
                    None => self.push(
                        &at("hold"),
                        format!("step `{}` is not a Hold: it has no hold to change", r.step),
                        None,
                    ),
                }
            }
            for (field, change, written) in [
                ("reps", &r.reps, reps),
                ("sets", &r.sets, sets.map(|s| (s, MAX_SETS))),
            ] {
                let Some(c) = change else { continue };
                match written {
                    Some((w, max)) => self.count_change(&at(field), field, c, w, max),
                    None => self.push(
                        &at(field),
                        format!("step `{}` has no {field} to change", r.step),
                        Some("reps and sets are for Hold and Reps steps"),
                    ),
                }
            }
        }
        if self.out_of_range == out_of_range && self.problems.is_empty() {
            self.ceiling_size(routine);
        }
    }

    fn hold_change(&mut self, path: &[Seg], h: &HoldChange, written: Dur, up_to: Option<Dur>) {
        let at = |f| [path, &[Field(f)]].concat();
        self.positive(&at("add"), "add", h.add, 10 * MINUTE);
        if h.max.0 < written.0 {
            self.range(
                &at("max"),
                format!(
                    "max ({}) is shorter than the step's hold ({written})",
                    h.max
                ),
                Some("the dose rises from the written hold up to max"),
            );
        } else if let Some(up_to) = up_to
            && h.max.0 >= up_to.0
        {
            self.range(
                &at("max"),
                format!(
                    "max ({}) must be shorter than the step's up_to ({up_to})",
                    h.max
                ),
                Some("the hold counts up from its minimum to up_to"),
            );
        } else {
            self.at_most(&at("max"), "max", h.max, 10 * MINUTE);
        }
        if let Some(min) = h.min {
            if min.is_zero() {
                self.range(&at("min"), "min must be more than zero", None);
            } else if min.0 > written.0 {
                self.range(
                    &at("min"),
                    format!("min ({min}) is longer than the step's hold ({written})"),
                    Some("the dose steps back from the written hold down to min"),
                );
            }
        }
    }

    fn count_change(&mut self, path: &[Seg], what: &str, c: &CountChange, written: u32, max: u32) {
        let at = |f| [path, &[Field(f)]].concat();
        self.count(&at("add"), "add", c.add, max);
        if c.max < written {
            self.range(
                &at("max"),
                format!("max ({}) is less than the step's {what} ({written})", c.max),
                Some("the dose rises from the written one up to max"),
            );
        } else {
            self.count(&at("max"), "max", c.max, max);
        }
        if let Some(min) = c.min {
            if min == 0 {
                self.range(&at("min"), "min must be at least 1", None);
            } else if min > written {
                self.range(
                    &at("min"),
                    format!("min ({min}) is more than the step's {what} ({written})"),
                    Some("the dose steps back from the written one down to min"),
                );
            }
        }
    }

    /// The session with every rule at its top must keep within the
    /// limits a written session keeps: a rule cannot grow a plan past
    /// them over the weeks.
    fn ceiling_size(&mut self, routine: &Routine) {
        let top = at_ceiling(routine);
        // The main steps only: the rule leaves the variants as written.
        let steps = &top.steps;
        let last = steps.len().saturating_sub(1);
        let worst = steps
            .iter()
            .enumerate()
            .fold(Size::default(), |acc, (i, step)| {
                let sides = step.sides.order(Side::Left).len() as u32;
                acc.then(step_size(&top, step, i == last, Side::Left))
                    .then(Size {
                        phases: 0,
                        total: step_ceiling(&step.kind).saturating_mul(sides),
                    })
            });
        let at = [Field("progression"), Field("steps")];
        if worst.phases > MAX_PHASES {
            self.push(
                &at,
                format!(
                    "at the top of its rules a session would have {} phases, more than the {MAX_PHASES} limber allows",
                    worst.phases
                ),
                Some("lower a max"),
            );
        }
        if worst.total > MAX_SESSION {
            self.push(
                &at,
                format!(
                    "at the top of its rules a session would last {}, longer than the {} limber allows",
                    Dur(worst.total),
                    Dur(MAX_SESSION)
                ),
                Some("lower a max"),
            );
        }
    }
}
