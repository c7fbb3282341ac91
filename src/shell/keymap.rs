//! The one table of keys: dispatch, the footer hints and the help overlay
//! all read it, so they cannot disagree. It is one file by design: the
//! table, the lookup that reads it (case, the Russian layout) and the
//! labels help prints belong together; each row is one `bind!` line.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::lang::Lang;
use crate::core::outcome::Compared;
use crate::i18n::Strings;

/// Where the user is; decides which bindings apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ctx {
    Safety,
    Home,
    History,
    Setup,
    Session,
    Finish,
    /// Typing the note on the finish screen: letters are text, not keys.
    FinishNote,
    Help,
    ConfirmQuit,
    /// Start a session in the pause after a course, though it will count
    /// toward no course?
    ConfirmCourse,
    StopReason,
    /// The self-care notes, opened from home.
    Care,
    /// Pain during the step just done, asked after a step with `ask_pain`.
    StepPain,
    /// The morning check: pain, stiffness, better/same/worse.
    Checkin,
    /// A measure's 0-10 score.
    MeasureScore,
    /// A measure's yes or no (the red flags).
    MeasureYesNo,
    /// A measure's typed answer (PSFS activities, minutes): text.
    MeasureText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    Confirm,
    Back,
    Help,
    Quit,
    /// Ctrl-C: end now, keeping what was done.
    Interrupt,
    /// Ctrl-Z: hand the terminal back to the shell.
    Suspend,
    TogglePause,
    Next,
    Prev,
    Stop,
    Variant,
    Pain(u8),
    Note,
    Yes,
    No,
    StopPain,
    StopOther,
    Reload,
    History,
    PageUp,
    PageDown,
    /// The first entry of a list (Home, g).
    First,
    /// The last entry of a list (End, G).
    Last,
    Char(char),
    Backspace,
    /// The note: delete the character under the cursor.
    Delete,
    /// History: the next routine's history.
    NextRoutine,
    /// History: the next span of the pain chart (30, 90, 365 days).
    ChartSpan,
    /// Open the self-care notes.
    Care,
    /// Show the exercise's picture, or hide it again: "show me".
    ShowMe,
    /// The morning check: better, the same or worse than yesterday.
    Compare(Compared),
    /// Home: answer the measure that is due.
    Measure,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    pub action: Action,
    pub contexts: &'static [Ctx],
    pub hint: fn(&Strings) -> &str,
    /// Shown in the footer as well as in help.
    pub footer: bool,
}

/// One row of [`KEYMAP`]; see there.
macro_rules! bind {
    ($keys:expr, $label:literal, $action:ident $(($arg:expr))?, $contexts:expr, $hint:ident, $shown:ident) => {
        Binding {
            keys: $keys,
            label: $label,
            action: Action::$action $(($arg))?,
            contexts: $contexts,
            hint: |s| &s.$hint,
            footer: bind!(@$shown),
        }
    };
    (@footer) => { true };
    (@help) => { false };
}

use Ctx::*;

const EVERYWHERE: &[Ctx] = &[
    Safety,
    Home,
    History,
    Setup,
    Session,
    Finish,
    FinishNote,
    Help,
    ConfirmQuit,
    ConfirmCourse,
    StopReason,
    Care,
    StepPain,
    Checkin,
    MeasureScore,
    MeasureYesNo,
    MeasureText,
];
#[rustfmt::skip]
const DIGITS: &[Key] = &[
    k('0'), k('1'), k('2'), k('3'), k('4'), k('5'), k('6'), k('7'), k('8'), k('9'), k('t'),
];

