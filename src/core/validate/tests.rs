//! The semantic checks, each shown to catch what it is for.

use crate::core::parse::parse_routine;

/// One step, with `STEP` standing for its kind and `MORE` for steps
/// after it.
const BASE: &str = r#"Routine(
    id: "x",
    version: 1,
    lang: "en",
    title: "X",
    schedule: Schedule(),
    get_ready: "0s",
    steps: [
        Step(id: "a", title: "A", kind: STEP),MORE
    ],
)
"#;

fn routine(kind: &str, more: &str) -> String {
    BASE.replace("STEP", kind).replace("MORE", more)
}

fn tempo(beats: usize) -> String {
    let beat = r#"Beat(label: "B", duration: "100ms")"#;
    format!("[{}]", vec![beat; beats].join(", "))
}

/// `n` more steps of `kind`, each on `sides`.
fn more(n: usize, sides: &str, kind: &str) -> String {
    (1..=n)
        .map(|i| {
            format!("\n        Step(id: \"s{i}\", title: \"S\", sides: {sides}, kind: {kind}),")
        })
        .collect()
}

const HOUR: &str = r#"Timed(duration: "1h")"#;
const PHASES_HINT: &str =
    "it passes the limit at this step; every get-ready, hold, rest, beat and pause is a phase";
const LENGTH_HINT: &str = "it passes the limit at this step";

type Expected = (usize, usize, &'static str, Option<&'static str>);

/// Every diagnostic of `text` as (line, column, message, hint).
fn check(text: &str, expected: &[Expected]) {
    let (got, shown): (Vec<_>, String) = match parse_routine(text.as_bytes()) {
        Ok(_) => (vec![], "valid".into()),
        Err(d) => (
            d.iter()
                .map(|d| (d.pos.line, d.pos.col, d.message.clone(), d.hint.clone()))
                .collect(),
            d.iter().map(|d| d.render("t.ron", text)).collect(),
        ),
    };
    let expected: Vec<_> = expected
        .iter()
        .map(|&(l, c, m, h)| (l, c, m.to_string(), h.map(str::to_string)))
        .collect();
    assert_eq!(got, expected, "\n{shown}");
}

#[test]
fn each_limit_is_reported_at_the_value_that_breaks_it() {
    let cases: [(String, String, Expected); 9] = [
        (
            format!("Reps(count: 5, tempo: {})", tempo(17)),
            String::new(),
            (
                9,
                63,
                "a rep of 17 beats is more than the 16 limber allows",
                None,
            ),
        ),
        (
            format!("Reps(count: 201, tempo: {})", tempo(1)),
            String::new(),
            (
                9,
                53,
                "count of 201 is more than the 200 limber allows",
                None,
            ),
        ),
        (
            format!("Reps(count: 5, sets: 21, tempo: {})", tempo(1)),
            String::new(),
            (9, 62, "sets of 21 is more than the 20 limber allows", None),
        ),
        (
            r#"Hold(duration: "1s", reps: 101)"#.into(),
            String::new(),
            (
                9,
                68,
                "reps of 101 is more than the 100 limber allows",
                None,
            ),
        ),
        (
            r#"Hold(duration: "1s", sets: 21)"#.into(),
            String::new(),
            (9, 68, "sets of 21 is more than the 20 limber allows", None),
        ),
        (
            "Manual".into(),
            more(100, "None", "Manual"),
            (8, 12, "101 steps are more than the 100 limber allows", None),
        ),
        // 20 sets of 200 reps of 3 beats: 12,000 phases in 20 minutes.
        (
            format!("Reps(count: 200, sets: 20, tempo: {})", tempo(3)),
            String::new(),
            (
                9,
                9,
                "a session would have 12000 phases, more than the 10000 limber allows",
                Some(PHASES_HINT),
            ),
        ),
        // Four hours are allowed; the fifth is at the step that adds it.
        (
            HOUR.into(),
            more(4, "None", HOUR),
            (
                13,
                9,
                "a session would last 5h, longer than the 4h limber allows",
                Some(LENGTH_HINT),
            ),
        ),
        // Both sides count, and the pause between them.
        (
            HOUR.into(),
            more(2, "Each", HOUR),
            (
                11,
                9,
                "a session would last 5h20s, longer than the 4h limber allows",
                Some(LENGTH_HINT),
            ),
        ),
    ];
    for (kind, more, expected) in cases {
        check(&routine(&kind, &more), &[expected]);
    }
}

#[test]
fn a_routine_at_every_limit_is_valid() {
    for (kind, more) in [
        (
            format!("Reps(count: 5, tempo: {})", tempo(16)),
            String::new(),
        ),
        (
            format!("Reps(count: 200, sets: 20, tempo: {})", tempo(1)),
            String::new(),
        ),
        (
            r#"Hold(duration: "1s", reps: 100, sets: 20)"#.into(),
            String::new(),
        ),
        ("Manual".into(), more(99, "None", "Manual")),
        // Exactly 10,000 phases.
        (
            format!("Reps(count: 100, sets: 20, tempo: {})", tempo(5)),
            String::new(),
        ),
        // Exactly four hours.
        (HOUR.into(), more(3, "None", HOUR)),
    ] {
        check(&routine(&kind, &more), &[]);
    }
}

