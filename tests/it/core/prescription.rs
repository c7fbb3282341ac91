//! The prescription's payload (src/core/prescription.rs): what it reads
//! and refuses, and the changes of a doctored version named one by one.

use chrono::NaiveDate;
use limber::core::prescription::diff::{Amendment, diff};
use limber::core::prescription::{self, FORMAT, Part, Payload, Physio, Prescription};
use limber::core::routine::{Kind, Side};

const ROUTINE: &str = include_str!("../../fixtures/routines/pty-quick.ron");

fn payload(routines: Vec<String>) -> Payload {
    Payload {
        format: FORMAT,
        id: "rx-0123456789ab".into(),
        version: 1,
        patient: "A.B.".into(),
        physio: Physio {
            name: "Dr Ivanova".into(),
            contact: "clinic@example.org".into(),
        },
        side: Some(Side::Left),
        starts: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
        key: "RWSDLNu3OZ6/0udIYf9/dHggl16w2P/ttSwyWDVie9zNMndDtfmJ+Vp1".into(),
        routines,
        poses: Vec::new(),
    }
}

fn read(p: &Payload) -> Prescription {
    let text = prescription::write(p);
    prescription::parse(text.as_bytes(), limber::store::poses::builtin_ref())
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"))
}

#[test]
fn a_payload_reads_back_as_written_and_its_routine_as_its_file() {
    let p = payload(vec![ROUTINE.to_string()]);
    let rx = read(&p);
    assert_eq!(rx.payload, p);
    assert_eq!(rx.routines.len(), 1);
    assert_eq!(rx.routines[0].id, "pty-quick");
    // A routine written by limber into a payload reads back the same.
    let again = payload(vec![prescription::routine_text(&rx.routines[0])]);
    assert_eq!(read(&again).routines, rx.routines);
}

#[test]
fn a_broken_routine_is_told_with_its_part_and_line() {
    let broken = ROUTINE.replace(
        "kind: Timed(duration: \"600ms\")",
        "kind: Timed(duration: \"soon\")",
    );
    let p = payload(vec![ROUTINE.replace("pty-quick", "other"), broken]);
    let text = prescription::write(&p);
    let problems =
        prescription::parse(text.as_bytes(), limber::store::poses::builtin_ref()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].part, Part::Routine(2));
    assert!(problems[0].diagnostics[0].pos.line > 1, "{problems:?}");
}

#[test]
fn a_label_with_a_control_character_or_no_routine_is_refused() {
    let mut p = payload(vec![ROUTINE.to_string()]);
    p.patient = "A.\u{1b}[2JB.".into();
    let text = prescription::write(&p);
    assert!(prescription::parse(text.as_bytes(), limber::store::poses::builtin_ref()).is_err());
    let p = payload(Vec::new());
    let text = prescription::write(&p);
    assert!(prescription::parse(text.as_bytes(), limber::store::poses::builtin_ref()).is_err());
}

#[test]
fn every_change_of_a_doctored_version_is_named() {
    let old = read(&payload(vec![ROUTINE.to_string()]));
    // Version 2: a step added, one removed, a dose changed, twice a day
    // instead of once, pain rules, the other leg, a later start.
    let doctored = ROUTINE
        .replace("times_per_day: 1", "times_per_day: 2")
        .replace("reps: 2", "reps: 5")
        .replace(
            "        Step(\n            id: \"work\",\n            title: \"Work\",\n            kind: Timed(duration: \"600ms\"),\n        ),\n",
            "        Step(\n            id: \"march\",\n            title: \"March\",\n            kind: Timed(duration: \"1s\"),\n        ),\n",
        )
        .replace("    steps: [", "    pain: (report_rise: 2),\n    steps: [");
    assert_ne!(doctored, ROUTINE);
    let mut p = payload(vec![doctored]);
    p.version = 2;
    p.side = Some(Side::Right);
    p.starts = NaiveDate::from_ymd_opt(2026, 12, 14).unwrap();
    let new = read(&p);
    let changes = diff(Some(&old), &new);
    let routine = "PTY quick".to_string();
    let expected = [
        Amendment::Side {
            before: Some(Side::Left),
            after: Some(Side::Right),
        },
        Amendment::Starts {
            before: old.payload.starts,
            after: new.payload.starts,
        },
        Amendment::StepRemoved {
            routine: routine.clone(),
            step: "Work".into(),
        },
        Amendment::StepAdded {
            routine: routine.clone(),
            step: "March".into(),
        },
    ];
    for e in &expected {
        assert!(changes.contains(e), "{e:?} not in {changes:#?}");
    }
    let dose = changes.iter().find_map(|c| match c {
        Amendment::Dose {
            step,
            before,
            after,
            ..
        } if step == "Hold" => Some((before, after)),
        _ => None,
    });
    let Some((Kind::Hold { reps: 2, .. }, Kind::Hold { reps: 5, .. })) = dose else {
        panic!("no dose change of Hold in {changes:#?}");
    };
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, Amendment::Schedule { before, after, .. }
            if before.times_per_day == 1 && after.times_per_day == 2)),
        "{changes:#?}"
    );
    assert!(
        changes.iter().any(
            |c| matches!(c, Amendment::PainRules { before: None, after: Some(p), .. }
            if p.report_rise == Some(2))
        ),
        "{changes:#?}"
    );
    assert_eq!(
        changes.len(),
        expected.len() + 3,
        "nothing else: {changes:#?}"
    );
    // The same version again changes nothing; a first one adds its routines.
    assert!(diff(Some(&new), &new).is_empty());
    assert_eq!(diff(None, &old), vec![Amendment::RoutineAdded { routine }]);
}
