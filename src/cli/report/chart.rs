//! The report's charts, drawn by plotters into SVG text for the page. No
//! font is loaded: the SVG backend writes text as `<text>` and the
//! browser sets it, so nothing here needs a system library.

use chrono::{Datelike, Duration, NaiveDate};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

const WIDTH: u32 = 760;
const BEFORE: RGBColor = RGBColor(36, 113, 163);
const AFTER: RGBColor = RGBColor(192, 57, 43);
const BAND: RGBColor = RGBColor(212, 230, 241);
const GRID: RGBColor = RGBColor(225, 225, 225);
const FONT: &str = "sans-serif";

type DateFmt<'a> = &'a dyn Fn(NaiveDate) -> String;

/// The SVG as the page inlines it: HTML needs no namespace, and the page
/// names no address at all.
fn inline(svg: String) -> String {
    svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;
type Drawn = Result<(), Box<dyn std::error::Error>>;

/// A chart of `size` drawn by `draw` on white, as the page inlines it.
/// Drawing into a string has no device to fail; a chart that fails all the
/// same shows what was drawn before it did.
fn svg(size: (u32, u32), draw: impl FnOnce(&Area) -> Drawn) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let _ = root
            .fill(&WHITE)
            .map_err(Into::into)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(Into::into));
    }
    inline(svg)
}

/// The legend's box, the same on every chart but for where it sits.
fn legend_box<'a>(chart: &mut Chart<'a, 'a>, at: SeriesLabelPosition) -> Drawn {
    chart
        .configure_series_labels()
        .position(at)
        .background_style(WHITE.mix(0.85))
        .border_style(GRID)
        .label_font((FONT, 11))
        .draw()?;
    Ok(())
}

/// The grid and labels, the same on every chart: grey lines at the
/// labelled values only, 8 labels along x, `y_labels` up the side.
fn mesh(
    chart: &mut Chart,
    y_labels: usize,
    x: &dyn Fn(&f64) -> String,
    y: &dyn Fn(&f64) -> String,
) -> Drawn {
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(y_labels)
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .label_style((FONT, 11))
        .x_label_formatter(x)
        .y_label_formatter(y)
        .draw()?;
    Ok(())
}

/// Days from `from` to `d`, as the x of a chart.
fn x(from: NaiveDate, d: NaiveDate) -> f64 {
    (d - from).num_days() as f64
}

/// One session's pain, before and after.
pub struct PainDot {
    pub date: NaiveDate,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// One week's medians (the week's Monday).
pub struct WeekMedian {
    pub week: NaiveDate,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// Words a chart shows.
pub struct PainLegend<'a> {
    pub before: &'a str,
    pub after: &'a str,
    pub band: &'a str,
}

/// Pain before (blue) and after (red) each session as dots, the weekly
/// medians as lines, and a band of ±2 points around the first week's
/// median before: a weekly median outside it is a change worth the name.
pub fn pain(
    (from, to): (NaiveDate, NaiveDate),
    dots: &[PainDot],
    weeks: &[WeekMedian],
    baseline: Option<f64>,
    legend: &PainLegend,
    fmt: DateFmt,
) -> String {
    svg((WIDTH, 250), |root| {
        let days = x(from, to).max(1.0) + 1.0;
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .x_label_area_size(22)
            .y_label_area_size(28)
            .build_cartesian_2d(0f64..days, 0f64..10.4)?;
        mesh(
            &mut chart,
            6,
            &|v| fmt(from + Duration::days(*v as i64)),
            &|v| format!("{v:.0}"),
        )?;
        if let Some(b) = baseline {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, (b - 2.0).max(0.0)), (days, (b + 2.0).min(10.0))],
                    BAND.filled(),
                )))?
                .label(legend.band)
                .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], BAND.filled()));
        }
        let dot = |d: &PainDot, v: Option<u8>, shift: f64, c: RGBColor| {
            v.map(|v| {
                Circle::new(
                    (x(from, d.date) + shift, f64::from(v)),
                    2,
                    c.mix(0.35).filled(),
                )
            })
        };
        chart.draw_series(dots.iter().filter_map(|d| dot(d, d.before, 0.0, BEFORE)))?;
        chart.draw_series(dots.iter().filter_map(|d| dot(d, d.after, 0.4, AFTER)))?;
        // A week's median sits mid-week.
        let line = |f: fn(&WeekMedian) -> Option<f64>| {
            weeks
                .iter()
                .filter_map(move |w| f(w).map(|v| (x(from, w.week) + 3.0, v)))
                .collect::<Vec<_>>()
        };
        chart
            .draw_series(LineSeries::new(line(|w| w.before), BEFORE.stroke_width(2)))?
            .label(legend.before)
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], BEFORE.stroke_width(2)));
        chart
            .draw_series(LineSeries::new(line(|w| w.after), AFTER.stroke_width(2)))?
            .label(legend.after)
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], AFTER.stroke_width(2)));
        legend_box(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// A calendar heat map: a column per week, a row per weekday; each day's
/// share of its target done, from pale (none) to dark (met); pause days
/// and days before the first session blank. `days` holds (date, done,
/// target).
pub fn heat_map(
    (from, to): (NaiveDate, NaiveDate),
    days: &[(NaiveDate, u32, u32)],
    weekdays: &[String; 7],
    fmt: DateFmt,
) -> String {
    let start = from - Duration::days(i64::from(from.weekday().num_days_from_monday()));
    let weeks = ((to - start).num_days() / 7 + 1).max(1) as u32;
    let cell = 11u32;
    let height = 7 * cell + 34;
    let width = (weeks * cell + 40).max(200);
    svg((width, height), |root| {
        let label = TextStyle::from((FONT, 10).into_font()).color(&BLACK);
        for (i, name) in weekdays.iter().enumerate().step_by(2) {
            root.draw(&Text::new(
                name.clone(),
                (0, 16 + i as i32 * cell as i32),
                label.clone(),
            ))?;
        }
        let mut month = 0;
        for &(date, done, target) in days {
            if date < from || date > to {
                continue;
            }
            let col = ((date - start).num_days() / 7) as i32;
            let row = date.weekday().num_days_from_monday() as i32;
            let (x0, y0) = (32 + col * cell as i32, 14 + row * cell as i32);
            let color = if target == 0 {
                RGBColor(245, 245, 245)
            } else {
                let share = (f64::from(done.min(target)) / f64::from(target)).clamp(0.0, 1.0);
                if done == 0 {
                    RGBColor(250, 219, 216)
                } else {
                    let mix =
                        |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * share) as u8;
                    RGBColor(mix(199, 30), mix(233, 132), mix(192, 73))
                }
            };
            root.draw(&Rectangle::new(
                [(x0, y0), (x0 + cell as i32 - 2, y0 + cell as i32 - 2)],
                color.filled(),
            ))?;
            if date.day() == 1 || month == 0 {
                month = date.month();
                root.draw(&Text::new(
                    fmt(date),
                    (x0, 14 + 7 * cell as i32 + 4),
                    label.clone(),
                ))?;
            }
        }
        Ok(())
    })
}

