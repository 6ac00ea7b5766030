//! Watch: file changes.
