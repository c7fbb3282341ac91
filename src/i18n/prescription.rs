//! What the signed prescription says in every place it shows: `limber
//! key`, `prescribe`, `prescription import|show|rollback`, the changes of
//! a new version in words, the line on home and the report's table.

use super::{Plural, catalog};

catalog! {
    /// The prescription's words, in one catalog of their own.
    pub struct RxStrings in "prescription" {
        // limber key
        no_config_dir: String,
        key_created: String,
        key_public: String,
        key_fingerprint: String,
        key_exists: String,
        key_none: String,
        failed: String,
        // limber prescribe
        prescribe_written: String,
        prescribe_check: String,
        prescribe_no_physio: String,
        prescribe_bad_text: String,
        invalid: String,
        // limber prescription import
        import_damaged: String,
        import_entries: String,
        import_bad_signature: String,
        import_signature_format: String,
        import_other_key: String,
        import_older: String,
        import_same: String,
        import_first_key: String,
        import_new_key: String,
        import_from: String,
        import_contact: String,
        import_changes: String,
        import_no_changes: String,
        import_ask: String,
        import_trust_ask: String,
        yes: Vec<String>,
        import_declined: String,
        import_installed: String,
        import_kept: String,
        // A new version in words.
        change_patient: String,
        change_physio: String,
        change_side: String,
        change_starts: String,
        change_routine_added: String,
        change_routine_removed: String,
        change_step_added: String,
        change_step_removed: String,
        change_dose: String,
        change_step_other: String,
        change_schedule: String,
        change_pain: String,
        change_routine_other: String,
        side_left: String,
        side_right: String,
        side_both: String,
        side_none: String,
        dose_timed: String,
        dose_hold: String,
        dose_up_to: String,
        dose_reps: String,
        dose_sets: String,
        dose_manual: String,
        times_a_day: Plural,
        schedule_interval: String,
        schedule_course: String,
        sessions: Plural,
        days: Plural,
        pain_propose: String,
        pain_report: String,
        pain_none: String,
        // limber prescription show | rollback
        show_none: String,
        show_key: String,
        show_routine: String,
        show_previous: String,
        rollback_done: String,
        rollback_none: String,
        // limber validate, on a prescription file
        validate_bundle_ok: String,
        // The coach's home: one line.
        home_prescribed: String,
        // The report's appendix: which version each session ran under.
        report_title: String,
        report_about: String,
        report_columns: [String; 5],
        report_unprescribed: String,
    }
}
