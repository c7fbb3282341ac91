//! Speaking phase names through espeak-ng (or macOS `say`) when present.
//! The speaker's output goes nowhere, so it can never write over the screen.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::core::lang::Lang;

pub struct Voice {
    program: PathBuf,
    lang: Lang,
    speaking: Option<Child>,
}

impl Voice {
    /// A voice if a speaker is installed.
    pub fn find(lang: Lang) -> Option<Voice> {
        super::program::find(&["espeak-ng", "espeak", "say"]).map(|program| Voice {
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
