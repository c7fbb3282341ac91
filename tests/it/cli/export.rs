//! `limber export`: handouts of the built-in routines, escaping, and the
//! command's options.

use std::fs;

use limber::cli::export::{handout, html_escape, markdown};
use limber::core::lang::Lang;
use limber::core::plan::expand;
use limber::core::routine::{Routine, Side};
use limber::store::poses::builtin as poses;
use limber::store::routines::builtin;

use crate::common::cli::limber;

fn routine(lang: &str, id: &str) -> Routine {
    builtin(Lang::from_code(lang).expect("a language limber speaks"))
        .into_iter()
        .find(|l| l.routine.id == id)
        .unwrap()
        .routine
}

fn md(lang: &str, id: &str) -> String {
    markdown(&handout(&routine(lang, id), None, None, &poses()).unwrap())
}

#[test]
fn stretch_en() {
    insta::assert_snapshot!(md("en", "piriformis-stretch"));
}

#[test]
fn stretch_ru() {
    insta::assert_snapshot!(md("ru", "piriformis-stretch"));
}

#[test]
fn massage_en() {
    insta::assert_snapshot!(md("en", "piriformis-massage"));
}

#[test]
fn massage_ru() {
    insta::assert_snapshot!(md("ru", "piriformis-massage"));
}

/// Seconds in "1 h 2 min 5 s" or "2 мин 10 с".
fn seconds(text: &str) -> u64 {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .chunks(2)
        .map(|pair| {
            let n: u64 = pair[0].parse().unwrap_or_else(|_| panic!("{text}"));
            n * match pair[1] {
                "h" | "ч" => 3600,
                "min" | "мин" => 60,
                "s" | "с" => 1,
                u => panic!("unit {u} in {text}"),
            }
        })
        .sum()
}

#[test]
fn step_times_add_up_to_the_total_in_every_routine_and_variant() {
    for lang in ["en", "ru"] {
        for loaded in builtin(Lang::from_code(lang).unwrap()) {
            let r = &loaded.routine;
            let variants = std::iter::once(None).chain(r.variants.iter().map(|v| Some(&*v.id)));
            for variant in variants {
                let h = handout(r, variant, Some(Side::Right), &poses()).unwrap();
                let total = expand(r, variant, Side::Right).unwrap().total().as_secs();
                // The total as the one rule writes it: "8:20", maybe
                // "+ up to 5 min" after it for the holds' possible extra.
                let written = &h.facts[0].1;
                let clock = written.split_whitespace().next().unwrap();
                let (m, sec) = clock.split_once(':').unwrap_or_else(|| panic!("{written}"));
                let at = m.parse::<u64>().unwrap() * 60 + sec.parse::<u64>().unwrap();
                assert_eq!(at, total, "{} {variant:?}: {written}", r.id);
                let steps: u64 = h
                    .steps
                    .iter()
                    .map(|s| seconds(&s.facts.last().unwrap().1))
                    .sum();
                assert_eq!(steps, total, "{lang} {} {variant:?}", r.id);
            }
        }
    }
}

#[test]
fn a_russian_routine_gives_a_russian_handout() {
    for id in ["piriformis-stretch", "piriformis-massage"] {
        let text =
            markdown(&handout(&routine("ru", id), None, Some(Side::Left), &poses()).unwrap());
        let mut labels = 0;
        for line in text.lines() {
            let Some(rest) = line.trim_start().strip_prefix("- **") else {
                continue;
            };
            let (label, value) = rest.split_once(":**").unwrap();
            labels += 1;
            assert!(
                !label.chars().any(|c| c.is_ascii_alphabetic()),
                "English label in {line}"
            );
            assert!(
                !value.contains(" s") && !value.contains(" min") && !value.contains(" rep"),
                "English unit in {line}"
            );
        }
        assert!(labels > 20, "{text}");
        for heading in text.lines().filter(|l| l.starts_with("## ")) {
            assert!(
                !heading.chars().any(|c| c.is_ascii_alphabetic()),
                "{heading}"
            );
        }
    }
}

