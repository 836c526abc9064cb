//! A counting global allocator, to see how much a decoder allocates and how
//! many bytes it holds at its peak.
//!
//! Counting is off by default so that the throughput runs pay only one
//! relaxed load per allocation; [`measure`] switches it on around one run.
//! Sizes are the sizes *requested* (a `Vec`'s capacity, not the pages it
//! touched).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering::Relaxed};

/// The wrapper around the system allocator; installed as the global one in
/// `main.rs`.
pub struct Counting;

static ON: AtomicBool = AtomicBool::new(false);
/// Bytes requested by `alloc` and `realloc` (the new size) while counting.
static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
/// Bytes live now, relative to when counting started (blocks allocated
/// before and freed during a run make it go down, hence signed).
static LIVE: AtomicIsize = AtomicIsize::new(0);
/// Highest value of `LIVE` seen.
static PEAK: AtomicIsize = AtomicIsize::new(0);
/// Calls to `alloc`, `alloc_zeroed` and `realloc` while counting.
static CALLS: AtomicUsize = AtomicUsize::new(0);

fn grow(by: usize) {
    CALLS.fetch_add(1, Relaxed);
    let live = LIVE.fetch_add(by as isize, Relaxed) + by as isize;
    PEAK.fetch_max(live, Relaxed);
}

fn shrink(by: usize) {
    LIVE.fetch_sub(by as isize, Relaxed);
}

// SAFETY: every method delegates to `System` with the caller's arguments
// unchanged; the counters have no effect on the memory handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ON.load(Relaxed) {
            ALLOCATED.fetch_add(layout.size(), Relaxed);
            grow(layout.size());
        }
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if ON.load(Relaxed) {
            ALLOCATED.fetch_add(layout.size(), Relaxed);
            grow(layout.size());
        }
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ON.load(Relaxed) {
            shrink(layout.size());
        }
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if ON.load(Relaxed) {
            ALLOCATED.fetch_add(new_size, Relaxed);
            // Counted as the new block appearing before the old one goes,
            // which is what a moving realloc does.
            grow(new_size);
            shrink(layout.size());
        }
        System.realloc(ptr, layout, new_size)
    }
}

/// What one counted run allocated.
#[derive(Clone, Copy, Debug)]
pub struct Usage {
    /// Bytes requested in total.
    pub allocated: usize,
    /// Highest number of bytes live at once, above what was live before.
    pub peak: usize,
    /// Allocation calls (a `realloc` counts as one).
    pub calls: usize,
}

/// Bytes live now, above what was live when the last [`measure`] started
/// (blocks freed since then that were allocated before make it smaller).
/// Only the idle-memory binary reads it.
#[allow(dead_code)]
pub fn live() -> usize {
    LIVE.load(Relaxed).max(0) as usize
}

/// Runs `f` with counting on and returns what it allocated. Not reentrant;
/// the benchmark is single-threaded.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Usage) {
    ALLOCATED.store(0, Relaxed);
    LIVE.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    CALLS.store(0, Relaxed);
    ON.store(true, Relaxed);
    let out = f();
    ON.store(false, Relaxed);
    let usage = Usage {
        allocated: ALLOCATED.load(Relaxed),
        peak: PEAK.load(Relaxed).max(0) as usize,
        calls: CALLS.load(Relaxed),
    };
    (out, usage)
}
