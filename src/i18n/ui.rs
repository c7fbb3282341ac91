//! The coach's own words: home, setup, session, finish, keys, the handout.

use super::{Plural, catalog};
use crate::core::routine::Equipment;

catalog! {
    /// Everything the coach (TUI), plain mode and the handout say.
    pub struct Strings in "ui" {
        app_title: String,
        // Home
        home_routines: String,
        home_today: String,
        home_course: String,
        /// The course past its goal: it goes on while sessions continue.
        home_course_goal: String,
        home_next_course: String,
        home_no_routines: String,
        home_broken: String,
        // Safety notice
        safety_title: String,
        safety_lines: Vec<String>,
        safety_accept: String,
        // Setup before a session
        setup_side: String,
        setup_variant: String,
        setup_variant_main: String,
        setup_equipment: String,
        setup_safety: String,
        setup_pain_before: String,
        setup_pain_skip: String,
        setup_start: String,
        setup_steps: String,
        setup_step_manual: String,
        scroll_more: String,
        // Session
        phase_get_ready: String,
        phase_work: String,
        phase_hold: String,
        phase_rest: String,
        phase_switch_side: String,
        phase_set_rest: String,
        phase_rest_after: String,
        phase_wait: String,
        side_left: String,
        side_right: String,
        leg_left: String,
        leg_right: String,
        /// Both legs affected: the setup choice and the session's side.
        side_both: String,
        leg_both: String,
        /// The count-up of a hold "as long as possible", after its minimum.
        phase_hold_on: String,
        /// Under the count-up: how to end it.
        hold_on_hint: String,
        /// Under the count-up: its ceiling, `{time}`.
        hold_up_to: String,
        /// How long a hold "as long as possible" lasted, `{time}`: the
        /// session screen and the finish screen.
        held_time: String,
        rep_of: String,
        set_of: String,
        next_up: String,
        next_finish: String,
        total_left: String,
        paused: String,
        paused_hint: String,
        preview_badge: String,
        time_away: String,
        press_enter_ready: String,
        ready_big: String,
        enlarge: String,
        // Overlays
        help_title: String,
        quit_confirm: String,
        quit_title: String,
        quit_preview: String,
        stop_title: String,
        stop_pain: String,
        stop_other: String,
        // Finish
        reason_pain: String,
        reason_other: String,
        finish_title: String,
        finish_stopped: String,
        /// Ran to the end with a required step skipped.
        finish_with_skips: String,
        /// Why such a session is not counted.
        finish_skips_rule: String,
        finish_done: String,
        finish_partial: String,
        /// A step begun but without one whole rep: "partly done, 0/5"
        /// would read as a contradiction.
        finish_begun: String,
        finish_skipped: String,
        finish_not_reached: String,
        finish_active: String,
        finish_pain_after: String,
        finish_note: String,
        finish_note_hint: String,
        /// Plain mode asks for the note at the finish.
        plain_note: String,
        finish_save_failed: String,
        // Key hints (footer and help)
        key_up_down: String,
        key_confirm: String,
        key_back: String,
        key_help: String,
        key_quit: String,
        key_pause: String,
        key_next: String,
        key_prev: String,
        key_stop: String,
        key_ready: String,
        key_side: String,
        key_variant: String,
        key_pain: String,
        key_note: String,
        key_yes: String,
        key_no: String,
        key_history: String,
        /// Home: open the self-care notes.
        key_care: String,
        key_page: String,
        key_scroll: String,
        key_first_last: String,
        key_reload: String,
        key_suspend: String,
        /// The note: ←/→ move the cursor.
        key_cursor: String,
        /// The note: Home/End.
        key_line_ends: String,
        key_backspace: String,
        key_delete: String,
        /// History: Tab, the next routine's history.
        key_next_routine: String,
        /// History: the pain chart's span, 30, 90 or 365 days.
        key_chart_span: String,
        key_show_me: String,
        // Equipment
        eq_mat: String,
        eq_tennis_ball: String,
        eq_resistance_band: String,
        eq_rigid_support: String,
        eq_couch: String,
        eq_helper: String,
        // Units
        unit_min: String,
        /// What the holds "as long as possible" can add to a length,
        /// written after it: `{extra}` whole minutes.
        length_extra: String,
        unit_sec: String,
        // Plurals
        sessions: Plural,
        times_a_day: Plural,
        /// Said under the history screen: rows of the log it skipped.
        log_unreadable: Plural,
        // Voice
        /// Asked before a session in the pause after a course: `{date}` the
        /// next course may start.
        course_pause_confirm: String,
        course_pause_title: String,
        /// A routine a screen was about is gone after a reload: `{id}`.
        routine_gone: String,
        /// The settings file could not be used: `{problem}` says why.
        settings_problem: String,
        voice_missing: String,
        // The voice coach (`--voice`): each a sentence, said aloud
        /// The session's first exercise, `{exercise}` (its title and side).
        voice_first_up: String,
        /// `{exercise}` (its title, or the side alone) after a rest.
        voice_next_up: String,
        /// An exercise on one side: `{exercise}`, `{side}` (a leg, in lower case).
        voice_exercise_side: String,
        /// Half a long hold done, `{left}` (seconds, from `voice_seconds`) to go.
        voice_halfway: String,
        voice_seconds: Plural,
        voice_complete: String,
        // Printable handout (`limber export`)
        export_total: String,
        export_total_manual: String,
        export_schedule: String,
        export_interval: String,
        export_course: String,
        export_course_value: String,
        export_equipment: String,
        export_get_ready: String,
        export_switch_side: String,
        export_steps: String,
        export_sides: String,
        export_sides_each: String,
        export_sides_affected: String,
        export_sides_affected_first: String,
        export_side_only: String,
        export_side_then: String,
        export_reps: String,
        export_rest_between_reps: String,
        /// A hold "as long as possible": `{min}` at least, `{max}` at most.
        export_hold_up_to: String,
        /// The affected-only steps of a patient affected on both legs.
        export_sides_both: String,
        export_rest_between_sets: String,
        export_timer: String,
        export_manual: String,
        export_rest_after: String,
        export_cues: String,
        export_pictures: String,
        export_step_time: String,
        export_footer: String,
        unit_hour: String,
        reps: Plural,
        sets: Plural,
        days: Plural,
        /// The session header's step counter, `{n}` and `{of}`.
        step_of: String,
        // Pain during a step with `ask_pain`, asked when its work ends
        step_pain_title: String,
        step_pain_question: String,
        /// Enter keeps `{pain}`, the last score of the session.
        step_pain_keep: String,
        /// Enter when there is no score to keep.
        step_pain_none: String,
        key_step_pain_keep: String,
        key_step_pain_skip: String,
        key_step_pain_redo: String,
        /// The voice coach asks it too.
        voice_step_pain: String,
        // The morning check and the measures (keys; the screens' words are
        // in the outcome catalog).
        key_better: String,
        key_same: String,
        key_worse: String,
        key_skip: String,
        key_measure: String,
        /// A 0-10 score that is not pain (stiffness, a PSFS activity).
        key_score: String,
    }
}

impl Strings {
    /// What to call a piece of equipment in this language.
    pub fn equipment<'a>(&'a self, e: &'a Equipment) -> &'a str {
        match e {
            Equipment::Mat => &self.eq_mat,
            Equipment::TennisBall => &self.eq_tennis_ball,
            Equipment::ResistanceBand => &self.eq_resistance_band,
            Equipment::RigidSupport => &self.eq_rigid_support,
            Equipment::Couch => &self.eq_couch,
            Equipment::Helper => &self.eq_helper,
            Equipment::Other(name) => name,
        }
    }
}
