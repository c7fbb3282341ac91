//! `limber run` without a terminal: its errors and where a session the log
//! refused went (in Russian), and plain mode doing what the coach does
//! (the saved side, the pain proposal, step equipment, pain after, a note
//! and the pain-rise note).

use std::fs;
use std::path::Path;

use crate::common::cli::{self, limber};

#[test]
fn an_unknown_routine_or_variant_is_refused_in_russian() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    let r = limber(&dir, &["--lang", "ru", "run", "nope"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "limber run: программы «nope» нет; есть: piriformis-stretch, piriformis-massage\n"
    );
    let r = limber(
        &dir,
        &[
            "--lang",
            "ru",
            "run",
            "piriformis-massage",
            "--variant",
            "x",
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "limber run: варианта «x» нет; у программы «piriformis-massage» есть: gentle, tennis-ball\n"
    );
    let r = limber(
        &dir,
        &[
            "--lang",
            "ru",
            "preview",
            "piriformis-stretch",
            "--variant",
            "x",
        ],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "limber preview: варианта «x» нет; у программы «piriformis-stretch» есть: gentle\n"
    );
    // English as before.
    let r = limber(&dir, &["run", "nope"]);
    assert_eq!(
        r.stderr,
        "limber run: no routine `nope`; known: piriformis-stretch, piriformis-massage\n"
    );
}

#[test]
fn a_session_the_log_refused_is_rescued_and_said_so_in_russian() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    fs::create_dir(&dir).unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/pty-quick.ron"),
        dir.join("pty-quick.ron"),
    )
    .unwrap();
    // A file where the data directory should be: every append fails.
    let data = tmp.path().join("data");
    fs::write(&data, "").unwrap();
    // Rescued into the private state directory.
    let state = tmp.path().join("state");
    let rescue = state.join("limber");
    let mut cmd = cli::command(&dir, &data);
    cmd.env("XDG_STATE_HOME", &state)
        .args(["--lang", "ru", "run", "pty-quick", "--plain"]);
    let r = cli::run(cmd, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let saved: Vec<_> = fs::read_dir(&rescue)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(
        r.stderr.ends_with(&format!(
            "limber: сеанс не удалось записать в журнал; он сохранён в {}\n",
            saved[0].display()
        )),
        "{}",
        r.stderr
    );
}

/// A sided routine of under a second with pain rules, a gentle variant and
/// a step that needs a couch and a helper.
const QUICK_SIDED: &str = r#"Routine(
    id: "quick-sided",
    version: 1,
    lang: "en",
    title: "Quick sided",
    sided: true,
    pain: PainRules(propose_at: 6, variant: "gentle", report_rise: 2),
    schedule: Schedule(times_per_day: 1),
    get_ready: "100ms",
    switch_side: "0s",
    steps: [
        Step(
            id: "press",
            title: "Press",
            equipment: [Couch, Helper],
            sides: Affected,
            kind: Timed(duration: "300ms"),
        ),
    ],
    variants: [
        Variant(id: "gentle", title: "Gentle", steps: [
            Step(id: "soft", title: "Soft", kind: Timed(duration: "300ms")),
        ]),
    ],
)"#;

/// A routines directory with [`QUICK_SIDED`] and a data directory whose
/// settings say the safety notice was read and the right leg hurts.
fn quick_sided() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    let data = tmp.path().join("data");
    fs::create_dir(&routines).unwrap();
    fs::create_dir(&data).unwrap();
    fs::write(routines.join("quick-sided.ron"), QUICK_SIDED).unwrap();
    fs::write(
        data.join("settings.json"),
        br#"{"safety_acknowledged": true, "side": "right"}"#,
    )
    .unwrap();
    (tmp, routines, data)
}

/// `limber run quick-sided --plain ARGS` with nothing on its input.
fn run_plain(routines: &Path, data: &Path, args: &[&str]) -> cli::Run {
    let mut cmd = cli::command(routines, data);
    cmd.args(["run", "quick-sided", "--plain"]).args(args);
    let r = cli::run(cmd, "");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    r
}

