//! STUB (owned by the error helper): error body parsing.
