//! `limber run --plain`: one line per milestone, for screen readers,
//! scripts, and anyone who prefers a scrolling log to a full screen.
//!
//! Keys work when standard input is a terminal. Otherwise each input line
//! answers a manual phase ("ready"); at the end of input, manual phases go
//! on by themselves.

use std::io::{self, IsTerminal, Write};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::terminal::{disable_raw_mode, enable_raw_mode};

use crate::core::clock::Mono;
use crate::core::plan::{PhaseKind, expand};
use crate::core::record::{Event, Outcome, RoutineRef, StopReason};
use crate::core::routine::Side;
use crate::core::sanitize::visible_lines;
use crate::core::session::{Command, Effect, Meta, Session, State};
use crate::i18n::durations::{clock, countdown};
use crate::i18n::{Strings, fill};
use crate::shell::clock::Clock;
use crate::shell::exit::Exit;
use crate::shell::input::{self, Input, Sig};
use crate::shell::keymap::{Ctx, action_for};
use crate::shell::options::{Options, Start};
use crate::shell::prompt::{self, Answer, Question, SessionKey};
use crate::shell::pump::Pump;
use crate::shell::sound::{Cue, Sound, countdown_cue, phase_cue};
use crate::shell::speech::{announce, counts, leg};
use crate::store::routines::Loaded;
use crate::store::settings;

/// Raw mode for single keys, undone however we leave.
struct RawMode;

impl RawMode {
    fn enter() -> io::Result<RawMode> {
        enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = disable_raw_mode();
    }
}

struct Printer {
    raw: bool,
    /// The bell may ring: standard output is a terminal.
    bell: bool,
    sound: std::cell::RefCell<Sound>,
}

impl Printer {
    fn line(&self, text: &str) {
        let mut out = io::stdout().lock();
        // Raw mode does not turn "\n" into a new line at column 0.
        let end = if self.raw { "\r\n" } else { "\n" };
        // Routine text comes from a file: its escapes are shown, not obeyed.
        let _ = write!(out, "{}{end}", visible_lines(text));
        let _ = out.flush();
    }

    /// Sounds `cue`, with the bell when there is no player.
    fn cue(&self, cue: Option<Cue>) {
        let Some(cue) = cue else { return };
        if self.sound.borrow_mut().play(cue) && self.bell {
            let _ = io::stdout().write_all(b"\x07");
        }
    }
}

