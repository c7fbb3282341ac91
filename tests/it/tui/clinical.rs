//! The screens of issue 14, in both languages at 80x24: when the next
//! session is due on home, the self-care notes, the gentle variant proposed
//! for high pain, equipment needed for one step (in the setup list and on
//! that step's get-ready), and a rise in pain on the finish screen.

use chrono::{FixedOffset, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::coach;
use limber::core::clock::Mono;
use limber::core::due::Due;
use limber::core::lang::Lang;
use limber::core::plan::PhaseKind;
use limber::core::routine::Side;
use limber::i18n::ClinicStrings;
use limber::shell::keymap::{Action, Ctx};
use limber::shell::options::Start;
use limber::store::history::sample;
use limber::store::routines::{Library, builtin};
use limber::tui::app::App;
use limber::tui::screen::Screen;
use limber::tui::view;

const STRETCH: &str = "piriformis-stretch";
const MASSAGE: &str = "piriformis-massage";

fn app(lang: Lang) -> App {
    let library = Library {
        routines: builtin(lang),
        broken: Vec::new(),
    };
    let lines = sample::years(40, coach::today(), 7);
    coach::with_log(
        coach::coach(lang, library, true),
        &lines,
        &coach::afternoon(),
    )
}

fn draw(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| _ = view::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

fn snap(name: &str, lang: Lang, app: &App) -> String {
    let screen = draw(app);
    insta::assert_snapshot!(format!("{name}_{}", lang.code()), screen);
    screen
}

fn press(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a, Mono::ZERO);
    }
}

