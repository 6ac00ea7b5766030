//! Write: render into a temporary folder beside the output and swap it in only on success —
//! in one step, so that a reader or web server never finds the output missing or half-built.

use crate::build::sink::DiskSink;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::{FileOp, Msg};
use std::path::{Path, PathBuf};

/// Refuses output folders whose replacement would destroy sources.
pub fn check_target(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root_abs = crate::fs::absolute(root);
    let out_abs = crate::fs::absolute(out);
    let dangerous = root_abs.starts_with(&out_abs)
        || out_abs.starts_with(root_abs.join("content"))
        || out_abs.starts_with(root_abs.join("theme"))
        || out_abs.parent().is_none();
    if dangerous {
        return Err(Diagnostic::error(out, Msg::OutReplacesSources));
    }
    if out.exists() && !out.is_dir() {
        return Err(Diagnostic::error(out, Msg::OutNotAFolder));
    }
    Ok(())
}

/// Where a build renders before its site goes in place: `.public.new-PID` beside `public`.
fn temporary(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out.parent().unwrap_or(Path::new("."));
    parent.join(format!(".{name}.new-{}", std::process::id()))
}

/// Removes temporary folders a killed build left beside `out` (`.public.new-PID`, and
/// `.public.old-PID` of earlier versions); those of builds still running stay.
fn remove_stale(out: &Path) {
    let name = out
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    let Some(parent) = out.parent() else { return };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = [".new-", ".old-"].iter().find_map(|kind| {
            file.strip_prefix(&format!(".{name}{kind}"))
                .and_then(|pid| pid.parse::<u32>().ok())
        });
        if let Some(pid) = pid
            && !running(pid)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Is process `pid` alive? Where this cannot be known, it counts as alive (nothing is removed).
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Runs `fill` on a fresh temporary folder next to `out`, then puts it in `out`'s place.
/// When `fill` fails, `out` stays exactly as it was and the temporary folder is removed.
pub fn publish<T>(
    out: &Path,
    fill: impl FnOnce(&DiskSink) -> Result<T, Diagnostics>,
) -> Result<T, Diagnostics> {
    let shown = out.to_path_buf();
    let out = crate::fs::absolute(out);
    remove_stale(&out);
    let tmp = temporary(&out);
    // Messages name the output folder, never the temporary one.
    let named = |d: Diagnostic| Diagnostic {
        path: shown.clone(),
        ..d
    };
    crate::fs::remove_dir_all(&tmp).map_err(named)?;
    crate::fs::create_dir_all(&tmp).map_err(named)?;
    let sink = DiskSink::new(tmp.clone(), shown.clone());
    let result = fill(&sink);
    drop(sink);
    let value = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    swap_in(&tmp, &out).map_err(|e| {
        let _ = std::fs::remove_dir_all(&tmp);
        crate::fs::io_error(&shown, FileOp::Move, &e)
    })?;
    Ok(value)
}

/// Puts the new site in `out`'s place and removes the old one.
fn swap_in(tmp: &Path, out: &Path) -> std::io::Result<()> {
    loop {
        match exchange(tmp, out) {
            // The old site is now where the new one was.
            Ok(true) => return std::fs::remove_dir_all(tmp),
            Ok(false) => {}
            Err(e) => return Err(e),
        }
        // No site there yet: a plain rename, unless another build got there first (then the
        // exchange is tried again).
        match std::fs::rename(tmp, out) {
            Ok(()) => return Ok(()),
            Err(e) if out.is_dir() && e.kind() != std::io::ErrorKind::PermissionDenied => {}
            Err(e) => return Err(e),
        }
    }
}

/// Exchanges `new` and `out` in one step; `Ok(false)` when `out` does not exist.
#[cfg(target_os = "linux")]
fn exchange(new: &Path, out: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::NOENT) => Ok(false),
        // File systems without the exchange: two renames.
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => two_renames(new, out),
        Err(e) => Err(e.into()),
    }
}

/// Elsewhere the old site is moved aside, then the new one in: for a moment `out` is missing.
#[cfg(not(target_os = "linux"))]
fn exchange(new: &Path, out: &Path) -> std::io::Result<bool> {
    two_renames(new, out)
}

/// Moves `out` to where `new` was and `new` to `out`, in two renames; `Ok(false)` when `out`
/// does not exist.
fn two_renames(new: &Path, out: &Path) -> std::io::Result<bool> {
    if !out.exists() {
        return Ok(false);
    }
    let aside = new.with_extension("aside");
    std::fs::rename(out, &aside)?;
    std::fs::rename(new, out)?;
    std::fs::rename(&aside, new)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_sources() {
        let root = Path::new("/tmp/book");
        assert!(check_target(root, Path::new("/tmp/book")).is_err());
        assert!(check_target(root, Path::new("/tmp")).is_err());
        assert!(check_target(root, Path::new("/tmp/book/content/x")).is_err());
        assert!(check_target(root, Path::new("/tmp/book/public")).is_ok());
    }

    #[test]
    fn the_new_site_replaces_the_old_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        // A build killed earlier left its temporary folder (PID 0 is never a build).
        std::fs::create_dir_all(dir.path().join(".public.new-0/x")).expect("stale");
        for round in ["eins", "zwei"] {
            publish(&out, |sink| {
                use crate::build::sink::Sink;
                sink.file("index.html", round.as_bytes())
                    .map_err(Diagnostics::from)
            })
            .expect("published");
            assert_eq!(
                std::fs::read_to_string(out.join("index.html")).expect("read"),
                round
            );
        }
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["public"]);
    }
}
