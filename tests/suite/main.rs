//! The integration tests, one binary (the crate links once): the real binary on fixture
//! handbooks, this repository's handbook, the preview server and headless Chromium.

mod common;

mod browser;
mod build;
mod content;
mod init;
mod offline;
mod paper;
mod phones;
mod plans;
mod robust;
mod search;
mod serve;
mod trust;