#[test]
fn a_named_side_and_a_variant_show_in_the_handout() {
    let r = routine("ru", "piriformis-massage");
    let text = markdown(&handout(&r, Some("gentle"), Some(Side::Right), &poses()).unwrap());
    assert!(text.contains("- **Вариант:** Щадящий (при воспалении или боли)"));
    assert!(text.contains("- **Больная нога:** правая"));
    assert!(text.contains("- **Стороны:** только правая сторона"));
    assert!(text.contains("### 2. Мягкие круги"));
    assert!(!text.contains("Разминание"), "the main steps are not shown");

    let r = routine("en", "piriformis-stretch");
    let text = markdown(&handout(&r, None, Some(Side::Left), &poses()).unwrap());
    assert!(text.contains("- **Sides:** left side only"), "{text}");
    assert!(text.contains("- **Sides:** left side, then right"));
    assert!(text.contains("- **Hold:** 30 s, 3 reps, 10 s rest between reps"));
    assert!(text.contains(
        "- **Repetitions:** 5 reps (Left knee pushes 5 s, Relax 3 s, Right knee pushes 5 s, Relax 3 s)"
    ));
    assert!(
        text.contains("- **Hold:** at least 30 s, then as long as you can, up to 3 min"),
        "{text}"
    );
}

const HOSTILE: &str = r#"Routine(
    id: "hostile",
    version: 1,
    lang: "en",
    title: "<script>alert('x')</script> & \"friends\"",
    description: "Line one\nLine <two> & more",
    equipment: [Other("<img src=x onerror=alert(1)>")],
    safety: ["Stop if <b>it</b> hurts"],
    schedule: Schedule(),
    steps: [
        Step(
            id: "a",
            title: "Tom & Jerry's <stretch>",
            instructions: "Pull \"gently\" </section>",
            cues: ["<i>breathe</i>"],
            kind: Timed(duration: "30s"),
        ),
        Step(
            id: "b",
            title: "Plain title",
            kind: Manual,
        ),
    ],
)
"#;

/// The tags in an HTML text, checked: only the tags the handout uses, every
/// one closed in order, and no stray `<`, `>` or `&` in the text between.
fn check_html(html: &str) {
    const VOID: &[&str] = &["meta", "br"];
    const KNOWN: &[&str] = &[
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "dl",
        "dt",
        "dd",
        "ul",
        "li",
        "section",
        "strong",
        "footer",
        "br",
        "div",
        "figure",
        "figcaption",
        "svg",
        "rect",
        "line",
        "circle",
    ];
    let body = html.strip_prefix("<!DOCTYPE html>\n").expect("doctype");
    let mut stack: Vec<String> = vec![];
    let mut rest = body;
    while !rest.is_empty() {
        let (text, after) = match rest.find('<') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        assert!(!text.contains('>'), "stray > in {text:?}");
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "stray & in {text:?}"
            );
        }
        if after.is_empty() {
            break;
        }
        let end = after.find('>').expect("unclosed tag");
        let tag = &after[1..end];
        rest = &after[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            continue;
        }
        let name = tag.split_whitespace().next().unwrap();
        assert!(KNOWN.contains(&name), "unexpected tag <{tag}>");
        assert!(!tag.contains('<'), "{tag}");
        if name == "style" {
            let close = rest.find("</style>").expect("style is closed");
            assert!(!rest[..close].contains('<'));
            rest = &rest[close + "</style>".len()..];
        } else if !VOID.contains(&name) && !tag.ends_with('/') {
            stack.push(name.to_string());
        }
    }
    assert!(stack.is_empty(), "never closed: {stack:?}");
}

