//! Signed prescriptions on disk: the physiotherapist's key pair, the
//! archive a prescription travels in, the key a patient trusts, and the
//! prescription in force with the one before it. Data and typed errors;
//! the commands say what they mean.
//!
//! ```text
//! CONFIG/limber/key/limber.key   the secret key (minisign format), 0600
//! CONFIG/limber/key/limber.pub   the public key to give to patients
//! DATA/prescribed.json           the physiotherapist's side: id and version per patient
//! DATA/prescription/trusted.pub  the patient's side: the key trusted on first use
//! DATA/prescription/<id>-<v>/    each installed version: payload and signature
//! DATA/prescription/state.json   which is in force and which came before (written atomically)
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

use minisign::{KeyPair, PublicKey, PublicKeyBox, SecretKey, SecretKeyBox, SignatureBox};
use serde::{Deserialize, Serialize};

use super::atomic::write_atomically;
use super::private::{create_dir, write_new};
use super::routines::{Library, Loaded, Origin};
use super::safe_file::{ReadError, read_capped};
use crate::core::prescription::{
    self, MAX_PAYLOAD, MAX_SIGNATURE, PAYLOAD, PayloadProblem, Prescription, SIGNATURE,
};

/// An archive holds the two files and their headers: a little more than both.
pub const MAX_BUNDLE: usize = MAX_PAYLOAD + MAX_SIGNATURE + 16 * 1024;
const SECRET: &str = "limber.key";
const PUBLIC: &str = "limber.pub";
const TRUSTED: &str = "trusted.pub";
const STATE: &str = "state.json";
const LEDGER: &str = "prescribed.json";

#[derive(Debug, thiserror::Error)]
pub enum RxError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Not a tar archive, or one cut short or damaged.
    #[error("not a complete prescription archive: {0}")]
    Damaged(String),
    /// A tar archive, but not of exactly the payload and its signature.
    #[error("a prescription archive holds exactly {PAYLOAD} and {SIGNATURE}: {0}")]
    Entries(String),
    /// The signature file cannot be read as a minisign signature.
    #[error("the signature cannot be read: {0}")]
    SignatureFormat(String),
    /// The payload is not what was signed: changed after signing.
    #[error("the signature does not match the prescription: {0}")]
    BadSignature(String),
    /// Signed by another key than the one trusted.
    #[error("signed by key {signed}, not the trusted key {trusted}")]
    OtherKey { signed: String, trusted: String },
    /// Older than (or the same as) the version in force.
    #[error("version {offered} is older than version {installed}, in force")]
    Older { installed: u32, offered: u32 },
    #[error("version {0} is in force already")]
    Same(u32),
    #[error("the prescription's routines are not valid")]
    Invalid(Vec<PayloadProblem>),
    #[error("no key pair in {}", dir.display())]
    NoKey { dir: PathBuf },
    #[error("a key pair exists already in {}", dir.display())]
    KeyExists { dir: PathBuf },
    /// What minisign says about a key (a wrong password, a damaged file).
    #[error("{0}")]
    Key(String),
    #[error("no prescription is installed")]
    NoneInstalled,
    #[error("no previous prescription to return to")]
    NoPrevious,
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> RxError + '_ {
    move |source| RxError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn key_error(e: minisign::PError) -> RxError {
    RxError::Key(e.to_string())
}

/// A public key as patients see it: minisign's key id, 16 hex digits.
pub fn fingerprint(pk: &PublicKey) -> String {
    let mut n = [0u8; 8];
    n.copy_from_slice(&pk.keynum()[..8]);
    format!("{:016X}", u64::from_le_bytes(n))
}

/// A public key file's text (`untrusted comment:` line, then the key).
pub fn public_text(pk: &PublicKey) -> Result<String, RxError> {
    Ok(pk.to_box().map_err(key_error)?.into_string())
}

/// Reads a public key in either form minisign gives it: the file's text,
/// or the base64 line alone (what `minisign -P` takes).
pub fn parse_public(text: &str) -> Result<PublicKey, RxError> {
    let text = text.trim();
    let parsed = if text.contains('\n') {
        PublicKeyBox::from_string(text).and_then(PublicKeyBox::into_public_key)
    } else {
        PublicKey::from_base64(text)
    };
    parsed.map_err(key_error)
}

