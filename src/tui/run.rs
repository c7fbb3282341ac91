//! The coach's side of the session shell: it draws, and carries out what
//! `App` asks for (bell, voice, log, settings, a routine's sessions).
//! Waiting, time away and input come from `shell::pump`, as in plain mode.
//! Log events are written right after the frame that shows them, so the
//! finish screen comes at the deadline, not after the last write.

use std::io::{self, Write};
use std::sync::mpsc;

use chrono::{DateTime, TimeZone};

use super::app::App;
use super::screen::Out;
use super::terminal::Guard;
use super::theme::Theme;
use super::view;
use crate::core::progress::Target;
use crate::shell::clock::Clock;
use crate::shell::dues::{Scope, dues};
use crate::shell::exit::Exit;
use crate::shell::input::{self, Input, Sig};
use crate::shell::journal::{Journal, Saved};
use crate::shell::keymap::action_for;
use crate::shell::options::{Options, Start};
use crate::shell::pump::Pump;
use crate::shell::sound::Sound;
use crate::shell::startup::{Startup, startup};
use crate::shell::voice::Voice;
use crate::store::history::History;
use crate::store::routines::{Library, load_library};
use crate::store::settings::{self, Settings};

/// What the coach shows first: the routines with the settings start-up
/// read, as `opts` asks (a preview, its speed, colour or not).
fn prepare(opts: &Options, library: Library, settings: Settings) -> App {
    let mut app = App::new(opts.lang, library, settings, crate::core::clock::Mono::ZERO);
    let shared = &mut app.shared;
    shared.record = opts.record;
    shared.speed = opts.speed;
    shared.theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    app
}

/// Home's figures as of `now`, from the log: the one way they are made,
/// in the coach and in its tests. Without a log home shows none.
pub fn refresh_home<Tz: TimeZone>(app: &mut App, history: Option<&History>, now: &DateTime<Tz>) {
    let today = now.date_naive();
    app.shared.today = today;
    super::screen::checkin::refresh(app, history, now);
    let Some(history) = history else {
        return;
    };
    match dues(Some(history), &app.shared.library, Scope::Library, now) {
        Ok(outlooks) => app.set_dues(&outlooks, today),
        Err(e) => app.shared.notice = Some(e.to_string()),
    }
    let mut doses = std::collections::HashMap::new();
    for l in app.shared.library.routines.iter() {
        match crate::shell::dose::read(Some(history), &l.routine, today) {
            Ok(d) if !d.is_empty() => {
                doses.insert(l.routine.id.clone(), d);
            }
            Ok(_) => {}
            Err(e) => app.shared.notice = Some(e.to_string()),
        }
    }
    app.shared.doses = doses;
}

/// Opens the history screen of routine `id` on its sessions in the log,
/// as [`Out::LoadSessions`] asks: in the coach and in its tests.
pub fn open_history(app: &mut App, history: Option<&History>, id: &str) {
    let sessions = match history.map(|h| (h.sessions(Some(id), None), h.unreadable())) {
        Some((Ok(sessions), 0)) => sessions,
        Some((Ok(sessions), skipped)) => {
            let s = &app.shared.strings;
            app.shared.notice = Some(s.log_unreadable.count(app.shared.lang, skipped as u64));
            sessions
        }
        Some((Err(e), _)) => {
            app.shared.notice = Some(e.to_string());
            Vec::new()
        }
        None => Vec::new(),
    };
    app.show_history(id, &sessions);
}

/// What carries out the effects `App` asks for: the bell, the voice, the
/// log and the settings file.
struct Effects {
    /// Made after the first frame, or at the first cue if that comes
    /// sooner (see [`Effects::sound`]).
    sound: Option<Sound>,
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
    let Startup {
        settings,
        settings_problem,
        journal,
        log_notices,
        voice,
        voice_missing,
    } = startup(&opts, courses.collect());
    let mut app = prepare(&opts, library, settings);
    // One notice line: the last problem found is the one shown.
    app.shared.notice = settings_problem;
    if voice_missing {
        app.shared.notice = Some(app.shared.strings.voice_missing.clone());
    }
    if !log_notices.is_empty() {
        app.shared.notice = Some(log_notices.join(" "));
    }
    let mut effects = Effects {
        sound: None,
        voice,
        journal,
        opts,
    };
    effects.refresh(&mut app);
    super::screen::checkin::open_if_due(&mut app);

    let mut guard = Guard::enter()?;
    let (tx, rx) = mpsc::channel();
    input::spawn_keys(tx.clone());
    let _watcher = effects
        .opts
        .routines_dir
        .as_deref()
        .and_then(|dir| input::watch_routines(dir, tx.clone()));
    input::spawn_signals(tx)?;
    let mut pump = Pump::new(Clock::start(effects.opts.speed), rx);
    app.shared.now = pump.now();

