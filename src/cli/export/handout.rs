//! The handout as plain data, in the routine's own language: what both
//! the Markdown and the HTML handout say.

use std::time::Duration;

use crate::core::lang::Lang;
use crate::core::plan::{Phase, PlanError, expand, length};
use crate::core::pose::{Catalog, Shape};
use crate::core::routine::{CourseCount, Kind, Routine, Side, Sides, Step};
use crate::i18n::{CliStrings, ClinicStrings, Formats, Strings, durations, fill};

/// A labelled value: "Total time: 14 min".
pub type Fact = (String, String);

/// Everything a handout says, in the routine's language.
#[derive(Clone, Debug, PartialEq)]
pub struct Handout {
    pub lang: Lang,
    pub title: String,
    /// The routine's description, then the variant's.
    pub description: Vec<String>,
    pub facts: Vec<Fact>,
    pub equipment_heading: String,
    pub equipment: Vec<String>,
    pub safety_heading: String,
    pub safety: Vec<String>,
    /// The self-care notes of both articles, one heading a section.
    pub care: Vec<(String, Vec<String>)>,
    pub steps_heading: String,
    pub steps: Vec<HandoutStep>,
    pub footer: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HandoutStep {
    /// "1. Knee pushes".
    pub title: String,
    pub instructions: String,
    pub facts: Vec<Fact>,
    pub cues_label: String,
    pub cues: Vec<String>,
    pub pictures_label: String,
    /// The step's pose, then each beat's own, as drawn for the side.
    pub pictures: Vec<HandoutPicture>,
}

/// A pose as the handout draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoutPicture {
    pub id: String,
    /// What it shows, in words, in the routine's language.
    pub title: String,
    pub shapes: Vec<Shape>,
}

/// The pictures of a step, each pose once: the step's, then its beats'.
fn pictures(step: &Step, side: Option<Side>, poses: &Catalog, lang: Lang) -> Vec<HandoutPicture> {
    let mut ids: Vec<&str> = step.pose.as_deref().into_iter().collect();
    if let Kind::Reps { tempo, .. } = &step.kind {
        ids.extend(tempo.iter().filter_map(|b| b.pose.as_deref()));
    }
    let mut out: Vec<HandoutPicture> = Vec::new();
    for id in ids {
        if out.iter().any(|p| p.id == id) {
            continue;
        }
        if let Some(pose) = poses.get(id) {
            out.push(HandoutPicture {
                id: id.to_string(),
                title: pose.title_in(lang.code()).to_string(),
                shapes: pose.shapes(side),
            });
        }
    }
    out
}

/// The language of a routine's texts.
/// `text` for a reader on paper, who has no keys to press: a sentence
/// that tells which key to press (it holds one of `markers`) keeps what
/// comes before its colon ("Stop at once if the pain rises sharply: press
/// s" is "Stop at once if the pain rises sharply."), or is left out when
/// it is only about the key.
pub fn for_paper(text: &str, markers: &[String]) -> String {
    let mut kept: Vec<String> = Vec::new();
    for sentence in text.split_inclusive(". ") {
        let at = markers
            .iter()
            .filter_map(|m| sentence.find(m.as_str()))
            .min();
        match at {
            None => kept.push(sentence.trim().to_string()),
            Some(at) => {
                if let Some(colon) = sentence[..at].rfind(": ") {
                    kept.push(format!("{}.", sentence[..colon].trim_end()));
                }
            }
        }
    }
    kept.join(" ")
}

fn lang_of(routine: &Routine) -> Lang {
    match routine.lang.as_str() {
        "ru" => Lang::Ru,
        _ => Lang::En,
    }
}

fn side_name(s: &Strings, side: Side) -> &str {
    match side {
        Side::Left => &s.side_left,
        Side::Right => &s.side_right,
        Side::Both => &s.side_both,
    }
}

/// Which legs a step is done on, in words; `None` for `Sides::None`.
fn sides_text(s: &Strings, sides: Sides, affected: Option<Side>) -> Option<String> {
    Some(match (sides, affected) {
        (Sides::None, _) => return None,
        (Sides::Each, _) => s.export_sides_each.clone(),
        (Sides::Affected | Sides::AffectedFirst, Some(Side::Both)) => s.export_sides_both.clone(),
        (Sides::Affected, None) => s.export_sides_affected.clone(),
        (Sides::AffectedFirst, None) => s.export_sides_affected_first.clone(),
        (Sides::Affected, Some(a)) => fill(&s.export_side_only, &[("side", side_name(s, a))]),
        (Sides::AffectedFirst, Some(a)) => fill(
            &s.export_side_then,
            &[
                ("first", side_name(s, a)),
                ("second", side_name(s, a.other())),
            ],
        ),
    })
}

