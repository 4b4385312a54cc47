//! Writing output: the one place that decides what may be written where.
//!
//! - [`write_atomic`]: a file written through a temporary file in the same
//!   folder, then renamed over the old one (readers never see half a file);
//! - [`create_new`]: the same, refusing to replace an existing file (`iro new`);
//! - [`Stage`]: a whole folder built beside its destination and swapped into
//!   place only when everything succeeded (`iro init`, `iro build`); a
//!   failure leaves the previous folder as it was;
//! - [`private_dir`]: child-level output (letters, SSDA903 extracts) is never
//!   put under the public site.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Write `bytes` to `path` atomically (temporary file, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().ok_or("bad path")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".iro-")
        .tempfile_in(dir)
        .map_err(|e| e.to_string())?;
    tmp.write_all(bytes).map_err(|e| e.to_string())?;
    tmp.persist(path).map_err(|e| e.error.to_string())?;
    Ok(())
}

/// Why [`create_new`] did not write.
#[derive(Debug)]
pub enum CreateError {
    /// The file is there already.
    Exists,
    /// Anything else, in words.
    Io(String),
}

/// Write a new file atomically; never replace one that exists (even one
/// created at the same moment by someone else).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), CreateError> {
    if path.exists() {
        return Err(CreateError::Exists);
    }
    let dir = path.parent().ok_or(CreateError::Io("bad path".into()))?;
    std::fs::create_dir_all(dir)
        .map_err(|e| CreateError::Io(format!("cannot create {}: {e}", dir.display())))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".iro-new-")
        .tempfile_in(dir)
        .map_err(|e| CreateError::Io(format!("cannot write in {}: {e}", dir.display())))?;
    tmp.write_all(bytes)
        .map_err(|e| CreateError::Io(e.to_string()))?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            CreateError::Exists
        } else {
            CreateError::Io(e.error.to_string())
        }
    })?;
    Ok(())
}

/// A folder being built beside its destination. Dropped without
/// [`Stage::commit`], it is removed and the destination is untouched.
pub struct Stage {
    dir: Option<tempfile::TempDir>,
    dest: PathBuf,
}

impl Stage {
    /// Start building the folder that will replace `dest`.
    pub fn new(dest: &Path) -> Result<Stage, String> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.staging-"))
            .tempdir_in(&parent)
            .map_err(|e| format!("cannot write in {}: {e}", parent.display()))?;
        Ok(Stage {
            dir: Some(dir),
            dest: dest.to_path_buf(),
        })
    }

    /// The staging folder.
    pub fn path(&self) -> &Path {
        self.dir.as_ref().map(|d| d.path()).unwrap_or(&self.dest)
    }

    /// Write a file at `rel` (a `/`-separated relative path) in the stage.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let p = self.path().join(safe_rel(rel)?);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d)
                .map_err(|e| format!("cannot create {}: {e}", d.display()))?;
        }
        std::fs::write(&p, bytes).map_err(|e| format!("cannot write {rel}: {e}"))
    }

    /// Swap the staged folder into place: the old folder (if any) is moved
    /// aside, the new one renamed in, then the old one removed. `dest` must
    /// be absent, an empty folder, or a folder `replace_ok` accepts.
    pub fn commit(mut self) -> Result<(), String> {
        let Some(dir) = self.dir.take() else {
            return Ok(());
        };
        let staged = dir.keep();
        let dest = &self.dest;
        let aside = if dest.exists() {
            let aside = staged.with_extension("old");
            std::fs::rename(dest, &aside).map_err(|e| {
                let _ = std::fs::remove_dir_all(&staged);
                format!("cannot replace {}: {e}", dest.display())
            })?;
            Some(aside)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(&staged, dest) {
            // Put the old folder back.
            if let Some(a) = &aside {
                let _ = std::fs::rename(a, dest);
            }
            let _ = std::fs::remove_dir_all(&staged);
            return Err(format!(
                "cannot move the new output into {}: {e}",
                dest.display()
            ));
        }
        if let Some(a) = aside {
            let _ = std::fs::remove_dir_all(a);
        }
        Ok(())
    }
}

/// A relative output path with no `..`, root or prefix components.
pub fn safe_rel(rel: &str) -> Result<PathBuf, String> {
    let p = Path::new(rel);
    if rel.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(format!("`{rel}` is not a plain relative output path"));
    }
    Ok(p.to_path_buf())
}

/// The folder for child-level output: `configured` (relative to the root
/// unless absolute) or `default`. Refused when it is inside the public site
/// (`<root>/public`) or climbs with `..`.
pub fn private_dir(
    root: &Path,
    configured: Option<&Path>,
    default: &str,
) -> Result<PathBuf, String> {
    let rel = configured
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(default));
    let out = if rel.is_absolute() {
        rel
    } else {
        root.join(rel)
    };
    let public = root.join("public");
    let norm: PathBuf = out.components().collect();
    if norm.starts_with(&public) || norm.components().any(|c| c == Component::ParentDir) {
        return Err(
            "this output holds children's details: the output folder cannot be inside public/ or use `..`"
                .into(),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_output_never_under_public() {
        let root = Path::new("/r");
        assert!(private_dir(root, None, "private/letters").is_ok());
        assert!(private_dir(root, Some(Path::new("public/x")), "private").is_err());
        assert!(private_dir(root, Some(Path::new("/r/public")), "private").is_err());
        assert!(private_dir(root, Some(Path::new("private/../public")), "private").is_err());
        assert!(safe_rel("a/b.html").is_ok());
        assert!(safe_rel("../a").is_err() && safe_rel("/a").is_err() && safe_rel("").is_err());
    }

    #[test]
    fn stage_swaps_only_on_commit() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("public");
        std::fs::create_dir(&dest).unwrap();
        std::fs::write(dest.join("old.html"), "old").unwrap();
        {
            let s = Stage::new(&dest).unwrap();
            s.write("new.html", b"new").unwrap();
            // dropped: a failed build
        }
        assert!(dest.join("old.html").exists() && !dest.join("new.html").exists());
        let s = Stage::new(&dest).unwrap();
        s.write("sub/new.html", b"new").unwrap();
        s.commit().unwrap();
        assert!(!dest.join("old.html").exists() && dest.join("sub/new.html").exists());
        let left: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no staging folder left behind");
    }

    #[test]
    fn create_new_refuses_to_overwrite() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("a/b.md");
        create_new(&p, b"one").unwrap();
        assert!(matches!(create_new(&p, b"two"), Err(CreateError::Exists)));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
    }
}
