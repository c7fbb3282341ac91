//! The report as one self-contained HTML page: inline CSS and SVG, no
//! script, nothing fetched; it prints on A4.

use maud::{Markup, PreEscaped, html};

use crate::i18n::{Lang, fill};

pub const CSS: &str = "\
body { font-family: 'Helvetica Neue', Arial, sans-serif; font-size: 14px; line-height: 1.4;
  color: #111; max-width: 800px; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #444; margin: 1.4em 0 .4em; }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
p.about, p.legend, p.made { color: #444; font-size: .9em; margin: .2em 0 .5em; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 .8em; font-size: .9em; }
th, td { border-bottom: 1px solid #ddd; padding: .2em .4em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.when { white-space: nowrap; }
div.cards { display: flex; flex-wrap: wrap; gap: .6em; margin: .5em 0; }
div.card { border: 1px solid #bbb; border-radius: 6px; padding: .4em .8em; flex: 1 1 22em; }
div.card h3 { margin: .1em 0 .3em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .05em .8em; margin: 0; }
dt { color: #555; }
dd { margin: 0; }
p.flagline { background: #fdf2e9; border-left: 4px solid #c0392b; padding: .3em .6em; }
section#flags h3 { color: #922b21; }
figure.chart { margin: .3em 0 .8em; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figure.heat svg { max-width: 100%; height: auto; }
a { color: #1a5276; }
details summary { cursor: pointer; color: #1a5276; margin: .2em 0 .6em; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, div.card { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
";

/// Rows the page shows before the rest fold away.
pub const SHOWN: usize = 10;

/// A table of `rows` under `columns`: the first [`SHOWN`] rows, the rest
/// in a `<details>` that opens with a click (no script) and reads "and N
/// more".
pub fn table(columns: &[String], rows: &[Vec<String>], more: &str) -> Markup {
    let (first, rest) = rows.split_at(rows.len().min(SHOWN));
    let body = |rows: &[Vec<String>]| {
        html! {
            table {
                thead { tr { @for c in columns { th { (c) } } } }
                tbody { @for r in rows { tr { @for c in r { td { (c) } } } } }
            }
        }
    };
    html! {
        (body(first))
        @if !rest.is_empty() {
            details {
                summary { (fill(more, &[("n", &rest.len().to_string())])) }
                (body(rest))
            }
        }
    }
}

/// A whole page around `body`.
pub fn page(lang: Lang, title: &str, body: Markup) -> String {
    let page = html! {
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body { (body) }
        }
    };
    format!("<!DOCTYPE html>\n{}\n", page.into_string())
}
