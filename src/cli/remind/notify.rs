//! Desktop notifications: the one way `limber remind check` reaches the
//! user. Behind a trait, so tests hand in a fake.

/// Shows a notification.
pub trait Notifier {
    /// Shows `summary` with `body`; an error says why it could not.
    fn notify(&mut self, summary: &str, body: &str) -> Result<(), String>;
}

/// The desktop's notification server, through notify-rust: over D-Bus
/// (`org.freedesktop.Notifications` on the session bus) on Linux and the
/// BSDs, Notification Center on macOS.
pub struct Desktop;

impl Notifier for Desktop {
    fn notify(&mut self, summary: &str, body: &str) -> Result<(), String> {
        notify_rust::Notification::new()
            .appname("limber")
            .summary(summary)
            .body(body)
            .show()
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Keeps what it was asked to show, for tests.
#[derive(Debug, Default)]
pub struct Fake {
    pub shown: Vec<(String, String)>,
    /// When set, every notification fails with this.
    pub fail: Option<String>,
}

impl Notifier for Fake {
    fn notify(&mut self, summary: &str, body: &str) -> Result<(), String> {
        if let Some(e) = &self.fail {
            return Err(e.clone());
        }
        self.shown.push((summary.to_string(), body.to_string()));
        Ok(())
    }
}
