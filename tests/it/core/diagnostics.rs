//! Every invalid fixture gives exactly the diagnostics a physiotherapist
//! should see: the line and column of the token at fault, the message and the
//! hint. A change to any of them is a change to what users read, so it has to
//! show up here.

use std::collections::BTreeSet;
use std::path::Path;

use limber::core::diagnostic::Diagnostic;
use limber::core::parse::parse_routine;
use limber::store::poses;
use limber::store::routines::parse_with_poses;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/invalid");

/// (line, column, message, hint)
type Expected = (usize, usize, &'static str, Option<&'static str>);

const CASES: &[(&str, &[Expected])] = &[
    (
        "affected-without-sided.ron",
        &[(
            11,
            20,
            "this step works the affected side, but the routine does not ask which side is affected",
            Some("add `sided: true` to the routine, or use `sides: Each` or `sides: None`"),
        )],
    ),
    (
        // Refused at the field that holds the brackets, before they are
        // read: every record refuses unknown fields, and no known field
        // takes nested lists, so the nesting limit is never reached.
        "deep-nesting.ron",
        &[(
            11,
            41,
            "unknown field `notes` in Timed",
            Some("expected one of `duration`"),
        )],
    ),
    (
        "duplicate-step-ids.ron",
        &[(
            14,
            17,
            "step id `figure-four` is already used by step 1",
            Some("every step in a list needs its own id"),
        )],
    ),
    (
        "duration-absurd.ron",
        &[(
            11,
            34,
            "a hold of 3h is longer than the 10m limber allows",
            None,
        )],
    ),
    (
        "duration-malformed.ron",
        &[(
            11,
            34,
            "`30 sec` is not a duration",
            Some("durations look like \"30s\", \"2m\", \"1m30s\" or \"1h\""),
        )],
    ),
    (
        "duration-without-unit.ron",
        &[(
            11,
            34,
            "a bare number (30) has no unit",
            Some("durations look like \"30s\", \"2m\", \"1m30s\" or \"1h\""),
        )],
    ),
    (
        "duration-zero.ron",
        &[(11, 34, "a hold must be more than zero", None)],
    ),
    (
        "empty-tempo.ron",
        &[(
            11,
            42,
            "a rep needs at least one beat in `tempo`",
            Some("for example tempo: [Beat(label: \"Push\", duration: \"5s\")]"),
        )],
    ),
    (
        "empty.ron",
        &[(
            1,
            1,
            "the file is empty",
            Some("a routine starts with `Routine(`; see docs/ROUTINE_FORMAT.md"),
        )],
    ),
    (
        "invalid-id.ron",
        &[(
            2,
            9,
            "routine id `Hip Stretch` is not a valid id",
            Some("ids use lowercase letters, digits and `-`, like \"knee-pushes\""),
        )],
    ),
    (
        "missing-field.ron",
        &[(
            1,
            1,
            "missing field `title` in Routine",
            Some("add `title: ...` inside the parentheses"),
        )],
    ),
    (
        "misspelt-field.ron",
        &[(
            10,
            13,
            "unknown field `titel` in Step",
            Some("did you mean `title`?"),
        )],
    ),
    (
        "misspelt-kind-field.ron",
        &[(
            11,
            41,
            "unknown field `rep` in Hold",
            Some("did you mean `reps`?"),
        )],
    ),
    (
        "misspelt-kind.ron",
        &[(
            11,
            19,
            "unknown step kind `Hodl`",
            Some("did you mean `Hold`?"),
        )],
    ),
    (
        "no-steps.ron",
        &[(7, 12, "a routine needs at least one step", None)],
    ),
    (
        "not-utf8.ron",
        &[(
            5,
            25,
            "the file is not valid UTF-8 text",
            Some("save the file as UTF-8"),
        )],
    ),
    (
        "reps-zero.ron",
        &[(11, 47, "reps must be at least 1", None)],
    ),
    (
        "syntax-missing-comma.ron",
        &[(
            10,
            40,
            "expected a `,` here",
            Some("separate fields and list items with commas"),
        )],
    ),
    (
        "syntax-unclosed-paren.ron",
        &[(
            13,
            5,
            "expected a field name or `)`",
            Some("a `(` before this may be missing its `)`"),
        )],
    ),
    (
        "three-mistakes.ron",
        &[
            (7, 39, "times_per_day must be at least 1", None),
            (14, 48, "a beat must be more than zero", None),
            (
                20,
                20,
                "this step works the affected side, but the routine does not ask which side is affected",
                Some("add `sided: true` to the routine, or use `sides: Each` or `sides: None`"),
            ),
        ],
    ),
    (
        "unknown-equipment.ron",
        &[(
            6,
            22,
            "unknown equipment `FoamRoller`",
            Some(
                "expected one of `Mat`, `TennisBall`, `ResistanceBand`, `RigidSupport`, `Couch`, `Helper`, `Other`",
            ),
        )],
    ),
    (
        "unknown-kind.ron",
        &[(
            11,
            19,
            "unknown step kind `Stretch`",
            Some("expected one of `Timed`, `Hold`, `Reps`, `Manual`"),
        )],
    ),
    (
        "unknown-language.ron",
        &[(
            4,
            11,
            "unknown language `de`",
            Some("limber has texts for \"en\" and \"ru\""),
        )],
    ),
    (
        // Pose names are checked against the built-in poses (and, for a
        // file in a routines folder, the poses/ folder beside it).
        "unknown-pose.ron",
        &[
            (
                11,
                19,
                "unknown pose `knee-acros`",
                Some("did you mean `knee-across`?"),
            ),
            (
                13,
                60,
                "unknown pose `sitting-on-a-cloud`",
                Some(
                    "poses are the files in assets/poses/ and in the poses/ folder beside the routine; see docs/ROUTINE_FORMAT.md",
                ),
            ),
        ],
    ),
    (
        "unknown-sides.ron",
        &[(
            11,
            20,
            "unknown sides value `Both`",
            Some("expected one of `None`, `Each`, `Affected`, `AffectedFirst`"),
        )],
    ),
    (
        "wrong-type.ron",
        &[(
            11,
            47,
            "expected a whole number",
            Some("write numbers without quotes, like `reps: 3`"),
        )],
    ),
];

