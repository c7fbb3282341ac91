//! The questions a running session can ask, "why are you stopping?",
//! "quit?" and "pain during this step?", and what a key means while one is
//! open. The coach draws them as overlays and plain mode prints them, but
//! both answer here.

use crate::core::clock::Mono;
use crate::core::record::StopReason;
use crate::core::session::{Command, Effect, Session, State};

use super::keymap::{Action, Ctx};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    /// Why the session stops; `selected` 0 is pain, 1 anything else.
    Stop { selected: usize },
    /// Quit now; the session is kept as not finished.
    Quit,
    /// Pain during side `entry` (of the plan's entries) of a step with
    /// `ask_pain`, 0-10; `keep` is the score Enter keeps ("no change"):
    /// the last one of this session, else pain before.
    StepPain { entry: usize, keep: Option<u8> },
}

/// What a key during a session asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKey {
    Command(Command),
    Ask(Question),
}

/// What an answer to a question leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Still open, perhaps with another choice selected.
    Asking(Question),
    /// Closed without an answer: the session carries on.
    Dismissed,
    Stop(StopReason),
    /// Leave: the session ends as abandoned.
    Quit,
    /// Pain during the step: `kept` when Enter kept the previous score.
    Pain {
        pain: u8,
        kept: bool,
    },
    /// Do the step again (Back): it asks again when it ends.
    Redo,
}

/// What `action` means in a running session with no question open.
pub fn session_key(action: Action) -> Option<SessionKey> {
    Some(match action {
        Action::TogglePause => SessionKey::Command(Command::TogglePause),
        Action::Next => SessionKey::Command(Command::Next),
        Action::Prev => SessionKey::Command(Command::Back),
        Action::Confirm => SessionKey::Command(Command::Ready),
        Action::Stop => SessionKey::Ask(Question::Stop { selected: 0 }),
        Action::Quit => SessionKey::Ask(Question::Quit),
        _ => return None,
    })
}

/// Pauses `session` while a question (or help) is open over it, so no
/// countdown, cue or bell goes on behind the question. True when it was
/// running: [`resume_after`] then starts it again.
pub fn hold(session: &mut Session, now: Mono) -> (bool, Vec<Effect>) {
    if matches!(session.state(), State::Running { .. }) {
        (true, session.update(Command::Pause, now))
    } else {
        (false, Vec::new())
    }
}

/// The question closed without ending the session: resume what [`hold`]
/// paused, and only that.
pub fn resume_after(session: &mut Session, held: bool, now: Mono) -> Vec<Effect> {
    if held && matches!(session.state(), State::Paused { .. }) {
        session.update(Command::Resume, now)
    } else {
        Vec::new()
    }
}

impl Question {
    /// The key bindings that apply while this question is open.
    pub fn ctx(self) -> Ctx {
        match self {
            Question::Stop { .. } => Ctx::StopReason,
            Question::Quit => Ctx::ConfirmQuit,
            Question::StepPain { .. } => Ctx::StepPain,
        }
    }

    pub fn answer(self, action: Action) -> Reply {
        match (self, action) {
            (Question::Stop { .. }, Action::Up) => Reply::Asking(Question::Stop { selected: 0 }),
            (Question::Stop { .. }, Action::Down) => Reply::Asking(Question::Stop { selected: 1 }),
            (Question::Stop { selected: 0 }, Action::Confirm)
            | (Question::Stop { .. }, Action::StopPain) => Reply::Stop(StopReason::Pain),
            (Question::Stop { .. }, Action::Confirm | Action::StopOther) => {
                Reply::Stop(StopReason::Other)
            }
            (Question::Quit, Action::Yes) => Reply::Quit,
            (Question::StepPain { .. }, Action::Pain(pain)) => Reply::Pain {
                pain: pain.min(10),
                kept: false,
            },
            // Enter: no change, unless there is nothing to keep.
            (Question::StepPain { keep, .. }, Action::Confirm) => match keep {
                Some(pain) => Reply::Pain { pain, kept: true },
                None => Reply::Dismissed,
            },
            (Question::StepPain { .. }, Action::Prev) => Reply::Redo,
            // Stopping for pain is one key away, as in the session.
            (Question::StepPain { .. }, Action::Stop) => {
                Reply::Asking(Question::Stop { selected: 0 })
            }
            (_, Action::Back | Action::No) => Reply::Dismissed,
            (q, _) => Reply::Asking(q),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stop_question_takes_a_reason_by_key_or_by_selection() {
        let q = Question::Stop { selected: 0 };
        assert_eq!(q.answer(Action::StopPain), Reply::Stop(StopReason::Pain));
        assert_eq!(q.answer(Action::StopOther), Reply::Stop(StopReason::Other));
        assert_eq!(q.answer(Action::Confirm), Reply::Stop(StopReason::Pain));
        let Reply::Asking(down) = q.answer(Action::Down) else {
            panic!("Down moves the selection");
        };
        assert_eq!(down.answer(Action::Confirm), Reply::Stop(StopReason::Other));
        assert_eq!(q.answer(Action::Back), Reply::Dismissed);
        assert_eq!(q.answer(Action::Yes), Reply::Asking(q));
    }

    #[test]
    fn the_quit_question_takes_yes_or_no() {
        let q = Question::Quit;
        assert_eq!(q.answer(Action::Yes), Reply::Quit);
        assert_eq!(q.answer(Action::No), Reply::Dismissed);
        assert_eq!(q.answer(Action::Back), Reply::Dismissed);
        assert_eq!(q.answer(Action::StopPain), Reply::Asking(q));
    }

    #[test]
    fn the_pain_question_takes_a_score_keeps_the_last_or_skips() {
        let q = Question::StepPain {
            entry: 0,
            keep: Some(3),
        };
        let typed = Reply::Pain {
            pain: 7,
            kept: false,
        };
        assert_eq!(q.answer(Action::Pain(7)), typed);
        let kept = Reply::Pain {
            pain: 3,
            kept: true,
        };
        assert_eq!(q.answer(Action::Confirm), kept);
        let nothing = Question::StepPain {
            entry: 0,
            keep: None,
        };
        assert_eq!(nothing.answer(Action::Confirm), Reply::Dismissed);
        assert_eq!(q.answer(Action::Back), Reply::Dismissed);
        assert_eq!(q.answer(Action::Prev), Reply::Redo);
        assert_eq!(
            q.answer(Action::Stop),
            Reply::Asking(Question::Stop { selected: 0 })
        );
        assert_eq!(q.answer(Action::Yes), Reply::Asking(q));
    }
}
