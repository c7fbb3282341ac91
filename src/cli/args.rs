//! The command line: every command and option, with its `--help`.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::lang::Lang;
use crate::core::routine::Side;
use crate::shell::exit::Exit;
use crate::shell::output::{Stderr, Stdout};

#[derive(Debug, Parser)]
#[command(
    name = "limber",
    version,
    about = "A terminal coach for piriformis syndrome: guided exercises and self-massage, with a log",
    long_about = "A terminal coach for piriformis syndrome.\n\n\
        Without a command, limber opens the coach: pick a routine and it guides you \
        step by step with countdowns you can read and hear from a mat.\n\n\
        limber is a coach, not a doctor: agree every exercise with your doctor, and stop \
        at once if the pain rises sharply.",
    after_help = crate::shell::exit::HELP
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// For the coach (no command); `run` and `preview` take them too.
    #[command(flatten)]
    pub session: SessionFlags,
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct Global {
    /// Directory of your own routines; they add to and override the built-in
    /// ones [default: $XDG_CONFIG_HOME/limber/routines]
    #[arg(long, global = true, value_name = "DIR")]
    pub routines: Option<PathBuf>,
    /// Where settings and the session history live
    /// [default: $XDG_DATA_HOME/limber]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Language of the interface and the built-in routines
    /// [default: from LC_ALL, LC_MESSAGES or LANG; English otherwise]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// The configuration file [default: $XDG_CONFIG_HOME/limber/config.toml]
    #[arg(long, global = true, value_name = "FILE", env = "LIMBER_CONFIG")]
    pub config: Option<PathBuf>,
    /// Colour in error messages: auto (when standard error is a terminal
    /// and NO_COLOR is not set), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// The options of a session: the coach, `run` and `preview` only.
#[derive(Debug, Args, Clone, Default)]
pub struct SessionFlags {
    /// No sound at all: the same as `--sound off`
    #[arg(long)]
    pub quiet: bool,
    /// How phase changes and the last seconds sound: distinct tones played
    /// with pw-play, paplay, aplay or afplay (the bell when none is found,
    /// or over SSH), the terminal bell, or nothing [default: tones, or what
    /// the configuration file says]
    #[arg(long, value_enum)]
    pub sound: Option<SoundArg>,
    /// A voice coach with espeak-ng (or `say`): each exercise and its cue, next up, halfway, the last seconds
    #[arg(long, overrides_with = "no_voice")]
    pub voice: bool,
    /// Do not speak, even when the configuration file says `voice = true`
    #[arg(long, overrides_with = "voice")]
    pub no_voice: bool,
}

impl SessionFlags {
    /// These flags, or those given before the subcommand (`limber --quiet
    /// run ...` as well as `limber run --quiet ...`).
    pub fn or(&self, outer: &SessionFlags) -> SessionFlags {
        SessionFlags {
            quiet: self.quiet || outer.quiet,
            sound: self.sound.or(outer.sound),
            voice: self.voice || (outer.voice && !self.no_voice),
            no_voice: self.no_voice || (outer.no_voice && !self.voice),
        }
    }

    /// Whether to speak: the flags, else the configuration file's `voice`.
    pub fn voice_with(&self, config: Option<bool>) -> bool {
        !self.no_voice && (self.voice || config.unwrap_or(false))
    }
}

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum SoundArg {
    #[default]
    Tones,
    Bell,
    Off,
}

impl From<SoundArg> for crate::shell::sound::Mode {
    fn from(a: SoundArg) -> Self {
        match a {
            SoundArg::Tones => Self::Tones,
            SoundArg::Bell => Self::Bell,
            SoundArg::Off => Self::Off,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Start a session of ROUTINE directly
    Run(RunArgs),
    /// Walk through a routine at N times speed, to check it; never logged
    Preview {
        #[command(flatten)]
        run: RunArgs,
        /// How many times faster than real time
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=600))]
        speed: u32,
    },
    /// List the routines limber loads, with their length, schedule and source
    Routines,
    /// Check routine files and show every mistake with its line and column
    ///
    /// Exit status: 0 when every file is valid, 1 when any is not, 2 on a
    /// usage error (a path that does not exist, or a directory with no
    /// routine files in it: there was nothing to check).
    Validate {
        /// Files or directories to check [default: every routine limber
        /// would load: the built-ins and your routines directory]
        paths: Vec<PathBuf>,
    },
    /// Edit a routine safely, like visudo: only a valid routine is installed
    ///
    /// Opens a copy of ROUTINE in $VISUAL, else $EDITOR, else nano or vi.
    /// When you save, limber checks the routine: a valid change is installed
    /// (a built-in routine as ID.ron in your routines directory) and the
    /// previous version kept as `<file>.bak`; an invalid one is shown
    /// with every mistake, and you edit again, keep the previous version, or
    /// save your edit as `<file>.draft` (never loaded; carry on with it
    /// later with `--draft`).
    ///
    /// Exit status: 0 when the change was installed or nothing changed, 1
    /// when it was not installed, 2 when there is no such routine.
    Edit {
        /// Routine id, as `limber routines` shows it, or a path to a `.ron` file
        routine: String,
        /// Start from the draft an earlier edit saved (`<file>.draft`) instead
        /// of the installed file; the draft is removed once installed
        #[arg(long)]
        draft: bool,
    },
    /// Start a new routine from a template with comments on every field
    ///
    /// Writes ID.ron into your routines directory, in the interface
    /// language; it is valid as it is. Never overwrites a file.
    New {
        /// Id of the new routine: up to 64 lowercase letters, digits and `-`, starting with a letter or a digit, like `hip-basics`
        id: String,
    },
    /// Print a routine as a handout for the patient, in Markdown or HTML
    ///
    /// The handout is in the routine's language: title, description, total
    /// time, schedule, course, what pain before and after a session means,
    /// equipment, safety notes, then every step with its instructions,
    /// cues, numbers and time.
    Export {
        /// Routine id, as `limber routines` shows it, or a path to a `.ron` file
        routine: String,
        /// A variant of the routine, e.g. `gentle` for the massage
        #[arg(long)]
        variant: Option<String>,
        /// The patient's affected leg, to name it in the steps
        #[arg(long, value_enum)]
        side: Option<SideArg>,
        /// Output format [default: from the extension of FILE, else md]
        #[arg(long, value_enum)]
        format: Option<crate::cli::export::Format>,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Past sessions, newest last, as a table, CSV or JSON
    History {
        /// Only sessions from this date on (YYYY-MM-DD)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        since: Option<NaiveDate>,
        /// Only sessions of this routine id
        #[arg(long, value_name = "ID")]
        routine: Option<String>,
        #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
        format: HistoryFormat,
    },
    /// A report for the physiotherapist, in Markdown or as one HTML page:
    /// flags first, pain and adherence per routine, holds, skipped steps,
    /// notes, the course timeline, versions, the dose over time
    ///
    /// With several `--log` files or `--logs DIR`, one report per patient
    /// and an index of them all are written into the directory `-o DIR`.
    Report {
        /// Chart and list sessions from this date on (YYYY-MM-DD); the
        /// course, today and what is due always come from the whole log
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        since: Option<NaiveDate>,
        /// Chart and list sessions up to this date (YYYY-MM-DD)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        until: Option<NaiveDate>,
        /// Output format [default: from the extension of FILE, else md]
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Report on this exported log (`limber log export`) or old
        /// history.jsonl instead of your own; your data is not touched.
        /// Give it again for more patients
        #[arg(long, value_name = "FILE")]
        log: Vec<PathBuf>,
        /// Report on every *.jsonl file in DIR, one patient each
        #[arg(long, value_name = "DIR", conflicts_with = "log")]
        logs: Option<PathBuf>,
        /// Write to FILE (created new, readable by you only); with several
        /// patients, into the directory DIR
        #[arg(short, long, value_name = "FILE|DIR")]
        output: Option<PathBuf>,
    },
    /// One line for a shell prompt, e.g. "stretch 2/3 today, massage 5/12"
    Status,
    /// Desktop reminders when a session is due, from a per-user timer
    ///
    /// `limber remind install` sets up a systemd user timer on Linux
    /// (~/.config/systemd/user/limber-remind.{service,timer}), a launchd
    /// agent on macOS, else prints a crontab line; every 15 minutes it runs
    /// `limber remind check`, which shows one notification per due session,
    /// never twice for the same one, and none during a course pause,
    /// outside the waking hours or with `reminders = false` in the
    /// configuration file.
    Remind {
        #[command(subcommand)]
        command: RemindCommand,
    },
    /// Back up, move and merge the session log
    Log {
        #[command(subcommand)]
        command: LogCommand,
    },
    /// Print the settings in force, where each came from, and every path limber uses
    ///
    /// The configuration file is TOML, at $XDG_CONFIG_HOME/limber/config.toml
    /// (or --config FILE); every key is optional and flags override it:
    ///
    ///   language = "ru"              # en or ru
    ///   sound = false                # false: like --quiet
    ///   voice = true                 # like --voice
    ///   waking_hours = "08:00-22:00" # when reminders may come
    ///   reminders = true
    ///   side = "right"               # the affected leg, when --side is not given
    ///   [sounds]                     # each event "tone", "bell" or "off"; tone if not named
    ///   go = "tone"                  # work starts
    ///   rest = "tone"                # a rest or get-ready starts
    ///   switch = "bell"              # switch sides
    ///   countdown = "off"            # the last three seconds
    ///   end = "tone"                 # the session is over
    // Verbatim, or clap reflows the example's lines into one.
    #[command(verbatim_doc_comment)]
    Config,
    /// Print a shell completion script to standard output
    ///
    /// For example: `limber completions bash > ~/.local/share/bash-completion/completions/limber`,
    /// `limber completions zsh > ~/.zfunc/_limber`, or
    /// `limber completions fish > ~/.config/fish/completions/limber.fish`.
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output
    ///
    /// For example: `limber man > ~/.local/share/man/man1/limber.1`, or
    /// `limber man | man -l -`.
    Man,
    /// The morning check: pain and stiffness this morning, better or worse than yesterday
    ///
    /// Asks on standard input for what the options leave out (Enter skips a
    /// question); from a script, give the answers as options.
    Checkin(super::checkin::CheckinArgs),
    /// An outcome measure: psfs, sitting, usual-pain or red-flags
    ///
    /// PSFS names 3 to 5 activities the first time and rates each 0-10;
    /// the others ask one answer. Asked on standard input unless given as
    /// options.
    Measure(super::measure::MeasureArgs),
    /// The physiotherapist's signing key (minisign format), for `prescribe`
    ///
    /// The key pair lives in $XDG_CONFIG_HOME/limber/key/: `limber.key`,
    /// the secret key, readable by you only and never printed; `limber.pub`,
    /// the public key your patients check your prescriptions with.
    Key {
        #[command(subcommand)]
        command: KeyCommand,
    },
    /// Bundle routines into a signed prescription file for one patient
    ///
    /// The file is a tar archive of exactly two files: `prescription.ron`
    /// (the routines with their schedule, pain rules and pictures, the
    /// patient, the affected side, who prescribes it and from when) and its
    /// minisign signature `prescription.ron.minisig`. Each patient's
    /// prescription keeps its id; each new one for the same patient label
    /// is the next version. Check it without limber: `tar -xf FILE` then
    /// `minisign -Vm prescription.ron -P KEY`.
    Prescribe(PrescribeArgs),
    /// The signed prescription from your physiotherapist: import, show, roll back
    Prescription {
        #[command(subcommand)]
        command: PrescriptionCommand,
    },
}

#[derive(Debug, Subcommand, Clone)]
pub enum KeyCommand {
    /// Make a new key pair; the secret key is protected by a password
    New {
        /// No password on the secret key: only for a key that never
        /// leaves your own machine
        #[arg(long)]
        no_password: bool,
    },
    /// Print the public key and its fingerprint, to give to patients
    Show,
}

#[derive(Debug, Args, Clone)]
pub struct PrescribeArgs {
    /// Routine ids, as `limber routines` shows them
    // Not `routines`: that is the global `--routines DIR`.
    #[arg(required = true, value_name = "ROUTINE")]
    pub ids: Vec<String>,
    /// The patient's label, as `log export --label` names them
    #[arg(long, value_name = "LABEL")]
    pub patient: String,
    /// The patient's affected leg
    #[arg(long, value_enum)]
    pub side: Option<SideArg>,
    /// Your name, as the patient sees it [default: as in this patient's last version]
    #[arg(long, value_name = "NAME")]
    pub physio: Option<String>,
    /// How the patient reaches you [default: as in this patient's last version]
    #[arg(long, value_name = "TEXT")]
    pub contact: Option<String>,
    /// The day it starts [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub starts: Option<NaiveDate>,
    /// The prescription file to write (created new, readable by you only)
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Subcommand, Clone)]
pub enum PrescriptionCommand {
    /// Check a prescription file's signature, show what changes, and install it
    ///
    /// The first prescription's key is trusted from then on (compare the
    /// fingerprint shown with your physiotherapist's); a file signed with
    /// another key, an older version or a file changed after signing is
    /// refused. The prescription in force before is kept.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Accept a new signing key (asked again) when your physiotherapist changed keys
        #[arg(long)]
        trust_new_key: bool,
        /// Install without asking (the changes are still shown)
        #[arg(short, long)]
        yes: bool,
    },
    /// What is in force, from whom, and the version before it
    Show,
    /// Return to the previous prescription
    Rollback,
}

