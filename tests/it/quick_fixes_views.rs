//! Issue 16's smaller findings on in-memory adapters: the Lambda details' own keys, the
//! workbench's JSON check and log-tail note, `Q` offering only what the function has, the log
//! tail's `/` and empty note, "loading…" instead of "nothing here", start-up problems that
//! do not swallow the first key, and the mouse.

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::fake::{FakeLambda, FakeLogs, FakeSts, adapters};
use awsterm::aws::lambda::InvokeResult;
use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn functions() -> FakeLambda {
    let mut lambda = FakeLambda::default()
        .function("checkout-api", "python3.12", &[("DB_PASSWORD", "hunter2")])
        .function("image-resizer", "nodejs20.x", &[]);
    let checkout = &mut lambda.functions[0];
    checkout.versions = vec![
        ("$LATEST".into(), String::new()),
        ("1".into(), "first release".into()),
        ("2".into(), "second release".into()),
    ];
    checkout.aliases = vec![("live".into(), "2".into(), "what customers get".into())];
    lambda
}

fn harness(lambda: FakeLambda, logs: FakeLogs) -> Harness {
    let adapters = adapters(FakeSts::default().with("dev", "111111111111", "user/alice"))
        .with_lambda(lambda)
        .with_logs(logs);
    Harness::sized(options(two_profiles(), "dev"), adapters, 120, 30)
}

