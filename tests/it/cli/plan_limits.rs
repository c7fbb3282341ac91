//! The plan bomb through the real binary: a routine file of under a
//! megabyte whose session would have 240 million phases. Validation refuses
//! it at once with a position, and the commands that list routines report it
//! as broken instead of expanding it. Run under a memory and a processor-time
//! limit, not a stopwatch, so that a command that still tried to build the
//! plan would die rather than pass.
//!
//! Self-contained on purpose: helpers shared with other test files may be
//! moved here later.

use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The address space limber gets: plenty for any routine, a fraction of
/// what 240 million phases would take.
const MEMORY: &str = "--as=1073741824";
/// The processor time limber gets: reading and refusing the file takes a
/// fraction of a second of it, expanding the plan would take far more. A
/// limit on processor time, not a stopwatch, so a busy machine cannot fail
/// the test.
const CPU: &str = "--cpu=20";
/// Wall time after which a run counts as hung.
const HANG: Duration = Duration::from_secs(120);

/// A valid routine (tests/fixtures/routines/short.ron with its reps step on
/// both sides); `REPS` stands for the reps step's kind.
const ROUTINE: &str = r#"// A few seconds of everything a routine can do, for tests.
Routine(
    id: "short",
    version: 1,
    lang: "en",
    title: "Short test routine",
    description: "Every kind of step, in seconds.",
    sided: true,
    equipment: [Mat],
    safety: ["A test routine."],
    schedule: Schedule(times_per_day: 2),
    get_ready: "1s",
    switch_side: "1s",
    steps: [
        Step(
            id: "timed",
            title: "Timed step",
            instructions: "Work steadily.",
            cues: ["Breathe"],
            kind: Timed(duration: "2s"),
        ),
        Step(
            id: "hold",
            title: "Hold step",
            instructions: "Hold the position.",
            sides: Each,
            kind: Hold(duration: "1s", reps: 2, rest: "1s"),
        ),
        Step(
            id: "manual",
            title: "Manual step",
            instructions: "Get into position, then press Enter.",
            kind: Manual,
        ),
        Step(
            id: "reps",
            title: "Reps step",
            instructions: "Push and relax.",
            sides: Each,
            kind: REPS,
        ),
    ],
)
"#;

const BEATS: usize = 30_000;

/// 20 sets of 200 reps of 30,000 beats on both sides: every number within
/// the old limits, 240 million phases in all.
fn bomb() -> String {
    // Written tight, one beat a line, to stay under the 1 MiB file limit.
    let beats = "Beat(label:\"P\",duration:\"1s\"),\n".repeat(BEATS);
    ROUTINE.replace(
        "REPS",
        &format!("Reps(count: 200, sets: 20, tempo: [\n{beats}            ])"),
    )
}