#[derive(Debug, Subcommand, Clone)]
pub enum RemindCommand {
    /// Show a notification for each session due now (what the timer runs)
    Check {
        /// Say why nothing was sent (said anyway on a terminal)
        #[arg(short, long)]
        verbose: bool,
    },
    /// Set up the timer and enable it
    Install {
        /// Print the files and the command instead: nothing written or run
        #[arg(long)]
        dry_run: bool,
    },
    /// Disable the timer and remove its files
    Remove {
        /// Print what would be removed and run instead
        #[arg(long)]
        dry_run: bool,
    },
    /// Whether the timer is installed, the settings, the last reminder
    Status,
}

#[derive(Debug, Subcommand, Clone)]
pub enum LogCommand {
    /// Write every event as JSON Lines (for backup, another device or jq)
    Export {
        /// Write to this file (created new, readable by you only)
        /// instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Name the patient in the export (a first line `{"label": ...}`),
        /// which `limber report` shows instead of the file's name
        #[arg(long, value_name = "NAME")]
        label: Option<String>,
    },
    /// Add the events of exports, rescue files or old history.jsonl files
    /// that the log does not have yet
    ///
    /// Events dated more than a day ahead are refused, and notes are cut to
    /// the coach's length. A file that would change a session already in
    /// the log (its outcome, pain or note) has that session listed and left
    /// as it is, unless --merge-existing is given.
    Import {
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Also change sessions already in the log, as the files say
        #[arg(long)]
        merge_existing: bool,
    },
    /// Rebuild the log's session summaries and day counts from its events
    ///
    /// For a log edited by hand or by another program, when `history`,
    /// `report` or `status` say that part of it could not be read. The
    /// events themselves are not changed.
    Repair,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Table,
    Csv,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
}

