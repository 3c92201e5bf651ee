//! Writing a downloaded file so that nothing is ever half there: bytes go to a hidden temporary
//! file beside the target, which is renamed into place only when complete. A failed or
//! cancelled transfer (the future dropped mid-way) removes the temporary file.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub struct AtomicFile {
    temp: PathBuf,
    target: PathBuf,
    file: Option<tokio::fs::File>,
}

impl AtomicFile {
    /// A downloaded object: created with the umask's mode, as `aws s3 cp` does.
    pub async fn create(target: &Path) -> io::Result<AtomicFile> {
        AtomicFile::create_with(target, None).await
    }

    /// A file of awsterm's own making (an export, a saved tail): 0600, new directories 0700.
    pub async fn create_private(target: &Path) -> io::Result<AtomicFile> {
        AtomicFile::create_with(target, Some(crate::private_file::FILE_MODE)).await
    }

    async fn create_with(target: &Path, mode: Option<u32>) -> io::Result<AtomicFile> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let dir = target.parent().unwrap_or(Path::new("."));
        match mode {
            Some(_) => {
                let dir = dir.to_path_buf();
                tokio::task::spawn_blocking(move || crate::private_file::create_dir_all(&dir))
                    .await
                    .map_err(io::Error::other)??
            }
            None => tokio::fs::create_dir_all(dir).await?,
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dir.join(format!(
            ".{name}.awsterm-{}-{}.part",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let mut options = tokio::fs::OpenOptions::new();
        options.write(true).create_new(true);
        if let Some(mode) = mode {
            options.mode(mode);
        }
        let file = options.open(&temp).await?;
        Ok(AtomicFile {
            temp,
            target: target.to_path_buf(),
            file: Some(file),
        })
    }

    pub async fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        use tokio::io::AsyncWriteExt;
        match &mut self.file {
            Some(f) => f.write_all(bytes).await,
            None => Err(io::Error::other("file already committed")),
        }
    }

    /// Flushes to disk and moves into place. Without `overwrite` an existing target is an
    /// error, checked by the rename itself (no window between a check and the move).
    pub async fn commit(mut self, overwrite: bool) -> io::Result<()> {
        if let Some(file) = self.file.take() {
            file.sync_all().await?;
        }
        let (temp, target) = (self.temp.clone(), self.target.clone());
        tokio::task::spawn_blocking(move || rename(&temp, &target, overwrite))
            .await
            .map_err(io::Error::other)??;
        // Committed: nothing left to clean up.
        self.temp = PathBuf::new();
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

fn rename(from: &Path, to: &Path, overwrite: bool) -> io::Result<()> {
    if overwrite {
        return std::fs::rename(from, to);
    }
    // A hard link fails if the target exists, atomically; then the temporary name goes.
    std::fs::hard_link(from, to).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists", to.display()),
            )
        } else {
            e
        }
    })?;
    std::fs::remove_file(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[tokio::test]
    async fn commit_moves_into_place() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub/a.txt");
        let mut f = AtomicFile::create(&target).await.unwrap();
        f.write_all(b"hello").await.unwrap();
        f.commit(false).await.unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"hello");
        assert_eq!(entries(&dir.path().join("sub")), ["a.txt"]);
    }

    #[tokio::test]
    async fn dropping_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = AtomicFile::create(&dir.path().join("a.txt")).await.unwrap();
        f.write_all(b"partial").await.unwrap();
        drop(f);
        assert!(entries(dir.path()).is_empty());
    }

    #[tokio::test]
    async fn private_files_are_created_0600_in_new_0700_directories() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new/tail.log");
        let _umask = crate::private_file::tests::OpenUmask::set();
        let mut f = AtomicFile::create_private(&target).await.unwrap();
        f.write_all(b"secret").await.unwrap();
        f.commit(false).await.unwrap();
        use crate::private_file::tests::mode_of;
        assert_eq!(mode_of(&target), 0o600);
        assert_eq!(mode_of(&dir.path().join("new")), 0o700);
    }

    #[tokio::test]
    async fn an_existing_file_is_kept_unless_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        std::fs::write(&target, b"mine").unwrap();
        let mut f = AtomicFile::create(&target).await.unwrap();
        f.write_all(b"theirs").await.unwrap();
        assert!(f.commit(false).await.is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"mine");
        assert_eq!(entries(dir.path()), ["a.txt"], "no temporary file left");
        let mut f = AtomicFile::create(&target).await.unwrap();
        f.write_all(b"theirs").await.unwrap();
        f.commit(true).await.unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
    }
}
