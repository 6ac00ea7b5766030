//! The integration tests, one binary (the crate links once): the real binary on fixture
//! handbooks, this repository's handbook, the preview server and headless Chromium.

mod common;

mod browser;
mod build;
mod content;
mod init;
mod offline;
mod paper;
mod parts;
mod phones;
mod plans;
mod preview;
mod robust;
mod schema;
mod search;
mod serve;
mod trust;
