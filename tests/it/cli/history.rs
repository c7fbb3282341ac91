//! Output of `history`, `report` and `status` on fixed data, in English
//! and Russian, and the real binary choosing the language.

use std::path::Path;
use std::process::{Command, Output};

use chrono::{FixedOffset, Local, NaiveDate, TimeZone};
use limber::cli::history::{Filter, csv, json, table};
use limber::cli::report::report;

use crate::common::cli::status;
use limber::core::lang::Lang;
use limber::core::progress::{SessionSummary, summarize};
use limber::core::record::{Outcome, StopReason};
use limber::store::history::History;
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

/// Notes that a spreadsheet would run as formulas, or split, open as the
/// text they are: the exact bytes of each row's note cell.
#[test]
fn csv_defuses_formulas_and_quotes_commas() {
    let r = routine_ref("piriformis-stretch", 1);
    let at = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 2, 3, 7, 5, 9)
        .unwrap();
    let cases = [
        ("=1+1", "'=1+1"),
        ("\"a,b\"", "\"\"\"a,b\"\"\""),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        (
            "=HYPERLINK(\"http://x\",\"y\")",
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
        ),
        ("fine", "fine"),
    ];
    for (i, (note, cell)) in cases.iter().enumerate() {
        let lines = Spec::new(&r, &format!("s{i}"), at)
            .steps(1)
            .note(note)
            .lines();
        let out = csv(&summarize(&lines), &Filter::default());
        let row = out.split("\r\n").nth(1).unwrap();
        assert!(row.ends_with(&format!(",{cell}")), "{note:?}: {row:?}");
        let shown = if note.starts_with(['=', '+', '-', '@']) {
            format!("'{note}")
        } else {
            note.to_string()
        };
        assert_eq!(parse_csv(&out)[1].last().unwrap(), &shown, "{note:?}");
    }
    let header = csv(&[], &Filter::default());
    assert!(header.starts_with("id,date,"), "{header}");
    assert!(
        header.contains(",active_ms,paused_ms,held_ms,note\r\n"),
        "{header}"
    );
}

/// A note with HTML in it is shown as text in the report, not run by a
/// Markdown viewer.
#[test]
fn report_escapes_html_in_notes() {
    let r = routine_ref("piriformis-stretch", 1);
    let at = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 20, 7, 5, 9)
        .unwrap();
    let lines = Spec::new(&r, "s1", at)
        .outcome(Some(Outcome::Stopped(StopReason::Pain)))
        .steps(1)
        .note("<img src=x onerror=alert(1)> & | more")
        .lines();
    let out = report(&summarize(&lines), &demo_targets(), &[], today(), Lang::En);
    assert!(
        out.contains("&lt;img src=x onerror=alert(1)&gt; &amp; \\| more"),
        "{out}"
    );
    assert!(!out.contains("<img"), "{out}");
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
    let out = report(&sessions(), &demo_targets(), &[], today(), Lang::En);
    insta::assert_snapshot!(out);
    assert!(out.contains("| 2 | 2026-11-17 | ongoing | 5 |  |"), "{out}");
    assert!(
        out.contains("| piriformis-stretch | 3/day | 19/21 (90%) |"),
        "{out}"
    );
    assert!(out.contains("| 2026-11-12 13:37 | piriformis-stretch | pain 3 before, 5 after |"));
    assert!(out.contains("knee across"));
    let empty = report(&[], &demo_targets(), &[], today(), Lang::En);
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
fn report_includes_routines_no_longer_installed() {
    let mut s = sessions();
    let r = routine_ref("old-routine", 3);
    let at = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 22, 9, 0, 0)
        .unwrap();
    s.extend(summarize(&Spec::new(&r, "old", at).lines()));
    let out = report(&s, &demo_targets(), &[], today(), Lang::En);
    assert!(out.contains("| old-routine | 1/day | 1/2 (50%) |"), "{out}");
    assert!(out.contains("| old-routine | 3 | `"));
}

#[test]
fn table_in_russian() {
    let s = sessions();
    let out = table(&s, &last_days(), Lang::Ru);
    insta::assert_snapshot!(out);
    let mut lines = out.lines();
    assert!(
        lines.next().unwrap().starts_with(
            "ДАТА        НАЧАЛО  ПРОГРАММА           ВАРИАНТ  СТОРОНА     ИТОГ      ШАГИ  БОЛЬ  ДЛИТЕЛЬНОСТЬ"
        ),
        "{out}"
    );
    assert!(
        out.contains("20.11.2026  08:23   piriformis-stretch           левая\u{a0}нога  выполнен  5/5   2→0   7\u{a0}мин 30\u{a0}с"),
        "{out}"
    );
    assert!(
        out.contains("gentle   левая\u{a0}нога  прерван   3/3         0\u{a0}с"),
        "{out}"
    );
    let none = Filter {
        since: Some(date(2030, 1, 1)),
        routine: None,
    };
    assert_eq!(table(&s, &none, Lang::Ru), "Сеансов нет.\n");
}

