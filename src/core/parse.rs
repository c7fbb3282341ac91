//! Routine text in, a valid routine or every diagnostic out.

use ron::error::{Error as RonError, SpannedError};

use super::diagnostic::Diagnostic;
use super::duration::DURATION_HINT;
use super::ron_spans::{
    Pos, SpanIndex, blank, end_of_token_before, entry_around, next_token_at, opening_of,
};
use super::routine::Routine;
use super::validate::validate;

/// Routine files are small; anything bigger is a mistake, not a routine.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Nesting deeper than this is refused before it can exhaust the stack. A
/// guard only: every record refuses unknown fields and no field takes
/// nested lists, so ron stops at the first bracket too many.
pub const MAX_DEPTH: usize = 64;

const START: Pos = Pos { line: 1, col: 1 };

/// How many times the parser is started again past a refused field: each
/// start reads the whole file, and a file with more mistakes than this
/// has shown enough of them.
const MAX_RESTARTS: usize = 50;

/// Parses and validates a routine file's bytes: every mistake, in the
/// order of the file (see [`parse_routine_with`]).
pub fn parse_routine(bytes: &[u8]) -> Result<Routine, Vec<Diagnostic>> {
    parse_routine_with(bytes, |_, _| Vec::new())
}

/// Parses and validates a routine file's bytes, with `more` checks of the
/// caller's (pose names) run on what the parser read. `ron` stops at its
/// first error; a field it refuses (unknown, misspelt, a value of the wrong
/// type) is blanked out and the text read again, so one run reports every
/// such mistake, then every semantic one. A syntax error (a missing comma
/// or bracket) ends the reading: what follows cannot be trusted.
pub fn parse_routine_with(
    bytes: &[u8],
    more: impl Fn(&Routine, &str) -> Vec<Diagnostic>,
) -> Result<Routine, Vec<Diagnostic>> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![Diagnostic::new(
            START,
            format!(
                "the file is {} bytes; a routine file may be at most {} bytes",
                bytes.len(),
                MAX_BYTES
            ),
        )]);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // Safe: the prefix up to `valid_up_to` is valid UTF-8.
        let before = std::str::from_utf8(valid).unwrap_or_default();
        vec![
            Diagnostic::new(end_of(before), "the file is not valid UTF-8 text")
                .with_hint(Some("save the file as UTF-8".into())),
        ]
    })?;
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::new(START, "the file is empty").with_hint(
            Some("a routine starts with `Routine(`; see docs/ROUTINE_FORMAT.md".into()),
        )]);
    }
    let (routine, read, mut diagnostics) = read_on(text);
    if let Some(routine) = routine {
        let index = SpanIndex::new(&read);
        diagnostics.extend(
            validate(&routine)
                .into_iter()
                .map(|p| Diagnostic::new(index.locate(&p.path), p.message).with_hint(p.hint)),
        );
        diagnostics.extend(more(&routine, &read));
        if diagnostics.is_empty() {
            return Ok(routine);
        }
    }
    diagnostics.sort_by_key(|d| d.pos);
    Err(diagnostics)
}

/// The routine `ron` reads from `text` once each field it refused is
/// blanked, the text it read, and the diagnostics of those fields.
fn read_on(text: &str) -> (Option<Routine>, String, Vec<Diagnostic>) {
    let mut read = text.to_string();
    let mut diagnostics = Vec::new();
    let mut blanked: Vec<String> = Vec::new();
    loop {
        let e = match ron_options().from_str::<Routine>(&read) {
            Ok(routine) => return (Some(routine), read, diagnostics),
            Err(e) => e,
        };
        // A required field blanked here is missing now: not the file's
        // mistake, and the end of what can be read.
        if let RonError::MissingStructField { field, .. } = &e.code
            && blanked.iter().any(|b| b == field)
        {
            return (None, read, diagnostics);
        }
        let d = from_ron(&e, &read);
        let pos = d.pos;
        diagnostics.push(d);
        if !refused_field(&e.code) || diagnostics.len() >= MAX_RESTARTS {
            return (None, read, diagnostics);
        }
        // A misspelt name is read as the name it is closest to when that
        // fits in its place, so the value is still checked and nothing is
        // "missing" because of it.
        if let RonError::NoSuchStructField {
            expected, found, ..
        } = &e.code
            && let Some(name) = closest(found, expected)
        {
            blanked.push(name.to_string());
            if name.chars().count() <= found.chars().count() {
                let padded = format!("{name:<width$}", width = found.chars().count());
                read = overwrite(&read, pos, &padded);
                continue;
            }
        }
        let Some((start, end)) = entry_around(&read, pos) else {
            return (None, read, diagnostics);
        };
        blanked.push(field_name(&read, start));
        read = blank(&read, start, end);
    }
}

