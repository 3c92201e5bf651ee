//! Opening places named from outside the views: the start target of the command line,
//! `:open TARGET`, and bookmarks (`:bm`, `:bm add NAME`, `:bm rm NAME`, `:bm NAME`).

use super::App;
use crate::bookmarks::{Bookmark, BookmarkOp, Change};
use crate::open::AccountCheck;
use crate::open::Start;
use crate::pane::{IdentityState, Level};
use crate::protocol::{Op, Owner, Request};
use std::path::PathBuf;

/// What the app remembers between opening a place and the answers that complete it.
#[derive(Default)]
pub(crate) struct Opening {
    /// `<config dir>/bookmarks.toml`; none: bookmarks cannot be kept.
    bookmarks: Option<PathBuf>,
    /// The account of the last target opened, until STS says the profile's.
    account_check: Option<AccountCheck>,
    /// What a bookmark request was for, said when it is answered.
    pending: Option<Pending>,
}

enum Pending {
    Saved(String),
    Removed(String),
    OpenNamed(String),
}

impl App {
    pub fn set_bookmark_file(&mut self, file: Option<PathBuf>) {
        self.opening.bookmarks = file;
    }

    /// Opens what the command line asked for, once, right after the app is made.
    pub fn start(&mut self, start: Start) {
        match start {
            Start::Home => {}
            Start::Target(target) => self.open_target(target),
            Start::Command(line) => self.run_line(&line),
            // The start's context already is the bookmark's, with `--profile`/`--region` winning
            // (`startup::Start::context_of`): switching to the bookmark's own would undo them.
            Start::Bookmark(bookmark) => self.open_bookmark_in(&bookmark, false),
        }
    }

    /// `:open TARGET`
    pub(crate) fn open_text(&mut self, text: &str) {
        match crate::open::parse(text.trim()) {
            Ok(target) => self.open_target(target),
            Err(e) => self.flash(Level::Error, format!("open: {e}")),
        }
    }

    fn open_target(&mut self, target: crate::open::Target) {
        self.opening.account_check = AccountCheck::of(&target, &self.shared.active);
        let effects = crate::open::effects(&target, &self.shared.active);
        self.apply_effects(effects);
        self.check_target_account();
    }

    /// Once STS has said which account the target's context acts in, says so if it is not
    /// the target's — before its views can only answer "not found".
    pub(crate) fn check_target_account(&mut self) {
        let Some(check) = &self.opening.account_check else {
            return;
        };
        let actual = match self.shared.identities.get(&check.ctx.profile) {
            Some(IdentityState::Resolved(who)) => who.account.clone(),
            Some(IdentityState::Failed(_)) => {
                self.opening.account_check = None;
                return;
            }
            _ => return,
        };
        let Some(check) = self.opening.account_check.take() else {
            return;
        };
        if let Some(text) = check.mismatch(&actual, &self.shared.profiles) {
            self.flash(Level::Warn, text);
        }
    }

    /// `:bm [add NAME | rm NAME | NAME]`
    pub(crate) fn bookmark_command(&mut self, arg: Option<&str>) {
        let Some(file) = self.opening.bookmarks.clone() else {
            self.flash(Level::Error, "no config directory, so no bookmarks");
            return;
        };
        let words: Vec<&str> = arg.unwrap_or_default().split_whitespace().collect();
        match words.as_slice() {
            [] => self.open_view(Box::new(move |id| {
                Box::new(crate::panes::bookmarks::BookmarksPane::new(id, file))
            })),
            ["add", name] => self.save_bookmark(file, name),
            ["rm" | "remove", name] => {
                self.bookmark_request(file, Change::Remove(name.to_string()));
                self.opening.pending = Some(Pending::Removed(name.to_string()));
            }
            ["open", name] | [name] if !["add", "rm", "remove"].contains(name) => {
                self.bookmark_request(file, Change::Read);
                self.opening.pending = Some(Pending::OpenNamed(name.to_string()));
            }
            _ => self.flash(
                Level::Error,
                "usage: :bm (list) · :bm add NAME · :bm rm NAME · :bm NAME (open)",
            ),
        }
    }

    fn save_bookmark(&mut self, file: PathBuf, name: &str) {
        if let Err(e) = crate::bookmarks::check_name(name) {
            self.flash(Level::Error, e);
            return;
        }
        let Some(pane) = self.panes.last() else {
            return;
        };
        let Some(open) = pane.location() else {
            let title = crate::sanitize::sanitize(&pane.title()).into_owned();
            self.flash(
                Level::Warn,
                format!(
                    "{title} cannot be bookmarked (lists, objects, items, details and tails can)"
                ),
            );
            return;
        };
        let bookmark = Bookmark {
            name: name.to_string(),
            profile: self.shared.active.profile.clone(),
            region: self.shared.active.region.clone(),
            open,
            filter: pane.list().map(|l| l.filter()).unwrap_or_default(),
        };
        self.bookmark_request(file, Change::Save(bookmark));
        self.opening.pending = Some(Pending::Saved(name.to_string()));
    }

    fn bookmark_request(&mut self, file: PathBuf, change: Change) {
        let op = Op::Bookmarks(BookmarkOp { file, change });
        let request = Request::new(Owner::App, op).in_slot("bookmarks");
        self.runtime.spawn(request, self.generation);
    }

    /// The bookmarks file answered a request of the app's.
    pub(crate) fn bookmarks_answered(&mut self, result: Result<Vec<Bookmark>, String>) {
        let pending = self.opening.pending.take();
        let list = match result {
            Ok(list) => list,
            Err(e) => {
                let e = crate::sanitize::sanitize(&e).into_owned();
                return self.flash(Level::Error, format!("bookmarks: {e}"));
            }
        };
        match pending {
            Some(Pending::Saved(name)) => self.flash(
                Level::Success,
                format!("bookmark {name} saved · awsterm @{name} starts there · :bm lists them"),
            ),
            Some(Pending::Removed(name)) => {
                self.flash(Level::Success, format!("bookmark {name} removed"))
            }
            Some(Pending::OpenNamed(name)) => match list.iter().find(|b| b.name == name) {
                Some(b) => self.open_bookmark(&b.clone()),
                None => self.flash(
                    Level::Error,
                    format!(
                        "no bookmark '{}' · :bm lists them",
                        crate::sanitize::sanitize(&name)
                    ),
                ),
            },
            None => {}
        }
    }

    /// A bookmark's context, then its command line, then its filter on the view it opened.
    pub fn open_bookmark(&mut self, bookmark: &Bookmark) {
        self.open_bookmark_in(bookmark, true);
    }

    /// Opens `bookmark`'s view, in its own context when `switch`, else in the active one.
    fn open_bookmark_in(&mut self, bookmark: &Bookmark, switch: bool) {
        let ctx = bookmark.context();
        if let Some(profile) = &ctx.profile
            && !self.shared.profiles.iter().any(|p| &p.name == profile)
        {
            let name = crate::sanitize::sanitize(&bookmark.name).into_owned();
            self.flash(
                Level::Error,
                format!("bookmark {name}: no profile '{profile}' in the AWS files"),
            );
            return;
        }
        if switch && ctx != self.shared.active {
            self.switch_context(ctx);
        }
        self.run_line(bookmark.open.trim().trim_start_matches(':'));
        if !bookmark.filter.is_empty()
            && let Some(list) = self.panes.last_mut().and_then(|p| p.list_mut())
        {
            list.apply_filter(&bookmark.filter);
        }
    }
}
