//! The benchmark binary (skeleton; being built).

fn main() {}
