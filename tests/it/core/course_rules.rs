//! Courses, targets and totals as the article says (issue 22): a course
//! goes on past its goal and pauses after its last session; the massage's
//! target of 2 with its interval as a ceiling, and the count of sessions
//! started too soon; a remaining total that does not jump when a hold
//! passes its minimum. Dates and `Mono` values are the fake clock.

use std::time::Duration;

use chrono::{DateTime, Duration as Days, FixedOffset, NaiveDate, TimeZone};
use limber::core::due::{Due, next_due, too_soon, too_soon_count};
use limber::core::lang::Lang;
use limber::core::plan::{Length, length};
use limber::core::progress::{
    CourseState, CourseWalk, DayTally, Target, glance, progress_days, summarize,
};
use limber::core::record::{Outcome, StopReason};
use limber::core::routine::{Course, CourseCount, Routine};
use limber::core::session::Command::*;
use limber::store::history::History;
use limber::store::history::sample::{Spec, routine_ref};
use limber::store::routines::builtin;

use crate::common::engine::{run, s, session};

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Days::days(n)
}

fn massage_target(pause_days: u32) -> Target {
    Target {
        routine_id: "piriformis-massage".into(),
        name: "massage".into(),
        times_per_day: 2,
        course: Some(Course {
            sessions: 12,
            count: CourseCount::Days,
            pause_days,
        }),
    }
}

/// One completed session on each of `days` (days after 1 March).
fn tallies(days: impl IntoIterator<Item = i64>) -> Vec<DayTally> {
    days.into_iter()
        .map(|n| DayTally {
            date: day(n),
            completed: 1,
            other: 0,
        })
        .collect()
}

/// The glance from a walk kept through the day before `today`, as home
/// reads it from the store.
fn resumed(log: &[DayTally], target: &Target, today: NaiveDate) -> limber::core::progress::Glance {
    let course = target.course().unwrap();
    let mut walk = CourseWalk::default();
    for d in log.iter().filter(|d| d.date < today) {
        walk.take(course, d.date, d.completed);
    }
    let after: Vec<_> = log.iter().filter(|d| d.date >= today).copied().collect();
    glance(target, walk, &after, today)
}

#[test]
fn a_course_goes_on_past_its_goal_while_sessions_continue() {
    let target = massage_target(30);
    // Twenty days in a row: the goal of 12 is reached on day 11 (0-based),
    // and every day after still counts toward the same course.
    let log = tallies(0..20);
    for today in [day(11), day(19), day(20)] {
        let p = progress_days(&log, &target, today);
        let c = p.course.unwrap();
        let done = (today - day(0)).num_days().min(19) as u32 + 1;
        assert_eq!(
            c.state,
            CourseState::InProgress { done, of: 12 },
            "on {today}"
        );
        assert!(c.goal_reached());
        // No session is "counted toward no course": no pause, no nag date.
        assert_eq!((c.pause_sessions, c.next_start()), (0, None));
        assert_eq!(c.courses_completed, 0);
        assert_eq!(p.today_target, 2, "today still has its target");
        assert_eq!(resumed(&log, &target, today), p.glance());
    }
    // Day 20 (today, no session yet) is not a pause day: the day is not over.
    assert!(!progress_days(&log, &target, day(20)).in_pause(day(20)));
}

/// `limber status` and the report write a course past its goal as the
/// goal reached, in both languages, never as "13/12".
#[test]
fn a_course_past_its_goal_is_written_as_the_goal_reached() {
    let target = massage_target(30);
    let log = tallies(0..13);
    let past = progress_days(&log, &target, day(12)).course;
    let before = progress_days(&log, &target, day(5)).course;
    let en = limber::i18n::Words::new(Lang::En);
    let ru = limber::i18n::Words::new(Lang::Ru);
    let text = |c, w| limber::cli::history::course_text(c, w).unwrap();
    assert_eq!(text(past, &en), "13 (goal of 12 reached, goes on)");
    assert_eq!(text(past, &ru), "13 (цель 12 достигнута, курс идёт)");
    assert_eq!(text(before, &en), "6/12");
}

