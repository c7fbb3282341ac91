//! What the commands without a TUI say: `routines`, `validate`, `edit`,
//! `new`, `run`'s errors, and the rescued-session notice.
//!
//! Routine file diagnostics (`path:line:col: message`) are not here: they
//! stay English, like ron's own syntax errors and the file's keys, so that
//! one line never mixes two languages.

use serde::Deserialize;

use super::{Lang, Plural, catalog, fill};

/// A phrase with its number inside: each form holds `{n}`. For where the
/// number is not simply followed by the word: "3x a day", "1 routine file
/// is".
#[derive(Clone, Debug, Deserialize)]
#[serde(transparent)]
pub struct Counted(Plural);

impl Counted {
    pub fn of(&self, lang: Lang, n: u64) -> String {
        fill(self.0.form(lang, n), &[("n", &n.to_string())])
    }
}

/// The answers `limber edit` takes after an invalid edit. The first of each
/// list is the letter the prompt shows in brackets.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditAnswers {
    pub again: Vec<String>,
    pub keep: Vec<String>,
    pub draft: Vec<String>,
}

catalog! {
    /// Everything the command line says, apart from `--help` and the
    /// texts of `history`, `report`, `status` and the `export` handout;
    /// with the line every command's error ends with.
    pub struct CliStrings in "cli" {
        // Shared by several commands. `{command}` is the subcommand
        // (`edit`, `run`...); `{cli}` a command line to run.
        no_routines_dir: String,
        no_routine: String,
        // `limber routines`
        routines_header: [String; 5],
        routines_per_day: Counted,
        /// The advised gap between sessions: `{time}`, e.g. "4 h".
        routines_interval: String,
        routines_course: String,
        routines_course_sessions: Counted,
        routines_course_days: Counted,
        routines_schedule: String,
        routines_builtin: String,
        not_loaded: String,
        // `limber validate`
        validate_builtin: String,
        validate_ok: String,
        validate_no_such_path: String,
        validate_summary: String,
        validate_files: Counted,
        // `limber edit`
        edit_no_such_file: String,
        edit_holds_other: String,
        edit_builtin_missing: String,
        edit_start_new: String,
        /// A routine of the signed prescription in force: `{routine}`,
        /// `{physio}`, `{version}`.
        edit_prescribed: String,
        edit_no_draft: String,
        edit_draft_exists: String,
        edit_recovered: String,
        edit_previous_builtin: String,
        edit_previous_file: String,
        edit_editor_status: String,
        edit_editor_stopped: String,
        edit_editor_failed: String,
        edit_set_editor: String,
        edit_cannot_run: String,
        edit_no_changes: String,
        edit_draft_removed: String,
        edit_problems: String,
        edit_problem_count: Counted,
        edit_prompt: String,
        edit_answer_please: String,
        edit_answers: EditAnswers,
        edit_kept: String,
        edit_draft_saved: String,
        edit_changed_on_disk: String,
        edit_installed_builtin: String,
        edit_installed: String,
        edit_same_version: String,
        // `limber new`
        new_invalid_id: String,
        new_try: String,
        new_builtin: String,
        new_exists: String,
        new_file_exists: String,
        new_created: String,
        new_next_steps: String,
        new_step_edit: String,
        new_step_validate: String,
        new_step_export: String,
        // `limber run` and `limber preview`
        run_no_variant: String,
        run_no_variants: String,
        // The session log (shell::journal)
        journal_rescued: String,
        journal_lost: String,
        // The log database, its import and export (`limber log`)
        log_damaged: String,
        log_open_failed: String,
        log_migrated: String,
        log_migrated_kept: String,
        log_line_skipped: String,
        log_exported: String,
        log_imported: String,
        log_import_none: String,
        log_import_future: Counted,
        log_import_notes_cut: Counted,
        log_import_kept: String,
        log_import_changed: String,
        log_import_merge_hint: Counted,
        log_field_outcome: String,
        log_field_pain_before: String,
        log_field_pain_after: String,
        log_field_note: String,
        /// Rows of the log reads skipped (`{n}`), said once per command.
        log_unreadable: Counted,
        log_repaired: String,
        log_repair_bad_events: Counted,
        // Shared: hints under errors, file errors, the terminal
        hint_line: String,
        did_you_mean: String,
        no_terminal: String,
        file_is_dir: String,
        file_error: String,
        /// Any error a command ends with: `{command}` is ` run`, ` log
        /// export` or empty; `{error}` the error.
        error_line: String,
        error_damaged: String,
        error_no_data_dir: String,
        error_exists: String,
        // After clap's usage error (English only) in another language
        usage_hint: String,
        // `limber export` of a routine that does not load
        export_has_mistakes: String,
        export_not_loaded: String,
        edit_not_a_file: String,
        edit_kinds: [String; 2],
        validate_nothing: String,
        validate_symlink: String,
        // `limber history` when its filter matches nothing
        history_unknown_routine: String,
        history_none_since: String,
        history_none_of: String,
        history_log_empty: String,
        // `limber config`
        config_broken: String,
        config_title: String,
        config_paths: String,
        config_from_file: String,
        config_from_flag: String,
        config_from_env: String,
        config_default: String,
        config_on: String,
        config_off: String,
        config_not_found: String,
        config_unknown: String,
        config_keys: [String; 7],
        config_path_names: [String; 5],
        config_from_saved: String,
        // The `export` handout: words that start telling which key to press
        handout_key_markers: Vec<String>,
        // `limber remind`
        remind_summary: String,
        remind_body: String,
        remind_sent: String,
        remind_failed: String,
        remind_state_broken: String,
        remind_no_state_dir: String,
        remind_no_config_dir: String,
        remind_control: String,
        remind_rejected: String,
        remind_dry_run: String,
        remind_wrote: String,
        remind_enabled: String,
        remind_crontab: String,
        remind_crontab_remove: String,
        remind_would_remove: String,
        remind_removed: String,
        remind_not_installed: String,
        remind_installed_at: String,
        remind_settings: String,
        remind_why_off: String,
        remind_why_asleep: String,
        remind_why_nothing_due: String,
        remind_last: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGS: [Lang; 2] = [Lang::En, Lang::Ru];

    #[test]
    fn the_prompt_shows_the_first_letter_of_each_answer() {
        for lang in LANGS {
            let s = CliStrings::load(lang);
            let a = &s.edit_answers;
            for list in [&a.again, &a.keep, &a.draft] {
                let letter = &list[0];
                assert_eq!(letter.chars().count(), 1, "{lang:?}: {list:?}");
                assert!(
                    s.edit_prompt.contains(&format!("[{letter}]")),
                    "{lang:?}: no [{letter}] in {}",
                    s.edit_prompt
                );
                assert!(s.edit_answer_please.contains(letter.as_str()));
            }
        }
    }

    #[test]
    fn every_answer_means_one_thing_in_both_languages() {
        let mut seen = std::collections::BTreeMap::new();
        for lang in LANGS {
            let a = CliStrings::load(lang).edit_answers;
            for (what, list) in [("again", &a.again), ("keep", &a.keep), ("draft", &a.draft)] {
                for answer in list {
                    assert_eq!(
                        answer,
                        &answer.to_lowercase(),
                        "answers are matched lowercased"
                    );
                    let before = seen.insert(answer.clone(), what);
                    assert!(before.is_none_or(|b| b == what), "{answer:?} is ambiguous");
                }
            }
        }
    }

    #[test]
    fn counted_phrases_hold_their_number() {
        let en = CliStrings::load(Lang::En);
        let ru = CliStrings::load(Lang::Ru);
        assert_eq!(en.routines_per_day.of(Lang::En, 3), "3x a day");
        assert_eq!(ru.routines_per_day.of(Lang::Ru, 3), "3 раза в день");
        assert_eq!(ru.routines_per_day.of(Lang::Ru, 5), "5 раз в день");
        assert_eq!(en.validate_files.of(Lang::En, 1), "1 routine file is");
        assert_eq!(en.validate_files.of(Lang::En, 2), "2 routine files are");
        assert_eq!(ru.edit_problem_count.of(Lang::Ru, 1), "1 ошибка");
        assert_eq!(ru.edit_problem_count.of(Lang::Ru, 3), "3 ошибки");
        assert_eq!(ru.edit_problem_count.of(Lang::Ru, 11), "11 ошибок");
        for s in [&en, &ru] {
            for c in [
                &s.routines_per_day,
                &s.routines_course_sessions,
                &s.routines_course_days,
                &s.validate_files,
                &s.edit_problem_count,
                &s.log_unreadable,
                &s.log_import_future,
                &s.log_import_notes_cut,
                &s.log_import_merge_hint,
                &s.log_repair_bad_events,
            ] {
                for n in [1, 2, 5] {
                    assert!(c.of(Lang::Ru, n).contains(&n.to_string()), "{c:?}");
                    assert!(c.of(Lang::En, n).contains(&n.to_string()), "{c:?}");
                }
            }
        }
    }
}
