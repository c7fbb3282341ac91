//! The command line: every command and option, with its `--help`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::core::lang::Lang;
use crate::core::routine::Side;

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
    #[command(subcommand)]
    pub command: Option<Command>,
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
    /// No terminal bell on phase changes and countdowns
    #[arg(long, global = true)]
    pub quiet: bool,
    /// Speak phase names aloud with espeak-ng (or `say`)
    #[arg(long, global = true)]
    pub voice: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
    /// usage error (such as a path that does not exist).
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
        /// Id of the new routine: lowercase letters, digits and `-`, like `hip-basics`
        id: String,
    },
    /// Print a routine as a handout for the patient, in Markdown or HTML
    ///
    /// The handout is in the routine's language: title, description, total
    /// time, schedule, equipment, safety notes, then every step with its
    /// instructions, cues, numbers and time.
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
        #[arg(long, value_name = "DATE")]
        since: Option<NaiveDate>,
        /// Only sessions of this routine id
        #[arg(long, value_name = "ID")]
        routine: Option<String>,
        #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
        format: HistoryFormat,
    },
    /// A Markdown report for the physiotherapist: adherence, courses, pain
    /// trend, routine versions, stopped sessions and why
    Report {
        /// Only sessions from this date on (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Report on this exported log (`limber log export`) or old
        /// history.jsonl instead of your own; your data is not touched
        #[arg(long, value_name = "FILE")]
        log: Vec<PathBuf>,
    },
    /// One line for a shell prompt, e.g. "stretch 2/3 today, massage 5/12"
    Status,
    /// Back up, move and merge the session log
    Log {
        #[command(subcommand)]
        command: LogCommand,
    },
}

#[derive(Debug, Subcommand, Clone)]
pub enum LogCommand {
    /// Write every event as JSON Lines (for backup, another device or jq)
    Export {
        /// Write to this file (created new, readable by you only)
        /// instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Add the events of exports or old history.jsonl files that the log
    /// does not have yet
    Import {
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
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
    /// Print one line per milestone instead of the full-screen coach
    /// (automatic when standard output is not a terminal)
    #[arg(long)]
    pub plain: bool,
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
    }
}
