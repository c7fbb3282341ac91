//! From sessions to progress: each routine's target, the days it was met,
//! its course walked day by day, streaks and adherence.
//!
//! The course rules (the article: "не меньше 12 процедур", *at least* 12,
//! repeated after a month, 000:205):
//! - A course is per routine id (any version, any variant). It counts
//!   completed sessions (`count: Sessions`, the default) or local days with
//!   a completed session (`count: Days`).
//! - `sessions` is the course's **goal**, not a wall: on the day it is
//!   reached the course goes on, and every later completed session counts
//!   toward it while sessions continue (`done` may pass `of`).
//! - DEFAULT (the article does not say when a course ends): the course
//!   **ends after its last session**, once a whole local day without a
//!   completed session follows the goal. Until that day is over the course
//!   still runs, so today is never a pause day before it has passed.
//! - The next course may start `pause_days` days after the last session of
//!   the course ended ("repeat after a month"). The days from the day after
//!   that session up to then are the *pause*. Completed sessions in it are
//!   *pause sessions*: listed, counted in nothing, and they do not start
//!   the next course.
//! - The physiotherapist sets the rule in the routine: the goal
//!   (`sessions`), what counts (`count`) and the pause (`pause_days`).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::summary::SessionSummary;
use crate::core::routine::{Course, CourseCount, Routine};

/// What a routine asks for, taken from its schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub routine_id: String,
    /// Short name for one-line output, e.g. `stretch`.
    pub name: String,
    pub times_per_day: u32,
    pub course: Option<Course>,
}

impl Target {
    /// A target for a routine id with no routine file (deleted or renamed):
    /// once a day, no course. The name is the id's last `-` part.
    pub fn fallback(routine_id: &str) -> Self {
        Target {
            routine_id: routine_id.to_string(),
            name: short_name(routine_id),
            times_per_day: 1,
            course: None,
        }
    }

    /// The course, if it has one that counts anything.
    pub fn course(&self) -> Option<&Course> {
        self.course.as_ref().filter(|c| c.sessions > 0)
    }
}

impl From<&Routine> for Target {
    fn from(r: &Routine) -> Self {
        Target {
            routine_id: r.id.clone(),
            name: short_name(&r.id),
            times_per_day: r.schedule.times_per_day.max(1),
            course: r.schedule.course.clone(),
        }
    }
}

/// `piriformis-stretch` → `stretch`.
pub fn short_name(id: &str) -> String {
    id.rsplit('-').next().unwrap_or(id).to_string()
}

/// Sessions on one local day, for one routine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayCount {
    pub completed: u32,
    /// Stopped, abandoned, interrupted and pause sessions.
    pub other: u32,
    /// 0 on pause days.
    pub target: u32,
}

impl DayCount {
    pub fn met(&self) -> bool {
        self.target > 0 && self.completed >= self.target
    }
}

/// Where a routine's course stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CourseState {
    /// `done` counted toward the current course, whose goal is `of`;
    /// `done` may pass `of` (see [`CourseProgress::goal_reached`]).
    InProgress { done: u32, of: u32 },
    /// The last course ended, its last session on `completed_on`; the next
    /// may start on `next_start`.
    Pause {
        completed_on: NaiveDate,
        next_start: NaiveDate,
    },
    /// The pause is over: the next completed session starts a new course.
    Ready { since: NaiveDate },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CourseProgress {
    /// The course being done (or the one to be done next), from 1.
    pub number: u32,
    pub courses_completed: u32,
    pub sessions: u32,
    /// Whether `sessions` counts sessions or days with a session.
    pub count: CourseCount,
    pub pause_days: u32,
    pub state: CourseState,
    /// Completed sessions done during a pause: counted in no course.
    pub pause_sessions: u32,
    /// Completed sessions that counted toward a course, this one included:
    /// with the pause sessions, every completed session.
    pub sessions_counted: u32,
}

impl CourseProgress {
    /// Sessions done in the current course (0 in a pause).
    pub fn done(&self) -> u32 {
        match self.state {
            CourseState::InProgress { done, .. } => done,
            _ => 0,
        }
    }

    /// Whether the current course has reached its goal: it goes on while
    /// sessions continue, and no session is "counted toward no course".
    pub fn goal_reached(&self) -> bool {
        matches!(self.state, CourseState::InProgress { done, of } if done >= of && of > 0)
    }

    /// The date the next course may start, if a pause is under way.
    pub fn next_start(&self) -> Option<NaiveDate> {
        match self.state {
            CourseState::Pause { next_start, .. } => Some(next_start),
            _ => None,
        }
    }
}

