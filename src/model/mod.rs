//! The content model: what authors write, parsed into types (pure, no I/O).

pub mod config;
pub mod data;
pub mod date;
pub mod markdown;
pub mod site;
pub mod yaml;
