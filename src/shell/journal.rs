//! The session log as a running coach or plain mode uses it: one recorder
//! per session, and every line the log refused, of every session of the
//! run, kept and retried until it is saved somewhere.

use std::path::{Path, PathBuf};

use chrono::Local;

use crate::core::record::{Event, LogLine, RoutineRef};
use crate::i18n::{CliStrings, Lang, fill};
use crate::store::history::{History, HistoryError, Recorder, save_elsewhere};

pub struct Journal {
    history: Option<History>,
    /// The session being recorded.
    current: Option<Recorder>,
    /// Lines of earlier sessions of this run that the log refused.
    earlier: Vec<LogLine>,
}

/// Where the run's sessions ended up, for the shell to tell the user.
#[derive(Debug)]
pub enum Saved {
    /// All in the log (or nothing to save).
    InLog,
    /// The log refused some lines: they are in this file.
    Rescued(PathBuf),
    /// Neither the log nor a rescue file took them.
    Lost {
        error: HistoryError,
        log: Option<PathBuf>,
        lines: Vec<LogLine>,
    },
}

impl Journal {
    /// `None`: nowhere to write (no data directory could be found, or a
    /// preview).
    pub fn new(data_dir: Option<&Path>) -> Journal {
        Journal {
            history: data_dir.map(History::in_dir),
            current: None,
            earlier: Vec::new(),
        }
    }

    pub fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }

    /// Stamps `event` with the local time and appends it, after any line an
    /// earlier failure left unsaved; a session start begins a new recorder
    /// and keeps the previous session's unsaved lines. On error the line is
    /// kept for the next try.
    pub fn record(&mut self, reference: RoutineRef, event: Event) -> Result<(), HistoryError> {
        let now = Local::now().fixed_offset();
        if matches!(event, Event::SessionStarted { .. }) {
            let new = Recorder::new(reference, now);
            if let Some(old) = self.current.replace(new) {
                self.earlier.extend(old.unsaved().iter().cloned());
            }
        }
        let (Some(history), Some(recorder)) = (&self.history, &mut self.current) else {
            return Ok(());
        };
        let line = recorder.stamp(event, now);
        self.earlier.push(line);
        history.append_all(&self.earlier)?;
        self.earlier.clear();
        Ok(())
    }

    /// Every line stamped but not yet in the log, oldest first.
    pub fn unsaved(&self) -> &[LogLine] {
        &self.earlier
    }

    /// At exit: saves what the log refused to a rescue file.
    pub fn finish(&mut self) -> Saved {
        if self.earlier.is_empty() {
            return Saved::InLog;
        }
        // Named by the first unsaved session, so two runs never collide.
        let name = format!("limber-unsaved-{}.jsonl", self.earlier[0].session);
        let mut last_error = None;
        for path in [std::env::temp_dir().join(&name), PathBuf::from(&name)] {
            match save_elsewhere(&self.earlier, &path) {
                Ok(()) => {
                    self.earlier.clear();
                    return Saved::Rescued(path);
                }
                Err(e) => last_error = Some(e),
            }
        }
        Saved::Lost {
            error: last_error.expect("two places were tried"),
            log: self.history.as_ref().map(|h| h.path().to_path_buf()),
            lines: std::mem::take(&mut self.earlier),
        }
    }
}

impl Saved {
    /// What to tell the user, in `lang`, once the terminal is theirs again;
    /// `None` when all went to the log. A lost session comes with its log
    /// lines, for the user to copy into the log by hand.
    pub fn message(&self, lang: Lang) -> Option<String> {
        let s = CliStrings::load(lang);
        match self {
            Saved::InLog => None,
            Saved::Rescued(path) => {
                let file = path.display().to_string();
                Some(fill(&s.journal_rescued, &[("file", &file)]))
            }
            Saved::Lost { error, log, lines } => {
                let log = log
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let mut message = format!(
                    "limber: {}",
                    fill(
                        &s.journal_lost,
                        &[("error", &error.to_string()), ("log", &log)]
                    )
                );
                for line in lines {
                    message.push('\n');
                    message.push_str(&serde_json::to_string(line).unwrap_or_default());
                }
                Some(message)
            }
        }
    }

    /// False when sessions of this run are lost for good.
    pub fn is_kept(&self) -> bool {
        !matches!(self, Saved::Lost { .. })
    }
}