/// A screen's text without the borders and the padding, on one line, so
/// a phrase wrapped over two rows is still found; the exercise's picture
/// (Braille) beside the text is left out.
fn flat(screen: &str) -> String {
    screen
        .lines()
        .map(|l| {
            let text: String = l
                .chars()
                .filter(|c| !('\u{2800}'..='\u{28ff}').contains(c))
                .collect();
            text.trim_matches('"').trim_matches(['│', ' ']).to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn home_says_when_each_routine_is_next_due() {
    for lang in Lang::ALL {
        let mut app = app(lang);
        let at = FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 23, 15, 40, 0)
            .unwrap();
        app.shared.stats.get_mut(MASSAGE).unwrap().next_due = Some(Due::At(at));
        let stretch = app.shared.stats.get_mut(STRETCH).unwrap();
        stretch.next_due = Some(Due::Tomorrow);
        stretch.today = 3;
        let screen = snap("home_next_due", lang, &app);
        let c = ClinicStrings::load(lang);
        let due = c.due_at.replace("{time}", "15:40");
        assert!(screen.contains(&due), "{lang:?}: no `{due}` in\n{screen}");
        assert!(screen.contains(&c.due_tomorrow), "{screen}");
    }
}

#[test]
fn the_self_care_notes_open_from_home_and_scroll() {
    for lang in Lang::ALL {
        let mut app = app(lang);
        press(&mut app, &[Action::Care]);
        assert_eq!(app.ctx(), Ctx::Care);
        let screen = snap("care", lang, &app);
        let c = ClinicStrings::load(lang);
        assert!(screen.contains(&c.care_prevention_title), "{screen}");
        press(&mut app, &[Action::PageDown, Action::PageDown]);
        let end = snap("care_end", lang, &app);
        // The three-day rule is on the screen, whole.
        let three = &c.care_doctor[0];
        assert!(flat(&end).contains(three.as_str()), "{end}");
        press(&mut app, &[Action::Back]);
        assert_eq!(app.ctx(), Ctx::Home);
    }
}

#[test]
fn the_self_care_key_is_c_or_its_russian_letter() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use limber::shell::keymap::action_for;
    for c in ['c', 'C', 'с'] {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(action_for(Ctx::Home, key), Some(Action::Care), "{c}");
    }
}

#[test]
fn high_pain_proposes_the_gentle_massage_and_the_user_chooses() {
    for lang in Lang::ALL {
        let mut app = app(lang);
        // Home: the massage is second.
        press(&mut app, &[Action::Down, Action::Confirm, Action::Pain(7)]);
        let screen = snap("setup_pain_proposes_gentle", lang, &app);
        let c = ClinicStrings::load(lang);
        let title = app.shared.loaded(MASSAGE).unwrap().routine.variants[0]
            .title
            .clone();
        let proposal = c
            .setup_propose
            .replace("{pain}", "6")
            .replace("{variant}", &title);
        assert!(flat(&screen).contains(&proposal), "{screen}");
        // Still the standard massage until the user picks another.
        let Screen::Setup(setup) = app.screen() else {
            panic!("setup")
        };
        assert_eq!(setup.variant, 0);
        // Choosing the gentle one (v) ends the proposal.
        press(&mut app, &[Action::Variant]);
        assert!(!flat(&draw(&app)).contains(&proposal));
        // Low pain proposes nothing.
        press(
            &mut app,
            &[Action::Variant, Action::Variant, Action::Pain(5)],
        );
        assert!(!flat(&draw(&app)).contains(&proposal));
    }
}

#[test]
fn the_tennis_ball_is_listed_for_its_variant_only() {
    let s = limber::i18n::Strings::load(Lang::En);
    let mut app = app(Lang::En);
    press(&mut app, &[Action::Down, Action::Confirm]);
    let item = format!("• {}", s.eq_tennis_ball);
    assert!(!draw(&app).contains(&item));
    press(&mut app, &[Action::Variant, Action::Variant]);
    assert!(draw(&app).contains(&item));
}

#[test]
fn a_helper_and_a_couch_are_listed_for_the_assisted_rise_and_asked_for_before_it() {
    for lang in Lang::ALL {
        let mut app = app(lang);
        press(&mut app, &[Action::Confirm]);
        let screen = snap("setup_stretch_equipment", lang, &app);
        let s = limber::i18n::Strings::load(lang);
        let helper = flat(&screen);
        assert!(helper.contains(&s.eq_helper), "{screen}");

        // In the session, skip to the assisted rise: its get-ready says so.
        press(&mut app, &[Action::Pain(2), Action::Confirm]);
        for _ in 0..10 {
            let Screen::Session(r) = app.screen() else {
                panic!("session")
            };
            let phase = r
                .plan()
                .phase(r.session().state().phase().unwrap())
                .unwrap();
            if r.plan().steps()[phase.step].id == "assisted-rise"
                && phase.kind == PhaseKind::GetReady
            {
                break;
            }
            press(&mut app, &[Action::Next]);
        }
        let screen = snap("get_ready_assisted_rise", lang, &app);
        let c = ClinicStrings::load(lang);
        let needs = c.get_ready_needs.replace("{items}", "");
        assert!(flat(&screen).contains(needs.trim()), "{screen}");
        assert!(flat(&screen).contains(&s.eq_couch), "{screen}");
    }
}

#[test]
fn a_rise_in_pain_is_something_to_tell_the_physiotherapist() {
    for lang in Lang::ALL {
        let mut app = app(lang);
        let start = Start {
            routine: MASSAGE.to_string(),
            side: Some(Side::Left),
            variant: None,
            pain: Some(2),
            pain_after: None,
            note: None,
        };
        app.start(&start, Mono::ZERO);
        press(&mut app, &[Action::Stop, Action::StopPain]);
        assert_eq!(app.ctx(), Ctx::Finish);
        let c = ClinicStrings::load(lang);
        let rose = c
            .finish_pain_rose
            .replace("{before}", "2")
            .replace("{after}", "5");
        // One point more is not flagged (the rule is 2).
        press(&mut app, &[Action::Pain(3)]);
        let head: String = rose.chars().take(12).collect();
        assert!(!flat(&draw(&app)).contains(&head));
        press(&mut app, &[Action::Pain(5)]);
        let screen = snap("finish_pain_rose", lang, &app);
        assert!(flat(&screen).contains(&rose), "{screen}");
    }
}