/// Completed sessions per week as bars, the week's target as a line.
pub fn per_week(weeks: &[(NaiveDate, u32, u32)], legend: (&str, &str), fmt: DateFmt) -> String {
    svg((WIDTH, 180), |root| {
        let top = weeks.iter().map(|w| w.1.max(w.2)).max().unwrap_or(1).max(1);
        let n = weeks.len().max(1) as f64;
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .x_label_area_size(22)
            .y_label_area_size(28)
            .build_cartesian_2d(0f64..n, 0f64..f64::from(top) * 1.1)?;
        let first = weeks.first().map(|w| w.0).unwrap_or_default();
        mesh(
            &mut chart,
            5,
            &|v| fmt(first + Duration::weeks(*v as i64)),
            &|v| format!("{v:.0}"),
        )?;
        chart
            .draw_series(weeks.iter().enumerate().map(|(i, w)| {
                Rectangle::new(
                    [(i as f64 + 0.1, 0.0), (i as f64 + 0.9, f64::from(w.1))],
                    BEFORE.mix(0.8).filled(),
                )
            }))?
            .label(legend.0)
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], BEFORE.filled()));
        chart
            .draw_series(LineSeries::new(
                weeks.iter().enumerate().flat_map(|(i, w)| {
                    [(i as f64, f64::from(w.2)), (i as f64 + 1.0, f64::from(w.2))]
                }),
                BLACK.stroke_width(1),
            ))?
            .label(legend.1)
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], BLACK));
        legend_box(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}

/// Hold times in seconds over time: the affected side (red) and the
/// healthy one (blue).
pub fn holds(
    (from, to): (NaiveDate, NaiveDate),
    affected: &[(NaiveDate, f64)],
    healthy: &[(NaiveDate, f64)],
    legend: (&str, &str),
    fmt: DateFmt,
) -> String {
    svg((WIDTH, 200), |root| {
        let top = affected
            .iter()
            .chain(healthy)
            .map(|p| p.1)
            .fold(1.0f64, f64::max);
        let days = x(from, to).max(1.0) + 1.0;
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .x_label_area_size(22)
            .y_label_area_size(34)
            .build_cartesian_2d(0f64..days, 0f64..top * 1.1)?;
        mesh(
            &mut chart,
            5,
            &|v| fmt(from + Duration::days(*v as i64)),
            &|v| format!("{v:.0} s"),
        )?;
        for (points, color, name) in [(affected, AFTER, legend.0), (healthy, BEFORE, legend.1)] {
            if points.is_empty() {
                continue;
            }
            chart
                .draw_series(LineSeries::new(
                    points.iter().map(|p| (x(from, p.0), p.1)),
                    color.stroke_width(2),
                ))?
                .label(name)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 14, y)], color.stroke_width(2))
                });
        }
        legend_box(&mut chart, SeriesLabelPosition::LowerRight)
    })
}

/// A dose over time as a line of steps from `from`, `days` long: `line`
/// holds (day, value), each value level until the next; `seconds` labels
/// the values as a hold's seconds, else as counts.
pub fn steps(
    from: NaiveDate,
    days: f64,
    line: &[(f64, f64)],
    seconds: bool,
    fmt: DateFmt,
) -> String {
    let top = line.iter().map(|p| p.1).fold(1.0f64, f64::max);
    svg((WIDTH, 180), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .x_label_area_size(22)
            .y_label_area_size(34)
            .build_cartesian_2d(0f64..days, 0f64..top * 1.15)?;
        mesh(
            &mut chart,
            5,
            &|v| fmt(from + Duration::days(*v as i64)),
            &|v| {
                if seconds {
                    format!("{v:.0} s")
                } else {
                    format!("{v:.0}")
                }
            },
        )?;
        chart.draw_series(LineSeries::new(
            line.iter().copied(),
            BEFORE.stroke_width(2),
        ))?;
        Ok(())
    })
}
