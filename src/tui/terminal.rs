//! Taking the terminal over and always giving it back: on return, error,
//! panic, and around a Ctrl-Z suspend.

use std::io::{self, Stdout, stdout};

use crossterm::cursor::Show;
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode and the alternate screen while alive; restored on drop, which
/// also runs while a panic unwinds.
pub struct Guard {
    pub terminal: Term,
}

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        install_panic_hook();
        take_over()?;
        let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(Guard { terminal })
    }

    /// Gives the terminal back, stops this process (as Ctrl-Z does in any
    /// program), and takes it over again with a full repaint on return.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        // SIGSTOP, not SIGTSTP: limber catches SIGTSTP (to restore the
        // terminal on `kill -TSTP`), so raising it would not stop.
        crate::shell::input::stop_now();
        self.resume()
    }

    /// Takes the terminal over again after this process was stopped, with
    /// a full repaint: a shell resets the terminal's modes when a job stops.
    pub fn resume(&mut self) -> io::Result<()> {
        // crossterm skips enabling raw mode it believes is on already.
        let _ = disable_raw_mode();
        take_over()?;
        // Not `Terminal::clear`: it asks the terminal where the cursor is,
        // and the reply never reaches it while the key thread holds
        // crossterm's reader, so it failed after 2 s and ended the program.
        // A resize to the current size clears and repaints without asking.
        let size = self.terminal.size()?;
        self.terminal
            .resize(Rect::new(0, 0, size.width, size.height))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn take_over() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)
}

/// Best effort: each step is tried even if an earlier one fails, because a
/// half-restored terminal is worse than an error message.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
