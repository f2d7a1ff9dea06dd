//! One pace for every call of a run: calls leave at most `rate` per second, evenly spaced,
//! and none leaves while a `Retry-After` window is open.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

pub struct Limiter {
    state: Mutex<State>,
}

struct State {
    interval: Duration,
    next_slot: Instant,
    paused_until: Instant,
}

impl Limiter {
    /// A limiter letting `rate_per_sec` calls through each second.
    pub fn new(rate_per_sec: f64) -> Self {
        let now = Instant::now();
        Limiter {
            state: Mutex::new(State {
                interval: interval_for(rate_per_sec),
                next_slot: now,
                paused_until: now,
            }),
        }
    }

    /// Waits for the caller's turn to send one call.
    pub async fn acquire(&self) {
        loop {
            let slot = {
                let mut state = self.state.lock().expect("limiter lock");
                let slot = state.next_slot.max(state.paused_until).max(Instant::now());
                state.next_slot = slot + state.interval;
                slot
            };
            tokio::time::sleep_until(slot).await;
            // A Retry-After may have arrived while we slept: then wait for a new turn.
            let paused_until = self.state.lock().expect("limiter lock").paused_until;
            if paused_until <= Instant::now() {
                return;
            }
        }
    }

    /// Holds every call back for `wait` (a `Retry-After`), and slows the pace by a quarter:
    /// a 429 means the quota is lower than we thought.
    pub fn pause(&self, wait: Duration) {
        let mut state = self.state.lock().expect("limiter lock");
        let until = Instant::now() + wait;
        state.paused_until = state.paused_until.max(until);
        state.interval = (state.interval.mul_f64(1.25)).min(Duration::from_secs(1));
    }

    /// Calls per second at the current pace.
    pub fn rate(&self) -> f64 {
        1.0 / self
            .state
            .lock()
            .expect("limiter lock")
            .interval
            .as_secs_f64()
    }
}

fn interval_for(rate_per_sec: f64) -> Duration {
    Duration::from_secs_f64(1.0 / rate_per_sec.clamp(0.01, 1000.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn spaces_calls_evenly() {
        let limiter = Limiter::new(10.0);
        let start = Instant::now();
        for _ in 0..11 {
            limiter.acquire().await;
        }
        assert_eq!(start.elapsed(), Duration::from_millis(1000));
    }

    #[tokio::test(start_paused = true)]
    async fn no_call_leaves_during_a_retry_after_window() {
        let limiter = Limiter::new(10.0);
        limiter.acquire().await;
        let start = Instant::now();
        limiter.pause(Duration::from_secs(2));
        limiter.acquire().await;
        assert!(start.elapsed() >= Duration::from_secs(2));
        assert!(limiter.rate() < 10.0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_arriving_while_waiting_holds_the_waiting_call() {
        let limiter = std::sync::Arc::new(Limiter::new(1.0));
        limiter.acquire().await;
        let start = Instant::now();
        let waiter = {
            let limiter = limiter.clone();
            tokio::spawn(async move {
                limiter.acquire().await;
                Instant::now()
            })
        };
        tokio::time::sleep(Duration::from_millis(500)).await;
        limiter.pause(Duration::from_secs(3));
        let sent_at = waiter.await.unwrap();
        assert!(sent_at - start >= Duration::from_millis(3500));
    }
}
