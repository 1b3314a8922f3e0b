//! The types of the Clusters API.

mod catalog;
mod details;
mod enums;
mod events;
mod requests;
mod spec;

pub use catalog::*;
pub use details::*;
pub use enums::*;
pub use events::*;
pub use requests::*;
pub use spec::*;
