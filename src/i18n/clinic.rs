//! What the schedule, the pain rules and the self-care notes say: next due,
//! courses counted in days, a proposed variant, a rise in pain, and the
//! self-care screen (also printed in the handout).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use super::{Formats, Lang, Plural, catalog, fill};
use crate::core::due::Due;

catalog! {
    /// Texts of the clinical schedule and of the self-care notes.
    pub struct ClinicStrings in "clinic" {
        // Next due, on home
        due_now: String,
        due_at: String,
        /// A due time on another day than today: `{day}` and `{time}`.
        due_at_day: String,
        due_tomorrow: String,
        due_course: String,
        // Next due, appended to a routine in `limber status`
        status_due: String,
        /// The course counted in days with a session.
        home_course_days: String,
        /// The course in days past its goal: it goes on while sessions
        /// continue.
        home_course_goal_days: String,
        // Setup: pain guides the variant; equipment of one step
        /// `{pain}` the routine's threshold, `{variant}` the proposed title.
        setup_propose: String,
        /// `{item}` needed for `{step}` only.
        setup_equipment_for: String,
        /// A session sooner than the routine's interval after the last
        /// completed one: `{interval}` the interval, `{time}` when it passes.
        setup_too_soon: String,
        /// On the get-ready of a step that needs its own equipment.
        get_ready_needs: String,
        /// Plain mode, before the session: `{pain}` the threshold,
        /// `{variant}` the proposed title, `{id}` its id for `--variant`.
        plain_propose: String,
        // Finish and report: pain rose
        finish_pain_rose: String,
        report_rises: String,
        report_rises_about: String,
        report_rises_columns: Vec<String>,
        report_rises_none: String,
        /// The report's count of sessions started too soon (`{n}`) after
        /// the last completed one, by the routine's `{interval}`.
        report_too_soon: String,
        report_rises_rule: String,
        // Handout: the course in days, and the pain rules
        export_course_days: String,
        export_pain: String,
        /// `{pain}` the routine's threshold, `{variant}` the proposed title.
        export_pain_propose: String,
        /// `{rise}` the routine's `report_rise`, as [`Self::points`] counts it.
        export_pain_rise: String,
        /// Points of the 0–10 pain scale: "2 points".
        points: Plural,
        /// A course's length counted in days: "12 days with a session".
        course_days_with: Plural,
        // Self-care notes: home key, screen, handout
        care_title: String,
        care_prevention_title: String,
        care_prevention: Vec<String>,
        care_cold_title: String,
        care_cold: Vec<String>,
        care_doctor_title: String,
        care_doctor: Vec<String>,
        care_sources: String,
        /// Pain during a step above the pain-monitoring model's limit:
        /// `{pain}` the score.
        step_pain_high: String,
    }
}

/// A time of day as both languages write it: "15:40".
pub fn time_of_day(t: &DateTime<FixedOffset>) -> String {
    t.format("%H:%M").to_string()
}

impl ClinicStrings {
    /// The next due session in words, as of `today`: "due 15:40", "due
    /// now", "next course from 2026-01-14".
    pub fn due(&self, due: &Due, today: NaiveDate, f: &Formats) -> String {
        match due {
            Due::Now => self.due_now.clone(),
            Due::At(t) if t.date_naive() == today => {
                fill(&self.due_at, &[("time", &time_of_day(t))])
            }
            // Another year is said, or "12-31" could be any December.
            Due::At(t) => {
                let day = t.date_naive();
                let day = if day.year() == today.year() {
                    f.day_month(day)
                } else {
                    f.date(day)
                };
                fill(
                    &self.due_at_day,
                    &[("day", &day), ("time", &time_of_day(t))],
                )
            }
            Due::Tomorrow => self.due_tomorrow.clone(),
            Due::CourseFrom(d) => fill(&self.due_course, &[("date", &f.date(*d))]),
        }
    }

    /// Every self-care section: (heading, notes), in the screen's order.
    pub fn care_sections(&self) -> [(&str, &[String]); 3] {
        [
            (&self.care_prevention_title, &self.care_prevention),
            (&self.care_cold_title, &self.care_cold),
            (&self.care_doctor_title, &self.care_doctor),
        ]
    }
}

/// The catalog for `lang` (a shorthand for callers outside the module).
pub fn clinic(lang: Lang) -> ClinicStrings {
    ClinicStrings::load(lang)
}
