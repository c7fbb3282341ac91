//! Home: the routines, with where each stands today and when it is next
//! due; from here a session, a routine's history or the self-care notes.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::core::due::Due;
use crate::core::routine::Side;
use crate::shell::dues::Outlook;
use crate::shell::keymap::Action;

use super::care::Care;
use super::setup::Setup;
use super::{Out, Screen, Shared, Transition};

/// What the home screen shows for one routine, from the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub today: u32,
    /// Completed sessions in the current course.
    pub course_done: Option<u32>,
    /// Set while the pause after a completed course runs.
    pub next_course: Option<NaiveDate>,
    /// When the next session is due, from the schedule.
    pub next_due: Option<Due>,
    /// Set while a session now would be too soon after the last one
    /// (`core::due::too_soon`): when the routine's interval passes.
    pub too_soon: Option<DateTime<FixedOffset>>,
}

impl Stats {
    /// Home's figures from a routine's outlook: the one way they are made,
    /// in the coach and in its tests.
    pub fn from_outlook(outlook: &Outlook) -> Stats {
        let course = outlook.glance.course;
        Stats {
            today: outlook.glance.today_done,
            course_done: course.map(|c| c.done()),
            next_course: course.and_then(|c| c.next_start()),
            next_due: outlook.due,
            too_soon: outlook.too_soon,
        }
    }
}

#[derive(Default)]
pub struct Home {
    pub selected: usize,
}

impl Home {
    pub fn update(&mut self, action: Action, shared: &Shared) -> Transition {
        let routines = &shared.library.routines;
        let count = routines.len();
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down if count > 0 => self.selected = (self.selected + 1).min(count - 1),
            Action::History if self.selected < count => {
                let id = routines[self.selected].routine.id.clone();
                return Transition::out(vec![Out::LoadSessions(id)]);
            }
            Action::Measure => return super::measure::open(shared),
            Action::Care => {
                return Transition::go(Screen::Care(Care {
                    selected: self.selected,
                    scroll: 0,
                }));
            }
            Action::Confirm if self.selected < count => {
                return Transition::go(Screen::Setup(Setup {
                    routine: routines[self.selected].routine.id.clone(),
                    side: shared.settings.side.unwrap_or(Side::Left),
                    variant: 0,
                    pain: None,
                }));
            }
            _ => {}
        }
        Transition::stay()
    }
}
