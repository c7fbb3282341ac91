//! How big a routine may get, in one place.
//!
//! A file of under a megabyte can describe a session of hundreds of millions
//! of phases (200 reps of 30,000 beats, 20 sets, both sides), which no one
//! would do and no machine can hold. `validate` reports each limit at the
//! value that breaks it; `plan::expand` refuses a plan over the plan limits
//! before building it, for callers that skip validation. Every limit is far
//! above anything clinical; `docs/ROUTINE_FORMAT.md` gives the reasons.

use std::time::Duration;

/// Beats in one rep's `tempo`. The built-in reps have two (push, relax); a
/// slow count such as in, hold, out, rest has four.
pub const MAX_BEATS: usize = 16;

/// Repetitions in a set of a `Reps` step. The built-ins do 5 to 10.
pub const MAX_COUNT: u32 = 200;

/// Holds in a set of a `Hold` step. The built-ins hold 1 to 3 times.
pub const MAX_HOLD_REPS: u32 = 100;

/// Sets of a `Hold` or `Reps` step. The built-ins do one.
pub const MAX_SETS: u32 = 20;

/// Steps in a routine, and in each of its variants. The built-ins have 5.
pub const MAX_STEPS: usize = 100;

/// Phases of one session: every get-ready, hold, rest, beat and pause is
/// one, held in memory while the session runs. The built-ins have at most
/// 68; the limit keeps a plan to a few megabytes.
pub const MAX_PHASES: usize = 10_000;

/// Planned length of one session, waits for the patient not counted. The
/// built-ins last 9 to 21 minutes; a session over four hours is a typing
/// mistake, such as `"30m"` meant as `"30s"`.
pub const MAX_SESSION: Duration = Duration::from_secs(4 * 60 * 60);

/// Days a progression rule may wait between raises (`every_days`): a
/// review a quarter apart is the longest a rule is meant for.
pub const MAX_EVERY_DAYS: u32 = 90;

/// Sessions a raise may ask for in its window: twelve a day for the
/// longest window is already far past any schedule.
pub const MAX_WINDOW_SESSIONS: u32 = 12 * MAX_EVERY_DAYS;
