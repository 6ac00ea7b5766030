//! The content model: what authors write, parsed into types (pure, no I/O).

pub mod config;
pub mod data;
pub mod date;
pub mod markdown;
pub mod site;
pub mod yaml;

/// A text file as read, with the path shown to the user.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: std::path::PathBuf,
    pub text: String,
}

/// A file copied as it is: its place in the site and where it is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub site_path: String,
    pub source: std::path::PathBuf,
}
