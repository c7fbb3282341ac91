//! Whole journeys of the real binary in a pseudo-terminal: keys, signals,
//! suspend, reload and crashes.

mod ask_pain;
mod checkin;
mod clinical;
mod crash;
mod immutable;
mod journeys;
mod reload;
mod signals;
mod suspend;
mod trust;