/// Every binding, one row each: keys, how help writes them, the action,
/// where it applies, its hint in [`Strings`], and whether the footer shows
/// it (`footer`) or only help does (`help`). Earlier rows win a key.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    bind!(&[k(' ')], "Space", TogglePause, &[Session], key_pause, footer),
    bind!(&[k('n'), code(KeyCode::Right)], "n/→", Next, &[Session], key_next, footer),
    bind!(&[k('b'), code(KeyCode::Left)], "b/←", Prev, &[Session], key_prev, footer),
    bind!(&[k('s'), code(KeyCode::Esc)], "s", Stop, &[Session], key_stop, footer),
    bind!(&[code(KeyCode::Enter)], "Enter", Confirm, &[Session], key_ready, footer),
    // The Russian layout's ш is on the same key, so it works unbound.
    bind!(&[k('i')], "i", ShowMe, &[Session], key_show_me, footer),
    // "Move" only where there is a cursor to move.
    bind!(&[code(KeyCode::Up), k('k')], "↑/↓", Up, &[Home, History, StopReason], key_up_down, footer),
    bind!(&[code(KeyCode::Down), k('j')], "↑/↓", Down, &[Home, History, StopReason], key_up_down, help),
    bind!(&[code(KeyCode::Up), k('k')], "↑/↓", Up, &[Care], key_scroll, footer),
    bind!(&[code(KeyCode::Down), k('j')], "↑/↓", Down, &[Care], key_scroll, help),
    bind!(&[code(KeyCode::PageUp)], "PgUp/PgDn", PageUp, &[History, Care], key_page, footer),
    bind!(&[code(KeyCode::PageDown)], "PgUp/PgDn", PageDown, &[History, Care], key_page, help),
    // Screens taller than the terminal scroll (safety, setup, finish);
    // the screen says so where it cuts, so the footer stays short.
    bind!(&[code(KeyCode::PageUp)], "PgUp/PgDn", PageUp, &[Safety, Setup, Finish], key_scroll, help),
    bind!(&[code(KeyCode::PageDown)], "PgUp/PgDn", PageDown, &[Safety, Setup, Finish], key_scroll, help),
    bind!(&[code(KeyCode::Up), k('k')], "↑/↓", Up, &[Safety, Setup, Finish], key_scroll, help),
    bind!(&[code(KeyCode::Down), k('j')], "↑/↓", Down, &[Safety, Setup, Finish], key_scroll, help),
    bind!(&[code(KeyCode::Home), k('g')], "g/G Home/End", First, &[History], key_first_last, help),
    bind!(&[code(KeyCode::End), k('G')], "g/G Home/End", Last, &[History], key_first_last, help),
    bind!(&[code(KeyCode::Tab)], "Tab", NextRoutine, &[History], key_next_routine, footer),
    bind!(&[k('d')], "d", ChartSpan, &[History], key_chart_span, footer),
    bind!(&[k('h')], "h", History, &[Home], key_history, footer),
    bind!(&[k('c')], "c", Care, &[Home], key_care, footer),
    bind!(&[code(KeyCode::Left), k('l')], "←/→", Left, &[Setup], key_side, footer),
    bind!(&[code(KeyCode::Right), k('r')], "←/→", Right, &[Setup], key_side, help),
    bind!(&[k('v')], "v", Variant, &[Setup], key_variant, footer),
    bind!(DIGITS, "0-9,t", Pain(0), &[Setup, Finish, StepPain], key_pain, footer),
    // Pain during a step: Enter says "no change", Esc skips the question,
    // b does the step again, s stops as in the session.
    bind!(&[code(KeyCode::Enter)], "Enter", Confirm, &[StepPain], key_step_pain_keep, footer),
    bind!(&[code(KeyCode::Esc)], "Esc", Back, &[StepPain], key_step_pain_skip, footer),
    bind!(&[k('b'), code(KeyCode::Left)], "b/←", Prev, &[StepPain], key_step_pain_redo, footer),
    bind!(&[k('s')], "s", Stop, &[StepPain], key_stop, footer),
    bind!(&[code(KeyCode::Tab)], "Tab", Note, &[Finish], key_note, footer),
    bind!(&[code(KeyCode::Enter)], "Enter", Confirm, &[Safety, Home, Setup, Finish, FinishNote, StopReason, Care], key_confirm, footer),
    bind!(&[k('p')], "p", StopPain, &[StopReason], stop_pain, help),
    bind!(&[k('o')], "o", StopOther, &[StopReason], stop_other, help),
    // Russian answers by meaning, «д/н» (да/нет), where the layout table
    // would read н (the key of `y`) as yes: these bindings come first.
    bind!(&[k('y'), k('д')], "y", Yes, &[ConfirmQuit, ConfirmCourse], key_yes, footer),
    bind!(&[k('n'), k('н')], "n", No, &[ConfirmQuit, ConfirmCourse], key_no, footer),
    bind!(&[k('r')], "r", Reload, &[Home, Finish], key_reload, help),
    // The note edits as a line does; only keys that type no text.
    bind!(&[code(KeyCode::Left)], "←/→", Left, &[FinishNote], key_cursor, help),
    bind!(&[code(KeyCode::Right)], "←/→", Right, &[FinishNote], key_cursor, help),
    bind!(&[code(KeyCode::Home)], "Home/End", First, &[FinishNote], key_line_ends, help),
    bind!(&[code(KeyCode::End)], "Home/End", Last, &[FinishNote], key_line_ends, help),
    bind!(&[code(KeyCode::Backspace)], "Backspace", Backspace, &[FinishNote], key_backspace, help),
    bind!(&[code(KeyCode::Delete)], "Delete", Delete, &[FinishNote], key_delete, help),
    bind!(&[code(KeyCode::Esc)], "Esc", Back, &[Setup, History, Help, ConfirmQuit, ConfirmCourse, StopReason, FinishNote, Care], key_back, footer),
    bind!(&[k('?')], "?", Help, &[Safety, Home, History, Setup, Session, Finish, Care], key_help, footer),
    bind!(&[k('q')], "q", Quit, &[Safety, Home, History, Setup, Session, Finish, Help, Care], key_quit, footer),
    bind!(&[ctrl('c')], "Ctrl-C", Interrupt, EVERYWHERE, key_quit, help),
    bind!(&[ctrl('z')], "Ctrl-Z", Suspend, EVERYWHERE, key_suspend, help),
    // The morning check and the measures: one key each answer.
    bind!(DIGITS, "0-9,t", Pain(0), &[Checkin, MeasureScore], key_score, footer),
    bind!(&[k('b')], "b", Compare(Compared::Better), &[Checkin], key_better, footer),
    bind!(&[k('s')], "s", Compare(Compared::Same), &[Checkin], key_same, footer),
    bind!(&[k('w')], "w", Compare(Compared::Worse), &[Checkin], key_worse, footer),
    bind!(&[code(KeyCode::Enter)], "Enter", Confirm, &[Checkin, MeasureScore], key_skip, footer),
    bind!(&[code(KeyCode::Enter)], "Enter", Confirm, &[MeasureText], key_confirm, footer),
    bind!(&[k('y'), k('д')], "y", Yes, &[MeasureYesNo], key_yes, footer),
    bind!(&[k('n'), k('н')], "n", No, &[MeasureYesNo], key_no, footer),
    bind!(&[code(KeyCode::Backspace)], "Backspace", Backspace, &[MeasureText], key_backspace, help),
    bind!(&[code(KeyCode::Esc)], "Esc", Back, &[Checkin, MeasureScore, MeasureYesNo, MeasureText], key_back, footer),
    bind!(&[k('m')], "m", Measure, &[Home], key_measure, footer),
];

