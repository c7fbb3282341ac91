//! Speaking phase names through espeak-ng (or macOS `say`) when present.
//! The speaker's output goes nowhere, so it can never write over the screen.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::cli::args::Lang;

pub struct Voice {
    program: PathBuf,
    lang: Lang,
    speaking: Option<Child>,
}

/// The first of `names` found on `path` (a PATH-style list).
pub fn find_program(names: &[&str], path: &str) -> Option<PathBuf> {
    names.iter().find_map(|name| {
        std::env::split_paths(path)
            .map(|dir| dir.join(name))
            .find(|p| is_executable(p))
    })
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

impl Voice {
    /// A voice if a speaker is installed.
    pub fn find(lang: Lang) -> Option<Voice> {
        let path = std::env::var("PATH").unwrap_or_default();
        find_program(&["espeak-ng", "espeak", "say"], &path).map(|program| Voice {
            program,
            lang,
            speaking: None,
        })
    }

    /// Speaks `text`, cutting off what is still being said: the newest
    /// phase is the one that matters.
    pub fn say(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.hush();
        let mut cmd = Command::new(&self.program);
        if self.program.file_name().is_some_and(|n| n != "say") {
            cmd.args(["-v", self.lang.code()]);
        }
        self.speaking = cmd
            .arg(text)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok();
    }

    fn hush(&mut self) {
        if let Some(mut child) = self.speaking.take() {
            if child.try_wait().ok().flatten().is_none() {
                let _ = child.kill();
            }
            let _ = child.wait();
        }
    }
}

impl Drop for Voice {
    fn drop(&mut self) {
        self.hush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_installed_speaker_on_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let say = dir.path().join("say");
        std::fs::write(&say, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&say, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let path = dir.path().display().to_string();
        assert_eq!(find_program(&["espeak-ng", "say"], &path), Some(say));
        assert_eq!(find_program(&["espeak-ng"], &path), None);
    }
}