/// The screen row (0-based) of the first line holding `text`.
fn row_of(h: &Harness, text: &str) -> u16 {
    let screen = h.screen();
    let row = screen
        .lines()
        .position(|line| line.contains(text))
        .unwrap_or_else(|| panic!("{text} not on screen: {screen}"));
    row as u16
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[tokio::test]
async fn lambda_details_do_what_they_promise_with_v_and_i() {
    let mut h = harness(functions(), FakeLogs::default());
    h.keys(":lambda<Enter><Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("values are masked: v opens them"),
        "{screen}"
    );
    h.keys("v").await;
    let screen = h.screen();
    assert!(screen.contains("DB_PASSWORD"), "{screen}");
    assert!(
        screen.contains("x reveal"),
        "the environment view's keys: {screen}"
    );
    assert!(!screen.contains("hunter2"), "{screen}");
    h.keys("<Esc>i").await;
    assert!(h.screen().contains("payload ·"), "{}", h.screen());
}

#[tokio::test]
async fn lambda_details_opened_from_an_arn_have_the_functions_own_keys() {
    let mut h = harness(functions(), FakeLogs::default());
    h.keys(":open arn:aws:lambda:us-east-1:111111111111:function:image-resizer<Enter>")
        .await;
    let screen = h.screen();
    assert!(screen.contains("function image-resizer"), "{screen}");
    assert!(screen.contains("environment"), "the hints name v: {screen}");
    h.keys("<Esc>").await;
    h.keys(":open arn:aws:lambda:us-east-1:111111111111:function:checkout-api<Enter>v")
        .await;
    let screen = h.screen();
    assert!(screen.contains("DB_PASSWORD"), "{screen}");
    assert!(!screen.contains("hunter2"), "{screen}");
    h.keys("<Esc>i").await;
    assert!(h.screen().contains("payload ·"), "{}", h.screen());
}

#[tokio::test]
async fn not_json_goes_once_the_payload_is_fixed() {
    let mut h = harness(functions(), FakeLogs::default());
    h.keys(":lambda<Enter>ie<End><backspace><backspace>{\"a\": <Esc>i")
        .await;
    assert!(h.screen().contains("not JSON:"), "{}", h.screen());
    h.keys("e<End>1}<Esc>").await;
    let screen = h.screen();
    assert!(!screen.contains("not JSON:"), "{screen}");
}

#[tokio::test]
async fn a_request_response_call_without_a_log_tail_says_why() {
    let lambda = functions().answer(Ok(InvokeResult {
        status: 200,
        payload: b"{}".to_vec(),
        ..InvokeResult::default()
    }));
    let mut h = harness(lambda, FakeLogs::default());
    h.keys(":lambda<Enter>ii").await;
    let screen = h.screen();
    assert!(
        screen.contains("no log tail: it was requested (LogType Tail)"),
        "{screen}"
    );
    assert!(!screen.contains("only RequestResponse"), "{screen}");
}

#[tokio::test]
async fn q_offers_the_versions_and_aliases_and_refuses_others() {
    let lambda = functions();
    let invoked = lambda.invoked.clone();
    let mut h = harness(lambda, FakeLogs::default());
    h.keys(":lambda<Enter>iQ").await;
    let screen = h.screen();
    for expected in ["$LATEST", "live", "what customers get", "second release"] {
        assert!(screen.contains(expected), "{expected}: {screen}");
    }
    // $LATEST, then the alias: picked, it is what the next call invokes.
    h.keys("j<Enter>").await;
    assert!(h.screen().contains("qualifier live"), "{}", h.screen());
    h.keys(":qualifier 7<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("checkout-api has no version or alias '7'"),
        "{screen}"
    );
    assert!(screen.contains("qualifier live"), "unchanged: {screen}");
    h.keys(":qualifier 1<Enter>i").await;
    let sent = invoked.lock().unwrap().clone();
    assert_eq!(sent.last().unwrap().qualifier.as_deref(), Some("1"));
}

#[tokio::test]
async fn the_tail_says_what_slash_does_and_how_far_back_it_reads() {
    let mut h = harness(FakeLambda::default(), FakeLogs::default().group("/app/api"));
    h.keys(":tail /app/api<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("no events yet: the tail reads from 10m ago on · T starts further back"),
        "{screen}"
    );
    h.keys("/").await;
    let screen = h.screen();
    assert!(screen.contains("search: highlights matches"), "{screen}");
    assert!(!screen.contains("filter:"), "{screen}");
    h.keys("<Esc>T<C-u>2h<Enter>").await;
    assert!(
        h.screen().contains("the tail reads from 2h ago on"),
        "{}",
        h.screen()
    );
}

#[tokio::test]
async fn a_tail_search_that_misses_says_so_and_esc_clears_it_before_leaving() {
    let logs = FakeLogs::default().group("/app/api");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    FakeLogs::write(
        &logs.events,
        "/app/api",
        "web-1",
        now - 60_000,
        "GET /health 200",
    );
    let mut h = harness(FakeLambda::default(), logs);
    h.keys(":tail /app/api<Enter>").await;
    assert!(h.screen().contains("GET /health 200"), "{}", h.screen());
    h.keys("/zzz-nowhere<Enter>").await;
    let screen = h.screen();
    assert!(
        screen.contains("search zzz-nowhere: not in the buffer"),
        "{screen}"
    );
    h.keys("<Esc>").await;
    let screen = h.screen();
    assert!(
        screen.contains("tail /app/api"),
        "still in the tail: {screen}"
    );
    assert!(
        !screen.contains("zzz-nowhere"),
        "the search is cleared: {screen}"
    );
    h.keys("<Esc>").await;
    assert!(!h.screen().contains("tail /app/api"), "{}", h.screen());
}

#[tokio::test]
async fn the_first_key_after_start_problems_is_not_lost() {
    let mut opts = options(two_profiles(), "dev");
    opts.warnings = vec!["c.toml:1:1: unknown key 'them' ignored".into()];
    let adapters = adapters(FakeSts::default().with("dev", "111111111111", "user/alice"));
    let mut h = Harness::sized(opts, adapters, 100, 24);
    h.keys("").await;
    assert!(h.screen().contains("Problems with your settings"));
    h.keys("?").await;
    let screen = h.screen();
    assert!(screen.contains("Help"), "the key acted: {screen}");
    assert!(!screen.contains("Problems with your settings"), "{screen}");
    // Until read, the status line keeps saying so.
    h.keys("<Esc>").await;
    assert!(
        h.screen()
            .contains("1 problem with your settings · :problems shows them"),
        "{}",
        h.screen()
    );
    // Esc only puts the box away.
    h.keys(":problems<Enter><Esc>").await;
    let screen = h.screen();
    assert!(screen.contains("Profiles"), "{screen}");
    assert!(!screen.contains("Problems with your settings"), "{screen}");
}

#[tokio::test]
async fn the_mouse_scrolls_selects_and_opens() {
    let mut h = harness(functions(), FakeLogs::default());
    h.keys(":lambda<Enter>").await;
    let row = row_of(&h, "image-resizer");
    // One click selects: Enter opens what was clicked.
    h.app
        .handle_event(mouse(MouseEventKind::Down(MouseButton::Left), 4, row));
    h.keys("<Enter>").await;
    assert!(
        h.screen().contains("function image-resizer"),
        "{}",
        h.screen()
    );
    h.keys("<Esc>").await;
    // The wheel moves the selection.
    h.app.handle_event(mouse(MouseEventKind::ScrollUp, 4, row));
    h.keys("<Enter>").await;
    assert!(
        h.screen().contains("function checkout-api"),
        "{}",
        h.screen()
    );
    h.keys("<Esc>").await;
    h.app
        .handle_event(mouse(MouseEventKind::ScrollDown, 4, row));
    h.keys("<Enter>").await;
    assert!(
        h.screen().contains("function image-resizer"),
        "{}",
        h.screen()
    );
    h.keys("<Esc>").await;
    // Two clicks on a row open it.
    let row = row_of(&h, "checkout-api");
    for _ in 0..2 {
        h.app
            .handle_event(mouse(MouseEventKind::Down(MouseButton::Left), 4, row));
    }
    h.keys("").await;
    assert!(
        h.screen().contains("function checkout-api"),
        "{}",
        h.screen()
    );
}

mod loading {
    use awsterm::theme::Theme;
    use awsterm::ui::table::{CellText, Column, ResourceTable, TableRow};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Constraint;

    struct Name(String);

    impl TableRow for Name {
        fn cells(&self) -> Vec<CellText> {
            vec![CellText::plain(self.0.clone())]
        }
        fn id(&self) -> String {
            self.0.clone()
        }
    }

    const COLUMNS: &[Column] = &[Column::new("NAME", Constraint::Fill(1)).name()];

    fn drawn(table: &mut ResourceTable<Name>, title: &str) -> String {
        let mut terminal = Terminal::new(TestBackend::new(60, 6)).unwrap();
        terminal
            .draw(|frame| table.render(frame, frame.area(), &Theme::mono(), title, COLUMNS))
            .unwrap();
        terminal.backend().to_string()
    }

    /// Every view's table: empty while its view says it is loading is not "nothing here".
    #[test]
    fn an_empty_table_still_loading_does_not_say_nothing_here() {
        let mut table = ResourceTable::<Name>::default();
        table.set_loading(true);
        let screen = drawn(&mut table, "DynamoDB tables · loading…");
        assert!(!screen.contains("nothing here"), "{screen}");
        assert!(screen.contains("│loading…"), "{screen}");
        table.set_loading(false);
        let screen = drawn(&mut table, "DynamoDB tables");
        assert!(screen.contains("nothing here"), "{screen}");
        table.set_rows(vec![Name("orders".into())]);
        table.set_filter("zzz");
        table.set_loading(true);
        let screen = drawn(&mut table, "DynamoDB tables · loading…");
        assert!(screen.contains("no rows match the filter"), "{screen}");
    }
}
