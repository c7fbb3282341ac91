//! Routine text in any script never breaks the layout: every screen and
//! overlay, drawn with Cyrillic, CJK, emoji (ZWJ sequences too), combining
//! accents and very long words, keeps its borders, cuts text only between
//! graphemes and centres by display width.
//!
//! Each screen is drawn twice: with the real text, and with a twin routine
//! whose every non-ASCII grapheme is replaced by as many `x` as it is wide.
//! The twin has the same layout, so the borders it shows are the borders
//! the real text must leave standing.

use std::collections::HashSet;
use std::path::PathBuf;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::style::Style;
use ratatui::text::Span;

use crate::common::coach;
use limber::core::clock::Mono;
use limber::core::diagnostic::Diagnostic;
use limber::core::lang::Lang;
use limber::core::parse::parse_routine;
use limber::core::plan::PhaseKind;
use limber::core::record::LogLine;
use limber::core::ron_spans::Pos;
use limber::core::routine::Side;
use limber::shell::keymap::{Action, Ctx};
use limber::shell::options::Start;
use limber::store::history::sample;
use limber::store::routines::{Broken, Library, Loaded, Origin};
use limber::tui::app::App;
use limber::tui::screen::Screen;
use limber::tui::view;

const SIZES: [(u16, u16); 4] = [(40, 12), (80, 24), (120, 40), (57, 19)];

/// Every piece of routine text a screen can show, plus the finish note.
#[derive(Clone, Debug)]
struct Texts {
    title: String,
    description: String,
    safety: [String; 2],
    equipment: String,
    timed_title: String,
    timed_instructions: String,
    cue: String,
    hold_title: String,
    hold_instructions: String,
    manual_title: String,
    manual_instructions: String,
    reps_title: String,
    beats: [String; 2],
    variant_title: String,
    variant_description: String,
    variant_step: String,
    note: String,
    /// A file name in the home screen's list of broken files.
    broken_file: String,
}

impl Texts {
    fn unicode() -> Texts {
        Texts {
            title: "Растяжка 梨状筋 e\u{301}tude 🧘‍♀️".into(),
            description: "Для тех, у кого болит я\u{308}годица: 坐骨神経痛のための運動。".into(),
            safety: [
                "При острой боли — стоп ✋🏽 痛みが強ければ中止".into(),
                "Сверхпротивовоспалительнейшиеупражнения梨状筋症候群のための長いストレッチ👨‍👩‍👧".into(),
            ],
            equipment: "коврик ヨガマット 🧘".into(),
            timed_title: "Разогре\u{301}в 準備運動".into(),
            timed_instructions: "Д梨状筋をゆっくり伸ばします。Дышите ровно и споко\u{438}\u{306}но, не задерживайте дыхание; 痛みが出たら止めてください。Очень-очень-длинное-слово-без-пробелов-которое-не-влезет-ни-в-одну-строку.".into(),
            cue: "Ды\u{301}шите 呼吸 🫁".into(),
            hold_title: "Удержание 保持 ❤️".into(),
            hold_instructions: "С梨状筋を伸ばしたまま保持します。Колено к груди, спина прямая.".into(),
            manual_title: "Мяч 🎾 テニスボール".into(),
            manual_instructions: "Положите мяч под я\u{308}годицу — ボールをお尻の下に置いてください。".into(),
            reps_title: "Сжатия 収縮 e\u{301}".into(),
            beats: ["Тяни\u{306} 押す".into(), "Отдых 休む".into()],
            variant_title: "Мягкий 優しい 🌸".into(),
            variant_description: "Для первых дней: 最初の数日間は優しく。".into(),
            variant_step: "Мягкий мяч 柔らかいボール".into(),
            note: "легче 楽になった e\u{301} 👍🏽".into(),
            broken_file: "ルーチン мой.ron".into(),
        }
    }

    fn fields(&self) -> Vec<&String> {
        let mut v = vec![&self.title, &self.description];
        v.extend(&self.safety);
        v.extend([
            &self.equipment,
            &self.timed_title,
            &self.timed_instructions,
            &self.cue,
            &self.hold_title,
            &self.hold_instructions,
            &self.manual_title,
            &self.manual_instructions,
            &self.reps_title,
        ]);
        v.extend(&self.beats);
        v.extend([
            &self.variant_title,
            &self.variant_description,
            &self.variant_step,
            &self.note,
            &self.broken_file,
        ]);
        v
    }

