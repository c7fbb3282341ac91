//! Everything that can wake the loop arrives on one channel: key presses,
//! resizes and signals, each read by a thread of its own.

use std::sync::mpsc::Sender;
use std::thread;

use crossterm::event::{self, Event, KeyEvent, KeyEventKind};

#[derive(Debug)]
pub enum Input {
    Key(KeyEvent),
    Resize,
    Signal(Sig),
    /// A file in the user routines directory changed.
    RoutinesChanged,
    /// A line on standard input when it is not a terminal (`--plain`).
    Line(String),
    /// The terminal or standard input can no longer be read.
    Closed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sig {
    Terminate,
    /// SIGQUIT: ends the program as SIGTERM does, with its own status.
    Quit,
    Hangup,
    Interrupt,
    /// The process was stopped (SIGSTOP, SIGTSTP) and has just continued.
    Continue,
    /// SIGTSTP from outside (`kill -TSTP`, Ctrl-Z outside raw mode): the
    /// terminal is to be given back before the process stops itself with
    /// [`stop_now`].
    Stop,
}

pub fn spawn_keys(tx: Sender<Input>) {
    thread::spawn(move || {
        loop {
            let input = match event::read() {
                // Only presses: release and repeat events would double keys
                // on terminals that report them.
                Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => Input::Key(k),
                Ok(Event::Resize(..)) => Input::Resize,
                Ok(_) => continue,
                Err(_) => Input::Closed,
            };
            let closed = matches!(input, Input::Closed);
            if tx.send(input).is_err() || closed {
                return;
            }
        }
    });
}

/// Lines of standard input, for scripts driving `limber run --plain`.
pub fn spawn_lines(tx: Sender<Input>) {
    thread::spawn(move || {
        for line in std::io::stdin().lines() {
            let Ok(line) = line else { break };
            if tx.send(Input::Line(line)).is_err() {
                return;
            }
        }
        let _ = tx.send(Input::Closed);
    });
}

/// Stops this process for real (SIGSTOP cannot be caught), after the
/// caller gave the terminal back; returns once it is continued.
pub fn stop_now() {
    #[cfg(unix)]
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
}

/// Signals that end the run (TERM, QUIT, HUP, INT) received so far.
static ENDING_SIGNALS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn ending_signals() -> u64 {
    ENDING_SIGNALS.load(std::sync::atomic::Ordering::SeqCst)
}

/// SIGTERM, SIGQUIT, SIGHUP, SIGINT, SIGTSTP and SIGCONT become inputs, so
/// the loop can save the session and restore the terminal before leaving
/// or stopping. SIGQUIT ends the program as SIGTERM does (no core dump:
/// the session is saved and the terminal restored instead).
pub fn spawn_signals(tx: Sender<Input>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGQUIT, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
    // A log statement running when one arrives is ended at once, so the
    // loop gets to the signal (see `interrupt_on_signals`).
    crate::store::history::interrupt_on_signals(ending_signals);
    thread::spawn(move || {
        for signal in signals.forever() {
            if [SIGTERM, SIGQUIT, SIGHUP, SIGINT].contains(&signal) {
                ENDING_SIGNALS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            let sig = match signal {
                SIGTERM => Sig::Terminate,
                SIGQUIT => Sig::Quit,
                SIGTSTP => Sig::Stop,
                SIGHUP => Sig::Hangup,
                SIGINT => Sig::Interrupt,
                _ => Sig::Continue,
            };
            if tx.send(Input::Signal(sig)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Watches the user routines directory; any change there becomes an input,
/// so edits show up on the home screen without a key press. The watcher
/// stops when the returned value is dropped. `None` when the directory does
/// not exist (`r` still reloads) or cannot be watched.
pub fn watch_routines(
    dir: &std::path::Path,
    tx: Sender<Input>,
) -> Option<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.send(Input::RoutinesChanged);
        }
    })
    .ok()?;
    watcher.watch(dir, RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}
