//! The command line: commands, arguments and their help texts.

use crate::model::config::BaseUrl;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Static-site generator for interactive handbooks: German search, checklists that remember,
/// print, and a live preview.
#[derive(Debug, Parser)]
#[command(name = "handbook", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Language of messages: de or en [default: the handbook's `language:`; or set HANDBOOK_LANG]
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<crate::i18n::Lang>,
    #[command(subcommand)]
    pub command: Command,
}

fn parse_lang(code: &str) -> Result<crate::i18n::Lang, String> {
    crate::i18n::Lang::from_code(code).ok_or_else(|| format!("`{code}`: use de or en"))
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
        base_url: Option<BaseUrl>,
        /// Print how long each stage took
        #[arg(long)]
        timings: bool,
    },
    /// Check the handbook for errors without writing anything
    Check {
        /// The handbook's folder (the one that holds content/)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Print how long each stage took
        #[arg(long)]
        timings: bool,
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
        /// Print how long each stage of every build took
        #[arg(long)]
        timings: bool,
    },
    /// Write JSON Schemas for editors into DIR/schemas (completion and checks while typing)
    Schema {
        /// The handbook's folder (the one that holds content/)
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Create a chapter or a data list from a skeleton: `new chapter "Titel"`, `new checklist ID`
    New {
        /// chapter, organisations, agencies, links, checklist or list
        what: String,
        /// The chapter's title, or the list's id (its file name)
        name: String,
        /// The handbook's folder (the one that holds content/)
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Start a new handbook in DIR
    Init {
        /// The folder to create (must be empty or not exist)
        dir: PathBuf,
    },
}
