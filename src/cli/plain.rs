//! `limber run --plain`: one line per milestone, for screen readers,
//! scripts, and anyone who prefers a scrolling log to a full screen.
//!
//! The session itself is a [`Runner`]'s, as the coach's is; this file
//! prints what happened, and asks the questions before and after.
//!
//! Keys work when standard input is a terminal. Otherwise each input line
//! answers a manual phase ("ready"); at the end of input, manual phases go
//! on by themselves. Pain before, pain after and a note are asked only at a
//! keyboard; a script gives them as `--pain`, `--pain-after` and `--note`.

use std::io::{self, IsTerminal, Write};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::terminal::{disable_raw_mode, enable_raw_mode};

use crate::core::clock::Mono;
use crate::core::plan::{PhaseKind, Plan};
use crate::core::progress::Target;
use crate::core::record::{Event, Outcome, StopReason};
use crate::core::sanitize::visible_lines;
use crate::core::session::{Effect, Session, State};
use crate::i18n::durations::{clock, countdown};
use crate::i18n::{ClinicStrings, Strings, fill};
use crate::shell::clock::Clock;
use crate::shell::dose;
use crate::shell::exit::Exit;
use crate::shell::input::{self, Input, Sig};
use crate::shell::keymap::{Action, Ctx, action_for};
use crate::shell::options::{Options, Start};
use crate::shell::prompt::Question;
use crate::shell::pump::Pump;
use crate::shell::runner::{Happening, NOTE_MAX, Runner, Terms, proposal};
use crate::shell::sound::{Cue, Sound};
use crate::shell::speech::{announce, asked_step, counts, leg};
use crate::shell::startup::{self, Startup};
use crate::store::routines::Loaded;

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

    /// Text typed at a prompt, shown as it comes (raw mode does not echo).
    fn echo(&self, text: &str) {
        let mut out = io::stdout().lock();
        let _ = write!(out, "{}", visible_lines(text));
        let _ = out.flush();
    }

    /// Takes back the last character typed at a prompt.
    fn erase(&self) {
        let mut out = io::stdout().lock();
        let _ = out.write_all(b"\x08 \x08");
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
pub fn run(loaded: &Loaded, start: Start, opts: &Options) -> Result<Exit, crate::cli::Error> {
    let strings = Strings::load(opts.lang);
    let clinic = ClinicStrings::load(opts.lang);
    let routine = &loaded.routine;
    if opts.record && io::stdin().is_terminal() {
        super::checkin::plain_morning(opts.data_dir.as_deref(), opts.lang)?;
    }
    let Startup {
        settings,
        settings_problem,
        mut journal,
        log_notices,
        voice,
        voice_missing,
    } = startup::startup(opts, vec![Target::from(routine)]);
    for notice in log_notices {
        eprintln!("{notice}");
    }
    // A damaged settings file was moved aside: say so, as the coach does.
    if let Some(text) = settings_problem {
        eprintln!("limber: {}", crate::core::sanitize::visible(&text));
    }
    // The side saved last time, as the coach takes it: the log gets the
    // leg the user exercises.
    let side = startup::side(start.side, &settings);
    // The dose a progression rule sets, as the coach's setup shows it.
    let today = crate::shell::clock::local_now().date_naive();
    let doses = dose::read(journal.history(), routine, today).unwrap_or_else(|e| {
        eprintln!("limber: {}", crate::core::sanitize::visible(&e.to_string()));
        Vec::new()
    });
    let (plan, logged) = dose::plan(routine, start.variant.as_deref(), side, &doses)?;
    journal.start_check();
    let interactive = io::stdin().is_terminal();
    let raw = if interactive {
        Some(RawMode::enter()?)
    } else {
        None
    };
    let mut voice = voice;
    if voice_missing {
        eprintln!("limber: {}", strings.voice_missing);
    }
    let printer = Printer {
        raw: interactive,
        bell: io::stdout().is_terminal(),
        sound: std::cell::RefCell::new(Sound::from_env(opts.sound).events(opts.sounds)),
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
    for line in dose::lines(routine, &doses, start.variant.as_deref(), opts.lang) {
        printer.line(&line);
    }
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
    let asked_before = format!(
        "{}: 0-9, t = 10, Enter: {}",
        strings.setup_pain_before, strings.setup_pain_skip
    );
    let pain = match start.pain {
        Some(p) => Some(p),
        None if interactive => match ask_pain(&printer, &asked_before, Ctx::Setup, &mut pump) {
            Ok(p) => p,
            Err(signal) => return Ok(signal),
        },
        None => None,
    };
    // High pain proposes the routine's gentle variant, as the coach's setup
    // screen does; here it can only be chosen on the next start.
    if let Some((at, proposed)) = proposal(routine, start.variant.as_deref(), pain) {
        printer.line(&fill(
            &clinic.plain_propose,
            &[
                ("pain", &at.to_string()),
                ("variant", &proposed.title),
                ("id", &proposed.id),
            ],
        ));
    }
    let shown = Shown {
        printer: &printer,
        strings: &strings,
        clinic: &clinic,
        record: opts.record,
    };
    let terms = Terms {
        dose: logged,
        prescription: loaded.prescription.as_ref().map(|p| p.rx.clone()),
    };
    let (mut runner, happened) =
        Runner::start_under(routine, plan, terms, pain, opts.lang, pump.now());
    let now = pump.now();
    let session_loop = Loop {
        shown: &shown,
        voice: voice.as_mut(),
        journal: &mut journal,
        interactive,
    };
    session_loop.run(&mut runner, happened, now, &mut pump);
    let mut signal = runner.signal_exit();
    // Pain after and a note, as the coach's finish screen asks them: given
    // on the command line, else asked at a keyboard unless the user left
    // (quit, or a signal).
    let asks = interactive && signal.is_none() && runner.outcome() != Some(Outcome::Abandoned);
    let (pain_after, note) = match feedback(&start, asks, &printer, &strings, &mut pump) {
        Ok(given) => given,
        Err((exit, given)) => {
            signal = Some(exit);
            given
        }
    };
    if let Some((before, after)) = runner.pain_rose(pain_after) {
        printer.line(&fill(
            &clinic.finish_pain_rose,
            &[
                ("before", &before.to_string()),
                ("after", &after.to_string()),
            ],
        ));
    }
    runner.feedback(pain_after, note);
    for error in runner.save(&mut journal) {
        eprintln!("limber: {error}");
    }
    drop(raw);
    let saved = journal.finish();
    if let Some(message) = saved.message(opts.lang) {
        eprintln!("{message}");
    }
    // Lost, not even rescued: a script must not take that for success.
    let completed = runner.outcome() == Some(Outcome::Completed);
    Ok(Exit::of_run(completed, saved.is_kept(), signal))
}

/// The loop of one session: print what happened, write it, wait.
struct Loop<'a> {
    shown: &'a Shown<'a>,
    voice: Option<&'a mut crate::shell::voice::Voice>,
    journal: &'a mut crate::shell::journal::Journal,
    interactive: bool,
}

impl Loop<'_> {
    /// Runs `runner` until its session has ended, `happened` first.
    fn run(
        mut self,
        runner: &mut Runner,
        mut happened: Vec<Happening>,
        mut now: Mono,
        pump: &mut Pump,
    ) {
        loop {
            for happening in happened.drain(..) {
                match happening {
                    Happening::Speak(text) => {
                        if let Some(voice) = self.voice.as_deref_mut() {
                            voice.say(text);
                        }
                    }
                    other => self.shown.happening(other, runner, now),
                }
            }
            // Shown first, then written: the finish line does not wait for
            // the last event's transaction.
            for error in runner.save(self.journal) {
                eprintln!("limber: {error}");
            }
            if runner.outcome().is_some() {
                return;
            }
            let turn = pump.next(runner.next_wake(pump.now()));
            now = turn.now;
            if let Some(Input::Signal(Sig::Stop)) = turn.input {
                // Give the terminal back, stop for real, take it again.
                let _ = disable_raw_mode();
                input::stop_now();
                if self.interactive {
                    let _ = enable_raw_mode();
                }
            }
            happened = runner.turn(turn);
        }
    }
}