fn read(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(DIR).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn diagnose(name: &str) -> (Vec<Diagnostic>, String) {
    let bytes = read(name);
    let src = String::from_utf8_lossy(&bytes).into_owned();
    match parse_with_poses(&bytes, &poses::builtin()) {
        Ok(_) => panic!("{name} is supposed to be invalid but loads"),
        Err(diagnostics) => (diagnostics, src),
    }
}

#[test]
fn every_fixture_gives_exactly_the_expected_diagnostics() {
    let mut failures = Vec::new();
    for &(name, expected) in CASES {
        let (diagnostics, src) = diagnose(name);
        let got: Vec<(usize, usize, &str, Option<&str>)> = diagnostics
            .iter()
            .map(|d| (d.pos.line, d.pos.col, d.message.as_str(), d.hint.as_deref()))
            .collect();
        if got != expected.to_vec() {
            let shown: String = diagnostics.iter().map(|d| d.render(name, &src)).collect();
            failures.push(format!(
                "{name}\n  expected {expected:?}\n  got      {got:?}\n{shown}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_is_in_the_table() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let in_table: BTreeSet<String> = CASES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, in_table);
    assert!(CASES.len() >= 14);
    assert!(CASES.iter().all(|(_, expected)| !expected.is_empty()));
}

#[test]
fn semantic_mistakes_are_all_reported_in_file_order() {
    let (diagnostics, src) = diagnose("three-mistakes.ron");
    let rendered: String = diagnostics
        .iter()
        .map(|d| d.render("three-mistakes.ron", &src))
        .collect();
    assert_eq!(
        rendered,
        r#"three-mistakes.ron:7:39: times_per_day must be at least 1
  |
7 |     schedule: Schedule(times_per_day: 0),
  |                                       ^
three-mistakes.ron:14:48: a beat must be more than zero
   |
14 |                 Beat(label: "Relax", duration: "0s"),
   |                                                ^
three-mistakes.ron:20:20: this step works the affected side, but the routine does not ask which side is affected
   |
20 |             sides: Affected,
   |                    ^
  = hint: add `sided: true` to the routine, or use `sides: Each` or `sides: None`
"#
    );
}

const DOC: &str = include_str!("../../../docs/ROUTINE_FORMAT.md");

/// The contents of every fenced block of `lang` in the format documentation.
fn doc_blocks(lang: &str) -> Vec<String> {
    let fence = format!("```{lang}");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in DOC.lines() {
        match current.as_mut() {
            None if line.trim_end() == fence => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => blocks.extend(current.take()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    assert!(current.is_none(), "unclosed ```{lang} block in the doc");
    blocks
}

/// A routine around a documented fragment, so that fragments are checked too.
/// A `progression:` field in place of the one of the example routine
/// whose steps it names.
pub fn in_progression_example(block: &str) -> String {
    let example = include_str!("../../../docs/examples/progression.ron");
    let head = &example[..example
        .find("    progression:")
        .expect("the example's rule")];
    format!("{head}{block}\n)")
}

fn as_routine(block: &str) -> String {
    let first = block
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .unwrap_or("");
    let step = |kind: &str| format!("Step(id: \"s\", title: \"S\", kind: {kind})");
    let routine = |steps: &str| {
        format!(
            "Routine(id: \"doc\", version: 1, lang: \"en\", title: \"Doc\", \
             sided: true, schedule: Schedule(), steps: [{steps}])"
        )
    };
    if first.starts_with("Routine(") {
        block.to_string()
    } else if first.starts_with("progression:") {
        in_progression_example(block)
    } else if first.starts_with("Step(") {
        routine(block)
    } else {
        routine(&step(block))
    }
}

#[test]
fn the_documented_routines_are_valid() {
    let blocks = doc_blocks("ron");
    assert!(
        blocks.iter().any(|b| b.contains("\nRoutine(")),
        "the doc has lost its complete example"
    );
    for block in blocks {
        if block.contains("\nPose(") {
            continue;
        }
        let text = as_routine(&block);
        if let Err(diagnostics) = parse_routine(text.as_bytes()) {
            let shown: String = diagnostics.iter().map(|d| d.render("doc", &text)).collect();
            panic!("a ```ron block in docs/ROUTINE_FORMAT.md is invalid:\n{text}\n{shown}");
        }
    }
}

#[test]
fn the_documented_diagnostics_are_what_limber_prints() {
    let mut quoted = 0;
    for block in doc_blocks("text") {
        let Some((name, _)) = block.split_once(':') else {
            continue;
        };
        if !name.ends_with(".ron") {
            continue;
        }
        let (diagnostics, src) = diagnose(name);
        let printed: String = diagnostics.iter().map(|d| d.render(name, &src)).collect();
        assert_eq!(
            block, printed,
            "docs/ROUTINE_FORMAT.md quotes {name} wrongly"
        );
        quoted += 1;
    }
    assert!(quoted >= 20, "only {quoted} diagnostics quoted");
}

/// The documented pose parses, and the documented step that names it
/// validates with it (and not without it).
#[test]
fn the_documented_pose_validates_and_a_step_can_name_it() {
    let blocks = doc_blocks("ron");
    let poses: Vec<&String> = blocks.iter().filter(|b| b.contains("\nPose(")).collect();
    assert_eq!(poses.len(), 1, "the doc has lost its pose example");
    let mut catalog = poses::builtin();
    let pose = limber::core::pose::parse_pose(poses[0].as_bytes())
        .unwrap_or_else(|d| panic!("{}", d[0].render("doc", poses[0])));
    let id = pose.id.clone();
    catalog.insert(pose);
    let naming: Vec<String> = blocks
        .iter()
        .filter(|b| b.contains(&format!("pose: \"{id}\"")))
        .map(|b| as_routine(b))
        .collect();
    assert!(!naming.is_empty(), "no documented step shows the pose");
    for text in naming {
        if let Err(d) = parse_with_poses(text.as_bytes(), &catalog) {
            panic!("{}", d[0].render("doc", &text));
        }
        assert!(parse_with_poses(text.as_bytes(), &poses::builtin()).is_err());
    }
}