/// Makes a key pair in `dir` (created 0700): the secret key encrypted with
/// `password` (asked for on the terminal by minisign when `Some(None)`),
/// or unencrypted when `password` is `None`. Both files are new, 0600; an
/// existing key is never replaced.
pub fn new_key(dir: &Path, password: Option<Option<String>>) -> Result<PublicKey, RxError> {
    let secret = dir.join(SECRET);
    // A link there counts too: `write_new` would refuse it anyway.
    if fs::symlink_metadata(&secret).is_ok() {
        return Err(RxError::KeyExists {
            dir: dir.to_path_buf(),
        });
    }
    create_dir(dir).map_err(io_at(dir))?;
    let pair = match password {
        None => KeyPair::generate_unencrypted_keypair(),
        Some(p) => KeyPair::generate_encrypted_keypair(p),
    }
    .map_err(key_error)?;
    let sk = pair
        .sk
        .to_box(Some("limber secret key"))
        .map_err(key_error)?;
    write_new(&secret, sk.to_string().as_bytes()).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => RxError::KeyExists {
            dir: dir.to_path_buf(),
        },
        _ => RxError::Io {
            path: secret.clone(),
            source: e,
        },
    })?;
    let public = dir.join(PUBLIC);
    write_new(&public, public_text(&pair.pk)?.as_bytes()).map_err(io_at(&public))?;
    Ok(pair.pk)
}

/// The public key of the pair in `dir`.
pub fn public_key(dir: &Path) -> Result<PublicKey, RxError> {
    let path = dir.join(PUBLIC);
    match read_capped(&path, MAX_SIGNATURE) {
        Ok(bytes) => parse_public(&String::from_utf8_lossy(&bytes)),
        Err(e) if e.is_not_found() => Err(RxError::NoKey {
            dir: dir.to_path_buf(),
        }),
        Err(e) => Err(e.into()),
    }
}

/// The secret key of the pair in `dir`; an encrypted one is decrypted with
/// a password minisign asks for on the terminal.
pub fn secret_key(dir: &Path) -> Result<SecretKey, RxError> {
    let path = dir.join(SECRET);
    let bytes = match read_capped(&path, MAX_SIGNATURE) {
        Ok(b) => b,
        Err(e) if e.is_not_found() => {
            return Err(RxError::NoKey {
                dir: dir.to_path_buf(),
            });
        }
        Err(e) => return Err(e.into()),
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let sk_box = SecretKeyBox::from_string(&text).map_err(key_error)?;
    match sk_box.clone().into_unencrypted_secret_key() {
        Ok(sk) if !sk.is_encrypted() => Ok(sk),
        _ => sk_box.into_secret_key(None).map_err(key_error),
    }
}

/// The signature of `payload` by `sk`, as a `.minisig` file's text. The
/// trusted comment names the prescription, so `minisign -V` shows it.
pub fn sign(
    payload: &[u8],
    sk: &SecretKey,
    pk: &PublicKey,
    comment: &str,
) -> Result<String, RxError> {
    minisign::sign(Some(pk), sk, Cursor::new(payload), Some(comment), None)
        .map(|b| b.into_string())
        .map_err(key_error)
}

/// Checks `signature` over `payload` against `pk`. Both kinds of signature
/// `minisign -V` takes are accepted: prehashed (what minisign makes now)
/// and legacy (`minisign -l`).
pub fn verify(payload: &[u8], signature: &str, pk: &PublicKey) -> Result<(), RxError> {
    let sig = SignatureBox::from_string(signature)
        .map_err(|e| RxError::SignatureFormat(e.to_string()))?;
    if sig.keynum() != pk.keynum() {
        let mut n = [0u8; 8];
        n.copy_from_slice(&sig.keynum()[..8]);
        return Err(RxError::OtherKey {
            signed: format!("{:016X}", u64::from_le_bytes(n)),
            trusted: fingerprint(pk),
        });
    }
    minisign::verify(pk, &sig, Cursor::new(payload), true, false, true)
        .map_err(|e| RxError::BadSignature(e.to_string()))
}

/// The key id a signature names, to tell a patient which key signed it.
pub fn signer(signature: &str) -> Result<String, RxError> {
    let sig = SignatureBox::from_string(signature)
        .map_err(|e| RxError::SignatureFormat(e.to_string()))?;
    let mut n = [0u8; 8];
    n.copy_from_slice(&sig.keynum()[..8]);
    Ok(format!("{:016X}", u64::from_le_bytes(n)))
}

/// Writes the archive: a new file (0600, never over one) holding the
/// payload and its signature, as `tar -xf` unpacks them.
pub fn write_bundle(path: &Path, payload: &[u8], signature: &str) -> Result<(), RxError> {
    let mut bytes = Vec::new();
    {
        let mut tar = tar::Builder::new(&mut bytes);
        for (name, data) in [(PAYLOAD, payload), (SIGNATURE, signature.as_bytes())] {
            let mut h = tar::Header::new_ustar();
            h.set_entry_type(tar::EntryType::Regular);
            h.set_size(data.len() as u64);
            h.set_mode(0o600);
            h.set_mtime(0);
            h.set_cksum();
            tar.append_data(&mut h, name, data).map_err(io_at(path))?;
        }
        tar.finish().map_err(io_at(path))?;
    }
    let written = write_new(path, &bytes).map_err(io_at(path));
    if written.is_err() {
        // A half-written file of our own is no prescription: not left behind.
        if let Err(RxError::Io { source, .. }) = &written
            && source.kind() != io::ErrorKind::AlreadyExists
        {
            let _ = fs::remove_file(path);
        }
    }
    written
}

/// A prescription archive's two files: the payload and the signature's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    pub payload: Vec<u8>,
    pub signature: String,
}

