//! `limber run --plain`: one line per milestone, for screen readers,
//! scripts, and anyone who prefers a scrolling log to a full screen.
//!
//! Keys work when standard input is a terminal. Otherwise each input line
//! answers a manual phase ("ready"); at the end of input, manual phases go
//! on by themselves.

use std::io::{self, IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError};

use crossterm::terminal::{disable_raw_mode, enable_raw_mode};

use crate::core::clock::Mono;
use crate::core::plan::{PhaseKind, expand};
use crate::core::record::{Outcome, StopReason};
use crate::core::routine::Side;
use crate::core::session::{Command, Effect, Meta, Session, State};
use crate::i18n::{Strings, fill};
use crate::store::routines::{Loaded, routine_ref};
use crate::store::settings;
use crate::tui::clock::Clock;
use crate::tui::format::{clock, countdown};
use crate::tui::input::{self, Input, Sig};
use crate::tui::keymap::{Action, Ctx, action_for};
use crate::tui::run::{Options, Start};
use crate::tui::speech::{announce, leg};
use crate::tui::voice::Voice;

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
    bell: bool,
}

impl Printer {
    fn line(&self, text: &str) {
        let mut out = io::stdout().lock();
        // Raw mode does not turn "\n" into a new line at column 0.
        let end = if self.raw { "\r\n" } else { "\n" };
        let _ = write!(out, "{text}{end}");
        let _ = out.flush();
    }

    fn bell(&self) {
        if self.bell {
            let _ = io::stdout().write_all(b"\x07");
        }
    }
}

/// A question waiting for one key.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prompt {
    None,
    StopReason,
    Quit,
}