/// The one session in the log, as `limber history --format json` shows it.
fn the_session(routines: &Path, data: &Path) -> serde_json::Value {
    let mut cmd = cli::command(routines, data);
    cmd.args(["history", "--format", "json"]);
    let r = cli::run(cmd, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sessions: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(sessions.len(), 1, "{}", r.stdout);
    sessions.into_iter().next().unwrap()
}

#[test]
fn plain_mode_takes_the_side_saved_in_settings_without_side() {
    let (_tmp, routines, data) = quick_sided();
    let r = run_plain(&routines, &data, &[]);
    assert!(r.stdout.contains("» Work · RIGHT leg"), "{}", r.stdout);
    let session = the_session(&routines, &data);
    assert_eq!(session["side"], "right", "{session}");
    assert_eq!(session["steps"][0]["side"], "right", "{session}");
}

#[test]
fn plain_mode_takes_side_over_the_saved_one() {
    let (_tmp, routines, data) = quick_sided();
    run_plain(&routines, &data, &["--side", "left"]);
    assert_eq!(the_session(&routines, &data)["side"], "left");
}

#[test]
fn plain_mode_logs_pain_after_and_a_note_given_on_the_command_line() {
    let (_tmp, routines, data) = quick_sided();
    let r = run_plain(
        &routines,
        &data,
        &["--pain", "3", "--pain-after", "4", "--note", "tight hip"],
    );
    let session = the_session(&routines, &data);
    assert_eq!(session["pain_before"], 3, "{session}");
    assert_eq!(session["pain_after"], 4, "{session}");
    assert_eq!(session["note"], "tight hip", "{session}");
    // A rise of 1 is under the routine's rule of 2: nothing to tell.
    assert!(!r.stdout.contains("Pain rose"), "{}", r.stdout);
}

#[test]
fn plain_mode_tells_a_rise_in_pain_after_the_finish_line() {
    let (_tmp, routines, data) = quick_sided();
    let r = run_plain(&routines, &data, &["--pain", "3", "--pain-after", "5"]);
    let finish = r.stdout.find("Session complete").expect("finish line");
    let rose = r
        .stdout
        .find("Pain rose from 3 to 5 during this session: tell your physiotherapist.")
        .unwrap_or_else(|| panic!("no pain-rise note in {}", r.stdout));
    assert!(finish < rose, "{}", r.stdout);
    assert_eq!(
        the_session(&routines, &data)["note"],
        serde_json::Value::Null
    );
}

#[test]
fn plain_mode_shows_the_pain_proposal_at_high_pain_only() {
    let (_tmp, routines, data) = quick_sided();
    let proposal = "Pain 6 or more: this routine proposes \"Gentle\"; to choose it, start with --variant gentle.";
    let high = run_plain(&routines, &data, &["--pain", "7"]);
    assert!(high.stdout.contains(proposal), "{}", high.stdout);
    let low = run_plain(&routines, &data, &["--pain", "5"]);
    assert!(!low.stdout.contains("proposes"), "{}", low.stdout);
    // Chosen already: nothing to propose.
    let chosen = run_plain(&routines, &data, &["--pain", "8", "--variant", "gentle"]);
    assert!(!chosen.stdout.contains("proposes"), "{}", chosen.stdout);
}

#[test]
fn plain_mode_shows_what_a_step_needs_as_it_gets_ready() {
    let (_tmp, routines, data) = quick_sided();
    let r = run_plain(&routines, &data, &[]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let ready = lines
        .iter()
        .position(|l| l.starts_with("» Get ready: Press"))
        .unwrap_or_else(|| panic!("no get-ready line in {}", r.stdout));
    assert_eq!(
        lines[ready + 1],
        "  You need now: a couch, a helper",
        "{}",
        r.stdout
    );
}
