//! Link settings Cargo.toml cannot make conditional.
//!
//! On Linux with glibc 2.36 or later, the server is linked with packed
//! relative relocations (`-z pack-relative-relocs`, DT_RELR): a
//! position-independent executable lists every pointer the loader must
//! adjust at start, and packed, that list is 7 KB instead of 580 KB, read
//! into memory by every process before `main` (the idle server's resident
//! set is about 1 MB smaller: `cargo bench --bench memory`). Older glibc
//! cannot load such a binary, so the flag is given only when the C library
//! of the machine building is recent enough, building for that same
//! machine with its own C compiler as the linker (no linker configured
//! through the environment: `cargo zigbuild` and the like link against
//! other C libraries). A binary so built needs glibc 2.36 where it runs:
//! to build for older systems, set `TREATY_LSP_NO_RELR=1`. (The answer is
//! kept until build.rs or that variable changes.)

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=TREATY_LSP_NO_RELR");
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    if std::env::var("TREATY_LSP_NO_RELR").is_ok_and(|v| !v.is_empty() && v != "0") {
        return;
    }
    let target = std::env::var("TARGET").unwrap_or_default();
    let for_this_machine = std::env::var("HOST").is_ok_and(|host| host == target);
    let linker_variable = format!(
        "CARGO_TARGET_{}_LINKER",
        target.to_uppercase().replace(['-', '.'], "_")
    );
    println!("cargo:rerun-if-env-changed={linker_variable}");
    let own_linker = std::env::var_os(&linker_variable).is_none()
        && std::env::var_os("RUSTC_LINKER").is_none()
        && !std::env::var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|f| f.contains("linker"));
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if for_this_machine && own_linker && linux_gnu && glibc_at_least(2, 36) {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether the C library this build script runs on is glibc `major.minor`
/// or later.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn glibc_at_least(major: u32, minor: u32) -> bool {
    extern "C" {
        fn gnu_get_libc_version() -> *const std::ffi::c_char;
    }
    // SAFETY: glibc returns a static NUL-terminated string such as "2.36"
    let version = unsafe { std::ffi::CStr::from_ptr(gnu_get_libc_version()) };
    let mut parts = version
        .to_str()
        .unwrap_or("")
        .split('.')
        .map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0)) >= (major, minor)
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn glibc_at_least(_major: u32, _minor: u32) -> bool {
    false
}
