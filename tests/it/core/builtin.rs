//! The built-in routines: they load, validate, agree across languages, and
//! keep the content rules of the clinical review (safety notes, wording).

use limber::cli::new::template;
use limber::core::parse::parse_routine;
use limber::core::routine::{CourseCount, Equipment, Kind, Routine, Sides, Step};
use limber::i18n::{Lang, Strings};
use limber::store::routines::{BUILTIN, builtin};

use crate::common::texts::{patient_texts, step_texts};

fn parsed() -> Vec<(&'static str, &'static str, Routine)> {
    BUILTIN
        .iter()
        .map(|&(lang, name, text)| (lang, name, parse(&format!("built-in {lang}/{name}"), text)))
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

/// Every step of every built-in routine and variant names a picture, and
/// every pose a step or beat names exists; every built-in pose parses and
/// is used.
#[test]
fn every_builtin_step_names_a_pose_that_exists() {
    let poses = limber::store::poses::builtin();
    assert_eq!(poses.ids().count(), limber::store::poses::BUILTIN.len());
    for &(name, text) in limber::store::poses::BUILTIN {
        let pose = limber::core::pose::parse_pose(text.as_bytes())
            .unwrap_or_else(|d| panic!("{name}: {}", d[0].render(name, text)));
        assert_eq!(format!("{}.ron", pose.id), name);
        assert!(
            pose.title.contains_key("en") && pose.title.contains_key("ru"),
            "{name}"
        );
    }
    let mut used = std::collections::BTreeSet::new();
    for (lang, name, routine) in parsed() {
        let lists =
            std::iter::once(&routine.steps).chain(routine.variants.iter().map(|v| &v.steps));
        for step in lists.flatten() {
            let pose = step
                .pose
                .as_deref()
                .unwrap_or_else(|| panic!("{lang}/{name}: step `{}` names no pose", step.id));
            assert!(
                poses.get(pose).is_some(),
                "{lang}/{name}: step `{}`: no pose `{pose}`",
                step.id
            );
        }
        for (_, pose) in limber::core::pose::named(&routine) {
            assert!(poses.get(pose).is_some(), "{lang}/{name}: no pose `{pose}`");
            used.insert(pose.to_string());
        }
    }
    let all: std::collections::BTreeSet<String> = poses.ids().map(str::to_string).collect();
    assert_eq!(used, all, "every built-in pose is used");
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

/// Everything but the words: ids, kinds, numbers, sides, schedule, poses.
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
                        tempo
                            .iter()
                            .map(|b| (b.duration, b.pose.as_deref()))
                            .collect::<Vec<_>>()
                    ),
                    other => format!("{other:?}"),
                };
                format!(
                    "{} {:?} {:?} {kind} {:?} {} cues={} needs={:?}",
                    s.id,
                    s.pose,
                    s.sides,
                    s.get_ready,
                    s.rest_after,
                    s.cues.len(),
                    s.equipment
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
            .map(|v| (v.id.clone(), &v.equipment, steps(&v.steps)))
            .collect::<Vec<_>>(),
    ) + &format!(" pain={:?}", r.pain)
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
    // "At least 12 procedures" read as about 12 days (CLINICAL-NOTES A4).
    assert_eq!(course.count, CourseCount::Days);
    // "Every four hours" (C3) as the ceiling: the daily target fits a
    // waking day of 16 h with the interval between sessions.
    let interval = massage.schedule.interval.expect("an interval").0.as_secs();
    assert_eq!(interval, 4 * 3600);
    let target = u64::from(massage.schedule.times_per_day);
    assert!((target - 1) * interval <= 12 * 3600);
    // Pain high before proposes the gentle variant; a rise is flagged.
    // (The target of 2 with every 4 h as the ceiling: clinical_content.rs.)
    let pain = massage.pain.clone().expect("pain rules");
    assert_eq!(pain.variant.as_deref(), Some("gentle"));
    assert!(pain.propose_at.is_some() && pain.report_rise.is_some());
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

// Content rules from the clinical review of the routines. They check words,
// so they name the words each language uses; a rewording that keeps the
// meaning may need a word added here.

