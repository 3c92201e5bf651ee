//! Hostile data, seeded through the emulator and looked at in a real terminal: S3 keys and
//! bodies, EC2 tags, DynamoDB values, a Lambda response, log lines and error messages carrying
//! escape sequences (colour, window title, an OSC 52 clipboard write), bidi overrides, zero-width
//! and C1 characters, invalid UTF-8 and very long single lines. Each test checks that the screen
//! shows them escaped, that none of their bytes reached the terminal (so its colours, title and
//! clipboard are untouched), and that the app still answers — `q` ends it with status 0.

use crate::support::{AwsFiles, ENV_TO_REMOVE, PtySession, SCREEN_TIMEOUT, awsterm};
use awsterm_testkit::seed::hostile::{self, CLIP_SHOWN, Hostile, RLO_SHOWN};
use std::time::{Duration, Instant};

/// How long one key may take to change the screen, big data on screen or not.
const RESPONSIVE: Duration = Duration::from_secs(3);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().expect("tokio runtime")
}

/// The binary in a terminal of this size (some hostile texts are long once escaped).
fn awsterm_sized(files: &AwsFiles, cols: u16, rows: u16) -> PtySession {
    PtySession::spawn(
        env!("CARGO_BIN_EXE_awsterm"),
        &["--profile", "acct"],
        &files.env(),
        ENV_TO_REMOVE,
        cols,
        rows,
    )
    .expect("spawn awsterm in a pty")
}

fn started(term: &PtySession, files: &AwsFiles) {
    term.wait_for(&format!("account {}", files.account_id), SCREEN_TIMEOUT)
        .unwrap();
}

fn wait_shown(term: &PtySession, text: &str) {
    term.wait_for(text, SCREEN_TIMEOUT).unwrap();
}

/// Sends `keys` and waits until `done` holds; fails if that takes longer than [`RESPONSIVE`].
fn responds(term: &mut PtySession, keys: &str, what: &str, done: impl Fn(&str) -> bool) {
    let start = Instant::now();
    term.send_keys(keys);
    term.wait_until(RESPONSIVE, done)
        .map_err(|screen| format!("{what}: no answer within {RESPONSIVE:?} to {keys:?}:\n{screen}"))
        .unwrap();
    eprintln!("hostile: {what} answered in {:?}", start.elapsed());
}

/// A bracketed paste, as a terminal sends one: the only way to type an ESC into a text field.
fn paste(term: &mut PtySession, text: &str) {
    term.send(&format!("\x1b[200~{text}\x1b[201~"));
}

/// `q` goes back from a nested view and quits from a top-level one: pressed until the app
/// ends, which must be with status 0. Returns everything the app wrote.
fn quit(term: &mut PtySession) -> Vec<u8> {
    let deadline = Instant::now() + SCREEN_TIMEOUT;
    let code = loop {
        term.send_keys("q");
        if let Some(code) = term.wait_exit(Duration::from_millis(400)) {
            break code;
        }
        assert!(
            Instant::now() < deadline,
            "q did not end the app; screen:\n{}",
            term.screen_text()
        );
    };
    assert_eq!(code, 0, "q exits with status 0");
    let raw = term.raw_output_when(Duration::from_secs(5), |raw| contains(raw, b"\x1b[?1049l"));
    assert!(contains(&raw, b"\x1b[?1049l"), "left the alternate screen");
    raw
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Characters the sanitizer escapes because they reorder or hide text: line separators,
/// interlinear annotations and every default-ignorable code point (DerivedCoreProperties.txt).
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}'
        | '\u{34f}'
        | '\u{61c}'
        | '\u{115f}'..='\u{1160}'
        | '\u{17b4}'..='\u{17b5}'
        | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{fff0}'..='\u{fffb}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}')
}

/// Everything the app wrote to the terminal is the app's own drawing: no OSC (clipboard, window
/// title — the app only writes one when the user copies, and no test here does), no BEL, no
/// escape but CSI, no SGR colour the app never emits (crossterm writes colours as `38;5;n` /
/// `38;2;r;g;b`, never the basic `31`), no C1 control, no bidi or zero-width character — and none
/// of the hostile texts' raw neighbourhoods.
fn assert_terminal_untouched(raw: &[u8], hostile: &[&Hostile]) {
    if let Err(leak) = terminal_untouched(raw, hostile) {
        panic!("{leak}");
    }
}

