//! The coach's side of the session shell: it draws, and carries out what
//! `App` asks for (bell, voice, log, settings). Waiting, time away and
//! input come from `shell::pump`, as in plain mode.

use std::io::{self, Write};
use std::sync::mpsc;

use super::app::{App, Begin, Out, Screen, Stats};
use super::terminal::Guard;
use super::theme::Theme;
use super::view;
use crate::core::progress::Target;
use crate::core::record::Event;
use crate::core::routine::Side;
use crate::i18n::fill;
use crate::shell::clock::Clock;
use crate::shell::exit::Exit;
use crate::shell::input::{self, Input, Sig};
use crate::shell::journal::{Journal, Saved};
use crate::shell::keymap::{Action, action_for};
use crate::shell::options::{Options, Start};
use crate::shell::pump::Pump;
use crate::shell::sound::Sound;
use crate::shell::voice::Voice;
use crate::store::routines::{Library, load_library};
use crate::store::settings::{self, Settings};

/// What the coach shows first: the routines, settings, counts from the log.
pub fn prepare(opts: &Options, library: Library) -> App {
    let (settings, settings_problem) = match &opts.data_dir {
        Some(dir) => settings::load(dir),
        None => (Settings::default(), None),
    };
    let mut settings = settings;
    if let Some(side) = opts.side {
        settings.side = Some(side);
    }
    let mut app = App::new(opts.lang, library, settings, crate::core::clock::Mono::ZERO);
    app.record = opts.record;
    app.speed = opts.speed;
    app.theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    app.notice = settings_problem.map(|p| {
        fill(
            &app.strings.settings_problem,
            &[("problem", &p.to_string())],
        )
    });
    app
}

struct Shell {
    sound: Sound,
    voice: Option<Voice>,
    journal: Journal,
    opts: Options,
}

/// How a run of the coach ended: where its sessions went, and whether a
/// signal (or Ctrl-C) ended it.
pub struct Ended {
    pub saved: Saved,
    pub signal: Option<Exit>,
}

/// Runs the coach until the user quits; the caller tells where sessions
/// went once the terminal is restored.
pub fn run(opts: Options, library: Library, start: Option<Start>) -> io::Result<Ended> {
    let courses = library.routines.iter().map(|l| Target::from(&l.routine));
    let journal = opts.journal().keeping(courses.collect());
    let mut app = prepare(&opts, library);
    let voice = opts.speaker();
    if opts.voice_missing(&voice) {
        app.notice = Some(app.strings.voice_missing.clone());
    }
    let mut shell = Shell {
        sound: Sound::from_env(opts.sound),
        voice,
        journal,
        opts,
    };
    let notices = shell.journal.notice(shell.opts.lang);
    if !notices.is_empty() {
        app.notice = Some(notices.join(" "));
    }
    shell.refresh(&mut app);

    let mut guard = Guard::enter()?;
    let (tx, rx) = mpsc::channel();
    input::spawn_keys(tx.clone());
    let _watcher = shell
        .opts
        .routines_dir
        .as_deref()
        .and_then(|dir| input::watch_routines(dir, tx.clone()));
    input::spawn_signals(tx)?;
    let mut pump = Pump::new(Clock::start(shell.opts.speed), rx);
    app.now = pump.now();

    if let Some(start) = start {
        let side = start.side.or(app.settings.side).unwrap_or(Side::Left);
        let begin = Begin {
            side,
            variant: start.variant,
            pain: start.pain,
        };
        let outs = app.start(&start.routine, begin, pump.now());
        if shell.carry_out(outs, &mut app, &mut guard, &pump)? {
            drop(guard);
            let saved = shell.journal.finish();
            return Ok(Ended {
                saved,
                signal: None,
            });
        }
    }

    let mut signal = None;
    loop {
        let mut scroll_max = 0;
        guard.terminal.draw(|f| scroll_max = view::draw(&app, f))?;
        app.fit_scroll(scroll_max);
        shell.journal.start_check();
        let turn = pump.next(app.next_wake());
        let now = turn.now;
        let mut outs = Vec::new();
        if let Some(since) = turn.away_since {
            outs.extend(app.time_away(since, now));
        }
        match turn.input {
            Some(Input::Key(key)) => {
                if let Some(action) = action_for(app.ctx(), key) {
                    if action == Action::Interrupt {
                        signal = Exit::for_signal(Sig::Interrupt);
                    }
                    if matches!(action, Action::History) {
                        shell.load_sessions(&mut app);
                    }
                    outs.extend(app.update(action, now));
                }
            }
            Some(Input::Resize) => guard.terminal.autoresize()?,
            Some(Input::Line(_)) => {}
            Some(Input::RoutinesChanged) => outs.push(Out::Reload),
            // Stopped from outside (`kill -STOP`, then `fg`): the shell may
            // have reset the terminal meanwhile. The time away was judged
            // by the pump; a SIGCONT alone does not tell when the stop began.
            Some(Input::Signal(Sig::Continue)) => guard.resume()?,
            // `kill -TSTP`: as Ctrl-Z, the terminal is given back first.
            Some(Input::Signal(Sig::Stop)) => outs.push(Out::Suspend),
            Some(Input::Signal(Sig::Interrupt)) => {
                signal = Exit::for_signal(Sig::Interrupt);
                outs.extend(app.update(Action::Interrupt, now))
            }
            Some(Input::Signal(sig @ (Sig::Terminate | Sig::Quit | Sig::Hangup))) => {
                signal = Exit::for_signal(sig);
                outs.extend(app.terminate(now))
            }
            Some(Input::Closed) => outs.extend(app.terminate(now)),
            None => outs.extend(app.tick(now)),
        }
        if shell.carry_out(outs, &mut app, &mut guard, &pump)? {
            break;
        }
    }
    drop(guard);
    let saved = shell.journal.finish();
    Ok(Ended { saved, signal })
}

