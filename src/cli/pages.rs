//! Huge pages for the heap only in a run that needs them. mimalloc asks the
//! kernel for 2 MB pages, which the kernel clears whole at the first touch:
//! a catalogue gains by them, but a check of one file touches some 700 KB
//! of its heap, and each 2 MB page beyond the first cost it more than the
//! small pages it used (on the 2-core machine: 0.26 ms to clear one, 3.6 µs
//! for each 4 KB page). So a run holds them back from its start, and lets
//! them be once it knows it is large.

/// The most files a check reads on small pages.
pub(crate) const SMALL_RUN: usize = 8;

/// Holds huge pages back for the rest of the process, until
/// `allow_huge_pages`. For `main`, before anything else.
pub fn hold_back_huge_pages() {
    set(true);
}

/// Lets the heap have huge pages again, for a run that turned out large.
pub(crate) fn allow_huge_pages() {
    set(false);
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn set(disabled: bool) {
    // A kernel without the setting leaves the pages as they are: nothing
    // to tell the user.
    let _ = rustix::thread::disable_transparent_huge_pages(disabled);
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn set(_disabled: bool) {}