#[test]
fn a_course_pauses_after_its_last_session_once_a_day_passes_without_one() {
    let target = massage_target(30);
    let log = tallies(0..15);
    // Day 15 passed without a session: the course ended with day 14.
    let p = progress_days(&log, &target, day(16));
    let c = p.course.unwrap();
    assert_eq!(
        c.state,
        CourseState::Pause {
            completed_on: day(14),
            next_start: day(44),
        }
    );
    assert_eq!((c.courses_completed, c.number), (1, 2));
    assert_eq!(c.sessions_counted, 15);
    assert_eq!(p.today_target, 0);
    // The pause runs from the day after the last session; the day that
    // ended the course is in it, so it breaks no streak.
    assert!(p.in_pause(day(15)) && p.in_pause(day(43)));
    assert!(!p.in_pause(day(14)) && !p.in_pause(day(44)));
    assert_eq!(resumed(&log, &target, day(16)), p.glance());

    // A session in the pause counts toward nothing and starts nothing.
    let mut log = log;
    log.extend(tallies([20]));
    let p = progress_days(&log, &target, day(20));
    let c = p.course.unwrap();
    assert_eq!(c.pause_sessions, 1);
    assert_eq!(c.next_start(), Some(day(44)));
    assert_eq!(p.today_done, 0);
    assert_eq!(resumed(&log, &target, day(20)), p.glance());

    // From the next start, a session starts course 2.
    log.extend(tallies([44]));
    let c = progress_days(&log, &target, day(44)).course.unwrap();
    assert_eq!(c.state, CourseState::InProgress { done: 1, of: 12 });
    assert_eq!(c.number, 2);
}

#[test]
fn a_gap_before_the_goal_does_not_end_the_course() {
    let target = massage_target(30);
    // Eleven days with a session, a week off, then the twelfth.
    let mut days: Vec<i64> = (0..11).collect();
    days.push(18);
    let log = tallies(days);
    let c = progress_days(&log, &target, day(18)).course.unwrap();
    assert_eq!(c.state, CourseState::InProgress { done: 12, of: 12 });
    assert_eq!(c.courses_completed, 0);
}

fn utc(d: NaiveDate, h: u32, m: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0)
        .unwrap()
        .from_local_datetime(&d.and_hms_opt(h, m, 0).unwrap())
        .unwrap()
}

#[test]
fn an_old_kept_walk_is_walked_again_under_the_new_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let history = History::open(tmp.path()).unwrap().history;
    let massage = routine_ref("piriformis-massage", 1);
    let today = day(20);
    let lines: Vec<_> = (0..14)
        .flat_map(|n| Spec::new(&massage, &format!("m{n}"), utc(day(n), 9, 0)).lines())
        .collect();
    history.import(&lines).unwrap();
    let target = massage_target(30);
    let course = target.course().unwrap();
    let full = progress_days(&history.days(&target.routine_id).unwrap(), &target, today);

    // A walk kept by the old rules, under the old key (the rule alone),
    // through yesterday: resumed, it would give a wrong course.
    let old_key = serde_json::to_string(course).unwrap();
    let bogus = serde_json::to_string(&CourseWalk::default()).unwrap();
    let yesterday = (today - Days::days(1)).to_string();
    rusqlite::Connection::open(history.path())
        .unwrap()
        .execute(
            "INSERT INTO course_walks (routine_id, rule, through, walk) VALUES (?1, ?2, ?3, ?4)",
            [target.routine_id.as_str(), &old_key, &yesterday, &bogus],
        )
        .unwrap();
    assert_ne!(
        glance(&target, CourseWalk::default(), &[], today),
        full.glance(),
        "the bogus walk would show other figures"
    );
    assert_eq!(history.glance(&target, today).unwrap(), full.glance());
    history
        .keep_courses(std::slice::from_ref(&target), today)
        .unwrap();
    assert_eq!(history.glance(&target, today).unwrap(), full.glance());
    let rules: Vec<String> = rusqlite::Connection::open(history.path())
        .unwrap()
        .prepare("SELECT rule FROM course_walks")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rules.len(), 1, "{rules:?}");
    assert_ne!(rules[0], old_key, "the old walk's row is gone");
}

fn builtin_massage() -> Routine {
    builtin(Lang::En)
        .into_iter()
        .find(|l| l.routine.id == "piriformis-massage")
        .unwrap()
        .routine
}

#[test]
fn the_massage_target_is_two_a_day_with_four_hours_as_the_ceiling() {
    let r = builtin_massage();
    let schedule = &r.schedule;
    assert_eq!(schedule.times_per_day, 2);
    assert_eq!(
        schedule.interval.map(|d| d.0),
        Some(Duration::from_secs(4 * 3600))
    );
    let d = day(5);
    let first = [utc(d, 9, 0)];
    // An hour after the first: too soon, due at 13:00, and setup says so.
    let now = utc(d, 10, 0);
    assert_eq!(
        next_due(&now, schedule, &first, None),
        Due::At(utc(d, 13, 0))
    );
    assert_eq!(too_soon(&now, schedule, &first), Some(utc(d, 13, 0)));
    // At 13:00 the interval has passed.
    let now = utc(d, 13, 0);
    assert_eq!(next_due(&now, schedule, &first, None), Due::Now);
    assert_eq!(too_soon(&now, schedule, &first), None);
    // Two done: the target is met, yet a third five minutes on is still
    // too soon: the interval is a ceiling, not only a due time.
    let two = [utc(d, 9, 0), utc(d, 13, 0)];
    let now = utc(d, 13, 5);
    assert_eq!(next_due(&now, schedule, &two, None), Due::Tomorrow);
    assert_eq!(too_soon(&now, schedule, &two), Some(utc(d, 17, 0)));
    // No session yet, or no interval: never too soon.
    assert_eq!(too_soon(&now, schedule, &[]), None);
    let mut free = schedule.clone();
    free.interval = None;
    assert_eq!(too_soon(&now, &free, &two), None);
}

