//! The `entra-emulator` binary: its base URL first, a broken fault file refused.

#[test]
fn the_binary_prints_its_base_url_first_and_serves() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_entra-emulator"))
        .args(["--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line.trim().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let doc: serde_json::Value = rt.block_on(async {
        reqwest::get(format!(
            "{base}/musterfirma.de/v2.0/.well-known/openid-configuration"
        ))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        doc["issuer"],
        format!("{base}/6f6d2a3c-5b4e-4d2a-9f1e-2c3b4a5d6e7f/v2.0")
    );
}

#[test]
fn emulator_refuses_a_broken_fault_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("faults.json");
    std::fs::write(&f, "{\"passwordChangd\": true}").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_entra-emulator"))
        .args(["--config", f.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("passwordChangd"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
