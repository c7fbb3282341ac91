//! The progression rule through the real binary: the example routine of
//! docs/PHYSIOTHERAPIST.md validates, and a plain-mode session after a
//! calm week says what the rule raised and why, runs it, and logs the
//! dose with the session.

use std::fs;

use chrono::{Days, Local, TimeZone};
use limber::core::parse::parse_routine;
use limber::core::record::RoutineRef;
use limber::i18n::{DoseStrings, Lang};
use limber::store::history::History;
use limber::store::history::sample::Spec;

use crate::common::cli::{self, limber};

const EXAMPLE: &str = "docs/examples/progression.ron";

#[test]
fn the_example_routine_of_the_docs_validates() {
    let tmp = tempfile::tempdir().unwrap();
    let r = limber(
        &tmp.path().join("routines"),
        &[
            "validate",
            &format!("{}/{EXAMPLE}", env!("CARGO_MANIFEST_DIR")),
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("ok (stretch-rising)"), "{}", r.stdout);
    // Both docs show the file's step rules, word for word.
    let example = fs::read_to_string(format!("{}/{EXAMPLE}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for name in ["PHYSIOTHERAPIST.md", "ROUTINE_FORMAT.md"] {
        let doc =
            fs::read_to_string(format!("{}/docs/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(doc.contains("(examples/progression.ron)"), "{name}");
        for rule in example.lines().filter(|l| l.contains("StepRule(")) {
            assert!(doc.contains(rule.trim()), "{name}: {rule}");
        }
    }
}

/// A routine short enough to run in plain mode in a test, with a rule
/// that raises its hold and its reps after 3 calm days.
const QUICK: &str = r#"Routine(
    id: "quick-rising",
    version: 1,
    lang: "en",
    title: "Quick rising",
    schedule: Schedule(times_per_day: 2),
    get_ready: "0s",
    steps: [
        Step(id: "hold", title: "Hold it", kind: Hold(duration: "200ms"), rest_after: "0s"),
        Step(id: "band", title: "Band", kind: Reps(count: 2, tempo: [Beat(label: "Out", duration: "50ms")])),
    ],
    progression: Progression(
        every_days: 3,
        raise_when: Calm(pain_during_at_most: 5, sessions_at_least: 4),
        lower_when: Flare(pain_rise: 2),
        steps: [
            StepRule(step: "hold", hold: (add: "100ms", max: "400ms")),
            StepRule(step: "band", reps: (add: 1, max: 4)),
        ],
    ),
)"#;

#[test]
fn plain_mode_says_why_the_dose_rose_runs_it_and_logs_it() {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    let data = tmp.path().join("data");
    fs::create_dir(&routines).unwrap();
    fs::create_dir(&data).unwrap();
    fs::write(routines.join("quick-rising.ron"), QUICK).unwrap();
    fs::write(
        data.join("settings.json"),
        br#"{"safety_acknowledged": true}"#,
    )
    .unwrap();
    // Two calm sessions a day on the four days before today.
    let routine = parse_routine(QUICK.as_bytes()).unwrap();
    let reference = RoutineRef::of(&routine);
    let today = Local::now().date_naive();
    let lines: Vec<_> = (1..=4u64)
        .flat_map(|back| {
            let day = today.checked_sub_days(Days::new(back)).unwrap();
            [9, 17].map(|hour| {
                let local = Local
                    .from_local_datetime(&day.and_hms_opt(hour, 0, 0).unwrap())
                    .earliest()
                    .unwrap();
                Spec::new(&reference, &format!("s{back}-{hour}"), local.fixed_offset())
                    .pain(Some(2), Some(3))
                    .steps(2)
                    .lines()
            })
        })
        .flatten()
        .collect();
    History::open(&data)
        .unwrap()
        .history
        .import(&lines)
        .unwrap();

    let mut cmd = cli::command(&routines, &data);
    cmd.args([
        "run",
        "quick-rising",
        "--plain",
        "--pain",
        "2",
        "--pain-after",
        "2",
    ]);
    let r = cli::run(cmd, "");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let s = DoseStrings::load(Lang::En);
    let why = "3 days with pain during at most 5 and at least 4 sessions done";
    let hold = r
        .stdout
        .lines()
        .find(|l| l.starts_with("Hold it: Hold "))
        .unwrap_or_default();
    assert!(hold.ends_with(&format!(": {why}")), "{}", r.stdout);
    assert!(
        r.stdout.contains(&format!(
            "Band: {}, was 2: {why}",
            s.reps.count(Lang::En, 3)
        )),
        "{}",
        r.stdout
    );
    // Three reps of the band ran, not the written two.
    assert_eq!(r.stdout.matches("Out").count(), 3, "{}", r.stdout);

    // The log keeps the dose with the new session.
    let history = History::open(&data).unwrap().history;
    let sessions = history.sessions(Some("quick-rising"), Some(today)).unwrap();
    assert_eq!(sessions.len(), 1);
    let dose = &sessions[0].dose;
    assert_eq!(dose.len(), 2, "{dose:?}");
    assert_eq!(
        (dose[0].step.as_str(), dose[0].dose.hold_ms),
        ("hold", Some(300))
    );
    assert_eq!(
        (dose[1].step.as_str(), dose[1].dose.reps),
        ("band", Some(3))
    );
    // As the raw event says it.
    let started = history
        .lines()
        .unwrap()
        .into_iter()
        .find(|l| {
            l.session == sessions[0].id
                && matches!(l.event, limber::core::record::Event::SessionStarted { .. })
        })
        .unwrap();
    let json = serde_json::to_value(&started).unwrap();
    assert_eq!(json["dose"][0]["hold_ms"], 300, "{json}");
    assert_eq!(json["dose"][1]["reps"], 3, "{json}");
}

/// A rule that also asks for mornings no worse reads the morning checks
/// the log keeps: calm mornings raise the dose, one "worse" morning in
/// the window holds it where it is.
#[test]
fn mornings_no_worse_reads_the_morning_checks_of_the_log() {
    use limber::core::outcome::{Answer, Compared, Measure};
    let rule = QUICK.replace(
        "Calm(pain_during_at_most: 5, sessions_at_least: 4)",
        "Calm(pain_during_at_most: 5, mornings_no_worse: true, sessions_at_least: 4)",
    );
    assert_ne!(rule, QUICK);
    let raised = |worse_on: Option<u64>| {
        let tmp = tempfile::tempdir().unwrap();
        let (routines, data) = (tmp.path().join("routines"), tmp.path().join("data"));
        fs::create_dir(&routines).unwrap();
        fs::create_dir(&data).unwrap();
        fs::write(routines.join("quick-rising.ron"), &rule).unwrap();
        fs::write(
            data.join("settings.json"),
            br#"{"safety_acknowledged": true}"#,
        )
        .unwrap();
        let reference = RoutineRef::of(&parse_routine(rule.as_bytes()).unwrap());
        let today = Local::now().date_naive();
        let history = History::open(&data).unwrap().history;
        for back in 1..=4u64 {
            let day = today.checked_sub_days(Days::new(back)).unwrap();
            let at = |hour| {
                Local
                    .from_local_datetime(&day.and_hms_opt(hour, 0, 0).unwrap())
                    .earliest()
                    .unwrap()
                    .fixed_offset()
            };
            for hour in [9, 17] {
                let spec = Spec::new(&reference, &format!("s{back}-{hour}"), at(hour));
                history
                    .import(&spec.pain(Some(2), Some(3)).steps(2).lines())
                    .unwrap();
            }
            let compared = if worse_on == Some(back) {
                Compared::Worse
            } else {
                Compared::Same
            };
            let morning = Answer {
                v: 1,
                id: format!("m{back}"),
                at: at(7),
                measure: Measure::Morning {
                    pain: Some(2),
                    stiffness: Some(2),
                    compared: Some(compared),
                },
            };
            history.append_answer(&morning).unwrap();
        }
        drop(history);
        let mut cmd = cli::command(&routines, &data);
        cmd.args(["run", "quick-rising", "--plain", "--pain", "2"]);
        cmd.args(["--pain-after", "2"]);
        let r = cli::run(cmd, "");
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        r.stdout.lines().any(|l| l.starts_with("Hold it: Hold "))
    };
    assert!(raised(None), "four calm mornings raise the hold");
    assert!(!raised(Some(2)), "a morning said worse holds it");
}
