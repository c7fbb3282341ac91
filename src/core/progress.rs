//! Progress rules: from log lines to sessions, daily targets, courses,
//! streaks, adherence and the pain trend. Pure: the caller passes `today`.
//!
//! The rules, in one place:
//! - A session belongs to the **local date it started**, in the UTC offset
//!   recorded with it. A session at 23:30 in Berlin counts for that Berlin
//!   day even if read later in Tokyo, and DST changes move nothing.
//! - **Only completed sessions count** toward daily targets, courses and
//!   streaks. Stopped, abandoned and interrupted ones are listed, not counted.
//! - A session without `SessionEnded` (crash, kill -9, power loss) is
//!   *interrupted*, with the steps it logged.
//! - A course counts completed sessions or days toward a goal that is not
//!   a wall: it goes on past the goal and ends after its last session,
//!   then pauses. The course rules are in full in `course`'s module doc.
//! - Days inside a course pause have no target: they neither extend nor
//!   break a streak, and adherence leaves them out.
//! - A day *meets the target* with at least `times_per_day` completed
//!   sessions; a day *with a session* has at least one. Streaks count days
//!   with a session (two of three sessions a day keeps a streak); the
//!   current one counts back from today, or from yesterday while today has
//!   none yet (the day is not over). Adherence gives both day counts.
//! - Adherence over the last N days is completed / target, where each day's
//!   completed count is capped at its target (three sessions on Monday do
//!   not make up for none on Tuesday) and the window starts no earlier than
//!   the first session ever logged for the routine (a new user is not 0%).
//! - The pain trend averages, per local day, the pain recorded before and
//!   after sessions of every outcome: a session stopped for pain is exactly
//!   what a physiotherapist wants to see.

mod course;
pub mod merge;
mod summary;

pub use course::*;
pub use summary::*;