fn terminal_untouched(raw: &[u8], hostile: &[&Hostile]) -> Result<(), String> {
    let around = |at: usize| {
        let from = at.saturating_sub(40);
        String::from_utf8_lossy(&raw[from..(at + 40).min(raw.len())]).into_owned()
    };
    for (needle, what) in [
        (&b"\x1b]52;"[..], "an OSC 52 clipboard write"),
        (b"\x1b]0;", "an OSC 0 window title"),
        (b"\x1b]2;", "an OSC 2 window title"),
        (b"\x1b]", "an OSC sequence"),
        (b"\x1bP", "a DCS sequence"),
        (b"\x07", "a BEL"),
        (b"\x1b[31m", "the hostile SGR 31"),
    ] {
        if let Some(at) = raw.windows(needle.len()).position(|w| w == needle) {
            return Err(format!("{what} reached the terminal: …{:?}…", around(at)));
        }
    }
    // C1 controls in UTF-8 are 0xC2 0x80..=0x9F.
    if let Some(at) = raw
        .windows(2)
        .position(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]))
    {
        return Err(format!(
            "a C1 control (U+00{:02X}) reached the terminal: …{:?}…",
            raw[at + 1],
            around(at)
        ));
    }
    let text = String::from_utf8_lossy(raw);
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| invisible(c)) {
        let from = text.floor_char_boundary(at.saturating_sub(60));
        let to = text.ceil_char_boundary((at + 60).min(text.len()));
        return Err(format!(
            "U+{:04X} reached the terminal: …{:?}…",
            c as u32,
            &text[from..to]
        ));
    }
    escapes_are_the_apps(raw)?;
    for h in hostile {
        // Up to the first dangerous character and four bytes past it (`evil\x1b[31mR`): what
        // leaks if the text is written raw. (The app's own styling can follow the plain part,
        // `clip\x1b[…`, but never with these bytes.)
        let raw_text = h.raw.as_bytes();
        let Some(first) = raw_text
            .iter()
            .position(|&b| b < 0x20 || b == 0x7f || b >= 0x80)
        else {
            continue;
        };
        let width = h.raw[first..].chars().next().map_or(1, char::len_utf8);
        let neighbourhood = &raw_text[..(first + width + 4).min(raw_text.len())];
        if contains(raw, neighbourhood) {
            return Err(format!(
                "the raw text {:?} reached the terminal",
                String::from_utf8_lossy(neighbourhood)
            ));
        }
    }
    Ok(())
}

/// Every ESC starts a CSI, and every SGR among them is one the app's backend writes.
fn escapes_are_the_apps(raw: &[u8]) -> Result<(), String> {
    let mut i = 0;
    while let Some(at) = raw[i..].iter().position(|&b| b == 0x1b) {
        let start = i + at;
        let context = || {
            String::from_utf8_lossy(&raw[start.saturating_sub(30)..(start + 30).min(raw.len())])
                .into_owned()
        };
        if raw.get(start + 1) != Some(&b'[') {
            return Err(format!(
                "an escape other than CSI reached the terminal: …{:?}…",
                context()
            ));
        }
        let mut end = start + 2;
        while end < raw.len() && !(0x40..=0x7e).contains(&raw[end]) {
            end += 1;
        }
        if end >= raw.len() {
            break;
        }
        if raw[end] == b'm' {
            let params = String::from_utf8_lossy(&raw[start + 2..end]).into_owned();
            let codes: Vec<&str> = params.split(';').collect();
            let mut k = 0;
            while k < codes.len() {
                match codes[k].parse::<u32>().unwrap_or(0) {
                    // Extended colours: 5;n or 2;r;g;b follow.
                    38 | 48 | 58 => {
                        k += if codes.get(k + 1) == Some(&"2") { 5 } else { 3 };
                        continue;
                    }
                    30..=37 | 40..=47 | 90..=97 | 100..=107 => {
                        return Err(format!(
                            "a basic SGR colour the app never writes reached the terminal: \
                             {params:?} in …{:?}…",
                            context()
                        ));
                    }
                    _ => {}
                }
                k += 1;
            }
        }
        i = end + 1;
    }
    Ok(())
}

