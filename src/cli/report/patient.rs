//! What a report is made of, computed once: every session of the log, the
//! ones the window shows, each routine's progress as of today, the rules
//! and names of the routines, and the flags. The sections only read it.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};

use super::flags::{Flag, flags};
use crate::core::progress::{RoutineProgress, SessionSummary, Target, progress, targets_for};
use crate::core::routine::Schedule;
use crate::core::sanitize::visible;
use crate::i18n::{ClinicStrings, Lang, ReportStrings, Strings, Words};
use crate::store::routines::Library;

/// What a routine tells the report: its name for the reader, and what to
/// watch for the physiotherapist.
#[derive(Clone, Debug)]
pub struct RoutineRules {
    pub routine: String,
    /// The routine's title in the reader's language; the id when `None`
    /// (a routine only the log knows).
    pub title: Option<String>,
    /// How many points of pain after a session above pain before are
    /// worth hearing about.
    pub report_rise: Option<u8>,
    /// The schedule, whose interval is the ceiling sessions are counted
    /// against.
    pub schedule: Schedule,
}

/// The rules of every loaded routine, named for a reader of `lang`.
pub fn rules(library: &Library) -> Vec<RoutineRules> {
    library
        .routines
        .iter()
        .map(|l| RoutineRules {
            routine: l.routine.id.clone(),
            title: Some(l.routine.title.clone()),
            report_rise: l.routine.pain.as_ref().and_then(|p| p.report_rise),
            schedule: l.routine.schedule.clone(),
        })
        .collect()
}

/// Step titles of every loaded routine, by (routine id, step id).
pub fn step_titles(library: &Library) -> HashMap<(String, String), String> {
    let mut out = HashMap::new();
    for l in &library.routines {
        for s in &l.routine.steps {
            out.insert((l.routine.id.clone(), s.id.clone()), s.title.clone());
        }
    }
    out
}

/// Targets of the loaded routines.
pub fn known_targets(library: &Library) -> Vec<Target> {
    library
        .routines
        .iter()
        .map(|l| Target::from(&l.routine))
        .collect()
}

/// The dates a report charts and lists: `--since` and `--until`, both
/// inclusive. The state (course, today, next due) never depends on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Window {
    pub fn keeps(&self, d: NaiveDate) -> bool {
        self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d <= u)
    }
}

/// The words a report is written with.
pub struct Texts {
    pub w: Words,
    pub r: ReportStrings,
    pub c: ClinicStrings,
    pub ui: Strings,
}

impl Texts {
    pub fn new(lang: Lang) -> Self {
        Texts {
            w: Words::new(lang),
            r: ReportStrings::load(lang),
            c: ClinicStrings::load(lang),
            ui: Strings::load(lang),
        }
    }
}

/// Everything one patient's report says, computed once.
pub struct Patient {
    /// The patient's label from the export, or the file name.
    pub label: Option<String>,
    /// The moment the report is made: the state is as of then.
    pub now: DateTime<FixedOffset>,
    pub today: NaiveDate,
    pub window: Window,
    /// Every session of the log, oldest first.
    pub all: Vec<SessionSummary>,
    /// The sessions in the window, oldest first.
    pub shown: Vec<SessionSummary>,
    pub rules: Vec<RoutineRules>,
    pub step_titles: HashMap<(String, String), String>,
    /// Each routine's progress as of `today`, from the whole log.
    pub progress: Vec<RoutineProgress>,
    /// Newest first.
    pub flags: Vec<Flag>,
    pub t: Texts,
    /// The morning checks and outcome measures (`measures::attach`).
    pub outcomes: super::measures::Outcomes,
}

/// What goes into [`Patient::new`] besides the sessions.
pub struct Setting<'a> {
    pub targets: &'a [Target],
    pub rules: Vec<RoutineRules>,
    pub step_titles: HashMap<(String, String), String>,
    pub now: DateTime<FixedOffset>,
    pub window: Window,
    pub lang: Lang,
    pub label: Option<String>,
}

impl Patient {
    pub fn new(all: Vec<SessionSummary>, s: Setting) -> Self {
        let shown: Vec<SessionSummary> = all
            .iter()
            .filter(|x| s.window.keeps(x.local_date))
            .cloned()
            .collect();
        // A routine deleted since is still in the history: report it too.
        let progress: Vec<RoutineProgress> = targets_for(&all, s.targets)
            .iter()
            .map(|t| progress(&all, t, s.now.date_naive()))
            .collect();
        let t = Texts::new(s.lang);
        let mut p = Patient {
            label: s.label,
            now: s.now,
            today: s.now.date_naive(),
            window: s.window,
            all,
            shown,
            rules: s.rules,
            step_titles: s.step_titles,
            progress,
            flags: Vec::new(),
            t,
            outcomes: Default::default(),
        };
        p.flags = flags(&p);
        p
    }

    /// The routines the report has something to say about: those with a
    /// session in the whole log.
    pub fn routines(&self) -> impl Iterator<Item = &RoutineProgress> {
        self.progress.iter().filter(|p| p.first_day.is_some())
    }

    /// The routine's name for the reader: its title, else its id.
    pub fn name(&self, id: &str) -> String {
        self.rules
            .iter()
            .find(|r| r.routine == id)
            .and_then(|r| r.title.as_deref())
            .map_or_else(|| visible(id).into_owned(), |t| visible(t).into_owned())
    }

    /// A step's title, else its id.
    pub fn step_name(&self, routine: &str, step: &str) -> String {
        self.step_titles
            .get(&(routine.to_string(), step.to_string()))
            .map_or_else(|| visible(step).into_owned(), |t| visible(t).into_owned())
    }

    pub fn rule(&self, id: &str) -> Option<&RoutineRules> {
        self.rules.iter().find(|r| r.routine == id)
    }

    /// The first and last day the window shows: its bounds where given,
    /// else the first session and today.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.shown.first()?.local_date;
        let from = self.window.since.unwrap_or(first);
        let to = self.window.until.unwrap_or(self.today).min(self.today);
        Some((from.min(to), to))
    }

    /// The sessions of `routine` in the window.
    pub fn shown_of<'a>(&'a self, routine: &'a str) -> impl Iterator<Item = &'a SessionSummary> {
        self.shown.iter().filter(move |s| s.routine.id == routine)
    }

    /// The affected side of the latest session that named one.
    pub fn affected_side(&self, routine: &str) -> Option<crate::core::routine::Side> {
        self.all
            .iter()
            .rev()
            .filter(|s| s.routine.id == routine)
            .find_map(|s| s.side)
    }

    pub fn last_session(&self) -> Option<DateTime<FixedOffset>> {
        self.all.iter().map(|s| s.started_at).max()
    }
}

/// The Monday of `d`'s week.
pub fn week_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// The median of `v` (sorted in place); `None` when empty.
pub fn median(v: &mut [u8]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        f64::from(v[n / 2])
    } else {
        (f64::from(v[n / 2 - 1]) + f64::from(v[n / 2])) / 2.0
    })
}
