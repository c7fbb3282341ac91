//! The imperative shell around `App`: reads keys and signals, keeps time,
//! draws, and carries out effects (bell, voice, log, settings).

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};

use chrono::Local;

use super::app::{App, Out};
use super::clock::Clock;
use super::input::{self, Input, Sig};
use super::keymap::action_for;
use super::terminal::Guard;
use super::theme::Theme;
use super::view;
use super::voice::Voice;
use crate::cli::args::Lang;
use crate::core::clock::Mono;
use crate::core::progress::summarize;
use crate::core::record::Event;
use crate::core::routine::Side;
use crate::store::journal::Journal;
use crate::store::routines::load_library;
use crate::store::settings::{self, Settings};

pub struct Options {
    pub lang: Lang,
    pub quiet: bool,
    pub voice: bool,
    pub data_dir: Option<PathBuf>,
    pub routines_dir: Option<PathBuf>,
    /// Open this session at once (`limber run`).
    pub start: Option<Start>,
    /// 1 for real time; more for `limber preview`.
    pub speed: u32,
    /// False for previews: nothing is written to the log.
    pub record: bool,
}

impl Options {
    /// Where this run's sessions go: the log, unless it is a preview.
    pub fn journal(&self) -> Journal {
        Journal::new(self.data_dir.as_deref().filter(|_| self.record), self.lang)
    }
}

pub struct Start {
    pub routine: usize,
    pub side: Option<Side>,
    pub variant: Option<String>,
}

/// Loads what the coach shows: routines, settings, counts from the log.
pub fn prepare(opts: &Options, origin: Mono) -> App {
    let library = load_library(opts.lang.code(), opts.routines_dir.as_deref());
    let (settings, settings_problem) = match &opts.data_dir {
        Some(dir) => settings::load(dir),
        None => (Settings::default(), None),
    };
    let mut app = App::new(opts.lang, library, settings, origin);
    app.theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    app.notice = settings_problem;
    app
}

struct Shell {
    clock: Clock,
    quiet: bool,
    voice: Option<Voice>,
    journal: Journal,
    data_dir: Option<PathBuf>,
    routines_dir: Option<PathBuf>,
}

