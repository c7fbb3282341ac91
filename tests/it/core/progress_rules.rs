//! Progress rules: sessions, daily targets by local date, courses, streaks,
//! adherence, pain trend.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Europe::Berlin;
use limber::core::progress::{
    CourseState, SessionOutcome, Target, pain_trend, progress, summarize, targets_for,
};
use limber::core::record::{LogLine, Outcome, StopReason};
use limber::core::routine::{Course, CourseCount, Routine};
use limber::store::history::sample::{Spec, routine_ref};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn utc1(y: i32, m: u32, d: u32, h: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .unwrap()
}

fn stretch(times: u32) -> Target {
    Target {
        routine_id: "piriformis-stretch".into(),
        name: "stretch".into(),
        times_per_day: times,
        course: None,
    }
}

fn massage(sessions: u32, pause_days: u32) -> Target {
    Target {
        routine_id: "piriformis-massage".into(),
        name: "massage".into(),
        times_per_day: 1,
        course: Some(Course {
            sessions,
            count: CourseCount::Sessions,
            pause_days,
        }),
    }
}

struct Log {
    lines: Vec<LogLine>,
    n: usize,
}

impl Log {
    fn new() -> Self {
        Log {
            lines: Vec::new(),
            n: 0,
        }
    }
    fn add(&mut self, id: &str, at: DateTime<FixedOffset>, outcome: Option<Outcome>) {
        self.n += 1;
        let r = routine_ref(id, 1);
        self.lines.extend(
            Spec::new(&r, &format!("s{}", self.n), at)
                .outcome(outcome)
                .lines(),
        );
    }
    fn done(&mut self, id: &str, at: DateTime<FixedOffset>) {
        self.add(id, at, Some(Outcome::Completed));
    }
}

#[test]
fn a_session_without_an_end_is_interrupted_with_its_steps() {
    let r = routine_ref("piriformis-stretch", 1);
    let lines = Spec::new(&r, "x", utc1(2026, 5, 1, 9))
        .steps(3)
        .outcome(None)
        .pain(Some(6), None)
        .lines();
    let s = summarize(&lines);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].outcome, SessionOutcome::Interrupted);
    assert_eq!(s[0].steps.len(), 3);
    assert_eq!(s[0].steps[2].step, "step-2");
    assert_eq!(s[0].pain_before, Some(6));
    // A lost start line still leaves a session, dated by its first event.
    let s = summarize(&lines[1..]);
    assert_eq!(s[0].outcome, SessionOutcome::Interrupted);
    assert_eq!(s[0].started_at, utc1(2026, 5, 1, 9) + Duration::seconds(90));
}

#[test]
fn only_completed_sessions_count() {
    let mut log = Log::new();
    let id = "piriformis-stretch";
    log.done(id, utc1(2026, 5, 1, 8));
    log.add(
        id,
        utc1(2026, 5, 1, 9),
        Some(Outcome::Stopped(StopReason::Pain)),
    );
    log.add(id, utc1(2026, 5, 1, 10), Some(Outcome::Abandoned));
    log.add(id, utc1(2026, 5, 1, 11), None);
    log.done("piriformis-massage", utc1(2026, 5, 1, 12));
    let sessions = summarize(&log.lines);
    assert_eq!(sessions.len(), 5);
    let p = progress(&sessions, &stretch(3), date(2026, 5, 1));
    assert_eq!(p.today_done, 1);
    assert_eq!(p.today_target, 3);
    assert_eq!(p.day(date(2026, 5, 1)).other, 3);
    // One completed session makes a day with a session: the streak is 1.
    assert_eq!(p.current_streak, 1);
    assert_eq!(
        sessions[1].outcome,
        SessionOutcome::Stopped(StopReason::Pain)
    );
}

/// Sessions at Berlin local times on one day, in the offsets Berlin really
/// had at those moments.
fn berlin(d: NaiveDate, times: &[(u32, u32)]) -> Vec<DateTime<FixedOffset>> {
    times
        .iter()
        .flat_map(|&(h, m)| {
            let local = d.and_hms_opt(h, m, 0).unwrap();
            // Ambiguous times (autumn) happen twice: take both.
            Berlin
                .from_local_datetime(&local)
                .earliest()
                .into_iter()
                .chain(Berlin.from_local_datetime(&local).latest())
                .collect::<std::collections::BTreeSet<_>>()
        })
        .map(|t| t.fixed_offset())
        .collect()
}

