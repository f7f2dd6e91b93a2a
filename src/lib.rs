//! treaty-lsp: reads draft treaties, their cross-references and the
//! stakeholder positions on them.
//!
//! Data flows one way: [`syntax`] (text -> tree) -> [`analysis`] (resolve,
//! diagnostics) -> [`cli`] and, later, the language server.

pub mod align;
pub mod analysis;
pub mod cli;
pub mod extract;
pub mod positions;
pub mod project;
pub mod server;
pub mod syntax;