/// The Russian ЙЦУКЕН letters and the Latin letters on the same keys of a
/// QWERTY keyboard, so `ы` stops a session as `s` does: a patient in pain
/// must not have to switch layouts first.
#[rustfmt::skip]
const RUSSIAN_LAYOUT: [(char, char); 33] = [
    ('й', 'q'), ('ц', 'w'), ('у', 'e'), ('к', 'r'), ('е', 't'), ('н', 'y'),
    ('г', 'u'), ('ш', 'i'), ('щ', 'o'), ('з', 'p'), ('х', '['), ('ъ', ']'),
    ('ф', 'a'), ('ы', 's'), ('в', 'd'), ('а', 'f'), ('п', 'g'), ('р', 'h'),
    ('о', 'j'), ('л', 'k'), ('д', 'l'), ('ж', ';'), ('э', '\''), ('я', 'z'),
    ('ч', 'x'), ('с', 'c'), ('м', 'v'), ('и', 'b'), ('т', 'n'), ('ь', 'm'),
    ('б', ','), ('ю', '.'), ('ё', '`'),
];

/// The Latin letter on the key that gives `c` in the Russian layout.
fn latin_key(c: char) -> Option<char> {
    RUSSIAN_LAYOUT
        .iter()
        .find(|(ru, _)| *ru == c)
        .map(|(_, en)| *en)
}

