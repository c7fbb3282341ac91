//! The session log as the running app uses it: one recorder per session,
//! lines the log refused kept until they can be saved somewhere.

use std::path::{Path, PathBuf};

use chrono::Local;

use crate::core::record::{Event, RoutineRef};
use crate::i18n::{CliStrings, Lang, fill};
use crate::store::history::{History, HistoryError, Recorder};

pub struct Journal {
    history: Option<History>,
    recorder: Option<Recorder>,
    /// The language of what `finish` tells the user.
    lang: Lang,
}

impl Journal {
    /// `None`: nowhere to write (no data directory could be found, or a
    /// preview). `lang` is what `finish` tells the user in.
    pub fn new(data_dir: Option<&Path>, lang: Lang) -> Journal {
        Journal {
            history: data_dir.map(History::in_dir),
            recorder: None,
            lang,
        }
    }

    pub fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }

    /// Stamps `event` with the local time and appends it; a session starts
    /// a new recorder. On error the line is kept for a retry.
    pub fn record(&mut self, reference: RoutineRef, event: Event) -> Result<(), HistoryError> {
        let now = Local::now().fixed_offset();
        if matches!(event, Event::SessionStarted { .. }) {
            self.recorder = Some(Recorder::new(reference, now));
        }
        match (&self.history, &mut self.recorder) {
            (Some(history), Some(recorder)) => recorder.record(history, event, now).map(|_| ()),
            _ => Ok(()),
        }
    }

    pub fn has_unsaved(&self) -> bool {
        self.recorder
            .as_ref()
            .is_some_and(|r| !r.unsaved().is_empty())
    }

    /// At exit, after the terminal is restored: saves what the log refused
    /// elsewhere and tells the user where on stderr.
    pub fn finish(&mut self) -> std::io::Result<()> {
        let lang = self.lang;
        let s = || CliStrings::load(lang);
        match self.rescue() {
            None => Ok(()),
            Some(Ok(path)) => {
                let file = path.display().to_string();
                eprintln!("{}", fill(&s().journal_rescued, &[("file", &file)]));
                Ok(())
            }
            // The last place left is the screen: the lines themselves, for
            // the user to copy into the log.
            Some(Err(e)) => {
                let log = self
                    .history
                    .as_ref()
                    .map(|h| h.path().display().to_string())
                    .unwrap_or_default();
                let mut message = fill(
                    &s().journal_lost,
                    &[("error", &e.to_string()), ("log", &log)],
                );
                for line in self.recorder.iter().flat_map(|r| r.unsaved()) {
                    message.push('\n');
                    message.push_str(&serde_json::to_string(line).map_err(std::io::Error::other)?);
                }
                Err(std::io::Error::other(message))
            }
        }
    }

    /// Saves what the log refused into a file in the temporary directory or,
    /// failing that, the current one. Returns where it went.
    fn rescue(&mut self) -> Option<Result<PathBuf, HistoryError>> {
        let recorder = self.recorder.as_mut().filter(|r| !r.unsaved().is_empty())?;
        let name = format!("limber-unsaved-{}.jsonl", recorder.session_id());
        let mut last_error = None;
        for path in [std::env::temp_dir().join(&name), PathBuf::from(&name)] {
            match recorder.save_unsaved_elsewhere(&path) {
                Ok(()) => return Some(Ok(path)),
                Err(e) => last_error = Some(e),
            }
        }
        last_error.map(Err)
    }
}