/// `text` with the characters from `at` on replaced by `with`, as many.
fn overwrite(text: &str, at: Pos, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == at.line {
            let mut replacement = with.chars();
            for (j, c) in line.chars().enumerate() {
                let r = if j + 1 >= at.col {
                    replacement.next()
                } else {
                    None
                };
                out.push(r.unwrap_or(c));
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Errors about one field, after which the rest of the file reads on.
fn refused_field(code: &RonError) -> bool {
    matches!(
        code,
        RonError::NoSuchStructField { .. }
            | RonError::DuplicateStructField { .. }
            | RonError::NoSuchEnumVariant { .. }
            | RonError::ExpectedInteger
            | RonError::IntegerOutOfBounds
            | RonError::ExpectedString
            | RonError::ExpectedBoolean
            | RonError::ExpectedArray
            | RonError::Message(_)
    )
}

/// The name that starts at `start`.
fn field_name(text: &str, start: Pos) -> String {
    text.lines()
        .nth(start.line - 1)
        .unwrap_or_default()
        .chars()
        .skip(start.col - 1)
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// How limber reads its RON files. Implicit `Some` lets a
/// physiotherapist write `get_ready: "20s"` instead of
/// `get_ready: Some("20s")`.
pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_DEPTH)
}

/// Position just after `text`.
fn end_of(text: &str) -> Pos {
    let line = text.matches('\n').count() + 1;
    let last = text.rsplit('\n').next().unwrap_or("");
    Pos {
        line,
        col: last.chars().count() + 1,
    }
}

pub(crate) fn from_ron(e: &SpannedError, text: &str) -> Diagnostic {
    let reported = Pos {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
    };
    // Most errors are about the value at `reported`, but ron often reports
    // the whitespace in front of it.
    let pos = match e.code {
        RonError::Eof | RonError::UnclosedBlockComment | RonError::UnclosedLineComment => reported,
        _ => next_token_at(text, reported),
    };
    let found = char_at(text, pos);
    let before = char_before(text, pos);
    let (pos, message, hint): (Pos, String, Option<String>) = match &e.code {
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            pos,
            format!("unknown {} `{found}`", outer_name(outer, "variant")),
            suggest(found, expected),
        ),
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            pos,
            format!("unknown field `{found}`{}", in_outer(outer)),
            suggest(found, expected),
        ),
        // ron notices at the closing `)`; the value that lacks the field
        // starts at its name.
        RonError::MissingStructField { field, outer } => (
            opening_of(text, pos).unwrap_or(pos),
            format!("missing field `{field}`{}", in_outer(outer)),
            Some(format!("add `{field}: ...` inside the parentheses")),
        ),
        RonError::DuplicateStructField { field, outer } => (
            pos,
            format!("field `{field}` is given twice{}", in_outer(outer)),
            None,
        ),
        RonError::ExceededRecursionLimit => (
            pos,
            format!("the file nests deeper than {MAX_DEPTH} levels"),
            Some("a routine needs only a few levels of brackets; check for stray `(` or `[`".into()),
        ),
        RonError::Message(m) if m.contains(DURATION_HINT) => {
            let (msg, _) = m.split_once("; ").unwrap_or((m, ""));
            // ron points inside the quotes; the value starts at the quote,
            // which is where the checks on durations point too.
            let pos = match before {
                Some('"') => Pos {
                    col: pos.col - 1,
                    ..pos
                },
                _ => pos,
            };
            (pos, msg.to_string(), Some(DURATION_HINT.to_string()))
        }
        // A decimal where a count goes: ron stops at the `.`.
        RonError::ExpectedComma if found == Some('.') && before.is_some_and(|c| c.is_ascii_digit()) => (
            digits_start(text, pos),
            "expected a whole number".into(),
            Some("counts are whole numbers, like `reps: 3`".into()),
        ),
        // ron only notices a missing comma at the next token, often on the
        // next line; the comma belongs right after the previous value.
        RonError::ExpectedComma if before.is_none_or(char::is_whitespace) => (
            end_of_token_before(text, pos),
            "expected a `,` here".into(),
            Some("separate fields and list items with commas".into()),
        ),
        RonError::ExpectedComma if found == Some('(') && before.is_some_and(char::is_alphanumeric) => (
            pos,
            "unexpected `(`".into(),
            Some("this name takes no parentheses: write it alone, like `kind: Manual`".into()),
        ),
        RonError::ExpectedComma => (
            pos,
            "expected a `,` or a closing bracket here".into(),
            (before == Some('"')).then(|| "a text before this may be missing its closing `\"`".into()),
        ),
        RonError::ExpectedIdentifier if matches!(found, Some(']' | '}')) => (
            pos,
            "expected a field name or `)`".into(),
            Some("a `(` before this may be missing its `)`".into()),
        ),
        RonError::ExpectedIdentifier if found == Some('"') && prev_token_is_colon(text, pos) => (
            pos,
            "expected a name, not text in quotes".into(),
            Some("names such as `Each` or `Hold` are written without quotes".into()),
        ),
        RonError::ExpectedIdentifier => (
            pos,
            "expected a field name".into(),
            Some("write fields as `name: value`, with no quotes around the name".into()),
        ),
        RonError::ExpectedMapColon => (
            pos,
            "expected `:` after the field name".into(),
            Some("write fields as `name: value`".into()),
        ),
        RonError::ExpectedInteger => (
            pos,
            "expected a whole number".into(),
            (found == Some('"')).then(|| "write numbers without quotes, like `reps: 3`".into()),
        ),
        // ron reports a negative number just after its `-`.
        RonError::IntegerOutOfBounds if before == Some('-') => (
            Pos {
                col: pos.col - 1,
                ..pos
            },
            "expected a whole number of zero or more".into(),
            Some("counts cannot be negative".into()),
        ),
        RonError::IntegerOutOfBounds => (pos, "this number is too large".into(), None),
        RonError::ExpectedString => (
            pos,
            "expected text in double quotes".into(),
            Some(if found == Some('\'') {
                "use double quotes `\"`, not single quotes".into()
            } else {
                "for example `title: \"Hip stretch\"`".into()
            }),
        ),
        RonError::ExpectedStructLike => (
            pos,
            "expected `(` here".into(),
            Some("this name needs its fields in parentheses, like `Hold(duration: \"30s\")`".into()),
        ),
        RonError::UnclosedBlockComment => (
            comment_start(text, pos),
            "this comment is never closed".into(),
            Some("end it with `*/`".into()),
        ),
        RonError::ExpectedBoolean => (pos, "expected `true` or `false`".into(), None),
        RonError::ExpectedArray => (
            pos,
            "expected a list in square brackets".into(),
            Some("even one item goes in brackets, like `cues: [\"Breathe out\"]`".into()),
        ),
        RonError::ExpectedArrayEnd => (pos, "expected a closing `]`".into(), None),
        RonError::ExpectedStructLikeEnd | RonError::ExpectedOptionEnd => {
            (pos, "expected a closing `)`".into(), None)
        }
        RonError::ExpectedNamedStructLike(name) if !name.is_empty() => (
            pos,
            format!("expected `{name}(` here"),
            (found == Some('{')).then(|| "routine files use `Name(field: value)`, not braces".into()),
        ),
        RonError::ExpectedDifferentStructName { expected, found } => (
            pos,
            format!("expected `{expected}` here, found `{found}`"),
            None,
        ),
        RonError::Eof => (
            pos,
            "the file ends before the routine does".into(),
            Some("a closing `)` or `]` is probably missing".into()),
        ),
        RonError::TrailingCharacters => (
            pos,
            "unexpected text after the end of the routine".into(),
            Some("the routine ends at its last `)`; remove what follows, or check the brackets before it".into()),
        ),
        other => (pos, lowercase_first(&other.to_string()), None),
    };
    Diagnostic::new(pos, message).with_hint(hint)
}

