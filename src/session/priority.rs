//! Scheduling priority of background work. In the reader, loading,
//! analysis, story counts and the search index run below keystroke scans
//! and drawing, so on a busy machine (two cores, a full analysis running) a
//! keystroke's scan gets a core at once instead of a share of one.
//!
//! Owns: [`background_thread`] (lower the calling thread) and
//! [`init_background_pool`] (rayon's global pool, where the analysis runs).

/// How far below the process's own priority background threads run (a
/// nice increment; the scheduler then gives a normal thread about ten
/// times their share of a contended core).
const BACKGROUND_NICE: i32 = 10;

/// Lowers the calling thread's scheduling priority. Linux only: there
/// the nice value is per thread; elsewhere it is per process and would
/// slow the keystrokes too, so nothing is done. Best effort: a refusal
/// leaves the thread as it was.
pub fn background_thread() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{getpriority_process, setpriority_process};
        let tid = Some(rustix::thread::gettid());
        if let Ok(nice) = getpriority_process(tid) {
            let _ = setpriority_process(tid, (nice + BACKGROUND_NICE).min(19));
        }
    }
}

/// Builds rayon's global pool with background threads. Call it before
/// anything uses the pool; if it is already built, nothing changes.
pub fn init_background_pool() {
    let _ = rayon::ThreadPoolBuilder::new()
        .start_handler(|_| background_thread())
        .build_global();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The thread that asks is lowered, and only that thread.
    #[cfg(target_os = "linux")]
    #[test]
    fn lowers_the_calling_thread_only() {
        use rustix::process::getpriority_process;
        let own = || getpriority_process(Some(rustix::thread::gettid())).expect("own priority");
        let before = own();
        let lowered = std::thread::spawn(move || {
            background_thread();
            own()
        })
        .join()
        .expect("thread");
        assert_eq!(lowered, (before + BACKGROUND_NICE).min(19));
        assert_eq!(own(), before, "the caller is untouched");
    }
}
