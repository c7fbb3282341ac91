//! The morning check and the measure screens, and home's line of what is
//! due and today's flag, drawn into a TestBackend at 80x24 and 120x40 in
//! both languages; and their keys: one each, Enter skips, Esc leaves.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::coach;
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::outcome::{Compared, Measure};
use limber::shell::keymap::{Action, Ctx};
use limber::tui::app::App;
use limber::tui::screen::checkin::open_if_due;
use limber::tui::screen::{Out, Screen};
use limber::tui::view;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn draw(app: &App, (w, h): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| _ = view::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

fn snap(name: &str, app: &App) {
    for size in SIZES {
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), draw(app, size));
    }
}

fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Ru => "ru",
    }
}

/// A new patient's coach on the first start of the day: the check is due.
fn checking(lang: Lang) -> App {
    let mut app = coach::app(lang, true);
    open_if_due(&mut app);
    app
}

fn press(app: &mut App, actions: &[Action]) -> Vec<Out> {
    actions
        .iter()
        .flat_map(|a| app.update(*a, Mono::ZERO))
        .collect()
}

#[test]
fn the_morning_check_screen_in_both_languages() {
    for lang in [Lang::En, Lang::Ru] {
        let mut app = checking(lang);
        assert_eq!(app.ctx(), Ctx::Checkin);
        snap(&format!("{}_morning_check", code(lang)), &app);
        press(&mut app, &[Action::Pain(6)]);
        snap(&format!("{}_morning_check_stiffness", code(lang)), &app);
    }
}

#[test]
fn one_key_each_and_enter_skips_a_part() {
    let mut app = checking(Lang::En);
    let outs = press(
        &mut app,
        &[
            Action::Pain(10),
            Action::Confirm,
            Action::Compare(Compared::Worse),
        ],
    );
    assert_eq!(
        outs,
        vec![Out::SaveAnswer(Measure::Morning {
            pain: Some(10),
            stiffness: None,
            compared: Some(Compared::Worse)
        })]
    );
    assert!(matches!(app.screen(), Screen::Home(_)));
    // Esc at once: every part skipped, still logged (asked once a day).
    let mut app = checking(Lang::Ru);
    let outs = press(&mut app, &[Action::Back]);
    assert_eq!(
        outs,
        vec![Out::SaveAnswer(Measure::Morning {
            pain: None,
            stiffness: None,
            compared: None
        })]
    );
    assert!(!app.shared.asked.morning_due);
}

#[test]
fn home_shows_the_flag_and_what_is_due() {
    for lang in [Lang::En, Lang::Ru] {
        let mut app = coach::app(lang, true);
        app.shared.asked.flag = Some(limber::core::outcome::MorningFlag {
            date: coach::today(),
            pain: Some(6),
            reasons: vec![
                limber::core::outcome::Reason::Rise { from: 3 },
                limber::core::outcome::Reason::SaidWorse,
            ],
        });
        snap(&format!("{}_home_morning_flag", code(lang)), &app);
    }
}

#[test]
fn psfs_names_activities_then_rates_them() {
    for lang in [Lang::En, Lang::Ru] {
        let mut app = coach::app(lang, true);
        press(&mut app, &[Action::Measure]);
        assert_eq!(app.ctx(), Ctx::MeasureText);
        for c in "sitting through a film".chars() {
            press(&mut app, &[Action::Char(c)]);
        }
        press(&mut app, &[Action::Confirm]);
        for c in "носки".chars() {
            press(&mut app, &[Action::Char(c)]);
        }
        snap(&format!("{}_psfs_activities", code(lang)), &app);
        // An empty Enter before three activities does not end the list.
        press(&mut app, &[Action::Confirm, Action::Confirm]);
        assert_eq!(app.ctx(), Ctx::MeasureText);
        for c in "stairs".chars() {
            press(&mut app, &[Action::Char(c)]);
        }
        press(
            &mut app,
            &[Action::Confirm, Action::Confirm, Action::Pain(3)],
        );
        assert_eq!(app.ctx(), Ctx::MeasureScore);
        snap(&format!("{}_psfs_ratings", code(lang)), &app);
        let outs = press(&mut app, &[Action::Confirm, Action::Pain(7)]);
        let [Out::SaveAnswer(Measure::Psfs { items })] = &outs[..] else {
            panic!("{outs:?}")
        };
        let scores: Vec<_> = items
            .iter()
            .map(|i| (i.activity.as_str(), i.score))
            .collect();
        assert_eq!(
            scores,
            vec![
                ("sitting through a film", Some(3)),
                ("носки", None),
                ("stairs", Some(7))
            ]
        );
    }
}

#[test]
fn a_yes_to_a_red_flag_shows_the_advice_at_once() {
    for lang in [Lang::En, Lang::Ru] {
        let mut app = coach::app(lang, true);
        app.shared.asked.due = vec![limber::core::outcome::MeasureKind::RedFlags];
        press(&mut app, &[Action::Measure]);
        assert_eq!(app.ctx(), Ctx::MeasureYesNo);
        press(&mut app, &[Action::No, Action::Yes]);
        snap(&format!("{}_red_flags_yes", code(lang)), &app);
        let outs = press(&mut app, &[Action::No, Action::No]);
        assert!(
            matches!(&outs[..], [Out::SaveAnswer(Measure::RedFlags { answers })] if answers.iter().filter(|a| a.yes).count() == 1)
        );
        // Saved, and the whole advice stays on screen until Esc.
        assert_eq!(app.ctx(), Ctx::MeasureYesNo);
        snap(&format!("{}_red_flags_answered", code(lang)), &app);
        assert!(press(&mut app, &[Action::Back]).is_empty(), "saved once");
        assert_ne!(app.ctx(), Ctx::MeasureYesNo);
        // Home keeps the advice in its notice line.
        assert!(
            app.shared
                .notice
                .as_deref()
                .unwrap_or("")
                .contains(match lang {
                    Lang::En => "ambulance",
                    Lang::Ru => "скорая помощь",
                })
        );
    }
}

#[test]
fn sitting_is_typed_in_minutes_and_esc_leaves_without_saving() {
    for lang in [Lang::En, Lang::Ru] {
        let mut app = coach::app(lang, true);
        app.shared.asked.due = vec![limber::core::outcome::MeasureKind::Sitting];
        press(
            &mut app,
            &[
                Action::Measure,
                Action::Char('4'),
                Action::Char('x'),
                Action::Char('5'),
            ],
        );
        snap(&format!("{}_sitting_minutes", code(lang)), &app);
        assert!(press(&mut app, &[Action::Back]).is_empty());
        assert!(matches!(app.screen(), Screen::Home(_)));
        press(
            &mut app,
            &[Action::Measure, Action::Char('3'), Action::Char('0')],
        );
        let outs = press(&mut app, &[Action::Confirm]);
        assert_eq!(
            outs,
            vec![Out::SaveAnswer(Measure::Sitting { minutes: 30 })]
        );
    }
}
