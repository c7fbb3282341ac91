//! What the pain scores of a session mean under a routine's `pain` rules.
//! Pure; the screens and the report ask here.

use super::routine::{Routine, Variant};

/// The variant the routine proposes for pain `before` (0-10), if its rules
/// say so: pain at or above `propose_at`. The user still chooses.
pub fn proposed_variant(routine: &Routine, before: Option<u8>) -> Option<&Variant> {
    let rules = routine.pain.as_ref()?;
    let (at, id) = (rules.propose_at?, rules.variant.as_deref()?);
    if before? < at {
        return None;
    }
    routine.variants.iter().find(|v| v.id == id)
}

/// How much pain rose over a session when that is as much as `report_rise`
/// or more: something to tell the physiotherapist. `None` without both
/// scores, without the rule, or with a smaller rise.
pub fn rise_to_report(
    report_rise: Option<u8>,
    before: Option<u8>,
    after: Option<u8>,
) -> Option<u8> {
    let (threshold, before, after) = (report_rise?, before?, after?);
    let rise = after.checked_sub(before)?;
    (rise > 0 && rise >= threshold).then_some(rise)
}

/// Pain during an exercise above this is too much in the pain-monitoring
/// model (Silbernagel 2007: 0-2 safe, up to 5 of 10 acceptable). The
/// session says so when a step's pain goes past it.
pub const DURING_MAX: u8 = 5;

/// Pain during a step at or above this is the top of the scale: the
/// report lists it among the flags, as PhysiApp alerts the clinician.
pub const DURING_TOP: u8 = 8;

/// Whether pain `during` a step is more than the model accepts.
pub fn too_much_during(during: u8) -> bool {
    during > DURING_MAX
}
