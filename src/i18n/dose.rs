//! What a progression rule's dose says: the change and its reason on the
//! setup screen and in plain mode, and the report's "dose over time".

use std::time::Duration;

use super::durations::words;
use super::{Formats, Lang, Plural, Strings, catalog, fill};
use crate::core::progression::{Change, Dose, Why};

catalog! {
    /// Texts of the dose a progression rule sets.
    pub struct DoseStrings in "dose" {
        /// Above the changed doses on the setup screen.
        setup_heading: String,
        /// One changed step: `{step}` its title, `{what}` the change,
        /// `{why}` the reason.
        line: String,
        /// `{now}` and `{was}` the hold's length.
        hold_changed: String,
        /// `{now}` the count in words ("12 reps"), `{was}` the number.
        count_changed: String,
        reps: Plural,
        sets: Plural,
        /// A raise: `{days}` the window in words, `{conditions}` what held.
        why_calm: String,
        days: Plural,
        /// `{pain}` the rule's most pain during.
        cond_pain: String,
        cond_mornings: String,
        /// `{sessions}` the completed sessions asked for, in words.
        cond_sessions: String,
        sessions: Plural,
        /// Between the last two conditions.
        and: String,
        /// A lowering: `{points}` the rise in words.
        why_pain_rose: String,
        why_morning_rose: String,
        points: Plural,
        /// `{times}` the count in words.
        why_worse_mornings: String,
        times: Plural,
        // The report's section
        report_title: String,
        report_about: String,
        report_columns: Vec<String>,
    }
}

impl DoseStrings {
    /// What changed in words: "Hold 35 s, was 30 s; 10 reps, was 8".
    pub fn what(&self, from: Dose, to: Dose, lang: Lang) -> String {
        let s = Strings::get(lang);
        let f = Formats::get(lang);
        let mut parts = Vec::new();
        if let (Some(a), Some(b)) = (from.hold_ms, to.hold_ms)
            && a != b
        {
            let w = |ms| words(Duration::from_millis(ms), s, f);
            parts.push(fill(&self.hold_changed, &[("now", &w(b)), ("was", &w(a))]));
        }
        for (plural, a, b) in [
            (&self.reps, from.reps, to.reps),
            (&self.sets, from.sets, to.sets),
        ] {
            if let (Some(a), Some(b)) = (a, b)
                && a != b
            {
                let now = plural.count(lang, u64::from(b));
                parts.push(fill(
                    &self.count_changed,
                    &[("now", &now), ("was", &a.to_string())],
                ));
            }
        }
        parts.join("; ")
    }

    /// A dose in words: "35 s, 2 reps, 1 set".
    pub fn dose(&self, dose: Dose, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(ms) = dose.hold_ms {
            parts.push(words(
                Duration::from_millis(ms),
                Strings::get(lang),
                Formats::get(lang),
            ));
        }
        for (plural, n) in [(&self.reps, dose.reps), (&self.sets, dose.sets)] {
            if let Some(n) = n {
                parts.push(plural.count(lang, u64::from(n)));
            }
        }
        parts.join(", ")
    }

    /// Why, in words: "7 days with pain during at most 5 and mornings no
    /// worse".
    pub fn why(&self, why: Why, lang: Lang) -> String {
        match why {
            Why::Calm {
                days,
                max_pain,
                mornings_no_worse,
                sessions,
            } => {
                let mut conditions = Vec::new();
                if let Some(p) = max_pain {
                    conditions.push(fill(&self.cond_pain, &[("pain", &p.to_string())]));
                }
                if mornings_no_worse {
                    conditions.push(self.cond_mornings.clone());
                }
                if let Some(n) = sessions {
                    let n = self.sessions.count(lang, u64::from(n));
                    conditions.push(fill(&self.cond_sessions, &[("sessions", &n)]));
                }
                let conditions = match conditions.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{}{}{last}", rest.join(", "), self.and)
                    }
                    _ => conditions.concat(),
                };
                let days = self.days.count(lang, u64::from(days));
                fill(
                    &self.why_calm,
                    &[("days", &days), ("conditions", &conditions)],
                )
            }
            Why::PainRose { rise } => fill(
                &self.why_pain_rose,
                &[("points", &self.points.count(lang, u64::from(rise)))],
            ),
            Why::MorningRose { rise } => fill(
                &self.why_morning_rose,
                &[("points", &self.points.count(lang, u64::from(rise)))],
            ),
            Why::WorseMornings { count } => fill(
                &self.why_worse_mornings,
                &[("times", &self.times.count(lang, u64::from(count)))],
            ),
        }
    }

    /// The setup screen's and plain mode's line for one change:
    /// "Knee across: Hold 35 s, was 30 s: 7 days with pain during at most
    /// 5 and mornings no worse".
    pub fn change(&self, step_title: &str, change: &Change, lang: Lang) -> String {
        fill(
            &self.line,
            &[
                ("step", step_title),
                ("what", &self.what(change.from, change.to, lang)),
                ("why", &self.why(change.why, lang)),
            ],
        )
    }
}
