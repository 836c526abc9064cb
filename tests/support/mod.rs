pub mod commands;
pub mod vectors;