/// `text` parsed as a routine; `label` names it if it is invalid.
fn parse(label: &str, text: &str) -> Routine {
    parse_routine(text.as_bytes()).unwrap_or_else(|d| {
        panic!(
            "{label} is invalid:\n{}",
            d.iter().map(|d| d.render(label, text)).collect::<String>()
        )
    })
}

/// The templates `limber new` writes, parsed.
fn templates() -> Vec<(Lang, Routine)> {
    [Lang::En, Lang::Ru]
        .into_iter()
        .map(|lang| (lang, parse("template", &template("hip-basics", lang))))
        .collect()
}

/// The complete example routine in docs/ROUTINE_FORMAT.md, which physios
/// copy like the template.
fn documented_example() -> Routine {
    let doc = include_str!("../../../docs/ROUTINE_FORMAT.md");
    let (_, rest) = doc
        .split_once("## A complete example")
        .expect("the complete example");
    let (_, block) = rest.split_once("```ron\n").expect("its ron block");
    let (block, _) = block.split_once("\n```").expect("the end of the block");
    parse("the documented example", block)
}

fn lang_of(code: &str) -> Lang {
    match code {
        "en" => Lang::En,
        "ru" => Lang::Ru,
        other => panic!("no language {other}"),
    }
}

/// Fails unless some note names a doctor and some note says to stop on
/// sharp pain.
fn assert_doctor_and_stop(lang: Lang, label: &str, notes: &[String]) {
    let (doctor, sharp, stop) = match lang {
        Lang::En => ("doctor", "sharp", "stop"),
        Lang::Ru => ("врач", "резк", "останов"),
    };
    let notes: Vec<String> = notes.iter().map(|n| n.to_lowercase()).collect();
    assert!(
        notes.iter().any(|n| n.contains(doctor)),
        "{label}: no safety note names a doctor: {notes:#?}"
    );
    assert!(
        notes.iter().any(|n| n.contains(sharp) && n.contains(stop)),
        "{label}: no safety note says to stop on sharp pain: {notes:#?}"
    );
}

/// Fails unless the notes name the source articles' warning signs, and
/// numbness only as new or worsening (it is common in the syndrome itself)
/// or as numbness between the legs (the notice's general advice).
fn assert_warning_signs(lang: Lang, label: &str, notes: &[String]) {
    let (signs, numbness, qualified): (&[&str], &str, &[&str]) = match lang {
        Lang::En => (
            &[
                "pale",
                "limp",
                "burning",
                "chilliness",
                "below the knee",
                "twitching",
                "back spasm",
                "walking",
                "3 days",
            ],
            "numbness",
            &["new or worsening numbness", "numbness between the legs"],
        ),
        Lang::Ru => (
            &[
                "бледне",
                "хромот",
                "жжени",
                "зябкост",
                "ниже колена",
                "подёргивани",
                "спазм",
                "мышц спины",
                "ходьб",
                "3 дня",
            ],
            "онемени",
            &[
                "онемение или слабость в ноге появились впервые или усиливаются",
                "онемение в промежности",
                "онемении в промежности",
            ],
        ),
    };
    let all = notes.join("\n").to_lowercase();
    for sign in signs {
        assert!(
            all.contains(sign),
            "{label}: no warning sign `{sign}`:\n{all}"
        );
    }
    assert!(
        all.contains(numbness),
        "{label}: numbness is not named:\n{all}"
    );
    assert_eq!(
        all.matches(numbness).count(),
        qualified
            .iter()
            .map(|q| all.matches(q).count())
            .sum::<usize>(),
        "{label}: numbness must be named as new or worsening only:\n{all}"
    );
}

#[test]
fn every_builtin_routine_names_a_doctor_and_stopping_on_sharp_pain() {
    for (code, name, routine) in parsed() {
        let label = format!("{code}/{name}");
        assert_doctor_and_stop(lang_of(code), &label, &routine.safety);
    }
    for (lang, routine) in templates() {
        assert_doctor_and_stop(lang, &format!("{lang:?} template"), &routine.safety);
    }
    for lang in [Lang::En, Lang::Ru] {
        let notice = Strings::load(lang).safety_lines;
        assert_doctor_and_stop(lang, &format!("{lang:?} first-run notice"), &notice);
    }
}