    fn map(&self, f: impl Fn(&str) -> String) -> Texts {
        let mut t = self.clone();
        let fields: Vec<&mut String> = {
            let Texts {
                title,
                description,
                safety: [s0, s1],
                equipment,
                timed_title,
                timed_instructions,
                cue,
                hold_title,
                hold_instructions,
                manual_title,
                manual_instructions,
                reps_title,
                beats: [b0, b1],
                variant_title,
                variant_description,
                variant_step,
                note,
                broken_file,
            } = &mut t;
            vec![
                title,
                description,
                s0,
                s1,
                equipment,
                timed_title,
                timed_instructions,
                cue,
                hold_title,
                hold_instructions,
                manual_title,
                manual_instructions,
                reps_title,
                b0,
                b1,
                variant_title,
                variant_description,
                variant_step,
                note,
                broken_file,
            ]
        };
        for field in fields {
            *field = f(field);
        }
        t
    }

    /// The same routine with every non-ASCII grapheme replaced by as many
    /// `x` as it is wide: the layout a screen must keep.
    fn ascii_twin(&self) -> Texts {
        self.map(|s| {
            graphemes(s)
                .into_iter()
                .map(|g| {
                    if g.is_ascii() {
                        g
                    } else {
                        "x".repeat(width(&g))
                    }
                })
                .collect()
        })
    }

    /// Every grapheme the routine may show, in any case.
    fn graphemes(&self) -> HashSet<String> {
        self.fields()
            .into_iter()
            .flat_map(|s| [s.clone(), s.to_uppercase(), s.to_lowercase()])
            .flat_map(|s| graphemes(&s))
            .collect()
    }

    /// The routine file, through the normal loader.
    fn ron(&self) -> String {
        let q = |s: &str| {
            let escaped = s
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
                .replace('\t', "\\t");
            format!("\"{escaped}\"")
        };
        format!(
            r#"Routine(
    id: "wide",
    version: 1,
    lang: "ru",
    title: {title},
    description: {description},
    sided: true,
    equipment: [Mat, Other({equipment})],
    safety: [{s0}, {s1}],
    schedule: Schedule(times_per_day: 2, course: Some(Course(sessions: 10, pause_days: 3))),
    get_ready: "1s",
    switch_side: "1s",
    steps: [
        Step(id: "timed", title: {timed_title}, instructions: {timed_instructions},
            cues: [{cue}], kind: Timed(duration: "2s")),
        Step(id: "hold", title: {hold_title}, instructions: {hold_instructions},
            sides: Each, kind: Hold(duration: "1s", reps: 2, rest: "1s")),
        Step(id: "manual", title: {manual_title}, instructions: {manual_instructions},
            kind: Manual),
        Step(id: "reps", title: {reps_title}, instructions: {timed_instructions},
            sides: Affected, kind: Reps(count: 2, tempo: [
                Beat(label: {b0}, duration: "1s"),
                Beat(label: {b1}, duration: "1s"),
            ])),
    ],
    variants: [
        Variant(id: "gentle", title: {variant_title}, description: {variant_description},
            steps: [
                Step(id: "soft", title: {variant_step}, instructions: {hold_instructions},
                    cues: [{cue}], kind: Timed(duration: "2s")),
            ]),
    ],
)
"#,
            title = q(&self.title),
            description = q(&self.description),
            equipment = q(&self.equipment),
            s0 = q(&self.safety[0]),
            s1 = q(&self.safety[1]),
            timed_title = q(&self.timed_title),
            timed_instructions = q(&self.timed_instructions),
            cue = q(&self.cue),
            hold_title = q(&self.hold_title),
            hold_instructions = q(&self.hold_instructions),
            manual_title = q(&self.manual_title),
            manual_instructions = q(&self.manual_instructions),
            reps_title = q(&self.reps_title),
            b0 = q(&self.beats[0]),
            b1 = q(&self.beats[1]),
            variant_title = q(&self.variant_title),
            variant_description = q(&self.variant_description),
            variant_step = q(&self.variant_step),
        )
    }

    fn library(&self) -> Library {
        let routine = match parse_routine(self.ron().as_bytes()) {
            Ok(r) => r,
            Err(d) => panic!("{d:?}\n{}", self.ron()),
        };
        Library {
            routines: vec![Loaded::new(
                routine,
                Origin::File(PathBuf::from("wide.ron")),
            )],
            broken: vec![Broken {
                path: PathBuf::from(&self.broken_file),
                source: String::new(),
                diagnostics: vec![Diagnostic::new(
                    Pos { line: 3, col: 12 },
                    format!("unknown field `{}`", self.reps_title),
                )],
            }],
        }
    }
}

