//! A prescription: the routines a physiotherapist signed for one patient,
//! as the file `prescription.ron` holds them, and what a new version
//! changes ([`diff`]). Pure: the signature, the archive and the files are
//! the store's.
//!
//! The routines and poses are kept as the text of their own files, so each
//! is read by the routine (or pose) parser a file would be, with its
//! diagnostics, and a physiotherapist can read the payload as it is.

pub mod diff;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::diagnostic::Diagnostic;
use super::parse::parse_routine_with;
use super::pose::{Catalog, check_names, parse_pose};
use super::ron_spans::Pos;
use super::routine::{Routine, Side, valid_id};

/// The payload's name inside the archive.
pub const PAYLOAD: &str = "prescription.ron";
/// The signature's name inside the archive (minisign's own naming).
pub const SIGNATURE: &str = "prescription.ron.minisig";
/// The payload format this limber writes and reads.
pub const FORMAT: u32 = 1;
/// A payload is a handful of routines; anything bigger is a mistake or an attack.
pub const MAX_PAYLOAD: usize = 4 * 1024 * 1024;
/// A minisign signature file is a few hundred bytes.
pub const MAX_SIGNATURE: usize = 4 * 1024;
pub const MAX_ROUTINES: usize = 32;
pub const MAX_POSES: usize = 128;
/// The patient's label, the physiotherapist's name and contact: one line each.
pub const MAX_LABEL: usize = 200;

/// Which prescription, and which version of it, a session ran under.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PrescriptionRef {
    pub id: String,
    pub version: u32,
}

/// A routine's prescription: which version, and who signed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prescribed {
    pub rx: PrescriptionRef,
    pub physio: Physio,
}

/// Who prescribed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Physio {
    pub name: String,
    #[serde(default)]
    pub contact: String,
}

/// `prescription.ron` as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    pub format: u32,
    /// The same for every version of one patient's prescription.
    pub id: String,
    /// Rises with each new version.
    pub version: u32,
    pub patient: String,
    pub physio: Physio,
    /// The affected leg, when the physiotherapist set it.
    #[serde(default)]
    pub side: Option<Side>,
    /// The day it starts.
    pub starts: NaiveDate,
    /// The signer's public key (minisign's base64 line, what `minisign -P`
    /// takes): what a patient pins on first use, after comparing its
    /// fingerprint. Signed with the rest, so it cannot be swapped.
    pub key: String,
    /// Each routine as the text of its `.ron` file.
    pub routines: Vec<String>,
    /// Each pose the routines name that is not built in, as the text of its file.
    #[serde(default)]
    pub poses: Vec<String>,
}

/// A payload read and checked: its routines parsed and validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Prescription {
    pub payload: Payload,
    pub routines: Vec<Routine>,
    /// The built-in poses and the payload's own.
    pub poses: Catalog,
}

impl Prescription {
    pub fn reference(&self) -> PrescriptionRef {
        PrescriptionRef {
            id: self.payload.id.clone(),
            version: self.payload.version,
        }
    }
}

/// Where a problem is: the payload itself, or one routine or pose in it
/// (counted from 1), with that text's diagnostics.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Payload,
    Routine(usize),
    Pose(usize),
}

