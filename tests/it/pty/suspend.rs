//! Ctrl-Z as a user at a shell does it: the program is stopped, the shell
//! gets the terminal back, and `fg` continues it some seconds later. The
//! session must be paused at the moment of the stop and say how long the
//! program was away.
//!
//! The binary runs under `bash` with job control (`set -m`), not straight in
//! the pseudo-terminal: a session leader's process group is orphaned, and
//! the kernel ignores SIGTSTP there, so the program would never stop.

use std::fs;
use std::time::{Duration, Instant};

use crate::common::pty::{self, BIN, Env, Pty, outcome, poll, the_end};

/// How long the program stays stopped: longer than the lateness the
/// program forgives a wake-up (2 s) plus its longest wait while a phase runs
/// (1 s), so that a stop from outside is noticed.
const AWAY: Duration = Duration::from_secs(4);

/// The state letter of process `pid` (`T` when stopped), from /proc.
fn state(pid: u32) -> Option<char> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces; the state follows its ')'.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// The one child of `pid` (the `limber` the shell started).
fn child_of(pid: u32) -> Option<u32> {
    let children = fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok()?;
    children.split_whitespace().next()?.parse().ok()
}

/// `M:SS` (or `H:MM:SS`) after `marker` on `screen`, in seconds.
fn clock_after(screen: &str, marker: &str) -> Option<u64> {
    let at = screen.find(marker)? + marker.len();
    let text: String = screen[at..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    text.split(':')
        .try_fold(0, |acc, part| Some(acc * 60 + part.parse::<u64>().ok()?))
}

/// Seconds left in total, from "M:SS left in total".
fn left(screen: &str) -> Option<u64> {
    let line = screen.lines().find(|l| l.contains("left in total"))?;
    clock_after(line.trim_start(), "")
}

/// An interactive shell in the terminal, where the test types
/// `limber run pty-long` as a user would: the shell stops and continues the
/// job (`fg`) and sets the terminal's modes in between.
fn in_shell(env: &Env) -> Pty {
    env.acknowledge_safety();
    let args = ["--norc", "--noprofile", "-i"].map(String::from);
    let mut t = Pty::spawn_program(env, "bash", &args, 80, 24);
    let mut line: Vec<String> = vec![BIN.to_string()];
    line.extend(env.argv(&["run", "pty-long", "--pain", "2"]));
    let quoted: Vec<String> = line.iter().map(|a| format!("'{a}'")).collect();
    t.send_str(&format!("{}\r", quoted.join(" ")));
    t
}

/// Leaves the shell once `limber` has ended; returns the shell's status,
/// which is `limber`'s.
fn leave(t: &mut Pty) -> portable_pty::ExitStatus {
    let shell = t.pid();
    poll(
        "limber to end",
        || child_of(shell).is_none().then_some(()),
        || t.screen(),
    );
    t.send_str("exit\r");
    t.wait_exit()
}

/// Waits until the shell's job is stopped; returns its pid.
fn stopped_job(t: &Pty) -> u32 {
    let shell = t.pid();
    poll(
        "limber to be stopped",
        || child_of(shell).filter(|&pid| state(pid) == Some('T')),
        || t.screen(),
    )
}

#[test]
fn ctrl_z_pauses_and_reports_the_time_away() {
    let env = Env::new(&["pty-long"]);
    let mut t = in_shell(&env);

    t.wait_all(&["Sit still · step 1 of 2", "WORK"]);
    let before = t.wait_for("the time left ticking", |s| {
        left(s).is_some_and(|l| l < 10 * 60)
    });
    let left_before = left(&before).unwrap();

    t.send(b"\x1a");
    let limber = stopped_job(&t);
    let stopped = Instant::now();
    // Written before the stop; the reader thread may still be reading it.
    poll(
        "the alternate screen to be left before the stop",
        || (!t.modes().0).then_some(()),
        || t.screen(),
    );
    std::thread::sleep(AWAY);
    assert_eq!(state(limber), Some('T'), "limber ran again by itself");

    t.send_str("fg\r");
    let screen = t.wait_all(&["PAUSED", "was away for"]);
    let away = Duration::from_secs(clock_after(&screen, "was away for").expect("a time"));
    let real = stopped.elapsed();
    assert!(
        away >= AWAY && away <= real + Duration::from_secs(1),
        "away {away:?}, really stopped for {AWAY:?}..{real:?}:\n{screen}"
    );

    // Paused at the moment of the stop: the time left is what it was before
    // Ctrl-Z (give or take the second that screen was on), not `AWAY` less.
    let left_after = left(&screen).expect("time left");
    assert!(
        left_after + 2 > left_before,
        "time left went from {left_before}s to {left_after}s:\n{screen}"
    );
    // And it stays paused.
    std::thread::sleep(Duration::from_millis(1500));
    let later = t.wait_text("PAUSED");
    assert_eq!(left(&later), Some(left_after), "{later}");

    t.send_str("q");
    t.wait_text("Leave this session?");
    t.send_str("y");
    let status = leave(&mut t);
    assert!(status.success(), "exit status {status:?}");
    t.assert_terminal_restored();
    assert_eq!(outcome(the_end(&env.history())), "abandoned");
}

/// Stopped from outside with SIGSTOP, then `fg` at the shell: the program
/// notices the late wake-up, pauses as of the stop, and takes the terminal
/// back (the shell left it in cooked mode: keys work again without Enter).
#[test]
fn stopped_from_outside_pauses_and_takes_the_terminal_back() {
    let env = Env::new(&["pty-long"]);
    let mut t = in_shell(&env);
    t.wait_all(&["Sit still · step 1 of 2", "WORK"]);
    let shell = t.pid();
    let limber = poll("limber to start", || child_of(shell), || t.screen());
    let ok = std::process::Command::new("kill")
        .args(["-STOP".to_string(), limber.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -STOP");
    stopped_job(&t);
    let stopped = Instant::now();
    std::thread::sleep(AWAY);

    t.send_str("fg\r");
    let screen = t.wait_all(&["PAUSED", "was away for"]);
    let away = Duration::from_secs(clock_after(&screen, "was away for").expect("a time"));
    let real = stopped.elapsed();
    assert!(
        away >= AWAY && away <= real + Duration::from_secs(2),
        "away {away:?}, really stopped for {AWAY:?}..{real:?}:\n{screen}"
    );
    // One key, no Enter: raw mode is back.
    t.send_str(" ");
    t.wait_gone("PAUSED");
    t.send(b"\x03");
    let status = leave(&mut t);
    assert_eq!(status.exit_code(), 130, "exit status {status:?}");
    t.assert_terminal_restored();
    assert_eq!(outcome(the_end(&env.history())), "stopped");
}

/// `run --plain` with piped input, stopped with SIGSTOP and continued with
/// SIGCONT from outside (as a job in a pipeline would be): it says how long
/// it was away, and the session counts that time as paused, not active.
#[test]
fn plain_stopped_and_continued_reports_the_time_away() {
    let env = Env::new(&["pty-long"]);
    let (mut child, away) = plain_away(&env, std::process::Stdio::piped());
    let line = away.line;
    let away_for = Duration::from_secs(clock_after(&line, "was away for").expect("a time"));
    let real = away.stopped.elapsed();
    assert!(
        away_for >= AWAY && away_for <= real + Duration::from_secs(1),
        "away {away_for:?}, really stopped for {AWAY:?}..{real:?}: {line}"
    );

    let sent = std::process::Command::new("kill")
        .args(["-TERM".to_string(), child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -TERM");
    let status = poll(
        "the program to exit",
        || child.try_wait().unwrap(),
        String::new,
    );
    assert_eq!(status.code(), Some(143), "{status:?}");
    let log = env.history();
    let end = the_end(&log);
    assert_eq!(outcome(end), "abandoned", "{end}");
    // Paused as of the stop: the seconds stopped are not active time.
    let ms = |key: &str| Duration::from_millis(end[key].as_u64().unwrap_or(u64::MAX));
    assert!(ms("active_ms") < Duration::from_secs(2), "{end}");
    assert!(ms("paused_ms") >= AWAY, "{end}");
}

/// Stops `run pty-long --plain` for [`AWAY`] once its first phase runs,
/// continues it, and returns it with what it printed, up to the time away.
fn plain_away(env: &Env, stdin: std::process::Stdio) -> (std::process::Child, Away) {
    use std::io::BufRead;
    use std::process::Stdio;
    env.acknowledge_safety();
    let mut child = env
        .command(&["run", "pty-long", "--plain"])
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Lines {
        rx,
        seen: Vec::new(),
    };
    let signal = |name: &str| {
        let sent = std::process::Command::new("kill")
            .args([format!("-{name}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -{name}");
    };
    lines.until("» Sit still");
    signal("STOP");
    let stopped = Instant::now();
    std::thread::sleep(AWAY);
    signal("CONT");
    let line = lines.until("was away for");
    (
        child,
        Away {
            lines,
            line,
            stopped,
        },
    )
}

struct Away {
    lines: Lines,
    /// The line that says how long.
    line: String,
    stopped: Instant,
}

struct Lines {
    rx: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Lines {
    fn until(&mut self, needle: &str) -> String {
        loop {
            match self.rx.recv_timeout(pty::TIMEOUT) {
                Ok(line) if line.contains(needle) => {
                    self.seen.push(line.clone());
                    return line;
                }
                Ok(line) => self.seen.push(line),
                Err(e) => panic!("no line with {needle:?} ({e}); got {:#?}", self.seen),
            }
        }
    }
}

/// With its input closed nobody can end the pause the time away started:
/// a script's run goes on by itself rather than wait for ever.
#[test]
fn plain_with_no_input_goes_on_after_the_time_away() {
    let env = Env::new(&["pty-long"]);
    let (mut child, mut away) = plain_away(&env, std::process::Stdio::null());
    away.lines.until("▶");
    child.kill().unwrap();
    child.wait().unwrap();
}

/// With its input open, a line ends the pause, as Enter does for a person.
#[test]
fn plain_resumes_on_a_line_after_the_time_away() {
    use std::io::Write;
    let env = Env::new(&["pty-long"]);
    let (mut child, mut away) = plain_away(&env, std::process::Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    // Still paused: nothing goes on until the line comes.
    assert!(
        away.lines
            .rx
            .recv_timeout(Duration::from_millis(1500))
            .is_err(),
        "{:#?}",
        away.lines.seen
    );
    stdin.write_all(b"\n").unwrap();
    away.lines.until("▶");
    child.kill().unwrap();
    child.wait().unwrap();
}