fn graphemes(s: &str) -> Vec<String> {
    Span::raw(s)
        .styled_graphemes(Style::default())
        .map(|g| g.symbol.to_string())
        .collect()
}

/// Columns, measured as the buffer measures a cell.
fn width(s: &str) -> usize {
    usize::from(s.cell_width())
}

/// A year's sessions up to today.
fn lines() -> Vec<LogLine> {
    sample::years(1, coach::today(), 7)
}

fn app(t: &Texts, acknowledged: bool) -> App {
    let app = coach::coach(Lang::Ru, t.library(), acknowledged);
    coach::with_log(app, &lines(), &coach::afternoon())
}

fn at(tenths: u64) -> Mono {
    Mono::from_millis(tenths * 100)
}

fn press(app: &mut App, actions: &[Action], now: Mono) {
    for a in actions {
        let outs = app.update(*a, now);
        coach::serve(app, outs, &lines());
    }
}

fn phase_kind(app: &App) -> Option<PhaseKind> {
    match app.screen() {
        Screen::Session(r) => r.session().current().map(|(_, p)| p.kind.clone()),
        _ => None,
    }
}

/// Starts a session and runs it, answering manual steps, until `want`
/// holds for the current phase; returns the time reached, in tenths.
fn run_until(app: &mut App, want: impl Fn(&PhaseKind) -> bool) -> u64 {
    for tenth in 0..400 {
        app.tick(at(tenth));
        match phase_kind(app) {
            Some(kind) if want(&kind) => return tenth,
            Some(PhaseKind::WaitForUser) => press(app, &[Action::Confirm], at(tenth)),
            _ => {}
        }
    }
    panic!("the phase never came");
}

fn session(t: &Texts, variant: Option<&str>) -> App {
    let mut app = app(t, true);
    let id = app.shared.library.routines[0].routine.id.clone();
    let start = Start {
        routine: id.clone(),
        side: Some(Side::Right),
        variant: variant.map(String::from),
        pain: Some(3),
        pain_after: None,
        note: None,
    };
    app.start(&start, Mono::ZERO);
    app
}

/// Every screen and overlay, reached as a user would.
const STATES: &[&str] = &[
    "safety",
    "home",
    "home_help",
    "history",
    "setup",
    "setup_variant",
    "setup_help",
    "get_ready",
    "work",
    "paused",
    "hold",
    "rest",
    "switch_side",
    "time_away",
    "manual",
    "beat",
    "variant_work",
    "help",
    "quit",
    "stop_reason",
    "finish_note",
    "finish_complete",
    "finish_stopped",
];

