//! The real binary in a PTY: start-up problems that neither hide bad values nor swallow the
//! first key, and the mouse (SGR reports, as terminals send them) selecting and opening rows.

use crate::support::{AwsFiles, SCREEN_TIMEOUT, awsterm};

fn with_config(test: &str, config: &str) -> AwsFiles {
    let files = AwsFiles::for_test(test);
    let dir = files.dir.path().join("xdg-config/awsterm");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), config).unwrap();
    files
}

#[test]
fn a_bad_value_is_on_screen_and_the_first_key_still_acts() {
    let files = with_config("e2e_first_key", "[logs]\nsince = \"forever\"\n");
    let mut term = awsterm(&files, &["--profile", "base"], &[]);
    term.wait_for("Problems with your settings", SCREEN_TIMEOUT)
        .unwrap();
    term.wait_for("logs.since: 'forever' is not a time", SCREEN_TIMEOUT)
        .unwrap();
    // The key that closes the box is not lost: `?` opens help.
    term.send_keys("?");
    term.wait_for("Help", SCREEN_TIMEOUT).unwrap();
    term.wait_until(SCREEN_TIMEOUT, |s| {
        !s.contains("Problems with your settings")
    })
    .unwrap();
    term.send_keys("<Esc>");
    term.wait_for(
        "1 problem with your settings · :problems shows them",
        SCREEN_TIMEOUT,
    )
    .unwrap();
}

#[test]
fn the_mouse_selects_and_opens_a_row() {
    let files = with_config("e2e_mouse", "mouse = true\n");
    let mut term = awsterm(&files, &["--profile", "base"], &[]);
    term.wait_for("Profiles", SCREEN_TIMEOUT).unwrap();
    term.wait_for("acct", SCREEN_TIMEOUT).unwrap();
    let raw = String::from_utf8_lossy(&term.raw_output()).into_owned();
    assert!(raw.contains("\x1b[?1006h"), "SGR mouse reports asked for");
    let screen = term.screen_text();
    let row = screen
        .lines()
        .position(|line| line.contains(" acct "))
        .unwrap_or_else(|| panic!("acct row: {screen}"));
    // 1-based cells; a press and its release, twice.
    let click = format!("\x1b[<0;6;{y}M\x1b[<0;6;{y}m", y = row + 1);
    term.send(&format!("{click}{click}"));
    term.wait_for("profile acct", SCREEN_TIMEOUT).unwrap();
}
