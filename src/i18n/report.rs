//! What `limber report` says: the page and the Markdown for the
//! physiotherapist, and the index of every patient.

use super::catalog;

catalog! {
    /// The report's words.
    pub struct ReportStrings in "report" {
        title: String,
        /// `{today}`, `{sessions}` (counted), `{first}`, `{last}`.
        span: String,
        empty: String,
        /// Follows the span when `--since`/`--until` is given.
        window: String,
        label_today: String,
        label_course: String,
        label_due: String,
        label_adherence: String,
        label_days: String,
        label_streak: String,
        /// The affected side the patient chose.
        label_side: String,
        due_now: String,
        due_at: String,
        due_tomorrow: String,
        due_course: String,
        /// `{week}` and `{month}`: adherence over 7 and 30 days.
        adherence_value: String,
        /// `{with}` days with a session, `{on}` days on target, of `{of}`.
        days_value: String,
        streak_value: String,
        // Flags
        flags: String,
        flags_none: String,
        flags_columns: [String; 3],
        flag_stopped: String,
        flag_warning: String,
        flag_too_soon: String,
        flag_too_soon_one: String,
        flag_missed: String,
        flag_missed_one: String,
        flag_pain: String,
        /// Words in a note that flag it (matched in lower case, as parts of
        /// words, in every language's list).
        warning_words: Vec<String>,
        /// After a list cut short in Markdown.
        and_more: String,
        /// Opens the rest of a long list on the page.
        and_more_html: String,
        none: String,
        // Pain
        pain: String,
        pain_about: String,
        pain_chart_about: String,
        pain_none: String,
        pain_columns: [String; 4],
        pain_before: String,
        pain_after: String,
        pain_band: String,
        // Adherence
        adherence: String,
        adherence_about: String,
        adherence_columns: [String; 8],
        per_day: String,
        per_week_md: String,
        per_week_done: String,
        per_week_target: String,
        heat_about: String,
        /// Monday first.
        weekdays: [String; 7],
        // Holds, skipped steps, notes
        holds: String,
        holds_about: String,
        holds_columns: [String; 6],
        side_affected: String,
        side_healthy: String,
        skipped: String,
        skipped_columns: [String; 5],
        notes: String,
        notes_columns: [String; 5],
        // The course timeline and the appendix
        timeline: String,
        timeline_columns: [String; 5],
        /// `{pause}`: the pause's length, and sessions done in pauses.
        timeline_pause: String,
        ongoing: String,
        appendix: String,
        rule: String,
        versions_columns: [String; 6],
        made_by: String,
        // Every patient at once
        index_title: String,
        index_about: String,
        index_columns: [String; 5],
        many_need_dir: String,
        many_written: String,
        // Pain during the steps that ask for it
        step_pain: String,
        step_pain_about: String,
        step_pain_columns: [String; 7],
        /// `{step}` the step whose median pain is highest, `{median}` it.
        step_pain_most: String,
        /// Flags: pain at the top of the scale during a step.
        flag_step_pain: String,
        /// `{pain}` during `{step}`.
        flag_step_pain_one: String,
        /// Flags: a morning check flagged (a rise, above the baseline, or
        /// said worse), and its reasons, in the clinician's words.
        flag_morning: String,
        /// `{pain}` and the previous morning's `{from}`.
        flag_morning_rise: String,
        /// `{pain}` and the `{baseline}`, the median of the first mornings.
        flag_morning_baseline: String,
        flag_morning_worse: String,
    }
}