#[test]
fn every_builtin_routine_lists_the_warning_signs_before_each_session() {
    for (code, name, routine) in parsed() {
        let label = format!("{code}/{name}");
        assert_warning_signs(lang_of(code), &label, &routine.safety);
    }
    for lang in [Lang::En, Lang::Ru] {
        let notice = Strings::load(lang).safety_lines;
        assert_warning_signs(lang, &format!("{lang:?} first-run notice"), &notice);
    }
}

/// How each language speaks of pain, for the rule below.
struct PainWords {
    /// A text that contains one of these is about pain.
    pain: &'static [&'static str],
    /// Phrasings that let the patient go on while it hurts.
    go_on: &'static [&'static str],
    /// A text that contains this is about sharp pain...
    sharp: &'static str,
    /// ...and must contain one of these: stop, or there must be none.
    stop_or_none: &'static [&'static str],
}

fn pain_words(lang: Lang) -> PainWords {
    match lang {
        Lang::En => PainWords {
            pain: &["pain", "hurt"],
            go_on: &[
                "ease off",
                "carry on",
                "keep going",
                "push through",
                "work through",
                "through the pain",
                "despite the pain",
                "less pressure",
                "lighter",
            ],
            sharp: "sharp",
            stop_or_none: &["stop", "no sharp", "never sharp", "without sharp"],
        },
        Lang::Ru => PainWords {
            pain: &["бол"],
            go_on: &[
                "ослаб",
                "продолжайте",
                "через боль",
                "несмотря на боль",
                "терп",
                "легче",
                "поменьше",
            ],
            sharp: "резк",
            stop_or_none: &["останов", "без резкой"],
        },
    }
}

#[test]
fn no_text_says_to_ease_off_or_carry_on_through_sharp_pain() {
    let mut texts: Vec<(Lang, String, String)> = Vec::new();
    for (code, name, routine) in parsed() {
        for t in patient_texts(&routine) {
            texts.push((lang_of(code), format!("{code}/{name}"), t.to_string()));
        }
    }
    for (lang, routine) in templates() {
        for t in patient_texts(&routine) {
            texts.push((lang, format!("{lang:?} template"), t.to_string()));
        }
    }
    for lang in [Lang::En, Lang::Ru] {
        for t in Strings::load(lang).safety_lines {
            texts.push((lang, format!("{lang:?} first-run notice"), t));
        }
    }
    for (lang, label, text) in texts {
        let words = pain_words(lang);
        let t = text.to_lowercase();
        if words.pain.iter().any(|p| t.contains(p)) {
            for phrase in words.go_on {
                assert!(
                    !t.contains(phrase),
                    "{label}: `{text}` says `{phrase}` about pain"
                );
            }
        }
        if t.contains(words.sharp) {
            assert!(
                words.stop_or_none.iter().any(|w| t.contains(w)),
                "{label}: `{text}` speaks of sharp pain without saying stop"
            );
        }
    }
}

#[test]
fn the_massage_warning_keeps_the_muscle_relaxed_and_never_forbids_the_massage() {
    // The piriformis is tense most of the time in this syndrome: the
    // article's warning is about bending the leg so far that it tightens.
    for lang in [Lang::En, Lang::Ru] {
        let (wrong, relaxed, bend) = match lang {
            Lang::En => ("never massage a tense", "relaxed", "bend"),
            Lang::Ru => ("не массируйте напряж", "расслаблен", "сгиба"),
        };
        let massage = builtin(lang)
            .into_iter()
            .find(|l| l.routine.id == "piriformis-massage")
            .expect("the massage")
            .routine;
        for (label, notes) in [
            ("massage", massage.safety),
            ("first-run notice", Strings::load(lang).safety_lines),
        ] {
            let notes: Vec<String> = notes.iter().map(|n| n.to_lowercase()).collect();
            assert!(
                !notes.iter().any(|n| n.contains(wrong)),
                "{lang:?} {label}: {notes:#?}"
            );
            assert!(
                notes
                    .iter()
                    .any(|n| n.contains(relaxed) && n.contains(bend)),
                "{lang:?} {label}: no note keeps the muscle relaxed: {notes:#?}"
            );
        }
    }
}

