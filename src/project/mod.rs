//! A project: which files belong to it and as what. One module for the
//! server and the CLI, so a new kind of file is added in one place.
//!
//! - `roles`: which file is a draft, a positions file or a submission, by
//!   its name (pure: the analysis layer uses it when a file is added by
//!   name);
//! - `discover`: the files of a folder and what `treaty.toml` lists, read
//!   from the disk (for the server and the CLI only);
//! - `paths`: one file named relative to another (pure);
//! - `read`: reading one of them, only if it is a regular file under the
//!   size cap, as UTF-8.

pub mod discover;
pub mod paths;
pub mod read;
pub mod roles;

pub use roles::Role;
