//! What the history says to people: the history screen, and the text of
//! `limber history --format table`, `limber report` and `limber status`.
//!
//! CSV and JSON are for programs, not people: they keep English codes and
//! ISO dates in every language, and take nothing from here.

use super::{Formats, Lang, Plural, catalog};
use crate::core::progress::{Adherence, SessionOutcome};
use crate::core::record::StopReason;
use crate::core::routine::Side;

catalog! {
    /// The history screen, the table, the report and the status line.
    pub struct HistoryStrings in "history" {
        // How a session ended
        outcome_completed: String,
        /// Ran to the end with a required step skipped; not counted.
        outcome_completed_with_skips: String,
        outcome_stopped_pain: String,
        outcome_stopped: String,
        outcome_abandoned: String,
        outcome_interrupted: String,
        reason_pain: String,
        reason_other: String,
        side_left: String,
        side_right: String,
        side_both: String,
        /// How long a hold "as long as possible" lasted, `{time}`.
        detail_held: String,
        /// `limber report`: holds "as long as possible", per step and side.
        report_holds: String,
        report_holds_about: String,
        report_holds_columns: [String; 7],
        /// `{s}` seconds, under a minute.
        duration_s: String,
        /// `{m}` minutes and `{s}` two-digit seconds, under an hour.
        duration_m: String,
        /// `{h}` hours and `{m}` two-digit minutes.
        duration_h: String,
        sessions: Plural,
        days: Plural,
        // The history screen
        screen_larger: String,
        screen_today: String,
        /// Follows the count: "2 unreadable log lines skipped".
        screen_unreadable: Plural,
        /// A damaged log line, reported on stderr by the commands.
        log_line_skipped: String,
        /// The calendar's legend, two lines of at most 29 characters.
        legend_met: String,
        legend_rest: String,
        progress_title: String,
        label_today: String,
        label_course: String,
        label_streak: String,
        label_adherence: String,
        today_value: String,
        course_none: String,
        course_in_progress: String,
        /// Follows "of" in "course 2: 5/12 sessions" (Russian: «из 12 сеансов»).
        of_sessions: Plural,
        course_pause: String,
        course_ready: String,
        streak_value: String,
        adherence_value: String,
        pain_title: String,
        pain_before: String,
        pain_after: String,
        pain_none: String,
        sessions_title: String,
        sessions_title_at: String,
        sessions_none: String,
        session_pain: String,
        detail_version: String,
        detail_variant: String,
        detail_active: String,
        detail_paused: String,
        detail_no_steps: String,
        detail_note: String,
        // `limber history --format table`
        table_columns: [String; 10],
        table_empty: String,
        // `limber status` and the course column of the report
        status_course: String,
        status_today: String,
        course_short: String,
        /// `limber status` for a course past its goal
        /// (`CourseProgress::goal_reached`): it goes on.
        course_short_goal: String,
        course_short_pause: String,
        course_short_ready: String,
        // `limber report`
        report_title: String,
        report_span: String,
        report_empty: String,
        report_rule: String,
        report_adherence: String,
        report_adherence_columns: [String; 8],
        report_per_day: String,
        /// Streaks in the adherence table.
        report_days: Plural,
        report_courses: String,
        report_courses_columns: [String; 5],
        /// Follows the count: "(2 sessions done during pauses, not counted)".
        report_pause_sessions: Plural,
        report_pain: String,
        report_pain_about: String,
        report_pain_none: String,
        report_pain_columns: [String; 5],
        report_versions: String,
        report_versions_columns: [String; 6],
        report_none: String,
        report_stopped: String,
        report_stopped_columns: [String; 7],
        report_not_completed: String,
    }
}

impl HistoryStrings {
    /// What to call how a session ended.
    pub fn outcome(&self, o: SessionOutcome) -> &str {
        match o {
            SessionOutcome::Completed => &self.outcome_completed,
            SessionOutcome::CompletedWithSkips => &self.outcome_completed_with_skips,
            SessionOutcome::Stopped(StopReason::Pain) => &self.outcome_stopped_pain,
            SessionOutcome::Stopped(StopReason::Other) => &self.outcome_stopped,
            SessionOutcome::Abandoned => &self.outcome_abandoned,
            SessionOutcome::Interrupted => &self.outcome_interrupted,
        }
    }

    /// The widest outcome name, for a column that holds any of them.
    pub fn outcome_width(&self) -> usize {
        [
            &self.outcome_completed,
            &self.outcome_completed_with_skips,
            &self.outcome_stopped_pain,
            &self.outcome_stopped,
            &self.outcome_abandoned,
            &self.outcome_interrupted,
        ]
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
    }

    pub fn reason(&self, r: StopReason) -> &str {
        match r {
            StopReason::Pain => &self.reason_pain,
            StopReason::Other => &self.reason_other,
        }
    }

    pub fn side(&self, s: Side) -> &str {
        match s {
            Side::Left => &self.side_left,
            Side::Right => &self.side_right,
            Side::Both => &self.side_both,
        }
    }
}

/// What the history is written with in one language: its words, and how it
/// writes dates and numbers.
#[derive(Clone, Debug)]
pub struct Words {
    pub lang: Lang,
    pub s: HistoryStrings,
    pub f: Formats,
}

impl Words {
    pub fn new(lang: Lang) -> Self {
        Words {
            lang,
            s: HistoryStrings::load(lang),
            f: Formats::load(lang),
        }
    }

    /// `n` followed by the right form of `word`: "3 days", "3 дня".
    pub fn count(&self, word: &Plural, n: u64) -> String {
        word.count(self.lang, n)
    }

    /// "85%" / "85 %", or "–" when nothing was due.
    pub fn percent(&self, a: &Adherence) -> String {
        a.ratio().map_or_else(|| "–".into(), |r| self.f.percent(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, fill};

    #[test]
    fn the_legend_fits_under_one_month() {
        for lang in [Lang::En, Lang::Ru] {
            let s = HistoryStrings::load(lang);
            let met = fill(&s.legend_met, &[("target", "3")]);
            for line in [met.as_str(), &s.legend_rest] {
                assert!(line.chars().count() <= 29, "{lang:?}: {line}");
            }
        }
    }
}
