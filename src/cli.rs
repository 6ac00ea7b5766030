//! The command line: commands, arguments and their help texts.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Static-site generator for interactive handbooks: German search, checklists that remember,
/// print, and a live preview.
#[derive(Debug, Parser)]
#[command(name = "handbook", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the handbook into a static site
    Build {
        /// The handbook's folder (the one that holds content/)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Where to write the site [default: DIR/public]
        #[arg(short, long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Publish at this address instead of handbook.yaml's base_url (e.g. a deploy preview)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Check the handbook for errors without writing anything
    Check {
        /// The handbook's folder (the one that holds content/)
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Build, serve and rebuild on every change, reloading the browser
    Serve {
        /// The handbook's folder (the one that holds content/)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Port to listen on
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
        /// Address to listen on (127.0.0.1 keeps the preview on this computer)
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Open the preview in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Start a new handbook in DIR
    Init {
        /// The folder to create (must be empty or not exist)
        dir: PathBuf,
    },
}
