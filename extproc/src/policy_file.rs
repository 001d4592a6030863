//! The policy, read from a file and reloaded when the file changes (a mounted ConfigMap is
//! swapped in place), with the last good policy kept when an edit does not load.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use log::{error, info};
use promptwall_engine::metrics::Counter;
use promptwall_engine::Policy;
use tokio::sync::watch;

use crate::metrics::Metrics;

/// Load and check a policy file: a policy the server cannot honour is refused with a reason.
pub fn load(path: &Path) -> Result<Policy, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn parse(bytes: &[u8]) -> Result<Policy, String> {
    let policy = Policy::from_json(bytes).map_err(|e| e.to_string())?;
    if policy.doc.source.is_some() {
        // The file is this server's source; a remote one is the wasm filter's mechanism.
        return Err(
            "/source: the ext_proc server reloads its policy from its file; remove `source`"
                .to_string(),
        );
    }
    Ok(policy)
}

/// Watches the file and publishes each new policy that loads.
pub struct PolicyWatcher {
    path: PathBuf,
    last_seen: Vec<u8>,
    sender: watch::Sender<Arc<Policy>>,
    metrics: Arc<Metrics>,
}

impl PolicyWatcher {
    /// `initial` is the policy loaded from `path` at start.
    pub fn new(
        path: PathBuf,
        initial: Policy,
        metrics: Arc<Metrics>,
    ) -> (PolicyWatcher, watch::Receiver<Arc<Policy>>) {
        let last_seen = std::fs::read(&path).unwrap_or_default();
        let (sender, receiver) = watch::channel(Arc::new(initial));
        metrics.policy_version.store(1, Ordering::Relaxed);
        let watcher = PolicyWatcher {
            path,
            last_seen,
            sender,
            metrics,
        };
        (watcher, receiver)
    }

    /// Look at the file once: publish it if it changed and loads, keep the last good otherwise.
    pub async fn check(&mut self) {
        let bytes = match tokio::fs::read(&self.path).await {
            Ok(bytes) => bytes,
            Err(e) => {
                if !self.last_seen.is_empty() {
                    error!(
                        "policy file {} unreadable ({e}); keeping the last good policy",
                        self.path.display()
                    );
                    self.metrics.bump(Counter::PolicyReloadFailures);
                    self.last_seen.clear();
                }
                return;
            }
        };
        if bytes == self.last_seen {
            return;
        }
        self.last_seen = bytes;
        match parse(&self.last_seen) {
            Ok(policy) => {
                let version = self.metrics.policy_version.fetch_add(1, Ordering::Relaxed) + 1;
                self.sender.send_replace(Arc::new(policy));
                self.metrics.bump(Counter::PolicyReloads);
                info!(
                    "policy reloaded from {} (version {version})",
                    self.path.display()
                );
            }
            Err(e) => {
                self.metrics.bump(Counter::PolicyReloadFailures);
                error!(
                    "policy file {} refused, keeping the last good policy: {e}",
                    self.path.display()
                );
            }
        }
    }

    pub async fn run(mut self, every: Duration) {
        let mut ticker = tokio::time::interval(every);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            self.check().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"version":1,"mode":"enforce","routes":[{"path":"/v1/chat/completions","dialect":"openai_chat"}]}"#;

    fn temp_file(name: &str, text: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("promptwall-extproc-{}-{name}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("policy.json");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_policy_with_a_remote_source_is_refused_with_its_pointer() {
        let doc = GOOD.replace(
            r#""mode":"enforce""#,
            r#""mode":"enforce","source":{"cluster":"c","path":"/p"}"#,
        );
        let err = parse(doc.as_bytes()).err().unwrap_or_default();
        assert!(err.starts_with("/source"), "{err}");
    }

    #[tokio::test]
    async fn a_bad_edit_keeps_the_last_good_policy_and_a_good_one_replaces_it() {
        let path = temp_file("reload", GOOD);
        let metrics = Arc::new(Metrics::default());
        let (mut watcher, receiver) =
            PolicyWatcher::new(path.clone(), load(&path).unwrap(), metrics.clone());
        let first = receiver.borrow().clone();

        std::fs::write(&path, r#"{"version":1,"mode":"sometimes"}"#).unwrap();
        watcher.check().await;
        assert!(Arc::ptr_eq(&first, &receiver.borrow()));
        assert_eq!(metrics.get(Counter::PolicyReloadFailures), 1);

        std::fs::write(&path, GOOD.replace("enforce", "monitor")).unwrap();
        watcher.check().await;
        assert!(!Arc::ptr_eq(&first, &receiver.borrow()));
        assert_eq!(metrics.get(Counter::PolicyReloads), 1);
        assert_eq!(metrics.policy_version.load(Ordering::Relaxed), 2);

        // Unchanged bytes are not reloaded again.
        watcher.check().await;
        assert_eq!(metrics.get(Counter::PolicyReloads), 1);
    }
}