/// The Russian letter on the key of Latin `c`, for labels: "s/ы".
fn russian_key(c: char) -> Option<char> {
    RUSSIAN_LAYOUT
        .iter()
        .find(|(_, en)| *en == c)
        .map(|(ru, _)| *ru)
}

/// The action a key press means in `ctx`, if any. A letter is taken as
/// bound, else in lower case (Caps Lock, Shift), else as the Latin letter
/// on the same key of a Russian layout. Text typed into the note is text.
pub fn action_for(ctx: Ctx, event: KeyEvent) -> Option<Action> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let find = |code: KeyCode| {
        let pressed = Key { code, ctrl };
        KEYMAP
            .iter()
            .filter(|b| b.contexts.contains(&ctx))
            .find(|b| b.keys.contains(&pressed))
            .map(|b| (b.action, code))
    };
    let mut bound = find(event.code);
    let typing = matches!(ctx, FinishNote | MeasureText);
    if let (None, KeyCode::Char(c), false) = (bound, event.code, typing) {
        let lower = c.to_lowercase().next().unwrap_or(c);
        bound = find(KeyCode::Char(lower))
            .or_else(|| latin_key(lower).and_then(|l| find(KeyCode::Char(l))));
    }
    let bound = bound.map(|(action, code)| match (action, code) {
        (Action::Pain(_), KeyCode::Char('t')) => Action::Pain(10),
        (Action::Pain(_), KeyCode::Char(c)) => Action::Pain(c.to_digit(10).unwrap_or(0) as u8),
        (action, _) => action,
    });
    match (bound, ctx, event.code) {
        (Some(a), ..) => Some(a),
        (None, FinishNote | MeasureText, KeyCode::Char(c)) if !ctrl => Some(Action::Char(c)),
        _ => None,
    }
}

/// How a binding's keys are written for a user of `lang`: in Russian, a
/// letter also names the Cyrillic letter on its key ("s/ы"), or the one
/// it answers by meaning ("y/д").
fn label(b: &Binding, lang: Lang) -> String {
    if lang != Lang::Ru {
        return b.label.to_string();
    }
    // The key's name as printed on a Russian keyboard's manual, not English.
    if b.label == "Space" {
        return "пробел".to_string();
    }
    // Ten is the letter on the key of `t`: the Russian layout's «е».
    if let Some(digits) = b.label.strip_suffix(",t") {
        return format!("{digits},{}", russian_key('t').unwrap_or('t'));
    }
    let mut out = String::new();
    for (i, part) in b.label.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(part);
        let mut chars = part.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && c.is_ascii_lowercase()
        {
            let meaning = b.keys.iter().find_map(|k| match k.code {
                KeyCode::Char(r) if !r.is_ascii() => Some(r),
                _ => None,
            });
            if let Some(r) = meaning.or_else(|| russian_key(c)) {
                out.push('/');
                out.push(r);
            }
        }
    }
    out
}

