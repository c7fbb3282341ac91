//! What the morning check and the outcome measures say, wherever they are
//! asked or shown: `limber checkin`, `limber measure`, plain mode, the
//! coach's screens, home and `status`, and the report's sections.

use super::{Lang, catalog, fill};
use crate::core::outcome::morning::{MorningFlag, Reason};
use crate::core::outcome::{Compared, MeasureKind, RedFlag};

catalog! {
    pub struct OutcomeStrings in "outcome" {
        // The morning check
        morning_title: String,
        morning_pain: String,
        morning_stiffness: String,
        morning_compared: String,
        /// better, same, worse
        compared: [String; 3],
        /// What each of better/same/worse may be typed as, first the key.
        compared_answers: [Vec<String>; 3],
        morning_saved: String,
        morning_skipped: String,
        /// `{reasons}`: the reasons joined by "; ".
        morning_flag: String,
        reason_rise: String,
        reason_baseline: String,
        reason_worse: String,
        morning_flag_advice: String,
        // Questions on the command line
        ask_score: String,
        ask_compared: String,
        ask_minutes: String,
        ask_yes_no: String,
        yes_answers: Vec<String>,
        no_answers: Vec<String>,
        not_a_score: String,
        not_minutes: String,
        not_yes_no: String,
        no_terminal: String,
        // The measures
        /// PSFS, sitting, usual pain, red flags
        names: [String; 4],
        /// The same, short, for home's line of what is due.
        short_names: [String; 4],
        psfs_first: String,
        psfs_activity: String,
        psfs_rate: String,
        psfs_too_few: String,
        sitting_question: String,
        usual_pain_question: String,
        /// bladder, saddle numbness, fever, weakness
        red_flag_questions: [String; 4],
        /// The same signs, short, for lists.
        red_flag_names: [String; 4],
        red_flag_urgent: String,
        red_flags_none: String,
        measure_saved: String,
        nothing_saved: String,
        measure_unknown: String,
        measures_due: String,
        due_hint: String,
        // The coach's screens
        screen_keys_score: String,
        screen_keys_compared: String,
        screen_keys_yes_no: String,
        /// Under the red flags once all are answered and one was yes.
        red_flag_close: String,
        screen_keys_text: String,
        screen_step: String,
        minutes_unit: String,
        // The report
        report_morning: String,
        report_morning_about: String,
        report_morning_columns: [String; 5],
        report_measures: String,
        report_psfs: String,
        report_psfs_about: String,
        report_psfs_columns: [String; 4],
        report_psfs_mic: String,
        report_sitting: String,
        report_usual_pain: String,
        report_trend_columns: [String; 2],
        report_red_flags: String,
        report_red_flag_yes: String,
        report_none: String,
        report_check_ins: String,
        /// The morning chart's legend: pain, stiffness, the baseline band.
        report_morning_legend: [String; 3],
        // `limber log import`
        log_answers_imported: String,
        log_answers_refused: String,
        // `limber remind check`
        remind_morning_summary: String,
        remind_morning_body: String,
        remind_measures_summary: String,
        /// `{measures}`: the short names of those due.
        remind_measures_body: String,
    }
}

/// Why `flag` was raised, joined by "; ", in `words`: the templates of a
/// rise (`{pain}`, `{from}`), of pain above the baseline (`{pain}`,
/// `{baseline}`) and of "said worse"; `no_pain` where no score was given.
/// The patient's home and the clinician's report word them each their own
/// way.
pub fn reasons(flag: &MorningFlag, words: [&String; 3], no_pain: &str) -> String {
    let pain = flag
        .pain
        .map_or_else(|| no_pain.to_string(), |p| p.to_string());
    let [rise, baseline, worse] = words;
    let said: Vec<String> = flag
        .reasons
        .iter()
        .map(|r| match *r {
            Reason::Rise { from } => fill(rise, &[("pain", &pain), ("from", &from.to_string())]),
            Reason::AboveBaseline { baseline: b } => {
                fill(baseline, &[("pain", &pain), ("baseline", &b.to_string())])
            }
            Reason::SaidWorse => worse.clone(),
        })
        .collect();
    said.join("; ")
}

impl OutcomeStrings {
    pub fn compared(&self, c: Compared) -> &str {
        &self.compared[c as usize]
    }

    pub fn name(&self, kind: MeasureKind) -> &str {
        &self.names[kind as usize]
    }

    pub fn red_flag_question(&self, f: RedFlag) -> &str {
        &self.red_flag_questions[f as usize]
    }

    pub fn red_flag_name(&self, f: RedFlag) -> &str {
        &self.red_flag_names[f as usize]
    }

    /// What "b", "хуже"... means, if anything.
    pub fn compared_of(&self, typed: &str) -> Option<Compared> {
        let typed = typed.trim().to_lowercase();
        [Compared::Better, Compared::Same, Compared::Worse]
            .into_iter()
            .find(|&c| self.compared_answers[c as usize].contains(&typed))
    }

    /// Yes, no, or neither.
    pub fn yes_no_of(&self, typed: &str) -> Option<bool> {
        let typed = typed.trim().to_lowercase();
        if self.yes_answers.contains(&typed) {
            Some(true)
        } else if self.no_answers.contains(&typed) {
            Some(false)
        } else {
            None
        }
    }

    /// "Morning flag: pain 6, 2 the morning before; ..." with the advice.
    pub fn flag_line(&self, flag: &MorningFlag) -> String {
        let words = [&self.reason_rise, &self.reason_baseline, &self.reason_worse];
        let reasons = reasons(flag, words, "");
        fill(&self.morning_flag, &[("reasons", &reasons)])
    }

    /// The measures `due` by name, joined: "PSFS, sitting tolerance".
    pub fn due_line(&self, due: &[MeasureKind]) -> String {
        let names: Vec<&str> = due
            .iter()
            .map(|&k| self.short_names[k as usize].as_str())
            .collect();
        fill(&self.measures_due, &[("measures", &names.join(", "))])
    }
}

/// The catalog for `lang` (kept once per process).
pub fn outcome(lang: Lang) -> &'static OutcomeStrings {
    OutcomeStrings::get(lang)
}
