//! The one table of keys: dispatch, the footer hints and the help overlay
//! all read it, so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::core::lang::Lang;
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
    /// Open the self-care notes.
    Care,
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
];
const DIGITS: &[Key] = &[
    k('0'),
    k('1'),
    k('2'),
    k('3'),
    k('4'),
    k('5'),
    k('6'),
    k('7'),
    k('8'),
    k('9'),
    k('t'),
];

pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[k(' ')],
        label: "Space",
        action: Action::TogglePause,
        contexts: &[Session],
        hint: |s| &s.key_pause,
        footer: true,
    },
    Binding {
        keys: &[k('n'), code(KeyCode::Right)],
        label: "n/→",
        action: Action::Next,
        contexts: &[Session],
        hint: |s| &s.key_next,
        footer: true,
    },
    Binding {
        keys: &[k('b'), code(KeyCode::Left)],
        label: "b/←",
        action: Action::Prev,
        contexts: &[Session],
        hint: |s| &s.key_prev,
        footer: true,
    },
    Binding {
        keys: &[k('s'), code(KeyCode::Esc)],
        label: "s",
        action: Action::Stop,
        contexts: &[Session],
        hint: |s| &s.key_stop,
        footer: true,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        action: Action::Confirm,
        contexts: &[Session],
        hint: |s| &s.key_ready,
        footer: true,
    },
    Binding {
        keys: &[code(KeyCode::Up), k('k')],
        label: "↑/↓",
        action: Action::Up,
        contexts: &[Home, History, Setup, StopReason, Care],
        hint: |s| &s.key_up_down,
        footer: true,
    },
    Binding {
        keys: &[code(KeyCode::Down), k('j')],
        label: "↑/↓",
        action: Action::Down,
        contexts: &[Home, History, Setup, StopReason, Care],
        hint: |s| &s.key_up_down,
        footer: false,
    },
    Binding {
        keys: &[code(KeyCode::PageUp)],
        label: "PgUp/PgDn",
        action: Action::PageUp,
        contexts: &[History, Care],
        hint: |s| &s.key_page,
        footer: true,
    },
    Binding {
        keys: &[code(KeyCode::PageDown)],
        label: "PgUp/PgDn",
        action: Action::PageDown,
        contexts: &[History, Care],
        hint: |s| &s.key_page,
        footer: false,
    },
    // Screens taller than the terminal scroll (safety, setup, finish);
    // the screen says so where it cuts, so the footer stays short.
    Binding {
        keys: &[code(KeyCode::PageUp)],
        label: "PgUp/PgDn",
        action: Action::PageUp,
        contexts: &[Safety, Setup, Finish],
        hint: |s| &s.key_scroll,
        footer: false,
    },
    Binding {
        keys: &[code(KeyCode::PageDown)],
        label: "PgUp/PgDn",
        action: Action::PageDown,
        contexts: &[Safety, Setup, Finish],
        hint: |s| &s.key_scroll,
        footer: false,
    },
    Binding {
        keys: &[code(KeyCode::Up), k('k')],
        label: "↑/↓",
        action: Action::Up,
        contexts: &[Safety, Finish],
        hint: |s| &s.key_scroll,
        footer: false,
    },
    Binding {
        keys: &[code(KeyCode::Down), k('j')],
        label: "↑/↓",
        action: Action::Down,
        contexts: &[Safety, Finish],
        hint: |s| &s.key_scroll,
        footer: false,
    },
    Binding {
        keys: &[code(KeyCode::Home), k('g')],
        label: "g/G Home/End",
        action: Action::First,
        contexts: &[History],
        hint: |s| &s.key_first_last,
        footer: false,
    },
    Binding {
        keys: &[code(KeyCode::End), k('G')],
        label: "g/G Home/End",
        action: Action::Last,
        contexts: &[History],
        hint: |s| &s.key_first_last,
        footer: false,
    },
    Binding {
        keys: &[k('h')],
        label: "h",
        action: Action::History,
        contexts: &[Home],
        hint: |s| &s.key_history,
        footer: true,
    },
    Binding {
        keys: &[k('c')],
        label: "c",
        action: Action::Care,
        contexts: &[Home],
        hint: |s| &s.key_care,
        footer: true,
    },
    Binding {
        keys: &[code(KeyCode::Left), k('l')],
        label: "←/→",
        action: Action::Left,
        contexts: &[Setup],
        hint: |s| &s.key_side,
        footer: true,
    },
    Binding {
        keys: &[code(KeyCode::Right), k('r')],
        label: "←/→",
        action: Action::Right,
        contexts: &[Setup],
        hint: |s| &s.key_side,
        footer: false,
    },
    Binding {
        keys: &[k('v')],
        label: "v",
        action: Action::Variant,
        contexts: &[Setup],
        hint: |s| &s.key_variant,
        footer: true,
    },
    Binding {
        keys: DIGITS,
        label: "0-9,t",
        action: Action::Pain(0),
        contexts: &[Setup, Finish],
        hint: |s| &s.key_pain,
        footer: true,
    },
    Binding {
        keys: &[code(KeyCode::Tab)],
        label: "Tab",
        action: Action::Note,
        contexts: &[Finish],
        hint: |s| &s.key_note,
        footer: true,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        action: Action::Confirm,
        contexts: &[Safety, Home, Setup, Finish, FinishNote, StopReason, Care],
        hint: |s| &s.key_confirm,
        footer: true,
    },
    Binding {
        keys: &[k('p')],
        label: "p",
        action: Action::StopPain,
        contexts: &[StopReason],
        hint: |s| &s.stop_pain,
        footer: false,
    },
    Binding {
        keys: &[k('o')],
        label: "o",
        action: Action::StopOther,
        contexts: &[StopReason],
        hint: |s| &s.stop_other,
        footer: false,
    },
    // Russian answers by meaning, «д/н» (да/нет), where the layout table
    // would read н (the key of `y`) as yes: these bindings come first.
    Binding {
        keys: &[k('y'), k('д')],
        label: "y",
        action: Action::Yes,
        contexts: &[ConfirmQuit, ConfirmCourse],
        hint: |s| &s.key_yes,
        footer: true,
    },
    Binding {
        keys: &[k('n'), k('н')],
        label: "n",
        action: Action::No,
        contexts: &[ConfirmQuit, ConfirmCourse],
        hint: |s| &s.key_no,
        footer: true,
    },
    Binding {
        keys: &[k('r')],
        label: "r",
        action: Action::Reload,
        contexts: &[Home, Finish],
        hint: |s| &s.key_reload,
        footer: false,
    },
    Binding {
        keys: &[code(KeyCode::Backspace)],
        label: "Backspace",
        action: Action::Backspace,
        contexts: &[FinishNote],
        hint: |s| &s.key_back,
        footer: false,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        action: Action::Back,
        contexts: &[
            Setup,
            History,
            Help,
            ConfirmQuit,
            ConfirmCourse,
            StopReason,
            FinishNote,
            Care,
        ],
        hint: |s| &s.key_back,
        footer: true,
    },
    Binding {
        keys: &[k('?')],
        label: "?",
        action: Action::Help,
        contexts: &[Safety, Home, History, Setup, Session, Finish, Care],
        hint: |s| &s.key_help,
        footer: true,
    },
    Binding {
        keys: &[k('q')],
        label: "q",
        action: Action::Quit,
        contexts: &[Safety, Home, History, Setup, Session, Finish, Help, Care],
        hint: |s| &s.key_quit,
        footer: true,
    },
    Binding {
        keys: &[ctrl('c')],
        label: "Ctrl-C",
        action: Action::Interrupt,
        contexts: EVERYWHERE,
        hint: |s| &s.key_quit,
        footer: false,
    },
    Binding {
        keys: &[ctrl('z')],
        label: "Ctrl-Z",
        action: Action::Suspend,
        contexts: EVERYWHERE,
        hint: |s| &s.key_suspend,
        footer: false,
    },
];

