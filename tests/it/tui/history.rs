//! The history screen, rendered into a test terminal with fixed data.

use chrono::{Datelike, NaiveDate};
use limber::core::lang::Lang;
use limber::core::progress::summarize;
use limber::store::history::sample::{demo, demo_targets};
use limber::tui::screen::history::{HistoryState, HistoryView};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn view(routine: usize) -> HistoryView {
    view_in(routine, Lang::En)
}

fn view_in(routine: usize, lang: Lang) -> HistoryView {
    let sessions = summarize(&demo(today()));
    let target = &demo_targets()[routine];
    let title = match lang {
        Lang::En => ["Piriformis exercises", "Piriformis self-massage"],
        Lang::Ru => [
            "Упражнения для грушевидной мышцы",
            "Самомассаж грушевидной мышцы",
        ],
    }[routine];
    HistoryView::new(&sessions, target, title, today(), lang)
}

fn render(view: &HistoryView, state: &mut HistoryState, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| f.render_stateful_widget(view, f.area(), state))
        .unwrap();
    terminal
}

fn text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn stretch_at_80x24() {
    let v = view(0);
    let mut state = HistoryState::default();
    let t = render(&v, &mut state, 80, 24);
    let out = text(&t);
    insta::assert_snapshot!(out);
    // This month's calendar: the 23rd (today) has two of three done.
    assert!(out.contains(" 23² "));
    assert!(out.contains("Today     2/3 completed"));
    assert!(out.contains("Streak    17 days (longest 24)"));
    assert!(out.contains("▶ 2026-11-23 13:25 completed"));
    // Today's date is marked by more than colour: it is reversed.
    let buf = t.backend().buffer();
    let (x, y) = find(&out, " 23²").unwrap();
    assert!(
        buf[(x as u16 + 1, y as u16)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}

#[test]
fn massage_at_120x40_with_a_course_and_a_pause() {
    let v = view(1);
    let mut state = HistoryState {
        selected: 1,
        offset: 0,
    };
    let out = text(&render(&v, &mut state, 120, 40));
    insta::assert_snapshot!(out);
    assert!(out.contains("course 2: 5 of at least 12 sessions"));
    assert!(out.contains("▶ 2026-11-21 21:00 interrupted"));
    assert!(out.contains("variant gentle"));
    // Pause days carry a dash.
    assert!(out.contains(" 19- 20- 21- 22- 23- 24- 25-"));
}

#[test]
fn the_list_scrolls_to_keep_the_selection_in_sight() {
    let v = view(0);
    let mut state = HistoryState::default();
    for _ in 0..40 {
        state.select_next(&v);
    }
    assert_eq!(state.selected, 40);
    let out = text(&render(&v, &mut state, 80, 24));
    assert!(state.offset > 0 && state.offset <= 40);
    let selected = &v.sessions[40];
    let stamp = selected.started_at.format("▶ %Y-%m-%d %H:%M").to_string();
    assert!(out.contains(&stamp), "{out}");
    assert!(out.contains("Sessions 41/117"));
    state.select_last(&v);
    assert_eq!(state.selected, 116);
    render(&v, &mut state, 80, 24);
    state.page_up(10);
    state.select_previous();
    assert_eq!(state.selected, 105);
    state.page_down(&v, 1000);
    assert_eq!(state.selected, 116);
    state.select_first();
    assert_eq!(state.selected, 0);
}

#[test]
fn an_empty_history_and_a_tiny_terminal() {
    let target = &demo_targets()[0];
    let v = HistoryView::new(&[], target, "Piriformis exercises", today(), Lang::En);
    let mut state = HistoryState::default();
    let out = text(&render(&v, &mut state, 80, 24));
    assert!(out.contains("No sessions yet."));
    assert!(out.contains("No pain recorded"));
    assert!(out.contains("today 0/3"));
    let out = text(&render(&v, &mut state, 30, 8));
    assert!(out.contains("Make the terminal"));
}

fn find(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(y, line)| {
        line.find(needle)
            .map(|byte| (y, line[..byte].chars().count()))
            .map(|(y, x)| (x, y))
    })
}

#[test]
fn any_terminal_size_renders_without_panicking() {
    let v = view(1);
    let mut state = HistoryState {
        selected: 3,
        offset: 0,
    };
    for w in (1..140).step_by(7) {
        for h in (1..50).step_by(5) {
            let out = text(&render(&v, &mut state, w, h));
            assert_eq!(out.lines().count(), h as usize);
        }
    }
}

#[test]
fn stretch_at_80x24_in_russian() {
    let v = view_in(0, Lang::Ru);
    let mut state = HistoryState::default();
    let out = text(&render(&v, &mut state, 80, 24));
    insta::assert_snapshot!(out);
    assert!(out.contains("сегодня 2 из 3  ·  пн 23.11.2026"), "{out}");
    assert!(out.contains(" Ноябрь 2026"), "{out}");
    assert!(out.contains(" Пн  Вт  Ср  Чт  Пт  Сб  Вс"), "{out}");
    assert!(out.contains("Сегодня    выполнено 2 из 3"), "{out}");
    assert!(out.contains("Курс       нет"), "{out}");
    assert!(
        out.contains("Серия      17 дней подряд (лучшая — 24)"),
        "{out}"
    );
    assert!(
        out.contains("Выполнение за 7 дней 90\u{a0}%  ·  за 30 дней 91\u{a0}%"),
        "{out}"
    );
    assert!(out.contains("Боль 0–10 за 30 дней"), "{out}");
    assert!(out.contains("25.10"), "the chart's axis: {out}");
    assert!(out.contains("▶ 23.11.2026 13:25 выполнен        5/5  боль 3→1│"));
    assert!(out.contains("занятие:\u{a0}7\u{a0}мин 30\u{a0}с"), "{out}");
    assert!(out.contains("✓ 3 из 3  ¹ ² выполнено 1, 2"), "{out}");

    // Only the words change: the calendar's days sit in the same cells.
    let en = text(&render(&view(0), &mut HistoryState::default(), 80, 24));
    let grid = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .skip(3)
            .take(6)
            .map(|l| l.chars().take(29).collect())
            .collect()
    };
    assert_eq!(grid(&out), grid(&en));
    assert!(grid(&out)[4].starts_with(" 23² 24  25"), "{out}");
}

