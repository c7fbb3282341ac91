//! Pictures of the exercises as data: a stick figure in 2-D with its
//! props, one pose per file (`assets/poses/*.ron`, or a `poses/` folder
//! beside the user's routines), named by a step's or a beat's `pose`.
//!
//! The picture box is x from -50 to 50 and y from 0 to 100, y upwards
//! (0 is the floor in a side, front or feet-end view; a figure lying face
//! down seen from above has its head at the top). A figure is drawn for
//! the **left** leg: its `left_leg` is the leg worked and is drawn in the
//! accent colour; for the right leg the whole picture is mirrored
//! (x → -x), and a step without sides gets no accent leg at all. The
//! session screen (ratatui's Canvas) and the HTML handout (SVG) draw the
//! same [`Shape`]s, framed by the same [`extent`].

use std::collections::BTreeMap;

use serde::Deserialize;

use super::diagnostic::Diagnostic;
use super::parse::{from_ron, ron_options};
use super::ron_spans::{
    Pos,
    Seg::{self, Field, Index},
    SpanIndex,
};
use super::routine::{Kind, Routine, Side, Step, valid_id};
use super::validate::{LANGUAGES, Problem};

/// A point in the picture box: `(x, y)`.
pub type Pt = (f64, f64);

/// Half the width of the picture box.
pub const HALF_WIDTH: f64 = 50.0;
/// The height of the picture box.
pub const HEIGHT: f64 = 100.0;
/// The radius of a head.
pub const HEAD_RADIUS: f64 = 6.0;
/// Pose files are small; anything bigger is a mistake.
pub const MAX_BYTES: usize = 64 * 1024;
/// Props in one pose, at most.
pub const MAX_PROPS: usize = 32;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pose {
    /// What steps name it by, e.g. `knee-across`.
    pub id: String,
    /// What the picture shows, in words, by language code (`en`, `ru`): the
    /// SVG's `<title>` for screen readers, and the handout's caption.
    pub title: BTreeMap<String, String>,
    /// The patient, drawn for the left leg.
    pub figure: Figure,
    /// A second person, such as the helper of the assisted rise.
    #[serde(default)]
    pub helper: Option<Figure>,
    #[serde(default)]
    pub props: Vec<Prop>,
}

/// A stick figure: a head, a torso from the neck to the pelvis, two arms
/// from the neck and two legs from the pelvis (or from the hips, when the
/// view shows them apart), each a pair of points (elbow and hand, knee and
/// foot).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub head: Pt,
    pub neck: Pt,
    pub pelvis: Pt,
    /// (elbow, hand)
    pub left_arm: (Pt, Pt),
    /// (elbow, hand)
    pub right_arm: (Pt, Pt),
    /// (knee, foot): the leg the exercise works.
    pub left_leg: (Pt, Pt),
    /// (knee, foot)
    pub right_leg: (Pt, Pt),
    /// Where the left leg starts, in a view from above or from the feet,
    /// where the hips are apart; the right hip is its mirror about the
    /// pelvis. Without it both legs start at the pelvis (a side view).
    #[serde(default)]
    pub left_hip: Option<Pt>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Prop {
    /// A mat (or the floor): a box between two corners.
    Mat { from: Pt, to: Pt },
    /// A couch or chair seat: a box between two corners.
    Couch { from: Pt, to: Pt },
    /// A resistance band.
    Band { from: Pt, to: Pt },
    /// A tennis ball.
    Ball { at: Pt, r: f64 },
    /// A rigid support, such as a post: a box between two corners.
    Support { from: Pt, to: Pt },
    /// Which way to move.
    Arrow { from: Pt, to: Pt },
    /// The muscle to reach (the piriformis), from its inner end to its
    /// outer one: a massage pose marks where the thumb or ball works.
    Target { from: Pt, to: Pt },
    /// A plain edge, such as a mat's far side seen from the feet.
    Edge { from: Pt, to: Pt },
}

/// What a shape is part of, so each renderer picks its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ink {
    Body,
    /// The leg the exercise works.
    Worked,
    Helper,
    Prop,
    Band,
    Motion,
    /// The muscle a massage reaches.
    Target,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    Line {
        from: Pt,
        to: Pt,
        ink: Ink,
    },
    Circle {
        at: Pt,
        r: f64,
        ink: Ink,
    },
    /// A box between its lower-left and upper-right corners.
    Rect {
        min: Pt,
        max: Pt,
        ink: Ink,
    },
}