/// Completed / target over a window of days, and the days behind it: a
/// clinician reads "did a session on 28 of 30 days" apart from "met the
/// full target on 12", since two of three sessions every day is not the
/// same as nothing on half the days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Adherence {
    pub days: u32,
    pub completed: u32,
    pub target: u32,
    /// Days of the window with a target (pause days have none).
    pub days_due: u32,
    /// Days with a target and at least one completed session.
    pub days_with_session: u32,
    /// Days whose target was met in full.
    pub days_on_target: u32,
}

impl Adherence {
    /// 0.0 ..= 1.0, `None` when nothing was due.
    pub fn ratio(&self) -> Option<f64> {
        (self.target > 0).then(|| f64::from(self.completed) / f64::from(self.target))
    }
}

/// One routine's progress as of `today`.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutineProgress {
    pub target: Target,
    pub today: NaiveDate,
    /// Completed sessions today.
    pub today_done: u32,
    /// Today's target (0 during a course pause).
    pub today_target: u32,
    pub course: Option<CourseProgress>,
    pub current_streak: u32,
    pub longest_streak: u32,
    pub adherence_7: Adherence,
    pub adherence_30: Adherence,
    /// Every day from the first session to `today` that had a session or a
    /// target, by local date.
    pub days: BTreeMap<NaiveDate, DayCount>,
    /// The first local date with a session, if any.
    pub first_day: Option<NaiveDate>,
    /// Pause periods `[from, to)`: the day after a course's last session
    /// .. the next start.
    pub pauses: Vec<(NaiveDate, NaiveDate)>,
}

impl RoutineProgress {
    /// The counts for `date` (target filled in even with no session).
    pub fn day(&self, date: NaiveDate) -> DayCount {
        if let Some(d) = self.days.get(&date) {
            return *d;
        }
        DayCount {
            completed: 0,
            other: 0,
            target: self.target_on(date),
        }
    }

    /// The target on `date`: 0 inside a pause or before the first session.
    pub fn target_on(&self, date: NaiveDate) -> u32 {
        match self.first_day {
            Some(first) if date >= first => {
                if self.in_pause(date) {
                    0
                } else {
                    self.target.times_per_day
                }
            }
            _ => 0,
        }
    }

    pub fn in_pause(&self, date: NaiveDate) -> bool {
        self.pauses
            .iter()
            .any(|&(from, to)| date >= from && date < to)
    }
}

/// Progress of the routine `target` as of `today`, from `sessions` of any
/// routines (others are ignored). Sessions after `today` are ignored too.
pub fn progress(sessions: &[SessionSummary], target: &Target, today: NaiveDate) -> RoutineProgress {
    progress_days(&tally(sessions, &target.routine_id), target, today)
}

/// One routine's sessions on one local day: all that the progress rules
/// need, so a store can keep these counts and never hand over every
/// session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayTally {
    pub date: NaiveDate,
    /// Completed sessions.
    pub completed: u32,
    /// Stopped, abandoned and interrupted ones.
    pub other: u32,
}

/// The sessions of `routine_id` counted by day, in date order.
pub fn tally(sessions: &[SessionSummary], routine_id: &str) -> Vec<DayTally> {
    let mut days: BTreeMap<NaiveDate, DayTally> = BTreeMap::new();
    for s in sessions.iter().filter(|s| s.routine.id == routine_id) {
        let d = days.entry(s.local_date).or_insert(DayTally {
            date: s.local_date,
            ..DayTally::default()
        });
        if s.is_completed() {
            d.completed += 1;
        } else {
            d.other += 1;
        }
    }
    days.into_values().collect()
}

