//! The build stages, in pipeline order: load, parse, validate, render, write.

pub(crate) mod context;
pub mod embed;
pub(crate) mod html;
pub(crate) mod hyphenate;
pub mod later;
pub mod listing;
pub mod load;
pub mod memo;
pub(crate) mod offline;
pub(crate) mod outline;
pub mod parse;
pub(crate) mod print;
pub mod render;
pub mod search;
pub(crate) mod sidebar;
pub mod sink;
pub(crate) mod template_graph;
pub(crate) mod templates;
pub mod theme;
pub mod validate;
pub mod write;
