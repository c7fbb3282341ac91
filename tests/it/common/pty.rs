//! Shared helpers for the tests that drive the real `limber` binary: a temp
//! home for each test, the binary in a pseudo-terminal with its screen
//! parsed by vt100, polling waits, and the session log.
//!
//! Used as `crate::common::pty`.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use serde_json::Value;

/// How long any wait may take before the test fails. Generous: two shared
/// cores, and other tests running next to this one.
pub const TIMEOUT: Duration = Duration::from_secs(15);
/// How often waits look again.
pub const POLL: Duration = Duration::from_millis(20);

pub const BIN: &str = env!("CARGO_BIN_EXE_limber");

/// A private home for one test: data and routines directories inside a
/// temp dir, so nothing touches the real home directory.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    /// A fresh temp home whose routines directory holds the named fixtures
    /// from `tests/fixtures/routines` (file names without `.ron`).
    pub fn new(fixtures: &[&str]) -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let env = Env { dir };
        fs::create_dir_all(env.routines()).unwrap();
        fs::create_dir_all(env.data()).unwrap();
        fs::create_dir_all(env.dir.path().join("home")).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines");
        for name in fixtures {
            let file = format!("{name}.ron");
            fs::copy(src.join(&file), env.routines().join(&file))
                .unwrap_or_else(|e| panic!("copy fixture {file}: {e}"));
        }
        env
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn routines(&self) -> PathBuf {
        self.dir.path().join("routines")
    }

    /// The log database.
    pub fn history_path(&self) -> PathBuf {
        limber::store::history::History::path_in(&self.data())
    }

    /// Where rescue files go (`$XDG_STATE_HOME/limber`).
    pub fn state(&self) -> PathBuf {
        self.dir.path().join("home/.local/state/limber")
    }

    /// Marks the safety notice as read, as an earlier run would have.
    pub fn acknowledge_safety(&self) {
        fs::write(
            self.data().join("settings.json"),
            br#"{"safety_acknowledged": true}"#,
        )
        .unwrap();
    }

    /// Today's morning check answered (every part skipped), so the coach
    /// and plain mode do not ask it.
    pub fn checked_in_today(&self) {
        use limber::core::outcome::Measure;
        let history = limber::store::history::History::open(&self.data())
            .unwrap()
            .history;
        let skipped = Measure::Morning {
            pain: None,
            stiffness: None,
            compared: None,
        };
        let now = limber::shell::clock::local_now().fixed_offset();
        history
            .append_answer(&limber::shell::outcomes::answer(skipped, now))
            .unwrap();
    }

    /// `--data-dir D --routines R` followed by `args`.
    pub fn argv(&self, args: &[&str]) -> Vec<String> {
        let mut v = vec![
            "--data-dir".to_string(),
            self.data().display().to_string(),
            "--routines".to_string(),
            self.routines().display().to_string(),
        ];
        v.extend(args.iter().map(|s| s.to_string()));
        v
    }

    /// The environment every run gets: nothing from the real home.
    pub fn vars(&self) -> Vec<(String, String)> {
        let home = self.dir.path().join("home");
        let mut vars = vec![
            ("HOME".into(), home.display().to_string()),
            (
                "XDG_CONFIG_HOME".into(),
                home.join(".config").display().to_string(),
            ),
            (
                "XDG_DATA_HOME".into(),
                home.join(".local/share").display().to_string(),
            ),
            (
                "XDG_STATE_HOME".into(),
                home.join(".local/state").display().to_string(),
            ),
            ("TMPDIR".into(), self.dir.path().display().to_string()),
            ("LANG".into(), "C".into()),
            ("NO_COLOR".into(), "1".into()),
            ("TERM".into(), "xterm-256color".into()),
        ];
        if let Ok(path) = std::env::var("PATH") {
            vars.push(("PATH".into(), path));
        }
        vars
    }

    /// A `std::process::Command` for the binary (no terminal).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.env_clear()
            .envs(self.vars())
            .args(self.argv(args))
            .current_dir(self.dir.path());
        cmd
    }

    /// The log exported as JSON Lines, in the order events reached it
    /// ("" when there is no database).
    pub fn history_text(&self) -> String {
        if !self.history_path().exists() {
            return String::new();
        }
        let log = limber::store::history::History::open(&self.data())
            .expect("open log")
            .history;
        let lines = log.lines().expect("read log");
        String::from_utf8(limber::store::history::jsonl::to_bytes(&lines)).unwrap()
    }

    /// Every line of the log, each parsed as JSON (panics on a bad line).
    pub fn history(&self) -> Vec<Value> {
        self.history_text()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad log line {l:?}: {e}")))
            .collect()
    }
}

