//! awsterm: a keyboard-driven terminal console for AWS. See `docs/architecture.md` for how the
//! pieces fit together.

pub mod app;
pub mod audit;
pub mod aws;
pub mod bookmarks;
pub mod cli;
pub mod clock;
pub mod command;
pub mod config;
pub mod context;
pub mod docs;
pub mod editor;
pub mod fuzzy;
pub mod glob;
pub mod keymap;
pub mod level;
pub mod message_log;
pub mod msg;
pub mod open;
pub mod pane;
pub mod panes;
pub mod paths;
pub mod policy;
pub mod private_file;
pub mod protocol;
pub mod runtime;
pub mod sanitize;
pub mod saved_payloads;
pub mod saved_queries;
pub mod startup;
pub mod target;
pub mod tasks;
pub mod terminal;
pub mod theme;
pub mod ui;
