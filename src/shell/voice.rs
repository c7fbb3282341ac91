//! The voice coach's speaker: espeak-ng (or macOS `say`) when present.
//! The lines come from the script ([`crate::core::spoken`]); this file
//! only says them, one at a time, on a thread of its own, so neither the
//! screen nor the signals ever wait for a speaker. Each line meets the one
//! still being said as its [`Manner`] asks: it cuts it, or waits a bounded
//! moment for it to end. The text goes to the speaker on standard input,
//! never as an argument, so a routine's words cannot pass as an option;
//! the speaker's output goes nowhere, so it never writes over the screen.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use crate::core::spoken::Manner;

use crate::core::lang::Lang;

use super::speech::WORDS_PER_MINUTE;

/// A line to say and how it meets the one before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spoken {
    pub text: String,
    pub manner: Manner,
}

/// No line takes longer than this to say; a speaker still running then is
/// stuck, and stopped.
const LONGEST: Duration = Duration::from_secs(20);

/// How often the speaker's thread looks whether the speaker is done,
/// while one speaks (and only then: silent, it sleeps until a line comes).
const POLL: Duration = Duration::from_millis(25);

enum Msg {
    Say(Spoken),
    Quit,
}

pub struct Voice {
    tx: Sender<Msg>,
    thread: Option<JoinHandle<()>>,
}

impl Voice {
    /// A voice if a speaker is installed.
    pub fn find(lang: Lang) -> Option<Voice> {
        super::program::find(&["espeak-ng", "espeak", "say"]).map(|p| Voice::new(p, lang))
    }

    /// A voice speaking through `program`, in `lang`.
    pub fn new(program: PathBuf, lang: Lang) -> Voice {
        let (tx, rx) = mpsc::channel();
        let speaker = Speaker {
            program,
            lang,
            speaking: None,
            waiting: None,
        };
        let thread = std::thread::Builder::new()
            .name("voice".into())
            .spawn(move || speaker.run(rx))
            .ok();
        Voice { tx, thread }
    }

    /// Says `line` as its manner asks; returns at once.
    pub fn say(&mut self, line: Spoken) {
        if !line.text.is_empty() {
            let _ = self.tx.send(Msg::Say(line));
        }
    }
}

impl Drop for Voice {
    /// Stops the speaker, unless it says the final line; the thread
    /// answers within [`POLL`], so this never waits long.
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Quit);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The speaker's thread: the line being said and the one waiting for it.
struct Speaker {
    program: PathBuf,
    lang: Lang,
    speaking: Option<(Child, Instant, Manner)>,
    /// A line waiting for the one being said to end, until its moment.
    waiting: Option<(String, Instant)>,
}

impl Speaker {
    fn run(mut self, rx: Receiver<Msg>) {
        loop {
            let msg = match (&self.speaking, &self.waiting) {
                (None, None) => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                _ => rx.recv_timeout(POLL),
            };
            match msg {
                Ok(Msg::Say(line)) => self.take(line),
                Ok(Msg::Quit) | Err(RecvTimeoutError::Disconnected) => {
                    if !matches!(self.speaking, Some((_, _, Manner::Final))) {
                        self.hush();
                    }
                    return;
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            self.go_on();
        }
    }

    fn take(&mut self, line: Spoken) {
        match line.manner {
            Manner::Cut | Manner::Final => {
                self.waiting = None;
                self.hush();
                self.start(line.text, line.manner);
            }
            Manner::Wait(most) => {
                self.waiting = Some((line.text, Instant::now() + most));
            }
        }
    }

    /// Reaps a finished (or stuck) speaker, then says the waiting line
    /// once the speaker is silent or its wait is over.
    fn go_on(&mut self) {
        if let Some((child, since, _)) = &mut self.speaking {
            let done = !matches!(child.try_wait(), Ok(None));
            if done || since.elapsed() > LONGEST {
                self.hush();
            }
        }
        let due = self
            .waiting
            .as_ref()
            .is_some_and(|(_, until)| self.speaking.is_none() || Instant::now() >= *until);
        if due && let Some((text, _)) = self.waiting.take() {
            self.hush();
            self.start(text, Manner::Cut);
        }
    }

    fn start(&mut self, text: String, manner: Manner) {
        let mut cmd = Command::new(&self.program);
        if self.program.file_name().is_some_and(|n| n != "say") {
            cmd.args(["-v", self.lang.code()])
                .args(["-s", &WORDS_PER_MINUTE.to_string()])
                .arg("--stdin");
        }
        let child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = child {
            // A line is a few hundred bytes: the pipe takes it whole. A
            // speaker that died early only makes this write fail.
            if let Some(mut stdin) = child.stdin.take() {
                let _ = stdin.write_all(text.as_bytes());
            }
            self.speaking = Some((child, Instant::now(), manner));
        }
    }

    fn hush(&mut self) {
        if let Some((mut child, _, _)) = self.speaking.take() {
            if child.try_wait().ok().flatten().is_none() {
                let _ = child.kill();
            }
            let _ = child.wait();
        }
    }
}
