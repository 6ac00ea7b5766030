//! Watch: turns file-system events into debounced "rebuild now" signals.

use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Does a change at `path` concern the handbook in `root`? Only content/ and theme/ count;
/// editor swap, backup and temporary files never do.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let top = parts.next().unwrap_or_default();
    if top != "content" && top != "theme" {
        return false;
    }
    !rel.components()
        .any(|c| crate::build::listing::is_ignored_name(&c.as_os_str().to_string_lossy()))
}

/// Quiet time after the last event before a rebuild starts (a burst of saves gives one rebuild).
/// An editor's save is a burst of events a few milliseconds apart (write, rename, chmod; Vim's
/// `4913` probe); 12 ms covers those we measured while adding almost nothing to the
/// save-to-reload time (benches/serve_latency.py).
pub const QUIET: Duration = Duration::from_millis(12);
/// A stream of events never delays a rebuild longer than this.
pub const MAX_DELAY: Duration = Duration::from_millis(250);

/// Collects a burst: waits for the first relevant event, then until `quiet` passes without
/// one (or `max` passed). Returns the changed paths, or `None` when the watcher is gone.
pub fn next_batch(rx: &Receiver<PathBuf>, quiet: Duration, max: Duration) -> Option<Vec<PathBuf>> {
    let first = rx.recv().ok()?;
    let started = Instant::now();
    let mut paths = vec![first];
    loop {
        let left = max.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        match rx.recv_timeout(quiet.min(left)) {
            Ok(p) => {
                if !paths.contains(&p) {
                    paths.push(p);
                }
            }
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(paths)
}

/// Watches `root`'s content/ and theme/ (and `root` itself, to notice a new theme/ folder).
/// Relevant changed paths arrive on the returned channel; keep the watcher alive.
pub fn watch(root: &Path) -> notify::Result<(notify::RecommendedWatcher, Receiver<PathBuf>)> {
    let root = crate::fs::absolute(root);
    let (tx, rx) = channel();
    let filter_root = root.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if is_relevant(&filter_root, &path) {
                let _ = tx.send(path);
            }
        }
    })?;
    watcher.watch(&root.join("content"), RecursiveMode::Recursive)?;
    if root.join("theme").is_dir() {
        watcher.watch(&root.join("theme"), RecursiveMode::Recursive)?;
    }
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    Ok((watcher, rx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_are_relevant() {
        let root = Path::new("/b");
        assert!(is_relevant(root, Path::new("/b/content/chapters/a.md")));
        assert!(is_relevant(root, Path::new("/b/content/data")));
        assert!(is_relevant(root, Path::new("/b/theme/assets/style.css")));
        assert!(is_relevant(root, Path::new("/b/theme")));
        assert!(!is_relevant(root, Path::new("/b/public/index.html")));
        assert!(!is_relevant(root, Path::new("/b/target/debug/x")));
        assert!(!is_relevant(
            root,
            Path::new("/b/content/chapters/.a.md.swp")
        ));
        assert!(!is_relevant(root, Path::new("/b/content/chapters/a.md~")));
        assert!(!is_relevant(root, Path::new("/b/content/chapters/4913")));
        assert!(!is_relevant(root, Path::new("/elsewhere/content/a.md")));
    }

    #[test]
    fn bursts_become_one_batch() {
        let (tx, rx) = channel();
        for name in ["a", "b", "a"] {
            tx.send(PathBuf::from(name)).expect("send");
        }
        let batch =
            next_batch(&rx, Duration::from_millis(20), Duration::from_secs(1)).expect("batch");
        assert_eq!(batch, [PathBuf::from("a"), PathBuf::from("b")]);
        drop(tx);
        assert_eq!(
            next_batch(&rx, Duration::from_millis(20), Duration::from_secs(1)),
            None
        );
    }
}
