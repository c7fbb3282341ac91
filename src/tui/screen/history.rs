//! The history screen of one routine: its figures, prepared once from
//! the log when the screen opens, and which session is selected. Drawn by
//! `tui::view::history`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::core::progress::{RoutineProgress, SessionSummary, Target, progress};
use crate::core::routine::Routine;
use crate::i18n::{Lang, Words};
use crate::shell::keymap::Action;

use super::{Out, Shared, Transition};

/// Sessions one PageUp/PageDown moves in the list.
const PAGE: usize = 10;

/// Days the pain chart can span, ending today; `d` goes round them.
pub const PAIN_SPANS: [i64; 3] = [30, 90, 365];

/// Days the pain chart spans when the screen opens.
pub const PAIN_DAYS: i64 = PAIN_SPANS[0];

pub struct HistoryScreen {
    /// The routine whose home entry to return to.
    pub routine: String,
    pub view: HistoryView,
    pub state: HistoryState,
}

impl HistoryScreen {
    pub fn update(&mut self, action: Action, shared: &Shared) -> Transition {
        let (view, state) = (&self.view, &mut self.state);
        match action {
            Action::Up => state.select_previous(),
            Action::Down => state.select_next(view),
            Action::PageUp => state.page_up(PAGE),
            Action::PageDown => state.page_down(view, PAGE),
            Action::First => state.select_first(),
            Action::Last => state.select_last(view),
            Action::ChartSpan => {
                let at = PAIN_SPANS.iter().position(|&d| d == view.days).unwrap_or(0);
                self.view.days = PAIN_SPANS[(at + 1) % PAIN_SPANS.len()];
            }
            // The next routine's sessions are the shell's to read.
            Action::NextRoutine => {
                let routines = &shared.library.routines;
                let at = routines.iter().position(|l| l.routine.id == self.routine);
                let next = at.map_or(0, |i| (i + 1) % routines.len());
                if let Some(l) = routines.get(next).filter(|l| l.routine.id != self.routine) {
                    return Transition::out(vec![Out::LoadSessions(l.routine.id.clone())]);
                }
            }
            Action::Back => return Transition::go(shared.home_at(&self.routine)),
            _ => {}
        }
        Transition::stay()
    }
}

/// Everything the screen shows, prepared once from the log.
#[derive(Clone, Debug)]
pub struct HistoryView {
    pub title: String,
    pub today: NaiveDate,
    pub progress: RoutineProgress,
    /// Days the pain chart spans, ending today: one of [`PAIN_SPANS`].
    pub days: i64,
    /// This routine's sessions, newest first.
    pub sessions: Vec<SessionSummary>,
    /// The language the screen speaks.
    pub words: Words,
    /// Step titles by step id, in the routine's language, for the detail
    /// pane; an id the routine no longer has is shown as it is.
    pub step_titles: HashMap<String, String>,
}

impl HistoryView {
    /// The view of `target`'s routine (titled `title`) as of `today`, in
    /// `lang`.
    pub fn new(
        sessions: &[SessionSummary],
        target: &Target,
        title: &str,
        today: NaiveDate,
        lang: Lang,
    ) -> Self {
        let mut mine: Vec<SessionSummary> = sessions
            .iter()
            .filter(|s| s.routine.id == target.routine_id)
            .cloned()
            .collect();
        mine.reverse();
        HistoryView {
            title: title.to_string(),
            today,
            progress: progress(sessions, target, today),
            days: PAIN_DAYS,
            sessions: mine,
            words: Words::new(lang),
            step_titles: HashMap::new(),
        }
    }

    /// Names the steps by their titles in `routine` (and its variants).
    pub fn with_steps(mut self, routine: &Routine) -> Self {
        let variant_steps = routine.variants.iter().flat_map(|v| v.steps.iter());
        for step in routine.steps.iter().chain(variant_steps) {
            self.step_titles
                .entry(step.id.clone())
                .or_insert_with(|| step.title.clone());
        }
        self
    }
}

/// Which session is selected, and the first one shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HistoryState {
    pub selected: usize,
    /// Updated while rendering, to keep the selection in sight.
    pub offset: usize,
}

impl HistoryState {
    pub fn select_next(&mut self, view: &HistoryView) {
        self.selected = (self.selected + 1).min(view.sessions.len().saturating_sub(1));
    }

    pub fn select_previous(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn page_down(&mut self, view: &HistoryView, rows: usize) {
        self.selected = (self.selected + rows.max(1)).min(view.sessions.len().saturating_sub(1));
    }

    pub fn page_up(&mut self, rows: usize) {
        self.selected = self.selected.saturating_sub(rows.max(1));
    }

    pub fn select_first(&mut self) {
        self.selected = 0;
    }

    pub fn select_last(&mut self, view: &HistoryView) {
        self.selected = view.sessions.len().saturating_sub(1);
    }
}