#[test]
fn the_report_counts_sessions_started_sooner_than_the_interval() {
    let r = builtin_massage();
    let massage = routine_ref("piriformis-massage", 1);
    let stretch = routine_ref("piriformis-stretch", 1);
    let d = day(3);
    let at = |h, m| utc(d, h, m);
    let mut lines = Vec::new();
    let mut add = |rr, id: &str, t, outcome| {
        lines.extend(Spec::new(rr, id, t).outcome(outcome).lines());
    };
    let done = Some(Outcome::Completed);
    add(&massage, "a", at(8, 0), done);
    // 10 min later: too soon (stopped for pain, still counted: it started).
    add(
        &massage,
        "b",
        at(8, 10),
        Some(Outcome::Stopped(StopReason::Pain)),
    );
    // 2 h after the last *completed* one: too soon, and completed.
    add(&massage, "c", at(10, 0), done);
    // 4 h after c: not too soon.
    add(&massage, "d", at(14, 0), done);
    // Another routine's sessions never count for the massage.
    add(&stretch, "s", at(14, 1), done);
    // 7 massages within minutes, as the issue saw: 6 too soon.
    for i in 0..7 {
        add(&massage, &format!("x{i}"), at(20, i), done);
    }
    let sessions = summarize(&lines);
    assert_eq!(
        too_soon_count(&sessions, "piriformis-massage", &r.schedule),
        2 + 6
    );
    // Without an interval nothing is too soon.
    let mut free = r.schedule.clone();
    free.interval = None;
    assert_eq!(too_soon_count(&sessions, "piriformis-massage", &free), 0);
}

const HOLD_THEN_TIMED: &str = r#"
    Step(id: "k", title: "K", kind: Hold(duration: "10s", up_to: "30s")),
    Step(id: "t", title: "T", kind: Timed(duration: "20s")),
"#;

#[test]
fn the_remaining_total_does_not_jump_when_a_hold_passes_its_minimum() {
    let mut sn = session(HOLD_THEN_TIMED);
    // Get ready 3 s, hold 10 s (count-up up to 20 s more), get ready 3 s,
    // 20 s: 36 s planned, up to 20 s more.
    assert_eq!(
        sn.left(s(0)),
        Length {
            planned: Duration::from_secs(36),
            extra: Duration::from_secs(20),
        }
    );
    run(&mut sn, &[(0, Start)]);
    let mut before = sn.time_left(s(0));
    // Held 12 s past the minimum, then let go; tick every second.
    for t in 1..=25 {
        run(&mut sn, &[(t, Tick)]);
        let left = sn.time_left(s(t));
        assert!(left <= before, "at {t} s: {left:?} after {before:?}");
        before = left;
    }
    // In the count-up: the minimum of the rest is planned, the count-up's
    // ceiling is the extra, shrinking as it runs.
    assert_eq!(
        sn.left(s(25)),
        Length {
            planned: Duration::from_secs(23),
            extra: Duration::from_secs(8),
        }
    );
    run(&mut sn, &[(25, Ready)]);
    assert_eq!(
        sn.left(s(25)),
        Length {
            planned: Duration::from_secs(23),
            extra: Duration::ZERO,
        }
    );
}

#[test]
fn one_rule_writes_a_routine_s_length() {
    let routines = builtin(Lang::En);
    let find = |id: &str| {
        &routines
            .iter()
            .find(|l| l.routine.id == id)
            .unwrap()
            .routine
    };
    let stretch = length(find("piriformis-stretch"), None);
    let massage = length(find("piriformis-massage"), None);
    // The planned length is the one the session counts (holds at their
    // minimum), and only the holds "as long as possible" add anything.
    let loaded = |id: &str| routines.iter().find(|l| l.routine.id == id).unwrap();
    assert_eq!(stretch.planned, loaded("piriformis-stretch").length(0));
    assert_eq!(massage.planned, loaded("piriformis-massage").length(0));
    assert!(stretch.extra > Duration::ZERO);
    assert_eq!(massage.extra, Duration::ZERO);
    let s = limber::i18n::Strings::load(Lang::En);
    assert_eq!(
        limber::i18n::durations::length(stretch, &s),
        format!(
            "{} + up to {} min",
            limber::i18n::durations::clock(stretch.planned.as_secs()),
            stretch.extra.as_secs().div_ceil(60)
        )
    );
    assert_eq!(limber::i18n::durations::length(massage, &s), "20:30");
}