/// The check itself: each kind of leak is caught, the app's own drawing is not.
#[test]
fn the_terminal_check_catches_each_kind_of_leak() {
    let clip = hostile::join(&[hostile::plain("clip"), (hostile::CLIP, CLIP_SHOWN)]);
    let own =
        b"\x1b[?1049h\x1b[1;1H\x1b[38;5;3;49mclip\x1b[0m \xe2\x90\x9b]52 \x1b[38;2;1;2;3mx\x1b[2J";
    assert_eq!(terminal_untouched(own, &[&clip]), Ok(()));
    for leak in [
        &b"clip\x1b]52;c;ZXZpbC1jbGlw\x07"[..],
        b"\x1b]0;pwned\x07",
        b"evil\x1b[31mRED",
        b"\x1b[1;31m",
        b"\x1b[38;5;1;91m",
        b"\x1bc",
        "a\u{202e}b".as_bytes(),
        "a\u{200b}b".as_bytes(),
        "\u{9b}31m".as_bytes(),
        "clip\u{1b}]5".as_bytes(),
    ] {
        assert!(
            terminal_untouched(leak, &[&clip]).is_err(),
            "{:?} went unnoticed",
            String::from_utf8_lossy(leak)
        );
    }
}

// ── S3 ────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn s3_hostile_keys_bodies_prefixes_and_a_10_mb_line_are_shown_escaped() {
    let files = AwsFiles::for_test("hostile_s3");
    let bucket = format!("hostile-{}", files.account_id);
    runtime().block_on(async {
        hostile::s3(&files.sdk_config("acct").await, &bucket)
            .await
            .unwrap()
    });
    let keys = hostile::s3_keys();
    // The emulator refuses hostile tags (as S3 does); if it ever takes them, they are checked.
    let tagged = runtime().block_on(async {
        hostile::s3_tags(&files.sdk_config("acct").await, &bucket, &keys[1].raw).await
    });
    if let Err(e) = &tagged {
        eprintln!("hostile: the emulator refuses hostile object tags: {e:.200}");
    }
    let prefix = hostile::s3_prefix();
    let body = hostile::s3_text_body();
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    started(&term, &files);
    term.send_keys(":s3<Enter>");
    wait_shown(&term, &bucket);
    term.send_keys("<Enter>");
    for key in &keys {
        wait_shown(&term, &key.shown);
    }
    wait_shown(&term, &prefix.shown);

    // A hostile name and its hostile text body, in the object view.
    term.send_keys(":filter clip<Enter>");
    term.wait_for("[1/", SCREEN_TIMEOUT).unwrap();
    term.send_keys("<Enter>");
    wait_shown(&term, &format!("s3://{bucket}/{}", keys[1].shown));
    wait_shown(&term, &format!("Key             {}", keys[1].shown));
    wait_shown(&term, "preview (text)");
    let (tag_key, tag_value) = hostile::s3_tag();
    if tagged.is_ok() {
        wait_shown(
            &term,
            &format!("Tags            {}={}", tag_key.shown, tag_value.shown),
        );
    }
    for (n, line) in body.shown.lines().enumerate() {
        wait_shown(&term, &format!("{} │ {line}", n + 1));
    }

    // Not UTF-8: a hex dump, the clipboard write as bytes.
    term.send_keys("<Esc>");
    term.wait_for("[1/", SCREEN_TIMEOUT).unwrap();
    term.send_keys(&format!(":filter {}<Enter>", hostile::S3_INVALID_UTF8_KEY));
    term.wait_until(SCREEN_TIMEOUT, |s| {
        s.contains("[1/") && s.contains(hostile::S3_INVALID_UTF8_KEY)
    })
    .unwrap();
    term.send_keys("<Enter>");
    wait_shown(&term, "preview (binary, hex)");
    wait_shown(
        &term,
        "00000000  ff fe 20 6e 6f 74 20 75 74 66 2d 38 20 1b 5d 35",
    );

    // One 10 MiB line: the preview reads its first 64 KiB and the app keeps answering.
    term.send_keys("<Esc>");
    term.wait_for("[1/", SCREEN_TIMEOUT).unwrap();
    term.send_keys(&format!(":filter {}<Enter>", hostile::S3_HUGE_KEY));
    term.wait_until(SCREEN_TIMEOUT, |s| {
        s.contains("[1/") && s.contains(hostile::S3_HUGE_KEY)
    })
    .unwrap();
    term.send_keys("<Enter>");
    wait_shown(&term, "truncated");
    wait_shown(&term, &format!("1 │ HUGE:{CLIP_SHOWN}AAAAAAAA"));
    responds(&mut term, "?", "help over the 10 MiB preview", |s| {
        s.contains("Help — commands and keys")
    });
    responds(&mut term, "<Esc>", "closing help", |s| {
        s.contains("truncated")
    });
    responds(&mut term, "<Esc>", "back from the 10 MiB preview", |s| {
        s.contains("[1/") && !s.contains("truncated")
    });

    // Into the hostile prefix, by its row.
    term.send_keys(":filter dir<Enter>");
    term.wait_until(SCREEN_TIMEOUT, |s| {
        s.contains("[1/") && s.contains(&prefix.shown)
    })
    .unwrap();
    term.send_keys("<Enter>");
    wait_shown(&term, &format!("s3://{bucket}/{}", prefix.shown));
    wait_shown(&term, "inner.txt");
    // An error message quoting what was pasted: text fields drop the controls of a paste, the
    // rest is shown escaped.
    term.send_keys(":cd ");
    paste(
        &mut term,
        &format!("s3://other{}{}x/", hostile::RLO, hostile::TITLE),
    );
    term.send_keys("<Enter>");
    wait_shown(
        &term,
        &format!("'other{RLO_SHOWN}]0;pwnedx' is another bucket"),
    );

    let raw = quit(&mut term);
    let pasted = Hostile {
        raw: format!("other{}{}x", hostile::RLO, hostile::TITLE),
        shown: String::new(),
    };
    let mut all: Vec<&Hostile> = keys.iter().collect();
    all.extend([&prefix, &body, &pasted, &tag_key, &tag_value]);
    assert_terminal_untouched(&raw, &all);
    assert!(
        !contains(&raw, b"HUGE:\x1b"),
        "the 10 MiB line's escape reached the terminal"
    );
}