#[derive(Debug, Args, Clone)]
pub struct RunArgs {
    /// Routine id, as `limber routines` shows it
    pub routine: String,
    /// Your affected leg [default: the one you chose last time, else left]
    #[arg(long, value_enum)]
    pub side: Option<SideArg>,
    /// A variant of the routine, e.g. `gentle` for the massage
    #[arg(long)]
    pub variant: Option<String>,
    /// Pain now, 0 to 10: start at once instead of asking on the setup
    /// screen (plain mode asks when standard input is a terminal)
    #[arg(long, value_name = "0-10", value_parser = clap::value_parser!(u8).range(0..=10))]
    pub pain: Option<u8>,
    /// Pain after the session, 0 to 10, logged at the finish instead of
    /// asking (plain mode)
    #[arg(long, value_name = "0-10", value_parser = clap::value_parser!(u8).range(0..=10))]
    pub pain_after: Option<u8>,
    /// A note on the session, logged at the finish instead of asking
    /// (plain mode)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Print one line per milestone instead of the full-screen coach
    /// (automatic when standard output is not a terminal)
    #[arg(long)]
    pub plain: bool,
    #[command(flatten)]
    pub session: SessionFlags,
}

/// A date as `--since` takes it, with an error that shows the form.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| "expected a date as YYYY-MM-DD, like 2026-03-01".to_string())
}

