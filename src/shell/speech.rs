//! Words for a phase: what the screen's headline says and what the voice
//! speaks, so both say the same thing; the voice coach's lines
//! ([`crate::core::spoken`]) in the user's language.

use std::time::Duration;

use crate::core::lang::Lang;
use crate::core::plan::{Phase, PhaseKind, Plan};
use crate::core::routine::Side;
use crate::core::spoken::{Line, Say};
use crate::i18n::{Strings, fill};

/// The name of what the user does in this phase: "Hold", "Push", "Rest".
pub fn phase_name<'a>(strings: &'a Strings, phase: &'a Phase) -> &'a str {
    match &phase.kind {
        PhaseKind::GetReady => &strings.phase_get_ready,
        PhaseKind::Work => &strings.phase_work,
        PhaseKind::Hold => &strings.phase_hold,
        PhaseKind::HoldOn => &strings.phase_hold_on,
        PhaseKind::Rest => &strings.phase_rest,
        PhaseKind::Beat { label } => label,
        PhaseKind::SwitchSide => &strings.phase_switch_side,
        PhaseKind::SetRest => &strings.phase_set_rest,
        PhaseKind::RestAfter => &strings.phase_rest_after,
        PhaseKind::WaitForUser => &strings.phase_wait,
    }
}

pub fn leg(strings: &Strings, side: Side) -> &str {
    match side {
        Side::Left => &strings.leg_left,
        Side::Right => &strings.leg_right,
        Side::Both => &strings.leg_both,
    }
}

/// The step and side the pain question asks about, for the coach's
/// dialog and plain mode's line: "Knee-across hold, left leg".
pub fn asked_step(strings: &Strings, plan: &Plan, entry: usize) -> String {
    let Some(e) = plan.entries().get(entry) else {
        return String::new();
    };
    let title = plan.steps().get(e.step).map_or("", |s| s.title.as_str());
    match e.side {
        Some(side) => format!("{title}, {}", leg(strings, side).to_lowercase()),
        None => title.to_string(),
    }
}

/// Spoken when phase `index` starts. Beats within a rep are one word, so
/// the voice keeps pace with a 2-second beat; a new step says its title.
pub fn announce(strings: &Strings, plan: &Plan, index: usize) -> String {
    let Some(phase) = plan.phase(index) else {
        return String::new();
    };
    let name = phase_name(strings, phase);
    let title = plan
        .steps()
        .get(phase.step)
        .map_or("", |s| s.title.as_str());
    let side = phase.side.map(|s| leg(strings, s).to_lowercase());
    // The first phase of a step names the step, whatever its kind: a step
    // without a get-ready must not start as a bare "Work".
    let starts_step = plan.step_phases(phase.step).start == index;
    match (&phase.kind, side) {
        (PhaseKind::SwitchSide, Some(side)) => format!("{name}: {side}"),
        (PhaseKind::GetReady | PhaseKind::WaitForUser, Some(side)) => {
            format!("{name}: {title}, {side}")
        }
        (PhaseKind::GetReady | PhaseKind::WaitForUser, None) => format!("{name}: {title}"),
        (_, Some(side)) if starts_step => format!("{title}, {side}: {name}"),
        (_, None) if starts_step => format!("{title}: {name}"),
        _ => name.to_string(),
    }
}

/// "Rep 3 of 10", "Set 2 of 3": where the user is within a step, as the
/// screen's header and plain mode's line both say it (a single set is not
/// mentioned).
pub fn counts(strings: &Strings, phase: &Phase) -> Vec<String> {
    let of = |template: &str, n: u32, total: u32| {
        fill(
            template,
            &[("n", &n.to_string()), ("of", &total.to_string())],
        )
    };
    let mut out = Vec::new();
    if let Some(rep) = phase.rep {
        out.push(of(&strings.rep_of, rep.n, rep.of));
    }
    if let Some(set) = phase.set.filter(|c| c.of > 1) {
        out.push(of(&strings.set_of, set.n, set.of));
    }
    out
}

/// A line of the voice coach's script as the words said, in `lang`.
/// Routine text (titles, cues, beat names) comes from a file: control
/// characters are left out, so a speaker never sees them.
pub fn line_text(strings: &Strings, lang: Lang, plan: &Plan, line: &Line) -> String {
    let exercise = |step: Option<usize>, side: Option<Side>| {
        let title = step
            .and_then(|s| plan.steps().get(s))
            .map(|s| s.title.as_str());
        let side = side.map(|s| leg(strings, s).to_lowercase());
        match (title, side) {
            (Some(t), Some(side)) => fill(
                &strings.voice_exercise_side,
                &[("exercise", t), ("side", &side)],
            ),
            (Some(t), None) => t.to_string(),
            (None, Some(side)) => side,
            (None, None) => String::new(),
        }
    };
    let sentences = line.says.iter().map(|say| match say {
        Say::Exercise { step, side, first } => {
            let what = exercise(Some(*step), *side);
            if *first {
                fill(&strings.voice_first_up, &[("exercise", &what)])
            } else {
                sentence(&what)
            }
        }
        Say::Cue { step } => plan
            .steps()
            .get(*step)
            .and_then(|s| s.cues.first())
            .map_or_else(String::new, |c| sentence(c)),
        Say::Phase { index } => plan
            .phase(*index)
            .map_or_else(String::new, |p| sentence(phase_name(strings, p))),
        Say::NextUp { step, side } => fill(
            &strings.voice_next_up,
            &[("exercise", &exercise(*step, *side))],
        ),
        Say::Halfway { left_secs } => fill(
            &strings.voice_halfway,
            &[("left", &strings.voice_seconds.count(lang, *left_secs))],
        ),
        Say::Count(n) => n.to_string(),
        Say::Complete => strings.voice_complete.clone(),
        Say::StepPain => strings.voice_step_pain.clone(),
    });
    let text: Vec<String> = sentences.filter(|s| !s.is_empty()).collect();
    let text = text.join(" ");
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    text.chars().take(MAX_SPOKEN).collect()
}

/// The most characters one line may have: a long cue from a file is cut,
/// not read for minutes.
pub const MAX_SPOKEN: usize = 300;

/// How fast the speaker is asked to talk, in words a minute (espeak-ng's
/// `-s`, its own default), on which [`spoken_length`] is based.
pub const WORDS_PER_MINUTE: u32 = 175;

/// How long `text` takes to say at [`WORDS_PER_MINUTE`], erring long: 15
/// characters a second, a pause at each sentence's end, and the silence
/// espeak-ng leaves around a line (a lone "3" lasts 0.6 s). The voice test holds it against espeak-ng's own WAV files in both
/// languages.
pub fn spoken_length(text: &str) -> Duration {
    // A number is said as words: "150" is "one hundred and fifty".
    let chars = text
        .chars()
        .map(|c| if c.is_ascii_digit() { 5 } else { 1 })
        .sum::<u64>();
    let stops = text.matches(['.', '!', '?', ':']).count() as u64;
    Duration::from_millis(650 + chars * 1000 / 15 + stops * 150)
}

/// `text` ending as a sentence does, so the speaker pauses after it.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() || text.ends_with(['.', '!', '?', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}