// ── EC2 ───────────────────────────────────────────────────────────────────────────────────────

#[test]
fn ec2_tags_with_bidi_zero_width_and_c1_characters_are_shown_escaped() {
    let files = AwsFiles::for_test("hostile_ec2_bidi");
    let (name, owner) = (hostile::ec2_bidi_name(), hostile::ec2_bidi_owner());
    let id = runtime()
        .block_on(async {
            hostile::ec2_instance(&files.sdk_config("acct").await, &name.raw, &owner.raw).await
        })
        .unwrap()
        .expect("tags valid in XML come back");
    // Wide: the escaped name is 40 cells.
    let mut term = awsterm_sized(&files, 180, 40);
    started(&term, &files);
    term.send_keys(":ec2<Enter>");
    wait_shown(&term, &id);
    wait_shown(&term, &name.shown);
    term.send_keys("<Enter>");
    wait_shown(&term, &format!("{} ({id})", name.shown));
    wait_shown(&term, &format!("Name        {}", name.shown));
    wait_shown(&term, &format!("Owner  {}", owner.shown));
    let raw = quit(&mut term);
    assert_terminal_untouched(&raw, &[&name, &owner]);
}

/// XML 1.0 cannot carry C0 controls: the emulator writes them raw into its answer and the SDK
/// refuses the whole DescribeInstances page. The app says so and keeps working.
#[test]
fn ec2_tags_with_escape_sequences_make_the_listing_fail_visibly_not_the_app() {
    let files = AwsFiles::for_test("hostile_ec2_escapes");
    let (name, team) = (hostile::ec2_escape_name(), hostile::ec2_escape_team());
    let answer = runtime()
        .block_on(async {
            hostile::ec2_instance(&files.sdk_config("acct").await, &name.raw, &team.raw).await
        })
        .unwrap();
    assert!(
        answer.as_ref().is_err_and(|e| e.contains("NonXmlChar")),
        "the SDK reads the instance back: {answer:?}"
    );
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    started(&term, &files);
    term.send_keys(":ec2<Enter>");
    wait_shown(&term, "EC2 instances · error:");
    responds(&mut term, "?", "help after the failed listing", |s| {
        s.contains("Help — commands and keys")
    });
    responds(&mut term, "<Esc>", "closing help", |s| {
        s.contains("EC2 instances · error:")
    });
    let raw = quit(&mut term);
    assert_terminal_untouched(&raw, &[&name, &team]);
}

