//! Transport internals.