/// What the clock does in a step: the label and the numbers.
fn kind_fact(s: &Strings, lang: Lang, kind: &Kind) -> Fact {
    let f = Formats::load(lang);
    let t = |d: Duration| durations::words(d, s, &f);
    let sets = |parts: &mut Vec<String>, sets: u32, set_rest: Duration| {
        if sets > 1 {
            parts.push(s.sets.count(lang, sets.into()));
            if !set_rest.is_zero() {
                parts.push(fill(&s.export_rest_between_sets, &[("time", &t(set_rest))]));
            }
        }
    };
    match kind {
        Kind::Timed { duration } => (s.phase_work.clone(), t(duration.0)),
        Kind::Manual => (s.export_timer.clone(), s.export_manual.clone()),
        Kind::Hold {
            duration,
            reps,
            rest,
            sets: n_sets,
            set_rest,
            up_to,
        } => {
            let mut parts = vec![match up_to {
                Some(up_to) => fill(
                    &s.export_hold_up_to,
                    &[("min", &t(duration.0)), ("max", &t(up_to.0))],
                ),
                None => t(duration.0),
            }];
            if *reps > 1 {
                parts.push(s.reps.count(lang, (*reps).into()));
                if !rest.is_zero() {
                    parts.push(fill(&s.export_rest_between_reps, &[("time", &t(rest.0))]));
                }
            }
            sets(&mut parts, *n_sets, set_rest.0);
            (s.phase_hold.clone(), parts.join(", "))
        }
        Kind::Reps {
            count,
            tempo,
            sets: n_sets,
            set_rest,
        } => {
            let beats: Vec<String> = tempo
                .iter()
                .map(|b| format!("{} {}", b.label, t(b.duration.0)))
                .collect();
            let mut parts = vec![format!(
                "{} ({})",
                s.reps.count(lang, (*count).into()),
                beats.join(", ")
            )];
            sets(&mut parts, *n_sets, set_rest.0);
            (s.export_reps.clone(), parts.join("; "))
        }
    }
}