/// Runs the session: done when it was completed and saved (to the log, or
/// to a rescue file when the log refused it), failed otherwise.
pub fn run(loaded: &Loaded, start: Start, opts: &Options) -> io::Result<Exit> {
    let strings = Strings::load(opts.lang);
    let routine = &loaded.routine;
    let side = start.side.unwrap_or(Side::Left);
    let plan = expand(routine, start.variant.as_deref(), side).map_err(io::Error::other)?;
    let reference = RoutineRef::of(routine);
    let mut journal = opts
        .journal()
        .keeping(vec![crate::core::progress::Target::from(routine)]);
    for notice in journal.notice(opts.lang) {
        eprintln!("{notice}");
    }
    // A damaged settings file was moved aside: say so, as the coach does.
    let (settings, problem) = match opts.data_dir.as_deref() {
        Some(dir) => settings::load(dir),
        None => (settings::Settings::default(), None),
    };
    if let Some(p) = problem {
        let text = fill(&strings.settings_problem, &[("problem", &p.to_string())]);
        eprintln!("limber: {}", crate::core::sanitize::visible(&text));
    }
    journal.start_check();
    let interactive = io::stdin().is_terminal();
    let _raw = if interactive {
        Some(RawMode::enter()?)
    } else {
        None
    };
    let mut voice = opts.speaker();
    if opts.voice_missing(&voice) {
        eprintln!("limber: {}", strings.voice_missing);
    }
    let printer = Printer {
        raw: interactive,
        bell: io::stdout().is_terminal(),
        sound: std::cell::RefCell::new(Sound::from_env(opts.sound)),
    };

    let (tx, rx) = mpsc::channel();
    if interactive {
        input::spawn_keys(tx.clone());
    } else {
        input::spawn_lines(tx.clone());
    }
    input::spawn_signals(tx)?;
    let mut pump = Pump::new(Clock::start(opts.speed), rx);

    // Scripts cannot confirm the notice, but a first run still shows it.
    if !settings.safety_acknowledged {
        printer.line(&strings.safety_title);
        for line in &strings.safety_lines {
            printer.line(&format!("• {line}"));
        }
    }
    printer.line(&format!(
        "{} ({})",
        routine.title,
        clock(plan.total().as_secs())
    ));
    // In the pause after a course a session counts toward no course: say
    // so, and at a keyboard ask first.
    if let Some(date) = journal.course_pause(routine, crate::shell::clock::local_now().date_naive())
    {
        let date = crate::i18n::Formats::load(opts.lang).date(date);
        printer.line(&fill(&strings.course_pause_confirm, &[("date", &date)]));
        if interactive && !confirm(&mut pump)? {
            return Ok(Exit::Failed);
        }
    }
    // Pain before the session, for the trend: `--pain`, else one key when
    // someone is at the keyboard; a script that gives none logs none.
    let pain = match start.pain {
        Some(p) => Some(p),
        None if interactive => match ask_pain(&printer, &strings, &mut pump) {
            Ok(p) => p,
            Err(signal) => return Ok(signal),
        },
        None => None,
    };
    let meta = Meta::for_plan(&plan, pain);
    let mut session = Session::new(plan, meta);
    let mut input_open = true;
    let mut signal = None;
    let mut question: Option<Question> = None;
    // The question paused a running session; dismissing it resumes it.
    let mut held = false;
    let mut effects = session.update(Command::Start, pump.now());
    loop {
        for effect in effects.drain(..) {
            match effect {
                Effect::Record(event) => {
                    // A hold "as long as possible": say how long it lasted.
                    if let Event::StepDone {
                        held_ms: Some(ms), ..
                    } = &event
                    {
                        let time = clock(Duration::from_millis(*ms).as_secs());
                        printer.line(&format!(
                            "  {}",
                            fill(&strings.held_time, &[("time", &time)])
                        ));
                    }
                    if let Err(e) = journal.record(reference.clone(), event) {
                        eprintln!("limber: {e}");
                    }
                }
                Effect::PhaseStarted { index } => {
                    if let Some(voice) = &mut voice {
                        voice.say(&announce(&strings, session.plan(), index));
                    }
                    say(&printer, &strings, &session, effect, pump.now());
                }
                other => say(&printer, &strings, &session, other, pump.now()),
            }
        }
        if session.state().outcome().is_some() {
            break;
        }
        // Without more input, nobody can answer a manual phase, nor end a
        // pause the time away started: go on, as a script expects.
        if !input_open {
            let go_on = match session.state() {
                State::Waiting { .. } => Some(Command::Ready),
                State::Paused { .. } => Some(Command::Resume),
                _ => None,
            };
            if let Some(command) = go_on {
                effects = session.update(command, pump.now());
                continue;
            }
        }
        let turn = pump.next(session.next_wake(pump.now()));
        let now = turn.now;
        if let Some(since) = turn.away_since {
            effects = session.update(Command::TimeAway { since }, now);
        }
        let command = match turn.input {
            None => Some(Command::Tick),
            // A line answers a manual step, or ends a pause.
            Some(Input::Line(_)) if matches!(session.state(), State::Paused { .. }) => {
                Some(Command::Resume)
            }
            Some(Input::Line(_)) => Some(Command::Ready),
            Some(Input::Closed) => {
                input_open = false;
                None
            }
            Some(Input::Signal(Sig::Interrupt)) => {
                signal = Exit::for_signal(Sig::Interrupt);
                Some(Command::Stop(StopReason::Other))
            }
            Some(Input::Signal(sig @ (Sig::Terminate | Sig::Quit | Sig::Hangup))) => {
                signal = Exit::for_signal(sig);
                Some(Command::Abandon)
            }
            Some(Input::Signal(Sig::Stop)) => {
                // Give the terminal back, stop for real, take it again.
                let _ = disable_raw_mode();
                input::stop_now();
                if interactive {
                    let _ = enable_raw_mode();
                }
                None
            }
            Some(Input::Signal(Sig::Continue) | Input::Resize | Input::RoutinesChanged) => None,
            Some(Input::Key(key)) => {
                let ctx = question.map_or(Ctx::Session, Question::ctx);
                let action = action_for(ctx, key);
                match (question, action) {
                    (_, Some(crate::shell::keymap::Action::Interrupt)) => {
                        signal = Exit::for_signal(Sig::Interrupt);
                        Some(Command::Stop(StopReason::Other))
                    }
                    (_, None) => None,
                    (None, Some(action)) => match prompt::session_key(action) {
                        Some(SessionKey::Command(c)) => Some(c),
                        Some(SessionKey::Ask(q)) => {
                            printer.line(&ask(&strings, q, opts.record));
                            question = Some(q);
                            let (h, paused) = prompt::hold(&mut session, now);
                            held = h;
                            effects.extend(paused);
                            None
                        }
                        None => None,
                    },
                    (Some(q), Some(action)) => {
                        let answer = q.answer(action);
                        question = match answer {
                            Answer::Asking(q) => Some(q),
                            _ => None,
                        };
                        match answer {
                            Answer::Stop(reason) => Some(Command::Stop(reason)),
                            Answer::Quit => Some(Command::Abandon),
                            Answer::Dismissed => {
                                effects.extend(prompt::resume_after(&mut session, held, now));
                                None
                            }
                            Answer::Asking(_) => None,
                        }
                    }
                }
            }
        };
        if let Some(command) = command {
            effects.extend(session.update(command, now));
        }
    }
    drop(_raw);
    let saved = journal.finish();
    if let Some(message) = saved.message(opts.lang) {
        eprintln!("{message}");
    }
    // Lost, not even rescued: a script must not take that for success.
    let completed = session.state().outcome() == Some(Outcome::Completed);
    Ok(Exit::of_run(completed, saved.is_kept(), signal))
}