/// Runs the session; the exit code is 0 when it was completed and saved (to
/// the log, or to a rescue file when the log refused it), 1 otherwise.
pub fn run(loaded: &Loaded, start: Start, opts: &Options) -> io::Result<u8> {
    let strings = Strings::load(opts.lang);
    let routine = &loaded.routine;
    let side = start.side.unwrap_or(Side::Left);
    let plan = expand(routine, start.variant.as_deref(), side).map_err(io::Error::other)?;
    let reference = routine_ref(routine);
    let mut journal = opts.journal();
    let interactive = io::stdin().is_terminal();
    let _raw = if interactive {
        Some(RawMode::enter()?)
    } else {
        None
    };
    let mut voice = if opts.voice {
        Voice::find(opts.lang)
    } else {
        None
    };
    if opts.voice && voice.is_none() {
        eprintln!("limber: {}", strings.voice_missing);
    }
    let printer = Printer {
        raw: interactive,
        bell: !opts.quiet && io::stdout().is_terminal(),
    };

    let (tx, rx) = mpsc::channel();
    if interactive {
        input::spawn_keys(tx.clone());
    } else {
        input::spawn_lines(tx.clone());
    }
    input::spawn_signals(tx)?;

    let timer = Clock::start(opts.speed);
    let mono = || timer.now();
    // Scripts cannot confirm the notice, but a first run still shows it.
    let acknowledged = opts
        .data_dir
        .as_deref()
        .is_some_and(|dir| settings::load(dir).0.safety_acknowledged);
    if !acknowledged {
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
    let meta = Meta::for_plan(&plan, None);
    let mut session = Session::new(plan, meta);
    let mut input_open = true;
    let mut prompt = Prompt::None;
    let mut woke = timer.moment();
    let mut effects = session.update(Command::Start, woke.mono);
    loop {
        for effect in effects.drain(..) {
            match effect {
                Effect::Record(event) => {
                    if let Err(e) = journal.record(reference.clone(), event) {
                        eprintln!("limber: {e}");
                    }
                }
                Effect::PhaseStarted { index } => {
                    if let Some(voice) = &mut voice {
                        voice.say(&announce(&strings, session.plan(), index));
                    }
                    say(
                        &printer,
                        &strings,
                        &session,
                        Effect::PhaseStarted { index },
                        mono(),
                    );
                }
                other => say(&printer, &strings, &session, other, mono()),
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
                effects = session.update(command, mono());
                continue;
            }
        }
        let timeout = timer.timeout(session.next_wake(mono()));
        let received = match timeout {
            Some(timeout) => rx.recv_timeout(timeout),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let moment = timer.moment();
        let now = moment.mono;
        // Stopped, or the machine slept: pause as of when the loop last
        // woke, before a tick counts the time away as exercise (tui::run).
        if timer.was_away(woke, timeout, moment) {
            effects = session.update(Command::TimeAway { since: woke.mono }, now);
        }
        woke = moment;
        let command = match received {
            Err(RecvTimeoutError::Timeout) => Some(Command::Tick),
            // A line answers a manual step, or ends a pause.
            Ok(Input::Line(_)) if matches!(session.state(), State::Paused { .. }) => {
                Some(Command::Resume)
            }
            Ok(Input::Line(_)) => Some(Command::Ready),
            Ok(Input::Closed) | Err(RecvTimeoutError::Disconnected) => {
                input_open = false;
                None
            }
            Ok(Input::Signal(Sig::Interrupt)) => Some(Command::Stop(StopReason::Other)),
            Ok(Input::Signal(Sig::Terminate | Sig::Hangup)) => Some(Command::Abandon),
            Ok(Input::Signal(Sig::Continue) | Input::Resize | Input::RoutinesChanged) => None,
            Ok(Input::Key(key)) => {
                let ctx = match prompt {
                    Prompt::None => Ctx::Session,
                    Prompt::StopReason => Ctx::StopReason,
                    Prompt::Quit => Ctx::ConfirmQuit,
                };
                let action = action_for(ctx, key);
                let (command, next) = key_command(prompt, action, &printer, &strings);
                prompt = next;
                command
            }
        };
        if let Some(command) = command {
            effects.extend(session.update(command, now));
        }
    }
    drop(_raw);
    // Lost, not even rescued: a script must not take that for success.
    let saved = journal
        .finish()
        .map_err(|e| eprintln!("limber: {e}"))
        .is_ok();
    Ok(match session.state().outcome() {
        Some(Outcome::Completed) if saved => 0,
        _ => 1,
    })
}

/// What a key means, given the question on screen; and the next question.
fn key_command(
    prompt: Prompt,
    action: Option<Action>,
    printer: &Printer,
    s: &Strings,
) -> (Option<Command>, Prompt) {
    match (prompt, action) {
        (_, Some(Action::Interrupt)) => (Some(Command::Stop(StopReason::Other)), Prompt::None),
        (Prompt::None, Some(Action::TogglePause)) => (Some(Command::TogglePause), Prompt::None),
        (Prompt::None, Some(Action::Next)) => (Some(Command::Next), Prompt::None),
        (Prompt::None, Some(Action::Prev)) => (Some(Command::Back), Prompt::None),
        (Prompt::None, Some(Action::Confirm)) => (Some(Command::Ready), Prompt::None),
        (Prompt::None, Some(Action::Stop)) => {
            printer.line(&format!(
                "{} {} · {}",
                s.stop_title, s.stop_pain, s.stop_other
            ));
            (None, Prompt::StopReason)
        }
        (Prompt::None, Some(Action::Quit)) => {
            printer.line(&s.quit_confirm);
            (None, Prompt::Quit)
        }
        (Prompt::StopReason, Some(Action::StopPain)) => {
            (Some(Command::Stop(StopReason::Pain)), Prompt::None)
        }
        (Prompt::StopReason, Some(Action::StopOther)) => {
            (Some(Command::Stop(StopReason::Other)), Prompt::None)
        }
        (Prompt::Quit, Some(Action::Yes)) => (Some(Command::Abandon), Prompt::None),
        (Prompt::StopReason | Prompt::Quit, Some(Action::Back | Action::No)) => {
            (None, Prompt::None)
        }
        (p, _) => (None, p),
    }
}

fn say(printer: &Printer, s: &Strings, session: &Session, effect: Effect, now: Mono) {
    let plan = session.plan();
    match effect {
        Effect::PhaseStarted { index } => {
            printer.bell();
            let Some(phase) = plan.phase(index) else {
                return;
            };
            let mut parts = vec![announce(s, plan, index)];
            if let Some(rep) = phase.rep {
                parts.push(fill(
                    &s.rep_of,
                    &[("n", &rep.n.to_string()), ("of", &rep.of.to_string())],
                ));
            }
            if let Some(set) = phase.set.filter(|c| c.of > 1) {
                parts.push(fill(
                    &s.set_of,
                    &[("n", &set.n.to_string()), ("of", &set.of.to_string())],
                ));
            }
            if let (Some(side), PhaseKind::Beat { .. } | PhaseKind::Hold | PhaseKind::Work) =
                (phase.side, &phase.kind)
            {
                parts.push(leg(s, side).to_string());
            }
            match phase.duration {
                Some(d) => parts.push(countdown(d)),
                None => parts.push(s.press_enter_ready.clone()),
            }
            printer.line(&format!("» {}", parts.join(" · ")));
        }
        Effect::Countdown { secs } => {
            printer.bell();
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
        Effect::Finished => printer.line(&format!(
            "{} · {} {}",
            s.finish_title,
            s.finish_active,
            clock(session.active(now).as_secs())
        )),
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