/// Reads an archive through the safe reader: at most [`MAX_BUNDLE`] bytes,
/// exactly the two files by name, regular files only (no links, no
/// directories, no paths), each within its cap.
pub fn read_bundle(path: &Path) -> Result<Bundle, RxError> {
    let bytes = read_capped(path, MAX_BUNDLE)?;
    bundle_of(&bytes)
}

/// [`read_bundle`] over bytes already read.
pub fn bundle_of(bytes: &[u8]) -> Result<Bundle, RxError> {
    if bytes.len() < 512 {
        return Err(RxError::Damaged(format!("only {} bytes", bytes.len())));
    }
    let mut archive = tar::Archive::new(Cursor::new(bytes));
    let entries = archive
        .entries()
        .map_err(|e| RxError::Damaged(e.to_string()))?;
    let (mut payload, mut signature) = (None, None);
    for entry in entries {
        let mut entry = entry.map_err(|e| RxError::Damaged(e.to_string()))?;
        let kind = entry.header().entry_type();
        let name = entry.path_bytes().into_owned();
        let name = String::from_utf8_lossy(&name).into_owned();
        if !kind.is_file() {
            return Err(RxError::Entries(format!("`{name}` is not a regular file")));
        }
        let (slot, cap) = match name.as_str() {
            PAYLOAD => (&mut payload, MAX_PAYLOAD),
            SIGNATURE => (&mut signature, MAX_SIGNATURE),
            other => return Err(RxError::Entries(format!("`{other}` is not one of them"))),
        };
        if slot.is_some() {
            return Err(RxError::Entries(format!("`{name}` is there twice")));
        }
        if entry.size() > cap as u64 {
            return Err(RxError::Entries(format!(
                "`{name}` is larger than {cap} bytes"
            )));
        }
        let mut data = Vec::new();
        (&mut entry)
            .take(cap as u64 + 1)
            .read_to_end(&mut data)
            .map_err(|e| RxError::Damaged(e.to_string()))?;
        if (data.len() as u64) < entry.size() {
            return Err(RxError::Damaged(format!("`{name}` is cut short")));
        }
        *slot = Some(data);
    }
    match (payload, signature) {
        (Some(payload), Some(signature)) => Ok(Bundle {
            payload,
            signature: String::from_utf8(signature)
                .map_err(|_| RxError::SignatureFormat("not text".into()))?,
        }),
        (None, _) => Err(RxError::Damaged(format!("no {PAYLOAD}"))),
        (_, None) => Err(RxError::Damaged(format!("no {SIGNATURE}"))),
    }
}

/// Which version is in force and which came before it: directory names
/// under `DATA/prescription/`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Installs {
    current: Option<String>,
    previous: Option<String>,
}

fn rx_dir(data: &Path) -> PathBuf {
    data.join("prescription")
}

fn read_state(data: &Path) -> Result<Installs, RxError> {
    let path = rx_dir(data).join(STATE);
    match read_capped(&path, 4096) {
        Ok(b) => serde_json::from_slice(&b).map_err(|e| RxError::Io {
            path,
            source: io::Error::new(io::ErrorKind::InvalidData, e),
        }),
        Err(e) if e.is_not_found() => Ok(Installs::default()),
        Err(e) => Err(e.into()),
    }
}

