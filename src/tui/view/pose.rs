//! A pose drawn with ratatui's Canvas in Braille: the picture box keeps
//! its shape whatever the area, and is mirrored for the right leg.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Circle, Line, Rectangle};

use crate::core::pose::{HALF_WIDTH, HEIGHT, Ink, Pose, Shape};
use crate::core::routine::Side;
use crate::tui::theme::Theme;

/// The smallest area worth drawing a figure in.
pub const MIN_COLS: u16 = 16;
pub const MIN_ROWS: u16 = 8;

pub struct PoseCanvas<'a> {
    pub pose: &'a Pose,
    pub side: Option<Side>,
    pub theme: Theme,
}

impl PoseCanvas<'_> {
    fn color(&self, ink: Ink) -> Color {
        if !self.theme.color {
            return Color::Reset;
        }
        match ink {
            Ink::Body => Color::Reset,
            Ink::Worked => Color::Yellow,
            Ink::Helper => Color::Cyan,
            Ink::Prop => Color::DarkGray,
            Ink::Band => Color::Magenta,
            Ink::Motion => Color::Green,
        }
    }
}

/// Bounds that show the whole picture box with square dots: a Braille
/// cell is 2 dots wide and 4 high, and about twice as tall as wide.
pub fn bounds(area: Rect) -> ([f64; 2], [f64; 2]) {
    let ratio = f64::from(area.width) / (2.0 * f64::from(area.height.max(1)));
    let (w, h) = (2.0 * HALF_WIDTH, HEIGHT);
    if ratio >= 1.0 {
        let half = w * ratio / 2.0;
        ([-half, half], [0.0, h])
    } else {
        let span = h / ratio;
        let pad = (span - h) / 2.0;
        ([-HALF_WIDTH, HALF_WIDTH], [-pad, h + pad])
    }
}

impl Widget for PoseCanvas<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_COLS || area.height < MIN_ROWS {
            return;
        }
        let shapes = self.pose.shapes(self.side);
        let (x, y) = bounds(area);
        Canvas::default()
            .marker(Marker::Braille)
            .x_bounds(x)
            .y_bounds(y)
            .paint(|ctx| {
                for shape in &shapes {
                    match *shape {
                        Shape::Line { from, to, ink } => ctx.draw(&Line {
                            x1: from.0,
                            y1: from.1,
                            x2: to.0,
                            y2: to.1,
                            color: self.color(ink),
                        }),
                        Shape::Circle { at, r, ink } => ctx.draw(&Circle {
                            x: at.0,
                            y: at.1,
                            radius: r,
                            color: self.color(ink),
                        }),
                        Shape::Rect { min, max, ink } => ctx.draw(&Rectangle {
                            x: min.0,
                            y: min.1,
                            width: max.0 - min.0,
                            height: max.1 - min.1,
                            color: self.color(ink),
                        }),
                    }
                }
            })
            .render(area, buf);
    }
}
