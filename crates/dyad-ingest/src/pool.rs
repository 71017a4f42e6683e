//! A small pool of threads for fetching: results come back on the calling thread,
//! so callers need not be `Send`.
use std::sync::Mutex;

/// Runs `work` on every job on up to `workers` threads, handing each result to
/// `on_result` on the calling thread as it comes.
pub(crate) fn run_pool<J, R>(
    jobs: Vec<J>,
    workers: usize,
    work: impl Fn(J) -> R + Sync,
    mut on_result: impl FnMut(R),
) where
    J: Send,
    R: Send,
{
    let n = workers.min(jobs.len());
    if n <= 1 {
        for job in jobs {
            on_result(work(job));
        }
        return;
    }
    let queue = Mutex::new(jobs.into_iter());
    let (tx, rx) = std::sync::mpsc::sync_channel(n);
    std::thread::scope(|s| {
        for _ in 0..n {
            let tx = tx.clone();
            let queue = &queue;
            let work = &work;
            s.spawn(move || loop {
                let job = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some(job) = job else { break };
                if tx.send(work(job)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for r in rx {
            on_result(r);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_returns_every_result() {
        let mut got = Vec::new();
        run_pool((0..50).collect(), 4, |i: i32| i * 2, |r| got.push(r));
        got.sort();
        assert_eq!(got, (0..50).map(|i| i * 2).collect::<Vec<_>>());
    }
}
