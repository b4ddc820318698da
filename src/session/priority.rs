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

/// Lowers the calling thread's scheduling priority to the background's:
/// [`BACKGROUND_NICE`] below the process's main thread, whatever it was
/// (a thread is created at its creator's priority, so one started by a
/// background thread is there already, and lowering it again would put it
/// below the rest of the background). Linux only: there the nice value is
/// per thread; elsewhere it is per process and would slow the keystrokes
/// too, so nothing is done. Best effort: a refusal leaves the thread as it
/// was.
pub fn background_thread() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{Pid, getpriority_process, setpriority_process};
        // The main thread's id is the process's.
        let main = Some(rustix::process::getpid());
        let tid: Option<Pid> = Some(rustix::thread::gettid());
        if let (Ok(base), Ok(own)) = (getpriority_process(main), getpriority_process(tid)) {
            let background = (base + BACKGROUND_NICE).min(19);
            if own < background {
                let _ = setpriority_process(tid, background);
            }
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

    /// A thread lowered, or started by one lowered, and lowered again is at
    /// the background's priority, not below it.
    #[cfg(target_os = "linux")]
    #[test]
    fn lowering_twice_stays_at_the_background_priority() {
        use rustix::process::getpriority_process;
        let own = || getpriority_process(Some(rustix::thread::gettid())).expect("own priority");
        let main = getpriority_process(Some(rustix::process::getpid())).expect("main's");
        let background = (main + BACKGROUND_NICE).min(19);
        let (twice, child) = std::thread::spawn(move || {
            background_thread();
            background_thread();
            let child = std::thread::spawn(move || {
                background_thread();
                own()
            });
            (own(), child.join().expect("child"))
        })
        .join()
        .expect("thread");
        assert_eq!((twice, child), (background, background));
    }
}