#[test]
fn the_knee_steps_tell_the_rules_of_the_article() {
    for lang in [Lang::En, Lang::Ru] {
        let (turns, long, at_least) = match lang {
            Lang::En => ("take turns", "as long as possible", "at least 30 s"),
            Lang::Ru => ("по очереди", "как можно дольше", "не меньше 30 с"),
        };
        let stretch = builtin(lang).remove(0).routine;
        let step = |id: &str| {
            stretch
                .steps
                .iter()
                .find(|s| s.id == id)
                .unwrap_or_else(|| panic!("{id}"))
                .instructions
                .to_lowercase()
        };
        // The knees swap push by push.
        assert!(step("knee-pushes").contains(turns), "{lang:?}");
        // Hold as long as possible, at least 30 s.
        let across = step("knee-across");
        assert!(across.contains(long), "{lang:?}: {across}");
        assert!(across.contains(at_least), "{lang:?}: {across}");
    }
}

#[test]
fn a_step_done_on_both_legs_never_names_the_affected_or_healthy_one() {
    // "Cross the affected leg over the healthy one" is wrong on the
    // second side of `AffectedFirst` or `Each`.
    let mut routines: Vec<(Lang, String, Routine)> = parsed()
        .into_iter()
        .map(|(code, name, r)| (lang_of(code), format!("{code}/{name}"), r))
        .collect();
    for (lang, r) in templates() {
        routines.push((lang, format!("{lang:?} template"), r));
    }
    routines.push((
        Lang::En,
        "docs/ROUTINE_FORMAT.md".into(),
        documented_example(),
    ));
    for (lang, label, r) in routines {
        let named: &[&str] = match lang {
            Lang::En => &["affected", "healthy"],
            Lang::Ru => &["больн", "здоров"],
        };
        for step in r
            .steps
            .iter()
            .chain(r.variants.iter().flat_map(|v| &v.steps))
        {
            if !matches!(step.sides, Sides::Each | Sides::AffectedFirst) {
                continue;
            }
            for text in step_texts(step) {
                let t = text.to_lowercase();
                assert!(
                    !named.iter().any(|n| t.contains(n)),
                    "{label}: step `{}` is done on both legs but says `{text}`",
                    step.id
                );
            }
        }
    }
}

#[test]
fn the_reviewed_wordings_are_gone() {
    // Wordings the clinical review replaced, in every file they were in.
    let builtins = |code: &str| -> String {
        BUILTIN
            .iter()
            .filter(|b| b.0 == code)
            .map(|b| b.2)
            .collect()
    };
    let files = [
        ("routines/en", builtins("en")),
        ("routines/ru", builtins("ru")),
        (
            "assets/i18n/en/ui.ron",
            include_str!("../../../assets/i18n/en/ui.ron").into(),
        ),
        (
            "assets/i18n/ru/ui.ron",
            include_str!("../../../assets/i18n/ru/ui.ron").into(),
        ),
        (
            "assets/template.ron",
            include_str!("../../../assets/template.ron").into(),
        ),
        (
            "assets/template.ru.ron",
            include_str!("../../../assets/template.ru.ron").into(),
        ),
        (
            "assets/i18n/en/clinic.ron",
            include_str!("../../../assets/i18n/en/clinic.ron").into(),
        ),
        (
            "assets/i18n/ru/clinic.ron",
            include_str!("../../../assets/i18n/ru/clinic.ron").into(),
        ),
    ];
    let gone = [
        "Боль выросла",
        "Обеспечьте покой",
        "в медучреждение",
        "Hot baths",
        "`report_rise`",
        "wake up the muscles",
        "Ease off on sharp pain",
        "Never massage a tensed muscle",
        "each side: left",
        "судорог",
        "не проходящие",
        "прижмите её колено",
        "Толчки коленями",
        "поднимите колени",
        "из положения сидя с помощником",
        "во весь рост",
        "Если место воспалено",
        "обмякнуть",
        "Сгибайте чуть-чуть",
        "на больной бок на мяч",
        "под мышцу",
        "ослабьте давление",
        "волокон, на жёсткой",
        "подтвердить, что вы прочитали",
        "Смените сторону",
        "не дошли",
        "твёрдой ровной",
        "к которой привязать",
        "каждая сторона:",
        "неактивен",
        // The second review (issue 22).
        "поз лотоса",
        "позу лотоса",
        "с каждым нажимом меняйте",
        "Давит левое колено",
        "Давит правое колено",
        "время идёт вверх",
        "ягодица была сверху",
        "идёт воспаление",
        "Держите дальше",
        "более серьёзная.",
        "так сильно, чтобы она напряглась",
        "Вместо занятий",
        "Вместо массажа",
        "instead of exercising",
        "instead of massaging",
        "Встаньте боком",
        "Stand side-on",
        "When the elbow is straight",
        "Когда локоть полностью",
    ];
    for (file, text) in &files {
        for g in gone {
            assert!(!text.contains(g), "{file} still says `{g}`");
        }
    }
}

