//! Made-up sessions for tests, benchmarks and screenshots. Deterministic:
//! the same arguments give the same lines.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};

use crate::core::record::{Event, LogLine, Outcome, RoutineRef, StepStatus, StopReason};
use crate::core::routine::Side;

use super::Recorder;

/// A reference with a realistic (but made-up) hash.
pub fn routine_ref(id: &str, version: u32) -> RoutineRef {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{id}@{version}").as_bytes());
    RoutineRef {
        id: id.to_string(),
        version,
        hash: digest.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// One session as the app would log it. `outcome: None` leaves out
/// `SessionEnded` (an interrupted session), and then the feedback too.
#[derive(Clone, Debug)]
pub struct Spec {
    pub routine: RoutineRef,
    pub session: String,
    pub start: DateTime<FixedOffset>,
    pub variant: Option<String>,
    pub steps: usize,
    pub outcome: Option<Outcome>,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    pub note: Option<String>,
    /// The dose in force logged with the start (`core::progression`).
    pub dose: Vec<crate::core::progression::StepDose>,
}

impl Spec {
    pub fn new(routine: &RoutineRef, session: &str, start: DateTime<FixedOffset>) -> Self {
        Spec {
            routine: routine.clone(),
            session: session.to_string(),
            start,
            variant: None,
            steps: 5,
            outcome: Some(Outcome::Completed),
            pain_before: None,
            pain_after: None,
            note: None,
            dose: Vec::new(),
        }
    }

    pub fn dose(mut self, d: Vec<crate::core::progression::StepDose>) -> Self {
        self.dose = d;
        self
    }

    pub fn outcome(mut self, o: Option<Outcome>) -> Self {
        self.outcome = o;
        self
    }

    pub fn pain(mut self, before: Option<u8>, after: Option<u8>) -> Self {
        self.pain_before = before;
        self.pain_after = after;
        self
    }

    pub fn steps(mut self, n: usize) -> Self {
        self.steps = n;
        self
    }

    pub fn variant(mut self, v: &str) -> Self {
        self.variant = Some(v.to_string());
        self
    }

    pub fn note(mut self, n: &str) -> Self {
        self.note = Some(n.to_string());
        self
    }

    pub fn lines(&self) -> Vec<LogLine> {
        let mut rec = Recorder::with_session_id(self.routine.clone(), self.session.clone());
        let mut at = self.start;
        let mut out = vec![rec.stamp(
            Event::SessionStarted {
                side: Some(Side::Left),
                variant: self.variant.clone(),
                pain_before: self.pain_before,
                // As in logs from before the plan's count was kept.
                steps_planned: None,
                dose: self.dose.clone(),
                prescription: None,
            },
            at,
        )];
        for i in 0..self.steps {
            at += Duration::seconds(90);
            out.push(rec.stamp(
                Event::StepDone {
                    index: i,
                    step: format!("step-{i}"),
                    side: Some(Side::Left),
                    reps_done: 5,
                    reps_planned: 5,
                    status: StepStatus::Done,
                    held_ms: None,
                },
                at,
            ));
        }
        if let Some(outcome) = self.outcome {
            at += Duration::seconds(5);
            out.push(rec.stamp(
                Event::SessionEnded {
                    outcome,
                    active_ms: 90_000 * self.steps as u64,
                    paused_ms: 0,
                },
                at,
            ));
            if self.pain_after.is_some() || self.note.is_some() {
                at += Duration::seconds(20);
                out.push(rec.stamp(
                    Event::Feedback {
                        pain_after: self.pain_after,
                        note: self.note.clone(),
                    },
                    at,
                ));
            }
        }
        out
    }
}

/// A tiny deterministic generator (xorshift), so no `rand` dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// `sessions` sessions of two routines, a few a day, ending on `last_day`
/// in UTC+1: mostly completed, some stopped, abandoned or interrupted, with
/// pain falling slowly. About 4 sessions a day, so 15,000 is ten years.
pub fn years(sessions: usize, last_day: NaiveDate, seed: u64) -> Vec<LogLine> {
    let stretch = routine_ref("piriformis-stretch", 1);
    let massage = routine_ref("piriformis-massage", 1);
    let tz = FixedOffset::east_opt(3600).expect("valid offset");
    let days = sessions.div_ceil(4) as i64;
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(sessions * 8);
    let mut n = 0;
    for d in 0..days {
        let date = last_day - Duration::days(days - 1 - d);
        for slot in 0..4u32 {
            if n == sessions {
                break;
            }
            n += 1;
            let (routine, hour) = match slot {
                0 => (&massage, 7),
                s => (&stretch, 8 + 4 * s),
            };
            let start = tz
                .from_local_datetime(
                    &date
                        .and_hms_opt(hour, rng.below(50) as u32, 0)
                        .expect("time"),
                )
                .single()
                .expect("fixed offset");
            let roll = rng.below(100);
            let outcome = match roll {
                0..=79 => Some(Outcome::Completed),
                80..=86 => Some(Outcome::Stopped(StopReason::Pain)),
                87..=90 => Some(Outcome::Stopped(StopReason::Other)),
                91..=95 => Some(Outcome::Abandoned),
                _ => None,
            };
            let base = (7 - (d * 6 / days.max(1))) as u8;
            let before = base.saturating_sub(rng.below(2) as u8);
            let after = before.saturating_sub(1 + rng.below(2) as u8);
            let spec = Spec::new(routine, &format!("s{n:06}"), start)
                .outcome(outcome)
                .steps(if outcome == Some(Outcome::Completed) {
                    5
                } else {
                    2
                })
                .pain(Some(before), Some(after));
            out.extend(spec.lines());
        }
    }
    out
}

/// Targets matching the built-in routines: stretch 3 a day; massage 3 a day
/// in courses of 12 with 30 days' pause.
pub fn demo_targets() -> Vec<crate::core::progress::Target> {
    use crate::core::progress::Target;
    use crate::core::routine::Course;
    vec![
        Target {
            routine_id: "piriformis-stretch".into(),
            name: "stretch".into(),
            times_per_day: 3,
            course: None,
        },
        Target {
            routine_id: "piriformis-massage".into(),
            name: "massage".into(),
            times_per_day: 3,
            course: Some(Course {
                sessions: 12,
                count: crate::core::routine::CourseCount::Sessions,
                pause_days: 30,
            }),
        },
    ]
}

/// Six weeks of a plausible patient up to `today` (morning of), in UTC+1:
/// stretches most days (a few missed, one stopped for pain, one with a
/// note that needs CSV quoting), a massage course of 12 finished 40 days
/// ago, a pause, and 5 sessions into the next course, one interrupted.
pub fn demo(today: NaiveDate) -> Vec<LogLine> {
    let tz = FixedOffset::east_opt(3600).expect("valid offset");
    let stretch = routine_ref("piriformis-stretch", 1);
    let stretch2 = routine_ref("piriformis-stretch", 2);
    let massage = routine_ref("piriformis-massage", 1);
    let at = |d: NaiveDate, h: u32, m: u32| {
        tz.from_local_datetime(&d.and_hms_opt(h, m, 0).expect("time"))
            .single()
            .expect("fixed offset")
    };
    let mut rng = Rng::new(42);
    let mut out = Vec::new();
    let mut n = 0;
    let mut id = || {
        n += 1;
        format!("demo{n:03}")
    };
    for back in (0..42i64).rev() {
        let d = today - Duration::days(back);
        let base = 3 + (back / 7) as u8;
        let per_day = match back {
            0 => 2,
            b if b % 9 == 4 => 2,
            17 => 0,
            _ => 3,
        };
        for k in 0..per_day {
            let r = if back < 20 { &stretch2 } else { &stretch };
            let before = base.saturating_sub(rng.below(2) as u8);
            let mut spec = Spec::new(r, &id(), at(d, 8 + 5 * k, rng.below(40) as u32))
                .pain(Some(before), Some(before.saturating_sub(2)));
            if back == 11 && k == 1 {
                spec = spec
                    .outcome(Some(Outcome::Stopped(StopReason::Pain)))
                    .steps(2)
                    .pain(Some(before), Some(before + 2))
                    .note("sharp pain in the \"knee across\" step, stopped");
            }
            if back == 3 && k == 0 {
                spec = spec.note("easier today, left side, less tight");
            }
            out.extend(spec.lines());
        }
        // Course 1: 40..=37 days ago; course 2 from 6 days ago.
        let massages = match back {
            37..=40 => 3,
            1..=6 if back != 3 => 1,
            _ => 0,
        };
        for k in 0..massages {
            let spec = Spec::new(&massage, &id(), at(d, 10 + 4 * k, 0))
                .steps(6)
                .pain(Some(base + 1), Some(base.saturating_sub(1)));
            out.extend(spec.lines());
        }
        if back == 2 {
            out.extend(
                Spec::new(&massage, &id(), at(d, 21, 0))
                    .variant("gentle")
                    .outcome(None)
                    .steps(3)
                    .lines(),
            );
        }
    }
    out
}
