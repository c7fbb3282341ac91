//! A measure that is due, asked from home (`m`): PSFS names its 3-5
//! activities the first time and rates each 0-10 (one key each); sitting
//! tolerance is typed in minutes; usual pain is one key; the red flags are
//! y or n each, and a yes shows the same-day advice at once and keeps it,
//! whole, on screen until the patient leaves. Esc before the end leaves
//! without saving (the measure stays due).

use crate::core::outcome::vet::{ACTIVITY_MAX, PSFS_MAX, PSFS_MIN, SITTING_MAX};
use crate::core::outcome::{Measure, MeasureKind, PsfsItem, RedFlag, RedFlagAnswer};
use crate::shell::keymap::{Action, Ctx};

use super::home::Home;
use super::line_edit::LineEdit;
use super::{Out, Screen, Shared, Transition};

/// What the screen asks now.
pub enum Asking {
    /// PSFS, the first time: the activities, one line each.
    Activities { named: Vec<String>, edit: LineEdit },
    /// A 0-10 score for each item (PSFS's activities, or usual pain).
    Scores {
        items: Vec<String>,
        scores: Vec<Option<u8>>,
        at: usize,
    },
    /// Minutes, typed.
    Minutes { edit: LineEdit },
    /// The red flags, yes or no each, in `RedFlag::ALL` order.
    Flags { answers: Vec<RedFlagAnswer> },
}

pub struct MeasureScreen {
    pub kind: MeasureKind,
    pub step: Asking,
    /// A red flag was answered yes: the advice stays on screen.
    pub urgent: bool,
}

impl MeasureScreen {
    /// The screen for `kind`, with PSFS's `activities` from earlier answers.
    pub fn new(kind: MeasureKind, activities: &[String]) -> MeasureScreen {
        let step = match kind {
            MeasureKind::Psfs if activities.is_empty() => Asking::Activities {
                named: Vec::new(),
                edit: LineEdit::default(),
            },
            MeasureKind::Psfs => scores(activities.to_vec()),
            MeasureKind::UsualPain => scores(vec![String::new()]),
            MeasureKind::Sitting => Asking::Minutes {
                edit: LineEdit::default(),
            },
            MeasureKind::RedFlags => Asking::Flags {
                answers: Vec::new(),
            },
        };
        MeasureScreen {
            kind,
            step,
            urgent: false,
        }
    }

    pub fn ctx(&self) -> Ctx {
        match self.step {
            Asking::Activities { .. } | Asking::Minutes { .. } => Ctx::MeasureText,
            Asking::Scores { .. } => Ctx::MeasureScore,
            Asking::Flags { .. } => Ctx::MeasureYesNo,
        }
    }

    pub fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        if action == Action::Back {
            return self.leave(shared);
        }
        let mut scored = false;
        let done = match &mut self.step {
            Asking::Activities { named, edit } => match action {
                Action::Char(c) => {
                    edit.insert(c, ACTIVITY_MAX);
                    None
                }
                Action::Backspace => {
                    edit.backspace();
                    None
                }
                Action::Confirm if edit.text().trim().is_empty() => {
                    if named.len() >= PSFS_MIN {
                        self.step = scores(std::mem::take(named));
                    }
                    None
                }
                Action::Confirm => {
                    named.push(edit.take().trim().to_string());
                    if named.len() == PSFS_MAX {
                        self.step = scores(std::mem::take(named));
                    }
                    None
                }
                _ => None,
            },
            Asking::Scores { items, scores, at } => match action {
                Action::Pain(_) | Action::Confirm if *at < items.len() => {
                    if let Action::Pain(n) = action {
                        scores[*at] = Some(n);
                    }
                    *at += 1;
                    scored = *at == items.len();
                    None
                }
                _ => None,
            },
            Asking::Minutes { edit } => match action {
                Action::Char(c) if c.is_ascii_digit() && edit.text().len() < 4 => {
                    edit.insert(c, 4);
                    None
                }
                Action::Backspace => {
                    edit.backspace();
                    None
                }
                Action::Confirm => match edit.text().parse::<u32>() {
                    Ok(minutes) if minutes <= SITTING_MAX => {
                        Some(Some(Measure::Sitting { minutes }))
                    }
                    Err(_) if edit.is_empty() => Some(None),
                    _ => None,
                },
                _ => None,
            },
            // Every sign answered, one yes: the advice is read before leaving.
            Asking::Flags { answers } if answers.len() == RedFlag::ALL.len() => {
                return self.leave(shared);
            }
            Asking::Flags { answers } => match action {
                Action::Yes | Action::No => {
                    let flag = RedFlag::ALL[answers.len()];
                    let yes = action == Action::Yes;
                    answers.push(RedFlagAnswer { flag, yes });
                    self.urgent |= yes;
                    (answers.len() == RedFlag::ALL.len()).then(|| {
                        Some(Measure::RedFlags {
                            answers: answers.clone(),
                        })
                    })
                }
                _ => None,
            },
        };
        let done = if scored {
            Some(self.finished_scores())
        } else {
            done
        };
        match done {
            None => Transition::stay(),
            Some(measure) => {
                shared.asked.due.retain(|&k| k != self.kind);
                let mut out = Vec::new();
                if let Some(m) = measure {
                    out.push(Out::SaveAnswer(m));
                }
                // A yes keeps the same-day advice on screen, whole, until
                // the patient leaves it; the answers are saved already.
                let go = (!self.urgent).then(|| Screen::Home(Home::default()));
                Transition {
                    out,
                    go,
                    open: None,
                }
            }
        }
    }

    /// Back to home; after a yes, the advice stays there as the notice.
    fn leave(&self, shared: &mut Shared) -> Transition {
        if self.urgent {
            let o = crate::i18n::outcome::outcome(shared.lang);
            shared.notice = Some(o.red_flag_urgent.clone());
        }
        Transition::go(Screen::Home(Home::default()))
    }

    /// The measure the scores make; `None` when every one was skipped.
    fn finished_scores(&self) -> Option<Measure> {
        let Asking::Scores { items, scores, .. } = &self.step else {
            return None;
        };
        match self.kind {
            MeasureKind::UsualPain => scores[0].map(|pain| Measure::UsualPain { pain }),
            _ => Some(Measure::Psfs {
                items: items
                    .iter()
                    .zip(scores)
                    .map(|(activity, score)| PsfsItem {
                        activity: activity.clone(),
                        score: *score,
                    })
                    .collect(),
            }),
        }
    }
}

fn scores(items: Vec<String>) -> Asking {
    let n = items.len();
    Asking::Scores {
        items,
        scores: vec![None; n],
        at: 0,
    }
}

/// Home's `m`: the first measure due, if any.
pub fn open(shared: &Shared) -> Transition {
    match shared.asked.due.first() {
        Some(&kind) => Transition::go(Screen::Measure(Box::new(MeasureScreen::new(
            kind,
            &shared.asked.activities,
        )))),
        None => Transition::stay(),
    }
}
