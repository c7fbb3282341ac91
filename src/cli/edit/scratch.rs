//! The editor's private copy (0600 in a 0700 directory under
//! `$TMPDIR/limber-<uid>`, through `store::private`), removed however limber
//! ends, and the copies a `kill -9` left behind, kept as drafts.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::core::parse::MAX_BYTES;
use crate::i18n::{CliStrings, fill};
use crate::store::atomic::write_atomically;
use crate::store::private;
use crate::store::safe_file::read_capped;

/// `name` with `suffix` appended to the file name: `a.ron` and `.bak` give
/// `a.ron.bak`.
pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    path.with_file_name(name)
}

/// Reads a routine, a draft or the editor's copy through the safe reader:
/// a FIFO or `/dev/zero` left in its place is an error, not a hang.
pub(super) fn read_routine(path: &Path) -> io::Result<Vec<u8>> {
    Ok(read_capped(path, MAX_BYTES)?)
}

/// The private directory the editor's copy lives in: a `tempfile::TempDir`
/// (mode 0700) holding the copy (0600), the path it is an edit of, and the
/// id of this process. Removed when dropped: on every return, error and
/// panic. A `kill -9` cannot run that; the next edit of the same file finds
/// the directory ([`orphans`]) and keeps what the editor left as a draft.
pub(super) struct Scratch {
    /// Held for its drop, which removes the directory.
    _dir: tempfile::TempDir,
    pub(super) copy: PathBuf,
}

pub(super) const TARGET_FILE: &str = "target";
pub(super) const PID_FILE: &str = "pid";

impl Scratch {
    pub(super) fn new(target: &Path, start: &[u8]) -> io::Result<Scratch> {
        let mut builder = tempfile::Builder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o700));
        }
        let dir = match private::user_temp_dir("limber") {
            Some(root) => builder.prefix("edit-").tempdir_in(root)?,
            None => builder.prefix("limber-edit-").tempdir()?,
        };
        let name = target.file_name().unwrap_or_else(|| "routine.ron".as_ref());
        let copy = dir.path().join(name);
        private::write_new(&copy, start)?;
        let target = std::path::absolute(target)?;
        private::write_new(
            &dir.path().join(TARGET_FILE),
            target.as_os_str().as_encoded_bytes(),
        )?;
        private::write_new(
            &dir.path().join(PID_FILE),
            std::process::id().to_string().as_bytes(),
        )?;
        Ok(Scratch { _dir: dir, copy })
    }
}

/// Whether process `pid` still runs (an edit in progress in it).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let exists = unsafe { libc::kill(pid, 0) } == 0;
        exists || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

/// Scratch directories of edits of `target` whose process is gone, with
/// the copy the editor left in each.
fn orphans(target: &Path) -> Vec<(PathBuf, PathBuf)> {
    let (Some(root), Ok(target)) = (
        private::user_temp_dir("limber"),
        std::path::absolute(target),
    ) else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(&root) else {
        return Vec::new();
    };
    let name = target.file_name().unwrap_or_else(|| "routine.ron".as_ref());
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|dir| {
            let of = read_capped(&dir.join(TARGET_FILE), 64 * 1024).ok();
            let pid = read_capped(&dir.join(PID_FILE), 32)
                .ok()
                .and_then(|b| String::from_utf8(b).ok()?.trim().parse().ok());
            of.as_deref() == Some(target.as_os_str().as_encoded_bytes())
                && pid.is_some_and(|p| p != std::process::id() && !alive(p))
        })
        .map(|dir| {
            let copy = dir.join(name);
            (dir, copy)
        })
        .collect()
}

/// Keeps the copy of an interrupted edit of `path` as its draft (when it
/// holds a change and there is no draft yet) and removes the scratch
/// directory; true when a draft was kept.
pub(super) fn recover(
    path: &Path,
    before: &[u8],
    s: &CliStrings,
    err: &mut impl Write,
) -> io::Result<bool> {
    let draft = with_suffix(path, ".draft");
    let mut kept = false;
    for (dir, copy) in orphans(path) {
        match read_routine(&copy) {
            Ok(bytes) if bytes != before => {
                if draft.exists() {
                    // Never over a draft: the next edit after that one is
                    // dealt with offers it again.
                    continue;
                }
                write_atomically(&draft, &bytes)?;
                let shown = draft.display().to_string();
                writeln!(
                    err,
                    "{}",
                    fill(
                        &s.edit_recovered,
                        &[("file", &path.display().to_string()), ("draft", &shown)]
                    )
                )?;
                kept = true;
            }
            _ => {}
        }
        let _ = fs::remove_dir_all(&dir);
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_and_drafts_are_not_routine_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.ron");
        fs::write(&file, "x").unwrap();
        fs::write(with_suffix(&file, ".bak"), "x").unwrap();
        fs::write(with_suffix(&file, ".draft"), "x").unwrap();
        write_atomically(&dir.path().join("s.ron"), b"y").unwrap();
        let files = crate::store::routines::routine_files(dir.path()).unwrap();
        assert_eq!(files, [file, dir.path().join("s.ron")]);
    }
}