/// Asks for the pain now, one key: a digit, `t` for 10, Enter to skip.
/// A signal or Ctrl-C here ends the run before anything was logged.
fn ask_pain(printer: &Printer, s: &Strings, pump: &mut Pump) -> Result<Option<u8>, Exit> {
    printer.line(&format!(
        "{}: 0-9, t = 10, Enter: {}",
        s.setup_pain_before, s.setup_pain_skip
    ));
    loop {
        match pump.next(None).input {
            Some(Input::Key(key)) => match action_for(Ctx::Setup, key) {
                Some(crate::shell::keymap::Action::Pain(p)) => return Ok(Some(p)),
                Some(
                    crate::shell::keymap::Action::Confirm | crate::shell::keymap::Action::Back,
                ) => {
                    return Ok(None);
                }
                Some(crate::shell::keymap::Action::Interrupt) => return Err(Exit::Interrupted),
                _ => {}
            },
            Some(Input::Signal(sig)) => {
                if let Some(exit) = Exit::for_signal(sig) {
                    return Err(exit);
                }
            }
            Some(Input::Closed) => return Ok(None),
            _ => {}
        }
    }
}

/// y or n (д or н) at the keyboard; a signal or closed input is a no.
fn confirm(pump: &mut Pump) -> io::Result<bool> {
    loop {
        match pump.next(None).input {
            Some(Input::Key(key)) => match action_for(Ctx::ConfirmCourse, key) {
                Some(crate::shell::keymap::Action::Yes) => return Ok(true),
                Some(
                    crate::shell::keymap::Action::No
                    | crate::shell::keymap::Action::Back
                    | crate::shell::keymap::Action::Interrupt,
                ) => return Ok(false),
                _ => {}
            },
            Some(
                Input::Signal(Sig::Interrupt | Sig::Terminate | Sig::Quit | Sig::Hangup)
                | Input::Closed,
            ) => {
                return Ok(false);
            }
            _ => {}
        }
    }
}

