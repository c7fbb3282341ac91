//! The progression rules as a routine file writes them: when a
//! physiotherapist's dose goes up, when it steps back, and which steps
//! follow it. The serde attributes are the file format;
//! `docs/ROUTINE_FORMAT.md` documents it field by field.

use serde::{Deserialize, Serialize};

use crate::core::duration::Dur;

/// `progression: Progression(...)` at the end of a routine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progression {
    /// Days of calm a raise needs, counted from the last change (or the
    /// first session of this version of the routine): at most one raise
    /// in this many days. Also the window the lowering rules look back on.
    pub every_days: u32,
    /// What a raise needs, all of it over the last `every_days` days.
    /// Absent: the dose is never raised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raise_when: Option<Calm>,
    /// What steps the dose back at once, any of it.
    /// Absent: the dose is never lowered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower_when: Option<Flare>,
    /// The steps that follow the rule, by id.
    pub steps: Vec<StepRule>,
}

/// The conditions of a raise; each one left out is not asked for, and at
/// least one must be there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calm {
    /// Pain during (the steps that ask for it, else pain after the
    /// session) never above this, and at least one score recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain_during_at_most: Option<u8>,
    /// No morning check answered "worse than yesterday" or rose by the
    /// lowering `pain_rise`, and at least one answered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mornings_no_worse: bool,
    /// Completed sessions of the routine in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessions_at_least: Option<u32>,
}

/// What steps the dose back; each one left out is not looked at.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flare {
    /// Pain after a session this much above pain before it, or a morning's
    /// pain this much above the morning before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain_rise: Option<u8>,
    /// This many mornings "worse than yesterday" in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worse_mornings: Option<u32>,
}

/// One step's part in the rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRule {
    /// The id of one of the main steps. A variant's step keeps its
    /// written dose, even with the same id: a gentle variant stays gentle.
    pub step: String,
    /// The length of a `Hold`'s hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold: Option<HoldChange>,
    /// A `Hold`'s `reps`, or a `Reps` step's `count`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reps: Option<CountChange>,
    /// The `sets` of a `Hold` or `Reps` step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<CountChange>,
    /// The dose written in the step stays, whatever the log says: the
    /// physiotherapist's pin wins over every rule.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pin: bool,
}

/// A hold grows by `add` up to `max`; steps back by `add` down to `min`
/// (the written hold when absent).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldChange {
    pub add: Dur,
    pub max: Dur,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Dur>,
}

/// A count grows by `add` up to `max`; steps back by `add` down to `min`
/// (the written count when absent).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountChange {
    pub add: u32,
    pub max: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
}
