//! The one `$EDITOR` round trip (the runtime writes the file, the editor runs, the runtime
//! reads it back), seen from the Lambda workbench; the DynamoDB item edits take the same path
//! (tests/it/dynamodb_emulator.rs).

use crate::app_harness::{Harness, options, two_profiles};
use awsterm::aws::fake::{FakeLambda, FakeSts, adapters};

/// The workbench of `checkout-api` with an "editor" that runs `script` on the file.
async fn workbench_with_editor(script: &str) -> (Harness, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let editor = dir.path().join("editor.sh");
    std::fs::write(&editor, script).unwrap();
    let lambda = FakeLambda::default().function("checkout-api", "python3.12", &[]);
    let fake =
        adapters(FakeSts::default().with("dev", "111111111111", "user/alice")).with_lambda(lambda);
    let mut h = Harness::sized(options(two_profiles(), "dev"), fake, 120, 30);
    h.host.run_programs = true;
    h.app.set_editor(format!("sh {}", editor.display()));
    h.keys(":lambda<Enter>i").await;
    (h, dir)
}

#[tokio::test]
async fn a_payload_edited_in_the_editor_comes_back_into_the_workbench() {
    let (mut h, _dir) =
        workbench_with_editor("cp \"$1\" \"$1.seen\"; printf '{\"edited\": 42}\\n' > \"$1\"\n")
            .await;
    h.keys("E").await;
    let screen = h.screen();
    assert!(screen.contains("payload updated"), "{screen}");
    assert!(screen.contains("\"edited\": 42"), "{screen}");
    // The file the editor got was written by the runtime, private, and is gone once taken.
    let Some(awsterm::app::host::HostAction::Exec(command)) = h.host.actions.last().cloned() else {
        panic!("no editor ran: {:?}", h.host.actions)
    };
    let file = std::path::PathBuf::from(command.args.last().unwrap());
    let seen = std::fs::read_to_string(file.with_extension("json.seen")).unwrap();
    assert!(seen.trim_start().starts_with('{'), "{seen}");
    h.keys("").await;
    assert!(
        !file.exists(),
        "the edited file is discarded: {}",
        file.display()
    );
}

#[tokio::test]
async fn a_failed_editor_leaves_the_payload_and_names_the_file() {
    let (mut h, _dir) = workbench_with_editor("exit 3\n").await;
    let before = h.screen();
    h.keys("E").await;
    let screen = h.screen();
    assert!(screen.contains("editor: "), "{screen}");
    assert!(
        screen.contains("payload unchanged (your text: "),
        "{screen}"
    );
    assert!(!screen.contains("payload updated"), "{screen}");
    let body = |s: &str| s.lines().skip(2).take(6).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&before), body(&screen), "the payload is as it was");
}