/// The whole command line, with the session keys in `limber run --help`
/// and `limber preview --help` (they come from the one key table).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let keys = session_keys();
    Cli::command()
        .mut_subcommand("run", |c| c.after_help(keys.clone()))
        .mut_subcommand("preview", |c| c.after_help(keys.clone()))
}

/// The subcommand as the user typed it: `run`, `log export`.
pub fn command_name(matches: &clap::ArgMatches) -> Option<String> {
    let (name, sub) = matches.subcommand()?;
    Some(match sub.subcommand_name() {
        Some(inner) => format!("{name} {inner}"),
        None => name.to_string(),
    })
}

/// Ends the process with clap's usage error when a session flag (`--quiet`,
/// `--sound`, `--voice`, `--no-voice`) is given to a command that runs no
/// session.
pub fn refuse_misplaced_session_flags(cli: &Cli, name: Option<&str>) {
    let outer = &cli.session;
    let session_command = matches!(
        cli.command,
        None | Some(CliCommand::Run(_) | CliCommand::Preview { .. })
    );
    if (outer.quiet || outer.voice || outer.no_voice || outer.sound.is_some()) && !session_command {
        let given = name.unwrap_or_default();
        command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "--quiet, --sound, --voice and --no-voice are for the coach, `run` and `preview`, not `{given}`"
                ),
            )
            .exit();
    }
}

