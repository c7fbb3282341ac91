//! The per-user timer that runs `limber remind check`: a systemd user
//! timer on Linux, a launchd agent on macOS, else a crontab line. Here are
//! the files' texts (pure) and the calls to `systemctl` and `launchctl`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// How often the check runs, in minutes.
pub const EVERY_MIN: u32 = 15;
/// The systemd units' name.
pub const UNIT: &str = "limber-remind";
/// The launchd agent's label.
pub const LABEL: &str = "org.limber.remind";

/// Which kind of timer this system takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerKind {
    Systemd,
    Launchd,
    Cron,
}

impl TimerKind {
    /// The kind for the system limber was built for.
    pub fn native() -> TimerKind {
        if cfg!(target_os = "linux") {
            TimerKind::Systemd
        } else if cfg!(target_os = "macos") {
            TimerKind::Launchd
        } else {
            TimerKind::Cron
        }
    }
}

/// A file to install and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitFile {
    pub path: PathBuf,
    pub text: String,
}

/// The command line the timer runs: `limber [ARGS] remind check`.
pub fn check_command(exe: &Path, global: &[String]) -> Vec<String> {
    let mut argv = vec![exe.display().to_string()];
    argv.extend(global.iter().cloned());
    argv.push("remind".into());
    argv.push("check".into());
    argv
}

/// Why a timer's file was not written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimerError {
    /// A word (a path, most likely) holds a control character: a line break
    /// would start a new line of the unit or crontab, so it is refused
    /// rather than escaped in each format's own way.
    Control { word: String },
}

/// Refuses `argv` when any word holds a control character.
fn plain_words(argv: &[String]) -> Result<(), TimerError> {
    match argv.iter().find(|w| w.chars().any(char::is_control)) {
        Some(w) => Err(TimerError::Control { word: w.clone() }),
        None => Ok(()),
    }
}

/// One word for a systemd `ExecStart=`: `%` doubled (specifiers) and `$`
/// doubled (variables), so systemd passes them on as they are; quoted with
/// `"` when it holds a space, a quote or a backslash; a lone `;`, which
/// would end the command, escaped.
fn systemd_word(w: &str) -> String {
    if w == ";" {
        return "\\;".into();
    }
    let w = w.replace('%', "%%").replace('$', "$$");
    if w.chars()
        .any(|c| c.is_whitespace() || c == '"' || c == '\\' || c == '\'')
    {
        format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        w
    }
}

/// One word for `sh` in a crontab line: in single quotes unless plainly
/// safe, and `%` escaped, since cron turns a bare one into a line break.
fn sh_word(w: &str) -> String {
    let quoted = if !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-=+:,@".contains(c))
    {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    };
    quoted.replace('%', "\\%")
}

fn xml(w: &str) -> String {
    w.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The systemd user units in `dir` (`~/.config/systemd/user`).
pub fn systemd_units(dir: &Path, argv: &[String]) -> Result<Vec<UnitFile>, TimerError> {
    plain_words(argv)?;
    let exec: Vec<String> = argv.iter().map(|w| systemd_word(w)).collect();
    let service = format!(
        "[Unit]\n\
         Description=limber: remind when a session is due\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={}\n",
        exec.join(" ")
    );
    let timer = format!(
        "[Unit]\n\
         Description=limber: check every {EVERY_MIN} minutes whether a session is due\n\
         \n\
         [Timer]\n\
         OnCalendar=*:0/{EVERY_MIN}\n\
         Persistent=true\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n"
    );
    Ok(vec![
        UnitFile {
            path: dir.join(format!("{UNIT}.service")),
            text: service,
        },
        UnitFile {
            path: dir.join(format!("{UNIT}.timer")),
            text: timer,
        },
    ])
}

/// The launchd agent in `dir` (`~/Library/LaunchAgents`).
pub fn launchd_agent(dir: &Path, argv: &[String]) -> Result<UnitFile, TimerError> {
    plain_words(argv)?;
    let args: String = argv
        .iter()
        .map(|w| format!("    <string>{}</string>\n", xml(w)))
        .collect();
    let text = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
         <plist version=\"1.0\">\n\
         <dict>\n\
         \x20 <key>Label</key>\n\
         \x20 <string>{LABEL}</string>\n\
         \x20 <key>ProgramArguments</key>\n\
         \x20 <array>\n{args}\x20 </array>\n\
         \x20 <key>StartInterval</key>\n\
         \x20 <integer>{}</integer>\n\
         </dict>\n\
         </plist>\n",
        EVERY_MIN * 60
    );
    Ok(UnitFile {
        path: dir.join(format!("{LABEL}.plist")),
        text,
    })
}

/// The crontab line.
pub fn crontab_line(argv: &[String]) -> Result<String, TimerError> {
    plain_words(argv)?;
    let words: Vec<String> = argv.iter().map(|w| sh_word(w)).collect();
    Ok(format!("*/{EVERY_MIN} * * * * {}", words.join(" ")))
}

/// What systemd made of the unit `name` once reloaded: `loaded`, or
/// `bad-setting`, `error`, `not-found` when it did not accept it.
pub fn load_state(name: &str) -> Result<String, String> {
    let args = ["--user", "show", "--property=LoadState", "--value", name];
    let shown = format!("systemctl {}", args.join(" "));
    match Command::new("systemctl").args(args).output() {
        Ok(o) if o.status.success() => Ok(String::from_utf8_lossy(&o.stdout).trim().to_string()),
        Ok(o) => Err(format!("`{shown}` failed ({})", o.status)),
        Err(e) => Err(format!("`{shown}`: {e}")),
    }
}

/// Runs `program ARGS`; an error says what failed.
pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    let shown = format!("{program} {}", args.join(" "));
    match Command::new(program).args(args).status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("`{shown}` failed ({s})")),
        Err(e) => Err(format!("`{shown}`: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_for_each_format() {
        assert_eq!(systemd_word("/usr/bin/limber"), "/usr/bin/limber");
        assert_eq!(systemd_word("/a b/50%"), "\"/a b/50%%\"");
        assert_eq!(systemd_word("/a/${USER}"), "/a/$${USER}");
        assert_eq!(systemd_word(";"), "\\;");
        assert_eq!(sh_word("/a b/it's"), "'/a b/it'\\''s'");
        assert_eq!(sh_word("/a/50%"), "'/a/50\\%'");
        let argv = check_command(Path::new("/bin/limber"), &[]);
        assert_eq!(
            crontab_line(&argv).unwrap(),
            "*/15 * * * * /bin/limber remind check"
        );
        assert!(
            launchd_agent(Path::new("/x"), &argv)
                .unwrap()
                .text
                .contains("<string>check</string>")
        );
    }
}