    if let Some(start) = start {
        let outs = app.start(&start, pump.now());
        super::screen::checkin::open_if_due(&mut app);
        if effects.carry_out(outs, &mut app, &mut guard, &pump)? {
            drop(guard);
            effects.write(&mut app);
            let saved = effects.journal.finish();
            return Ok(Ended {
                saved,
                signal: app.exit(),
            });
        }
    }

    loop {
        let mut scroll_max = 0;
        guard.terminal.draw(|f| scroll_max = view::draw(&app, f))?;
        app.fit_scroll(scroll_max);
        // Written once the frame that shows them is up; a failure shows at
        // once, on a frame drawn again.
        if effects.write(&mut app) {
            continue;
        }
        effects.journal.start_check();
        effects.sound();
        let turn = pump.next(app.next_wake());
        let now = turn.now;
        let mut outs = Vec::new();
        if let Some(since) = turn.away_since {
            outs.extend(app.time_away(since, now));
        }
        match turn.input {
            Some(Input::Key(key)) => {
                if let Some(action) = action_for(app.ctx(), key) {
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
            // Ctrl-C, TERM, QUIT, HUP: the session's runner maps them.
            Some(Input::Signal(sig)) => outs.extend(app.signal(sig, now)),
            Some(Input::Closed) => outs.extend(app.input_closed(now)),
            None => outs.extend(app.tick(now)),
        }
        if effects.carry_out(outs, &mut app, &mut guard, &pump)? {
            break;
        }
    }
    drop(guard);
    effects.write(&mut app);
    let saved = effects.journal.finish();
    Ok(Ended {
        saved,
        signal: app.exit(),
    })
}

impl Effects {
    /// How cues are played. Finding the player means looking in every
    /// `PATH` directory and writing the cue files, so the coach does it
    /// once its first frame is up, not before.
    fn sound(&mut self) -> &mut Sound {
        let (mode, events) = (self.opts.sound, self.opts.sounds);
        self.sound
            .get_or_insert_with(|| Sound::from_env(mode).events(events))
    }

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
                    if self.sound().play(cue) {
                        let mut stdout = io::stdout();
                        let _ = stdout.write_all(b"\x07").and_then(|_| stdout.flush());
                    }
                }
                Out::Speak(text) => {
                    if let Some(voice) = &mut self.voice {
                        voice.say(text);
                    }
                }
                Out::SaveSettings => {
                    if let Some(dir) = &self.opts.data_dir
                        && let Err(e) = settings::save(dir, &app.shared.settings)
                    {
                        app.shared.notice = Some(format!("{}: {e}", dir.display()));
                    }
                }
                Out::Reload => {
                    let dir = self.opts.routines_dir.as_deref();
                    let mut library = load_library(app.shared.lang, dir);
                    crate::store::prescription::overlay(
                        &mut library,
                        self.opts.data_dir.as_deref(),
                    );
                    app.reload(library);
                    self.refresh(app);
                }
                Out::LoadSessions(id) => {
                    // Written events first, so the screen shows them.
                    self.write(app);
                    open_history(app, self.journal.history(), &id);
                }
                Out::Suspend => {
                    // The session pauses as it was when Ctrl-Z was pressed
                    // and counts the time away up to now, read after the
                    // stop: `now` is still the moment of the key.
                    let before = app.shared.now;
                    self.write(app);
                    guard.suspend()?;
                    let more = app.time_away(before, pump.now());
                    quit |= self.carry_out(more, app, guard, pump)?;
                }
                Out::Quit => quit = true,
                Out::SaveAnswer(measure) => {
                    let answer = crate::shell::outcomes::answer(
                        measure,
                        crate::shell::clock::local_now().fixed_offset(),
                    );
                    match self.journal.history().map(|h| h.append_answer(&answer)) {
                        Some(Ok(())) => self.refresh(app),
                        Some(Err(e)) => app.shared.notice = Some(e.to_string()),
                        None => {}
                    }
                }
            }
        }
        Ok(quit)
    }

    /// Writes the events of the frame just drawn (the session's runner
    /// holds them until then); true when that put a failure on screen,
    /// so the frame is drawn again.
    fn write(&mut self, app: &mut App) -> bool {
        let before = app.shared.notice.clone();
        // Home and history show what the log now says: the counts after
        // an end, pain and note after feedback.
        if app.save(&mut self.journal) {
            self.refresh(app);
        }
        app.shared.notice != before
    }

    /// Reads home's figures from the log: the kept course walk and the
    /// days since, never every day or session.
    fn refresh(&self, app: &mut App) {
        refresh_home(
            app,
            self.journal.history(),
            &crate::shell::clock::local_now(),
        );
    }
}
