//! Home names the physiotherapist who prescribed the routines in force
//! (issue 26), in one line above them, in each language.

use limber::core::lang::Lang;
use limber::core::prescription::{Physio, Prescribed};
use limber::core::record::PrescriptionRef;
use limber::store::routines::{Library, builtin};

use crate::common::coach;
use limber::tui::app::App;

fn draw(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| _ = limber::tui::view::draw(app, f))
        .unwrap();
    terminal.backend().to_string()
}

fn home(lang: Lang) -> String {
    let mut routines = builtin(lang);
    routines[0].prescription = Some(Prescribed {
        rx: PrescriptionRef {
            id: "rx-0123456789ab".into(),
            version: 2,
        },
        physio: Physio {
            name: "Dr Ivanova\u{1b}[31m".into(),
            contact: String::new(),
        },
    });
    let library = Library {
        routines,
        broken: Vec::new(),
    };
    let app = coach::with_log(coach::coach(lang, library, true), &[], &coach::afternoon());
    draw(&app)
}

#[test]
fn home_names_the_prescribing_physiotherapist() {
    for lang in Lang::ALL {
        insta::assert_snapshot!(format!("prescribed_home_{}", lang.code()), home(lang));
    }
}

#[test]
fn home_without_a_prescription_names_nobody() {
    let app = coach::app(Lang::En, true);
    let screen = draw(&app);
    assert!(!screen.contains("Prescribed by"));
}
