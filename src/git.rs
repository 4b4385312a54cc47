//! Git, through the `git` command itself (never by reading `.git` by hand):
//! whether a folder is in a repository, `git init`, the files changed since
//! a revision, the last commit of each file, and iro's pre-commit hook.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A git problem, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitError(pub String);

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                GitError("git is not installed (https://git-scm.com)".into())
            } else {
                GitError(format!("cannot run git: {e}"))
            }
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err
            .lines()
            .next()
            .unwrap_or("")
            .trim_start_matches("fatal: ");
        return Err(GitError(format!(
            "git {}: {first}",
            args.first().unwrap_or(&"")
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether git can be run.
pub fn available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The top of the repository holding `dir`.
pub fn toplevel(dir: &Path) -> Result<PathBuf, GitError> {
    let out = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        GitError(format!(
            "{} is not inside a git repository (git init makes one)",
            dir.display()
        ))
    })?;
    Ok(PathBuf::from(out.trim()))
}

/// `git init` in `dir`.
pub fn init(dir: &Path) -> Result<(), GitError> {
    git(dir, &["init", "--quiet"]).map(|_| ())
}

/// The files (relative to the records `root`, `/`-separated) changed since
/// `rev` (default: the staged and unstaged changes against HEAD), with the
/// untracked files git does not ignore.
pub fn changed(root: &Path, rev: Option<&str>) -> Result<BTreeSet<String>, GitError> {
    let top = toplevel(root)?;
    let rev = rev.unwrap_or("HEAD");
    // A repository with no commit yet: everything is new.
    let has_head = git(&top, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_ok();
    if rev != "HEAD" || has_head {
        git(
            &top,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        )
        .map_err(|_| GitError(format!("no commit `{rev}` in this repository")))?;
    }
    let mut lists = Vec::new();
    if has_head || rev != "HEAD" {
        lists.push(git(&top, &["diff", "--name-only", "--no-renames", rev])?);
        lists.push(git(
            &top,
            &["diff", "--name-only", "--no-renames", "--cached", rev],
        )?);
    } else {
        lists.push(git(&top, &["ls-files", "--cached"])?);
    }
    lists.push(git(&top, &["ls-files", "--others", "--exclude-standard"])?);
    let prefix = rel_of(root, &top);
    let mut out = BTreeSet::new();
    for l in lists.iter().flat_map(|s| s.lines()) {
        if let Some(r) = under(&prefix, l).filter(|r| !r.is_empty()) {
            out.insert(r.to_string());
        }
    }
    Ok(out)
}

/// The last commit that changed each file (relative to the records root):
/// short hash, author, date. One pass over the history.
pub fn last_commits(root: &Path) -> Result<BTreeMap<String, (String, String, String)>, GitError> {
    let top = toplevel(root)?;
    if git(&top, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_err() {
        return Ok(BTreeMap::new()); // nothing committed yet
    }
    let log = git(
        &top,
        &[
            "log",
            "--name-only",
            "--no-renames",
            "--date=short",
            "--format=%x00%h%x09%an%x09%ad",
            "--",
            ".",
        ],
    )?;
    let prefix = rel_of(root, &top);
    let mut map = BTreeMap::new();
    let mut current: Option<(String, String, String)> = None;
    for line in log.lines() {
        if let Some(head) = line.strip_prefix('\0') {
            let mut it = head.split('\t');
            current = Some((
                it.next().unwrap_or("").to_string(),
                it.next().unwrap_or("").to_string(),
                it.next().unwrap_or("").to_string(),
            ));
        } else if !line.is_empty()
            && let Some(c) = &current
        {
            let rel = if prefix.is_empty() {
                Some(line)
            } else {
                line.strip_prefix(prefix.as_str())
                    .and_then(|r| r.strip_prefix('/'))
            };
            if let Some(r) = rel {
                map.entry(r.to_string()).or_insert_with(|| c.clone());
            }
        }
    }
    Ok(map)
}

/// The first line of iro's hook: how iro knows a hook is its own.
pub const HOOK_MARK: &str = "# iro pre-commit hook";

/// The pre-commit hook for the records at `root` (relative to the
/// repository's top, so the repository can move).
pub fn hook_script(rel_root: &str, iro: &Path) -> String {
    let root = if rel_root.is_empty() {
        "\"$top\"".to_string()
    } else {
        format!("\"$top/{rel_root}\"")
    };
    format!(
        "#!/bin/sh\n{HOOK_MARK} (installed by `iro hook install`; removed by `iro hook uninstall`).\n# Refuses a commit whose changed records have errors; warnings never block.\n# In an emergency: git commit --no-verify\ntop=\"$(git rev-parse --show-toplevel)\"\nIRO=\"{}\"\n[ -x \"$IRO\" ] || IRO=iro\nexec \"$IRO\" hook run --root {root}\n",
        iro.display()
    )
}

/// Where the repository keeps its hooks.
fn hooks_dir(root: &Path) -> Result<PathBuf, GitError> {
    let top = toplevel(root)?;
    let p = git(&top, &["rev-parse", "--git-path", "hooks"])?;
    let p = PathBuf::from(p.trim());
    Ok(if p.is_absolute() { p } else { top.join(p) })
}

/// Install iro's pre-commit hook; never replaces another tool's hook.
pub fn install_hook(root: &Path) -> Result<PathBuf, GitError> {
    let top = toplevel(root)?;
    let dir = hooks_dir(root)?;
    let path = dir.join("pre-commit");
    if let Ok(existing) = std::fs::read_to_string(&path)
        && !existing.contains(HOOK_MARK)
    {
        return Err(GitError(format!(
            "{} already exists and is not iro's: it was left as it is. To run iro's check too, add this line to it:\n    iro hook run --root \"$(git rev-parse --show-toplevel)/{}\" || exit 1",
            path.display(),
            rel_of(root, &top)
        )));
    }
    let iro = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("iro"));
    std::fs::create_dir_all(&dir)
        .map_err(|e| GitError(format!("cannot create {}: {e}", dir.display())))?;
    crate::out::write_atomic(&path, hook_script(&rel_of(root, &top), &iro).as_bytes())
        .map_err(GitError)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755));
    }
    Ok(path)
}

