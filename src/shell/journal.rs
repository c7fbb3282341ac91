//! The session log as a running coach or plain mode uses it: one recorder
//! per session, and every line the log refused, of every session of the
//! run, kept and retried with each new event, and at exit saved to a new
//! private rescue file if the log still refuses them.
//!
//! The database is checked (`PRAGMA quick_check`) on a thread of its own
//! while the coach starts; nothing is written to it before the check has
//! passed, and nothing ever if it failed (the lines wait, then go to the
//! rescue file). Once it has passed, the same thread keeps the course
//! walks of the run's routines up to date, so that the next start reads
//! only the days since. No wait here is longer than the store's busy
//! timeout.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;

use crate::core::progress::Target;
use crate::core::record::{Event, LogLine, RoutineRef};
use crate::i18n::{CliStrings, Lang, fill};
use crate::store::history::{self, Doing, History, HistoryError, Migration, Recorder};
use crate::store::{paths, private};

/// Where the store stands.
enum Check {
    /// Not checked yet, nor started (see [`Journal::start_check`]).
    Waiting(PathBuf),
    /// Not checked yet: the check runs on this thread.
    Running(JoinHandle<Result<(), HistoryError>>),
    Passed,
    /// Damaged: never written. The text says what was found.
    Failed(String),
}

/// Sessions this process has started: with the start time and the process
/// id, what keeps two session ids apart when they start in the same ns.
static SESSIONS_STARTED: AtomicU64 = AtomicU64::new(0);

pub struct Journal {
    data_dir: Option<PathBuf>,
    history: Option<History>,
    /// The log opened read-only when it could not be opened to write (a
    /// read-only medium), so its sessions are still shown.
    reader: Option<History>,
    check: Check,
    /// Why the store could not be opened, if it could not (told once).
    open_error: Option<HistoryError>,
    migration: Option<Migration>,
    /// The session being recorded.
    current: Option<Recorder>,
    /// Lines of every session of this run not yet in the log, oldest first.
    unsaved: Vec<LogLine>,
    /// Where a rescue file may go, best first; `None`: the state directory,
    /// then the data directory.
    rescue_dirs: Option<Vec<PathBuf>>,
    /// Routines whose course walk the check keeps.
    courses: Vec<Target>,
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
        lines: Vec<LogLine>,
    },
}

impl Journal {
    /// `None`: nowhere to write (no data directory could be found, or a
    /// preview). Opens the store and starts its check; a failure to open is
    /// kept for [`Journal::notice`] and the lines of the run wait.
    pub fn new(data_dir: Option<&Path>) -> Journal {
        let mut j = Journal {
            data_dir: data_dir.map(Path::to_path_buf),
            history: None,
            reader: None,
            check: Check::Passed,
            open_error: None,
            migration: None,
            current: None,
            unsaved: Vec::new(),
            rescue_dirs: None,
            courses: Vec::new(),
        };
        j.open();
        j
    }

    fn open(&mut self) {
        let Some(dir) = &self.data_dir else {
            return;
        };
        match History::open(dir) {
            Ok(opened) => {
                self.check = Check::Waiting(opened.history.path().to_path_buf());
                self.history = Some(opened.history);
                self.migration = opened.migration;
                self.open_error = None;
            }
            Err(e) => {
                if e.is_damaged() {
                    self.check = Check::Failed(e.to_string());
                } else if self.reader.is_none() {
                    self.reader = History::open_read(dir).ok().map(|o| o.history);
                }
                self.open_error = Some(e);
            }
        }
    }

    /// Once the check has passed, keep the course walk of `routines`
    /// (see [`History::keep_courses`]).
    pub fn keeping(mut self, routines: Vec<Target>) -> Journal {
        self.courses = routines;
        self
    }

    /// Rescue files go to the first private one of `dirs` (tests).
    pub fn rescue_to(mut self, dirs: Vec<PathBuf>) -> Journal {
        self.rescue_dirs = Some(dirs);
        self
    }

    /// The log, to read counts and sessions from.
    pub fn history(&self) -> Option<&History> {
        self.history.as_ref().or(self.reader.as_ref())
    }