/// `completions` and `man`, printed from the definition alone (no
/// configuration, no files); `None` for every other command.
pub fn print_definition(command: &Option<CliCommand>, color: bool) -> Option<Exit> {
    let mut out = Stdout::new();
    match command {
        Some(CliCommand::Completions { shell }) => {
            clap_complete::generate(*shell, &mut self::command(), "limber", &mut out);
            Some(Exit::Done)
        }
        Some(CliCommand::Man) => {
            let mut page = Vec::new();
            let rendered = clap_mangen::Man::new(self::command()).render(&mut page);
            let written = rendered.and_then(|()| {
                out.write_all(&page)?;
                out.write_all(keys_section().as_bytes())
            });
            Some(match written {
                Ok(()) => Exit::Done,
                Err(e) => {
                    let _ = writeln!(Stderr::new(color), "limber man: {e}");
                    Exit::Failed
                }
            })
        }
        _ => None,
    }
}

/// The manual page's KEYS section: the session's keys, as `--help` lists
/// them, for a reader who looks in `man limber` first. Lines are kept as
/// they are (`.nf`); a backslash or a leading dot would be roff, so both
/// are escaped.
fn keys_section() -> String {
    let mut out = String::from(".SH KEYS\n.nf\n");
    for line in session_keys().lines() {
        let line = line.replace('\\', "\\e");
        if line.starts_with('.') || line.starts_with('\'') {
            out.push_str("\\&");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(".fi\n");
    out
}

/// "Keys during a session:" and the session's bindings, as `--help` shows them.
pub fn session_keys() -> String {
    let lang = Lang::En;
    let strings = crate::i18n::Strings::load(lang);
    let hints =
        crate::shell::keymap::hints(crate::shell::keymap::Ctx::Session, &strings, lang, false);
    let width = hints
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::from("Keys during a session (in plain mode, type the key and Enter):\n");
    for (keys, meaning) in hints {
        let pad = " ".repeat(width - keys.chars().count());
        out.push_str(&format!("  {keys}{pad}  {meaning}\n"));
    }
    out.push('\n');
    out.push_str(crate::shell::exit::HELP);
    out
}

/// `--lang`: clap's spelling of [`Lang`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Ru,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Ru => Lang::Ru,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SideArg {
    Left,
    Right,
    /// Both legs affected: steps for the affected leg run on each.
    Both,
}

impl From<SideArg> for Side {
    fn from(s: SideArg) -> Side {
        match s {
            SideArg::Left => Side::Left,
            SideArg::Right => Side::Right,
            SideArg::Both => Side::Both,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    #[test]
    fn session_flags_are_only_on_session_commands() {
        assert!(Cli::try_parse_from(["limber", "history", "--quiet"]).is_err());
        assert!(Cli::try_parse_from(["limber", "status", "--voice"]).is_err());
        let cli = Cli::try_parse_from(["limber", "run", "x", "--quiet"]).unwrap();
        let Some(CliCommand::Run(run)) = cli.command else {
            panic!()
        };
        assert!(run.session.quiet);
        assert!(
            Cli::try_parse_from(["limber", "--quiet"])
                .unwrap()
                .session
                .quiet
        );
    }
}