/// A question as one printed line; a preview (`record` false) is never
/// said to be saved.
fn ask(s: &Strings, q: Question, record: bool) -> String {
    match q {
        Question::Stop { .. } => format!("{} {} · {}", s.stop_title, s.stop_pain, s.stop_other),
        Question::Quit if record => s.quit_confirm.clone(),
        Question::Quit => s.quit_preview.clone(),
    }
}

fn say(printer: &Printer, s: &Strings, session: &Session, effect: Effect, now: Mono) {
    let plan = session.plan();
    match effect {
        Effect::PhaseStarted { index } => {
            let Some(phase) = plan.phase(index) else {
                return;
            };
            printer.cue(phase_cue(phase));
            let mut parts = vec![announce(s, plan, index)];
            parts.extend(counts(s, phase));
            if let (
                Some(side),
                PhaseKind::Beat { .. } | PhaseKind::Hold | PhaseKind::HoldOn | PhaseKind::Work,
            ) = (phase.side, &phase.kind)
            {
                parts.push(leg(s, side).to_string());
            }
            match (&phase.kind, phase.duration) {
                // The count-up of a hold "as long as possible": a line lets go.
                (PhaseKind::HoldOn, Some(_)) => {
                    let ceiling = session.holding(now).unwrap_or_default()
                        + session.remaining(now).unwrap_or_default();
                    parts.push(s.hold_on_hint.clone());
                    parts.push(fill(&s.hold_up_to, &[("time", &clock(ceiling.as_secs()))]));
                }
                (_, Some(d)) => parts.push(countdown(d)),
                (_, None) => parts.push(s.press_enter_ready.clone()),
            }
            printer.line(&format!("» {}", parts.join(" · ")));
        }
        Effect::Countdown { secs } => {
            printer.cue(session.current().and_then(|(_, p)| countdown_cue(p)));
            printer.line(&format!("  {secs}"));
        }
        Effect::StepCompleted { step } => {
            printer.line(&format!("✓ {}", plan.steps()[step].title));
        }
        Effect::StepSkipped { step } => {
            printer.line(&format!(
                "– {} ({})",
                plan.steps()[step].title,
                s.finish_skipped
            ));
        }
        Effect::Paused => printer.line(&format!("‖ {}", s.paused)),
        Effect::Resumed => printer.line("▶"),
        Effect::TimeAway { gap } => {
            printer.line(&fill(&s.time_away, &[("time", &clock(gap.as_secs()))]));
        }
        Effect::Finished => {
            printer.cue(Some(Cue::End));
            let skipped = session.state().outcome() == Some(Outcome::CompletedWithSkips);
            let title = if skipped {
                &s.finish_with_skips
            } else {
                &s.finish_title
            };
            printer.line(&format!(
                "{title} · {} {}",
                s.finish_active,
                clock(session.active(now).as_secs())
            ));
            if skipped {
                printer.line(&s.finish_skips_rule);
            }
        }
        Effect::Stopped(reason) => {
            let why = match reason {
                StopReason::Pain => &s.reason_pain,
                StopReason::Other => &s.reason_other,
            };
            printer.line(&format!("{} ({why})", s.finish_stopped));
        }
        Effect::Abandoned => printer.line(&s.finish_stopped),
        Effect::Halfway | Effect::SwitchSide { .. } | Effect::Record(_) => {}
    }
}