fn reach(t: &Texts, state: &str) -> App {
    let is = |k: PhaseKind| move |p: &PhaseKind| *p == k;
    match state {
        "safety" => app(t, false),
        "home" => app(t, true),
        "home_help" => {
            let mut app = app(t, true);
            press(&mut app, &[Action::Help], Mono::ZERO);
            app
        }
        "history" => {
            let mut app = app(t, true);
            press(&mut app, &[Action::History], Mono::ZERO);
            app
        }
        "setup" | "setup_variant" | "setup_help" => {
            let mut app = app(t, true);
            press(&mut app, &[Action::Confirm, Action::Pain(3)], Mono::ZERO);
            if state != "setup" {
                press(&mut app, &[Action::Variant, Action::Right], Mono::ZERO);
            }
            if state == "setup_help" {
                press(&mut app, &[Action::Help], Mono::ZERO);
            }
            app
        }
        "get_ready" => {
            let mut app = session(t, None);
            run_until(&mut app, is(PhaseKind::GetReady));
            app.tick(at(3));
            app
        }
        "work" | "paused" | "help" | "quit" | "stop_reason" => {
            let mut app = session(t, None);
            let now = run_until(&mut app, is(PhaseKind::Work)) + 5;
            app.tick(at(now));
            match state {
                "paused" => {
                    press(&mut app, &[Action::TogglePause], at(now));
                    app.tick(at(now + 50));
                }
                "help" => press(&mut app, &[Action::Help], at(now)),
                "quit" => press(&mut app, &[Action::Quit], at(now)),
                "stop_reason" => press(&mut app, &[Action::Stop], at(now)),
                _ => {}
            }
            app
        }
        "hold" => {
            let mut app = session(t, None);
            run_until(&mut app, is(PhaseKind::Hold));
            app
        }
        "rest" => {
            let mut app = session(t, None);
            run_until(&mut app, is(PhaseKind::Rest));
            app
        }
        "switch_side" => {
            let mut app = session(t, None);
            run_until(&mut app, is(PhaseKind::SwitchSide));
            app
        }
        "time_away" => {
            let mut app = session(t, None);
            let now = run_until(&mut app, is(PhaseKind::Hold));
            app.time_away(at(now), at(now + 600));
            app
        }
        "manual" => {
            let mut app = session(t, None);
            let mut reached = false;
            for tenth in 0..400 {
                app.tick(at(tenth));
                if phase_kind(&app) == Some(PhaseKind::WaitForUser) {
                    reached = true;
                    break;
                }
            }
            assert!(reached, "the manual step never came");
            app
        }
        "beat" => {
            let mut app = session(t, None);
            run_until(&mut app, |k| matches!(k, PhaseKind::Beat { .. }));
            app
        }
        "variant_work" => {
            let mut app = session(t, Some("gentle"));
            run_until(&mut app, is(PhaseKind::Work));
            app
        }
        "finish_note" | "finish_complete" => {
            let mut app = session(t, None);
            let mut now = 0;
            while app.ctx() != Ctx::Finish {
                now += 1;
                assert!(now < 400, "the session never finished");
                app.tick(at(now));
                if phase_kind(&app) == Some(PhaseKind::WaitForUser) {
                    press(&mut app, &[Action::Confirm], at(now));
                }
            }
            press(&mut app, &[Action::Pain(2), Action::Note], at(now));
            for c in t.note.chars() {
                press(&mut app, &[Action::Char(c)], at(now));
            }
            if state == "finish_complete" {
                press(&mut app, &[Action::Confirm], at(now));
            }
            app
        }
        "finish_stopped" => {
            let mut app = session(t, None);
            let now = run_until(&mut app, is(PhaseKind::Hold));
            press(&mut app, &[Action::Stop, Action::StopPain], at(now));
            assert_eq!(app.ctx(), Ctx::Finish);
            app
        }
        other => panic!("no state {other}"),
    }
}

/// What a terminal would show: the backend only gets the cells ratatui's
/// diff sends, and the diff skips a cell under the right half of a wide
/// glyph, whatever the frame put there.
fn draw(app: &App, (w, h): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| _ = view::draw(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

fn to_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        out.push_str(&row_text(buf, y));
        out.push('\n');
    }
    out
}

/// What a terminal shows on row `y`: cells hidden under a wide glyph are
/// not printed.
fn row_text(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let cell = &buf[(x, y)];
        out.push_str(cell.symbol());
        x += cell.cell_width().max(1);
    }
    out
}

/// Per row: is cell `x` seen, or hidden under the wide glyph before it?
fn visible(buf: &Buffer, y: u16) -> Vec<bool> {
    let mut seen = vec![false; buf.area.width as usize];
    let mut x = 0;
    while x < buf.area.width {
        seen[x as usize] = true;
        x += buf[(x, y)].cell_width().max(1);
    }
    seen
}

const BORDERS: &str = "│─┌┐└┘╭╮╰╯┃━┏┓┗┛║═╔╗╚╝├┤┬┴┼";

