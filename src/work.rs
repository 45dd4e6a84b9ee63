//! A count of the steps that lub's searches take (characters scanned to
//! place a finding, ids compared to match a directive, lines compared to
//! diff a fix), so that a test can show that the work grows with the input
//! and not with its square, without timing anything.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Counts `steps` steps on this thread.
pub(crate) fn add(steps: usize) {
    STEPS.with(|count| count.set(count.get().saturating_add(steps as u64)));
}

/// What `f` returns, and the steps it took on this thread.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, u64) {
    let before = STEPS.with(Cell::get);
    let result = f();
    (result, STEPS.with(Cell::get).saturating_sub(before))
}
