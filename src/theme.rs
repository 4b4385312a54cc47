//! The theme layer, as mdBook does it: the default theme (templates, CSS,
//! Typst, fonts) is compiled into the binary, and a service's
//! `themes/<name>/` (chosen by `[service] theme` in `iro.toml`) overrides any
//! file of it one by one, in any subfolder, fonts included. A file the
//! service does not override falls back to the default.
//!
//! Theme files are read under the one safe-read policy (`load::read`):
//! regular files only, inside the records root, at most 5 MiB each, and
//! never through a symbolic link (a theme's files are published).

use crate::load::read::{MAX_ASSET_BYTES, read_bytes};
use include_dir::{Dir, include_dir};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

/// The default theme, compiled in.
static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A problem with a theme file: its path (relative to the records root for
/// a service's file, `default theme: ...` for a built-in one), the line when
/// known, and what is wrong. Never carries a data value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeError {
    /// The file.
    pub path: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ThemeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.path, self.message),
            (Some(l), None) => write!(f, "{}:{l}: {}", self.path, self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ThemeError {}

/// The files of a theme: the default's, with a service's overrides on top.
#[derive(Clone, Debug)]
pub struct Theme {
    files: BTreeMap<String, Cow<'static, [u8]>>,
    /// Files that came from the service's folder.
    overridden: BTreeSet<String>,
    /// `themes/<name>` when a service theme is used.
    dir: Option<String>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::builtin()
    }
}

fn walk_default(dir: &'static Dir<'static>, out: &mut BTreeMap<String, Cow<'static, [u8]>>) {
    for f in dir.files() {
        let p = f.path().to_string_lossy().replace('\\', "/");
        out.insert(p, Cow::Borrowed(f.contents()));
    }
    for d in dir.dirs() {
        walk_default(d, out);
    }
}

/// `themes/<name>/<path>` of a file under a theme's folder, for messages.
fn shown_path(name: &str, dir: &Path, p: &Path) -> String {
    let rel = p
        .strip_prefix(dir)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/");
    format!("themes/{name}/{rel}")
}

