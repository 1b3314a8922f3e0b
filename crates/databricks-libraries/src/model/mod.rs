//! The types of the Libraries API.

mod library;
mod status;

pub use library::*;
pub use status::*;
