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

/// A file this long is read by two threads, a half each: a ten-year
/// export is 38 MB, and its lines are read in a report before anything
/// else can start.
const SPLIT_BYTES: usize = 1 << 20;

/// Parses the bytes of a log file. Pure, so tests can cut and shuffle.
pub fn parse(bytes: &[u8]) -> Read {
    // The halves meet after a newline, so each holds whole lines and the
    // second's line numbers follow the first's.
    let cut = (bytes.len() >= SPLIT_BYTES)
        .then(|| memchr::memchr(b'\n', &bytes[bytes.len() / 2..]))
        .flatten()
        .map(|at| bytes.len() / 2 + at + 1);
    let mut read = match cut {
        Some(cut) => {
            let (first, second) = bytes.split_at(cut);
            let lines_before = memchr::memchr_iter(b'\n', first).count();
            let (a, b) = std::thread::scope(|s| {
                let b = s.spawn(|| parse_part(second, lines_before));
                let a = parse_part(first, 0);
                (a, b.join())
            });
            let b = b.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let mut read = a;
            read.lines.extend(b.lines);
            read.answers.extend(b.answers);
            read.problems.extend(b.problems);
            read.label = read.label.or(b.label);
            read
        }
        None => parse_part(bytes, 0),
    };
    // The first line with an id stands; later copies are counted and
    // dropped. Done once all are read, so no id is copied to be kept.
    let keep: Vec<bool> = {
        let mut seen: HashSet<&str, foldhash::fast::RandomState> =
            HashSet::with_capacity_and_hasher(read.lines.len(), Default::default());
        read.lines.iter().map(|l| seen.insert(&l.id)).collect()
    };
    read.duplicates = keep.iter().filter(|&&k| !k).count();
    if read.duplicates > 0 {
        let mut keep = keep.into_iter();
        read.lines.retain(|_| keep.next().unwrap_or(true));
    }
    // Answers are few: each id once, the first standing, as for events.
    let mut seen = HashSet::new();
    let answers = read.answers.len();
    read.answers.retain(|a| seen.insert(a.id.clone()));
    read.duplicates += answers - read.answers.len();
    read
}

/// The lines of `bytes`, numbered from `lines_before + 1`, duplicates
/// kept: [`parse`] drops them over the whole file.
fn parse_part(bytes: &[u8], lines_before: usize) -> Read {
    let mut read = Read {
        lines: Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count()),
        ..Read::default()
    };
    let mut rest = bytes;
    let mut line_no = lines_before;
    while !rest.is_empty() {
        line_no += 1;
        let Some(end) = memchr::memchr(b'\n', rest) else {
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
        // An event is never a label line (that has one field only), so
        // the common case is tried first.
        if let Some(line) = super::wire::read(raw) {
            read.lines.push(line);
            continue;
        }
        if let Ok(l) = serde_json::from_slice::<LabelLine>(raw) {
            if read.label.is_none() {
                read.label = Some(l.label.chars().take(MAX_LABEL_CHARS).collect());
            }
            continue;
        }
        // An answer has a `measure` and no `event`: past the fast reading,
        // which declines it, and before serde's, which would call it
        // damaged.
        if let Some(answer) = parse_answer(raw) {
            read.answers.push(answer);
            continue;
        }
        match parse_slow(raw) {
            Ok(line) => read.lines.push(line),
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
    match super::wire::read(raw) {
        Some(line) => Ok(line),
        None => parse_slow(raw),
    }
}

/// A line the fast reading declined: serde's reading, and its error.
fn parse_slow(raw: &[u8]) -> Result<LogLine, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn event(i: usize) -> String {
        format!(
            r#"{{"v":1,"id":"s{s}/{i}","session":"s{s}","at":"2026-03-01T09:00:00+01:00","routine":{{"id":"r","version":1,"hash":"ab"}},"event":"feedback","pain_after":3,"note":"a note long enough to make the file big {i}"}}"#,
            s = i / 4
        )
    }

    /// A file past [`SPLIT_BYTES`] read by two threads reads as one read
    /// straight through: the same lines in the same order, a damaged line
    /// and a torn last line in the second half under their own numbers, a
    /// copy of a line from the first half dropped, the label found.
    #[test]
    fn a_long_file_read_in_halves_reads_as_one() {
        let mut text = String::new();
        let n = 12_000;
        for i in 0..n {
            text.push_str(&event(i));
            text.push('\n');
            if i == n - 10 {
                text.push_str("{\"v\":1, damaged\n");
                text.push_str("{\"label\":\"Anna\"}\n");
                text.push_str(&event(3));
                text.push_str("\n\n");
            }
        }
        text.push_str("{\"v\":1,\"torn");
        let bytes = text.as_bytes();
        assert!(bytes.len() > 2 * SPLIT_BYTES);
        let read = parse(bytes);
        // Straight through, one thread.
        let whole = parse_part(bytes, 0);
        let mut seen = HashSet::new();
        let expected: Vec<LogLine> = whole
            .lines
            .into_iter()
            .filter(|l| seen.insert(l.id.clone()))
            .collect();
        assert_eq!(read.lines, expected);
        assert_eq!(read.lines.len(), n);
        assert_eq!(read.duplicates, 1);
        assert_eq!(read.label.as_deref(), Some("Anna"));
        assert_eq!(read.problems, whole.problems);
        let numbers: Vec<usize> = read.problems.iter().map(|p| p.line_no).collect();
        assert_eq!(numbers, vec![n - 10 + 2, n + 5]);
    }
}
