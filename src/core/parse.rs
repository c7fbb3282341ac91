//! Routine text in, a valid routine or every diagnostic out.

use ron::error::{Error as RonError, SpannedError};

use super::diagnostic::Diagnostic;
use super::duration::DURATION_HINT;
use super::ron_spans::{Pos, Seg, SpanIndex};
use super::routine::{Kind, Routine};
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
    let index = SpanIndex::new(text);
    let mut diagnostics = unknown_kind_fields(&routine, &index);
    diagnostics.extend(
        validate(&routine)
            .into_iter()
            .map(|p| Diagnostic::new(index.locate(&p.path), p.message).with_hint(p.hint)),
    );
    if diagnostics.is_empty() {
        return Ok(routine);
    }
    diagnostics.sort_by_key(|d| d.pos);
    Err(diagnostics)
}

/// The name and fields of a step kind, as written in a file.
fn kind_fields(kind: &Kind) -> (&'static str, &'static [&'static str]) {
    match kind {
        Kind::Timed { .. } => ("Timed", &["duration"]),
        Kind::Hold { .. } => ("Hold", &["duration", "reps", "rest", "sets", "set_rest"]),
        Kind::Reps { .. } => ("Reps", &["count", "tempo", "sets", "set_rest"]),
        Kind::Manual => ("Manual", &[]),
    }
}

/// `Kind` does not refuse unknown fields (serde's `deny_unknown_fields` is
/// not set on it), so ron skips them: `Hold(duration: "30s", rep: 3)` would
/// quietly hold once. The span index still sees every field in the text.
fn unknown_kind_fields(routine: &Routine, index: &SpanIndex) -> Vec<Diagnostic> {
    let lists = std::iter::once((vec![Seg::Field("steps")], &routine.steps)).chain(
        routine.variants.iter().enumerate().map(|(v, variant)| {
            (
                vec![Seg::Field("variants"), Seg::Index(v), Seg::Field("steps")],
                &variant.steps,
            )
        }),
    );
    let mut out = Vec::new();
    for (base, steps) in lists {
        for (i, step) in steps.iter().enumerate() {
            let (name, known) = kind_fields(&step.kind);
            let path = [&base[..], &[Seg::Index(i), Seg::Field("kind")]].concat();
            let Some((_, written)) = index.fields_at(&path) else {
                continue;
            };
            for (field, pos) in written {
                if !known.contains(&field) {
                    out.push(
                        Diagnostic::new(pos, format!("unknown field `{field}` in {name}"))
                            .with_hint(suggest(field, known)),
                    );
                }
            }
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::duration::Dur;

    const HOLD: &str = r#"Routine(
    id: "x",
    version: 1,
    lang: "en",
    title: "X",
    schedule: Schedule(),
    steps: [Step(id: "a", title: "A", kind: Hold(duration: "30s", rep: 3))],
    variants: [Variant(id: "v", title: "V", steps: [
        Step(id: "a", title: "A", kind: Timed(duration: "1m", reps: 2)),
    ])],
)"#;

    #[test]
    fn unknown_fields_in_a_step_kind_are_reported_not_ignored() {
        let d = parse_routine(HOLD.as_bytes()).unwrap_err();
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].pos, Pos { line: 7, col: 67 });
        assert_eq!(d[0].message, "unknown field `rep` in Hold");
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `reps`?"));
        assert_eq!(d[1].pos, Pos { line: 9, col: 63 });
        assert_eq!(d[1].message, "unknown field `reps` in Timed");
        assert_eq!(d[1].hint.as_deref(), Some("expected one of `duration`"));
    }

    /// The field lists above must follow `Kind` in routine.rs.
    #[test]
    fn kind_fields_match_the_routine_model() {
        let d = Dur::secs(1);
        for kind in [
            Kind::Timed { duration: d },
            Kind::Hold {
                duration: d,
                reps: 1,
                rest: d,
                sets: 1,
                set_rest: d,
            },
            Kind::Reps {
                count: 1,
                tempo: vec![],
                sets: 1,
                set_rest: d,
            },
        ] {
            let text = ron::to_string(&kind).unwrap();
            let index = SpanIndex::new(&text);
            let (name, fields) = index.fields_at(&[]).unwrap();
            let fields: Vec<&str> = fields.into_iter().map(|(f, _)| f).collect();
            assert_eq!((name.unwrap(), &fields[..]), kind_fields(&kind), "{text}");
        }
        assert_eq!(
            ron::to_string(&Kind::Manual).unwrap(),
            kind_fields(&Kind::Manual).0
        );
    }
}
