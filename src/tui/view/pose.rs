//! A pose drawn with ratatui's Canvas in Braille: the part of the picture
//! box the pose covers ([`extent`]) fills the area, keeping its shape,
//! and is mirrored for the right leg.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Circle, Line, Rectangle};

use crate::core::pose::{Ink, Pose, Pt, Shape, extent};
use crate::core::routine::Side;
use crate::tui::theme::Theme;

/// The smallest area worth drawing a figure in.
pub const MIN_COLS: u16 = 16;
pub const MIN_ROWS: u16 = 8;

/// From this size up (columns, rows) the picture is always shown.
pub const LARGE: (u16, u16) = (100, 28);

/// Whether `area` is large enough for the picture to be always shown, so
/// "show me" has nothing to add.
pub fn always_shown(area: Rect) -> bool {
    area.width >= LARGE.0 && area.height >= LARGE.1
}

/// The least the picture's column gets: a third of a large screen and a
/// little over, so the figure itself spans a third; half of a small one,
/// where it shows only while the digits matter least, or on "show me".
/// The digits are sized for the rest, and the picture then takes what
/// they leave.
pub fn picture_cols(area: Rect, large: bool) -> u16 {
    if large {
        area.width / 3 + 2
    } else {
        area.width / 2
    }
}

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
            Ink::Target => Color::LightRed,
        }
    }
}

/// Bounds that show the box from `lo` to `hi` whole, centred, with
/// square dots: a Braille cell is 2 dots wide and 4 high, and about
/// twice as tall as wide.
pub fn bounds(area: Rect, (lo, hi): (Pt, Pt)) -> ([f64; 2], [f64; 2]) {
    let ratio = f64::from(area.width) / (2.0 * f64::from(area.height.max(1)));
    let (w, h) = (hi.0 - lo.0, hi.1 - lo.1);
    let (cx, cy) = ((lo.0 + hi.0) / 2.0, (lo.1 + hi.1) / 2.0);
    if ratio >= w / h {
        let half = h * ratio / 2.0;
        ([cx - half, cx + half], [lo.1, hi.1])
    } else {
        let half = w / ratio / 2.0;
        ([lo.0, hi.0], [cy - half, cy + half])
    }
}

impl Widget for PoseCanvas<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_COLS || area.height < MIN_ROWS {
            return;
        }
        let shapes = self.pose.shapes(self.side);
        let (x, y) = bounds(area, extent(&shapes));
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
