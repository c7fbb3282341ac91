//! The routine model: what a routine file says, in memory.
//!
//! The serde attributes here *are* the file format; `docs/ROUTINE_FORMAT.md`
//! documents them field by field.

use serde::{Deserialize, Serialize};

use super::duration::Dur;

fn one() -> u32 {
    1
}
fn default_get_ready() -> Dur {
    Dur::secs(10)
}
fn default_switch_side() -> Dur {
    Dur::secs(10)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routine {
    /// Stable identifier, e.g. `piriformis-stretch`; a user file with the
    /// same id replaces the built-in one.
    pub id: String,
    /// Bumped by whoever edits the routine; stored with every session.
    pub version: u32,
    /// Language of the texts in this file: `en` or `ru`.
    pub lang: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// When true, limber asks which leg is affected before a session.
    #[serde(default)]
    pub sided: bool,
    #[serde(default)]
    pub equipment: Vec<Equipment>,
    /// Shown before the session starts.
    #[serde(default)]
    pub safety: Vec<String>,
    pub schedule: Schedule,
    /// Countdown before each step, unless the step sets its own.
    #[serde(default = "default_get_ready")]
    pub get_ready: Dur,
    /// Pause between the two sides of a step.
    #[serde(default = "default_switch_side")]
    pub switch_side: Dur,
    pub steps: Vec<Step>,
    /// Alternative step lists, e.g. a gentle massage; they share the schedule
    /// and count toward the same course.
    #[serde(default)]
    pub variants: Vec<Variant>,
    /// Rules that read the pain scores: propose a variant when pain before
    /// is high, flag a session after which pain rose. Left out of the
    /// canonical form when absent, so routines without it keep their hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain: Option<PainRules>,
    /// The physiotherapist's progression rule: when the doses of named
    /// steps go up or step back (`core::progression`). Left out of the
    /// canonical form when absent, so routines without it keep their hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progression: Option<super::progression::Progression>,
    /// How often the outcome measures are asked (`core::outcome::due`);
    /// absent, the defaults. Left out of the canonical form when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<super::outcome::Measures>,
}

/// What the pain scores (0-10) of a session mean for this routine.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PainRules {
    /// Pain before the session at or above this proposes `variant` on the
    /// setup screen; the user still chooses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub propose_at: Option<u8>,
    /// The id of the variant to propose, e.g. `"gentle"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// Pain after the session at least this much above pain before is
    /// something to tell the physiotherapist: said on the finish screen,
    /// flagged in the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_rise: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Equipment {
    /// A mat on a firm, hard surface (not a sofa or a bed).
    Mat,
    TennisBall,
    ResistanceBand,
    /// Something rigid to tie a band to.
    RigidSupport,
    Couch,
    /// A second person.
    Helper,
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Daily target.
    #[serde(default = "one")]
    pub times_per_day: u32,
    /// Recommended gap between sessions, e.g. "4h"; advice only.
    #[serde(default)]
    pub interval: Option<Dur>,
    #[serde(default)]
    pub course: Option<Course>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// The course's goal: this many completed sessions, or days with a
    /// completed session (`count`). A course is *at least* this: it goes on
    /// past it (see `core::progress`'s course rules).
    pub sessions: u32,
    /// What `sessions` counts. Left out of the canonical form when it is
    /// the default, so routines without it keep their content hash.
    #[serde(default, skip_serializing_if = "CourseCount::is_sessions")]
    pub count: CourseCount,
    /// Days to wait after a completed course before the next one.
    pub pause_days: u32,
}

/// What a course's `sessions` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CourseCount {
    /// Completed sessions; more on the day of the last one still count.
    #[default]
    Sessions,
    /// Days with at least one completed session; every completed session
    /// of such a day counts toward the course.
    Days,
}

impl Course {
    /// Whether `done` (counted as `count` says) reaches the goal.
    pub fn goal_reached(&self, done: u32) -> bool {
        self.sessions > 0 && done >= self.sessions
    }
}