/// The Russian ЙЦУКЕН letters and the Latin letters on the same keys of a
/// QWERTY keyboard, so `ы` stops a session as `s` does: a patient in pain
/// must not have to switch layouts first.
const RUSSIAN_LAYOUT: [(char, char); 33] = [
    ('й', 'q'),
    ('ц', 'w'),
    ('у', 'e'),
    ('к', 'r'),
    ('е', 't'),
    ('н', 'y'),
    ('г', 'u'),
    ('ш', 'i'),
    ('щ', 'o'),
    ('з', 'p'),
    ('х', '['),
    ('ъ', ']'),
    ('ф', 'a'),
    ('ы', 's'),
    ('в', 'd'),
    ('а', 'f'),
    ('п', 'g'),
    ('р', 'h'),
    ('о', 'j'),
    ('л', 'k'),
    ('д', 'l'),
    ('ж', ';'),
    ('э', '\''),
    ('я', 'z'),
    ('ч', 'x'),
    ('с', 'c'),
    ('м', 'v'),
    ('и', 'b'),
    ('т', 'n'),
    ('ь', 'm'),
    ('б', ','),
    ('ю', '.'),
    ('ё', '`'),
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
    if let (None, KeyCode::Char(c), false) = (bound, event.code, ctx == FinishNote) {
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
        (None, FinishNote, KeyCode::Char(c)) if !ctrl => Some(Action::Char(c)),
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
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for b in KEYMAP.iter().filter(|b| b.contexts.contains(&ctx)) {
        if (footer_only && !b.footer) || seen.contains(&b.label) {
            continue;
        }
        seen.push(b.label);
        out.push((label(b, lang), (b.hint)(strings)));
    }
    out
}

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
        assert_eq!(footer[0], ("Space".to_string(), "pause/resume"));
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
    fn russian_labels_name_the_key_the_user_will_find() {
        let s = Strings::load(Lang::Ru);
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
