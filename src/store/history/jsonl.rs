//! The JSON Lines form of the log: one [`LogLine`] a line. It is what
//! `limber log export` writes and `limber log import` reads, and the format
//! of the old `history.jsonl` and of rescue files. Reading never fails on a
//! bad line: it is reported with its number and skipped.

use std::collections::HashSet;
use std::io::{self, Write};

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
    let mut read = Read {
        lines: Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count()),
        ..Read::default()
    };
    let mut rest = bytes;
    let mut line_no = 0;
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
        match parse_slow(raw) {
            Ok(line) => read.lines.push(line),
            Err(message) => read.problems.push(LineProblem { line_no, message }),
        }
    }
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
    read
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

/// `lines` as the bytes of a log file.
pub fn to_bytes(lines: &[LogLine]) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 * lines.len());
    write(lines, &mut out).expect("writing to memory");
    out
}