/// Pain after and a note.
type Feedback = (Option<u8>, Option<String>);

/// Pain after and a note: from the command line, else asked when `asks`.
/// A signal or Ctrl-C ends the asking, with what was given so far.
fn feedback(
    start: &Start,
    asks: bool,
    printer: &Printer,
    strings: &Strings,
    pump: &mut Pump,
) -> Result<Feedback, (Exit, Feedback)> {
    let prompt = format!(
        "{}: 0-9, t = 10, Enter: {}",
        strings.finish_pain_after, strings.setup_pain_skip
    );
    let pain_after = match start.pain_after {
        Some(p) => Some(p),
        None if asks => ask_pain(printer, &prompt, Ctx::Finish, pump)
            .map_err(|exit| (exit, (None, start.note.clone())))?,
        None => None,
    };
    let note = match &start.note {
        Some(note) => Some(note.clone()),
        None if asks => {
            ask_note(printer, strings, pump).map_err(|exit| (exit, (pain_after, None)))?
        }
        None => None,
    };
    Ok((pain_after, note))
}

/// Asks for a pain score, one key: a digit, `t` for 10, Enter to skip.
/// A signal or Ctrl-C here ends the run (before anything was logged, when
/// it is the pain before).
fn ask_pain(
    printer: &Printer,
    prompt: &str,
    ctx: Ctx,
    pump: &mut Pump,
) -> Result<Option<u8>, Exit> {
    printer.line(prompt);
    loop {
        match pump.next(None).input {
            Some(Input::Key(key)) => match action_for(ctx, key) {
                Some(Action::Pain(p)) => return Ok(Some(p)),
                Some(Action::Confirm | Action::Back) => return Ok(None),
                Some(Action::Interrupt) => return Err(Exit::Interrupted),
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

/// Asks for a note, typed in raw mode and echoed as typed: Enter ends it,
/// Esc or Enter alone gives none. As long as the coach's note at most.
fn ask_note(printer: &Printer, s: &Strings, pump: &mut Pump) -> Result<Option<String>, Exit> {
    printer.line(&s.plain_note);
    let mut note = String::new();
    let end = |note: String| {
        printer.line("");
        Some(note).filter(|n| !n.trim().is_empty())
    };
    loop {
        match pump.next(None).input {
            Some(Input::Key(key)) => match action_for(Ctx::FinishNote, key) {
                Some(Action::Char(c)) if note.chars().count() < NOTE_MAX => {
                    note.push(c);
                    printer.echo(&c.to_string());
                }
                Some(Action::Backspace) if !note.is_empty() => {
                    note.pop();
                    printer.erase();
                }
                Some(Action::Confirm) => return Ok(end(note)),
                Some(Action::Back) => return Ok(end(String::new())),
                Some(Action::Interrupt) => return Err(Exit::Interrupted),
                _ => {}
            },
            Some(Input::Signal(sig)) => {
                if let Some(exit) = Exit::for_signal(sig) {
                    return Err(exit);
                }
            }
            Some(Input::Closed) => return Ok(end(note)),
            _ => {}
        }
    }
}

/// y or n (д or н) at the keyboard; a signal or closed input is a no.
fn confirm(pump: &mut Pump) -> io::Result<bool> {
    loop {
        match pump.next(None).input {
            Some(Input::Key(key)) => match action_for(Ctx::ConfirmCourse, key) {
                Some(Action::Yes) => return Ok(true),
                Some(Action::No | Action::Back | Action::Interrupt) => return Ok(false),
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
fn ask(s: &Strings, q: Question, record: bool, plan: &Plan) -> String {
    match q {
        Question::Stop { .. } => format!("{} {} · {}", s.stop_title, s.stop_pain, s.stop_other),
        Question::Quit if record => s.quit_confirm.clone(),
        Question::Quit => s.quit_preview.clone(),
        Question::StepPain { entry, keep } => {
            let enter = match keep {
                Some(pain) => fill(&s.step_pain_keep, &[("pain", &pain.to_string())]),
                None => s.step_pain_none.clone(),
            };
            format!(
                "{}: {} · 0-9, t = 10 · {enter} · Esc: {} · b: {} · s: {}",
                s.step_pain_title,
                asked_step(s, plan, entry),
                s.key_step_pain_skip,
                s.key_step_pain_redo,
                s.key_stop
            )
        }
    }
}

/// What plain mode prints for the runner's happenings.
struct Shown<'a> {
    printer: &'a Printer,
    strings: &'a Strings,
    clinic: &'a ClinicStrings,
    /// False for a preview: a question never says the session is saved.
    record: bool,
}

impl Shown<'_> {
    fn happening(&self, happening: Happening, runner: &Runner, now: Mono) {
        match happening {
            Happening::Sound(cue) => self.printer.cue(Some(cue)),
            Happening::Asked(q) => {
                let plan = runner.session().plan();
                self.printer.line(&ask(self.strings, q, self.record, plan));
            }
            Happening::TooMuchPain(pain) => {
                let pain = pain.to_string();
                let high = fill(&self.clinic.step_pain_high, &[("pain", &pain)]);
                self.printer.line(&format!("! {high}"));
                // Before a manual step nothing is paused: Enter goes on.
                if matches!(runner.session().state(), State::Paused { .. }) {
                    let s = self.strings;
                    self.printer
                        .line(&format!("‖ {} · {}", s.paused, s.paused_hint));
                }
            }
            Happening::Effect(effect) => self.effect(effect, runner.session(), now),
            // The resume says it; the finish line said the end.
            Happening::Dismissed | Happening::Ended(_) | Happening::Speak(_) => {}
        }
    }

    fn effect(&self, effect: Effect, session: &Session, now: Mono) {
        let (printer, s) = (self.printer, self.strings);
        let plan = session.plan();
        match effect {
            Effect::PhaseStarted { index } => {
                let Some(phase) = plan.phase(index) else {
                    return;
                };
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
                // What this step alone needs (a helper, a couch), before it
                // starts, as the coach's get-ready shows it.
                let step = &plan.steps()[phase.step];
                if phase.kind == PhaseKind::GetReady && !step.equipment.is_empty() {
                    let items: Vec<_> = step.equipment.iter().map(|e| s.equipment(e)).collect();
                    printer.line(&format!(
                        "  {}",
                        fill(
                            &self.clinic.get_ready_needs,
                            &[("items", &items.join(", "))]
                        )
                    ));
                }
            }
            Effect::Countdown { secs } => printer.line(&format!("  {secs}")),
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
            // A hold "as long as possible": say how long it lasted.
            Effect::Record(Event::StepDone {
                held_ms: Some(ms), ..
            }) => {
                let time = clock(Duration::from_millis(ms).as_secs());
                printer.line(&format!("  {}", fill(&s.held_time, &[("time", &time)])));
            }
            // The question that follows says it.
            Effect::AskPain { .. }
            | Effect::Halfway
            | Effect::SwitchSide { .. }
            | Effect::Record(_) => {}
        }
    }
}
