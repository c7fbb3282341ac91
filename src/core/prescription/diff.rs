//! What a new version of a prescription changes, as data the commands put
//! in words: routines and steps added or removed, doses, schedules, pain
//! rules, the side, the start, who prescribed it and for whom.

use chrono::NaiveDate;

use super::Prescription;
use crate::core::routine::{Kind, PainRules, Routine, Schedule, Side, Step};

#[derive(Clone, Debug, PartialEq)]
pub enum Amendment {
    Patient {
        before: String,
        after: String,
    },
    Physio {
        before: String,
        after: String,
    },
    Side {
        before: Option<Side>,
        after: Option<Side>,
    },
    Starts {
        before: NaiveDate,
        after: NaiveDate,
    },
    RoutineAdded {
        routine: String,
    },
    RoutineRemoved {
        routine: String,
    },
    StepAdded {
        routine: String,
        step: String,
    },
    StepRemoved {
        routine: String,
        step: String,
    },
    /// The step's numbers: duration, holds, reps or sets.
    Dose {
        routine: String,
        step: String,
        before: Kind,
        after: Kind,
    },
    /// The step's words, sides, rests, picture or order.
    StepOther {
        routine: String,
        step: String,
    },
    Schedule {
        routine: String,
        before: Schedule,
        after: Schedule,
    },
    PainRules {
        routine: String,
        before: Option<PainRules>,
        after: Option<PainRules>,
    },
    /// Anything else of the routine: title, description, variants, safety notes.
    RoutineOther {
        routine: String,
    },
}

/// The changes from `old` (none for a first prescription) to `new`, in
/// the order a reader checks them: who and when, then each routine.
pub fn diff(old: Option<&Prescription>, new: &Prescription) -> Vec<Amendment> {
    let mut out = Vec::new();
    let Some(old) = old else {
        for r in &new.routines {
            out.push(Amendment::RoutineAdded {
                routine: r.title.clone(),
            });
        }
        return out;
    };
    let (a, b) = (&old.payload, &new.payload);
    if a.patient != b.patient {
        out.push(Amendment::Patient {
            before: a.patient.clone(),
            after: b.patient.clone(),
        });
    }
    if a.physio != b.physio {
        out.push(Amendment::Physio {
            before: a.physio.name.clone(),
            after: b.physio.name.clone(),
        });
    }
    if a.side != b.side {
        out.push(Amendment::Side {
            before: a.side,
            after: b.side,
        });
    }
    if a.starts != b.starts {
        out.push(Amendment::Starts {
            before: a.starts,
            after: b.starts,
        });
    }
    for r in &old.routines {
        if !new.routines.iter().any(|n| n.id == r.id) {
            out.push(Amendment::RoutineRemoved {
                routine: r.title.clone(),
            });
        }
    }
    for r in &new.routines {
        match old.routines.iter().find(|o| o.id == r.id) {
            None => out.push(Amendment::RoutineAdded {
                routine: r.title.clone(),
            }),
            Some(o) => routine(o, r, &mut out),
        }
    }
    out
}

fn routine(old: &Routine, new: &Routine, out: &mut Vec<Amendment>) {
    let name = || new.title.clone();
    for s in &old.steps {
        if !new.steps.iter().any(|n| n.id == s.id) {
            out.push(Amendment::StepRemoved {
                routine: name(),
                step: s.title.clone(),
            });
        }
    }
    for s in &new.steps {
        match old.steps.iter().find(|o| o.id == s.id) {
            None => out.push(Amendment::StepAdded {
                routine: name(),
                step: s.title.clone(),
            }),
            Some(o) => step(o, s, &name, out),
        }
    }
    if old.schedule != new.schedule {
        out.push(Amendment::Schedule {
            routine: name(),
            before: old.schedule.clone(),
            after: new.schedule.clone(),
        });
    }
    if old.pain != new.pain {
        out.push(Amendment::PainRules {
            routine: name(),
            before: old.pain.clone(),
            after: new.pain.clone(),
        });
    }
    // Whatever else differs, once, so no change goes unmentioned: the
    // routine's own words and variants, or the steps kept in a new order.
    let kept = |a: &Routine, b: &Routine| -> Vec<String> {
        a.steps
            .iter()
            .filter(|s| b.steps.iter().any(|t| t.id == s.id))
            .map(|s| s.id.clone())
            .collect()
    };
    let reordered = kept(old, new) != kept(new, old);
    let rest_differs = {
        let strip = |r: &Routine| {
            let mut r = r.clone();
            r.steps.clear();
            r.schedule = new.schedule.clone();
            r.pain = None;
            r
        };
        strip(old) != strip(new)
    };
    if rest_differs || reordered {
        out.push(Amendment::RoutineOther { routine: name() });
    }
}

fn step(old: &Step, new: &Step, name: &dyn Fn() -> String, out: &mut Vec<Amendment>) {
    if old.kind != new.kind {
        out.push(Amendment::Dose {
            routine: name(),
            step: new.title.clone(),
            before: old.kind.clone(),
            after: new.kind.clone(),
        });
    }
    let mut o = old.clone();
    o.kind = new.kind.clone();
    if o != *new {
        out.push(Amendment::StepOther {
            routine: name(),
            step: new.title.clone(),
        });
    }
}