/// The invariants one drawn screen must keep; `twin` is the same screen
/// drawn with the ASCII twin routine, `text` the graphemes the routine may
/// show. Returns what is wrong, with the screen.
fn check(buf: &Buffer, twin: &Buffer, text: &HashSet<String>) -> Result<(), String> {
    let fail = |what: String| {
        Err(format!(
            "{what}\n--- screen:\n{}--- ASCII twin:\n{}",
            to_text(buf),
            to_text(twin)
        ))
    };
    // The screen's glyphs: those of the twin, and the arrows of a scroll
    // hint, which only the longer text may need.
    let allowed: HashSet<&str> = twin
        .content
        .iter()
        .map(|c| c.symbol())
        .chain(["↑", "↓"])
        .collect();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            let w = width(sym) as u16;
            // One whole grapheme per cell: never a mark or a joiner alone,
            // never a piece of a ZWJ sequence.
            if sym.is_empty() || graphemes(sym).len() != 1 || w == 0 {
                return fail(format!(
                    "cell ({x},{y}) holds {sym:?}, not one visible grapheme"
                ));
            }
            if !sym.is_ascii() && !allowed.contains(sym) && !text.contains(sym) {
                return fail(format!(
                    "cell ({x},{y}) holds {sym:?}: neither a whole grapheme of the routine nor a glyph of the screen"
                ));
            }
            if x + w > buf.area.width {
                return fail(format!("{sym:?} at ({x},{y}) is cut by the right edge"));
            }
            for hidden in x + 1..x + w {
                let under = buf[(hidden, y)].symbol();
                if under != " " {
                    return fail(format!(
                        "{sym:?} at ({x},{y}) hides {under:?} at ({hidden},{y})"
                    ));
                }
            }
            x += w;
        }
    }
    for y in 0..buf.area.height {
        let seen = visible(buf, y);
        for x in 0..buf.area.width {
            let want = twin[(x, y)].symbol();
            if want.chars().count() != 1 || !BORDERS.contains(want) {
                continue;
            }
            let got = buf[(x, y)].symbol();
            if got != want || !seen[x as usize] {
                return fail(format!(
                    "border {want:?} at ({x},{y}) is {}",
                    if got == want {
                        "hidden under a wide glyph".to_string()
                    } else {
                        format!("replaced by {got:?}")
                    }
                ));
            }
        }
    }
    Ok(())
}

fn check_state(t: &Texts, state: &str, size: (u16, u16)) -> Result<(Buffer, Buffer), String> {
    let twin = t.ascii_twin();
    let buf = draw(&reach(t, state), size);
    let twin_buf = draw(&reach(&twin, state), size);
    check(&buf, &twin_buf, &t.graphemes())
        .map_err(|e| format!("{state} at {}x{}: {e}", size.0, size.1))?;
    Ok((buf, twin_buf))
}

