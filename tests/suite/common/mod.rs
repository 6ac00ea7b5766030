//! Shared test helpers: fixture copies in temporary folders, the real binary, output snapshots.

pub(crate) mod browser;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of a fixture handbook in a temporary folder (removed on drop).
pub(crate) struct Book {
    pub dir: tempfile::TempDir,
}

impl Book {
    pub(crate) fn new(fixture: &str) -> Book {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture_dir(fixture), dir.path());
        Book { dir }
    }

    /// A copy of the repository's own handbook (content/ and theme/).
    pub(crate) fn repo() -> Book {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&root.join("content"), &dir.path().join("content"));
        copy_dir(&root.join("theme"), &dir.path().join("theme"));
        std::fs::copy(root.join("netlify.toml"), dir.path().join("netlify.toml")).ok();
        Book { dir }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replaces the first occurrence of `from` in a file.
    pub(crate) fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Runs the real binary in this handbook's folder.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        handbook(self.path(), args)
    }
}

pub(crate) fn handbook(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run handbook")
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every file below `dir` with its bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// `handbook serve` on a free port, killed on drop.
pub(crate) struct Serve {
    child: std::process::Child,
    pub port: u16,
    pub url: String,
}

impl Serve {
    pub(crate) fn start(dir: &Path) -> Serve {
        let port = browser::free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(["serve", ".", "--port", &port.to_string()])
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start serve");
        browser::wait_for_port(port);
        Serve {
            child,
            port,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Serve {
    /// Sends Ctrl-C (SIGINT) and waits for the process to end; its exit status.
    pub(crate) fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill");
        let start = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(5),
                "serve did not stop on Ctrl-C"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A raw HTTP/1.0 request (the path is sent exactly as given); returns the status code and the whole answer.
pub(crate) fn raw_get(port: u16, method: &str, path: &str) -> (u16, String) {
    raw_request(port, method, path, "localhost")
}

/// Like [`raw_get`], with the `Host` header given.
pub(crate) fn raw_request(port: u16, method: &str, path: &str, host: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .expect("timeout");
    write!(s, "{method} {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").expect("write");
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let code = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, text)
}
