//! `cli::Context`: what every command runs with besides its own arguments,
//! built once per process: the language and where it came from, the
//! configuration, the paths, the output streams and the routine library.

use std::cell::OnceCell;
use std::path::PathBuf;

use super::args::Global;
use super::config::{self as show_config, Source};
use super::error::Error;
use super::log;
use crate::core::lang::Lang;
use crate::shell::exit::Exit;
use crate::shell::output::{Stderr, Stdout};
use crate::store::config::{self, Config, InForce};
use crate::store::history::History;
use crate::store::paths;
use crate::store::routines::{Library, load_library};
use crate::store::settings;

pub struct Context {
    pub lang: Lang,
    /// Where `lang` came from, for `limber config`.
    pub lang_source: Source,
    pub config: Config,
    pub config_file: Option<PathBuf>,
    /// The global flags as given: `remind install` writes them into the
    /// timer's command line.
    pub global: Global,
    pub data_dir: Option<PathBuf>,
    pub routines_dir: Option<PathBuf>,
    pub library: Routines,
    pub out: Stdout,
    pub err: Stderr,
}

/// The routine library, loaded the first time a command asks and then
/// kept: every command and screen after that names routines by id in this
/// one library. Commands that never need it (`config`, `log`) never load it.
pub struct Routines {
    lang: Lang,
    dir: Option<PathBuf>,
    /// The data directory, where a signed prescription in force lives.
    data: Option<PathBuf>,
    loaded: OnceCell<Library>,
}

impl Routines {
    pub fn get(&self) -> &Library {
        self.loaded.get_or_init(|| self.load())
    }

    /// The built-ins, the user's routines over them, the prescribed over both.
    fn load(&self) -> Library {
        let mut library = load_library(self.lang, self.dir.as_deref());
        crate::store::prescription::overlay(&mut library, self.data.as_deref());
        library
    }

    /// The library itself, for the coach, which keeps it for the session.
    pub fn take(&mut self) -> Library {
        self.loaded.take().unwrap_or_else(|| self.load())
    }
}

/// The locale's language from the process environment.
fn locale() -> Lang {
    let var = |k| std::env::var(k).ok();
    Lang::from_locale(
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    )
}

/// The language of a command line clap refused, so that its usage error
/// can be followed by a hint the user reads: `--lang` as typed, else the
/// configuration file's `language`, else the locale. A broken file is
/// passed over here; the command did not run, so there is nothing to
/// configure.
pub fn usage_lang(argv: &[std::ffi::OsString]) -> Lang {
    let args: Vec<String> = argv
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value_of = |flag: &str| {
        args.iter().enumerate().find_map(|(i, a)| {
            if a == flag {
                args.get(i + 1).cloned()
            } else {
                a.strip_prefix(&format!("{flag}=")).map(str::to_string)
            }
        })
    };
    if let Some(l) = value_of("--lang").as_deref().and_then(Lang::from_code) {
        return l;
    }
    let given = value_of("--config")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("LIMBER_CONFIG").map(PathBuf::from));
    paths::config_file(given)
        .and_then(|f| config::load(&f).ok())
        .and_then(|c| c.language)
        .map_or_else(locale, |l| l.0)
}

impl Context {
    /// Reads the configuration and settles the language: `--lang`, then
    /// the file's `language`, then the locale. A broken configuration file
    /// is reported here, and the command does not run.
    pub fn load(global: Global, mut err: Stderr) -> Result<Context, Exit> {
        let locale = locale();
        let flag_lang = global.lang.map(Lang::from);
        let config_file = paths::config_file(global.config.clone());
        let config = match config_file.as_deref().map(config::load).transpose() {
            Ok(c) => c.unwrap_or_default(),
            Err(e) => {
                let _ = show_config::report_error(&e, flag_lang.unwrap_or(locale), &mut err);
                return Err(Exit::Usage);
            }
        };
        let (lang, lang_source) = match (flag_lang, config.language) {
            (Some(l), _) => (l, Source::Flag),
            (None, Some(l)) => (l.0, Source::File),
            (None, None) => (locale, Source::Locale),
        };
        let routines_dir = paths::routines_dir(global.routines.clone());
        let data_dir = paths::data_dir(global.data_dir.clone());
        Ok(Context {
            lang,
            lang_source,
            config,
            config_file,
            library: Routines {
                lang,
                dir: routines_dir.clone(),
                data: data_dir.clone(),
                loaded: OnceCell::new(),
            },
            global,
            data_dir,
            routines_dir,
            out: Stdout::new(),
            err,
        })
    }

    /// The settings in force: the configuration file's, else the side
    /// saved last time, else the defaults (see [`Config::in_force`]).
    pub fn in_force(&self) -> InForce {
        let saved = self
            .data_dir
            .as_deref()
            .and_then(|d| settings::load(d).0.side);
        self.config.in_force(saved)
    }

    /// The log in the data directory, if there is one, opened to be read
    /// only (every command that asks for it only reads); what opening it
    /// found (an imported old log, a damaged database) is told on stderr.
    pub fn open_log(&mut self) -> Result<Option<History>, Error> {
        match self.data_dir.as_deref() {
            Some(dir) => log::open_read(dir, self.lang, &mut self.err).map(Some),
            None => Ok(None),
        }
    }
}
