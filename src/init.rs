//! Init: writes a small working handbook to start from.
pub fn run(_dir: &std::path::Path) -> std::process::ExitCode {
    std::process::ExitCode::from(1)
}
