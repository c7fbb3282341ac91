//! The coach as the screen tests build it: the built-in routines, an empty
//! history, a fixed day, nothing read from disk.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::routine::Side;
use limber::store::routines::{Library, builtin};
use limber::store::settings::Settings;
use limber::tui::app::App;
use limber::tui::view::render;

/// The coach in `lang` on 2026-11-23, the safety notice read or not.
pub fn app(lang: Lang, acknowledged: bool) -> App {
    let settings = Settings {
        safety_acknowledged: acknowledged,
        side: Some(Side::Left),
    };
    let library = Library {
        routines: builtin(lang),
        broken: Vec::new(),
    };
    let mut app = App::new(lang, library, settings, Mono::ZERO);
    app.set_history(
        Vec::new(),
        0,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    );
    app
}

/// What `app` draws on a `w`x`h` terminal.
pub fn draw(app: &App, (w, h): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| render(app, f)).unwrap();
    terminal.backend().buffer().clone()
}
