//! Questions on standard input, one line an answer: the morning check and
//! the measures of `limber checkin`, `limber measure` and plain mode.
//! Every question but yes/no is skipped with an empty line; the end of the
//! input skips everything still to ask. A wrong answer is said and the
//! question asked again.

use std::io::{self, BufRead, Write};

use crate::core::outcome::Compared;
use crate::core::sanitize::visible;
use crate::i18n::{OutcomeStrings, fill};

/// The most characters of one answer kept (an activity's name is cut
/// again, to `core::outcome::vet::ACTIVITY_MAX`).
const LINE_MAX: usize = 1000;

pub struct Asker<'a> {
    pub input: &'a mut dyn BufRead,
    pub out: &'a mut dyn Write,
    pub o: &'static OutcomeStrings,
    /// The input has ended: nothing more is asked.
    pub ended: bool,
    /// End each prompt's line after reading: the input is not a terminal,
    /// so nothing typed ends it.
    pub echo: bool,
}

impl<'a> Asker<'a> {
    pub fn new(
        input: &'a mut dyn BufRead,
        out: &'a mut dyn Write,
        o: &'static OutcomeStrings,
    ) -> Self {
        Asker {
            input,
            out,
            o,
            ended: false,
            echo: !std::io::IsTerminal::is_terminal(&std::io::stdin()),
        }
    }

    /// One line after `prompt`, trimmed; `None` at the end of the input.
    pub fn line(&mut self, prompt: &str) -> io::Result<Option<String>> {
        if self.ended {
            return Ok(None);
        }
        write!(self.out, "{prompt}")?;
        self.out.flush()?;
        let mut buf = Vec::new();
        let mut limited = io::Read::take(&mut self.input, LINE_MAX as u64 * 4 + 1);
        let n = limited.read_until(b'\n', &mut buf)?;
        // A line longer than any answer: the rest of it is not the next
        // answer.
        if n > 0 && !buf.ends_with(b"\n") {
            let mut rest = Vec::new();
            while io::Read::take(&mut self.input, 64 * 1024).read_until(b'\n', &mut rest)? > 0 {
                if rest.ends_with(b"\n") {
                    break;
                }
                rest.clear();
            }
        }
        if n == 0 {
            self.ended = true;
            writeln!(self.out)?;
            return Ok(None);
        }
        if self.echo {
            writeln!(self.out)?;
        }
        let text = String::from_utf8_lossy(&buf);
        let text: String = text.trim().chars().take(LINE_MAX).collect();
        // What the person typed is kept as text, never as control codes.
        Ok(Some(visible(&text).into_owned()))
    }

    fn again(&mut self, what: &str) -> io::Result<()> {
        writeln!(self.out, "{what}")
    }

    /// A 0-10 score, or `None` when skipped.
    pub fn score(&mut self, question: &str) -> io::Result<Option<u8>> {
        let prompt = fill(&self.o.ask_score, &[("question", question)]);
        loop {
            match self.line(&prompt)?.as_deref() {
                None | Some("") => return Ok(None),
                Some(t) => match t.parse::<u8>() {
                    Ok(n) if n <= 10 => return Ok(Some(n)),
                    _ => self.again(&self.o.not_a_score.clone())?,
                },
            }
        }
    }

    /// Better, the same or worse, or `None` when skipped.
    pub fn compared(&mut self, question: &str) -> io::Result<Option<Compared>> {
        let prompt = fill(&self.o.ask_compared, &[("question", question)]);
        loop {
            match self.line(&prompt)?.as_deref() {
                None | Some("") => return Ok(None),
                Some(t) => match self.o.compared_of(t) {
                    Some(c) => return Ok(Some(c)),
                    None => self.again(&self.o.ask_compared.replace("{question}: ", ""))?,
                },
            }
        }
    }

    /// Whole minutes, at most a day, or `None` when skipped.
    pub fn minutes(&mut self, question: &str) -> io::Result<Option<u32>> {
        let prompt = fill(&self.o.ask_minutes, &[("question", question)]);
        loop {
            match self.line(&prompt)?.as_deref() {
                None | Some("") => return Ok(None),
                Some(t) => match t.parse::<u32>() {
                    Ok(n) if n <= crate::core::outcome::vet::SITTING_MAX => return Ok(Some(n)),
                    _ => self.again(&self.o.not_minutes.clone())?,
                },
            }
        }
    }

    /// Yes or no; `None` only at the end of the input.
    pub fn yes_no(&mut self, question: &str) -> io::Result<Option<bool>> {
        let prompt = fill(&self.o.ask_yes_no, &[("question", question)]);
        loop {
            match self.line(&prompt)? {
                None => return Ok(None),
                Some(t) => match self.o.yes_no_of(&t) {
                    Some(yes) => return Ok(Some(yes)),
                    None => self.again(&self.o.not_yes_no.clone())?,
                },
            }
        }
    }
}