impl Pose {
    /// The title in `lang`, else in English, else any.
    pub fn title_in(&self, lang: &str) -> &str {
        self.title
            .get(lang)
            .or_else(|| self.title.get("en"))
            .or_else(|| self.title.values().next())
            .map_or("", String::as_str)
    }

    /// What to draw, props first, then the helper, then the patient with
    /// the worked leg last, then the target and arrows over the body;
    /// mirrored for the right leg. Without a side (a step that works both
    /// legs, or neither) no leg is the accent one.
    pub fn shapes(&self, side: Option<Side>) -> Vec<Shape> {
        let flip = side == Some(Side::Right);
        let m = |p: Pt| if flip { (-p.0, p.1) } else { p };
        let mut out = Vec::new();
        let line = |out: &mut Vec<Shape>, a: Pt, b: Pt, ink| {
            out.push(Shape::Line {
                from: m(a),
                to: m(b),
                ink,
            })
        };
        let rect = |out: &mut Vec<Shape>, a: Pt, b: Pt, ink| {
            let (a, b) = (m(a), m(b));
            out.push(Shape::Rect {
                min: (a.0.min(b.0), a.1.min(b.1)),
                max: (a.0.max(b.0), a.1.max(b.1)),
                ink,
            })
        };
        let (under, over): (Vec<&Prop>, Vec<&Prop>) = self
            .props
            .iter()
            .partition(|p| !matches!(p, Prop::Arrow { .. } | Prop::Target { .. }));
        for prop in under {
            match *prop {
                Prop::Mat { from, to } | Prop::Couch { from, to } | Prop::Support { from, to } => {
                    rect(&mut out, from, to, Ink::Prop)
                }
                Prop::Band { from, to } => line(&mut out, from, to, Ink::Band),
                Prop::Edge { from, to } => line(&mut out, from, to, Ink::Prop),
                Prop::Ball { at, r } => out.push(Shape::Circle {
                    at: m(at),
                    r,
                    ink: Ink::Prop,
                }),
                Prop::Arrow { .. } | Prop::Target { .. } => {}
            }
        }
        if let Some(helper) = &self.helper {
            figure(&mut out, helper, Ink::Helper, Ink::Helper, &m);
        }
        let worked = if side.is_some() {
            Ink::Worked
        } else {
            Ink::Body
        };
        figure(&mut out, &self.figure, Ink::Body, worked, &m);
        // The mark and the arrows go over the body, so a thumb's path
        // along the buttock is not hidden by the figure.
        for prop in over {
            match *prop {
                Prop::Target { from, to } => {
                    for (a, b) in spindle(from, to).windows(2).map(|w| (w[0], w[1])) {
                        line(&mut out, a, b, Ink::Target);
                    }
                }
                Prop::Arrow { from, to } => {
                    line(&mut out, from, to, Ink::Motion);
                    // Two barbs, 30° either side of the shaft.
                    let (dx, dy) = (from.0 - to.0, from.1 - to.1);
                    let len = dx.hypot(dy).max(f64::EPSILON);
                    let (ux, uy) = (dx / len * 5.0, dy / len * 5.0);
                    let (c, s) = (0.866, 0.5);
                    for sign in [1.0, -1.0] {
                        let barb = (to.0 + ux * c - sign * uy * s, to.1 + sign * ux * s + uy * c);
                        line(&mut out, to, barb, Ink::Motion);
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// A muscle's outline between its two ends: widest in the middle, as a
/// muscle belly is, so an arrow along it stays inside.
fn spindle(from: Pt, to: Pt) -> [Pt; 7] {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = dx.hypot(dy).max(f64::EPSILON);
    // Half the width: a quarter of the length, at least 2.
    let half = (len / 4.0).max(2.0);
    let (nx, ny) = (-dy / len * half, dx / len * half);
    let at = |t: f64, k: f64| (from.0 + dx * t + nx * k, from.1 + dy * t + ny * k);
    [
        at(0.0, 0.0),
        at(0.3, 1.0),
        at(0.7, 1.0),
        at(1.0, 0.0),
        at(0.7, -1.0),
        at(0.3, -1.0),
        at(0.0, 0.0),
    ]
}

/// The part of the picture box that `shapes` cover, with a margin, as
/// (lower-left, upper-right): what a renderer frames, so a figure lying
/// along the floor fills the room given to it instead of the bottom
/// third of the box.
pub fn extent(shapes: &[Shape]) -> (Pt, Pt) {
    let (mut lo, mut hi) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
    let mut take = |(x, y): Pt, r: f64| {
        lo = (lo.0.min(x - r), lo.1.min(y - r));
        hi = (hi.0.max(x + r), hi.1.max(y + r));
    };
    for shape in shapes {
        match *shape {
            Shape::Line { from, to, .. } => {
                take(from, 0.0);
                take(to, 0.0);
            }
            Shape::Circle { at, r, .. } => take(at, r),
            Shape::Rect { min, max, .. } => {
                take(min, 0.0);
                take(max, 0.0);
            }
        }
    }
    if lo.0 > hi.0 {
        return ((-HALF_WIDTH, 0.0), (HALF_WIDTH, HEIGHT));
    }
    const MARGIN: f64 = 1.0;
    // At least a fifth of the box each way, so a thin picture is not
    // blown up into a line.
    let (w, h) = ((hi.0 - lo.0).max(20.0), (hi.1 - lo.1).max(20.0));
    let (cx, cy) = ((lo.0 + hi.0) / 2.0, (lo.1 + hi.1) / 2.0);
    (
        (cx - w / 2.0 - MARGIN, cy - h / 2.0 - MARGIN),
        (cx + w / 2.0 + MARGIN, cy + h / 2.0 + MARGIN),
    )
}

fn figure(out: &mut Vec<Shape>, f: &Figure, body: Ink, worked: Ink, m: &impl Fn(Pt) -> Pt) {
    let mut line = |a: Pt, b: Pt, ink| {
        out.push(Shape::Line {
            from: m(a),
            to: m(b),
            ink,
        })
    };
    line(f.neck, f.pelvis, body);
    for (elbow, hand) in [f.left_arm, f.right_arm] {
        line(f.neck, elbow, body);
        line(elbow, hand, body);
    }
    let (left_hip, right_hip) = match f.left_hip {
        Some(h) => {
            let right = (2.0 * f.pelvis.0 - h.0, 2.0 * f.pelvis.1 - h.1);
            line(h, right, body);
            (h, right)
        }
        None => (f.pelvis, f.pelvis),
    };
    let (knee, foot) = f.right_leg;
    line(right_hip, knee, body);
    line(knee, foot, body);
    let (knee, foot) = f.left_leg;
    line(left_hip, knee, worked);
    line(knee, foot, worked);
    out.push(Shape::Circle {
        at: m(f.head),
        r: HEAD_RADIUS,
        ink: body,
    });
}

/// Known poses by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    poses: BTreeMap<String, Pose>,
}

impl Catalog {
    /// Adds `pose`, replacing one with the same id.
    pub fn insert(&mut self, pose: Pose) {
        self.poses.insert(pose.id.clone(), pose);
    }

    pub fn get(&self, id: &str) -> Option<&Pose> {
        self.poses.get(id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.poses.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.poses.is_empty()
    }

    /// The poses `routine` names, and only those.
    pub fn used_by(&self, routine: &Routine) -> Catalog {
        let mut out = Catalog::default();
        for (_, name) in named(routine) {
            if let Some(p) = self.get(name) {
                out.insert(p.clone());
            }
        }
        out
    }

    /// The pose for a step, or for one beat of it (counted from 1),
    /// which falls back to the step's.
    pub fn for_step(&self, step: &Step, beat: Option<u32>) -> Option<&Pose> {
        let beat_pose = match (&step.kind, beat) {
            (Kind::Reps { tempo, .. }, Some(n)) => tempo
                .get((n as usize).wrapping_sub(1))
                .and_then(|b| b.pose.as_deref()),
            _ => None,
        };
        beat_pose
            .or(step.pose.as_deref())
            .and_then(|id| self.get(id))
    }
}

/// Every pose name in `routine`, with the path of the value that names it.
pub fn named(routine: &Routine) -> Vec<(Vec<Seg>, &str)> {
    let mut out = Vec::new();
    named_in(vec![Field("steps")], &routine.steps, &mut out);
    for (v, variant) in routine.variants.iter().enumerate() {
        named_in(
            vec![Field("variants"), Index(v), Field("steps")],
            &variant.steps,
            &mut out,
        );
    }
    out
}

fn named_in<'a>(base: Vec<Seg>, steps: &'a [Step], out: &mut Vec<(Vec<Seg>, &'a str)>) {
    for (i, step) in steps.iter().enumerate() {
        let at = |tail: &[Seg]| [base.as_slice(), &[Index(i)], tail].concat();
        if let Some(p) = &step.pose {
            out.push((at(&[Field("pose")]), p.as_str()));
        }
        if let Kind::Reps { tempo, .. } = &step.kind {
            for (b, beat) in tempo.iter().enumerate() {
                if let Some(p) = &beat.pose {
                    let path = at(&[Field("kind"), Field("tempo"), Index(b), Field("pose")]);
                    out.push((path, p.as_str()));
                }
            }
        }
    }
}

/// The pose names in `routine` that `catalog` lacks, each where it is
/// written in `text`, with the closest known name as a hint.
pub fn check_names(routine: &Routine, text: &str, catalog: &Catalog) -> Vec<Diagnostic> {
    let unknown: Vec<_> = named(routine)
        .into_iter()
        .filter(|(_, name)| catalog.get(name).is_none())
        .collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    let index = SpanIndex::new(text);
    unknown
        .into_iter()
        .map(|(path, name)| {
            Diagnostic::new(index.locate(&path), format!("unknown pose `{name}`"))
                .with_hint(Some(hint(name, catalog)))
        })
        .collect()
}

fn hint(name: &str, catalog: &Catalog) -> String {
    let best = catalog
        .ids()
        .map(|id| (strsim::jaro_winkler(name, id), id))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, id)) if score >= 0.8 => format!("did you mean `{id}`?"),
        _ => "poses are the files in assets/poses/ and in the poses/ folder beside the routine; see docs/ROUTINE_FORMAT.md".into(),
    }
}

/// Parses and checks a pose file's bytes.
pub fn parse_pose(bytes: &[u8]) -> Result<Pose, Vec<Diagnostic>> {
    let start = Pos { line: 1, col: 1 };
    if bytes.len() > MAX_BYTES {
        return Err(vec![Diagnostic::new(
            start,
            format!(
                "the file is {} bytes; a pose file may be at most {MAX_BYTES} bytes",
                bytes.len()
            ),
        )]);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| vec![Diagnostic::new(start, "the file is not valid UTF-8 text")])?;
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::new(start, "the file is empty").with_hint(
            Some("a pose starts with `Pose(`; see docs/ROUTINE_FORMAT.md".into()),
        )]);
    }
    let pose: Pose = ron_options()
        .from_str(text)
        .map_err(|e| vec![from_ron(&e, text)])?;
    let index = SpanIndex::new(text);
    let mut d: Vec<Diagnostic> = validate(&pose)
        .into_iter()
        .map(|p| Diagnostic::new(index.locate(&p.path), p.message).with_hint(p.hint))
        .collect();
    if d.is_empty() {
        return Ok(pose);
    }
    d.sort_by_key(|d| d.pos);
    Err(d)
}

