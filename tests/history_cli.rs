//! Output of `history`, `report` and `status` on fixed data.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use limber::cli::args::Lang;
use limber::cli::history::{Filter, csv, duration, json, report, status, table};
use limber::core::progress::{SessionSummary, summarize};
use limber::core::record::{Outcome, StopReason};
use limber::store::history::sample::{Spec, demo, demo_targets, routine_ref};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2026, 11, 23)
}

fn sessions() -> Vec<SessionSummary> {
    summarize(&demo(today()))
}

fn last_days() -> Filter {
    Filter {
        since: Some(date(2026, 11, 20)),
        routine: None,
    }
}

#[test]
fn table_is_aligned_and_filtered() {
    let s = sessions();
    let out = table(&s, &last_days(), Lang::En);
    insta::assert_snapshot!(out);
    assert!(out.lines().skip(1).all(|l| l >= "2026-11-20"));
    let only = table(
        &s,
        &Filter {
            since: None,
            routine: Some("piriformis-massage".into()),
        },
        Lang::En,
    );
    assert!(
        only.lines()
            .skip(1)
            .all(|l| l.contains("piriformis-massage"))
    );
    assert_eq!(only.lines().count(), 1 + 18);
    let none = Filter {
        since: Some(date(2030, 1, 1)),
        routine: None,
    };
    assert_eq!(table(&s, &none, Lang::En), "No sessions.\n");
}

/// A minimal RFC 4180 reader, to prove the writer's quoting round-trips.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_quotes_what_needs_quoting() {
    let r = routine_ref("piriformis-stretch", 1);
    let at = FixedOffset::east_opt(-5 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 2, 3, 7, 5, 9)
        .unwrap();
    let note = "hurt, then \"better\"\nnext line";
    let lines = Spec::new(&r, "s1", at)
        .outcome(Some(Outcome::Stopped(StopReason::Pain)))
        .steps(2)
        .pain(Some(4), Some(6))
        .note(note)
        .lines();
    let out = csv(&summarize(&lines), &Filter::default());
    assert!(out.ends_with("\r\n"));
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].len(), rows[1].len());
    let col = |name: &str| rows[0].iter().position(|h| h == name).unwrap();
    assert_eq!(rows[1][col("note")], note);
    assert_eq!(rows[1][col("outcome")], "stopped");
    assert_eq!(rows[1][col("stop_reason")], "pain");
    assert_eq!(rows[1][col("date")], "2026-02-03");
    assert_eq!(rows[1][col("time")], "07:05:09");
    assert_eq!(rows[1][col("utc_offset")], "-05:00");
    assert_eq!(rows[1][col("pain_after")], "6");
    assert_eq!(rows[1][col("hash")], r.hash);

    let demo_csv = csv(&sessions(), &last_days());
    insta::assert_snapshot!(demo_csv);
    let rows = parse_csv(&demo_csv);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
}

#[test]
fn json_is_an_array_of_sessions() {
    let s = sessions();
    let out = json(&s, &last_days());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(
        items.len(),
        s.iter()
            .filter(|s| s.local_date >= date(2026, 11, 20))
            .count()
    );
    let interrupted: Vec<_> = items
        .iter()
        .filter(|i| i["outcome"] == "interrupted")
        .collect();
    assert_eq!(interrupted.len(), 1);
    assert_eq!(interrupted[0]["variant"], "gentle");
    assert_eq!(interrupted[0]["steps"].as_array().unwrap().len(), 3);
    assert_eq!(items[0]["started_at"], "2026-11-20T08:23:00+01:00");
    assert_eq!(items[0]["routine"]["id"], "piriformis-stretch");
    assert_eq!(
        json(
            &s,
            &Filter {
                since: Some(date(2030, 1, 1)),
                routine: None
            }
        ),
        "[]\n"
    );
}

#[test]
fn report_for_the_physiotherapist() {
    let out = report(&sessions(), &demo_targets(), today(), Lang::En);
    insta::assert_snapshot!(out);
    assert!(out.contains("| piriformis-massage | 2 | 5/12 | 1 | 30 days |"));
    assert!(out.contains("| piriformis-stretch | 3/day | 2/3 |"));
    assert!(out.contains("| pain |"));
    assert!(out.contains("knee across"));
    let empty = report(&[], &demo_targets(), today(), Lang::En);
    assert!(empty.contains("No sessions logged yet"));
}

#[test]
fn status_fits_a_prompt() {
    let s = sessions();
    assert_eq!(
        status(&s, &demo_targets(), today(), Lang::En),
        "stretch 2/3 today, massage 5/12"
    );
    // In the pause after course 1, the massage says when it may resume.
    assert_eq!(
        status(&s, &demo_targets(), date(2026, 11, 1), Lang::En),
        "stretch 2/3 today, massage pause until 2026-11-16"
    );
    assert_eq!(
        status(&[], &demo_targets(), today(), Lang::En),
        "stretch 0/3 today, massage 0/12"
    );
}

#[test]
fn durations_read_naturally() {
    assert_eq!(duration(0), "0s");
    assert_eq!(duration(59_999), "59s");
    assert_eq!(duration(425_000), "7m05s");
    assert_eq!(duration(3_725_000), "1h02m");
}

#[test]
fn report_includes_routines_no_longer_installed() {
    let mut s = sessions();
    let r = routine_ref("old-routine", 3);
    let at = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 22, 9, 0, 0)
        .unwrap();
    s.extend(summarize(&Spec::new(&r, "old", at).lines()));
    let out = report(&s, &demo_targets(), today(), Lang::En);
    assert!(out.contains("| old-routine | 1/day | 0/1 |"), "{out}");
    assert!(out.contains("| old-routine | 3 | `"));
}