#[test]
fn html_is_well_formed_and_escapes_every_text() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("hostile.ron"), HOSTILE).unwrap();
    let r = limber(&dir, &["export", "hostile", "--format", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = &r.stdout;
    check_html(html);
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<i>"));
    assert!(html.contains(
        "<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;</h1>"
    ));
    assert!(html.contains("<title>&lt;script&gt;"));
    assert!(html.contains("Line one<br>\nLine &lt;two&gt; &amp; more"));
    for title in ["Tom & Jerry's <stretch>", "Plain title"] {
        assert!(html.contains(&html_escape(title)), "{title}");
    }

    // And the built-ins, in both languages, with every step title.
    for lang in ["en", "ru"] {
        for loaded in builtin(Lang::from_code(lang).unwrap()) {
            let h = handout(&loaded.routine, None, None, &poses()).unwrap();
            let page = limber::cli::export::html(&h);
            check_html(&page);
            assert!(page.contains(&format!("<html lang=\"{lang}\">")));
            for step in &loaded.routine.steps {
                assert!(page.contains(&html_escape(&step.title)), "{}", step.title);
            }
        }
    }
}

#[test]
fn markdown_escapes_what_would_format() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("hostile.ron");
    fs::write(&file, HOSTILE).unwrap();
    let r = limber(
        &tmp.path().join("routines"),
        &["export", file.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("# \\<script\\>alert('x')\\</script\\> & \"friends\"\n")
    );
    assert!(r.stdout.contains("### 1. Tom & Jerry's \\<stretch\\>"));
    assert!(r.stdout.contains("  - \\<i\\>breathe\\</i\\>"));
    // Every `<` and `>` is escaped.
    let unescaped = r.stdout.replace("\\<", "").replace("\\>", "");
    assert!(!unescaped.contains('<') && !unescaped.contains('>'));
}

#[test]
fn output_file_format_and_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    let out = tmp.path().join("handout.html");
    let r = limber(
        &dir,
        &[
            "export",
            "piriformis-massage",
            "--variant",
            "tennis-ball",
            "--side",
            "left",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let page = fs::read_to_string(&out).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>"),
        "format from the extension"
    );
    assert!(page.contains("<dt>Variant</dt><dd>With a tennis ball</dd>"));
    assert!(page.contains("<dt>Affected leg</dt><dd>left</dd>"));

    let md = tmp.path().join("handout.md");
    let r = limber(
        &dir,
        &[
            "export",
            "piriformis-stretch",
            "--format",
            "md",
            "-o",
            md.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(&md).unwrap(),
        self::md("en", "piriformis-stretch")
    );

    let r = limber(&dir, &["--lang", "ru", "export", "piriformis-stretch"]);
    assert_eq!(r.stdout, self::md("ru", "piriformis-stretch"));

    let r = limber(&dir, &["export", "piriformis-massage", "--variant", "hard"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no variant `hard`; variants: gentle, tennis-ball")
    );
    let r = limber(&dir, &["export", "nope"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no routine `nope`"), "{}", r.stderr);
}

/// Every step of the built-in handouts has its pictures as inline SVG,
/// each with its words as an accessible `<title>`; the Markdown names
/// them. A physiotherapist's own pose, beside their routine, is drawn
/// too, its title escaped.
#[test]
fn the_html_handout_draws_every_pose_as_inline_svg() {
    for lang in ["en", "ru"] {
        for loaded in builtin(Lang::from_code(lang).unwrap()) {
            let h = handout(&loaded.routine, None, Some(Side::Right), &poses()).unwrap();
            let page = limber::cli::export::html(&h);
            let md = markdown(&h);
            for (i, step) in loaded.routine.steps.iter().enumerate() {
                let pose = step.pose.as_deref().unwrap();
                let title = loaded.poses.get(pose).unwrap().title_in(lang);
                let svg = format!(
                    "role=\"img\" aria-labelledby=\"pose-{}-0\"><title id=\"pose-{}-0\">{}</title>",
                    i + 1,
                    i + 1,
                    html_escape(title)
                );
                assert!(page.contains(&svg), "{lang} {}: {svg}", step.id);
                assert!(md.contains(&format!("`{pose}`: ")), "{lang} {pose}");
            }
            assert!(!page.contains("href") && !page.contains("src="));
        }
    }

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("routines");
    fs::create_dir_all(dir.join("poses")).unwrap();
    let pose = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/poses/knee-across.ron"
    ))
    .unwrap()
    .replace("id: \"knee-across\"", "id: \"mine\"")
    .replace(
        "\"en\": \"Lying on the back,",
        "\"en\": \"<script>x</script> & 'co' Lying on the back,",
    );
    fs::write(dir.join("poses/mine.ron"), pose).unwrap();
    let text = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/routines/short.ron"
    ))
    .unwrap()
    .replacen("Step(", "Step(pose: \"mine\", ", 1);
    fs::write(dir.join("short.ron"), text).unwrap();
    let r = limber(&dir, &["export", "short", "--format", "html"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    check_html(&r.stdout);
    assert!(!r.stdout.contains("<script"));
    assert!(r.stdout.contains(
        "<title id=\"pose-1-0\">&lt;script&gt;x&lt;/script&gt; &amp; &#39;co&#39; Lying"
    ));
}

/// The pain rules the routine has, and only those: a rise to report alone,
/// in the words of the routine's language.
#[test]
fn the_handout_says_what_pain_means_for_this_routine() {
    use limber::core::routine::PainRules;
    let mut r = routine("ru", "piriformis-massage");
    r.pain = Some(PainRules {
        report_rise: Some(5),
        ..PainRules::default()
    });
    let text = markdown(&handout(&r, None, None, &poses()).unwrap());
    let line = text.lines().find(|l| l.contains("**Боль:**")).unwrap();
    assert_eq!(
        line,
        "- **Боль:** если после сеанса боль сильнее, чем перед ним, на 5 баллов и более, сообщите лечащему врачу или врачу ЛФК"
    );
    r.pain = None;
    let text = markdown(&handout(&r, None, None, &poses()).unwrap());
    assert!(!text.contains("**Боль:**"), "{text}");
}