pub fn run(opts: Options) -> io::Result<()> {
    let clock = Clock::start(opts.speed);
    let mut app = prepare(&opts, clock.now());
    let mut shell = Shell {
        clock,
        quiet: opts.quiet,
        voice: if opts.voice {
            Voice::find(opts.lang)
        } else {
            None
        },
        journal: opts.journal(),
        data_dir: opts.data_dir.clone(),
        routines_dir: opts.routines_dir.clone(),
    };
    if opts.voice && shell.voice.is_none() {
        app.notice = Some(app.strings.voice_missing.clone());
    }
    shell.refresh(&mut app);

    let mut guard = Guard::enter()?;
    let (tx, rx) = mpsc::channel();
    input::spawn_keys(tx.clone());
    let _watcher = opts
        .routines_dir
        .as_deref()
        .and_then(|dir| input::watch_routines(dir, tx.clone()));
    input::spawn_signals(tx)?;

    if let Some(start) = opts.start {
        let side = start.side.or(app.settings.side).unwrap_or(Side::Left);
        let outs = app.start(start.routine, side, start.variant, shell.clock.now());
        if shell.carry_out(outs, &mut app, &mut guard)? {
            return shell.finish();
        }
    }

    let mut woke = shell.clock.moment();
    loop {
        guard.terminal.draw(|f| view::render(&app, f))?;
        let timeout = shell.clock.timeout(app.next_wake());
        let received = match timeout {
            Some(timeout) => rx.recv_timeout(timeout),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let moment = shell.clock.moment();
        let now = moment.mono;
        let mut outs = Vec::new();
        // Stopped from outside, or the machine slept: whatever woke us, the
        // session pauses as it was when the loop last woke, before a tick
        // could count the time away as exercise.
        if shell.clock.was_away(woke, timeout, moment) {
            outs.extend(app.time_away(woke.mono, now));
        }
        woke = moment;
        match received {
            Ok(Input::Key(key)) => {
                if let Some(action) = action_for(app.ctx(), key) {
                    outs.extend(app.update(action, now));
                }
            }
            Ok(Input::Resize) => guard.terminal.autoresize()?,
            Ok(Input::Line(_)) => {}
            Ok(Input::RoutinesChanged) => outs.push(Out::Reload),
            // Stopped from outside (`kill -STOP`, then `fg`): the shell may
            // have reset the terminal meanwhile. The time away was judged
            // above; a SIGCONT alone does not tell when the stop began.
            Ok(Input::Signal(Sig::Continue)) => guard.resume()?,
            Ok(Input::Signal(Sig::Interrupt)) => {
                outs.extend(app.update(super::keymap::Action::Interrupt, now))
            }
            Ok(Input::Signal(Sig::Terminate | Sig::Hangup)) | Ok(Input::Closed) => {
                outs.extend(app.terminate(now))
            }
            Err(RecvTimeoutError::Timeout) => outs.extend(app.tick(now)),
            Err(RecvTimeoutError::Disconnected) => outs.extend(app.terminate(now)),
        }
        if shell.carry_out(outs, &mut app, &mut guard)? {
            break;
        }
    }
    drop(guard);
    shell.finish()
}

impl Shell {
    /// Carries out `outs`; true when the app should end.
    fn carry_out(&mut self, outs: Vec<Out>, app: &mut App, guard: &mut Guard) -> io::Result<bool> {
        let mut quit = false;
        for out in outs {
            match out {
                Out::Bell if !self.quiet => {
                    let mut stdout = io::stdout();
                    let _ = stdout.write_all(b"\x07").and_then(|_| stdout.flush());
                }
                Out::Bell => {}
                Out::Speak(text) => {
                    if let Some(voice) = &mut self.voice {
                        voice.say(&text);
                    }
                }
                Out::Record(reference, event) => {
                    let ended = matches!(event, Event::SessionEnded { .. });
                    match self.journal.record(reference, event) {
                        Ok(()) => {}
                        Err(e) => {
                            app.notice = Some(crate::i18n::fill(
                                &app.strings.finish_save_failed,
                                &[("error", &e.to_string())],
                            ))
                        }
                    }
                    if ended {
                        self.refresh(app);
                    }
                }
                Out::SaveSettings => {
                    if let Some(dir) = &self.data_dir
                        && let Err(e) = settings::save(dir, &app.settings)
                    {
                        app.notice = Some(format!("{}: {e}", dir.display()));
                    }
                }
                Out::Reload => {
                    app.reload(load_library(app.lang.code(), self.routines_dir.as_deref()));
                    self.refresh(app);
                }
                Out::Suspend => {
                    // The session pauses as it was when Ctrl-Z was pressed
                    // and counts the time away up to now, read after the
                    // stop: `app.now` is still the moment of the key.
                    let before = app.now;
                    guard.suspend()?;
                    let more = app.time_away(before, self.clock.now());
                    quit |= self.carry_out(more, app, guard)?;
                }
                Out::Quit => quit = true,
            }
        }
        Ok(quit)
    }

    /// Reads the log into the app: counts for home, data for history.
    fn refresh(&self, app: &mut App) {
        let Some(history) = self.journal.history() else {
            return;
        };
        match history.read() {
            Ok(read) => app.set_history(
                summarize(&read.lines),
                read.problems.len(),
                Local::now().date_naive(),
            ),
            Err(e) => app.notice = Some(e.to_string()),
        }
    }

    /// After the terminal is restored: anything the log refused is saved
    /// elsewhere, and the user is told where.
    fn finish(mut self) -> io::Result<()> {
        self.journal.finish()
    }
}
