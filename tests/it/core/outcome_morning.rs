//! The morning flag (core::outcome::morning): a morning 2 or more above the
//! previous one, or 2 or more above the baseline (the median of the first
//! three), or said to be worse, is flagged; nothing else is.

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use limber::core::outcome::morning::{MorningDay, Reason, baseline, flags, mornings, today_flag};
use limber::core::outcome::{Answer, Compared, Measure};
use proptest::prelude::*;

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Duration::days(n)
}

fn compared() -> impl Strategy<Value = Option<Compared>> {
    prop_oneof![
        Just(None),
        Just(Some(Compared::Better)),
        Just(Some(Compared::Same)),
        Just(Some(Compared::Worse)),
    ]
}

/// Up to 40 mornings, some days missed, some parts skipped.
fn days() -> impl Strategy<Value = Vec<MorningDay>> {
    prop::collection::vec(
        (1i64..3, prop::option::weighted(0.85, 0u8..=10), compared()),
        0..40,
    )
    .prop_map(|raw| {
        let mut at = 0;
        raw.into_iter()
            .map(|(gap, pain, compared)| {
                at += gap;
                MorningDay {
                    date: day(at),
                    pain,
                    stiffness: None,
                    compared,
                }
            })
            .collect()
    })
}

fn m(n: i64, pain: Option<u8>, compared: Option<Compared>) -> MorningDay {
    MorningDay {
        date: day(n),
        pain,
        stiffness: None,
        compared,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Every morning 2 or more above the last scored one is flagged for
    /// it; one at most 1 above it, under baseline + 2 and not said worse is
    /// not flagged.
    #[test]
    fn a_morning_is_flagged_exactly_by_the_rules(days in days()) {
        let out = flags(&days);
        prop_assert_eq!(out.len(), days.len());
        let base = baseline(&days);
        let mut previous: Option<u8> = None;
        let mut scored = 0;
        for (d, flag) in days.iter().zip(&out) {
            let rise = matches!((d.pain, previous), (Some(p), Some(f)) if p >= f + 2);
            let above = matches!((d.pain, base), (Some(p), Some(b)) if scored >= 3 && p >= b + 2);
            let worse = d.compared == Some(Compared::Worse);
            prop_assert_eq!(flag.is_some(), rise || above || worse, "{:?} prev {:?} base {:?}", d, previous, base);
            if let Some(flag) = flag {
                prop_assert_eq!(flag.date, d.date);
                prop_assert_eq!(flag.reasons.contains(&Reason::SaidWorse), worse);
                prop_assert_eq!(flag.reasons.iter().any(|r| matches!(r, Reason::Rise { .. })), rise);
                prop_assert_eq!(flag.reasons.iter().any(|r| matches!(r, Reason::AboveBaseline { .. })), above);
            }
            if d.pain.is_some() {
                previous = d.pain;
                scored += 1;
            }
        }
    }

    /// The baseline is one of the first three scores, between their least
    /// and greatest, and later mornings never move it.
    #[test]
    fn the_baseline_is_the_median_of_the_first_three(days in days(), extra in prop::collection::vec(0u8..=10, 0..10)) {
        let first: Vec<u8> = days.iter().filter_map(|d| d.pain).take(3).collect();
        let base = baseline(&days);
        prop_assert_eq!(base.is_some(), first.len() == 3);
        if let Some(b) = base {
            let mut sorted = first.clone();
            sorted.sort();
            prop_assert_eq!(b, sorted[1]);
            let mut longer = days.clone();
            let last = days.last().map_or(day(0), |d| d.date);
            for (i, p) in extra.iter().enumerate() {
                longer.push(m((last - day(0)).num_days() + 1 + i as i64, Some(*p), None));
            }
            prop_assert_eq!(baseline(&longer), Some(b));
        }
    }

    /// A flag on a morning depends only on the mornings up to it: what
    /// comes after never changes it (home shows today's as the report will).
    #[test]
    fn later_mornings_do_not_change_a_flag(days in days(), cut in 0usize..40) {
        let cut = cut.min(days.len());
        let all = flags(&days);
        let first = flags(&days[..cut]);
        prop_assert_eq!(&all[..cut], &first[..]);
    }
}

#[test]
fn a_slow_rise_is_caught_by_the_baseline() {
    // 3, 3, 3, then one point a morning: never 2 above the day before.
    let days: Vec<_> = [3, 3, 3, 4, 5, 6]
        .iter()
        .enumerate()
        .map(|(i, p)| m(i as i64, Some(*p), None))
        .collect();
    let out = flags(&days);
    assert!(out[..4].iter().all(Option::is_none), "{out:?}");
    assert_eq!(
        out[4].as_ref().unwrap().reasons,
        vec![Reason::AboveBaseline { baseline: 3 }]
    );
}

#[test]
fn today_is_flagged_only_when_todays_morning_is() {
    let days = vec![m(0, Some(2), None), m(1, Some(5), Some(Compared::Worse))];
    let flag = today_flag(&days, day(1)).unwrap();
    assert_eq!(
        flag.reasons,
        vec![Reason::Rise { from: 2 }, Reason::SaidWorse]
    );
    assert_eq!(today_flag(&days, day(2)), None, "no check yet today");
}

#[test]
fn the_last_answer_of_a_day_counts() {
    let tz = FixedOffset::east_opt(3 * 3600).unwrap();
    let answer = |h, pain| Answer {
        v: 1,
        id: format!("a{h}"),
        at: tz.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap(),
        measure: Measure::Morning {
            pain: Some(pain),
            stiffness: None,
            compared: None,
        },
    };
    let days = mornings(&[answer(9, 6), answer(7, 2)]);
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].pain, Some(6));
}

#[test]
fn a_check_skipped_through_never_hides_an_answer_of_the_same_day() {
    let tz = FixedOffset::east_opt(0).unwrap();
    let answer = |h, pain: Option<u8>| Answer {
        v: 1,
        id: format!("a{h}"),
        at: tz.with_ymd_and_hms(2026, 3, 2, h, 0, 0).unwrap(),
        measure: Measure::Morning {
            pain,
            stiffness: None,
            compared: None,
        },
    };
    for order in [
        [answer(7, Some(5)), answer(9, None)],
        [answer(9, None), answer(7, Some(5))],
    ] {
        let days = mornings(&order);
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].pain, Some(5));
    }
    // A day with only a skip is still a day: the check was asked.
    assert_eq!(mornings(&[answer(9, None)]).len(), 1);
}
