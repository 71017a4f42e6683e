//! dyad-extract: to be written.
