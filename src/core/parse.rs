//! Routine text in, a valid routine or every diagnostic out.

use ron::error::{Error as RonError, SpannedError};

use super::diagnostic::Diagnostic;
use super::duration::DURATION_HINT;
use super::ron_spans::{Pos, SpanIndex};
use super::routine::Routine;
use super::validate::validate;

/// Routine files are small; anything bigger is a mistake, not a routine.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Nesting deeper than this is refused before it can exhaust the stack.
pub const MAX_DEPTH: usize = 64;

const START: Pos = Pos { line: 1, col: 1 };

/// Parses and validates a routine file's bytes. Syntax errors stop at the
/// first; semantic problems are all reported.
pub fn parse_routine(bytes: &[u8]) -> Result<Routine, Vec<Diagnostic>> {
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
    // Implicit `Some` lets a physiotherapist write `get_ready: "20s"`
    // instead of `get_ready: Some("20s")`.
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_DEPTH);
    let routine: Routine = options.from_str(text).map_err(|e| vec![from_ron(&e)])?;
    let problems = validate(&routine);
    if problems.is_empty() {
        return Ok(routine);
    }
    let index = SpanIndex::new(text);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| Diagnostic::new(index.locate(&p.path), p.message).with_hint(p.hint))
        .collect();
    diagnostics.sort_by_key(|d| d.pos);
    Err(diagnostics)
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

fn from_ron(e: &SpannedError) -> Diagnostic {
    let pos = Pos {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
    };
    let (message, hint) = match &e.code {
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            format!("unknown {} `{found}`", outer_name(outer, "variant")),
            suggest(found, expected),
        ),
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            format!("unknown field `{found}`{}", in_outer(outer)),
            suggest(found, expected),
        ),
        RonError::MissingStructField { field, outer } => {
            (format!("missing field `{field}`{}", in_outer(outer)), None)
        }
        RonError::DuplicateStructField { field, outer } => (
            format!("field `{field}` is given twice{}", in_outer(outer)),
            None,
        ),
        RonError::ExceededRecursionLimit => (
            format!("the file nests deeper than {MAX_DEPTH} levels"),
            None,
        ),
        RonError::Message(m) if m.contains(DURATION_HINT) => {
            let (msg, _) = m.split_once("; ").unwrap_or((m, ""));
            (msg.to_string(), Some(DURATION_HINT.to_string()))
        }
        other => (lowercase_first(&other.to_string()), None),
    };
    Diagnostic::new(pos, message).with_hint(hint)
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