/// The same tags as EC2 could send them, escaped as XML character references: the SDK reads
/// them, and the app shows them escaped (a proxy answers DescribeInstances in the emulator's
/// place).
#[test]
fn ec2_tags_with_escape_sequences_as_xml_references_are_shown_escaped() {
    use awsterm_testkit::proxy::{Fault, Proxy, Rule};
    let proxy = Proxy::start(&awsterm_testkit::moto::Moto::shared().endpoint);
    let files = AwsFiles::with_endpoint("hostile_ec2_references", &proxy.endpoint());
    let id = "i-0123456789abcdef0";
    proxy.add_rule(
        Rule::new(Fault::status(
            200,
            "text/xml;charset=UTF-8",
            &hostile::ec2_describe_answer(id),
        ))
        .operation("DescribeInstances"),
    );
    let (name, team) = (hostile::ec2_escape_name(), hostile::ec2_escape_team());
    let mut term = awsterm_sized(&files, 160, 40);
    started(&term, &files);
    term.send_keys(":ec2<Enter>");
    wait_shown(&term, id);
    wait_shown(&term, &name.shown);
    term.send_keys("<Enter>");
    wait_shown(&term, &format!("{} ({id})", name.shown));
    wait_shown(&term, &format!("Owner  {}", team.shown));
    let raw = quit(&mut term);
    assert_terminal_untouched(&raw, &[&name, &team]);
}

// ── DynamoDB ──────────────────────────────────────────────────────────────────────────────────

#[test]
fn dynamodb_items_with_hostile_values_and_binary_are_shown_escaped() {
    let files = AwsFiles::for_test("hostile_ddb_values");
    runtime().block_on(async {
        hostile::ddb_items(&files.sdk_config("acct").await, "hostile-items", &[])
            .await
            .unwrap()
    });
    let (key, short, long) = (
        hostile::ddb_key(),
        hostile::ddb_short(),
        hostile::ddb_long(),
    );
    let mut term = awsterm_sized(&files, 160, 40);
    started(&term, &files);
    term.send_keys(":ddb<Enter>");
    wait_shown(&term, "hostile-items");
    term.send_keys("<Enter>");
    // The table: the key (first column, the widest), a short value, the binary's size.
    wait_shown(&term, &key.shown);
    wait_shown(&term, &short.shown);
    wait_shown(&term, "<22 bytes>");
    // The item as JSON: serde escapes C0 controls as \u001b, the sanitizer the rest.
    term.send_keys("<Enter>");
    wait_shown(
        &term,
        &format!("\"pk\": \"key\\u001b]52;c;ZXZpbC1jbGlw\\u0007-{RLO_SHOWN}k\""),
    );
    wait_shown(&term, "\"a_short\": \"v\\u001b[31mr\\u{200b}\"");
    wait_shown(&term, &format!("\"b_long\": \"{}\"", long.shown));
    wait_shown(&term, "\"c_bin\": \"//4bXTUyO2M7WlhacGJDMWpiR2x3Bw==\"");
    responds(&mut term, "t", "typed JSON", |s| {
        s.contains("\"B\": \"//4bXTUyO2M7WlhacGJDMWpiR2x3Bw==\"")
    });
    wait_shown(&term, &format!("\"S\": \"{}\"", long.shown));
    let raw = quit(&mut term);
    assert_terminal_untouched(&raw, &[&key, &short, &long]);
}

