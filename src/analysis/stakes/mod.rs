//! Stakeholder positions in the draft: the one home for everything the
//! editor shows of who says what. The positions file format is
//! `crate::positions`; what each position targets is resolved in
//! `base::targets`.
//!
//! - `index`: the positions on an element and its parts, as the
//!   stakeholder filter lets them show, counted by stance;
//! - `edits`: a change as plain text edits on the draft;
//! - `quickfix`: changes offered as quick fixes, alone or together;
//! - `status`: whether a position is open, applied, overtaken, or
//!   without counterpart in the text now in front of the user;
//! - `diagnostics`: what is wrong in a positions file, and the hints on
//!   contested elements;
//! - `lenses`: the tally above each article;
//! - `hover`: the positions part of a hover, and where submissions
//!   mention an element;
//! - `extract`: a positions file drafted from a submission in the
//!   workspace, against the latest draft;
//! - `migrate`: a positions file rewritten for a later version of its draft;
//! - `compile`: the draft with every proposal inline, in square brackets;
//! - `report`: the overview of a draft: who takes a position on which
//!   article, with their words and their changes as struck and inserted words.

pub mod compile;
pub mod diagnostics;
pub mod edits;
pub mod extract;
pub mod hover;
pub mod index;
pub mod lenses;
pub mod migrate;
pub mod quickfix;
pub mod report;
pub mod status;
