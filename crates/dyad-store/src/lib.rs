//! dyad-store: to be written.
