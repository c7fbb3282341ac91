//! `limber history --format csv`: a note's ESC and BEL are shown to a
//! terminal (`\x1b`, `\x07`), never obeyed; written to a pipe (or a file)
//! the CSV stays the exact text of the log.

use chrono::{FixedOffset, TimeZone};

use limber::store::history::History;
use limber::store::history::sample::{Spec, routine_ref};

use crate::common::pty::{Env, Pty};

const NOTE: &str = "calf \x1b]2;pwned\x07 tight";

fn env_with_note() -> Env {
    let env = Env::new(&[]);
    let at = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2026, 2, 3, 7, 5, 9)
        .unwrap();
    let lines = Spec::new(&routine_ref("piriformis-stretch", 1), "s1", at)
        .steps(1)
        .note(NOTE)
        .lines();
    History::open(&env.data())
        .unwrap()
        .history
        .import(&lines)
        .unwrap();
    env
}

#[test]
fn csv_to_a_terminal_shows_escape_and_bell_visibly() {
    let env = env_with_note();
    let mut pty = Pty::spawn(&env, &["history", "--format", "csv"], 200, 10);
    let status = pty.wait_exit();
    assert!(status.success(), "{}", pty.screen());
    let raw = String::from_utf8_lossy(&pty.raw()).into_owned();
    assert!(
        !raw.contains('\x1b'),
        "raw ESC reached the terminal: {raw:?}"
    );
    assert!(
        !raw.contains('\x07'),
        "raw BEL reached the terminal: {raw:?}"
    );
    assert!(raw.contains("calf \\x1b]2;pwned\\x07 tight"), "{raw:?}");
    // Still CSV: the header and one row, each on its own line.
    assert!(raw.starts_with("id,date,"), "{raw:?}");
}

#[test]
fn csv_to_a_pipe_is_the_exact_text_of_the_log() {
    let env = env_with_note();
    let out = env
        .command(&["history", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let row = text.split("\r\n").nth(1).unwrap();
    assert!(row.ends_with(&format!(",{NOTE}")), "{row:?}");
}