/// Remove iro's pre-commit hook (never another tool's).
pub fn uninstall_hook(root: &Path) -> Result<Option<PathBuf>, GitError> {
    let path = hooks_dir(root)?.join("pre-commit");
    match std::fs::read_to_string(&path) {
        Ok(t) if t.contains(HOOK_MARK) => {
            std::fs::remove_file(&path)
                .map_err(|e| GitError(format!("cannot remove {}: {e}", path.display())))?;
            Ok(Some(path))
        }
        Ok(_) => Err(GitError(format!(
            "{} is not iro's hook: it was left as it is",
            path.display()
        ))),
        Err(_) => Ok(None),
    }
}

/// A path git prints (relative to the repository's top) as a path relative
/// to the records root, `prefix` being the root relative to the top.
fn under<'a>(prefix: &str, path: &'a str) -> Option<&'a str> {
    if prefix.is_empty() {
        Some(path)
    } else {
        path.strip_prefix(prefix)?.strip_prefix('/')
    }
}

/// The records root relative to the repository's top, `/`-separated.
fn rel_of(root: &Path, top: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let top = top.canonicalize().unwrap_or_else(|_| top.to_path_buf());
    root.strip_prefix(&top)
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default()
}

/// The children (ids) and whether anything service-wide (`iro.toml`,
/// `iros/`) is among `files`.
pub fn touched(files: &BTreeSet<String>) -> (BTreeSet<String>, bool) {
    let mut kids = BTreeSet::new();
    let mut service = false;
    for f in files {
        let parts: Vec<&str> = f.split('/').collect();
        match parts.as_slice() {
            ["children", id, ..] => {
                kids.insert(id.to_string());
            }
            ["iro.toml"] | ["iros", ..] => service = true,
            _ => {}
        }
    }
    (kids, service)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touched_children_and_service() {
        let files: BTreeSet<String> = [
            "children/C1/reviews/2024-01-01.md",
            "children/C2/child.yaml",
            "report/2025-26/01-a.md",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (k, s) = touched(&files);
        assert_eq!(k.into_iter().collect::<Vec<_>>(), ["C1", "C2"]);
        assert!(!s);
        let (_, s) = touched(&BTreeSet::from(["iros/a.yaml".to_string()]));
        assert!(s);
        let h = hook_script("records", Path::new("/usr/bin/iro"));
        assert!(h.starts_with("#!/bin/sh\n# iro pre-commit hook") && h.contains("--no-verify"));
        assert!(h.contains("hook run --root \"$top/records\""));
    }
}
