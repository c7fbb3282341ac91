//! A new version's changes in the patient's words: one line each, every
//! text from the files made visible.

use std::time::Duration;

use crate::core::prescription::diff::Amendment;
use crate::core::prescription::{Payload, Physio};
use crate::core::routine::{Kind, PainRules, Schedule, Side};
use crate::core::sanitize::visible;
use crate::i18n::durations::words;
use crate::i18n::{Formats, Lang, RxStrings, Strings, fill};

pub struct RxWords {
    pub s: RxStrings,
    ui: Strings,
    pub f: Formats,
    lang: Lang,
}

impl RxWords {
    pub fn load(lang: Lang) -> RxWords {
        RxWords {
            s: RxStrings::load(lang),
            ui: Strings::load(lang),
            f: Formats::load(lang),
            lang,
        }
    }

    fn time(&self, d: Duration) -> String {
        words(d, &self.ui, &self.f)
    }

    pub fn side(&self, side: Option<Side>) -> String {
        match side {
            Some(Side::Left) => self.s.side_left.clone(),
            Some(Side::Right) => self.s.side_right.clone(),
            Some(Side::Both) => self.s.side_both.clone(),
            None => self.s.side_none.clone(),
        }
    }

    /// A step's numbers: "3 × 30 s hold, 2 sets".
    pub fn dose(&self, kind: &Kind) -> String {
        let s = &self.s;
        let sets = |n: u32| {
            if n > 1 {
                fill(&s.dose_sets, &[("sets", &n.to_string())])
            } else {
                String::new()
            }
        };
        match kind {
            Kind::Timed { duration } => fill(&s.dose_timed, &[("time", &self.time(duration.0))]),
            Kind::Hold {
                duration,
                reps,
                sets: n,
                up_to,
                ..
            } => {
                let mut out = fill(
                    &s.dose_hold,
                    &[
                        ("reps", &reps.to_string()),
                        ("time", &self.time(duration.0)),
                    ],
                );
                if let Some(up) = up_to {
                    out.push_str(&fill(&s.dose_up_to, &[("time", &self.time(up.0))]));
                }
                out + &sets(*n)
            }
            Kind::Reps { count, sets: n, .. } => {
                fill(&s.dose_reps, &[("count", &count.to_string())]) + &sets(*n)
            }
            Kind::Manual => s.dose_manual.clone(),
        }
    }

    /// "2 times a day, 4 h apart, course of 12 sessions, then 3 days off".
    pub fn schedule(&self, sc: &Schedule) -> String {
        let s = &self.s;
        let mut out = s.times_a_day.count(self.lang, u64::from(sc.times_per_day));
        if let Some(gap) = &sc.interval {
            out.push_str(&fill(&s.schedule_interval, &[("time", &self.time(gap.0))]));
        }
        if let Some(c) = &sc.course {
            out.push_str(&fill(
                &s.schedule_course,
                &[
                    (
                        "sessions",
                        &s.sessions.count(self.lang, u64::from(c.sessions)),
                    ),
                    ("days", &s.days.count(self.lang, u64::from(c.pause_days))),
                ],
            ));
        }
        out
    }

    pub fn pain(&self, p: Option<&PainRules>) -> String {
        let s = &self.s;
        let mut parts = Vec::new();
        if let Some(n) = p.and_then(|p| p.propose_at) {
            parts.push(fill(&s.pain_propose, &[("n", &n.to_string())]));
        }
        if let Some(n) = p.and_then(|p| p.report_rise) {
            parts.push(fill(&s.pain_report, &[("n", &n.to_string())]));
        }
        if parts.is_empty() {
            s.pain_none.clone()
        } else {
            parts.join(", ")
        }
    }

    /// The line for one change.
    pub fn change(&self, c: &Amendment) -> String {
        let s = &self.s;
        let v = |t: &str| visible(t).into_owned();
        let two = |t: &str, before: String, after: String| {
            fill(t, &[("before", &before), ("after", &after)])
        };
        match c {
            Amendment::Patient { before, after } => two(&s.change_patient, v(before), v(after)),
            Amendment::Physio { before, after } => two(&s.change_physio, v(before), v(after)),
            Amendment::Side { before, after } => {
                two(&s.change_side, self.side(*before), self.side(*after))
            }
            Amendment::Starts { before, after } => {
                two(&s.change_starts, self.f.date(*before), self.f.date(*after))
            }
            Amendment::RoutineAdded { routine } => {
                fill(&s.change_routine_added, &[("routine", &v(routine))])
            }
            Amendment::RoutineRemoved { routine } => {
                fill(&s.change_routine_removed, &[("routine", &v(routine))])
            }
            Amendment::StepAdded { routine, step } => fill(
                &s.change_step_added,
                &[("routine", &v(routine)), ("step", &v(step))],
            ),
            Amendment::StepRemoved { routine, step } => fill(
                &s.change_step_removed,
                &[("routine", &v(routine)), ("step", &v(step))],
            ),
            Amendment::Dose {
                routine,
                step,
                before,
                after,
            } => fill(
                &s.change_dose,
                &[
                    ("routine", &v(routine)),
                    ("step", &v(step)),
                    ("before", &self.dose(before)),
                    ("after", &self.dose(after)),
                ],
            ),
            Amendment::StepOther { routine, step } => fill(
                &s.change_step_other,
                &[("routine", &v(routine)), ("step", &v(step))],
            ),
            Amendment::Schedule {
                routine,
                before,
                after,
            } => fill(
                &s.change_schedule,
                &[
                    ("routine", &v(routine)),
                    ("before", &self.schedule(before)),
                    ("after", &self.schedule(after)),
                ],
            ),
            Amendment::PainRules {
                routine,
                before,
                after,
            } => fill(
                &s.change_pain,
                &[
                    ("routine", &v(routine)),
                    ("before", &self.pain(before.as_ref())),
                    ("after", &self.pain(after.as_ref())),
                ],
            ),
            Amendment::RoutineOther { routine } => {
                fill(&s.change_routine_other, &[("routine", &v(routine))])
            }
        }
    }

    /// "Prescription ID, version N, for PATIENT, from PHYSIO (CONTACT), starting DATE".
    pub fn heading(&self, p: &Payload) -> String {
        fill(
            &self.s.import_from,
            &[
                ("id", &visible(&p.id)),
                ("version", &p.version.to_string()),
                ("patient", &visible(&p.patient)),
                ("physio", &visible(&p.physio.name)),
                ("contact", &self.contact(&p.physio)),
                ("date", &self.f.date(p.starts)),
            ],
        )
    }

    fn contact(&self, p: &Physio) -> String {
        if p.contact.is_empty() {
            String::new()
        } else {
            fill(&self.s.import_contact, &[("contact", &visible(&p.contact))])
        }
    }
}