/// [`progress`] from day counts of the one routine of `target` (any
/// order). Courses count completed sessions day by day in calendar order.
pub fn progress_days(days: &[DayTally], target: &Target, today: NaiveDate) -> RoutineProgress {
    let mut mine: Vec<DayTally> = days
        .iter()
        .filter(|d| d.date <= today && d.completed + d.other > 0)
        .copied()
        .collect();
    mine.sort_by_key(|d| d.date);
    let first_day = mine.first().map(|d| d.date);

    // Courses decide which completed sessions count at all, so go first.
    let mut in_pause: HashMap<NaiveDate, u32> = HashMap::new();
    let mut pauses = Vec::new();
    let course = target.course().map(|c| {
        let mut walk = CourseWalk::default();
        let days = mine.iter().filter(|d| d.completed > 0);
        for (date, completed) in days.map(|d| (d.date, d.completed)) {
            pauses.extend(walk.end_before(c, date).and_then(|e| e.pause()));
            if walk.take(c, date, completed) == Taken::InPause {
                *in_pause.entry(date).or_default() += completed;
            }
        }
        pauses.extend(walk.end_before(c, today).and_then(|e| e.pause()));
        walk.progress(c, today)
    });

    let mut p = RoutineProgress {
        target: target.clone(),
        today,
        today_done: 0,
        today_target: 0,
        course,
        current_streak: 0,
        longest_streak: 0,
        adherence_7: Adherence::default(),
        adherence_30: Adherence::default(),
        days: BTreeMap::new(),
        first_day,
        pauses,
    };

    for d in &mine {
        let target_on = p.target_on(d.date);
        let paused = in_pause.get(&d.date).copied().unwrap_or(0);
        p.days.insert(
            d.date,
            DayCount {
                target: target_on,
                completed: d.completed - paused,
                other: d.other + paused,
            },
        );
    }
    p.today_done = p.day(today).completed;
    // Unlike past days, today has a target even before the first session:
    // a new user sees 0/3, not 0/0.
    p.today_target = if p.in_pause(today) {
        0
    } else {
        target.times_per_day
    };

    if let Some(first) = first_day {
        // Longest: walk every day; pause days are transparent. A streak
        // counts days with a completed session, not days on target: two
        // of three sessions every day is a habit kept, and a streak that
        // says 0 for it tells the patient and the physiotherapist wrong.
        let mut run = 0;
        let mut date = first;
        while date <= today {
            let d = p.day(date);
            if d.target > 0 {
                if d.completed > 0 {
                    run += 1;
                    p.longest_streak = p.longest_streak.max(run);
                } else if date != today {
                    run = 0;
                }
            }
            date += Duration::days(1);
        }
        // Walking forward, an unmet today does not break the run, so what
        // is left is the current streak.
        p.current_streak = run;
        p.adherence_7 = p.adherence(7);
        p.adherence_30 = p.adherence(30);
    }
    p
}

/// What a day's completed sessions did to the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    /// They fell in the pause after a course: counted in no course.
    InPause,
    Counted,
}

/// A course that ended: the last day with a session in it, and the day
/// the next course may start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseEnd {
    pub last: NaiveDate,
    pub next_start: NaiveDate,
}

impl CourseEnd {
    /// The pause days `[from, to)`: after the last session up to the next
    /// start; `None` when the next course may start at once.
    pub fn pause(&self) -> Option<(NaiveDate, NaiveDate)> {
        let from = self.last + Duration::days(1);
        (from < self.next_start).then_some((from, self.next_start))
    }
}

/// The course rule taken one day at a time, in date order: all it needs
/// to remember of the days before, so a store can keep a walk through some
/// date and resume it from there instead of from the first session.
///
/// Its stored form changes with its meaning: a store keys a kept walk by
/// [`CourseWalk::FORMAT`] too, so that one walked by older rules is walked
/// again, never resumed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseWalk {
    /// Counted in the current course: sessions or days, as the course
    /// counts. It may pass the course's number: the goal is not a wall.
    done: u32,
    /// The last day with a session in the current course.
    last_day: Option<NaiveDate>,
    /// Courses that ended (goal reached, then a day without a session).
    courses_completed: u32,
    /// The last course that ended.
    last_end: Option<CourseEnd>,
    pause_sessions: u32,
    sessions_counted: u32,
}

impl CourseWalk {
    /// The version of the walk's rules and stored form. 2: the goal is
    /// reached, not a wall; the course ends after a day without a session.
    pub const FORMAT: u32 = 2;

    /// Ends the current course if its goal is reached and a whole day
    /// without a session lies between its last session and `date`. Returns
    /// the course that ended. [`CourseWalk::take`] does this itself; call
    /// it first only to learn of the end.
    pub fn end_before(&mut self, course: &Course, date: NaiveDate) -> Option<CourseEnd> {
        let last = self.last_day?;
        if self.done < course.sessions || date <= last + Duration::days(1) {
            return None;
        }
        let ended = CourseEnd {
            last,
            next_start: last + Duration::days(i64::from(course.pause_days)),
        };
        self.done = 0;
        self.last_day = None;
        self.courses_completed += 1;
        self.last_end = Some(ended);
        Some(ended)
    }