#[test]
fn spring_forward_day_counts_by_local_date() {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST; the day has 23 hours.
    let day = date(2026, 3, 29);
    let times = berlin(day, &[(0, 30), (1, 59), (3, 0), (23, 30)]);
    assert_eq!(times[0].offset().local_minus_utc(), 3600);
    assert_eq!(times[2].offset().local_minus_utc(), 7200);
    let mut log = Log::new();
    for t in &times {
        log.done("piriformis-stretch", *t);
    }
    // 00:30 the next morning is still 22:30 UTC on the 29th: next day.
    let next = berlin(date(2026, 3, 30), &[(0, 30)])[0];
    assert_eq!(next.naive_utc().date(), day);
    log.done("piriformis-stretch", next);
    let sessions = summarize(&log.lines);
    let p = progress(&sessions, &stretch(3), date(2026, 3, 30));
    assert_eq!(p.day(day).completed, 4);
    assert_eq!(p.day(date(2026, 3, 28)).completed, 0);
    assert_eq!(p.today_done, 1);
    assert_eq!(sessions.iter().filter(|s| s.local_date == day).count(), 4);
}

#[test]
fn fall_back_day_counts_the_repeated_hour_twice_on_one_day() {
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    let day = date(2026, 10, 25);
    let times = berlin(day, &[(0, 15), (2, 30), (23, 59)]);
    assert_eq!(times.len(), 4, "02:30 twice");
    let mut log = Log::new();
    for t in &times {
        log.done("piriformis-stretch", *t);
    }
    // 23:30 UTC on the 24th is already the 25th in Berlin (CEST).
    let early = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2026, 10, 24, 23, 30, 0)
        .unwrap()
        .with_timezone(&Berlin)
        .fixed_offset();
    log.done("piriformis-stretch", early);
    let sessions = summarize(&log.lines);
    let p = progress(&sessions, &stretch(3), day);
    assert_eq!(p.today_done, 5);
    assert_eq!(p.day(date(2026, 10, 24)).completed, 0);
    assert!(p.day(day).met());
    assert_eq!(p.current_streak, 1);
}

#[test]
fn travel_keeps_each_session_on_its_own_local_day() {
    let mut log = Log::new();
    // 23:00 at UTC+1 on 1 May and 07:00 in Tokyo on 2 May are the same
    // instant (22:00 UTC), yet two different local days.
    log.done("piriformis-stretch", utc1(2026, 5, 1, 23));
    let tokyo = FixedOffset::east_opt(9 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 5, 2, 7, 0, 0)
        .unwrap();
    log.done("piriformis-stretch", tokyo);
    let sessions = summarize(&log.lines);
    let p = progress(&sessions, &stretch(1), date(2026, 5, 2));
    assert_eq!(p.day(date(2026, 5, 1)).completed, 1);
    assert_eq!(p.day(date(2026, 5, 2)).completed, 1);
    assert_eq!(p.current_streak, 2);
}