fn write_state(data: &Path, state: &Installs) -> Result<(), RxError> {
    let path = rx_dir(data).join(STATE);
    let json = serde_json::to_vec_pretty(state).unwrap_or_default();
    write_atomically(&path, &json).map_err(io_at(&path))
}

/// A directory name is only ever one of ours: `<id>-<version>`.
fn safe_name(name: &str) -> bool {
    crate::core::routine::valid_id(name)
}

/// An installed version, read back: the payload, parsed; the signature's text.
#[derive(Clone, Debug)]
pub struct Installed {
    pub prescription: Prescription,
    pub signature: String,
    /// The payload file, which the library names as the routines' origin.
    pub path: PathBuf,
}

fn read_installed(data: &Path, name: &str) -> Result<Installed, RxError> {
    if !safe_name(name) {
        return Err(RxError::NoneInstalled);
    }
    let dir = rx_dir(data).join(name);
    let path = dir.join(PAYLOAD);
    let payload = read_capped(&path, MAX_PAYLOAD)?;
    let signature = read_capped(&dir.join(SIGNATURE), MAX_SIGNATURE)?;
    let prescription =
        prescription::parse(&payload, super::poses::builtin_ref()).map_err(RxError::Invalid)?;
    Ok(Installed {
        prescription,
        signature: String::from_utf8_lossy(&signature).into_owned(),
        path,
    })
}

/// The prescription in force, if any.
pub fn current(data: &Path) -> Result<Option<Installed>, RxError> {
    match read_state(data)?.current {
        Some(name) => read_installed(data, &name).map(Some),
        None => Ok(None),
    }
}

/// The patient's label in the prescription in force, which `log export`
/// names the export with when not given one.
pub fn patient(data: &Path) -> Option<String> {
    current(data)
        .ok()
        .flatten()
        .map(|i| i.prescription.payload.patient)
}

/// The one before it, if kept.
pub fn previous(data: &Path) -> Result<Option<Installed>, RxError> {
    match read_state(data)?.previous {
        Some(name) => read_installed(data, &name).map(Some),
        None => Ok(None),
    }
}

