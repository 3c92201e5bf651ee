//! Files only their owner can read. awsterm's own files name accounts and resources, and some
//! hold payloads and log lines with secrets in them, so every writer of the log, payloads,
//! payload history, saved queries, saved tails and exports creates its files 0600 and its
//! directories 0700 through here — whatever the umask says.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` and any missing parents 0700. Directories that already exist are left as
/// they are: a user-chosen destination (`~/exports`) is theirs to set.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
}

/// One of awsterm's own directories (state dir, payloads): created 0700, and made 0700 if an
/// older version left it readable by others.
pub fn own_dir(dir: &Path) -> io::Result<()> {
    create_dir_all(dir)?;
    tighten(dir, DIR_MODE)
}

/// Options that create a file 0600 (on top of whatever else the caller sets).
pub fn options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.mode(FILE_MODE);
    options
}

/// Opens `path` for appending, creating it 0600 (missing directories 0700); a file an older
/// version created readable by others is made 0600.
pub fn open_append(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        create_dir_all(dir)?;
    }
    let file = options().create(true).append(true).open(path)?;
    let mode = file.metadata()?.permissions().mode() & 0o777;
    if mode & !FILE_MODE != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(FILE_MODE))?;
    }
    Ok(file)
}

/// Replaces `path` whole through a 0600 temporary file beside it, so a crash never leaves
/// half a file and the contents are never readable by others, not even for a moment.
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = options()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)?;
        // A temporary left by a crash may be wider than 0600: the mode applies on creation only.
        file.set_permissions(std::fs::Permissions::from_mode(FILE_MODE))?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match written.and_then(|()| std::fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

fn tighten(path: &Path, mode: u32) -> io::Result<()> {
    let current = std::fs::metadata(path)?.permissions().mode() & 0o777;
    if current & !mode != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(current & mode))?;
    }
    Ok(())
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// The permission bits of `path` (tests elsewhere check the files they write).
    pub fn mode_of(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// Sets a permissive umask (0022, the usual one) while alive, so a test proves the modes do
    /// not come from the umask. Tests that create files take it in turn.
    pub struct OpenUmask {
        old: libc::mode_t,
        _turn: std::sync::MutexGuard<'static, ()>,
    }

    impl OpenUmask {
        pub fn set() -> OpenUmask {
            static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
            let turn = LOCK.lock().unwrap_or_else(|p| p.into_inner());
            // SAFETY: umask only changes this process's file creation mask.
            let old = unsafe { libc::umask(0o022) };
            OpenUmask { old, _turn: turn }
        }
    }

    impl Drop for OpenUmask {
        fn drop(&mut self) {
            // SAFETY: as above.
            unsafe { libc::umask(self.old) };
        }
    }

    #[test]
    fn files_and_directories_are_private() {
        let root = tempfile::tempdir().unwrap();
        let log = root.path().join("state/awsterm/awsterm.log");
        let whole = root.path().join("config/payloads/f/x.json");
        let umask = OpenUmask::set();
        open_append(&log).unwrap().write_all(b"line\n").unwrap();
        write_whole(&whole, b"{}").unwrap();
        drop(umask);
        assert_eq!(mode_of(&log), 0o600);
        assert_eq!(mode_of(log.parent().unwrap()), 0o700);
        assert_eq!(mode_of(&root.path().join("state")), 0o700);
        assert_eq!(mode_of(&whole), 0o600);
        assert_eq!(mode_of(whole.parent().unwrap()), 0o700);
        assert_eq!(std::fs::read(&whole).unwrap(), b"{}");
        let left: Vec<_> = std::fs::read_dir(whole.parent().unwrap())
            .unwrap()
            .collect();
        assert_eq!(left.len(), 1, "no temporary file left");
    }

    #[test]
    fn files_an_older_version_left_open_are_tightened() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("awsterm");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let log = dir.join("awsterm.log");
        std::fs::write(&log, "old\n").unwrap();
        std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o644)).unwrap();
        own_dir(&dir).unwrap();
        open_append(&log).unwrap();
        assert_eq!(mode_of(&log), 0o600);
        assert_eq!(mode_of(&dir), 0o700);
        let other = root.path().join("exports");
        std::fs::create_dir(&other).unwrap();
        std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o755)).unwrap();
        create_dir_all(&other.join("x")).unwrap();
        assert_eq!(
            mode_of(&other),
            0o755,
            "a user's own directory is not changed"
        );
        assert_eq!(mode_of(&other.join("x")), 0o700);
    }
}
