//! `limber edit` against files and faults that would lose an edit: a
//! symlinked routine, a `kill -9` while the editor is open, an editor that
//! leaves a FIFO or `/dev/zero` where its copy was (issue 13 item 5).
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::cli::{self, Run, run};

const SHORT: &str = "tests/fixtures/routines/short.ron";

struct Sandbox {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    routines: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let routines = root.join("routines");
        fs::create_dir_all(&routines).unwrap();
        fs::create_dir_all(root.join("tmp")).unwrap();
        Sandbox {
            _tmp: tmp,
            root,
            routines,
        }
    }

    fn fixture() -> String {
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SHORT)).unwrap()
    }

    /// An executable editor script; `$f` is the file to edit.
    fn script(&self, name: &str, body: &str) -> PathBuf {
        let path = self.root.join(name);
        fs::write(&path, format!("#!/bin/sh\nfor f; do :; done\n{body}\n")).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    /// `limber edit ARGS` with `editor`, its temporary files in the sandbox.
    fn command(&self, args: &[&str], editor: &Path) -> Command {
        let mut cmd = cli::command(&self.routines, &self.root.join("data"));
        cmd.arg("edit")
            .args(args)
            .env("EDITOR", editor)
            .env("TMPDIR", self.root.join("tmp"));
        cmd
    }

    fn edit(&self, args: &[&str], editor: &Path) -> Run {
        run(self.command(args, editor), "")
    }
}

fn id_of(text: &str) -> String {
    limber::core::parse::parse_routine(text.as_bytes())
        .unwrap()
        .id
}

#[test]
fn a_symlinked_routine_is_edited_in_its_target_and_keeps_link_and_mode() {
    let sb = Sandbox::new();
    let text = Sandbox::fixture();
    let id = id_of(&text);
    let real_dir = sb.root.join("elsewhere");
    fs::create_dir_all(&real_dir).unwrap();
    let real = real_dir.join("mine.ron");
    fs::write(&real, &text).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let link = sb.routines.join(format!("{id}.ron"));
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let editor = sb.script("add-comment", "echo '// edited' >> \"$f\"");
    let r = sb.edit(&[&id], &editor);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert!(fs::read_to_string(&real).unwrap().ends_with("// edited\n"));
    assert_eq!(fs::metadata(&real).unwrap().mode() & 0o777, 0o600);
    let backup = sb.routines.join(format!("{id}.ron.bak"));
    assert_eq!(fs::read_to_string(&backup).unwrap(), text);
    assert_eq!(
        fs::metadata(&backup).unwrap().mode() & 0o077,
        0,
        "the backup is as private as the file"
    );
}

/// The process state letter of `pid` (`Z` when a zombie), from /proc.
fn gone(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, r)| r.trim_start().starts_with('Z'))
        })
        .unwrap_or(true)
}

#[test]
fn kill_9_during_the_edit_leaves_a_draft_the_next_edit_offers() {
    let sb = Sandbox::new();
    let text = Sandbox::fixture();
    let id = id_of(&text);
    let file = sb.routines.join(format!("{id}.ron"));
    fs::write(&file, &text).unwrap();
    let seen = sb.root.join("seen");
    let editor = sb.script(
        "slow-editor",
        &format!(
            "echo '// half done' >> \"$f\"\necho $$ > '{1}'\necho \"$f\" > '{0}.tmp'\nmv '{0}.tmp' '{0}'\nexec sleep 30",
            seen.display(),
            sb.root.join("editor.pid").display()
        ),
    );
    let mut child = sb
        .command(&[&id], &editor)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !seen.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the editor never ran"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The copy the editor works on is private, in a private directory.
    let copy = PathBuf::from(fs::read_to_string(&seen).unwrap().trim());
    assert_eq!(fs::metadata(&copy).unwrap().mode() & 0o777, 0o600);
    let dir = copy.parent().unwrap();
    assert_eq!(fs::metadata(dir).unwrap().mode() & 0o777, 0o700);
    assert!(!copy.starts_with(&sb.routines));

    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // The editor lives on (as it would in a terminal); end it too, by the
    // pid it wrote (`exec` made the shell that `sleep`).
    let editor_pid = fs::read_to_string(sb.root.join("editor.pid")).unwrap();
    Command::new("kill")
        .args(["-KILL", editor_pid.trim()])
        .status()
        .unwrap();
    assert!(gone(child.id()));
    assert!(copy.exists(), "a kill -9 cannot clean up");

    let no_change = sb.script("no-change", "true");
    let r = sb.edit(&[&id], &no_change);
    assert!(r.stderr.contains("was interrupted"), "{}", r.stderr);
    assert!(
        r.stderr.contains("--draft"),
        "the draft is offered: {}",
        r.stderr
    );
    let draft = sb.routines.join(format!("{id}.ron.draft"));
    assert!(
        fs::read_to_string(&draft)
            .unwrap()
            .ends_with("// half done\n")
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        text,
        "nothing installed"
    );
    assert!(!dir.exists(), "the orphaned copy is gone once kept");
    // Resuming from it installs it.
    let r = sb.edit(&["--draft", &id], &no_change);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .ends_with("// half done\n")
    );
}

#[test]
fn an_editor_leaving_a_fifo_or_dev_zero_is_a_clear_error() {
    let sb = Sandbox::new();
    let text = Sandbox::fixture();
    let id = id_of(&text);
    let file = sb.routines.join(format!("{id}.ron"));
    fs::write(&file, &text).unwrap();
    for (body, words) in [
        ("rm \"$f\"; mkfifo \"$f\"", "FIFO"),
        ("rm \"$f\"; ln -s /dev/zero \"$f\"", "character device"),
    ] {
        let editor = sb.script("hostile-editor", body);
        let start = Instant::now();
        let r = sb.edit(&[&id], &editor);
        assert!(start.elapsed() < Duration::from_secs(2), "{body}");
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains(words), "{body}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        assert_eq!(fs::read_to_string(&file).unwrap(), text);
    }
    let left: Vec<_> = fs::read_dir(sb.root.join("tmp"))
        .unwrap()
        .flat_map(|e| fs::read_dir(e.unwrap().path()).unwrap())
        .collect();
    assert!(left.is_empty(), "no scratch copy is left: {left:?}");
}