#[test]
fn massage_at_120x40_in_russian() {
    let v = view_in(1, Lang::Ru);
    let mut state = HistoryState {
        selected: 1,
        offset: 0,
    };
    let out = text(&render(&v, &mut state, 120, 40));
    insta::assert_snapshot!(out);
    assert!(
        out.contains("курс 2: 5 (нужно не меньше 12 сеансов)"),
        "{out}"
    );
    assert!(
        out.contains("Серия      2 дня подряд (лучшая — 4)"),
        "{out}"
    );
    assert!(out.contains("▶ 21.11.2026 21:00 прерван"), "{out}");
    assert!(out.contains("Сеансы 2/18 (↑↓)"), "{out}");
    assert!(out.contains("вариант gentle ·"), "{out}");
    // A leg's name and a length of time never break across lines.
    assert!(
        out.contains("левая\u{a0}нога · занятие:\u{a0}0\u{a0}с"),
        "{out}"
    );
    assert!(out.contains(" Октябрь 2026"), "{out}");
    assert!(out.contains(" 19- 20- 21- 22- 23- 24- 25-"), "{out}");
    assert!(out.contains("· пропуск  - между курсами"), "{out}");
}

#[test]
fn an_empty_history_and_a_tiny_terminal_in_russian() {
    let target = &demo_targets()[0];
    let v = HistoryView::new(&[], target, "Упражнения", today(), Lang::Ru);
    let mut state = HistoryState::default();
    let out = text(&render(&v, &mut state, 80, 24));
    assert!(out.contains("Сеансов пока нет."), "{out}");
    assert!(out.contains("За эти дни боль не отмечалась."), "{out}");
    assert!(out.contains("сегодня 0 из 3"), "{out}");
    let out = text(&render(&v, &mut state, 30, 8));
    assert!(out.contains("70×20 (сейчас 30×8)"), "{out}");
}

/// The Russian screen at 80x24 with a session that has a note selected:
/// the note is in view, steps are named by their Russian titles, and the
/// selected day is marked in the calendar.
#[test]
fn a_note_and_step_titles_at_80x24_in_russian() {
    use limber::store::routines::builtin;
    let mut routine = builtin(Lang::Ru).remove(0).routine;
    // The demo log names its steps step-0, step-1, …
    for (i, step) in routine.steps.iter_mut().enumerate() {
        step.id = format!("step-{i}");
    }
    let v = view_in(0, Lang::Ru).with_steps(&routine);
    let with_note = v
        .sessions
        .iter()
        .position(|s| s.note.as_deref() == Some("easier today, left side, less tight"))
        .expect("the demo has a note");
    let mut state = HistoryState {
        selected: with_note,
        offset: 0,
    };
    let out = text(&render(&v, &mut state, 80, 24));
    insta::assert_snapshot!(out);
    assert!(out.contains("less tight"), "the note is in view:\n{out}");
    assert!(out.contains(&routine.steps[0].title), "{out}");
    assert!(!out.contains("step-0"), "{out}");
}

/// Selecting the oldest session brings its month into the calendar.
#[test]
fn the_calendar_follows_the_selected_session() {
    let v = view(0);
    let mut state = HistoryState::default();
    state.select_last(&v);
    let oldest = v.sessions.last().unwrap().local_date;
    let out = text(&render(&v, &mut state, 80, 24));
    let heading = chrono::NaiveDate::from_ymd_opt(oldest.year(), oldest.month(), 1)
        .unwrap()
        .format("%B %Y")
        .to_string();
    assert!(out.contains(&heading), "{heading} not in view:\n{out}");
}
