//! The built-in pictures against the physiotherapist's review
//! (CLINICAL-NOTES W2-W4, W9, C4): a pose per knee where a beat names a
//! knee, no accent leg without a side, the massage's target marked and the
//! thumb's path inside it, the ball in the buttock, the bent leg that
//! stretches, the band off the floor, and massage steps that teach
//! different things drawn differently.

use limber::core::parse::parse_routine;
use limber::core::plan::expand;
use limber::core::pose::{Catalog, Ink, Pose, Prop, Pt, Shape};
use limber::core::routine::{Kind, Routine, Side, Sides, Step};
use limber::store::routines::BUILTIN;

use crate::common::texts::all_steps;

fn routines() -> Vec<(String, Routine)> {
    BUILTIN
        .iter()
        .map(|&(lang, name, text)| {
            let routine = parse_routine(text.as_bytes())
                .unwrap_or_else(|_| panic!("built-in {lang}/{name} is invalid"));
            (format!("{lang}/{name}"), routine)
        })
        .collect()
}

fn poses() -> Catalog {
    limber::store::poses::builtin()
}

fn pose<'a>(poses: &'a Catalog, id: &str) -> &'a Pose {
    poses.get(id).unwrap_or_else(|| panic!("no pose `{id}`"))
}

/// Which knee a beat's label names, in either language.
fn knee(label: &str) -> Option<Side> {
    let l = label.to_lowercase();
    if l.contains("left knee") || l.contains("левым колен") || l.contains("левое колен")
    {
        Some(Side::Left)
    } else if l.contains("right knee") || l.contains("правым колен") || l.contains("правое колен")
    {
        Some(Side::Right)
    } else {
        None
    }
}

fn mirrored(shapes: &[Shape]) -> Vec<Shape> {
    let m = |p: Pt| (-p.0, p.1);
    shapes
        .iter()
        .map(|s| match *s {
            Shape::Line { from, to, ink } => Shape::Line {
                from: m(from),
                to: m(to),
                ink,
            },
            Shape::Circle { at, r, ink } => Shape::Circle { at: m(at), r, ink },
            Shape::Rect { min, max, ink } => Shape::Rect {
                min: (-max.0, min.1),
                max: (-min.0, max.1),
                ink,
            },
        })
        .collect()
}

/// The shapes as a sorted list of what they draw, whatever their order
/// and a line's direction.
fn canonical(shapes: &[Shape]) -> Vec<String> {
    let pt = |p: Pt| format!("({:.2},{:.2})", p.0 + 0.0, p.1 + 0.0);
    let mut out: Vec<String> = shapes
        .iter()
        .map(|s| match *s {
            Shape::Line { from, to, ink } => {
                let (a, b) = (pt(from), pt(to));
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                format!("line {a}-{b} {ink:?}")
            }
            Shape::Circle { at, r, ink } => format!("circle {} {r} {ink:?}", pt(at)),
            Shape::Rect { min, max, ink } => format!("rect {}-{} {ink:?}", pt(min), pt(max)),
        })
        .collect();
    out.sort();
    out
}

fn arrows(pose: &Pose) -> Vec<(Pt, Pt)> {
    pose.props
        .iter()
        .filter_map(|p| match *p {
            Prop::Arrow { from, to } => Some((from, to)),
            _ => None,
        })
        .collect()
}

fn target(pose: &Pose) -> Option<(Pt, Pt)> {
    pose.props.iter().find_map(|p| match *p {
        Prop::Target { from, to } => Some((from, to)),
        _ => None,
    })
}