    /// What opening the log found that the user must hear: a damaged or
    /// unopenable database, or the import of an old log and its bad lines.
    pub fn notice(&mut self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        // Most starts have nothing to say: the catalog is read only to say it.
        if self.open_error.is_none() && self.migration.is_none() {
            return out;
        }
        let s = CliStrings::load(lang);
        if let Some(e) = &self.open_error {
            out.push(open_problem(&s, e));
        }
        if let Some(m) = self.migration.take() {
            out.extend(migration_text(&s, &m));
        }
        out
    }

    /// Starts checking the database on a thread of its own: the coach calls
    /// it once its first frame is drawn, so reading the whole file does not
    /// compete with start-up; plain mode calls it at once. Until it has
    /// passed, lines wait (at exit the check is started and waited for).
    pub fn start_check(&mut self) {
        if let Check::Waiting(path) = &self.check {
            let path = path.clone();
            let courses = std::mem::take(&mut self.courses);
            self.check = Check::Running(std::thread::spawn(move || {
                history::check_file(&path)?;
                // A walk not kept is only walked again at the next start.
                let today = crate::shell::clock::local_now().date_naive();
                // A summary or day count edited into nonsense is rebuilt
                // from the events before anything walks the days.
                let _ = History::open_file(&path).and_then(|h| {
                    h.mend()?;
                    h.keep_courses(&courses, today)
                });
                Ok(())
            }));
        }
    }

    /// Waits for the check of the database to end; true if it may be
    /// written (tests; the shells never wait for it before exit).
    pub fn wait_checked(&mut self) -> bool {
        self.writable(true)
    }

    /// Waits for the check if `wait`, and says whether the log may be
    /// written now.
    fn writable(&mut self, wait: bool) -> bool {
        if wait {
            self.start_check();
        }
        if let Check::Running(handle) = &self.check
            && (wait || handle.is_finished())
        {
            let Check::Running(handle) = std::mem::replace(&mut self.check, Check::Passed) else {
                unreachable!()
            };
            match handle.join() {
                Ok(Ok(())) => {}
                Ok(Err(e)) => {
                    self.check = Check::Failed(e.to_string());
                    self.open_error = Some(e);
                    self.history = None;
                }
                Err(_) => self.check = Check::Failed("the check stopped".into()),
            }
        }
        matches!(self.check, Check::Passed)
    }

    /// Stamps `event` with the local time and appends it, after every line
    /// an earlier failure left unsaved (of this session or an earlier one).
    /// On error every line not written is kept for the next try.
    pub fn record(&mut self, reference: RoutineRef, event: Event) -> Result<(), HistoryError> {
        if self.data_dir.is_none() {
            return Ok(());
        }
        let now = crate::shell::clock::local_now().fixed_offset();
        if matches!(event, Event::SessionStarted { .. }) || self.current.is_none() {
            let nth = SESSIONS_STARTED.fetch_add(1, Ordering::Relaxed);
            self.current = Some(Recorder::new(reference, now, std::process::id(), nth));
        }
        let recorder = self.current.as_mut().expect("set above");
        self.unsaved.push(recorder.stamp(event, now));
        self.flush(false)
    }