#[test]
fn dynamodb_attribute_names_with_escapes_are_shown_escaped() {
    let files = AwsFiles::for_test("hostile_ddb_names");
    let bidi = hostile::join(&[
        hostile::plain("n"),
        (hostile::RLO, RLO_SHOWN),
        hostile::plain("ame"),
    ]);
    let title = hostile::join(&[
        hostile::plain("t"),
        (hostile::TITLE, hostile::TITLE_SHOWN),
        hostile::plain("x"),
    ]);
    runtime().block_on(async {
        hostile::ddb_items(
            &files.sdk_config("acct").await,
            "hostile-names",
            &[(&bidi.raw, "bidi"), (&title.raw, "title")],
        )
        .await
        .unwrap()
    });
    let mut term = awsterm_sized(&files, 160, 40);
    started(&term, &files);
    term.send_keys(":ddb<Enter>");
    wait_shown(&term, "hostile-names");
    term.send_keys("<Enter>");
    wait_shown(&term, &hostile::ddb_key().shown);
    // The attribute names head the columns, and name the sort column in the title.
    let header = term.wait_until(Duration::from_secs(3), |s| {
        s.contains(&bidi.shown) && s.contains(&title.shown)
    });
    term.send_keys("sssss");
    let sorted = term.wait_for(&format!("sorted by {}", bidi.shown), Duration::from_secs(3));
    let raw = quit(&mut term);
    assert_terminal_untouched(&raw, &[&bidi, &title]);
    header
        .map_err(|s| format!("attribute names not shown escaped in the header:\n{s}"))
        .unwrap();
    sorted.unwrap();
}

/// The query builder labels its key fields with the table's key attribute names.
#[test]
fn dynamodb_key_attribute_names_in_the_query_form_are_shown_escaped() {
    let files = AwsFiles::for_test("hostile_ddb_key_name");
    let key = hostile::ddb_key_name();
    runtime().block_on(async {
        let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
        hostile::ddb_table_keyed(&ddb, "hostile-key-name", &key.raw)
            .await
            .unwrap()
    });
    let mut term = awsterm_sized(&files, 160, 40);
    started(&term, &files);
    term.send_keys(":ddb<Enter>");
    wait_shown(&term, "hostile-key-name");
    term.send_keys("f");
    let form = term.wait_until(SCREEN_TIMEOUT, |s| {
        s.contains(&format!("{} = (S)", key.shown))
    });
    let raw = quit(&mut term);
    assert_terminal_untouched(&raw, &[&key]);
    form.map_err(|s| format!("the key name is not shown escaped in the form:\n{s}"))
        .unwrap();
}

/// Deleting an item asks for its partition key to be typed; a key no one can type (controls,
/// bidi) is quoted escaped and `yes` is asked for instead, so the item can still be deleted.
#[test]
fn dynamodb_delete_confirmation_quoting_a_hostile_key_is_shown_escaped() {
    let files = AwsFiles::for_test("hostile_ddb_delete");
    runtime().block_on(async {
        hostile::ddb_items(&files.sdk_config("acct").await, "hostile-delete", &[])
            .await
            .unwrap()
    });
    let key = hostile::ddb_key();
    let mut term = awsterm_sized(&files, 160, 40);
    started(&term, &files);
    term.send_keys(":ddb<Enter>");
    wait_shown(&term, "hostile-delete");
    term.send_keys("<Enter>");
    wait_shown(&term, &key.shown);
    term.send_keys("<Enter>");
    wait_shown(&term, "\"pk\": \"key");
    term.send_keys("D");
    wait_shown(&term, "Delete this item from hostile-delete?");
    wait_shown(&term, &format!("pk: {}", key.shown));
    wait_shown(
        &term,
        &format!(
            "(its name has characters that cannot be typed: {})",
            key.shown
        ),
    );
    wait_shown(&term, "type yes and press Enter");
    term.send_keys("yes<Enter>");
    wait_shown(&term, "item deleted");
    let raw = quit(&mut term);
    assert_terminal_untouched(&raw, &[&key]);
}