#[test]
fn a_course_of_twelve_with_a_thirty_day_pause() {
    let id = "piriformis-massage";
    let target = massage(12, 30);
    let mut log = Log::new();
    // Two not-completed sessions do not count toward the course.
    log.add(
        id,
        utc1(2026, 1, 1, 7),
        Some(Outcome::Stopped(StopReason::Pain)),
    );
    log.add(id, utc1(2026, 1, 1, 8), None);
    for d in 1..=11 {
        log.done(id, utc1(2026, 1, d, 9));
    }
    let sessions = summarize(&log.lines);
    let p = progress(&sessions, &target, date(2026, 1, 11));
    assert_eq!(
        p.course.unwrap().state,
        CourseState::InProgress { done: 11, of: 12 }
    );
    assert_eq!(p.course.unwrap().number, 1);

    // The 12th, a gentle variant: any variant counts.
    let r = routine_ref(id, 2);
    log.lines.extend(
        Spec::new(&r, "gentle", utc1(2026, 1, 12, 9))
            .variant("gentle")
            .lines(),
    );
    let sessions = summarize(&log.lines);
    // The goal is reached, not a wall: the course goes on that day and
    // the next, which may still bring a session.
    for today in [date(2026, 1, 12), date(2026, 1, 13)] {
        let p = progress(&sessions, &target, today);
        let c = p.course.unwrap();
        assert_eq!(c.state, CourseState::InProgress { done: 12, of: 12 });
        assert!(c.goal_reached());
        assert_eq!((c.courses_completed, c.next_start()), (0, None));
        assert_eq!(p.today_target, 1);
    }
    // A day without a session ends it: the pause runs from the day after
    // the last session.
    let p = progress(&sessions, &target, date(2026, 1, 14));
    let c = p.course.unwrap();
    assert_eq!(c.courses_completed, 1);
    assert_eq!(
        c.state,
        CourseState::Pause {
            completed_on: date(2026, 1, 12),
            next_start: date(2026, 2, 11),
        }
    );
    assert_eq!(c.next_start(), Some(date(2026, 2, 11)));
    assert_eq!(c.number, 2);
    assert!(!c.goal_reached());

    // A session during the pause is shown but starts nothing, and the pause
    // days carry no target.
    log.done(id, utc1(2026, 1, 20, 9));
    let sessions = summarize(&log.lines);
    let p = progress(&sessions, &target, date(2026, 2, 10));
    let c = p.course.unwrap();
    assert_eq!(c.pause_sessions, 1);
    assert_eq!(c.next_start(), Some(date(2026, 2, 11)));
    assert_eq!(p.day(date(2026, 1, 20)).completed, 0);
    assert_eq!(p.day(date(2026, 1, 20)).other, 1);
    assert_eq!(p.today_target, 0);
    assert!(p.in_pause(date(2026, 1, 13)) && p.in_pause(date(2026, 2, 10)));
    assert!(!p.in_pause(date(2026, 1, 12)) && !p.in_pause(date(2026, 2, 11)));
    // The streak of 12 survives the pause.
    assert_eq!(p.current_streak, 12);
    assert_eq!(p.longest_streak, 12);
    assert_eq!(p.adherence_7.target, 0);

    // On the start date: ready; a session then starts course 2.
    let p = progress(&sessions, &target, date(2026, 2, 11));
    assert_eq!(
        p.course.unwrap().state,
        CourseState::Ready {
            since: date(2026, 2, 11)
        }
    );
    assert_eq!(p.today_target, 1);
    log.done(id, utc1(2026, 2, 11, 9));
    let sessions = summarize(&log.lines);
    let p = progress(&sessions, &target, date(2026, 2, 11));
    let c = p.course.unwrap();
    assert_eq!(c.state, CourseState::InProgress { done: 1, of: 12 });
    assert_eq!(c.number, 2);
    assert_eq!(p.current_streak, 13);
}

#[test]
fn streaks_and_adherence() {
    let id = "piriformis-stretch";
    let mut log = Log::new();
    // 1..=5 May: 3 a day (met). 6 May: 2 (missed). 7..=9 May: 3 a day.
    // 10 May (today): 1 so far.
    for d in 1..=9u32 {
        let n = if d == 6 { 2 } else { 3 };
        for k in 0..n {
            log.done(id, utc1(2026, 5, d, 8 + 4 * k));
        }
    }
    log.done(id, utc1(2026, 5, 10, 8));
    // Extra sessions on one day do not make up for another.
    log.done(id, utc1(2026, 5, 9, 22));
    let sessions = summarize(&log.lines);
    let p = progress(&sessions, &stretch(3), date(2026, 5, 10));
    // Streaks count days with a session: 6 May (2 of 3) keeps it.
    assert_eq!(p.current_streak, 10);
    assert_eq!(p.longest_streak, 10);
    // Last 7 days: 4..=10 May, target 21; 3+3+2+3+3+3+1 = 18.
    assert_eq!(p.adherence_7.target, 21);
    assert_eq!(p.adherence_7.completed, 18);
    assert_eq!(p.adherence_7.ratio(), Some(18.0 / 21.0));
    // 30 days, but only since the first session (1 May): 10 days.
    assert_eq!(p.adherence_30.days, 10);
    assert_eq!(p.adherence_30.target, 30);
    assert_eq!(p.adherence_30.completed, 27);
    // Days on target and days with a session, side by side.
    assert_eq!(p.adherence_30.days_due, 10);
    assert_eq!(p.adherence_30.days_with_session, 10);
    assert_eq!(p.adherence_30.days_on_target, 8);
    // Today without a session yet does not break the streak; a day
    // without one does.
    let p = progress(&sessions, &stretch(3), date(2026, 5, 11));
    assert_eq!(p.current_streak, 10, "today is not over");
    let p = progress(&sessions, &stretch(3), date(2026, 5, 12));
    assert_eq!(p.current_streak, 0);
    assert_eq!(p.longest_streak, 10);
    // Nothing logged: nothing due.
    let p = progress(&[], &stretch(3), date(2026, 5, 11));
    assert_eq!(p.adherence_30.ratio(), None);
    assert_eq!(p.current_streak, 0);
}

