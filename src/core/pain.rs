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
