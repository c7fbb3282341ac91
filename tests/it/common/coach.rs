//! The coach as the screen tests build it: the built-in routines, a log in
//! a temporary directory, a fixed day, home's figures made as the coach
//! makes them.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::record::LogLine;
use limber::core::routine::Side;
use limber::store::history::History;
use limber::store::routines::{Library, builtin};
use limber::store::settings::Settings;
use limber::tui::app::App;
use limber::tui::run::{open_history, refresh_home};
use limber::tui::screen::Out;
use limber::tui::view;

/// The day every screen test is set on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Mid-afternoon of [`today`] in UTC+1, so home says when each routine is
/// next due.
pub fn afternoon() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .from_local_datetime(&today().and_hms_opt(15, 0, 0).unwrap())
        .unwrap()
}

/// The coach in `lang` on [`today`] with an empty log, the safety notice
/// read or not.
pub fn app(lang: Lang, acknowledged: bool) -> App {
    let library = Library {
        routines: builtin(lang),
        broken: Vec::new(),
    };
    with_log(coach(lang, library, acknowledged), &[], &afternoon())
}

/// The coach in `lang` on `library`, the left side saved, before it has
/// read any log.
pub fn coach(lang: Lang, library: Library, acknowledged: bool) -> App {
    let settings = Settings {
        safety_acknowledged: acknowledged,
        side: Some(Side::Left),
    };
    App::new(lang, library, settings, Mono::ZERO)
}

/// A real log in a temporary directory, gone when dropped.
pub struct Log {
    _dir: tempfile::TempDir,
    pub history: History,
}

impl Log {
    pub fn of(lines: &[LogLine]) -> Log {
        let dir = tempfile::tempdir().expect("temp dir");
        let history = History::open(dir.path()).expect("log opens").history;
        history.import(lines).expect("lines import");
        Log { _dir: dir, history }
    }
}

/// `app` with `lines` in a real log, home's figures read from it as of
/// `now` by the coach's own function.
pub fn with_log(mut app: App, lines: &[LogLine], now: &DateTime<FixedOffset>) -> App {
    refresh_home(&mut app, Some(&Log::of(lines).history), now);
    app
}

/// Carries out what `outs` ask of the log, as the coach's shell does: the
/// sessions a history screen opens on, read from a log of `lines`.
pub fn serve(app: &mut App, outs: Vec<Out>, lines: &[LogLine]) {
    for out in outs {
        if let Out::LoadSessions(id) = out {
            open_history(app, Some(&Log::of(lines).history), &id);
        }
    }
}

/// What `app` draws on a `w`x`h` terminal.
pub fn draw(app: &App, (w, h): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| _ = view::draw(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// Answers a pain question (after a step with `ask_pain`) with Enter, at
/// once: no change, or no answer without a score to keep. For tests of
/// the built-in stretch that are about something else.
pub fn answer_pain(app: &mut App, now: Mono) {
    if app.ctx() == limber::shell::keymap::Ctx::StepPain {
        app.update(limber::shell::keymap::Action::Confirm, now);
    }
}

/// Ticks `app` from `from` to `to`, a tenth of a second at a time,
/// answering each pain question at once, so the session keeps the times
/// it would have without them.
pub fn tick_answering(app: &mut App, from: Mono, to: Mono) {
    let mut t = from;
    while t < to {
        t = Mono(t.0 + std::time::Duration::from_millis(100)).min(to);
        app.tick(t);
        answer_pain(app, t);
    }
}
