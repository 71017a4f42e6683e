//! Per-host politeness: at most N requests in flight to one host, and a minimum
//! interval between the starts of two requests to it.
use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Shared by all fetching threads.
#[derive(Debug)]
pub(crate) struct HostGate {
    max_in_flight: usize,
    default_interval: Duration,
    hosts: Mutex<HashMap<String, HostSlot>>,
    freed: Condvar,
}

#[derive(Debug)]
struct HostSlot {
    in_flight: usize,
    next_start: Instant,
    interval: Duration,
}

/// Held while a request to a host runs.
pub(crate) struct HostPermit<'a> {
    gate: &'a HostGate,
    host: String,
}

impl HostGate {
    pub fn new(max_in_flight: usize, interval: Duration) -> HostGate {
        HostGate {
            max_in_flight: max_in_flight.max(1),
            default_interval: interval,
            hosts: Mutex::new(HashMap::new()),
            freed: Condvar::new(),
        }
    }

    /// Raises the interval for one host (robots.txt Crawl-delay); never lowers it
    /// below the configured one.
    pub fn set_interval(&self, host: &str, interval: Duration) {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        let slot = hosts.entry(host.to_string()).or_insert_with(|| HostSlot {
            in_flight: 0,
            next_start: Instant::now(),
            interval: self.default_interval,
        });
        slot.interval = interval.max(self.default_interval);
    }

    /// Waits until a request to `host` may start.
    pub fn acquire(&self, host: &str) -> HostPermit<'_> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let now = Instant::now();
            let slot = hosts.entry(host.to_string()).or_insert_with(|| HostSlot {
                in_flight: 0,
                next_start: now,
                interval: self.default_interval,
            });
            if slot.in_flight < self.max_in_flight && slot.next_start <= now {
                slot.in_flight += 1;
                slot.next_start = now + slot.interval;
                return HostPermit {
                    gate: self,
                    host: host.to_string(),
                };
            }
            let wait = if slot.in_flight < self.max_in_flight {
                slot.next_start - now
            } else {
                // Woken by a release; the timeout guards against a missed one.
                Duration::from_millis(250)
            };
            hosts = self
                .freed
                .wait_timeout(hosts, wait)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

impl Drop for HostPermit<'_> {
    fn drop(&mut self) {
        let mut hosts = self.gate.hosts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(slot) = hosts.get_mut(&self.host) {
            slot.in_flight = slot.in_flight.saturating_sub(1);
        }
        self.gate.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn limits_concurrency_per_host() {
        let gate = HostGate::new(2, Duration::ZERO);
        let now_in = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..6 {
                s.spawn(|| {
                    let _p = gate.acquire("a");
                    let n = now_in.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(n, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    now_in.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert_eq!(peak.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn spaces_request_starts() {
        let gate = HostGate::new(2, Duration::from_millis(50));
        let t0 = Instant::now();
        for _ in 0..3 {
            drop(gate.acquire("a"));
        }
        assert!(t0.elapsed() >= Duration::from_millis(100));
        // Another host is not held back.
        let t1 = Instant::now();
        drop(gate.acquire("b"));
        assert!(t1.elapsed() < Duration::from_millis(40));
    }
}
