//! The one safe-read policy for everything iro reads from a records
//! repository (records, `iro.toml`, theme files, photos, logos):
//!
//! - only regular files are opened (a named pipe would block forever, a
//!   device could be endless): anything else is an `io` diagnostic;
//! - symbolic links are resolved and refused when they leave the root,
//!   whether the file is a link or a folder on its path is (a theme folder
//!   or `children/` linked elsewhere); files reached through a link into
//!   `private/` (letters, exports) are refused too;
//! - a size limit, checked before and while reading (a file that grows while
//!   it is read is still refused);
//! - text must be UTF-8; the diagnostic points at the first bad byte.

use crate::diag::Diagnostic;
use std::io::Read;
use std::path::Path;

/// Records are small text files; anything bigger is refused.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Photos, logos and fonts: at most this many bytes.
pub const MAX_ASSET_BYTES: u64 = 5 * 1024 * 1024;

fn cannot(e: std::io::Error) -> Diagnostic {
    Diagnostic::new("io", format!("cannot read the file: {}", e.kind()))
}

/// The diagnostic for an entry that is not a regular file.
pub fn not_regular(what: &str) -> Diagnostic {
    Diagnostic::new("io", format!("not a regular file ({what}): not read"))
        .hint("records are plain files; remove it or replace it with a file")
}

/// What a non-regular file type is, in words.
pub fn kind_words(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else {
        "not a plain file"
    }
}

/// Open `path` for reading under the policy; `is_symlink` when the caller's
/// walk already knows (saves a `stat`): `Some(false)` only from a walk that
/// checked every linked folder on the way (`load`'s). Returns the file and
/// its length.
fn open(
    root: &Path,
    path: &Path,
    is_symlink: Option<bool>,
) -> Result<(std::fs::File, u64), Diagnostic> {
    let is_link = match is_symlink {
        Some(b) => b,
        None => std::fs::symlink_metadata(path)
            .map_err(cannot)?
            .file_type()
            .is_symlink(),
    };
    // Outside a checked walk, a folder on the path may be a link: resolve
    // the whole path.
    if is_link || is_symlink.is_none() {
        let target = path.canonicalize().map_err(|_| {
            Diagnostic::new("io", "broken symbolic link")
                .hint("remove the link or restore its target")
        })?;
        check_target(root, &target, is_link)?;
    }
    // Only regular files are opened: opening a named pipe blocks until
    // someone writes to it.
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular(kind_words(meta.file_type())));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular(kind_words(meta.file_type())));
    }
    Ok((file, meta.len()))
}

/// Where a file really is (`target`, canonical) may be read from: inside
/// the root, and not in its private folder.
fn check_target(root: &Path, target: &Path, is_link: bool) -> Result<(), Diagnostic> {
    let canon;
    let root = match root.canonicalize() {
        Ok(c) => {
            canon = c;
            canon.as_path()
        }
        Err(_) => root,
    };
    if !target.starts_with(root) {
        let (what, hint) = if is_link {
            (
                "symbolic link points outside the repository: not read",
                "copy the file into the repository instead of linking to it",
            )
        } else {
            (
                "a folder on this file's path is a symbolic link that points outside the repository: not read",
                "copy the folder into the repository instead of linking to it",
            )
        };
        return Err(Diagnostic::new("io", what).hint(hint));
    }
    let private = root.join("private");
    let private = private.canonicalize().unwrap_or(private);
    if target.starts_with(&private) {
        return Err(Diagnostic::new(
            "io",
            "this file is in private/ (letters and other children's details), reached through a symbolic link: not read",
        )
        .hint("nothing is read from private/; copy the file you meant elsewhere in the repository"));
    }
    Ok(())
}

/// A folder of the layout that is a symbolic link (`children/`, a child's
/// folder, `iros/`, `report/`...): walked only when its target is a folder
/// inside the root, else an `io` diagnostic (never left out silently).
pub fn linked_dir(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let target = path.canonicalize().map_err(|_| {
        Diagnostic::new("io", "broken symbolic link").hint("remove the link or restore its target")
    })?;
    if !target.starts_with(root) {
        return Err(Diagnostic::new(
            "io",
            "this folder is a symbolic link to a folder outside the repository: nothing in it is read",
        )
        .hint("move the folder into the repository (a link may point only inside it)"));
    }
    Ok(())
}

fn too_large(len: u64, max: u64) -> Diagnostic {
    let limit = if max == MAX_FILE_BYTES {
        "records are at most 1 MiB".to_string()
    } else {
        format!("at most {} MiB", max / (1024 * 1024))
    };
    Diagnostic::new(
        "io",
        format!(
            "file is too large ({:.1} MiB; {limit})",
            len as f64 / (1024.0 * 1024.0)
        ),
    )
    .hint("check this is the right file")
}

/// Read a file inside the root as bytes, at most `max` of them.
pub fn read_bytes(root: &Path, path: &Path, max: u64) -> Result<Vec<u8>, Diagnostic> {
    read_bytes_known(root, path, None, max)
}

fn read_bytes_known(
    root: &Path,
    path: &Path,
    is_symlink: Option<bool>,
    max: u64,
) -> Result<Vec<u8>, Diagnostic> {
    let (file, len) = open(root, path, is_symlink)?;
    if len > max {
        return Err(too_large(len, max));
    }
    let mut buf = Vec::with_capacity(len as usize + 1);
    // `take` guards against a file that grows while it is read.
    file.take(max + 1).read_to_end(&mut buf).map_err(cannot)?;
    if buf.len() as u64 > max {
        return Err(too_large(buf.len() as u64, max));
    }
    Ok(buf)
}

/// Read a record (or `iro.toml`) inside the root as UTF-8 text.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    read_text_known(root, path, None)
}

/// `read_text` when the walker already knows whether the entry is a
/// symbolic link.
pub fn read_text_known(
    root: &Path,
    path: &Path,
    is_symlink: Option<bool>,
) -> Result<String, Diagnostic> {
    let bytes = read_bytes_known(root, path, is_symlink, MAX_FILE_BYTES).map_err(|d| {
        if d.message.starts_with("file is too large") {
            d.hint("a record is a short text file; check this is the right file")
        } else {
            d
        }
    })?;
    String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), e.utf8_error()))
}

/// Bytes as UTF-8 text, or the `io` diagnostic at the first bad byte.
pub fn utf8(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), e.utf8_error()))
}

/// The diagnostic for bytes that are not UTF-8, at the first bad byte.
fn not_utf8(bytes: &[u8], e: std::str::Utf8Error) -> Diagnostic {
    let good = &bytes[..e.valid_up_to()];
    let line = good.iter().filter(|b| **b == b'\n').count() as u32 + 1;
    let col = good.iter().rev().take_while(|b| **b != b'\n').count() as u32 + 1;
    Diagnostic::new("io", "the file is not UTF-8 text")
        .at(line, col)
        .hint("save the file as UTF-8 (most editors: File > Save with encoding)")
}
