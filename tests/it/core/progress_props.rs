//! Properties of the progress rules on random histories.

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use limber::core::progress::{
    CourseWalk, DayTally, SessionSummary, Target, glance, progress, progress_days, summarize,
};
use limber::core::record::{Outcome, StopReason};
use limber::core::routine::{Course, CourseCount};
use limber::store::history::sample::{Spec, demo_targets, routine_ref};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
}

/// (days before today, hour, offset in hours, outcome 0..4, routine 0..2)
type Plan = (i64, u32, i32, u8, usize);

fn build(plan: &[Plan]) -> Vec<SessionSummary> {
    let ids = ["piriformis-stretch", "piriformis-massage"];
    let lines: Vec<_> = plan
        .iter()
        .enumerate()
        .flat_map(|(i, &(back, hour, off, outcome, routine))| {
            let tz = FixedOffset::east_opt(off * 3600).unwrap();
            let d = today() - Duration::days(back);
            let at = tz
                .from_local_datetime(&d.and_hms_opt(hour, 0, 0).unwrap())
                .unwrap();
            let outcome = match outcome {
                0 | 1 => Some(Outcome::Completed),
                2 => Some(Outcome::Stopped(StopReason::Pain)),
                3 => Some(Outcome::Abandoned),
                _ => None,
            };
            Spec::new(&routine_ref(ids[routine], 1), &format!("g{i}"), at)
                .outcome(outcome)
                .steps(1)
                .lines()
        })
        .collect();
    summarize(&lines)
}

fn gens() -> impl Strategy<Value = Vec<Plan>> {
    proptest::collection::vec((0..90i64, 0..24u32, -11..13i32, 0..5u8, 0..2usize), 0..120)
}

proptest! {
    /// Stopped, abandoned and interrupted sessions change no figure.
    #[test]
    fn only_completed_sessions_count(plan in gens()) {
        let all = build(&plan);
        let completed: Vec<_> = all.iter().filter(|s| s.is_completed()).cloned().collect();
        for t in demo_targets() {
            let a = progress(&all, &t, today());
            let c = progress(&completed, &t, today());
            prop_assert_eq!(a.today_done, c.today_done);
            prop_assert_eq!(a.current_streak, c.current_streak);
            prop_assert_eq!(a.longest_streak, c.longest_streak);
            prop_assert_eq!(a.course, c.course);
            // The adherence window starts at the first session of any
            // outcome (the day the programme began), so only the target
            // may differ, never the completed count.
            prop_assert_eq!(a.adherence_7.completed, c.adherence_7.completed);
            prop_assert_eq!(a.adherence_30.completed, c.adherence_30.completed);
            prop_assert!(a.adherence_30.target >= c.adherence_30.target);
        }
    }

    /// Figures stay within their bounds.
    #[test]
    fn figures_are_bounded(plan in gens()) {
        let all = build(&plan);
        for t in demo_targets() {
            let p = progress(&all, &t, today());
            prop_assert!(p.current_streak <= p.longest_streak + 1);
            prop_assert!(p.longest_streak as usize <= all.len());
            prop_assert!(p.adherence_7.completed <= p.adherence_7.target);
            prop_assert!(p.adherence_30.completed <= p.adherence_30.target);
            prop_assert!(p.adherence_7.days <= 7 && p.adherence_30.days <= 30);
            if let Some(c) = p.course {
                let done: u32 = all
                    .iter()
                    .filter(|s| s.routine.id == t.routine_id && s.is_completed())
                    .count() as u32;
                // A course is at least `sessions`: the sessions of the day
                // that completes it all count.
                prop_assert_eq!(c.sessions_counted + c.pause_sessions, done);
                prop_assert!(c.courses_completed * c.sessions + c.done() <= c.sessions_counted);
            }
            let total: u32 = p.days.values().map(|d| d.completed + d.other).sum();
            let mine = all.iter().filter(|s| s.routine.id == t.routine_id).count() as u32;
            prop_assert_eq!(total, mine);
        }
    }
}

/// Day counts for one routine: (days after 1 March, completed, other).
fn day_gens() -> impl Strategy<Value = Vec<(i64, u32, u32)>> {
    proptest::collection::vec((0..200i64, 0..6u32, 0..3u32), 0..80)
}

fn course_gens() -> impl Strategy<Value = Target> {
    (0..15u32, any::<bool>(), 0..40u32, 1..5u32).prop_map(|(sessions, days, pause, times)| Target {
        routine_id: "r".into(),
        name: "r".into(),
        times_per_day: times,
        course: Some(Course {
            sessions,
            count: if days {
                CourseCount::Days
            } else {
                CourseCount::Sessions
            },
            pause_days: pause,
        }),
    })
}

proptest! {
    /// A course walk kept through any date and resumed from there gives
    /// home and `status` the figures the whole history gives.
    #[test]
    fn a_kept_course_walk_resumed_gives_the_full_figures(
        raw in day_gens(),
        target in course_gens(),
        today in 0..220i64,
        kept_back in 1..230i64,
    ) {
        let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut by_date = std::collections::BTreeMap::new();
        for (back, completed, other) in raw {
            let d = by_date.entry(first + Duration::days(back)).or_insert((0, 0));
            d.0 += completed;
            d.1 += other;
        }
        let days: Vec<DayTally> = by_date
            .into_iter()
            .map(|(date, (completed, other))| DayTally { date, completed, other })
            .collect();
        // Kept through some day before today (the store keeps yesterday).
        let (kept, today) = (
            first + Duration::days(today - kept_back),
            first + Duration::days(today),
        );
        let full = progress_days(&days, &target, today).glance();

        let course = target.course.as_ref().unwrap();
        let mut walk = CourseWalk::default();
        for d in days.iter().filter(|d| d.date <= kept && d.completed > 0) {
            if course.sessions > 0 {
                walk.take(course, d.date, d.completed);
            }
        }
        let after: Vec<DayTally> = days.iter().filter(|d| d.date > kept).copied().collect();
        let resumed = glance(&target, walk, &after, today);
        prop_assert_eq!(resumed, full);
        // No course: today's count alone.
        let plain = Target { course: None, ..target.clone() };
        let today_only: Vec<DayTally> = days.iter().filter(|d| d.date == today).copied().collect();
        prop_assert_eq!(
            glance(&plain, CourseWalk::default(), &today_only, today),
            progress_days(&days, &plain, today).glance()
        );
    }
}