#[test]
fn dynamodb_error_quoting_a_hostile_table_name_is_shown_escaped() {
    let files = AwsFiles::for_test("hostile_ddb_error");
    // DynamoDB itself only allows [a-zA-Z0-9_.-]; the emulator takes any name, and its
    // "not found" message quotes it.
    let name = hostile::join(&[
        hostile::plain("gone"),
        (hostile::CLIP, CLIP_SHOWN),
        (hostile::RLO, RLO_SHOWN),
        hostile::plain("t"),
    ]);
    let rt = runtime();
    let ddb = rt.block_on(async {
        let ddb = aws_sdk_dynamodb::Client::new(&files.sdk_config("acct").await);
        hostile::ddb_table(&ddb, &name.raw).await.unwrap();
        ddb
    });
    let mut term = awsterm_sized(&files, 160, 40);
    started(&term, &files);
    term.send_keys(":ddb<Enter>");
    wait_shown(&term, &name.shown);
    // Gone behind the app's back: describing it fails with a message quoting the name.
    rt.block_on(ddb.delete_table().table_name(&name.raw).send())
        .unwrap();
    term.send_keys("d");
    wait_shown(&term, &format!("Table: {} not found", name.shown));
    let raw = quit(&mut term);
    assert_terminal_untouched(&raw, &[&name]);
}

// ── Lambda ────────────────────────────────────────────────────────────────────────────────────

#[test]
fn lambda_responses_with_escapes_bidi_and_a_1_mb_line_are_shown_escaped() {
    use awsterm_testkit::seed::{Scale, Target};
    let files = AwsFiles::for_test("hostile_lambda");
    runtime().block_on(async {
        let sdk = files.sdk_config("acct").await;
        let target = Target {
            sdk: &sdk,
            endpoint: &files.endpoint,
            account: &files.account_id,
            env: "hostile",
            scale: Scale::Small,
            big_bucket: false,
        };
        awsterm_testkit::seed::lambda::seed(&target).await.unwrap();
    });
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    started(&term, &files);
    term.send_keys(":lambda<Enter>");
    wait_shown(&term, "checkout-api");
    term.send_keys("i");
    wait_shown(&term, "payload · e edit");
    // The emulator's function echoes its payload: JSON escapes come back as written.
    let payload =
        r#"{"m": "\u001b]52;c;ZXZpbC1jbGlw\u0007 \u001b]0;pwned\u0007 \u001b[31mRED \u202e"}"#;
    term.send_keys(&format!("e<C-e><BS><BS>{payload}"));
    wait_shown(&term, payload);
    term.send_keys("<Esc>");
    wait_shown(&term, "payload · e edit");
    term.send_keys("i");
    // The payload box shows the same text: wait for the answer itself, or the canned answers
    // queued next could be taken by this first call, still on its way.
    wait_shown(&term, "Status  200");
    wait_shown(
        &term,
        r#""m": "\u001b]52;c;ZXZpbC1jbGlw\u0007 \u001b]0;pwned\u0007 \u001b[31mRED \u202e""#,
    );

    // What the next calls return: raw escapes as text, raw bidi inside JSON, one 1 MB line.
    let text = hostile::join(&[
        hostile::plain("raw "),
        (hostile::CLIP, CLIP_SHOWN),
        hostile::plain(" title "),
        (hostile::TITLE, hostile::TITLE_SHOWN),
        hostile::plain(" "),
        (hostile::RED, hostile::RED_SHOWN),
        hostile::plain("RED zw a"),
        (hostile::ZWSP, hostile::ZWSP_SHOWN),
        hostile::plain("b"),
    ]);
    let json = hostile::join(&[
        hostile::plain("{\"note\": \"invoice"),
        (hostile::RLO, RLO_SHOWN),
        hostile::plain("fdp.exe"),
        (hostile::ZWSP, hostile::ZWSP_SHOWN),
        hostile::plain("\"}"),
    ]);
    let big = format!("BIG {}{}", hostile::CLIP, "y".repeat(1_000_000));
    hostile::lambda_canned(
        &files.endpoint,
        &files.account_id,
        "us-east-1",
        &[&text.raw, &json.raw, &big],
    )
    .unwrap();
    term.send_keys("i");
    wait_shown(&term, &format!("1 │ {}", text.shown));
    term.send_keys("i");
    wait_shown(
        &term,
        &format!("\"note\": \"invoice{RLO_SHOWN}fdp.exe\\u{{200b}}\""),
    );
    term.send_keys("i");
    wait_shown(&term, &format!("1 │ BIG {CLIP_SHOWN}yyyy"));
    responds(&mut term, "?", "help over a 1 MB response", |s| {
        s.contains("Help — commands and keys")
    });
    responds(&mut term, "<Esc>", "closing help", |s| s.contains("BIG "));
    let raw = quit(&mut term);
    let big = Hostile {
        raw: big,
        shown: String::new(),
    };
    assert_terminal_untouched(&raw, &[&text, &json, &big]);
}