impl Shell {
    /// Carries out `outs`; true when the app should end.
    fn carry_out(
        &mut self,
        outs: Vec<Out>,
        app: &mut App,
        guard: &mut Guard,
        pump: &Pump,
    ) -> io::Result<bool> {
        let mut quit = false;
        for out in outs {
            match out {
                Out::Sound(cue) => {
                    if self.sound.play(cue) {
                        let mut stdout = io::stdout();
                        let _ = stdout.write_all(b"\x07").and_then(|_| stdout.flush());
                    }
                }
                Out::Speak(text) => {
                    if let Some(voice) = &mut self.voice {
                        voice.say(&text);
                    }
                }
                Out::Record(reference, event) => {
                    // Home and history show what the log now says: the
                    // counts after an end, pain and note after feedback.
                    let ended =
                        matches!(event, Event::SessionEnded { .. } | Event::Feedback { .. });
                    if let Err(e) = self.journal.record(reference, event) {
                        app.notice = Some(fill(
                            &app.strings.finish_save_failed,
                            &[("error", &e.to_string())],
                        ))
                    }
                    if ended {
                        self.refresh(app);
                    }
                }
                Out::SaveSettings => {
                    if let Some(dir) = &self.opts.data_dir
                        && let Err(e) = settings::save(dir, &app.settings)
                    {
                        app.notice = Some(format!("{}: {e}", dir.display()));
                    }
                }
                Out::Reload => {
                    let dir = self.opts.routines_dir.as_deref();
                    app.reload(load_library(app.lang, dir));
                    self.refresh(app);
                }
                Out::Suspend => {
                    // The session pauses as it was when Ctrl-Z was pressed
                    // and counts the time away up to now, read after the
                    // stop: `app.now` is still the moment of the key.
                    let before = app.now;
                    guard.suspend()?;
                    let more = app.time_away(before, pump.now());
                    quit |= self.carry_out(more, app, guard, pump)?;
                }
                Out::Quit => quit = true,
            }
        }
        Ok(quit)
    }

    /// Reads the counts for home from the log: the kept course walk and
    /// the days since, never every day or session.
    fn refresh(&self, app: &mut App) {
        let now = crate::shell::clock::local_now();
        let today = now.date_naive();
        app.today = today;
        let Some(history) = self.journal.history() else {
            return;
        };
        let mut stats = std::collections::HashMap::new();
        for l in &app.library.routines {
            let p = match history.glance(&Target::from(&l.routine), today) {
                Ok(p) => p,
                Err(e) => {
                    app.notice = Some(e.to_string());
                    return;
                }
            };
            let next_course = p.course.and_then(|c| c.next_start());
            // Yesterday's sessions too: a late one sets the next due time
            // after midnight.
            let since = today.pred_opt();
            let completed = match history.completed_since(&l.routine.id, since) {
                Ok(completed) => completed,
                Err(e) => {
                    app.notice = Some(e.to_string());
                    return;
                }
            };
            let s = Stats {
                today: p.today_done,
                course_done: p.course.map(|c| c.done()),
                next_course,
                next_due: Some(crate::core::due::next_due(
                    &now,
                    &l.routine.schedule,
                    &completed,
                    next_course,
                )),
            };
            stats.insert(l.routine.id.clone(), s);
        }
        app.stats = stats;
    }

    /// Loads the sessions of the routine chosen on home, as the history
    /// screen is about to open.
    fn load_sessions(&self, app: &mut App) {
        let Screen::Home { selected } = app.screen else {
            return;
        };
        let (Some(history), Some(l)) = (self.journal.history(), app.library.routines.get(selected))
        else {
            return;
        };
        match history.sessions(Some(&l.routine.id), None) {
            Ok(sessions) => app.sessions = sessions,
            Err(e) => app.notice = Some(e.to_string()),
        }
    }
}
