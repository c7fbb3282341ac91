//! Interface strings in English and Russian, from `assets/i18n/*.ron`.
//!
//! The struct is the list of keys: a language file missing a key fails to
//! load, and `tests` below fail, so no language can silently lack a string.

use serde::Deserialize;

use crate::cli::args::Lang;
use crate::core::routine::Equipment;

/// A word that changes with a number: "1 session", "2 sessions";
/// "1 сеанс", "2 сеанса", "5 сеансов".
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plural {
    pub one: String,
    /// Russian 2-4 ("сеанса"); English uses `many`.
    #[serde(default)]
    pub few: Option<String>,
    pub many: String,
}

impl Plural {
    /// `n` followed by the right form of the word for `lang`.
    pub fn count(&self, lang: Lang, n: u64) -> String {
        format!("{n} {}", self.form(lang, n))
    }

    pub fn form(&self, lang: Lang, n: u64) -> &str {
        let few = self.few.as_deref().unwrap_or(&self.many);
        match lang {
            Lang::En if n == 1 => &self.one,
            Lang::En => &self.many,
            Lang::Ru => match (n % 10, n % 100) {
                (1, r) if r != 11 => &self.one,
                (2..=4, r) if !(12..=14).contains(&r) => few,
                _ => &self.many,
            },
        }
    }
}

/// Replaces `{name}` in `template` with each value, in order of `args`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

macro_rules! strings {
    ($($field:ident: $ty:ty),* $(,)?) => {
        #[derive(Clone, Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Strings {
            $(pub $field: $ty,)*
        }
    };
}

strings! {
    app_title: String,
    // Home
    home_routines: String,
    home_today: String,
    home_course: String,
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
    rep_of: String,
    set_of: String,
    next_up: String,
    next_finish: String,
    total_left: String,
    paused: String,
    paused_hint: String,
    time_away: String,
    press_enter_ready: String,
    enlarge: String,
    // Overlays
    help_title: String,
    quit_confirm: String,
    stop_title: String,
    stop_pain: String,
    stop_other: String,
    // Finish
    reason_pain: String,
    reason_other: String,
    finish_title: String,
    finish_stopped: String,
    finish_done: String,
    finish_partial: String,
    finish_skipped: String,
    finish_not_reached: String,
    finish_active: String,
    finish_pain_after: String,
    finish_note: String,
    finish_note_hint: String,
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
    key_page: String,
    key_reload: String,
    // Equipment
    eq_mat: String,
    eq_tennis_ball: String,
    eq_resistance_band: String,
    eq_rigid_support: String,
    eq_couch: String,
    eq_helper: String,
    // Units
    unit_min: String,
    unit_sec: String,
    // Plurals
    sessions: Plural,
    times_a_day: Plural,
    // Voice
    voice_missing: String,
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
    export_rest_between_sets: String,
    export_timer: String,
    export_manual: String,
    export_rest_after: String,
    export_cues: String,
    export_step_time: String,
    export_footer: String,
    unit_hour: String,
    reps: Plural,
    sets: Plural,
    days: Plural,
}

const EN: &str = include_str!("../assets/i18n/en.ron");
const RU: &str = include_str!("../assets/i18n/ru.ron");

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

    /// The strings for `lang`. The files are part of the binary and tested,
    /// so failing to parse them is a build defect.
    pub fn load(lang: Lang) -> Strings {
        let text = match lang {
            Lang::En => EN,
            Lang::Ru => RU,
        };
        ron::from_str(text).expect("assets/i18n strings are checked by tests")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_string() {
        for (lang, text) in [("en", EN), ("ru", RU)] {
            if let Err(e) = ron::from_str::<Strings>(text) {
                panic!("assets/i18n/{lang}.ron: {e}");
            }
        }
    }

    #[test]
    fn russian_plurals_follow_the_three_forms() {
        let s = Strings::load(Lang::Ru);
        let cases = [
            (1, "1 сеанс"),
            (2, "2 сеанса"),
            (4, "4 сеанса"),
            (5, "5 сеансов"),
            (11, "11 сеансов"),
            (12, "12 сеансов"),
            (21, "21 сеанс"),
            (22, "22 сеанса"),
            (111, "111 сеансов"),
        ];
        for (n, want) in cases {
            assert_eq!(s.sessions.count(Lang::Ru, n), want);
        }
    }

    #[test]
    fn english_plurals_have_two_forms() {
        let s = Strings::load(Lang::En);
        assert_eq!(s.sessions.count(Lang::En, 1), "1 session");
        assert_eq!(s.sessions.count(Lang::En, 0), "0 sessions");
        assert_eq!(s.sessions.count(Lang::En, 12), "12 sessions");
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill("{n} of {target} today", &[("n", "2"), ("target", "3")]),
            "2 of 3 today"
        );
    }
}