    /// Takes the `completed` sessions (more than 0) of `date`, a later date
    /// than any taken before.
    pub fn take(&mut self, course: &Course, date: NaiveDate, completed: u32) -> Taken {
        self.end_before(course, date);
        if let Some(end) = self.last_end
            && self.done == 0
            && date < end.next_start
        {
            self.pause_sessions += completed;
            return Taken::InPause;
        }
        self.sessions_counted += completed;
        self.done += match course.count {
            CourseCount::Sessions => completed,
            CourseCount::Days => 1,
        };
        self.last_day = Some(date);
        Taken::Counted
    }

    /// Where the course stands on `today`, every day up to it taken.
    pub fn progress(&self, course: &Course, today: NaiveDate) -> CourseProgress {
        let mut walk = *self;
        walk.end_before(course, today);
        let state = match walk.last_end {
            Some(end) if walk.done == 0 && today < end.next_start => CourseState::Pause {
                completed_on: end.last,
                next_start: end.next_start,
            },
            Some(end) if walk.done == 0 => CourseState::Ready {
                since: end.next_start,
            },
            _ => CourseState::InProgress {
                done: walk.done,
                of: course.sessions,
            },
        };
        CourseProgress {
            number: walk.courses_completed + 1,
            courses_completed: walk.courses_completed,
            sessions: course.sessions,
            count: course.count,
            pause_days: course.pause_days,
            state,
            pause_sessions: walk.pause_sessions,
            sessions_counted: walk.sessions_counted,
        }
    }
}

/// What home, the finish screen, reminders and `limber status` show of a
/// routine: today against its target, and the course. Unlike
/// [`RoutineProgress`] it needs no day before a kept [`CourseWalk`].
#[derive(Clone, Debug, PartialEq)]
pub struct Glance {
    pub target: Target,
    pub today: NaiveDate,
    /// Completed sessions today (those of a course pause not counted).
    pub today_done: u32,
    /// Today's target (0 during a course pause).
    pub today_target: u32,
    pub course: Option<CourseProgress>,
}

/// The [`Glance`] of `target` on `today`, from `walk`, which has taken
/// every day before the first of `days`, and `days`, the routine's day
/// counts after it in date order (later than `today` ignored).
pub fn glance(
    target: &Target,
    mut walk: CourseWalk,
    days: &[DayTally],
    today: NaiveDate,
) -> Glance {
    let course = target.course();
    let mut today_done = 0;
    for d in days.iter().filter(|d| d.date <= today) {
        let taken = match course {
            Some(c) if d.completed > 0 => walk.take(c, d.date, d.completed),
            _ => Taken::Counted,
        };
        if d.date == today && taken != Taken::InPause {
            today_done = d.completed;
        }
    }
    let course = course.map(|c| walk.progress(c, today));
    let paused = course.is_some_and(|c| matches!(c.state, CourseState::Pause { .. }));
    Glance {
        target: target.clone(),
        today,
        today_done,
        today_target: if paused { 0 } else { target.times_per_day },
        course,
    }
}

impl RoutineProgress {
    /// The part of the progress that [`glance`] gives.
    pub fn glance(&self) -> Glance {
        Glance {
            target: self.target.clone(),
            today: self.today,
            today_done: self.today_done,
            today_target: self.today_target,
            course: self.course,
        }
    }
}

impl RoutineProgress {
    /// Adherence over the `days` days ending today (see the module rules).
    pub fn adherence(&self, days: u32) -> Adherence {
        let Some(first) = self.first_day else {
            return Adherence::default();
        };
        let start = (self.today - Duration::days(i64::from(days) - 1)).max(first);
        let mut a = Adherence::default();
        let mut date = start;
        while date <= self.today {
            let d = self.day(date);
            a.days += 1;
            a.target += d.target;
            a.completed += d.completed.min(d.target);
            if d.target > 0 {
                a.days_due += 1;
                a.days_with_session += u32::from(d.completed > 0);
                a.days_on_target += u32::from(d.met());
            }
            date += Duration::days(1);
        }
        a
    }
}

/// Routine ids in `sessions`, in order of first appearance.
pub fn routine_ids(sessions: &[SessionSummary]) -> Vec<String> {
    let mut seen = HashSet::new();
    sessions
        .iter()
        .filter(|s| seen.insert(s.routine.id.as_str()))
        .map(|s| s.routine.id.clone())
        .collect()
}

/// Targets for every routine in `known` plus a fallback for any routine id
/// the history has but `known` lacks.
pub fn targets_for(sessions: &[SessionSummary], known: &[Target]) -> Vec<Target> {
    let mut out = known.to_vec();
    for id in routine_ids(sessions) {
        if !out.iter().any(|t| t.routine_id == id) {
            out.push(Target::fallback(&id));
        }
    }
    out
}
