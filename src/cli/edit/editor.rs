//! The editor: which one (`$VISUAL`, `$EDITOR`, nano, vi), and running it
//! the way `system(3)` does, so Ctrl-C is the editor's.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::Command;

use crate::shell::exit::Exit;

/// The editor command: `$VISUAL`, else `$EDITOR`, else `nano` if it is on
/// the `PATH`, else `vi`.
pub fn editor_command(
    visual: Option<&str>,
    editor: Option<&str>,
    has_nano: impl FnOnce() -> bool,
) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| if has_nano() { "nano" } else { "vi" }.to_string())
}

/// Everything `limber edit` needs from outside, so tests can pass their own.
pub struct Env {
    pub editor: String,
    /// Repeat the answers read from a standard input that is not a terminal.
    pub echo_answers: bool,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |k| std::env::var(k).ok();
        Env {
            editor: editor_command(var("VISUAL").as_deref(), var("EDITOR").as_deref(), || {
                crate::shell::program::find(&["nano"]).is_some()
            }),
            echo_answers: !io::stdin().is_terminal(),
        }
    }
}

/// Runs `editor` on `file` through the shell, so that an editor with
/// arguments (`EDITOR="code -w"`) works. The file name is passed as a
/// separate argument, never spliced into the command.
fn run_editor(editor: &str, file: &Path) -> io::Result<std::process::ExitStatus> {
    #[cfg(unix)]
    {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(file)
            .status()
    }
    #[cfg(not(unix))]
    {
        let mut line = std::ffi::OsString::from(editor);
        line.push(" \"");
        line.push(file.as_os_str());
        line.push("\"");
        Command::new("cmd").arg("/C").arg(line).status()
    }
}

/// Runs the editor as `system(3)` does: Ctrl-C and Ctrl-\ are the editor's
/// (limber, in the same process group, is not killed by them and so never
/// leaves its scratch copy behind), and SIGTERM or SIGHUP are noted and
/// answered once the editor is done.
pub(super) fn run_editor_guarded(
    editor: &str,
    file: &Path,
) -> io::Result<(io::Result<std::process::ExitStatus>, Option<Exit>)> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let last = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for sig in [SIGINT, SIGQUIT, SIGTERM, SIGHUP] {
            ids.push(signal_hook::flag::register_usize(
                sig,
                Arc::clone(&last),
                sig as usize,
            )?);
        }
        let status = run_editor(editor, file);
        for id in ids {
            signal_hook::low_level::unregister(id);
        }
        let sig = last.load(Ordering::SeqCst) as i32;
        let ended = (sig == SIGTERM || sig == SIGHUP).then_some(Exit::Terminated);
        Ok((status, ended))
    }
    #[cfg(not(unix))]
    {
        let _ = (Arc::new(AtomicUsize::new(0)), Ordering::SeqCst);
        Ok((run_editor(editor, file), None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_is_visual_then_editor_then_nano_or_vi() {
        assert_eq!(editor_command(Some("v"), Some("e"), || true), "v");
        assert_eq!(editor_command(Some(" "), Some("e"), || true), "e");
        assert_eq!(editor_command(None, Some("code -w"), || true), "code -w");
        assert_eq!(editor_command(None, Some(""), || true), "nano");
        assert_eq!(editor_command(None, None, || false), "vi");
    }
}
