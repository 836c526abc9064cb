//! Embeds the shared library's soname (ELF targets only).
//!
//! The soname follows the compatibility rule of Cargo's semver: from 1.0
//! on it is `libimap.so.MAJOR`; for 0.x versions, where a new minor version
//! may break the ABI, it is `libimap.so.0.MINOR`. `scripts/install` installs
//! `libimap.so.X.Y.Z` with the symlinks `libimap.so.<soname version>` and
//! `libimap.so`, and computes the same name (keep the two in step).
//!
//! A library with a soname is looked up by that name at run time, so a
//! program linked against `target/<profile>/libimap.so` needs
//! `libimap.so.0.1` next to it: this script also makes that symlink (it
//! points at `libimap.so`, which cargo writes after this script runs).

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let elf = matches!(os.as_str(), "linux" | "android" | "freebsd" | "netbsd" | "openbsd" | "dragonfly" | "solaris" | "illumos");
    if !elf {
        return;
    }
    let major = env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets CARGO_PKG_VERSION_MAJOR");
    let minor = env::var("CARGO_PKG_VERSION_MINOR").expect("cargo sets CARGO_PKG_VERSION_MINOR");
    let soname = if major == "0" { format!("libimap.so.0.{minor}") } else { format!("libimap.so.{major}") };
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    link_in_profile_dir(&soname);
}

/// `target/<profile>/<soname>` -> `libimap.so`, best effort. OUT_DIR is
/// `target/<profile>/build/imap-<hash>/out`.
fn link_in_profile_dir(soname: &str) {
    let Some(out) = env::var_os("OUT_DIR").map(PathBuf::from) else { return };
    let Some(profile_dir) = out.ancestors().nth(3) else { return };
    let link = profile_dir.join(soname);
    if std::fs::symlink_metadata(&link).is_ok() {
        return;
    }
    #[cfg(unix)]
    let _ = std::os::unix::fs::symlink("libimap.so", &link);
}