#[test]
fn report_in_russian() {
    let out = report(&sessions(), &demo_targets(), &[], today(), Lang::Ru);
    insta::assert_snapshot!(out);
    assert!(out.starts_with(
        "# Отчёт limber\n\nДанные на 23.11.2026. 135 сеансов с 13.10.2026 по 23.11.2026.\n"
    ));
    // Percentages with a non-breaking space, streaks in days, a decimal comma.
    assert!(
        out.contains("| piriformis-stretch | 3 в день | 19/21 (90\u{a0}%) | 82/90 (91\u{a0}%) | 29/30 | 24/30 | 17 дней с занятиями (лучшая 24) | 1 |"),
        "{out}"
    );
    assert!(out.contains("| 2 дня с занятиями (лучшая 4) |"), "{out}");
    assert!(out.contains("Перерыв между курсами: 30 дней."), "{out}");
    assert!(out.contains("| 12.10.2026 | 7,0 | 5,0 | 17 |"), "{out}");
    assert!(out.contains("| 12.11.2026 13:37 | piriformis-stretch | боль 3 до, 5 после |"));
    let empty = report(&[], &demo_targets(), &[], today(), Lang::Ru);
    assert!(
        empty.contains("Данные на 23.11.2026. В журнале пока нет сеансов."),
        "{empty}"
    );
    assert!(empty.contains("Боль не отмечалась."), "{empty}");
}

#[test]
fn report_counts_take_the_right_form() {
    let s = sessions();
    let cases = [
        (1, "1 сеанс с ", "1 session from"),
        (2, "2 сеанса с ", "2 sessions from"),
        (5, "5 сеансов с ", "5 sessions from"),
    ];
    for (n, ru, en) in cases {
        let out = report(&s[..n], &demo_targets(), &[], today(), Lang::Ru);
        assert!(out.contains(ru), "{n}: {out}");
        let out = report(&s[..n], &demo_targets(), &[], today(), Lang::En);
        assert!(out.contains(en), "{n}: {out}");
    }
}

/// The demo log with `n` completed massages on the first days of the pause
/// after course 1, which count toward no course.
fn with_massages_in_the_pause(n: u32) -> Vec<SessionSummary> {
    let massage = routine_ref("piriformis-massage", 1);
    let mut lines = demo(today());
    for day in 0..n {
        let at = FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 2 + day, 10, 0, 0)
            .unwrap();
        lines.extend(Spec::new(&massage, &format!("pause{day}"), at).lines());
    }
    summarize(&lines)
}

#[test]
fn sessions_in_a_pause_are_counted_in_words() {
    let cases = [
        (
            1,
            "30 дней (1 сеанс в перерыве не засчитан)",
            "30 days (1 session done during a pause, not counted)",
        ),
        (
            2,
            "30 дней (2 сеанса в перерывах не засчитаны)",
            "30 days (2 sessions done during pauses, not counted)",
        ),
        (
            5,
            "30 дней (5 сеансов в перерывах не засчитаны)",
            "30 days (5 sessions done during pauses, not counted)",
        ),
    ];
    for (n, ru, en) in cases {
        let s = with_massages_in_the_pause(n);
        let out = report(&s, &demo_targets(), &[], today(), Lang::Ru);
        assert!(out.contains(ru), "{n}: {out}");
        let out = report(&s, &demo_targets(), &[], today(), Lang::En);
        assert!(out.contains(en), "{n}: {out}");
    }
}

#[test]
fn status_in_russian() {
    let s = sessions();
    assert_eq!(
        status(&s, &demo_targets(), today(), Lang::Ru),
        "stretch: сегодня 2/3, massage: 5/12"
    );
    assert_eq!(
        status(&s, &demo_targets(), date(2026, 11, 1), Lang::Ru),
        "stretch: сегодня 2/3, massage: перерыв до 16.11.2026"
    );
    // The pause is over and the next course not yet begun.
    assert_eq!(
        status(&s, &demo_targets(), date(2026, 11, 16), Lang::Ru),
        "stretch: сегодня 3/3, massage: 0/12 (можно начинать курс 2)"
    );
    assert_eq!(
        status(&s, &demo_targets(), date(2026, 11, 16), Lang::En),
        "stretch 3/3 today, massage 0/12 (course 2 may start)"
    );
}

