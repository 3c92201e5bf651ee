//! The jump list: views left behind by a `:` view command, kept so `-` (previous view) and
//! `C-o`/Tab (back, forward) return to them as they were, without walking a stack. Plain data,
//! generic over what an entry is, so its rules are tested without panes.

/// Entries kept at most; the oldest one that may go is dropped beyond this.
pub const MAX_JUMPS: usize = 20;

pub struct JumpList<T> {
    /// Older views, the most recent last.
    back: Vec<T>,
    /// Views left by going back, the nearest last.
    forward: Vec<T>,
}

impl<T> Default for JumpList<T> {
    fn default() -> Self {
        JumpList {
            back: Vec::new(),
            forward: Vec::new(),
        }
    }
}

impl<T> JumpList<T> {
    /// A new view replaces `current`: it becomes the most recent entry, and the views ahead
    /// of it (left by going back) are forgotten, as a browser does. Returns what no longer
    /// fits, for the caller to close; `may_drop` says which entries can go (one still running
    /// a transfer is kept past the bound rather than interrupted).
    pub fn leave(&mut self, current: T, may_drop: impl Fn(&T) -> bool) -> Vec<T> {
        let mut dropped: Vec<T> = self.forward.drain(..).collect();
        self.back.push(current);
        while self.back.len() > MAX_JUMPS {
            let Some(oldest) = self.back.iter().position(&may_drop) else {
                break;
            };
            dropped.push(self.back.remove(oldest));
        }
        dropped
    }

    /// `-`: the most recent entry swaps places with `current`, so pressing it again comes
    /// back. `Err(current)` when there is nothing to go to.
    pub fn previous(&mut self, current: T) -> Result<T, T> {
        match self.back.pop() {
            Some(previous) => {
                self.back.push(current);
                Ok(previous)
            }
            None => Err(current),
        }
    }

    /// `C-o`: one step back; `current` waits ahead for `forward`.
    pub fn back(&mut self, current: T) -> Result<T, T> {
        step(&mut self.back, &mut self.forward, current)
    }

    /// Tab (`C-i`): one step forward again after `back`.
    pub fn forward(&mut self, current: T) -> Result<T, T> {
        step(&mut self.forward, &mut self.back, current)
    }

    /// Every entry, for routing answers to the views they hold.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.back.iter_mut().chain(self.forward.iter_mut())
    }

    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = &T> {
        self.back.iter().chain(self.forward.iter())
    }

    #[cfg(test)]
    fn count(&self) -> usize {
        self.back.len() + self.forward.len()
    }
}

fn step<T>(from: &mut Vec<T>, to: &mut Vec<T>, current: T) -> Result<T, T> {
    match from.pop() {
        Some(next) => {
            to.push(current);
            Ok(next)
        }
        None => Err(current),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(_: &&str) -> bool {
        true
    }

    #[test]
    fn previous_toggles_between_the_last_two_views() {
        let mut jumps = JumpList::default();
        jumps.leave("s3", any);
        // On ec2 now.
        let now = jumps.previous("ec2").unwrap();
        assert_eq!(now, "s3");
        let now = jumps.previous(now).unwrap();
        assert_eq!(now, "ec2");
        assert_eq!(jumps.count(), 1);
    }

    #[test]
    fn back_and_forward_walk_the_list_without_losing_entries() {
        let mut jumps = JumpList::default();
        jumps.leave("home", any);
        jumps.leave("s3", any);
        jumps.leave("ec2", any);
        let now = jumps.back("lambda").unwrap();
        assert_eq!(now, "ec2");
        let now = jumps.back(now).unwrap();
        assert_eq!(now, "s3");
        let now = jumps.forward(now).unwrap();
        assert_eq!(now, "ec2");
        let now = jumps.forward(now).unwrap();
        assert_eq!(now, "lambda");
        assert_eq!(jumps.forward(now), Err("lambda"), "nothing further ahead");
        let mut jumps: JumpList<&str> = JumpList::default();
        assert_eq!(jumps.back("home"), Err("home"));
        assert_eq!(jumps.previous("home"), Err("home"));
    }

    #[test]
    fn a_new_view_after_going_back_forgets_the_views_ahead() {
        let mut jumps = JumpList::default();
        jumps.leave("s3", any);
        jumps.leave("ec2", any);
        let now = jumps.back("lambda").unwrap();
        let dropped = jumps.leave(now, any);
        assert_eq!(dropped, ["lambda"], "closed by the caller");
        assert_eq!(jumps.forward("rds"), Err("rds"));
    }

    #[test]
    fn the_list_is_bounded_and_keeps_entries_that_may_not_go() {
        let mut jumps = JumpList::default();
        jumps.leave("transfer", |_: &&str| true);
        let busy = |e: &&str| *e != "transfer";
        let mut dropped = Vec::new();
        for _ in 0..MAX_JUMPS + 5 {
            dropped.extend(jumps.leave("view", busy));
        }
        assert_eq!(jumps.count(), MAX_JUMPS);
        assert_eq!(dropped.len(), 6);
        assert!(jumps.iter().any(|e| *e == "transfer"), "kept past its age");
    }
}