/// A session over the limits because of a value out of its own range
/// is reported at that value only.
#[test]
fn a_value_out_of_range_is_not_reported_again_as_the_session_size() {
    // 9h of holds and 200 * 20 * 17 = 68,000 beats.
    let hold = r#"Hold(duration: "3h", reps: 3)"#;
    check(
        &routine(hold, ""),
        &[(
            9,
            56,
            "a hold of 3h is longer than the 10m limber allows",
            None,
        )],
    );
    let reps = format!("Reps(count: 200, sets: 20, tempo: {})", tempo(17));
    check(
        &routine(&reps, ""),
        &[(
            9,
            75,
            "a rep of 17 beats is more than the 16 limber allows",
            None,
        )],
    );
}

/// A variant is a session of its own: its steps are measured alone,
/// and its problems point into the variant.
#[test]
fn variants_are_held_to_the_same_limits() {
    let text = format!(
        r#"Routine(
    id: "x",
    version: 1,
    lang: "en",
    title: "X",
    schedule: Schedule(),
    get_ready: "0s",
    steps: [Step(id: "a", title: "A", kind: Manual)],
    variants: [
        Variant(id: "v", title: "V", steps: [
            Step(id: "a", title: "A", kind: Manual),
            Step(id: "b", title: "B", kind: Reps(count: 200, sets: 20, tempo: {})),
        ]),
        Variant(id: "w", title: "W", steps: [
            Step(id: "a", title: "A", kind: Reps(count: 1, tempo: {})),
        ]),
    ],
)
"#,
        tempo(3),
        tempo(17)
    );
    check(
        &text,
        &[
            (
                12,
                13,
                "a session would have 12001 phases, more than the 10000 limber allows",
                Some(PHASES_HINT),
            ),
            (
                15,
                67,
                "a rep of 17 beats is more than the 16 limber allows",
                None,
            ),
        ],
    );
}

/// A routine with a hold, a reps step and a progression rule of `rule`.
fn ruled(rule: &str) -> String {
    format!(
        r#"Routine(
    id: "x",
    version: 1,
    lang: "en",
    title: "X",
    schedule: Schedule(),
    steps: [
        Step(id: "h", title: "H", kind: Hold(duration: "30s", up_to: "2m")),
        Step(id: "r", title: "R", kind: Reps(count: 8, tempo: [Beat(label: "B", duration: "1s")])),
        Step(id: "t", title: "T", kind: Timed(duration: "1m")),
    ],
    progression: Progression(
{rule}
    ),
)
"#
    )
}

#[test]
fn a_progression_rule_is_checked_where_each_mistake_is_written() {
    check(
        &ruled(
            r#"        every_days: 91,
        raise_when: Calm(pain_during_at_most: 11),
        lower_when: Flare(pain_rise: 0, worse_mornings: 100),
        steps: [
            StepRule(step: "h", hold: (add: "0s", max: "2m", min: "40s")),
            StepRule(step: "r", reps: (add: 2, max: 6), sets: (add: 1, max: 21)),
            StepRule(step: "t", hold: (add: "5s", max: "2m")),
            StepRule(step: "nope", pin: true),
            StepRule(step: "r"),
        ],"#,
        ),
        &[
            (13, 21, "every_days must be from 1 to 90, not 91", None),
            (
                14,
                47,
                "pain_during_at_most must be from 0 to 10 (pain is scored 0-10), not 11",
                None,
            ),
            (
                15,
                38,
                "pain_rise must be from 1 to 10 (pain is scored 0-10), not 0",
                None,
            ),
            (
                15,
                57,
                "worse_mornings of 100 is more than the 90 limber allows",
                None,
            ),
            (17, 45, "add must be more than zero", None),
            (
                17,
                56,
                "max (2m) must be shorter than the step's up_to (2m)",
                Some("the hold counts up from its minimum to up_to"),
            ),
            (
                17,
                67,
                "min (40s) is longer than the step's hold (30s)",
                Some("the dose steps back from the written hold down to min"),
            ),
            (
                18,
                53,
                "max (6) is less than the step's reps (8)",
                Some("the dose rises from the written one up to max"),
            ),
            (18, 77, "max of 21 is more than the 20 limber allows", None),
            (
                19,
                39,
                "step `t` is not a Hold: it has no hold to change",
                None,
            ),
            (
                20,
                28,
                "no step `nope` in the routine's main steps",
                Some("a rule follows the main steps; a variant keeps its written dose"),
            ),
            (
                21,
                28,
                "step `r` already has a rule",
                Some("give each step one rule"),
            ),
            (
                21,
                28,
                "the rule for `r` changes nothing",
                Some("add hold, reps or sets, or `pin: true` to keep the written dose"),
            ),
        ],
    );
}

#[test]
fn a_rule_cannot_grow_a_session_past_the_limits() {
    check(
        &ruled(
            r#"        every_days: 7,
        steps: [StepRule(step: "h", reps: (add: 1, max: 100))],"#,
        )
        .replace("up_to: \"2m\"", "up_to: \"10m\""),
        &[(
            14,
            16,
            "at the top of its rules a session would last 16h41m38s, longer than the 4h limber allows",
            Some("lower a max"),
        )],
    );
    // A rule with nothing to ask for a raise is refused too.
    check(
        &ruled(
            r#"        every_days: 7,
        raise_when: Calm(),
        steps: [StepRule(step: "h", pin: true)],"#,
        ),
        &[(
            14,
            21,
            "raise_when needs at least one condition",
            Some(
                "for example Calm(pain_during_at_most: 5, mornings_no_worse: true, sessions_at_least: 10)",
            ),
        )],
    );
}
