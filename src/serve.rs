//! Serve: the live preview.
pub fn run(_dir: &std::path::Path, _h: &str, _p: u16, _o: bool) -> std::process::ExitCode {
    std::process::ExitCode::from(1)
}