/// Line and column (1-based, in characters) where `needle` starts in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `limber ARGS` under the memory limit, in the C locale, with its data in
/// `dir`; under the memory and processor limits; killed if it hangs.
fn limber_limited(dir: &Path, args: &[&str]) -> Run {
    let prlimit = Command::new("prlimit").arg("--version").output();
    assert!(
        prlimit.is_ok_and(|o| o.status.success()),
        "this test needs `prlimit` (util-linux) to run limber under a memory limit; install util-linux"
    );
    let (out, err) = (dir.join("stdout"), dir.join("stderr"));
    let started = Instant::now();
    let mut child = Command::new("prlimit")
        .arg(MEMORY)
        .arg(CPU)
        .arg(env!("CARGO_BIN_EXE_limber"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(File::create(&out).unwrap())
        .stderr(File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("limber {args:?} still running after {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code(),
        stdout: fs::read_to_string(out).unwrap(),
        stderr: fs::read_to_string(err).unwrap(),
    }
}

/// A temporary directory with `routines/plan-bomb.ron` in it.
fn sandbox() -> (tempfile::TempDir, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let routines = tmp.path().join("routines");
    fs::create_dir(&routines).unwrap();
    let file = routines.join("plan-bomb.ron");
    let text = bomb();
    assert!(
        (900_000..1_000_000).contains(&text.len()),
        "{} bytes",
        text.len()
    );
    fs::write(&file, &text).unwrap();
    (tmp, file.display().to_string(), text)
}

/// The routine around the bomb is valid: only the reps step is at fault.
#[test]
fn the_routine_around_the_bomb_is_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("short.ron");
    let tempo = r#"Reps(count: 2, tempo: [Beat(label: "Push", duration: "1s")])"#;
    fs::write(&file, ROUTINE.replace("REPS", tempo)).unwrap();
    let r = limber_limited(tmp.path(), &["validate", &file.display().to_string()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn validate_refuses_the_plan_bomb_with_a_position() {
    let (tmp, file, text) = sandbox();
    let r = limber_limited(tmp.path(), &["validate", &file]);
    assert_eq!(
        r.code,
        Some(1),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    // Only the value at fault: the session size it makes is not
    // reported again.
    let (line, col) = position(&text, "[\nBeat");
    let headlines: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with(&file)).collect();
    assert_eq!(
        headlines,
        [format!(
            "{file}:{line}:{col}: a rep of 30000 beats is more than the 16 limber allows"
        )],
        "{}",
        r.stderr
    );
}

#[test]
fn routines_lists_the_plan_bomb_as_broken_and_carries_on() {
    let (tmp, file, text) = sandbox();
    let dir = tmp.path().join("routines").display().to_string();
    let r = limber_limited(tmp.path(), &["--routines", &dir, "routines"]);
    assert_eq!(
        r.code,
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    // The built-ins are still listed, the bomb is not.
    assert!(r.stdout.contains("piriformis-stretch"), "{}", r.stdout);
    assert!(!r.stdout.contains("short"), "{}", r.stdout);
    let (line, col) = position(&text, "[\nBeat");
    assert_eq!(
        r.stderr,
        format!(
            "not loaded: {file}:{line}:{col}: a rep of 30000 beats is more than the 16 limber allows\n"
        )
    );
}

#[test]
fn size_is_what_expand_builds_for_every_builtin_variant_and_side() {
    use limber::core::parse::parse_routine;
    use limber::core::plan::{Size, expand, size};
    use limber::core::routine::Side;
    use limber::store::routines::BUILTIN;

    let mut checked = 0;
    for &(lang, name, text) in BUILTIN {
        let routine = parse_routine(text.as_bytes()).expect("built-ins are valid");
        let variants = std::iter::once(None).chain(routine.variants.iter().map(|v| Some(&*v.id)));
        for variant in variants {
            let steps = routine.steps_for(variant).unwrap();
            for side in [Side::Left, Side::Right] {
                let plan = expand(&routine, variant, side).unwrap();
                let built = Size {
                    phases: plan.phases().len(),
                    total: plan.total(),
                };
                assert_eq!(
                    size(&routine, steps, Side::Left),
                    built,
                    "{lang}/{name} {variant:?} {side:?}"
                );
                checked += 1;
            }
        }
    }
    // Two routines in two languages, the stretch with one variant and the
    // massage with two.
    assert_eq!(checked, 2 * ((1 + 1) + (1 + 2)) * 2);
}

/// The bomb dropped into the watched routines directory of a running coach
/// (under the same memory limit): the home screen shows its diagnostic and
/// the coach carries on and quits cleanly.
#[test]
fn the_coach_shows_the_plan_bomb_as_broken_and_keeps_running() {
    use crate::common::pty::{BIN, Env, Pty};
    let env = Env::new(&[]);
    env.acknowledge_safety();
    env.checked_in_today();
    let mut args = vec![MEMORY.to_string(), BIN.to_string()];
    args.extend(env.argv(&[]));
    let mut t = Pty::spawn_program(&env, "prlimit", &args, 100, 30);
    t.wait_text("Piriformis exercises");
    fs::create_dir_all(env.routines()).unwrap();
    fs::write(env.routines().join("bomb.ron"), bomb()).unwrap();
    let screen = t.wait_text("bomb.ron:");
    assert!(screen.contains("Piriformis exercises"), "{screen}");
    t.send_str("q");
    assert!(t.wait_exit().success());
    t.assert_terminal_restored();
}
