//! Each built-in pose drawn in Braille the size the session screen gives
//! it at 120x40 and 200x60, for the left leg and the right.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use limber::core::routine::Side;
use limber::tui::theme::Theme;
use limber::tui::view::pose::{PoseCanvas, picture_cols};

/// The pose `id` as drawn in the picture column of a `w`x`h` screen.
fn canvas(id: &str, side: Option<Side>, (w, h): (u16, u16)) -> String {
    let poses = limber::store::poses::builtin();
    let pose = poses.get(id).unwrap_or_else(|| panic!("no pose `{id}`"));
    let cols = picture_cols(Rect::new(0, 0, w, h), true);
    let mut terminal = Terminal::new(TestBackend::new(cols, h - 1)).unwrap();
    terminal
        .draw(|f| {
            f.render_widget(
                PoseCanvas {
                    pose,
                    side,
                    theme: Theme { color: false },
                },
                f.area(),
            )
        })
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn each_pose_is_drawn_left_and_right_at_120x40_and_200x60() {
    let poses = limber::store::poses::builtin();
    for id in poses.ids() {
        for side in [Side::Left, Side::Right] {
            for size in [(120, 40), (200, 60)] {
                let text = canvas(id, Some(side), size);
                assert!(
                    text.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)),
                    "{id} {side:?} {size:?}: nothing drawn"
                );
                insta::assert_snapshot!(
                    format!("pose_{id}_{side:?}_{}x{}", size.0, size.1).to_lowercase(),
                    text
                );
            }
        }
    }
}