fn dist(a: Pt, b: Pt) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// Where `p` falls along the segment from `a` to `b` (0 at `a`, 1 at
/// `b`), and how far it lies off the line.
fn along(p: Pt, (a, b): (Pt, Pt)) -> (f64, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = ((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2;
    let off = ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / len2.sqrt();
    (t, off)
}

/// W3: every beat that names a knee names its own pose, and the beat of
/// the other knee names that pose's mirror, its arrow at the knee named.
#[test]
fn every_beat_naming_a_knee_has_a_pose_for_each_knee() {
    let poses = poses();
    let mut checked = 0;
    for (name, routine) in routines() {
        for step in all_steps(&routine) {
            let Kind::Reps { tempo, .. } = &step.kind else {
                continue;
            };
            let named: Vec<(Side, &str)> = tempo
                .iter()
                .filter_map(|b| Some((knee(&b.label)?, b.pose.as_deref()?)))
                .collect();
            let knees: Vec<Side> = tempo.iter().filter_map(|b| knee(&b.label)).collect();
            assert_eq!(
                named.len(),
                knees.len(),
                "{name} `{}`: a beat that names a knee names no pose of its own",
                step.id
            );
            let left = named.iter().find(|(s, _)| *s == Side::Left);
            let right = named.iter().find(|(s, _)| *s == Side::Right);
            if knees.is_empty() {
                continue;
            }
            let (Some((_, left)), Some((_, right))) = (left, right) else {
                panic!(
                    "{name} `{}`: a knee's beat without the other knee's",
                    step.id
                );
            };
            let (l, r) = (pose(&poses, left), pose(&poses, right));
            assert_ne!(
                left, right,
                "{name} `{}`: both knees share `{left}`",
                step.id
            );
            assert_eq!(
                canonical(&r.shapes(None)),
                canonical(&mirrored(&l.shapes(None))),
                "{name} `{}`: `{right}` is not `{left}` mirrored",
                step.id
            );
            // The push comes from the knee the beat names.
            let (lk, rk) = (l.figure.left_leg.0, l.figure.right_leg.0);
            for (from, _) in arrows(l) {
                assert!(
                    dist(from, lk) < dist(from, rk),
                    "`{left}`: the arrow is at the right knee"
                );
            }
            assert!(!arrows(l).is_empty(), "`{left}` shows no push");
            checked += 1;
        }
    }
    assert!(
        checked >= 4,
        "the knee pushes of both routines' languages and variants"
    );
}

/// W3: a step without sides works both legs or none, so its pictures
/// paint no leg in the accent colour, whichever leg is affected.
#[test]
fn steps_without_sides_draw_no_accent_leg() {
    let poses = poses();
    for (name, routine) in routines() {
        let variants = std::iter::once(None).chain(routine.variants.iter().map(|v| Some(&*v.id)));
        for variant in variants {
            for affected in [Side::Left, Side::Right] {
                let plan = expand(&routine, variant, affected).unwrap();
                for phase in plan.phases() {
                    let step: &Step = &plan.steps()[phase.step];
                    if step.sides != Sides::None {
                        continue;
                    }
                    assert_eq!(phase.side, None, "{name} `{}`", step.id);
                    let beat = phase.beat.map(|b| b.n);
                    if let Some(p) = poses.for_step(step, beat) {
                        let accent = p.shapes(phase.side).iter().any(|s| {
                            matches!(
                                s,
                                Shape::Line {
                                    ink: Ink::Worked,
                                    ..
                                }
                            )
                        });
                        assert!(!accent, "{name} `{}`: `{}` paints a leg", step.id, p.id);
                    }
                }
            }
        }
    }
}

/// The massage poses, the steps that name them.
fn massage_poses(poses: &Catalog) -> Vec<&Pose> {
    let mut ids: Vec<String> = Vec::new();
    for (_, routine) in routines() {
        if !routine.id.contains("massage") {
            continue;
        }
        for (_, id) in limber::core::pose::named(&routine) {
            if !ids.iter().any(|i| i == id) {
                ids.push(id.to_string());
            }
        }
    }
    assert!(ids.len() >= 5, "{ids:?}");
    ids.iter().map(|id| pose(poses, id)).collect()
}

/// C4, W4: every massage picture marks the muscle, and where a thumb or
/// ball travels, it travels inside the mark, from the sacrum's end to the
/// hip's, the way the fibres run.
#[test]
fn massage_poses_mark_the_muscle_and_move_along_it() {
    let poses = poses();
    for p in massage_poses(&poses) {
        let t = target(p).unwrap_or_else(|| panic!("`{}` marks no target", p.id));
        let half = (dist(t.0, t.1) / 4.0).max(2.0);
        // The inner end is nearer the pelvis (the sacrum) than the outer one.
        assert!(
            dist(t.0, p.figure.pelvis) < dist(t.1, p.figure.pelvis),
            "`{}`: the mark runs from the hip to the sacrum",
            p.id
        );
        let along_muscle = arrows(p)
            .into_iter()
            .filter(|&(a, b)| along(a, t).1 <= half && along(b, t).1 <= half);
        for (from, to) in along_muscle {
            let (ta, _) = along(from, t);
            let (tb, _) = along(to, t);
            assert!(
                (-0.1..=1.1).contains(&ta) && (-0.1..=1.1).contains(&tb),
                "`{}`: the arrow leaves the muscle",
                p.id
            );
            assert!(tb > ta, "`{}`: the arrow runs against the fibres", p.id);
        }
    }
    let thumb = pose(&poses, "massage-thumb");
    let t = target(thumb).unwrap();
    let half = (dist(t.0, t.1) / 4.0).max(2.0);
    let inside = arrows(thumb)
        .iter()
        .any(|&(a, b)| along(a, t).1 <= half && along(b, t).1 <= half);
    assert!(inside, "the thumb's arrow is not inside the buttock");
}

/// W9: the ball sits in the middle of the buttock, on the muscle's mark
/// behind the bony point of the hip, not under the hip's point.
#[test]
fn the_tennis_ball_sits_in_the_middle_of_the_buttock() {
    let poses = poses();
    let ball = pose(&poses, "tennis-ball");
    let (at, r) = ball
        .props
        .iter()
        .find_map(|p| match *p {
            Prop::Ball { at, r } => Some((at, r)),
            _ => None,
        })
        .unwrap();
    let t = target(ball).unwrap();
    let (along_t, off) = along(at, t);
    assert!(
        (0.2..=0.8).contains(&along_t),
        "the ball is at {along_t:.2} of the muscle, not in its middle"
    );
    assert!(off <= r + 3.0, "the ball is {off:.1} off the muscle");
    assert!(
        dist(at, t.1) > r,
        "the ball sits under the bony point of the hip"
    );
}

/// W2: the bent-leg massage stretches: the thigh stays in line with the
/// trunk (no "frog" leg, which would slacken the muscle), the knee is bent
/// and the shin falls outward, away from the body's midline.
#[test]
fn the_bent_leg_massage_turns_the_hip_inward() {
    let poses = poses();
    let p = pose(&poses, "massage-bent-leg");
    let f = &p.figure;
    let hip = f.left_hip.unwrap_or(f.pelvis);
    let (knee, foot) = f.left_leg;
    let trunk = (f.pelvis.0 - f.neck.0, f.pelvis.1 - f.neck.1);
    let thigh = (knee.0 - hip.0, knee.1 - hip.1);
    let shin = (foot.0 - knee.0, foot.1 - knee.1);
    let angle = |a: Pt, b: Pt| {
        ((a.0 * b.0 + a.1 * b.1) / (a.0.hypot(a.1) * b.0.hypot(b.1)))
            .clamp(-1.0, 1.0)
            .acos()
            .to_degrees()
    };
    assert!(
        angle(trunk, thigh) < 15.0,
        "the thigh is out to the side: a frog leg"
    );
    assert!(angle(thigh, shin) > 60.0, "the knee is hardly bent");
    // Outward: further from the line of the trunk than the knee, on the
    // side of the left hip.
    let side_of = |p: Pt| {
        let (a, d) = (f.neck, trunk);
        (p.0 - a.0) * d.1 - (p.1 - a.1) * d.0
    };
    assert!(
        side_of(foot).signum() == side_of(hip).signum()
            && side_of(foot).abs() > side_of(knee).abs(),
        "the shin does not fall outward"
    );
}

/// Three massage steps that teach different things (kneading along the
/// fibres, pressing on knots, light finishing strokes) have three
/// pictures.
#[test]
fn massage_steps_that_teach_different_things_look_different() {
    for (name, routine) in routines() {
        if !routine.id.contains("massage") {
            continue;
        }
        let pose_of = |id: &str| {
            routine
                .steps
                .iter()
                .find(|s| s.id == id)
                .and_then(|s| s.pose.clone())
                .unwrap_or_else(|| panic!("{name}: no step `{id}`"))
        };
        let (warm, knots, finish) = (pose_of("warm-up"), pose_of("knots"), pose_of("finish"));
        assert!(
            warm != knots && knots != finish && warm != finish,
            "{name}: {warm}, {knots}, {finish}"
        );
    }
}

/// The band is drawn clear of the floor, so it cannot be taken for it.
#[test]
fn bands_are_clear_of_the_floor() {
    let poses = poses();
    let mut bands = 0;
    for id in poses.ids() {
        let p = pose(&poses, id);
        let floor = p
            .props
            .iter()
            .filter_map(|q| match *q {
                Prop::Mat { from, to } => Some(from.1.max(to.1)),
                _ => None,
            })
            .fold(0.0, f64::max);
        for q in &p.props {
            if let Prop::Band { from, to } = *q {
                bands += 1;
                assert!(
                    from.1.min(to.1) >= floor + 4.0,
                    "`{id}`: the band runs along the floor"
                );
            }
        }
    }
    assert!(bands >= 2);
}
