//! The texts the loader read, by path relative to the records root. Diagnostic
//! excerpts are rendered from here, never re-read from disk, so an excerpt is
//! always the text that was diagnosed (a file changed since, under a watcher,
//! does not show through).

use std::collections::HashMap;
use std::sync::Arc;

/// Loaded texts by relative path (`/` separators).
#[derive(Clone, Debug, Default)]
pub struct Sources(HashMap<String, Arc<str>>);

impl Sources {
    /// No texts.
    pub fn new() -> Sources {
        Sources::default()
    }
    /// Keep the text of `file`.
    pub fn insert(&mut self, file: impl Into<String>, text: impl Into<Arc<str>>) {
        self.0.insert(file.into(), text.into());
    }
    /// The text of `file` as it was loaded.
    pub fn get(&self, file: &str) -> Option<&str> {
        self.0.get(file).map(|t| &**t)
    }
    /// Forget `file` (it was removed or failed to load).
    pub fn remove(&mut self, file: &str) {
        self.0.remove(file);
    }
    /// Number of texts held.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Whether no text is held.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The texts whose path starts with `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> Vec<(String, Arc<str>)> {
        self.0
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Add every text of `other`.
    pub fn extend(&mut self, other: Sources) {
        self.0.extend(other.0);
    }
}
