//! When each outcome measure is asked: every so many days, as the routines
//! say or by the defaults. A measure belongs to the patient, not to a
//! routine: asked by two routines, it is asked once, at the shorter of
//! their intervals.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The measures asked on a schedule (the morning check is asked every day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeasureKind {
    Psfs,
    Sitting,
    UsualPain,
    RedFlags,
}

impl MeasureKind {
    pub const ALL: [MeasureKind; 4] = [
        MeasureKind::Psfs,
        MeasureKind::Sitting,
        MeasureKind::UsualPain,
        MeasureKind::RedFlags,
    ];

    /// The name on the command line: `limber measure usual-pain`.
    pub fn cli_name(self) -> &'static str {
        match self {
            MeasureKind::Psfs => "psfs",
            MeasureKind::Sitting => "sitting",
            MeasureKind::UsualPain => "usual-pain",
            MeasureKind::RedFlags => "red-flags",
        }
    }

    /// The name in the log (the answer's `measure` tag).
    pub fn log_name(self) -> &'static str {
        match self {
            MeasureKind::Psfs => "psfs",
            MeasureKind::Sitting => "sitting",
            MeasureKind::UsualPain => "usual_pain",
            MeasureKind::RedFlags => "red_flags",
        }
    }

    pub fn from_cli(name: &str) -> Option<MeasureKind> {
        Self::ALL.into_iter().find(|k| k.cli_name() == name)
    }

    /// Days between two asks when no routine says: PSFS changes slowly
    /// (its minimal important change is read over weeks), so every 14
    /// days; sitting tolerance, usual pain and the red flags weekly.
    pub fn default_days(self) -> u32 {
        match self {
            MeasureKind::Psfs => 14,
            MeasureKind::Sitting | MeasureKind::UsualPain | MeasureKind::RedFlags => 7,
        }
    }
}

/// The longest interval a routine may set, in days.
pub const MAX_DAYS: u32 = 365;

/// A routine's `measures: (...)`: days between two asks of each measure;
/// a measure left out keeps its default, `0` means this routine does not
/// ask it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measures {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub psfs: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sitting: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usual_pain: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub red_flags: Option<u32>,
}

impl Measures {
    /// What this routine says of `kind`: its days, the default, or 0.
    pub fn days(&self, kind: MeasureKind) -> u32 {
        let set = match kind {
            MeasureKind::Psfs => self.psfs,
            MeasureKind::Sitting => self.sitting,
            MeasureKind::UsualPain => self.usual_pain,
            MeasureKind::RedFlags => self.red_flags,
        };
        set.unwrap_or_else(|| kind.default_days())
    }

    /// The fields as they are written, with their values, for validation.
    pub fn fields(&self) -> [(&'static str, Option<u32>); 4] {
        [
            ("psfs", self.psfs),
            ("sitting", self.sitting),
            ("usual_pain", self.usual_pain),
            ("red_flags", self.red_flags),
        ]
    }
}

/// How often each measure is asked of this patient.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Every {
    /// Days per measure, in [`MeasureKind::ALL`] order; `None`: not asked.
    days: [Option<u32>; 4],
}

impl Every {
    /// The schedule the routines make together: each measure at the
    /// shortest interval any routine asks it; with no routine, the
    /// defaults.
    pub fn of<'a>(routines: impl IntoIterator<Item = Option<&'a Measures>>) -> Every {
        let mut days = [None; 4];
        let default = Measures::default();
        let mut any = false;
        for m in routines {
            any = true;
            let m = m.unwrap_or(&default);
            for (slot, kind) in days.iter_mut().zip(MeasureKind::ALL) {
                let d = m.days(kind);
                if d > 0 {
                    *slot = Some(slot.map_or(d, |s: u32| s.min(d)));
                }
            }
        }
        if !any {
            return Every::of([None]);
        }
        Every { days }
    }

    pub fn days(&self, kind: MeasureKind) -> Option<u32> {
        self.days[kind as usize]
    }

    /// The measures due `today`, in [`MeasureKind::ALL`] order, given the
    /// local day each was last answered.
    pub fn due(
        &self,
        last: impl Fn(MeasureKind) -> Option<NaiveDate>,
        today: NaiveDate,
    ) -> Vec<MeasureKind> {
        MeasureKind::ALL
            .into_iter()
            .filter(|&k| self.days(k).is_some_and(|d| is_due(last(k), d, today)))
            .collect()
    }
}

/// Whether a measure asked every `days` days and last answered on `last`
/// is due `today`: never answered, or `days` days or more ago. A last day
/// after today (a clock set back) is not due: it was answered.
pub fn is_due(last: Option<NaiveDate>, days: u32, today: NaiveDate) -> bool {
    match last {
        None => true,
        Some(last) => (today - last).num_days() >= i64::from(days),
    }
}

/// Whether the morning check is due: once a day, on the first start, so
/// not when an answer (even one skipped through) has today's date.
pub fn morning_due(last: Option<NaiveDate>, today: NaiveDate) -> bool {
    last.is_none_or(|d| d < today)
}