/// The `event` field of a log line.
pub fn event(line: &Value) -> &str {
    line["event"].as_str().unwrap_or("")
}

/// The outcome of a `session_ended` line: "completed", "stopped", ...
pub fn outcome(line: &Value) -> &str {
    line["outcome"]["outcome"].as_str().unwrap_or("")
}

/// The lines of `log` with event `name`.
pub fn events<'a>(log: &'a [Value], name: &str) -> Vec<&'a Value> {
    log.iter().filter(|l| event(l) == name).collect()
}

/// The one `session_ended` line of `log`; panics unless there is exactly one.
pub fn the_end(log: &[Value]) -> &Value {
    let ended = events(log, "session_ended");
    assert_eq!(ended.len(), 1, "want one session_ended in {log:#?}");
    ended[0]
}

/// Polls `f` every [`POLL`] until it gives `Some`, or panics after
/// [`TIMEOUT`] with `what` and `context()`.
pub fn poll<T>(what: &str, mut f: impl FnMut() -> Option<T>, context: impl Fn() -> String) -> T {
    let start = Instant::now();
    loop {
        if let Some(t) = f() {
            return t;
        }
        if start.elapsed() > TIMEOUT {
            panic!(
                "timed out after {TIMEOUT:?} waiting for {what}\n{}",
                context()
            );
        }
        thread::sleep(POLL);
    }
}

struct Shared {
    parser: vt100::Parser,
    raw: Vec<u8>,
    eof: bool,
}

/// The real binary in a pseudo-terminal; its output feeds a vt100 screen.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Mutex<Shared>>,
    status: Option<ExitStatus>,
    #[allow(dead_code)] // read only by `wait_first_output`
    pub spawned: Instant,
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero size")
}

impl Pty {
    /// Starts `limber --data-dir .. --routines .. ARGS` in a `cols`x`rows`
    /// terminal.
    pub fn spawn(env: &Env, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::spawn_program(env, BIN, &env.argv(args), cols, rows)
    }

