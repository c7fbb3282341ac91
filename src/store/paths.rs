//! Where limber keeps things, from options or the XDG base directories.

use std::path::PathBuf;

use directories::BaseDirs;

/// The user routines directory: `--routines`, else `$XDG_CONFIG_HOME/limber/routines`.
pub fn routines_dir(option: Option<PathBuf>) -> Option<PathBuf> {
    option.or_else(|| BaseDirs::new().map(|b| b.config_dir().join("limber").join("routines")))
}

/// The data directory (settings, history): `--data-dir`, else `$XDG_DATA_HOME/limber`.
pub fn data_dir(option: Option<PathBuf>) -> Option<PathBuf> {
    option.or_else(|| BaseDirs::new().map(|b| b.data_dir().join("limber")))
}

/// Where limber keeps files of its own state (rescued sessions):
/// `$XDG_STATE_HOME/limber`, else `~/.local/state/limber` (Linux only).
pub fn state_dir(option: Option<PathBuf>) -> Option<PathBuf> {
    option.or_else(|| BaseDirs::new().and_then(|b| b.state_dir().map(|d| d.join("limber"))))
}

/// The configuration file: `--config`, else `$XDG_CONFIG_HOME/limber/config.toml`.
pub fn config_file(option: Option<PathBuf>) -> Option<PathBuf> {
    option.or_else(|| BaseDirs::new().map(|b| b.config_dir().join("limber").join("config.toml")))
}

/// The physiotherapist's signing key pair: `$XDG_CONFIG_HOME/limber/key`.
pub fn key_dir() -> Option<PathBuf> {
    BaseDirs::new().map(|b| b.config_dir().join("limber").join("key"))
}

/// Where systemd looks for user units: `$XDG_CONFIG_HOME/systemd/user`.
pub fn systemd_user_dir() -> Option<PathBuf> {
    BaseDirs::new().map(|b| b.config_dir().join("systemd").join("user"))
}

/// Where launchd looks for user agents: `~/Library/LaunchAgents`.
pub fn launch_agents_dir() -> Option<PathBuf> {
    BaseDirs::new().map(|b| b.home_dir().join("Library").join("LaunchAgents"))
}
