//! `limber config`: the settings in force, where each came from, and every
//! path limber uses, so a user can see what limber will do before it does.

use std::io::{self, Write};
use std::path::PathBuf;

use unicode_width::UnicodeWidthStr;

use super::context::Context;
use super::error::Error;
use super::suggest;
use crate::core::diagnostic::Diagnostic;
use crate::core::lang::Lang;
use crate::core::ron_spans::Pos;
use crate::core::sanitize::visible;
use crate::i18n::{CliStrings, HistoryStrings};
use crate::shell::exit::Exit;
use crate::store::config::{ConfigError, EventSound, InForce, Sounds};
use crate::store::history::FILE_NAME;
use crate::store::paths;

pub use crate::store::config::Source;

/// Every path limber uses; `None` where it cannot tell (no home directory).
#[derive(Clone, Debug, Default)]
pub struct Paths {
    pub config_file: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub database: Option<PathBuf>,
    pub routines_dir: Option<PathBuf>,
    pub rescue_dir: Option<PathBuf>,
}

/// What `limber config` shows.
pub struct Resolved {
    pub lang: (Lang, Source),
    pub settings: InForce,
    pub paths: Paths,
}

/// How a source reads in `lang`: "(default)", "(from the configuration
/// file)". `remind status` says it the same way.
pub fn source_word(s: &CliStrings, src: Source) -> &str {
    match src {
        Source::File => &s.config_from_file,
        Source::Flag => &s.config_from_flag,
        Source::Locale => &s.config_from_env,
        Source::Saved => &s.config_from_saved,
        Source::Default => &s.config_default,
    }
}

/// "on" or "off" in the user's language.
pub fn on_off(s: &CliStrings, b: bool) -> &str {
    if b { &s.config_on } else { &s.config_off }
}

/// Each event's sound as the file spells it: `go tone, rest tone, …`.
fn sounds(s: Sounds) -> String {
    let each = s.each().map(|(event, sound)| {
        let sound = match sound {
            EventSound::Tone => "tone",
            EventSound::Bell => "bell",
            EventSound::Off => "off",
        };
        format!("{event} {sound}")
    });
    each.join(", ")
}

/// The settings and paths as text in `lang`: one `name  value  (source)`
/// a line, aligned.
pub fn text(r: &Resolved, lang: Lang) -> String {
    let s = CliStrings::load(lang);
    let h = HistoryStrings::load(lang);
    let c = &r.settings;
    let on_off = |(b, src): (bool, Source)| (on_off(&s, b).to_string(), src);
    let settings = [
        (r.lang.0.code().to_string(), r.lang.1),
        on_off(c.sound),
        (sounds(c.sounds.0), c.sounds.1),
        on_off(c.voice),
        (c.waking_hours.0.to_string(), c.waking_hours.1),
        on_off(c.reminders),
        (h.side(c.side.0).to_string(), c.side.1),
    ];
    let shown = |p: &Option<PathBuf>| match p {
        Some(p) => visible(&p.display().to_string()).into_owned(),
        None => s.config_unknown.clone(),
    };
    let p = &r.paths;
    let mut config_file = shown(&p.config_file);
    if p.config_file.as_ref().is_some_and(|f| !f.exists()) {
        config_file.push_str(&format!(" ({})", s.config_not_found));
    }
    let paths = [
        config_file,
        shown(&p.data_dir),
        shown(&p.database),
        shown(&p.routines_dir),
        shown(&p.rescue_dir),
    ];
    let width = s
        .config_keys
        .iter()
        .chain(&s.config_path_names)
        .map(|k| k.width())
        .max()
        .unwrap_or(0);
    let pad = |k: &str| format!("{k}{}", " ".repeat(width - k.width()));
    let mut out = format!("{}\n", s.config_title);
    for (key, (value, src)) in s.config_keys.iter().zip(settings) {
        out.push_str(&format!(
            "  {}  {value}  ({})\n",
            pad(key),
            source_word(&s, src)
        ));
    }
    out.push_str(&format!("{}\n", s.config_paths));
    for (key, value) in s.config_path_names.iter().zip(paths) {
        out.push_str(&format!("  {}  {value}\n", pad(key)));
    }
    out
}

/// `limber config`.
pub fn run(ctx: &mut Context) -> Result<Exit, Error> {
    let data_dir = ctx.data_dir.clone();
    let resolved = Resolved {
        lang: (ctx.lang, ctx.lang_source),
        settings: ctx.in_force(),
        paths: Paths {
            config_file: ctx.config_file.clone(),
            database: data_dir.as_ref().map(|d| d.join(FILE_NAME)),
            rescue_dir: paths::state_dir(None).or_else(|| data_dir.clone()),
            data_dir,
            routines_dir: ctx.routines_dir.clone(),
        },
    };
    ctx.out.write_all(text(&resolved, ctx.lang).as_bytes())?;
    Ok(Exit::Done)
}

/// A broken configuration file: where, what, and how to get going again.
pub fn report_error(e: &ConfigError, lang: Lang, err: &mut impl Write) -> io::Result<()> {
    let s = CliStrings::load(lang);
    match e {
        ConfigError::Unreadable(e) => {
            writeln!(err, "limber: {}", visible(&e.to_string()))?;
            writeln!(err, "{}", suggest::hint(&s, &s.config_broken))
        }
        ConfigError::Invalid {
            path,
            line,
            col,
            message,
            quoted,
        } => {
            let d = Diagnostic::new(
                Pos {
                    line: *line,
                    col: *col,
                },
                message.clone(),
            )
            .with_hint(Some(s.config_broken.clone()));
            write!(
                err,
                "{}",
                d.render_line(&path.display().to_string(), quoted.as_deref())
            )
        }
    }
}