/// A problem of a payload, with the text its position is in.
#[derive(Clone, Debug, PartialEq)]
pub struct PayloadProblem {
    pub part: Part,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

fn one_line(s: &str) -> bool {
    s.chars().count() <= MAX_LABEL && !s.chars().any(char::is_control)
}

/// The payload as written: pretty RON, routines and poses as raw strings.
pub fn write(payload: &Payload) -> String {
    let config = ron::ser::PrettyConfig::new().escape_strings(false);
    let mut text = ron::ser::to_string_pretty(payload, config).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads `bytes` as a payload and checks every routine in it, as the
/// routine parser checks a file, against `builtin` poses and the payload's
/// own. Every problem is returned, each with the text it is in.
pub fn parse(bytes: &[u8], builtin: &Catalog) -> Result<Prescription, Vec<PayloadProblem>> {
    check(read(bytes)?, builtin)
}

/// Where a problem of no particular place is put: the text's start.
const START: Pos = Pos { line: 1, col: 1 };

/// A problem of the payload as a whole, not of a place in its text.
fn whole(message: String) -> Vec<PayloadProblem> {
    vec![PayloadProblem {
        part: Part::Payload,
        source: String::new(),
        diagnostics: vec![Diagnostic::new(START, message)],
    }]
}

/// The payload's fields, its routines not yet read: enough to know which
/// key signed it.
pub fn read(bytes: &[u8]) -> Result<Payload, Vec<PayloadProblem>> {
    if bytes.len() > MAX_PAYLOAD {
        return Err(whole(format!(
            "the payload is {} bytes; at most {MAX_PAYLOAD} are read",
            bytes.len()
        )));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(whole("the payload is not valid UTF-8 text".into()));
    };
    let payload: Payload = match super::parse::ron_options().from_str(text) {
        Ok(p) => p,
        Err(e) => {
            return Err(vec![PayloadProblem {
                part: Part::Payload,
                source: text.to_string(),
                diagnostics: vec![super::parse::from_ron(&e, text)],
            }]);
        }
    };
    Ok(payload)
}

/// The payload's fields checked and its routines and poses read, each by
/// the parser its own file would have.
pub fn check(payload: Payload, builtin: &Catalog) -> Result<Prescription, Vec<PayloadProblem>> {
    let mut problems = Vec::new();
    let mut bad = |m: String| problems.extend(whole(m));
    if payload.format != FORMAT {
        bad(format!(
            "format {} is not one this limber reads ({FORMAT})",
            payload.format
        ));
    }
    if !valid_id(&payload.id) {
        bad(format!("`{}` is not a valid prescription id", payload.id));
    }
    if payload.version == 0 {
        bad("versions start at 1".into());
    }
    for (what, s) in [
        ("patient", &payload.patient),
        ("physio name", &payload.physio.name),
        ("physio contact", &payload.physio.contact),
    ] {
        if !one_line(s) {
            bad(format!(
                "the {what} must be one line of at most {MAX_LABEL} characters"
            ));
        }
    }
    if payload.routines.is_empty() || payload.routines.len() > MAX_ROUTINES {
        bad(format!(
            "1 to {MAX_ROUTINES} routines, not {}",
            payload.routines.len()
        ));
    }
    if payload.poses.len() > MAX_POSES {
        bad(format!(
            "at most {MAX_POSES} poses, not {}",
            payload.poses.len()
        ));
    }
    let mut poses = builtin.clone();
    for (i, text) in payload.poses.iter().take(MAX_POSES).enumerate() {
        match parse_pose(text.as_bytes()) {
            Ok(p) => poses.insert(p),
            Err(diagnostics) => problems.push(PayloadProblem {
                part: Part::Pose(i + 1),
                source: text.clone(),
                diagnostics,
            }),
        }
    }
    let mut routines: Vec<Routine> = Vec::new();
    for (i, text) in payload.routines.iter().take(MAX_ROUTINES).enumerate() {
        let parsed = parse_routine_with(text.as_bytes(), |r, t| check_names(r, t, &poses));
        match parsed {
            Ok(r) if routines.iter().any(|o| o.id == r.id) => problems.push(PayloadProblem {
                part: Part::Routine(i + 1),
                source: text.clone(),
                diagnostics: vec![Diagnostic::new(
                    START,
                    format!("a second routine `{}`", r.id),
                )],
            }),
            Ok(r) => routines.push(r),
            Err(diagnostics) => problems.push(PayloadProblem {
                part: Part::Routine(i + 1),
                source: text.clone(),
                diagnostics,
            }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Prescription {
        payload,
        routines,
        poses,
    })
}

/// A routine as the text of its file, for the payload: what the routine
/// parser reads back as the same routine.
pub fn routine_text(routine: &Routine) -> String {
    let config = ron::ser::PrettyConfig::new().escape_strings(false);
    ron::ser::to_string_pretty(routine, config).unwrap_or_default()
}
