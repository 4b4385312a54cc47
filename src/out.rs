//! Writing output: the one place that decides what may be written where.
//!
//! - [`write_atomic`]: a file written through a temporary file in the same
//!   folder, then renamed over the old one (readers never see half a file);
//! - [`create_new`]: the same, refusing to replace an existing file (`iro new`);
//! - [`Stage`]: a whole folder built beside its destination and swapped into
//!   place only when everything succeeded (`iro init`, `iro build`); a
//!   failure leaves the previous folder as it was;
//! - [`private_dir`]: child-level output (letters, SSDA903 extracts) is never
//!   put under a published folder (`public/`, or any folder `iro build`
//!   made), nor outside the records root, whatever symbolic links are on
//!   the way;
//! - [`inside_root`]: nothing is written through a symbolic link that leads
//!   out of the records root (`iro new`, `iro letters`, `iro import`).

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

/// The file that marks a folder as a site `iro build` made: a build
/// replaces only such a folder, and nothing private is written inside one.
pub const SITE_MARKER: &str = ".iro-site";

/// Where `path` really is: its nearest existing ancestor with every
/// symbolic link resolved, then the rest of the path (`.` dropped, `..`
/// taking off the name before it). A link on the path that leads nowhere
/// is an error.
pub fn resolve(path: &Path) -> Result<PathBuf, String> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| format!("cannot find the current folder: {e}"))?
            .join(path)
    };
    let mut base = path.as_path();
    let mut rest: Vec<Component> = Vec::new();
    let mut real = loop {
        match base.canonicalize() {
            Ok(c) => break c,
            Err(e) => match std::fs::symlink_metadata(base) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(format!(
                        "{} is a symbolic link that leads nowhere",
                        base.display()
                    ));
                }
                Ok(_) => return Err(format!("cannot open {}: {e}", base.display())),
                Err(_) => {}
            },
        }
        let mut comps = base.components();
        match comps.next_back() {
            Some(c) => rest.push(c),
            None => return Ok(path),
        }
        base = comps.as_path();
        if base.as_os_str().is_empty() {
            return Ok(path);
        }
    };
    for c in rest.into_iter().rev() {
        match c {
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(n) => real.push(n),
            _ => {}
        }
    }
    Ok(real)
}

/// `path` as shown in messages: relative to the root when inside it.
fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.display().to_string())
}

/// `path` (to be written) with every symbolic link resolved, refused when
/// it leads out of the records root: the message names the link that does.
pub fn inside_root(given_root: &Path, path: &Path) -> Result<PathBuf, String> {
    let root = resolve(given_root)?;
    let real = resolve(path)?;
    if real.starts_with(&root) {
        return Ok(real);
    }
    // Name the first folder on the way that is a link out of the root.
    let mut at = root.clone();
    if let Ok(rel) = path
        .strip_prefix(given_root)
        .or_else(|_| path.strip_prefix(&root))
    {
        for c in rel.components() {
            at.push(c);
            let is_link = std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink());
            if is_link && resolve(&at).is_ok_and(|r| !r.starts_with(&root)) {
                return Err(format!(
                    "{} is a symbolic link that leads outside the records folder: nothing is written through it",
                    shown(&root, &at)
                ));
            }
        }
    }
    Err(format!(
        "{} is outside the records folder: nothing is written there",
        path.display()
    ))
}

/// The folder for child-level output: `configured` (relative to the root
/// unless absolute) or `default`, with symbolic links resolved. Refused
/// when it climbs with `..`, is outside the records root, or is inside a
/// published folder: `public/` or a folder `iro build` made (it holds
/// [`SITE_MARKER`]).
pub fn private_dir(
    root: &Path,
    configured: Option<&Path>,
    default: &str,
) -> Result<PathBuf, String> {
    let rel = configured
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(default));
    const WHY: &str = "this output holds children's details";
    if rel.components().any(|c| c == Component::ParentDir) {
        return Err(format!("{WHY}: the output folder cannot use `..`"));
    }
    let root = resolve(root)?;
    let out = resolve(&root.join(rel))?;
    if !out.starts_with(&root) {
        return Err(format!(
            "{WHY}: the output folder must be inside the records folder (it is outside it, or a symbolic link on its path leads outside)"
        ));
    }
    let public = resolve(&root.join("public"))?;
    if out.starts_with(&public) {
        return Err(format!(
            "{WHY}: the output folder cannot be inside public/, the published site (nor lead there through a symbolic link)"
        ));
    }
    let mut at = out.as_path();
    loop {
        if at.join(SITE_MARKER).exists() {
            return Err(format!(
                "{WHY}: the output folder cannot be inside {}/, a site iro build made to be published",
                shown(&root, at)
            ));
        }
        if at == root {
            break;
        }
        match at.parent() {
            Some(p) => at = p,
            None => break,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_output_never_under_public() {
        let t = tempfile::tempdir().unwrap();
        let root = &t.path().join("r");
        std::fs::create_dir(root).unwrap();
        let real = resolve(root).unwrap();
        assert_eq!(
            private_dir(root, None, "private/letters").unwrap(),
            real.join("private/letters")
        );
        assert!(private_dir(root, Some(Path::new("public/x")), "private").is_err());
        assert!(private_dir(root, Some(&root.join("public")), "private").is_err());
        assert!(private_dir(root, Some(Path::new("private/../public")), "private").is_err());
        // Outside the root, by an absolute path or a link.
        assert!(private_dir(root, Some(t.path()), "private").is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(t.path(), root.join("out")).unwrap();
            let e = private_dir(root, Some(Path::new("out/letters")), "private").unwrap_err();
            assert!(e.contains("outside"), "{e}");
            // private/ linked to public/, before either exists.
            std::os::unix::fs::symlink(root.join("public"), root.join("private")).unwrap();
            std::fs::create_dir(root.join("public")).unwrap();
            let e = private_dir(root, None, "private/letters").unwrap_err();
            assert!(e.contains("public/"), "{e}");
            let e = inside_root(root, &root.join("out/x/y.md")).unwrap_err();
            assert!(e.starts_with("out is a symbolic link"), "{e}");
            assert!(inside_root(root, &root.join("a/b/../c.md")).is_ok());
        }
        // Inside a folder an earlier build made.
        std::fs::create_dir_all(root.join("site")).unwrap();
        std::fs::write(root.join("site").join(SITE_MARKER), "").unwrap();
        let e = private_dir(root, Some(Path::new("site/letters")), "private").unwrap_err();
        assert!(e.contains("site/"), "{e}");
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
