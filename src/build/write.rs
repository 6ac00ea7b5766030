//! Write: render into a temporary folder beside the target and swap it in only on success.

use crate::build::sink::DiskSink;
use crate::diagnostic::Diagnostic;
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
        return Err(Diagnostic::error(
            out,
            0,
            0,
            "refusing to write the site here: the folder would replace the handbook's sources",
        )
        .with_hint("choose an output folder outside content/ and theme/, e.g. --out public"));
    }
    if out.exists() && !out.is_dir() {
        return Err(
            Diagnostic::error(out, 0, 0, "the output path exists and is not a folder")
                .with_hint("remove the file or choose another --out"),
        );
    }
    Ok(())
}

/// Runs `fill` on a fresh temporary folder next to `out`, then replaces `out` with it.
/// When `fill` fails, `out` stays exactly as it was.
pub fn publish<T>(
    out: &Path,
    fill: impl FnOnce(&mut DiskSink) -> Result<T, Vec<Diagnostic>>,
) -> Result<T, Vec<Diagnostic>> {
    let out = crate::fs::absolute(out);
    let name = out
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    crate::fs::remove_dir_all(&tmp).map_err(|e| vec![e])?;
    crate::fs::create_dir_all(&tmp).map_err(|e| vec![e])?;
    let mut sink = DiskSink { root: tmp.clone() };
    let result = match fill(&mut sink) {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    let swap = || -> Result<(), Diagnostic> {
        if out.exists() {
            crate::fs::remove_dir_all(&old)?;
            crate::fs::rename(&out, &old)?;
        }
        crate::fs::rename(&tmp, &out)?;
        crate::fs::remove_dir_all(&old)
    };
    swap().map_err(|e| {
        let _ = std::fs::remove_dir_all(&tmp);
        vec![e]
    })?;
    Ok(result)
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
}
