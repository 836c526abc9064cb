//! Test support shared by the test crates (each uses a part of it).
#![allow(dead_code)]

pub mod commands;
pub mod decode;
pub mod vectors;
