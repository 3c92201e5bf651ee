//! Files handed to the user's editor: written private (items and payloads may hold secrets) in
//! a directory of this process's own, and the command line that opens them. The runtime writes
//! and reads these files; the views only name what to edit.

use std::path::PathBuf;

/// Writes `contents` to a new file only this user can read, in a directory only they can
/// enter (items and payloads may hold secrets).
pub fn edit_file(name: &str, contents: &str) -> Result<PathBuf, String> {
    use std::os::unix::fs::OpenOptionsExt;
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = edit_dir()?;
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!(
        "{safe}-{}.json",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, contents.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// This process's directory for files handed to an editor, removed when the process exits.
static EDIT_DIR: EditDir = EditDir::new();

fn edit_dir() -> Result<PathBuf, String> {
    static AT_EXIT: std::sync::Once = std::sync::Once::new();
    AT_EXIT.call_once(|| {
        extern "C" fn remove() {
            EDIT_DIR.remove();
        }
        // SAFETY: registers a plain function to run at normal process exit.
        unsafe { libc::atexit(remove) };
    });
    EDIT_DIR.get()
}

/// A fresh directory with a random name, created exclusively and 0700: a predictable name in
/// /tmp could be created first by someone else, and would then be theirs.
struct EditDir(std::sync::Mutex<Option<PathBuf>>);

impl EditDir {
    const fn new() -> EditDir {
        EditDir(std::sync::Mutex::new(None))
    }

    fn get(&self) -> Result<PathBuf, String> {
        let mut current = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(dir) = current.as_ref().filter(|d| d.is_dir()) {
            return Ok(dir.clone());
        }
        let dir = tempfile::Builder::new()
            .prefix("awsterm-")
            .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
            .tempdir()
            .map_err(|e| format!("{}: {e}", std::env::temp_dir().display()))?
            // Kept past this call: `remove` deletes it at exit.
            .keep();
        *current = Some(dir.clone());
        Ok(dir)
    }

    fn remove(&self) {
        let dir = self.0.lock().ok().and_then(|mut d| d.take());
        if let Some(dir) = dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// The editor on `file`: the configured one, else `$VISUAL`, then `$EDITOR`, else `vi`.
pub fn editor_command(configured: &str, file: &std::path::Path) -> crate::pane::ExternalCommand {
    let configured = std::iter::once(configured.to_string())
        .chain(
            ["VISUAL", "EDITOR"]
                .iter()
                .filter_map(|v| std::env::var(v).ok()),
        )
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let mut words = configured.split_whitespace().map(str::to_owned);
    let program = words.next().unwrap_or_else(|| "vi".into());
    let mut args: Vec<String> = words.collect();
    args.push(file.display().to_string());
    crate::pane::ExternalCommand {
        program,
        args,
        requires: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_editor_directory_is_fresh_private_and_unpredictable() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // What the old fixed name would be: someone else may have made it first, open to all.
        let squatted = std::env::temp_dir().join(format!("awsterm-{}", std::process::id()));
        let _ = std::fs::create_dir(&squatted);
        let path = super::edit_file("orders", "{}").unwrap();
        let dir = path.parent().unwrap();
        assert_ne!(dir, squatted.as_path(), "a predictable directory");
        let meta = std::fs::metadata(dir).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o700);
        assert_eq!(meta.uid(), unsafe { libc::getuid() });
        let file_mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(file_mode, 0o600);
        let _ = std::fs::remove_dir(&squatted);
    }

    #[test]
    fn an_edit_directory_is_removed_with_its_files_and_never_reused() {
        let dirs = super::EditDir::new();
        let first = dirs.get().unwrap();
        std::fs::write(first.join("item.json"), "{}").unwrap();
        assert_eq!(dirs.get().unwrap(), first);
        dirs.remove();
        assert!(!first.exists());
        let second = dirs.get().unwrap();
        assert_ne!(second, first);
        dirs.remove();
        assert!(!second.exists());
    }
}