    /// Starts `program ARGS` (e.g. a shell that runs `limber`) in a
    /// `cols`x`rows` terminal, with the same environment as [`Pty::spawn`].
    pub fn spawn_program(env: &Env, program: &str, args: &[String], cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.env_clear();
        for (k, v) in env.vars() {
            cmd.env(k, v);
        }
        cmd.args(args);
        cmd.cwd(env.dir.path());
        let spawned = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn limber");
        // Only the child may hold the terminal side open, so that reading
        // ends when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            raw: Vec::new(),
            eof: false,
        }));
        let sink = Arc::clone(&shared);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut s = sink.lock().unwrap();
                        s.parser.process(&buf[..n]);
                        s.raw.extend_from_slice(&buf[..n]);
                    }
                }
            }
            sink.lock().unwrap().eof = true;
        });
        Pty {
            master: pair.master,
            writer,
            child,
            shared,
            status: None,
            spawned,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Types `bytes` on the keyboard.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    pub fn send_str(&mut self, s: &str) {
        self.send(s.as_bytes());
    }

    /// The whole screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.shared.lock().unwrap().parser.screen().contents()
    }

    /// One row of the screen, trailing blanks removed.
    pub fn row(&self, row: u16) -> String {
        let s = self.shared.lock().unwrap();
        let (_, cols) = s.parser.screen().size();
        s.parser
            .screen()
            .rows(0, cols.get())
            .nth(usize::from(row))
            .unwrap_or_default()
            .trim_end()
            .to_string()
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.shared.lock().unwrap().raw.clone()
    }

    /// Whether the vt100 terminal is on the alternate screen / hides the
    /// cursor.
    pub fn modes(&self) -> (bool, bool) {
        let s = self.shared.lock().unwrap();
        (
            s.parser.screen().alternate_screen(),
            s.parser.screen().hide_cursor(),
        )
    }

    fn dump(&self) -> String {
        format!(
            "--- screen ---\n{}\n--- exited: {:?} ---",
            self.screen(),
            self.status
        )
    }

    /// Waits until `pred(screen text)` holds on a settled screen (no output
    /// for one poll interval, so never on a half-drawn frame); returns that
    /// screen.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let mut seen = usize::MAX;
        poll(
            what,
            || {
                let (screen, len) = {
                    let s = self.shared.lock().unwrap();
                    (s.parser.screen().contents(), s.raw.len())
                };
                let settled = std::mem::replace(&mut seen, len) == len;
                (settled && pred(&screen)).then_some(screen)
            },
            || self.dump(),
        )
    }

    /// Waits until the screen shows every one of `needles`.
    pub fn wait_all(&self, needles: &[&str]) -> String {
        self.wait_for(&format!("all of {needles:?} on screen"), |s| {
            needles.iter().all(|n| s.contains(n))
        })
    }

    /// Waits until the screen shows `needle`.
    pub fn wait_text(&self, needle: &str) -> String {
        self.wait_for(&format!("{needle:?} on screen"), |s| s.contains(needle))
    }

    /// Waits until the screen no longer shows `needle`.
    pub fn wait_gone(&self, needle: &str) -> String {
        self.wait_for(&format!("{needle:?} to leave the screen"), |s| {
            !s.contains(needle)
        })
    }

    /// Waits until the first output arrives; returns how long after spawn.
    #[allow(dead_code)] // no test uses it yet
    pub fn wait_first_output(&self) -> Duration {
        poll(
            "first output",
            || (!self.shared.lock().unwrap().raw.is_empty()).then(|| self.spawned.elapsed()),
            || self.dump(),
        )
    }

    /// Resizes the terminal, as a user dragging the window would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.shared
            .lock()
            .unwrap()
            .parser
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    /// The exit status if the program has ended.
    pub fn try_exit(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("try_wait");
        }
        self.status.clone()
    }

    /// Waits for the program to exit and for its last output to be read.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let shared = Arc::clone(&self.shared);
        let child = &mut self.child;
        let status = poll(
            "the program to exit",
            || child.try_wait().expect("try_wait"),
            || {
                let screen = shared.lock().unwrap().parser.screen().contents();
                format!("--- screen ---\n{screen}")
            },
        );
        self.status = Some(status.clone());
        poll(
            "the end of the terminal output",
            || self.shared.lock().unwrap().eof.then_some(()),
            || self.dump(),
        );
        status
    }

    /// The path of the terminal the program ran in (`/dev/pts/N`).
    pub fn tty_name(&self) -> PathBuf {
        self.master.tty_name().expect("tty name")
    }

    /// Sends `signal` (e.g. "TERM") to the program with kill(1).
    pub fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill")
            .success();
        assert!(ok, "kill -{signal} failed");
    }

    /// Asserts the program gave the terminal back: it left the alternate
    /// screen and showed the cursor after last entering / hiding them, and
    /// the terminal is in cooked mode with echo again.
    pub fn assert_terminal_restored(&self) {
        let raw = self.raw();
        let last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
        let (enter, leave) = (last(b"\x1b[?1049h"), last(b"\x1b[?1049l"));
        assert!(enter.is_some(), "never entered the alternate screen");
        assert!(
            leave > enter,
            "did not leave the alternate screen (ESC[?1049l) after entering it"
        );
        let (hide, show) = (last(b"\x1b[?25l"), last(b"\x1b[?25h"));
        assert!(show.is_some(), "never showed the cursor (ESC[?25h)");
        assert!(show > hide, "the cursor was left hidden");
        let (alternate, hidden) = self.modes();
        assert!(
            !alternate && !hidden,
            "vt100 still sees alternate={alternate} hidden={hidden}"
        );
        let stty = Command::new("stty")
            .arg("-F")
            .arg(self.tty_name())
            .arg("-a")
            .output()
            .expect("run stty");
        let flags = String::from_utf8_lossy(&stty.stdout).to_string();
        let words: Vec<&str> = flags.split_whitespace().collect();
        for flag in ["icanon", "echo", "isig"] {
            assert!(
                words.contains(&flag),
                "terminal left without `{flag}` (raw mode not undone):\n{flags}"
            );
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.try_exit().is_none() {
            let _ = self.child.kill();
            let deadline = Instant::now() + Duration::from_secs(2);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                thread::sleep(POLL);
            }
            if let Some(pid) = self.child.process_id() {
                let _ = Command::new("kill")
                    .arg("-KILL")
                    .arg(pid.to_string())
                    .status();
            }
            let _ = self.child.wait();
        }
    }
}