/// (keys, meaning) pairs for `ctx`, once per label, with the keys written
/// for `lang`; `footer_only` keeps the short list for the bottom line.
pub fn hints(ctx: Ctx, strings: &Strings, lang: Lang, footer_only: bool) -> Vec<(String, &str)> {
    offered_hints(ctx, strings, lang, footer_only, |_| true)
        .into_iter()
        .map(|h| (h.keys, h.meaning))
        .collect()
}

/// One hint of the footer or help: the keys as written for the user, what
/// they do, and the action, which decides how long the hint keeps its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint<'a> {
    pub keys: String,
    pub meaning: &'a str,
    pub action: Action,
}

/// The hints of `ctx` whose action `offered` says the screen has now (no
/// "variant" on a routine without variants), once per label, in the
/// table's order.
pub fn offered_hints<'a>(
    ctx: Ctx,
    strings: &'a Strings,
    lang: Lang,
    footer_only: bool,
    offered: impl Fn(Action) -> bool,
) -> Vec<Hint<'a>> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for b in KEYMAP.iter().filter(|b| b.contexts.contains(&ctx)) {
        if (footer_only && !b.footer) || seen.contains(&b.label) || !offered(b.action) {
            continue;
        }
        seen.push(b.label);
        out.push(Hint {
            keys: label(b, lang),
            meaning: (b.hint)(strings),
            action: b.action,
        });
    }
    out
}

/// How long a footer hint keeps its place as the terminal narrows: the
/// lowest rank goes last. Stop comes first: stopping is what a patient in
/// pain needs. Below [`KEPT`] a hint is never left out, only shortened to
/// its keys, and those of the highest rank first.
pub fn rank(action: Action, waiting: bool) -> u8 {
    match action {
        Action::Stop => 0,
        // A manual step goes on only with Enter.
        Action::Confirm if waiting => 1,
        Action::TogglePause => 2,
        Action::Quit => 3,
        Action::Pain(_) | Action::Yes | Action::No | Action::Confirm => 4,
        // The setup screen's choices.
        Action::Left | Action::Right | Action::Variant => 5,
        Action::Back | Action::Help => 6,
        // Arrows and paging explain themselves; the screen's own keys
        // (Tab, d, v, h) come before them.
        Action::Up | Action::Down => 8,
        Action::PageUp | Action::PageDown => 9,
        _ => 7,
    }
}