/// Every problem of a pose that parsed.
pub fn validate(pose: &Pose) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut push = |path: Vec<Seg>, message: String, hint: Option<&str>| {
        out.push(Problem {
            path,
            message,
            hint: hint.map(str::to_string),
        })
    };
    if !valid_id(&pose.id) {
        push(
            vec![Field("id")],
            format!("pose id `{}` is not a valid id", pose.id),
            Some("ids use lowercase letters, digits and `-`, like \"knee-across\""),
        );
    }
    if pose.title.is_empty() {
        push(
            vec![Field("title")],
            "a pose needs a title, in words, for people who cannot see the picture".into(),
            Some("for example title: {\"en\": \"Lying on the back, knees bent\"}"),
        );
    }
    for (lang, text) in &pose.title {
        if !LANGUAGES.contains(&lang.as_str()) {
            push(
                vec![Field("title")],
                format!("unknown language `{lang}` in the title"),
                Some("limber has texts for \"en\" and \"ru\""),
            );
        } else if text.trim().is_empty() {
            push(
                vec![Field("title")],
                format!("the `{lang}` title must not be empty"),
                None,
            );
        }
    }
    let mut points: Vec<(Vec<Seg>, Pt)> = Vec::new();
    let mut fig = |base: Seg, f: &Figure| {
        let at = |tail: &[Seg]| [std::slice::from_ref(&base), tail].concat();
        points.push((at(&[Field("head")]), f.head));
        points.push((at(&[Field("neck")]), f.neck));
        points.push((at(&[Field("pelvis")]), f.pelvis));
        if let Some(h) = f.left_hip {
            points.push((at(&[Field("left_hip")]), h));
            let right = (2.0 * f.pelvis.0 - h.0, 2.0 * f.pelvis.1 - h.1);
            points.push((at(&[Field("left_hip")]), right));
        }
        for (name, (a, b)) in [
            ("left_arm", f.left_arm),
            ("right_arm", f.right_arm),
            ("left_leg", f.left_leg),
            ("right_leg", f.right_leg),
        ] {
            points.push((at(&[Field(name), Index(0)]), a));
            points.push((at(&[Field(name), Index(1)]), b));
        }
    };
    fig(Field("figure"), &pose.figure);
    if let Some(h) = &pose.helper {
        fig(Field("helper"), h);
    }
    if pose.props.len() > MAX_PROPS {
        push(
            vec![Field("props")],
            format!(
                "{} props are more than the {MAX_PROPS} limber allows",
                pose.props.len()
            ),
            None,
        );
    }
    for (i, prop) in pose.props.iter().enumerate() {
        let at = |f| vec![Field("props"), Index(i), Field(f)];
        match *prop {
            Prop::Mat { from, to }
            | Prop::Couch { from, to }
            | Prop::Band { from, to }
            | Prop::Support { from, to }
            | Prop::Arrow { from, to }
            | Prop::Target { from, to }
            | Prop::Edge { from, to } => {
                points.push((at("from"), from));
                points.push((at("to"), to));
            }
            Prop::Ball { at: c, r } => {
                points.push((at("at"), c));
                if !(r > 0.0 && r <= 25.0) {
                    push(
                        at("r"),
                        format!("a ball's radius of {r} is outside 0 to 25"),
                        None,
                    );
                }
            }
        }
    }
    for (path, (x, y)) in points {
        if !(x.abs() <= HALF_WIDTH && (0.0..=HEIGHT).contains(&y)) {
            push(
                path,
                format!("the point ({x}, {y}) is outside the picture"),
                Some("x goes from -50 to 50 and y from 0 (the floor) to 100"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const POSE: &str = r#"Pose(
    id: "stand",
    title: {"en": "Standing"},
    figure: Figure(
        head: (0, 90),
        neck: (0, 80),
        pelvis: (0, 50),
        left_arm: ((-10, 65), (-12, 50)),
        right_arm: ((10, 65), (12, 50)),
        left_leg: ((-6, 25), (-8, 0)),
        right_leg: ((6, 25), (8, 0)),
    ),
    props: [Ball(at: (20, 5), r: 5)],
)
"#;

    #[test]
    fn a_pose_parses_and_mirrors_for_the_right_leg() {
        let pose = parse_pose(POSE.as_bytes()).unwrap();
        let left = pose.shapes(Some(Side::Left));
        let right = pose.shapes(Some(Side::Right));
        let none = pose.shapes(None);
        assert!(!none.iter().any(|s| matches!(
            s,
            Shape::Line {
                ink: Ink::Worked,
                ..
            }
        )));
        assert_eq!(left.len(), none.len());
        let worked = |shapes: &[Shape]| {
            shapes
                .iter()
                .find_map(|s| match s {
                    Shape::Line {
                        to,
                        ink: Ink::Worked,
                        ..
                    } => Some(*to),
                    _ => None,
                })
                .unwrap()
        };
        assert_eq!(worked(&left), (-6.0, 25.0));
        assert_eq!(worked(&right), (6.0, 25.0));
    }

    #[test]
    fn a_point_outside_the_picture_is_reported_where_it_is_written() {
        let text = POSE.replace("(-8, 0)", "(-80, 0)");
        let d = parse_pose(text.as_bytes()).unwrap_err();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].pos, Pos { line: 10, col: 30 });
        assert_eq!(d[0].message, "the point (-80, 0) is outside the picture");
    }

    #[test]
    fn an_unknown_field_gets_a_did_you_mean() {
        let text = POSE.replace("pelvis:", "pelvs:");
        let d = parse_pose(text.as_bytes()).unwrap_err();
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `pelvis`?"));
    }
}