/// A payload pasted into the editor (say, copied from a log line) keeps its bidi override, as a
/// JSON escape: the same value is sent, and the user sees it instead of reordered text.
#[test]
fn lambda_payload_pasted_with_a_bidi_override_is_shown_escaped() {
    use awsterm_testkit::seed::{Scale, Target};
    let files = AwsFiles::for_test("hostile_lambda_paste");
    runtime().block_on(async {
        let sdk = files.sdk_config("acct").await;
        let target = Target {
            sdk: &sdk,
            endpoint: &files.endpoint,
            account: &files.account_id,
            env: "hostile",
            scale: Scale::Small,
            big_bucket: false,
        };
        awsterm_testkit::seed::lambda::seed(&target).await.unwrap();
    });
    let pasted = hostile::join(&[
        hostile::plain("{\"file\": \"invoice"),
        (hostile::RLO, RLO_SHOWN),
        hostile::plain("fdp.exe"),
        (hostile::ZWSP, hostile::ZWSP_SHOWN),
        hostile::plain("\"}"),
    ]);
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    started(&term, &files);
    term.send_keys(":lambda<Enter>");
    wait_shown(&term, "checkout-api");
    term.send_keys("i");
    wait_shown(&term, "payload · e edit");
    term.send_keys("e<C-e><BS><BS>");
    paste(&mut term, &pasted.raw);
    let editor = term.wait_for(
        "{\"file\": \"invoice\\u202efdp.exe\\u200b\"}",
        Duration::from_secs(3),
    );
    term.send_keys("<Esc>");
    wait_shown(&term, "payload · e edit");
    let raw = quit(&mut term);
    assert_terminal_untouched(&raw, &[&pasted]);
    editor.unwrap();
}

// ── CloudWatch Logs ───────────────────────────────────────────────────────────────────────────

#[test]
fn log_lines_with_escapes_bidi_and_a_256_kb_line_are_shown_escaped() {
    let files = AwsFiles::for_test("hostile_logs");
    let events = hostile::logs_events();
    let big = hostile::logs_big_event();
    let stream = hostile::logs_stream();
    let mut messages: Vec<String> = events.iter().map(|e| e.raw.clone()).collect();
    messages.push(big.raw.clone());
    messages.push("after the big line".into());
    runtime().block_on(async {
        hostile::logs(&files.sdk_config("acct").await, "/app/hostile", &messages)
            .await
            .unwrap()
    });
    let mut term = awsterm(&files, &["--profile", "acct"], &[]);
    started(&term, &files);
    // The stream's whole name in the streams view.
    term.send_keys(":logs<Enter>");
    wait_shown(&term, "/app/hostile");
    term.send_keys("<Enter>");
    wait_shown(&term, &stream.shown);
    term.send_keys(":tail /app/hostile<Enter>");
    for e in &events {
        wait_shown(&term, &e.shown);
    }
    wait_shown(&term, hostile::LOGS_STREAM_LABEL);
    wait_shown(&term, &big.shown[..60]);
    wait_shown(&term, "after the big line");
    // Wrapped, the 256 KB line fills the screen; unwrapped, the small lines are back.
    responds(&mut term, "w", "wrapping a 256 KB line", |s| {
        !s.contains(&events[0].shown) && s.contains("after the big line")
    });
    responds(&mut term, "w", "unwrapping it", |s| {
        s.contains(&events[0].shown)
    });
    // The big line on its own: `k` holds the line above the newest, Enter expands it.
    term.send_keys("k");
    wait_shown(&term, "paused");
    responds(&mut term, "<Enter>", "expanding the 256 KB line", |s| {
        s.contains("log event · /app/hostile")
    });
    wait_shown(&term, &format!("1 │ {}", &big.shown[..60]));
    wait_shown(&term, &stream.shown);
    responds(&mut term, "<Esc>", "back to the tail", |s| {
        s.contains("tail /app/hostile")
    });
    let raw = quit(&mut term);
    let mut all: Vec<&Hostile> = events.iter().collect();
    all.extend([&big, &stream]);
    assert_terminal_untouched(&raw, &all);
}
