//! dyad-server: to be written.