/// Hints ranked below this are never left out of the footer.
pub const KEPT: u8 = 4;

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for ctx in EVERYWHERE {
            let mut seen: Vec<Key> = Vec::new();
            for b in KEYMAP.iter().filter(|b| b.contexts.contains(ctx)) {
                for key in b.keys {
                    assert!(!seen.contains(key), "{key:?} bound twice in {ctx:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn dispatch_follows_the_table() {
        assert_eq!(
            action_for(Session, press(KeyCode::Char(' '))),
            Some(Action::TogglePause)
        );
        assert_eq!(
            action_for(Session, press(KeyCode::Char('n'))),
            Some(Action::Next)
        );
        assert_eq!(
            action_for(ConfirmQuit, press(KeyCode::Char('n'))),
            Some(Action::No)
        );
        assert_eq!(
            action_for(Setup, press(KeyCode::Char('7'))),
            Some(Action::Pain(7))
        );
        assert_eq!(
            action_for(Finish, press(KeyCode::Char('t'))),
            Some(Action::Pain(10))
        );
        assert_eq!(action_for(Home, press(KeyCode::Char('x'))), None);
        assert_eq!(
            action_for(FinishNote, press(KeyCode::Char('q'))),
            Some(Action::Char('q'))
        );
        assert_eq!(
            action_for(History, press(KeyCode::Home)),
            Some(Action::First)
        );
        assert_eq!(
            action_for(History, press(KeyCode::Char('g'))),
            Some(Action::First)
        );
        assert_eq!(action_for(History, press(KeyCode::End)), Some(Action::Last));
        assert_eq!(
            action_for(History, press(KeyCode::Char('G'))),
            Some(Action::Last)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(FinishNote, ctrl_c), Some(Action::Interrupt));
    }

    #[test]
    fn footer_and_help_come_from_the_table() {
        let s = Strings::load(Lang::En);
        let footer = hints(Session, &s, Lang::En, true);
        assert_eq!(footer[0], ("Space".to_string(), "pause"));
        assert!(footer.iter().all(|(label, _)| label != "Ctrl-C"));
        let help = hints(Session, &s, Lang::En, false);
        assert!(help.iter().any(|(label, _)| label == "Ctrl-C"));
        assert!(help.len() > footer.len());
    }

    #[test]
    fn letters_work_in_a_russian_layout_and_in_upper_case() {
        assert_eq!(
            action_for(Session, press(KeyCode::Char('ы'))),
            Some(Action::Stop)
        );
        assert_eq!(
            action_for(Session, press(KeyCode::Char('S'))),
            Some(Action::Stop)
        );
        assert_eq!(
            action_for(Session, press(KeyCode::Char('Ы'))),
            Some(Action::Stop)
        );
        assert_eq!(action_for(Session, press(KeyCode::Esc)), Some(Action::Stop));
        assert_eq!(
            action_for(StopReason, press(KeyCode::Char('з'))),
            Some(Action::StopPain)
        );
        assert_eq!(
            action_for(Session, press(KeyCode::Char('т'))),
            Some(Action::Next)
        );
        assert_eq!(
            action_for(Home, press(KeyCode::Char('Й'))),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Finish, press(KeyCode::Char('е'))),
            Some(Action::Pain(10))
        );
        // «д/н» by meaning, though н sits on the key of `y`.
        assert_eq!(
            action_for(ConfirmQuit, press(KeyCode::Char('д'))),
            Some(Action::Yes)
        );
        assert_eq!(
            action_for(ConfirmQuit, press(KeyCode::Char('н'))),
            Some(Action::No)
        );
        assert_eq!(
            action_for(ConfirmQuit, press(KeyCode::Char('т'))),
            Some(Action::No)
        );
        // A note is text in any layout.
        assert_eq!(
            action_for(FinishNote, press(KeyCode::Char('ы'))),
            Some(Action::Char('ы'))
        );
    }

    #[test]
    fn stop_pause_and_quit_are_never_left_out_and_stop_goes_last() {
        for ctx in EVERYWHERE {
            for b in KEYMAP
                .iter()
                .filter(|b| b.contexts.contains(ctx) && b.footer)
            {
                let kept = matches!(b.action, Action::Stop | Action::TogglePause | Action::Quit);
                assert_eq!(
                    rank(b.action, false) < KEPT,
                    kept,
                    "{:?} in {ctx:?}",
                    b.action
                );
            }
        }
        assert_eq!(rank(Action::Stop, true), 0);
        assert!(rank(Action::Confirm, true) < KEPT);
        assert!(rank(Action::Help, false) > rank(Action::Pain(0), false));
    }

    #[test]
    fn russian_labels_name_the_key_the_user_will_find() {
        let s = Strings::load(Lang::Ru);
        let pain = hints(Setup, &s, Lang::Ru, true);
        assert!(pain.iter().any(|(l, _)| l == "0-9,е"), "{pain:?}");
        let footer = hints(Session, &s, Lang::Ru, true);
        assert!(footer.iter().any(|(l, _)| l == "s/ы"), "{footer:?}");
        assert!(footer.iter().any(|(l, _)| l == "n/т/→"), "{footer:?}");
        let quit = hints(ConfirmQuit, &s, Lang::Ru, true);
        assert!(quit.iter().any(|(l, _)| l == "y/д"), "{quit:?}");
        assert!(quit.iter().any(|(l, _)| l == "n/н"), "{quit:?}");
        let s = Strings::load(Lang::En);
        let en = hints(Session, &s, Lang::En, true);
        assert!(en.iter().any(|(l, _)| l == "s"), "{en:?}");
    }
}
