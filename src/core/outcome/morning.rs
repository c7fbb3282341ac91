//! The morning flag: the 24-hour response of the pain-monitoring model
//! (Silbernagel 2007). A morning is flagged when its pain is 2 or more
//! above the previous morning's, or 2 or more above the baseline, or when
//! the patient says it is worse than yesterday.
//!
//! - **Two points**, not one: the minimal important change of a 0-10 pain
//!   scale is about 2; a single point is the scale's own noise.
//! - **The baseline** is the median of the first three mornings that gave
//!   a pain score: one bad first morning does not set it, and it stays
//!   put, so a slow week-on-week rise is seen (each morning only 1 above
//!   the one before never trips the first rule). The first three mornings
//!   are compared with the previous one only.
//! - **The previous morning** is the last earlier one with a pain score,
//!   however long ago.

use chrono::NaiveDate;

use super::{Answer, Compared, Measure};

/// How far above the previous morning or the baseline flags a morning.
pub const RISE: u8 = 2;
/// Mornings the baseline is the median of.
pub const BASELINE_MORNINGS: usize = 3;

/// One day's morning check; the last answer of a day counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MorningDay {
    pub date: NaiveDate,
    pub pain: Option<u8>,
    pub stiffness: Option<u8>,
    pub compared: Option<Compared>,
}

impl MorningDay {
    /// Every part skipped.
    pub fn is_empty(&self) -> bool {
        self.pain.is_none() && self.stiffness.is_none() && self.compared.is_none()
    }
}

/// Why a morning was flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `pain` is `RISE` or more above the previous morning's `from`.
    Rise { from: u8 },
    /// `pain` is `RISE` or more above the `baseline`.
    AboveBaseline { baseline: u8 },
    /// "Worse than yesterday".
    SaidWorse,
}

/// A flagged morning and every reason it was flagged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MorningFlag {
    pub date: NaiveDate,
    pub pain: Option<u8>,
    pub reasons: Vec<Reason>,
}

/// The mornings of `answers` (any order), one per local day (the latest
/// answer of a day that said anything; a check skipped through never
/// hides an answer of the same day), oldest first.
pub fn mornings(answers: &[Answer]) -> Vec<MorningDay> {
    let mut days: std::collections::BTreeMap<
        NaiveDate,
        (chrono::DateTime<chrono::FixedOffset>, MorningDay),
    > = Default::default();
    for a in answers {
        if let Measure::Morning {
            pain,
            stiffness,
            compared,
        } = a.measure
        {
            let date = a.at.date_naive();
            let day = MorningDay {
                date,
                pain,
                stiffness,
                compared,
            };
            let replace = match days.get(&date) {
                None => true,
                Some((at, kept)) => match (kept.is_empty(), day.is_empty()) {
                    (true, false) => true,
                    (false, true) => false,
                    _ => a.at >= *at,
                },
            };
            if replace {
                days.insert(date, (a.at, day));
            }
        }
    }
    days.into_values().map(|(_, d)| d).collect()
}

/// The baseline of `days` (oldest first): the median of the first
/// [`BASELINE_MORNINGS`] pain scores, once there are that many.
pub fn baseline(days: &[MorningDay]) -> Option<u8> {
    let mut first: Vec<u8> = days
        .iter()
        .filter_map(|d| d.pain)
        .take(BASELINE_MORNINGS)
        .collect();
    if first.len() < BASELINE_MORNINGS {
        return None;
    }
    first.sort_unstable();
    Some(first[BASELINE_MORNINGS / 2])
}

/// The flag of each of `days` (oldest first), in the same order.
pub fn flags(days: &[MorningDay]) -> Vec<Option<MorningFlag>> {
    let base = baseline(days);
    let mut scored = 0;
    let mut previous: Option<u8> = None;
    let mut out = Vec::with_capacity(days.len());
    for d in days {
        let mut reasons = Vec::new();
        if let Some(pain) = d.pain {
            if let Some(from) = previous
                && pain >= from.saturating_add(RISE)
            {
                reasons.push(Reason::Rise { from });
            }
            if let Some(baseline) = base
                && scored >= BASELINE_MORNINGS
                && pain >= baseline.saturating_add(RISE)
            {
                reasons.push(Reason::AboveBaseline { baseline });
            }
            previous = Some(pain);
            scored += 1;
        }
        if d.compared == Some(Compared::Worse) {
            reasons.push(Reason::SaidWorse);
        }
        out.push((!reasons.is_empty()).then_some(MorningFlag {
            date: d.date,
            pain: d.pain,
            reasons,
        }));
    }
    out
}

/// The flag of the morning of `today`, if there is one and it is flagged:
/// what home and `status` show.
pub fn today_flag(days: &[MorningDay], today: NaiveDate) -> Option<MorningFlag> {
    match days.last() {
        Some(d) if d.date == today => flags(days).pop().flatten(),
        _ => None,
    }
}