#[test]
fn every_screen_keeps_its_layout_at_every_size() {
    let t = Texts::unicode();
    let mut failures = Vec::new();
    for state in STATES {
        for size in SIZES {
            if let Err(e) = check_state(&t, state, size) {
                failures.push(e);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The twin really is the same layout: were the borders compared with a
/// screen that has none, the check above would prove nothing.
#[test]
fn the_ascii_twin_has_the_borders_of_each_bordered_screen() {
    let twin = Texts::unicode().ascii_twin();
    for state in [
        "home",
        "setup",
        "finish_note",
        "help",
        "stop_reason",
        "quit",
    ] {
        let buf = draw(&reach(&twin, state), (80, 24));
        let corners = buf
            .content
            .iter()
            .filter(|c| "┌┐└┘╭╮╰╯".contains(c.symbol()))
            .count();
        assert!(corners >= 4, "{state}:\n{}", to_text(&buf));
    }
}

fn find(buf: &Buffer, needle: &str) -> bool {
    (0..buf.area.height).any(|y| row_text(buf, y).contains(needle))
}

#[test]
fn text_that_fits_is_shown_whole() {
    let t = Texts::unicode();
    let size = (120, 40);
    let shown = |state: &str, needles: &[&str]| {
        let (buf, _) = check_state(&t, state, size).unwrap();
        for needle in needles {
            assert!(
                find(&buf, needle),
                "{state}: {needle:?} missing\n{}",
                to_text(&buf)
            );
        }
    };
    shown("home", &[&t.title, &t.broken_file]);
    shown(
        "setup_variant",
        &[&t.title, &t.variant_title, &t.equipment, &t.safety[0]],
    );
    shown("work", &[&t.timed_title, &t.cue]);
    shown("hold", &[&t.hold_title]);
    shown("beat", &[&t.beats[0].to_uppercase()]);
    shown("manual", &[&t.manual_title, &t.manual_instructions]);
    shown("variant_work", &[&t.variant_step, &t.cue]);
    shown("finish_complete", &[&t.title, &t.note, &t.reps_title]);
}

#[test]
fn a_combining_accent_stays_on_its_letter_in_one_cell() {
    let t = Texts::unicode();
    for (state, grapheme) in [
        ("home", "e\u{301}"),
        ("work", "е\u{301}"),
        ("work", "ы\u{301}"),
        ("beat", "И\u{306}"),
        ("work", "и\u{306}"),
        ("finish_complete", "e\u{301}"),
    ] {
        // At every size `check` finds no mark alone in a cell; where the
        // text fits, the letter and its accent share one.
        let (buf, _) = check_state(&t, state, (120, 40)).unwrap();
        assert!(
            buf.content.iter().any(|c| c.symbol() == grapheme),
            "{state}: no cell holds {grapheme:?}\n{}",
            to_text(&buf)
        );
    }
}

/// The first and one-past-last occupied columns of row `y`.
fn extent(buf: &Buffer, y: u16) -> Option<(u16, u16)> {
    let mut first = None;
    let mut end = 0;
    let mut x = 0;
    while x < buf.area.width {
        let cell = &buf[(x, y)];
        let w = cell.cell_width().max(1);
        if cell.symbol() != " " {
            first.get_or_insert(x);
            end = x + w;
        }
        x += w;
    }
    first.map(|f| (f, end))
}

/// Centred by display width: as many empty columns left as right, give or
/// take the odd one (either way: ratatui rounds both halves down).
fn assert_centred(buf: &Buffer, y: u16, what: &str) {
    let (first, end) = extent(buf, y).unwrap_or_else(|| panic!("row {y} is empty"));
    let (left, right) = (first, buf.area.width - end);
    assert!(
        left.abs_diff(right) <= 1,
        "{what}: {left} columns left, {right} right on row {y}\n{}",
        to_text(buf)
    );
}

#[test]
fn the_phase_name_is_centred_by_display_width() {
    let t = Texts::unicode();
    for size in SIZES {
        let (buf, twin) = check_state(&t, "beat", size).unwrap();
        assert!(row_text(&buf, 1).contains(&t.beats[0].to_uppercase()));
        assert_centred(&buf, 1, "beat label");
        // The same columns as the ASCII twin of the same width.
        assert_eq!(extent(&buf, 1), extent(&twin, 1), "{}x{}", size.0, size.1);
    }
}

/// Text under an overlay: a wide glyph whose right half falls on the
/// overlay's left border would hide the border on a real terminal.
#[test]
fn overlays_over_wide_text_keep_their_left_border() {
    // Glyphs at odd columns: one narrow letter, then CJK only.
    let mut t = Texts::unicode();
    t.timed_instructions = format!("Д{}", "梨状筋症候群".repeat(40));
    t.cue = "呼吸".repeat(40);
    for state in ["help", "quit", "stop_reason"] {
        for size in SIZES {
            check_state(&t, state, size).unwrap();
        }
    }
    t.timed_instructions = "梨状筋症候群".repeat(40);
    for state in ["help", "quit", "stop_reason"] {
        for size in SIZES {
            check_state(&t, state, size).unwrap();
        }
    }
}

#[test]
fn snapshots_with_cjk_and_combining_text() {
    let t = Texts::unicode();
    for state in ["home", "setup_variant", "work", "beat"] {
        let (buf, _) = check_state(&t, state, (80, 24)).unwrap();
        // Quoted rows, as in tests/screens.rs, so the right edge shows.
        let rows: String = (0..buf.area.height)
            .map(|y| format!("\"{}\"\n", row_text(&buf, y)))
            .collect();
        insta::assert_snapshot!(format!("{state}_80x24"), rows);
    }
}

/// A line break starts a new row where text has rows (instructions, safety
/// notes); on a single row (a title) it reads as a space. ratatui would drop
/// it and glue the words together.
#[test]
fn line_breaks_and_tabs_in_routine_text() {
    let mut t = Texts::unicode();
    t.timed_title = "Разогрев\tдо\nболи 痛".into();
    t.timed_instructions = "Лягте на спину.\nДышите\tровно 呼吸.".into();
    t.safety[0] = "Не при острой боли;\nне через силу 無理しない".into();
    let (work, _) = check_state(&t, "work", (80, 24)).unwrap();
    let rows: Vec<String> = (0..24).map(|y| row_text(&work, y)).collect();
    assert!(
        rows[0].starts_with("Разогрев до боли 痛 · шаг 1 из 4"),
        "{rows:#?}"
    );
    let at = rows
        .iter()
        .position(|r| r.starts_with("Лягте на спину."))
        .expect("the first line of the instructions");
    assert!(rows[at + 1].starts_with("Дышите ровно 呼吸."), "{rows:#?}");
    // Tall enough for the whole page: the twin, without these line
    // breaks, is a row shorter and would scroll differently.
    let (setup, _) = check_state(&t, "setup", (80, 40)).unwrap();
    let rows: Vec<String> = (0..40).map(|y| row_text(&setup, y)).collect();
    let at = rows
        .iter()
        .position(|r| r.starts_with("│  ! Не при острой боли;"))
        .expect("the safety note");
    assert!(
        rows[at + 1].starts_with("│    не через силу 無理しない"),
        "{rows:#?}"
    );
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z]{1,6}",
        3 => "[а-яА-ЯёЁ]{1,6}",
        3 => "[\u{4e00}-\u{4e40}\u{3041}-\u{3060}]{1,6}",
        1 => "[가-힣]{1,3}",
        1 => "[\u{ff66}-\u{ff9d}][\u{ff9e}\u{ff9f}]?",
        2 => Just(" ".to_string()),
        1 => "[a-zа-я\u{4e00}-\u{4e10}][\u{301}\u{306}\u{308}\u{327}]{1,2}",
        // Marks, a joiner or a variation selector after whatever came before.
        1 => "[\u{301}\u{306}\u{200d}\u{fe0f}]",
        1 => prop::sample::select(vec![
            "🧘‍♀️", "👨‍👩‍👧", "👍🏽", "❤️", "🎾", "🫁", "🏳️‍🌈", "✋", "\u{a0}", "—",
        ])
        .prop_map(String::from),
        1 => "[а-я]{30,60}",
        1 => "[\u{4e00}-\u{4e40}]{20,40}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    (
        "[A-Za-zА-Яа-я梨状筋]",
        prop::collection::vec(piece(), 0..12),
    )
        .prop_map(|(first, rest)| first + &rest.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_text_keeps_the_layout(
        texts in prop::collection::vec(text(), 12),
        w in 40u16..=130,
        h in 12u16..=45,
        state in prop::sample::select(STATES.to_vec()),
    ) {
        let mut t = Texts::unicode();
        let [title, cue, step, beat, variant, equipment, safety, instructions, manual, note, broken, variant_step]: [String; 12] =
            texts.try_into().unwrap();
        t.title = title;
        t.cue = cue;
        t.timed_title = step;
        t.beats[0] = beat;
        t.variant_title = variant;
        t.equipment = equipment;
        t.safety[0] = safety;
        t.timed_instructions = instructions;
        t.manual_title = manual;
        t.note = note;
        t.broken_file = broken;
        t.variant_step = variant_step;
        let result = check_state(&t, state, (w, h));
        prop_assert!(result.is_ok(), "{}", result.err().unwrap_or_default());
        if state == "beat" && width(&t.beats[0].to_uppercase()) < usize::from(w) {
            let (buf, twin) = result.unwrap();
            prop_assert_eq!(extent(&buf, 1), extent(&twin, 1));
        }
    }
}
