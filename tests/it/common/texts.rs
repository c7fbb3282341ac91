//! What a patient reads or hears of a routine, for the content tests.

use limber::core::routine::{Kind, Routine, Step};

/// The steps of a routine and of all its variants.
pub fn all_steps(r: &Routine) -> impl Iterator<Item = &Step> {
    r.steps
        .iter()
        .chain(r.variants.iter().flat_map(|v| &v.steps))
}

/// Everything of a step the patient reads or hears, in order.
pub fn step_texts(s: &Step) -> Vec<&str> {
    let mut texts = vec![s.title.as_str(), s.instructions.as_str()];
    texts.extend(s.cues.iter().map(String::as_str));
    if let Kind::Reps { tempo, .. } = &s.kind {
        texts.extend(tempo.iter().map(|b| b.label.as_str()));
    }
    texts
}

/// Everything of a routine the patient reads or hears, in order: the same
/// texts at the same places in both languages.
pub fn patient_texts(r: &Routine) -> Vec<&str> {
    let mut texts = vec![r.title.as_str(), r.description.as_str()];
    texts.extend(r.safety.iter().map(String::as_str));
    for v in &r.variants {
        texts.extend([v.title.as_str(), v.description.as_str()]);
    }
    for step in all_steps(r) {
        texts.extend(step_texts(step));
    }
    texts
}