impl CourseCount {
    pub fn is_sessions(&self) -> bool {
        *self == CourseCount::Sessions
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Needed for this variant only, besides the routine's `equipment`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub equipment: Vec<Equipment>,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub instructions: String,
    /// Short phrases shown (and spoken) while the step runs.
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub sides: Sides,
    pub kind: Kind,
    /// Overrides the routine's `get_ready` for this step.
    #[serde(default)]
    pub get_ready: Option<Dur>,
    #[serde(default)]
    pub rest_after: Dur,
    /// The session counts as done without this step (the assisted rise
    /// needs a helper who may not be there). Left out of the canonical
    /// form when false, so routines without it keep their content hash.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// Needed for this step only (a helper and a couch for the assisted
    /// rise): listed before the session and on the step's get-ready.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub equipment: Vec<Equipment>,
    /// The picture of the step: the id of a pose in `assets/poses/` or in
    /// the `poses/` folder beside the routine file. Left out of the
    /// canonical form when absent, so routines without it keep their hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pose: Option<String>,
    /// After the step's work on each side, the session pauses and asks
    /// for pain during it (0-10), logged as `StepPain`. Left out of the
    /// canonical form when false, so routines without it keep their hash.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ask_pain: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sides {
    /// Both legs at once, or no leg at all.
    #[default]
    None,
    /// Left, then right, with the routine's switch-side pause between.
    Each,
    /// Only the affected side.
    Affected,
    /// The affected side, then the healthy one.
    AffectedFirst,
}

/// Unknown fields inside a kind, such as `rep` in `Hold(...)`, are refused
/// by ron where they are written, like anywhere else in the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Kind {
    /// Work for a duration.
    Timed { duration: Dur },
    /// Hold a position `reps` times, resting between holds.
    Hold {
        duration: Dur,
        #[serde(default = "one")]
        reps: u32,
        #[serde(default)]
        rest: Dur,
        #[serde(default = "one")]
        sets: u32,
        #[serde(default)]
        set_rest: Dur,
        /// "As long as possible": `duration` is then the minimum, after
        /// which the hold counts up until the user lets go (Enter or
        /// Space), ending by itself at this ceiling. Left out of the
        /// canonical form when absent, so routines without it keep their
        /// content hash.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        up_to: Option<Dur>,
    },
    /// `count` repetitions, each made of the beats in `tempo`.
    Reps {
        count: u32,
        tempo: Vec<Beat>,
        #[serde(default = "one")]
        sets: u32,
        #[serde(default)]
        set_rest: Dur,
    },
    /// No clock: the user says when they are done.
    Manual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Beat {
    /// What the user does during this beat, e.g. "Push".
    pub label: String,
    pub duration: Dur,
    /// The picture of this beat (Push and Relax can differ); the step's
    /// `pose` when absent. Left out of the canonical form when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pose: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
    /// Both legs affected: only as the patient's affected side (never a
    /// phase's side), so that affected-only steps run on each leg.
    Both,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
            Side::Both => Side::Both,
        }
    }
}

impl Routine {
    /// The steps of a variant; `None` picks the main steps, an unknown id
    /// gives `None`.
    pub fn steps_for(&self, variant: Option<&str>) -> Option<&[Step]> {
        match variant {
            None => Some(&self.steps),
            Some(id) => self
                .variants
                .iter()
                .find(|v| v.id == id)
                .map(|v| v.steps.as_slice()),
        }
    }
}

impl Routine {
    /// Everything a session of `variant` needs: the routine's equipment,
    /// then the variant's, then each step's with the step it is for. A
    /// piece is listed once, where it is first needed.
    pub fn equipment_for(&self, variant: Option<&str>) -> Vec<(&Equipment, Option<&Step>)> {
        let mut out: Vec<(&Equipment, Option<&Step>)> = Vec::new();
        let chosen = variant.and_then(|id| self.variants.iter().find(|v| v.id == id));
        let whole = self
            .equipment
            .iter()
            .chain(chosen.into_iter().flat_map(|v| &v.equipment));
        for e in whole {
            if !out.iter().any(|(seen, _)| *seen == e) {
                out.push((e, None));
            }
        }
        for step in self.steps_for(variant).unwrap_or_default() {
            for e in &step.equipment {
                if !out.iter().any(|(seen, _)| *seen == e) {
                    out.push((e, Some(step)));
                }
            }
        }
        out
    }
}

impl Sides {
    /// The sides a step is done on, in order, for a patient whose affected
    /// side is `affected`.
    pub fn order(self, affected: Side) -> Vec<Option<Side>> {
        match self {
            Sides::None => vec![None],
            Sides::Each => vec![Some(Side::Left), Some(Side::Right)],
            Sides::Affected | Sides::AffectedFirst if affected == Side::Both => {
                vec![Some(Side::Left), Some(Side::Right)]
            }
            Sides::Affected => vec![Some(affected)],
            Sides::AffectedFirst => vec![Some(affected), Some(affected.other())],
        }
    }
}

/// Whether `id` is an id limber accepts (of a routine, step or variant): 1
/// to 64 lowercase letters, digits and `-`, starting with a letter or a
/// digit, so it is safe as a file name and on a command line (`-` alone is
/// standard input to most programs, `-x` an option).
pub fn valid_id(id: &str) -> bool {
    id.len() <= 64
        && id
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