#[test]
fn pain_trend_averages_per_day_over_every_outcome() {
    let r = routine_ref("piriformis-stretch", 1);
    let mut lines = Vec::new();
    lines.extend(
        Spec::new(&r, "a", utc1(2026, 5, 1, 8))
            .pain(Some(6), Some(3))
            .lines(),
    );
    lines.extend(
        Spec::new(&r, "b", utc1(2026, 5, 1, 12))
            .outcome(Some(Outcome::Stopped(StopReason::Pain)))
            .pain(Some(7), Some(8))
            .lines(),
    );
    lines.extend(
        Spec::new(&r, "c", utc1(2026, 5, 2, 8))
            .pain(Some(4), None)
            .lines(),
    );
    lines.extend(Spec::new(&r, "d", utc1(2026, 5, 3, 8)).lines());
    let m = routine_ref("piriformis-massage", 1);
    lines.extend(
        Spec::new(&m, "e", utc1(2026, 5, 2, 8))
            .pain(Some(9), Some(9))
            .lines(),
    );
    let sessions = summarize(&lines);
    let t = pain_trend(&sessions, Some("piriformis-stretch"), None);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].date, date(2026, 5, 1));
    assert_eq!(t[0].before, Some(6.5));
    assert_eq!(t[0].after, Some(5.5));
    assert_eq!(t[1].before, Some(4.0));
    assert_eq!(t[1].after, None);
    let all = pain_trend(&sessions, None, Some(date(2026, 5, 2)));
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].before, Some(6.5));
}

#[test]
fn targets_come_from_routines_with_fallbacks() {
    let text = limber::store::routines::BUILTIN
        .iter()
        .find(|(l, n, _)| *l == "en" && *n == "piriformis-stretch.ron")
        .unwrap()
        .2;
    let routine: Routine = limber::core::parse::parse_routine(text.as_bytes()).unwrap();
    let t = Target::from(&routine);
    assert_eq!(t.name, "stretch");
    assert_eq!(t.times_per_day, 3);
    let mut log = Log::new();
    log.done("old-routine", utc1(2026, 5, 1, 8));
    let all = targets_for(&summarize(&log.lines), &[t]);
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].routine_id, "old-routine");
    assert_eq!(all[1].times_per_day, 1);
}

/// Steps are counted against the plan, each once by its last record: a
/// stretch stopped in its second step reads "1 of 7", not "1 of 2", and a
/// step redone after Back counts as it ended the second time.
#[test]
fn steps_are_counted_against_the_plan_once_each() {
    use limber::core::record::{Event, StepStatus};
    use limber::store::history::Recorder;
    let at = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .unwrap();
    let mut rec = Recorder::with_session_id(routine_ref("piriformis-stretch", 1), "s");
    let step = |index: usize, status| Event::StepDone {
        index,
        step: format!("step-{index}"),
        side: None,
        reps_done: u32::from(status == StepStatus::Done),
        reps_planned: 1,
        status,
        held_ms: None,
    };
    let events = [
        Event::SessionStarted {
            side: None,
            variant: None,
            pain_before: None,
            steps_planned: Some(7),
            dose: vec![],
            prescription: None,
        },
        step(0, StepStatus::Partial),
        // Back, and step 0 again, this time to the end.
        step(0, StepStatus::Done),
        step(1, StepStatus::Skipped),
        Event::SessionEnded {
            outcome: Outcome::Stopped(StopReason::Pain),
            active_ms: 60_000,
            paused_ms: 0,
        },
    ];
    let lines: Vec<LogLine> = events
        .into_iter()
        .enumerate()
        .map(|(i, e)| rec.stamp(e, at + Duration::seconds(i as i64)))
        .collect();
    let s = &summarize(&lines)[0];
    assert_eq!(s.steps.len(), 2, "each step once: {:?}", s.steps);
    assert_eq!(
        s.steps[0].status,
        StepStatus::Done,
        "the redo's result stands"
    );
    let c = s.step_counts();
    assert_eq!((c.done, c.planned), (1, 7));
    // An older log without the plan's count counts the steps it logged.
    let mut old = s.clone();
    old.steps_planned = None;
    let c = old.step_counts();
    assert_eq!((c.done, c.planned), (1, 2));
}
