//! The JSON Lines form of the log: one [`LogLine`] a line. It is what
//! `limber log export` writes and `limber log import` reads, and the format
//! of the old `history.jsonl` and of rescue files. Reading never fails on a
//! bad line: it is reported with its number and skipped.
//!
//! An export writes the patient's answers ([`Answer`]) after the events,
//! one a line: an answer has a `measure` and no `event` or `session`, so a
//! reader tells them apart, and an export made before answers existed
//! reads as before.

use std::collections::HashSet;
use std::io::{self, Write};

use crate::core::outcome::Answer;
use crate::core::record::{LOG_VERSION, LogLine};

/// A line of a log file that was skipped while reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    /// 1-based, as an editor shows it.
    pub line_no: usize,
    pub message: String,
}

/// What reading a log file found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    /// Every readable event, in file order, each event id once.
    pub lines: Vec<LogLine>,
    /// Lines that could not be read; they stay in the file untouched.
    pub problems: Vec<LineProblem>,
    /// Lines skipped because an earlier line had the same event id (e.g. a
    /// retried append whose first attempt had in fact reached the disk).
    pub duplicates: usize,
    /// The patient's label, from a `{"label": "..."}` line that
    /// `limber log export --label` writes first; the first one wins.
    pub label: Option<String>,
    /// The patient's answers, in file order, each answer id once.
    pub answers: Vec<Answer>,
}

/// The longest label kept, in characters: a name, not a document.
pub const MAX_LABEL_CHARS: usize = 120;

/// The line that carries an export's label: nothing else in it, so no
/// event can be mistaken for it.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelLine {
    label: String,
}

/// The label line for `label` (cut to [`MAX_LABEL_CHARS`]), newline
/// ended, to write before the events.
pub fn label_line(label: &str) -> Vec<u8> {
    let label: String = label.chars().take(MAX_LABEL_CHARS).collect();
    let mut out = serde_json::to_vec(&LabelLine { label }).expect("a string serialises");
    out.push(b'\n');
    out
}

/// Parses the bytes of a log file. Pure, so tests can cut and shuffle.
pub fn parse(bytes: &[u8]) -> Read {
    let mut read = Read::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut rest = bytes;
    let mut line_no = 0;
    while !rest.is_empty() {
        line_no += 1;
        let Some(end) = rest.iter().position(|&b| b == b'\n') else {
            read.problems.push(LineProblem {
                line_no,
                message: "torn last line (no newline): an unfinished write, ignored".into(),
            });
            break;
        };
        let raw = &rest[..end];
        rest = &rest[end + 1..];
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Ok(l) = serde_json::from_slice::<LabelLine>(raw) {
            if read.label.is_none() {
                read.label = Some(l.label.chars().take(MAX_LABEL_CHARS).collect());
            }
            continue;
        }
        if let Some(answer) = parse_answer(raw) {
            if seen.insert(answer.id.clone()) {
                read.answers.push(answer);
            } else {
                read.duplicates += 1;
            }
            continue;
        }
        match parse_line(raw) {
            Ok(line) => {
                if seen.contains(&line.id) {
                    read.duplicates += 1;
                } else {
                    seen.insert(line.id.clone());
                    read.lines.push(line);
                }
            }
            Err(message) => read.problems.push(LineProblem { line_no, message }),
        }
    }
    read
}

/// An answer's line: an object with a `measure` and no `event`, read as
/// an [`Answer`]. `None` for anything else, an event's line included; an
/// answer that does not read is then reported as a damaged line.
fn parse_answer(raw: &[u8]) -> Option<Answer> {
    let v: serde_json::Value = serde_json::from_slice(raw).ok()?;
    if v.get("measure").is_none() || v.get("event").is_some() {
        return None;
    }
    serde_json::from_value(v).ok()
}

/// One line of the log, or why it cannot be read.
pub fn parse_line(raw: &[u8]) -> Result<LogLine, String> {
    match serde_json::from_slice::<LogLine>(raw) {
        Ok(line) => Ok(line),
        Err(e) => {
            // Say "newer limber" rather than "damaged" when that is why, so
            // nobody deletes lines a later version can read.
            let newer = serde_json::from_slice::<serde_json::Value>(raw)
                .ok()
                .and_then(|v| v.get("v").and_then(serde_json::Value::as_u64))
                .filter(|&v| v > u64::from(LOG_VERSION));
            Err(match newer {
                Some(v) => format!("written by a newer limber (format {v}): {e}"),
                None => format!("damaged line: {e}"),
            })
        }
    }
}

/// Writes `lines` as JSON Lines.
pub fn write(lines: &[LogLine], out: &mut dyn Write) -> io::Result<()> {
    for line in lines {
        serde_json::to_writer(&mut *out, line).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes `answers` as JSON Lines, after the events.
pub fn write_answers(answers: &[Answer], out: &mut dyn Write) -> io::Result<()> {
    for a in answers {
        serde_json::to_writer(&mut *out, a).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// `lines` as the bytes of a log file.
pub fn to_bytes(lines: &[LogLine]) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 * lines.len());
    write(lines, &mut out).expect("writing to memory");
    out
}