fn char_at(text: &str, pos: Pos) -> Option<char> {
    text.lines().nth(pos.line - 1)?.chars().nth(pos.col - 1)
}

fn char_before(text: &str, pos: Pos) -> Option<char> {
    match pos.col {
        1 => (pos.line > 1).then_some('\n'),
        col => text.lines().nth(pos.line - 1)?.chars().nth(col - 2),
    }
}

/// Where the run of digits that ends just before `pos` starts.
fn digits_start(text: &str, pos: Pos) -> Pos {
    let line = text.lines().nth(pos.line - 1).unwrap_or("");
    let digits = line
        .chars()
        .take(pos.col - 1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    Pos {
        col: pos.col - digits,
        ..pos
    }
}

/// The `/*` that opens the comment ron was reading at `pos`, if on its line.
fn comment_start(text: &str, pos: Pos) -> Pos {
    let Some(line) = text.lines().nth(pos.line - 1) else {
        return pos;
    };
    let upto: String = line.chars().take(pos.col - 1).collect();
    match upto.rfind("/*") {
        Some(byte) => Pos {
            col: upto[..byte].chars().count() + 1,
            ..pos
        },
        None => pos,
    }
}

fn prev_token_is_colon(text: &str, pos: Pos) -> bool {
    let end = end_of_token_before(text, pos);
    char_before(text, end) == Some(':')
}

fn outer_name(outer: &Option<String>, fallback: &str) -> String {
    match outer.as_deref() {
        Some("Kind") => "step kind".into(),
        Some("Sides") => "sides value".into(),
        Some("Equipment") => "equipment".into(),
        Some(o) => format!("{o} variant"),
        None => fallback.into(),
    }
}

fn in_outer(outer: &Option<String>) -> String {
    outer
        .as_deref()
        .map(|o| format!(" in {o}"))
        .unwrap_or_default()
}

/// The known name `found` is most likely a misspelling of, if any.
fn closest<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| {
            (
                strsim::jaro_winkler(&found.to_lowercase(), &e.to_lowercase()),
                *e,
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .and_then(|(score, name)| (score >= 0.8).then_some(name))
}

/// "did you mean `hold`?" for the closest known name, else the full list.
fn suggest(found: &str, expected: &[&str]) -> Option<String> {
    let best = expected
        .iter()
        .map(|e| {
            (
                strsim::jaro_winkler(&found.to_lowercase(), &e.to_lowercase()),
                e,
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, name)) if score >= 0.8 => Some(format!("did you mean `{name}`?")),
        _ if expected.is_empty() => None,
        _ => Some(format!(
            "expected one of {}",
            expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOLD: &str = r#"Routine(
    id: "x",
    version: 1,
    lang: "en",
    title: "X",
    schedule: Schedule(),
    steps: [Step(id: "a", title: "A", kind: Hold(duration: "30s", rep: 3))],
)"#;

    const TIMED_IN_VARIANT: &str = r#"Routine(
    id: "x",
    version: 1,
    lang: "en",
    title: "X",
    schedule: Schedule(),
    steps: [Step(id: "a", title: "A", kind: Manual)],
    variants: [Variant(id: "v", title: "V", steps: [
        Step(id: "a", title: "A", kind: Timed(duration: "1m", reps: 2)),
    ])],
)"#;

    /// `Kind` refuses unknown fields, so ron reports them where they are
    /// written, with the kind's own fields to suggest from; without that,
    /// `Hold(duration: "30s", rep: 3)` would quietly hold once.
    #[test]
    fn unknown_fields_in_a_step_kind_are_reported_not_ignored() {
        let d = parse_routine(HOLD.as_bytes()).unwrap_err();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].pos, Pos { line: 7, col: 67 });
        assert_eq!(d[0].message, "unknown field `rep` in Hold");
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `reps`?"));

        let d = parse_routine(TIMED_IN_VARIANT.as_bytes()).unwrap_err();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].pos, Pos { line: 9, col: 63 });
        assert_eq!(d[0].message, "unknown field `reps` in Timed");
        assert_eq!(d[0].hint.as_deref(), Some("expected one of `duration`"));
    }

    const BASE: &str = r#"Routine(
    id: "x",
    version: 1,
    lang: "en",
    title: "X",
    schedule: Schedule(),
    steps: [
        Step(
            id: "a",
            title: "A",
            kind: Hold(duration: "30s", reps: 3),
        ),
    ],
)
"#;

    /// Syntax mistakes: where the caret goes and what the message says.
    #[test]
    fn syntax_errors_point_at_the_mistake_in_plain_words() {
        for (from, to, line, col, message) in [
            // ron reports the whitespace before a value of the wrong type.
            (
                "version: 1",
                "version: \"1\"",
                3,
                14,
                "expected a whole number",
            ),
            ("id: \"x\"", "id: 5", 2, 9, "expected text in double quotes"),
            (
                "title: \"X\"",
                "title: 'X'",
                5,
                12,
                "expected text in double quotes",
            ),
            (
                "title: \"X\"",
                "\"title\": \"X\"",
                5,
                5,
                "expected a field name",
            ),
            (
                "title: \"X\"",
                "title = \"X\"",
                5,
                11,
                "expected `:` after the field name",
            ),
            // The comma belongs after the value, not before the next line.
            (
                "title: \"A\",",
                "title: \"A\"",
                10,
                23,
                "expected a `,` here",
            ),
            (
                "reps: 3",
                "reps: -1",
                11,
                47,
                "expected a whole number of zero or more",
            ),
            ("reps: 3", "reps: 1.5", 11, 47, "expected a whole number"),
            (
                "reps: 3",
                "reps: 99999999999",
                11,
                47,
                "this number is too large",
            ),
            (
                "Hold(duration: \"30s\", reps: 3)",
                "Manual()",
                11,
                25,
                "unexpected `(`",
            ),
            (
                "Hold(duration: \"30s\", reps: 3)",
                "Hold",
                11,
                23,
                "expected `(` here",
            ),
            (
                "title: \"A\",",
                "title: \"A\", sides: \"Each\",",
                10,
                32,
                "expected a name, not text in quotes",
            ),
            (
                "steps: [",
                "steps: (",
                7,
                12,
                "expected a list in square brackets",
            ),
            ("Routine(", "Routine {", 1, 9, "expected `Routine(` here"),
            (
                "title: \"X\",",
                "title: \"X\", /* note",
                5,
                17,
                "this comment is never closed",
            ),
            (
                "    ],\n)",
                "    ],\n",
                13,
                7,
                "the file ends before the routine does",
            ),
            (
                "    ],\n)",
                "    ],\n))",
                14,
                2,
                "unexpected text after the end of the routine",
            ),
            // Missing fields point at the value that lacks them.
            (
                "Hold(duration: \"30s\", reps: 3)",
                "Hold(reps: 3)",
                11,
                19,
                "missing field `duration` in Hold",
            ),
        ] {
            assert!(BASE.contains(from), "{from}");
            let text = BASE.replacen(from, to, 1);
            let d = parse_routine(text.as_bytes()).unwrap_err();
            assert_eq!(d.len(), 1, "{to}: {d:?}");
            assert_eq!(
                (d[0].pos, d[0].message.as_str()),
                (Pos { line, col }, message),
                "{to}\n{}",
                d[0].render("t.ron", &text)
            );
        }
    }
}
