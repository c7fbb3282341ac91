//! The HTML report is one well-formed, self-contained page: it parses
//! without an error, runs no script and names nothing outside itself,
//! even when the log's notes try to.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use limber::cli::report::{Patient, Setting, Window, html};
use limber::core::lang::Lang;
use limber::core::progress::summarize;
use limber::store::history::sample::{Spec, demo, demo_targets, routine_ref};
use scraper::Html;

fn page(lang: Lang) -> String {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut lines = demo(today);
    let r = routine_ref("piriformis-stretch", 1);
    let at = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 22, 18, 0, 0)
        .unwrap();
    lines.extend(
        Spec::new(&r, "hostile", at)
            .note("<script src=\"https://x.example/a.js\"></script><img src=x> \u{1b}[31m")
            .lines(),
    );
    let p = Patient::new(
        summarize(&lines),
        Setting {
            targets: &demo_targets(),
            rules: Vec::new(),
            step_titles: Default::default(),
            now: at,
            window: Window::default(),
            lang,
            label: Some("<b>Anna</b>".into()),
        },
    );
    html(&p)
}

#[test]
fn the_page_parses_without_errors_and_is_self_contained() {
    for lang in [Lang::En, Lang::Ru] {
        let text = page(lang);
        let doc = Html::parse_document(&text);
        assert!(doc.errors.is_empty(), "{lang:?}: {:?}", doc.errors);
        let mut svgs = 0;
        for node in doc.tree.nodes() {
            let Some(el) = node.value().as_element() else {
                continue;
            };
            let name = el.name();
            assert!(
                !["script", "img", "link", "iframe", "object", "embed"].contains(&name),
                "{name} in the page"
            );
            svgs += usize::from(name == "svg");
            for (attr, value) in el.attrs() {
                assert!(attr != "src" && !attr.starts_with("on"), "{attr}={value}");
                let v = value.to_ascii_lowercase();
                assert!(
                    !v.contains("http:") && !v.contains("https:") && !v.starts_with("//"),
                    "{attr}={value}"
                );
            }
        }
        // Pain per routine, a heat map and sessions per week per routine.
        assert!(svgs >= 5, "{svgs} charts");
        let css: String = doc
            .select(&scraper::Selector::parse("style").unwrap())
            .map(|s| s.inner_html())
            .collect();
        assert!(!css.contains("url(") && !css.contains("@import"), "{css}");
        // The hostile note is shown as text, its escape character made
        // visible.
        assert!(text.contains("&lt;script src="), "{lang:?}");
        assert!(!text.contains('\u{1b}'));
        assert!(text.contains("&lt;b&gt;Anna&lt;/b&gt;"));
        // In the order.
        let order = [
            "id=\"flags\"",
            "id=\"pain\"",
            "id=\"adherence\"",
            "id=\"skipped\"",
            "id=\"notes\"",
            "id=\"timeline\"",
            "id=\"appendix\"",
        ];
        let at: Vec<usize> = order.iter().map(|h| text.find(h).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    }
}
