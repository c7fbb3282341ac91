//! A full disk while a session runs: the log refuses every line, and still
//! nothing of the session is lost.
//!
//! The data directory is a small tmpfs filled to the last byte, where every
//! write fails with ENOSPC ("No space left on device"), as on a full disk
//! (limber refuses a log that is a link, so `/dev/full` cannot stand in).
//! The real binary runs a short routine in plain mode.
#![cfg(target_os = "linux")]

use std::fs;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

use crate::common::faults::FullDisk;
use crate::common::pty::{Env, event, outcome, poll};
use serde_json::Value;

#[test]
fn a_full_disk_keeps_the_session_in_a_rescue_file() {
    let env = Env::new(&["pty-quick"]);
    env.acknowledge_safety();
    let _disk = full_disk(&env);

    let mut child = env
        .command(&["run", "pty-quick", "--plain"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let Ended {
        status,
        stdout,
        stderr,
        both,
    } = wait_for(&mut child);

    // The run goes on to the end, and exits as documented for plain mode:
    // 0 for a completed session that was saved, here to the rescue file.
    assert!(stdout.contains("Session complete"), "{both}");
    assert_eq!(status.code(), Some(0), "{both}");

    // The user is told, in words: which file, and that the disk is full.
    let log = env.history_path().display().to_string();
    let told = stderr
        .lines()
        .find(|l| l.contains(&log))
        .unwrap_or_else(|| {
            panic!("no error naming {log}:\n{both}");
        });
    let lower = told.to_lowercase();
    assert!(
        lower.contains("no space") || lower.contains("full"),
        "the error does not say the disk is full: {told}"
    );

    // Every line was kept and saved in the private state directory, and
    // the user was told where.
    let rescued: Vec<_> = fs::read_dir(env.state())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.starts_with("limber-unsaved-") && name.ends_with(".jsonl")
        })
        .collect();
    assert_eq!(rescued.len(), 1, "{rescued:?}\n{both}");
    let rescued = &rescued[0];
    assert!(
        stderr.contains(&rescued.display().to_string()),
        "the rescue file's path was not printed:\n{both}"
    );
    let lines: Vec<Value> = fs::read_to_string(rescued)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l:?}: {e}")))
        .collect();
    let events: Vec<&str> = lines.iter().map(event).collect();
    assert_eq!(
        events,
        ["session_started", "step_done", "step_done", "session_ended"],
        "{lines:#?}"
    );
    assert_eq!(lines[1]["step"], "work");
    assert_eq!(lines[2]["step"], "hold");
    assert_eq!(outcome(&lines[3]), "completed");
    let session = lines[0]["session"].as_str().unwrap();
    assert!(lines.iter().all(|l| l["session"] == session), "{lines:#?}");
    assert_eq!(
        rescued.file_name().unwrap().to_string_lossy(),
        format!("limber-unsaved-{session}.jsonl")
    );
    // Nothing reached the log.
    assert!(
        fs::metadata(env.history_path()).map_or(0, |m| m.len()) == 0,
        "the log was written"
    );
}

/// The log full, and the rescue file cannot be written either (the
/// temporary directory is a file, and the working directory was removed):
/// the user is told, given the lines to keep by hand, and the exit status
/// says the session was not saved.
#[test]
fn nowhere_to_save_is_an_error() {
    let env = Env::new(&["pty-quick"]);
    env.acknowledge_safety();
    // The data directory is a link to a shared one, which limber neither
    // makes private nor writes a rescue to.
    let shared = env.dir.path().join("shared-data");
    fs::rename(env.data(), &shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(&shared, env.data()).unwrap();
    let _disk = full_disk(&env);
    // No state directory, no private data directory, no temporary one.
    let not_a_dir = env.dir.path().join("tmp-is-a-file");
    fs::write(&not_a_dir, "").unwrap();
    let gone = env.dir.path().join("gone");
    fs::create_dir(&gone).unwrap();

    let mut child = env
        .command(&["run", "pty-quick", "--plain"])
        .env("TMPDIR", &not_a_dir)
        .env("XDG_STATE_HOME", &not_a_dir)
        .current_dir(&gone)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The session lasts over a second; the rescue comes at its end.
    fs::remove_dir(&gone).unwrap();
    let Ended {
        status,
        stdout,
        stderr,
        both,
    } = wait_for(&mut child);

    assert!(stdout.contains("Session complete"), "{both}");
    assert!(
        stderr.contains("could not be saved"),
        "the user is not told the session is lost:\n{both}"
    );
    assert_eq!(status.code(), Some(1), "{both}");
    // The last resort: every event on stderr, as the log would hold it.
    let lines: Vec<Value> = stderr
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let events: Vec<&str> = lines.iter().map(event).collect();
    assert_eq!(
        events,
        ["session_started", "step_done", "step_done", "session_ended"],
        "{both}"
    );
}

/// The data directory on a disk with no space left, its settings kept
/// (mode 0755 where it is a shared directory, else 0700).
fn full_disk(env: &Env) -> FullDisk {
    let dir = fs::canonicalize(env.data()).unwrap();
    let mode = fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    let settings = fs::read(dir.join("settings.json")).unwrap();
    let disk = FullDisk::mount(&dir, mode);
    fs::write(dir.join("settings.json"), settings).unwrap();
    disk.fill();
    disk
}

/// What a finished run printed.
struct Ended {
    status: std::process::ExitStatus,
    stdout: String,
    stderr: String,
    /// Both outputs, for a failing assertion's message.
    both: String,
}

fn wait_for(child: &mut std::process::Child) -> Ended {
    let status = poll(
        "limber to finish the session",
        || child.try_wait().unwrap(),
        String::new,
    );
    let read = |pipe: &mut dyn Read| {
        let mut text = String::new();
        pipe.read_to_string(&mut text).unwrap();
        text
    };
    let stdout = read(&mut child.stdout.take().unwrap());
    let stderr = read(&mut child.stderr.take().unwrap());
    let both = format!("--- stdout ---\n{stdout}--- stderr ---\n{stderr}");
    Ended {
        status,
        stdout,
        stderr,
        both,
    }
}