/// The handout for `routine` (or one of its variants), its figures drawn
/// from `poses`, the catalog the routine names its poses in. With
/// `affected`, steps for the affected leg name the leg.
pub fn handout(
    routine: &Routine,
    variant: Option<&str>,
    affected: Option<Side>,
    poses: &Catalog,
) -> Result<Handout, PlanError> {
    let lang = lang_of(routine);
    let s = Strings::load(lang);
    let paper = CliStrings::load(lang).handout_key_markers;
    let plan = expand(routine, variant, affected.unwrap_or(Side::Left))?;
    let affected = affected.filter(|_| routine.sided);
    let f = Formats::load(lang);
    let t = |d: Duration| durations::words(d, &s, &f);

    let mut description = vec![routine.description.clone()];
    let mut facts = Vec::new();
    // Written by the one rule for lengths, as home and setup write it.
    let total = durations::length(length(routine, variant), &s);
    let manual = plan.steps().iter().any(|st| st.kind == Kind::Manual);
    facts.push((
        s.export_total.clone(),
        if manual {
            fill(&s.export_total_manual, &[("time", &total)])
        } else {
            total
        },
    ));
    let schedule = &routine.schedule;
    let mut when = s
        .times_a_day
        .count(lang, schedule.times_per_day.into())
        .to_string();
    if let Some(interval) = schedule.interval {
        when.push_str(", ");
        when.push_str(&fill(&s.export_interval, &[("time", &t(interval.0))]));
    }
    facts.push((s.export_schedule.clone(), when));
    let clinic = ClinicStrings::load(lang);
    if let Some(course) = &schedule.course {
        let (value, sessions) = match course.count {
            CourseCount::Sessions => (
                &s.export_course_value,
                s.sessions.count(lang, course.sessions.into()),
            ),
            CourseCount::Days => (
                &clinic.export_course_days,
                clinic.course_days_with.count(lang, course.sessions.into()),
            ),
        };
        facts.push((
            s.export_course.clone(),
            fill(
                value,
                &[
                    ("sessions", &sessions),
                    ("days", &s.days.count(lang, course.pause_days.into())),
                ],
            ),
        ));
    }
    // What the setup screen and the finish screen say about pain, for the
    // patient away from the screen.
    let mut pain = Vec::new();
    let rules = routine.pain.clone().unwrap_or_default();
    if let (Some(at), Some(v)) = (
        rules.propose_at,
        rules
            .variant
            .as_deref()
            .and_then(|id| routine.variants.iter().find(|v| v.id == id)),
    ) {
        pain.push(fill(
            &clinic.export_pain_propose,
            &[("pain", &at.to_string()), ("variant", &v.title)],
        ));
    }
    if let Some(rise) = rules.report_rise {
        let rise = clinic.points.count(lang, rise.into());
        pain.push(fill(&clinic.export_pain_rise, &[("rise", &rise)]));
    }
    if !pain.is_empty() {
        facts.push((clinic.export_pain.clone(), pain.join("; ")));
    }
    if let Some(v) = variant.and_then(|id| routine.variants.iter().find(|v| v.id == id)) {
        facts.push((s.setup_variant.clone(), v.title.clone()));
        description.push(v.description.clone());
    }
    if let Some(a) = affected {
        facts.push((s.setup_side.clone(), side_name(&s, a).to_string()));
    }
    description.retain(|d| !d.trim().is_empty());

    let steps = plan
        .steps()
        .iter()
        .enumerate()
        .map(|(i, step)| {
            // A hold "as long as possible" counts its minimum, as the
            // total does.
            let time: Duration = plan.phases()[plan.step_phases(i)]
                .iter()
                .map(Phase::planned)
                .sum();
            let last = i + 1 == plan.steps().len();
            HandoutStep {
                title: format!("{}. {}", i + 1, step.title),
                instructions: for_paper(&step.instructions, &paper),
                facts: step_facts(routine, step, last, time, affected, &s, lang),
                cues_label: s.export_cues.clone(),
                cues: step.cues.clone(),
                pictures_label: s.export_pictures.clone(),
                // Drawn for the leg the step works, the left when both.
                pictures: pictures(
                    step,
                    match step.sides {
                        Sides::Affected | Sides::AffectedFirst => affected,
                        _ => None,
                    },
                    poses,
                    lang,
                ),
            }
        })
        .collect();
    Ok(Handout {
        lang,
        title: routine.title.clone(),
        description,
        facts,
        equipment_heading: s.export_equipment.clone(),
        // The variant's and each step's own equipment too, the step named.
        equipment: routine
            .equipment_for(variant)
            .into_iter()
            .map(|(e, step)| match step {
                Some(step) => fill(
                    &clinic.setup_equipment_for,
                    &[("item", s.equipment(e)), ("step", &step.title)],
                ),
                None => s.equipment(e).to_string(),
            })
            .collect(),
        safety_heading: s.setup_safety.clone(),
        safety: routine
            .safety
            .iter()
            .map(|line| for_paper(line, &paper))
            .collect(),
        care: clinic
            .care_sections()
            .iter()
            .map(|(heading, notes)| {
                (
                    format!("{}: {}", clinic.care_title, heading),
                    notes.to_vec(),
                )
            })
            .collect(),
        steps_heading: s.export_steps.clone(),
        steps,
        footer: fill(
            &s.export_footer,
            &[
                ("id", &routine.id),
                ("version", &routine.version.to_string()),
            ],
        ),
    })
}

/// A step's facts in the order a session runs them.
fn step_facts(
    routine: &Routine,
    step: &Step,
    last: bool,
    time: Duration,
    affected: Option<Side>,
    s: &Strings,
    lang: Lang,
) -> Vec<Fact> {
    let f = Formats::load(lang);
    let t = |d: Duration| durations::words(d, s, &f);
    let mut facts = Vec::new();
    if let Some(sides) = sides_text(s, step.sides, affected) {
        facts.push((s.export_sides.clone(), sides));
    }
    let get_ready = step.get_ready.unwrap_or(routine.get_ready).0;
    if !get_ready.is_zero() {
        facts.push((s.export_get_ready.clone(), t(get_ready)));
    }
    facts.push(kind_fact(s, lang, &step.kind));
    let two_sides = matches!(step.sides, Sides::Each | Sides::AffectedFirst);
    if two_sides && !routine.switch_side.is_zero() {
        facts.push((s.export_switch_side.clone(), t(routine.switch_side.0)));
    }
    if !last && !step.rest_after.is_zero() {
        facts.push((s.export_rest_after.clone(), t(step.rest_after.0)));
    }
    facts.push((s.export_step_time.clone(), t(time)));
    facts
}