/// The key the patient trusts, if one was pinned.
pub fn trusted(data: &Path) -> Result<Option<PublicKey>, RxError> {
    let path = rx_dir(data).join(TRUSTED);
    match read_capped(&path, MAX_SIGNATURE) {
        Ok(b) => parse_public(&String::from_utf8_lossy(&b)).map(Some),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Pins `pk` as the key prescriptions must be signed with (0600, atomically).
pub fn trust(data: &Path, pk: &PublicKey) -> Result<(), RxError> {
    let dir = rx_dir(data);
    create_dir(&dir).map_err(io_at(&dir))?;
    let path = dir.join(TRUSTED);
    write_atomically(&path, public_text(pk)?.as_bytes()).map_err(io_at(&path))
}

/// Whether `new` may replace what is in force: a newer version of the
/// same prescription, or any version of another one.
pub fn check_version(current: Option<&Prescription>, new: &Prescription) -> Result<(), RxError> {
    let Some(cur) = current else {
        return Ok(());
    };
    if cur.payload.id != new.payload.id {
        return Ok(());
    }
    let (installed, offered) = (cur.payload.version, new.payload.version);
    match offered.cmp(&installed) {
        std::cmp::Ordering::Less => Err(RxError::Older { installed, offered }),
        std::cmp::Ordering::Equal => Err(RxError::Same(installed)),
        std::cmp::Ordering::Greater => Ok(()),
    }
}

/// Installs a verified bundle: its files into a directory of their own,
/// then the state file replaced in one rename, so a crash leaves the old
/// prescription in force or the new one. The one in force becomes the
/// previous; the one before that is removed.
pub fn install(data: &Path, bundle: &Bundle, new: &Prescription) -> Result<(), RxError> {
    let root = rx_dir(data);
    create_dir(&root).map_err(io_at(&root))?;
    let name = format!("{}-{}", new.payload.id, new.payload.version);
    let dir = root.join(&name);
    if fs::symlink_metadata(&dir).is_ok() {
        // Left by an install that never reached the state file.
        fs::remove_dir_all(&dir).map_err(io_at(&dir))?;
    }
    create_dir(&dir).map_err(io_at(&dir))?;
    for (file, bytes) in [
        (PAYLOAD, bundle.payload.as_slice()),
        (SIGNATURE, bundle.signature.as_bytes()),
    ] {
        let path = dir.join(file);
        write_atomically(&path, bytes).map_err(io_at(&path))?;
    }
    let old = read_state(data)?;
    let state = Installs {
        current: Some(name),
        previous: old.current.clone(),
    };
    write_state(data, &state)?;
    if let Some(gone) = old
        .previous
        .filter(|p| Some(p) != state.current.as_ref() && safe_name(p))
    {
        let _ = fs::remove_dir_all(root.join(gone));
    }
    Ok(())
}

/// Puts the previous version back in force; the one rolled back from
/// becomes the previous, so a second rollback undoes the first.
pub fn rollback(data: &Path) -> Result<Installed, RxError> {
    let old = read_state(data)?;
    let (Some(current), Some(previous)) = (old.current, old.previous) else {
        return Err(RxError::NoPrevious);
    };
    let back = read_installed(data, &previous)?;
    write_state(
        data,
        &Installs {
            current: Some(previous),
            previous: Some(current),
        },
    )?;
    Ok(back)
}

/// The prescribed routines put into `library`: each replaces a routine of
/// the same id, built-in or the user's, and is marked with the
/// prescription it came from. A prescription that cannot be read is left
/// out, and `library.broken` says why.
pub fn overlay(library: &mut Library, data: Option<&Path>) {
    let Some(data) = data else { return };
    let installed = match current(data) {
        Ok(Some(i)) => i,
        Ok(None) => return,
        Err(e) => {
            library.broken.push(super::files::Broken {
                path: rx_dir(data),
                source: String::new(),
                diagnostics: vec![crate::core::diagnostic::Diagnostic::new(
                    crate::core::ron_spans::Pos { line: 1, col: 1 },
                    format!("the prescription in force cannot be read: {e}"),
                )],
            });
            return;
        }
    };
    let rx = installed.prescription.reference();
    for routine in &installed.prescription.routines {
        let mut loaded = Loaded::with_poses(
            routine.clone(),
            Origin::File(installed.path.clone()),
            &installed.prescription.poses,
        );
        loaded.prescription = Some(prescription::Prescribed {
            rx: rx.clone(),
            physio: installed.prescription.payload.physio.clone(),
        });
        match library
            .routines
            .iter_mut()
            .find(|l| l.routine.id == routine.id)
        {
            Some(existing) => *existing = loaded,
            None => library.routines.push(loaded),
        }
    }
}

/// The physiotherapist's record of what they prescribed to whom: the id
/// and last version per patient label, and who signed it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub patients: BTreeMap<String, Issued>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Issued {
    pub id: String,
    pub version: u32,
    pub physio: prescription::Physio,
}

pub fn ledger(data: &Path) -> Result<Ledger, RxError> {
    let path = data.join(LEDGER);
    match read_capped(&path, MAX_PAYLOAD) {
        Ok(b) => serde_json::from_slice(&b).map_err(|e| RxError::Io {
            path,
            source: io::Error::new(io::ErrorKind::InvalidData, e),
        }),
        Err(e) if e.is_not_found() => Ok(Ledger::default()),
        Err(e) => Err(e.into()),
    }
}

pub fn save_ledger(data: &Path, ledger: &Ledger) -> Result<(), RxError> {
    create_dir(data).map_err(io_at(data))?;
    let path = data.join(LEDGER);
    let json = serde_json::to_vec_pretty(ledger).unwrap_or_default();
    write_atomically(&path, &json).map_err(io_at(&path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_with_a_link_or_a_third_file_is_refused() {
        let mut bytes = Vec::new();
        {
            let mut tar = tar::Builder::new(&mut bytes);
            let mut h = tar::Header::new_ustar();
            h.set_entry_type(tar::EntryType::Symlink);
            h.set_size(0);
            h.set_cksum();
            tar.append_link(&mut h, PAYLOAD, "/etc/passwd").unwrap();
            tar.finish().unwrap();
        }
        assert!(matches!(bundle_of(&bytes), Err(RxError::Entries(_))));
        let mut bytes = Vec::new();
        {
            let mut tar = tar::Builder::new(&mut bytes);
            for name in [PAYLOAD, "notes.txt"] {
                let mut h = tar::Header::new_gnu();
                h.set_size(1);
                h.set_cksum();
                tar.append_data(&mut h, name, &b"x"[..]).unwrap();
            }
            tar.finish().unwrap();
        }
        assert!(matches!(bundle_of(&bytes), Err(RxError::Entries(_))));
    }
}