#[test]
fn equipment_is_listed_where_it_is_needed() {
    for (lang, name, r) in parsed() {
        let label = format!("{lang}/{name}");
        let step_needs = |id: &str| -> Vec<Equipment> {
            r.steps
                .iter()
                .chain(r.variants.iter().flat_map(|v| &v.steps))
                .filter(|s| s.id == id)
                .flat_map(|s| s.equipment.clone())
                .collect()
        };
        match r.id.as_str() {
            "piriformis-massage" => {
                // The tennis ball only for the variant that uses it.
                assert!(!r.equipment.contains(&Equipment::TennisBall), "{label}");
                for v in &r.variants {
                    assert_eq!(
                        v.equipment.contains(&Equipment::TennisBall),
                        v.id == "tennis-ball",
                        "{label}: {}",
                        v.id
                    );
                }
                let thumb = r.equipment_for(None);
                assert!(thumb.iter().all(|(e, _)| **e != Equipment::TennisBall));
                let ball = r.equipment_for(Some("tennis-ball"));
                assert!(ball.iter().any(|(e, _)| **e == Equipment::TennisBall));
            }
            "piriformis-stretch" => {
                // A helper and a couch for the assisted rise only.
                for e in [Equipment::Helper, Equipment::Couch] {
                    assert!(!r.equipment.contains(&e), "{label}: {e:?}");
                    assert!(step_needs("assisted-rise").contains(&e), "{label}: {e:?}");
                    let listed = r.equipment_for(None);
                    let (_, step) = listed.iter().find(|(x, _)| **x == e).expect("listed");
                    assert_eq!(step.map(|s| s.id.as_str()), Some("assisted-rise"));
                }
                for s in r.steps.iter().filter(|s| s.id != "assisted-rise") {
                    assert!(s.equipment.is_empty(), "{label}: {}", s.id);
                }
            }
            other => panic!("{other}"),
        }
    }
}

/// The list of the built-in routines' versions and content hashes kept
/// beside them: `lang/file version hash`, one a line.
const HASHES: &str = include_str!("../../../routines/content-hashes.txt");

/// A built-in routine whose content changed must say so with a new
/// version, or the report and history cannot tell the two apart but by
/// hash. The list beside the routines pins each version to its content:
/// changed content at the same version fails here; after a bump, the list
/// is updated by hand with the line this test prints.
#[test]
fn each_builtin_content_hash_is_the_one_kept_for_its_version() {
    let kept: Vec<(String, u32, String)> = HASHES
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut f = l.split_whitespace();
            let (name, version, hash) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
            (name.to_string(), version.parse().unwrap(), hash.to_string())
        })
        .collect();
    let mut problems = Vec::new();
    let all = parsed();
    for (lang, name, routine) in &all {
        let key = format!("{lang}/{name}");
        let r = limber::core::record::RoutineRef::of(routine);
        let line = format!("{key} {} {}", r.version, r.hash);
        match kept.iter().find(|(n, ..)| *n == key) {
            None => problems.push(format!("not listed; add: {line}")),
            Some((_, v, h)) if *v == r.version && *h != r.hash => problems.push(format!(
                "the content changed but the version is still {v}: bump `version`, then put: {line}"
            )),
            Some((_, v, h)) if (*v, h) != (r.version, &r.hash) => {
                problems.push(format!("the list is behind; put: {line}"))
            }
            Some(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "routines/content-hashes.txt:\n{}",
        problems.join("\n")
    );
    assert_eq!(
        kept.len(),
        all.len(),
        "one line per built-in routine:\n{HASHES}"
    );
}