/// A theme file's path: plain names of letters, digits, `-`, `_` and `.`.
pub fn valid_path(rel: &str) -> bool {
    !rel.is_empty()
        && rel.len() <= 200
        && rel.split('/').all(|part| {
            !part.is_empty()
                && !part.starts_with('.')
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

impl Theme {
    /// The default theme alone.
    pub fn builtin() -> Theme {
        let mut files = BTreeMap::new();
        walk_default(&DEFAULT, &mut files);
        Theme {
            files,
            overridden: BTreeSet::new(),
            dir: None,
        }
    }

    /// The theme `[service] theme` names (`None`: the default). A service's
    /// folder `themes/<name>/` must exist; `default` without a folder is the
    /// built-in theme.
    pub fn load(root: &Path, name: Option<&str>) -> Result<Theme, ThemeError> {
        let Some(name) = name else {
            return Ok(Theme::builtin());
        };
        if !crate::load::valid_id(name) {
            return Err(ThemeError {
                path: "iro.toml".into(),
                line: None,
                column: None,
                message: "[service] theme must be a folder name under themes/".into(),
            });
        }
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            if name == "default" {
                return Ok(Theme::builtin());
            }
            return Err(ThemeError {
                path: format!("themes/{name}"),
                line: None,
                column: None,
                message: "no such folder: [service] theme in iro.toml names a folder under themes/"
                    .into(),
            });
        }
        let mut overrides = BTreeMap::new();
        let walker = walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = entry.map_err(|e| ThemeError {
                path: format!("themes/{name}"),
                line: None,
                column: None,
                message: format!(
                    "cannot read the theme folder: {}",
                    e.io_error()
                        .map(|x| x.kind().to_string())
                        .unwrap_or_default()
                ),
            })?;
            // The theme's folder itself (a link to a folder, walked in
            // place; its files are read under the safe-read policy).
            if entry.depth() == 0 || entry.file_type().is_dir() {
                continue;
            }
            // Everything in a theme may be published: never through a
            // link (a child's letter linked into site/assets would be).
            if entry.path_is_symlink() {
                return Err(ThemeError {
                    path: shown_path(name, &dir, entry.path()),
                    line: None,
                    column: None,
                    message: "a theme file may not be a symbolic link: a theme's files are published, and a link could reach private files".into(),
                });
            }
            let rel = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let shown = format!("themes/{name}/{rel}");
            if !valid_path(&rel) {
                return Err(ThemeError {
                    path: shown,
                    line: None,
                    column: None,
                    message: "theme file names may hold only letters, digits, `-`, `_` and `.`"
                        .into(),
                });
            }
            let bytes =
                read_bytes(root, entry.path(), MAX_ASSET_BYTES).map_err(|d| ThemeError {
                    path: shown.clone(),
                    line: None,
                    column: None,
                    message: d.message,
                })?;
            overrides.insert(rel, bytes);
        }
        let mut t = Theme::with_overrides(overrides);
        t.dir = Some(format!("themes/{name}"));
        Ok(t)
    }

    /// The default theme with `overrides` (path in the theme -> bytes) on top.
    pub fn with_overrides(overrides: BTreeMap<String, Vec<u8>>) -> Theme {
        let mut t = Theme::builtin();
        for (p, b) in overrides {
            t.overridden.insert(p.clone());
            t.files.insert(p, Cow::Owned(b));
        }
        t
    }

    /// Where a theme file comes from, for messages: `themes/<name>/<path>`
    /// or `default theme: <path>`.
    pub fn shown(&self, path: &str) -> String {
        match &self.dir {
            Some(d) if self.overridden.contains(path) => format!("{d}/{path}"),
            _ => format!("default theme: {path}"),
        }
    }

    /// A file's bytes.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| &**b)
    }

    /// A file's text; not found or not UTF-8 is an error naming the file.
    pub fn text(&self, path: &str) -> Result<&str, ThemeError> {
        let bytes = self.get(path).ok_or_else(|| ThemeError {
            path: self.shown(path),
            line: None,
            column: None,
            message: "no such file in the theme".into(),
        })?;
        std::str::from_utf8(bytes).map_err(|e| {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let col = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            ThemeError {
                path: self.shown(path),
                line: Some(line),
                column: Some(col),
                message: "the file is not UTF-8 text; save it as UTF-8".into(),
            }
        })
    }

    /// Files under `prefix/` (paths relative to it), in path order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        let p = format!("{}/", prefix.trim_end_matches('/'));
        self.files
            .iter()
            .filter_map(move |(k, v)| k.strip_prefix(p.as_str()).map(|r| (r, &**v)))
    }

    /// Whether the service overrides `path`.
    pub fn is_overridden(&self, path: &str) -> bool {
        self.overridden.contains(path)
    }

    /// The font files (`fonts/*.ttf`, `.otf`, `.ttc`), the service's first.
    pub fn fonts(&self) -> Vec<Vec<u8>> {
        let is_font = |p: &str| {
            let l = p.to_ascii_lowercase();
            l.ends_with(".ttf") || l.ends_with(".otf") || l.ends_with(".ttc")
        };
        let mut own = Vec::new();
        let mut builtin = Vec::new();
        for (p, b) in self.under("fonts") {
            if !is_font(p) {
                continue;
            }
            if self.is_overridden(&format!("fonts/{p}")) {
                own.push(b.to_vec());
            } else {
                builtin.push(b.to_vec());
            }
        }
        own.extend(builtin);
        own
    }

    /// A template environment over the theme's `.html` and `.svg` files
    /// under `prefix` (named relative to it): autoescape on, undefined
    /// variables are errors, and errors never print variables.
    pub fn jinja(&self, prefix: &str) -> Result<minijinja::Environment<'static>, ThemeError> {
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_debug(false);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".svg") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        let names: Vec<String> = self
            .under(prefix)
            .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".svg"))
            .map(|(p, _)| p.to_string())
            .collect();
        for name in names {
            let full = format!("{}/{name}", prefix.trim_end_matches('/'));
            let text = self.text(&full)?.to_string();
            env.add_template_owned(name.clone(), text)
                .map_err(|e| self.template_error(prefix, &e))?;
        }
        Ok(env)
    }

    /// A minijinja error as the theme file, line and kind (never the debug
    /// form, which prints the variables in scope).
    pub fn template_error(&self, prefix: &str, e: &minijinja::Error) -> ThemeError {
        let path = match e.name() {
            Some(n) => self.shown(&format!("{}/{n}", prefix.trim_end_matches('/'))),
            None => format!("theme {prefix}"),
        };
        let mut message = e.kind().to_string();
        if let Some(d) = e.detail() {
            message = format!("{message}: {d}");
        }
        ThemeError {
            path,
            line: e.line().filter(|l| *l > 0),
            column: None,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_theme_is_compiled_in() {
        let t = Theme::builtin();
        assert!(t.get("letters/base.html").is_some());
        assert!(t.text("letters/letter-8-12.typ").is_ok());
        assert_eq!(t.fonts().len(), 4);
        assert!(t.under("letters").any(|(p, _)| p == "card.html"));
    }

    #[test]
    fn overrides_one_file_in_any_folder() {
        let mut o = BTreeMap::new();
        o.insert("letters/card.html".to_string(), b"mine".to_vec());
        o.insert("site/extra/x.css".to_string(), b"a{}".to_vec());
        o.insert("letters/bad.html".to_string(), vec![b'a', 0xff]);
        let t = Theme::with_overrides(o);
        assert_eq!(t.text("letters/card.html").unwrap(), "mine");
        assert!(t.text("letters/base.html").unwrap().contains("<"));
        assert_eq!(t.get("site/extra/x.css"), Some(&b"a{}"[..]));
        let e = t.text("letters/bad.html").unwrap_err();
        assert_eq!((e.line, e.column), (Some(1), Some(2)));
        assert!(
            valid_path("a/b-c_d.e")
                && !valid_path("../x")
                && !valid_path("a/.h")
                && !valid_path("")
        );
    }
}