/// A data directory holding the demo log up to today, and an empty
/// routines directory, so only the built-in routines load.
fn demo_dirs() -> (tempfile::TempDir, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let routines = tempfile::tempdir().unwrap();
    History::open(data.path())
        .unwrap()
        .history
        .import(&demo(Local::now().date_naive()))
        .unwrap();
    (data, routines)
}

/// `limber ARGS` with the demo data and only `env` of the locale set.
fn limber(data: &Path, routines: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_limber"));
    cmd.arg("--data-dir")
        .arg(data)
        .arg("--routines")
        .arg(routines)
        .args(args);
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    out
}

#[test]
fn csv_and_json_are_the_same_in_every_language() {
    let (data, routines) = demo_dirs();
    let (d, r) = (data.path(), routines.path());
    for format in ["csv", "json"] {
        let run = |env: &[(&str, &str)], lang: &[&str]| {
            let args = [lang, &["history", "--format", format]].concat();
            limber(d, r, env, &args).stdout
        };
        let en = run(&[], &["--lang", "en"]);
        assert!(
            String::from_utf8_lossy(&en).contains("interrupted"),
            "{format}"
        );
        assert_eq!(run(&[], &["--lang", "ru"]), en, "{format} under --lang ru");
        assert_eq!(
            run(&[("LANG", "ru_RU.UTF-8")], &[]),
            en,
            "{format} under LANG=ru_RU.UTF-8"
        );
    }
}

#[test]
fn status_speaks_the_chosen_language() {
    let (data, routines) = demo_dirs();
    let (d, r) = (data.path(), routines.path());
    let text = |out: Output| String::from_utf8(out.stdout).unwrap();
    let ru = text(limber(d, r, &[], &["--lang", "ru", "status"]));
    // In Russian, routines are named by their titles (issue 22 item 7).
    assert!(
        ru.starts_with("Упражнения для грушевидной мышцы: сегодня "),
        "{ru}"
    );
    assert!(ru.contains(", Самомассаж грушевидной мышцы: "), "{ru}");
    let from_locale = text(limber(d, r, &[("LANG", "ru_RU.UTF-8")], &["status"]));
    assert_eq!(from_locale, ru);
    let en = text(limber(d, r, &[("LANG", "en_GB.UTF-8")], &["status"]));
    assert!(
        en.starts_with("stretch ") && en.contains(" today") && en.contains(", massage "),
        "{en}"
    );
    // --lang wins over the locale.
    let en_flag = text(limber(
        d,
        r,
        &[("LANG", "ru_RU.UTF-8")],
        &["--lang", "en", "status"],
    ));
    assert_eq!(en_flag, en);
}

#[test]
fn table_and_report_follow_the_locale() {
    let (data, routines) = demo_dirs();
    let (d, r) = (data.path(), routines.path());
    let text = |out: Output| String::from_utf8(out.stdout).unwrap();
    let table = text(limber(d, r, &[("LC_ALL", "ru_RU.UTF-8")], &["history"]));
    assert!(table.starts_with("ДАТА "), "{table}");
    let report = text(limber(d, r, &[("LANG", "ru_RU.UTF-8")], &["report"]));
    assert!(report.starts_with("# Отчёт limber\n"), "{report}");
    assert!(report.contains("## Выполнение плана"), "{report}");
}

#[test]
fn a_damaged_line_of_an_old_log_is_reported_in_the_chosen_language_and_kept() {
    let stderr = |out: Output| String::from_utf8(out.stderr).unwrap();
    for (lang, skipped) in [("en", "skipped: "), ("ru", "строка пропущена: ")] {
        let (data, routines) = demo_dirs();
        let (d, r) = (data.path(), routines.path());
        let log = d.join("history.jsonl");
        let old = demo(Local::now().date_naive());
        let mut text = String::from_utf8(limber::store::history::jsonl::to_bytes(&old)).unwrap();
        text.push_str("{\"torn\": \n");
        std::fs::write(&log, &text).unwrap();
        let lines = text.lines().count();
        let err = stderr(limber(d, r, &[], &["--lang", lang, "status"]));
        let at = format!("{}:{lines}: ", log.display());
        assert!(err.contains(&format!("{at}{skipped}")), "{err}");
        let kept = d.join("history.jsonl.imported");
        assert_eq!(
            std::fs::read_to_string(&kept).unwrap(),
            text,
            "never rewritten"
        );
        // Imported once: the next run says nothing.
        assert_eq!(stderr(limber(d, r, &[], &["--lang", lang, "status"])), "");
    }
}