    /// Writes what waits, if the log can take it now; `wait`: wait for
    /// the check first (at exit).
    fn flush(&mut self, wait: bool) -> Result<(), HistoryError> {
        if self.history.is_none() && matches!(self.check, Check::Passed | Check::Waiting(_)) {
            // Opening failed earlier (a lock, a full disk): try again.
            self.open();
        }
        let writable = self.writable(wait);
        if let Check::Failed(found) = &self.check {
            let path = self
                .data_dir
                .as_deref()
                .map(History::path_in)
                .unwrap_or_default();
            return Err(HistoryError {
                doing: Doing::Check,
                path,
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, found.clone()),
            });
        }
        let Some(history) = &self.history else {
            return Err(self.open_error.take().unwrap_or_else(|| HistoryError {
                doing: Doing::Open,
                path: self.data_dir.clone().unwrap_or_default(),
                // The open failed earlier and its error was reported then;
                // HistoryError carries an io::Error by design (its kind picks
                // the advice), so this later refusal is made as one.
                source: std::io::Error::new(
                    std::io::ErrorKind::NotConnected,
                    "the log could not be opened",
                ),
            }));
        };
        if !writable {
            // Not checked yet: the lines wait, nothing is wrong so far.
            return Ok(());
        }
        history.flush(&mut self.unsaved)
    }

    /// When the next course of `routine` may start, while the pause after
    /// a finished course runs; `None` otherwise, or when the log cannot
    /// say.
    pub fn course_pause(
        &self,
        routine: &crate::core::routine::Routine,
        today: chrono::NaiveDate,
    ) -> Option<chrono::NaiveDate> {
        let target = Target::from(routine);
        let glance = self.history()?.glance(&target, today).ok()?;
        glance.course.and_then(|c| c.next_start())
    }

    /// Every line stamped but not yet in the log, oldest first.
    pub fn unsaved(&self) -> &[LogLine] {
        &self.unsaved
    }

    /// At exit: a last try to write, then saves what the log refused to a
    /// new rescue file in a private directory.
    pub fn finish(&mut self) -> Saved {
        if self.unsaved.is_empty() {
            return Saved::InLog;
        }
        let error = match self.flush(true) {
            Ok(()) if self.unsaved.is_empty() => return Saved::InLog,
            Ok(()) => None,
            Err(e) => Some(e),
        };
        // Named by the first unsaved session; created new, so a file or a
        // symlink planted at that name is never written through.
        let stem = format!("limber-unsaved-{}", self.unsaved[0].session);
        let dirs = self.rescue_dirs.clone().unwrap_or_else(|| {
            let mut dirs = Vec::new();
            dirs.extend(paths::state_dir(None));
            dirs.extend(self.data_dir.clone());
            dirs
        });
        let bytes = history::jsonl::to_bytes(&self.unsaved);
        match private::save_new(&dirs, &stem, &bytes) {
            Ok(path) => {
                self.unsaved.clear();
                Saved::Rescued(path)
            }
            Err(e) => Saved::Lost {
                error: error.unwrap_or(HistoryError {
                    doing: Doing::Write,
                    path: dirs.first().cloned().unwrap_or_default(),
                    source: e,
                }),
                lines: std::mem::take(&mut self.unsaved),
            },
        }
    }
}

/// A database that cannot be opened or is damaged, and what to do.
fn open_problem(s: &CliStrings, e: &HistoryError) -> String {
    let error = e.to_string();
    let file = e.path.display().to_string();
    if e.is_damaged() {
        fill(&s.log_damaged, &[("error", &error), ("file", &file)])
    } else {
        fill(&s.log_open_failed, &[("error", &error)])
    }
}

/// What the import of an old log says: how many events, each bad line.
pub fn migration_text(s: &CliStrings, m: &Migration) -> Vec<String> {
    let from = m.from.display().to_string();
    let mut out = vec![match &m.renamed_to {
        Some(to) => fill(
            &s.log_migrated,
            &[
                ("count", &m.added.to_string()),
                ("from", &from),
                ("to", &to.display().to_string()),
            ],
        ),
        None => fill(
            &s.log_migrated_kept,
            &[("count", &m.added.to_string()), ("from", &from)],
        ),
    }];
    for p in &m.problems {
        out.push(fill(
            &s.log_line_skipped,
            &[
                ("path", &from),
                ("line", &p.line_no.to_string()),
                ("problem", &p.message),
            ],
        ));
    }
    out
}

impl Saved {
    /// What to tell the user, in `lang`, once the terminal is theirs again;
    /// `None` when all went to the log. A lost session comes with its log
    /// lines, for the user to save and import by hand.
    pub fn message(&self, lang: Lang) -> Option<String> {
        let s = CliStrings::load(lang);
        match self {
            Saved::InLog => None,
            Saved::Rescued(path) => {
                let file = path.display().to_string();
                Some(fill(&s.journal_rescued, &[("file", &file)]))
            }
            Saved::Lost { error, lines } => {
                let mut message = format!(
                    "limber: {}",
                    fill(&s.journal_lost, &[("error", &error.to_string())])
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
