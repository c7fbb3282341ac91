//! The built-in routines: they load, validate, and agree across languages.

use limber::core::lang::Lang;
use limber::core::parse::parse_routine;
use limber::core::routine::{Kind, Routine, Step};
use limber::store::routines::{BUILTIN, builtin};

fn parsed() -> Vec<(&'static str, &'static str, Routine)> {
    BUILTIN
        .iter()
        .map(|&(lang, name, text)| {
            let routine = parse_routine(text.as_bytes()).unwrap_or_else(|d| {
                panic!(
                    "built-in {lang}/{name} is invalid:\n{}",
                    d.iter().map(|d| d.render(name, text)).collect::<String>()
                )
            });
            (lang, name, routine)
        })
        .collect()
}

#[test]
fn every_builtin_loads_and_validates() {
    let all = parsed();
    assert_eq!(all.len(), 4);
    for (lang, name, routine) in &all {
        assert_eq!(&routine.lang, lang, "{name}");
        assert_eq!(format!("{}.ron", routine.id), *name);
    }
}

#[test]
fn both_languages_offer_both_routines() {
    for lang in Lang::ALL {
        let ids: Vec<String> = builtin(lang).into_iter().map(|l| l.routine.id).collect();
        assert_eq!(
            ids,
            ["piriformis-stretch", "piriformis-massage"],
            "{lang:?}"
        );
        assert!(builtin(lang).iter().all(|l| l.routine.lang == lang.code()));
    }
}

/// Everything but the words: ids, kinds, numbers, sides, schedule.
fn skeleton(r: &Routine) -> String {
    fn steps(steps: &[Step]) -> Vec<String> {
        steps
            .iter()
            .map(|s| {
                let kind = match &s.kind {
                    Kind::Reps {
                        count,
                        tempo,
                        sets,
                        set_rest,
                    } => format!(
                        "Reps {count} {sets} {set_rest} {:?}",
                        tempo.iter().map(|b| b.duration).collect::<Vec<_>>()
                    ),
                    other => format!("{other:?}"),
                };
                format!(
                    "{} {:?} {kind} {:?} {} cues={}",
                    s.id,
                    s.sides,
                    s.get_ready,
                    s.rest_after,
                    s.cues.len()
                )
            })
            .collect()
    }
    format!(
        "{} v{} sided={} {:?} {:?} ready={} switch={} steps={:#?} variants={:#?}",
        r.id,
        r.version,
        r.sided,
        r.equipment,
        r.schedule,
        r.get_ready,
        r.switch_side,
        steps(&r.steps),
        r.variants
            .iter()
            .map(|v| (v.id.clone(), steps(&v.steps)))
            .collect::<Vec<_>>(),
    )
}

#[test]
fn languages_agree_on_every_number_and_step() {
    let all = parsed();
    for (_, name, en) in all.iter().filter(|(lang, ..)| *lang == "en") {
        let (_, _, ru) = all
            .iter()
            .find(|(lang, n, _)| *lang == "ru" && n == name)
            .unwrap_or_else(|| panic!("no Russian {name}"));
        assert_eq!(skeleton(en), skeleton(ru), "{name}: en and ru disagree");
        assert_eq!(en.safety.len(), ru.safety.len(), "{name}: safety notes");
    }
}

#[test]
fn exercise_routine_follows_the_article() {
    let stretch = builtin(Lang::En).remove(0).routine;
    assert_eq!(stretch.schedule.times_per_day, 3);
    let ids: Vec<&str> = stretch.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "knee-pushes",
            "knee-across",
            "figure-four",
            "assisted-rise",
            "band-abduction"
        ]
    );
    // The knee-across hold lasts at least 30 s.
    match stretch.steps[1].kind {
        Kind::Hold { duration, .. } => assert!(duration.0.as_secs() >= 30),
        ref other => panic!("knee-across is {other:?}"),
    }
}

#[test]
fn massage_routine_follows_the_article() {
    let massage = builtin(Lang::En).remove(1).routine;
    let course = massage.schedule.course.clone().expect("a course");
    assert_eq!((course.sessions, course.pause_days), (12, 30));
    let minutes = |steps: &[Step]| -> u64 {
        steps
            .iter()
            .map(|s| match s.kind {
                Kind::Timed { duration } => duration.0.as_secs(),
                _ => 0,
            })
            .sum::<u64>()
            / 60
    };
    assert_eq!(minutes(&massage.steps), 20);
    let gentle = massage
        .variants
        .iter()
        .find(|v| v.id == "gentle")
        .expect("gentle");
    assert_eq!(minutes(&gentle.steps), 20);
}
