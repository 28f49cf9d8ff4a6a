//! Figures of the foundation issue, measured with divan:
//! - usermatching.csv with 100,000 rows (about 5 MB): read from disk, parse and validate;
//! - saving msteams.cfg: conflict check, render through the CST, atomic write with flush and backup;
//! - the matching preview of 3 × 100,000 users, and one edit in the 100,000-line editor.
//!
//! Run: `cargo bench --bench files`

use std::path::PathBuf;
use teams_presence_admin::base::files::Snapshot;
use teams_presence_admin::model::config::Settings;
use teams_presence_admin::model::matching::MatchingFile;
use teams_presence_admin::ops::store;

fn main() {
    divan::main();
}

/// 100,000 mappings like a large company's: `u012345@contoso.de,max.mustermann012345@firma.local`.
fn usermatching_100k() -> Vec<u8> {
    let first = [
        "max", "lena", "jürgen", "anna", "paul", "sofia", "emil", "mia",
    ];
    let mut out = String::with_capacity(5_200_000);
    for i in 0..100_000 {
        let name = first[i % first.len()];
        out.push_str(&format!(
            "u{i:06}@contoso.de,{name}.muster{i:06}@firma.local\r\n"
        ));
    }
    out.into_bytes()
}

struct MatchingFixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn matching_fixture() -> MatchingFixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("usermatching.csv");
    let bytes = usermatching_100k();
    assert!(
        (4_500_000..6_000_000).contains(&bytes.len()),
        "{} bytes",
        bytes.len()
    );
    std::fs::write(&path, bytes).unwrap();
    MatchingFixture { _dir: dir, path }
}

#[divan::bench(sample_count = 50)]
fn usermatching_100k_load_and_validate(bencher: divan::Bencher) {
    let fixture = matching_fixture();
    bencher.bench(|| {
        let report = store::load_matching(&fixture.path).unwrap().unwrap().report;
        assert_eq!(report.rows, 100_000);
        divan::black_box(report)
    });
}

#[divan::bench(sample_count = 50)]
fn usermatching_100k_parse_only(bencher: divan::Bencher) {
    let bytes = usermatching_100k();
    bencher.bench(|| divan::black_box(MatchingFile::parse(&bytes)));
}

#[divan::bench(sample_count = 50)]
fn usermatching_100k_validate_only(bencher: divan::Bencher) {
    let file = MatchingFile::parse(&usermatching_100k());
    bencher.bench(|| divan::black_box(file.validate()));
}

/// A realistic msteams.cfg: the service's own keys, CRLF, a BOM.
const CFG: &str = "\u{feff}{\r\n  \"u8sTenantId\": \"72f988bf-86f1-41af-91ab-2d7cd011db47\",\r\n  \"iLogLevel\": 3,\r\n  \"dPresenceSyncInterval\": 1.50,\r\n  \"iMaxUsers\": 1e3,\r\n  \"objServiceOptions\": {\r\n    \"bSetPresence\": true,\r\n    \"asIgnoredActivities\": [\"Offline\", \"PresenceUnknown\"]\r\n  },\r\n  \"u8sActivationMode\": \"groups\",\r\n  \"au8sActivationGroups\": [\"Vertrieb\", \"Support\", \"Zentrale\"]\r\n}\r\n";

#[divan::bench(sample_count = 100)]
fn msteams_cfg_save_with_flush(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("msteams.cfg");
    std::fs::write(&path, CFG).unwrap();
    let (mut snapshot, bytes) = Snapshot::read(&path).unwrap();
    let mut base: Settings = teams_presence_admin::model::config::parse(bytes.as_deref()).unwrap();
    let mut i = 0u32;
    bencher.bench_local(|| {
        i += 1;
        let mut settings = base.clone();
        settings.proxy = format!("proxy.firma.local:{}", 1000 + i % 2);
        let saved = store::save_config(&snapshot, &base, &settings.validate().unwrap()).unwrap();
        assert!(!saved.unchanged);
        snapshot = saved.snapshot;
        base = saved.settings;
    });
}

/// The matching preview at full scale: 100,000 usermatching rows, 100,000 UCServer users, 100,000
/// tenant users (issue 5's figure: ≤ 50 ms).
#[divan::bench(sample_count = 30)]
fn preview_100k(bencher: divan::Bencher) {
    use teams_presence_admin::model::matching::preview::{self, TenantUser, UcUser};
    let file = MatchingFile::parse(&usermatching_100k());
    let first = [
        "max", "lena", "jürgen", "anna", "paul", "sofia", "emil", "mia",
    ];
    let users: Vec<UcUser> = (0..100_000)
        .map(|i| UcUser {
            name: format!("{}.muster{i:06}@firma.local", first[i % first.len()]),
            display_name: format!("User {i}"),
            groups: Default::default(),
        })
        .collect();
    let tenant: Vec<TenantUser> = (0..100_000)
        .map(|i| TenantUser {
            id: format!("{i:032x}"),
            upn: format!("u{i:06}@contoso.de"),
            mail: Some(format!("u{i:06}@contoso.de")),
            display_name: format!("User {i}"),
        })
        .collect();
    bencher.bench(|| {
        let p = preview::preview(&users, |_| true, &file, &tenant);
        assert_eq!(p.counts.mapping, 100_000);
        divan::black_box(p)
    });
}

/// One edit in the table of 100,000 lines, as the editor does it: the cell set (one undo step),
/// the whole file validated again and the view rebuilt (sorted by the Azure AD name).
#[divan::bench(sample_count = 30)]
fn editor_edit_100k_sorted(bencher: divan::Bencher) {
    use teams_presence_admin::model::matching::Column;
    use teams_presence_admin::model::matching::editor::{Editor, Sort};
    let mut editor = Editor::new(MatchingFile::parse(&usermatching_100k()));
    editor.set_sort(Some(Sort {
        column: Column::Azure,
        ascending: true,
    }));
    let mut n = 0u32;
    bencher.bench_local(|| {
        n += 1;
        assert!(editor.set_cell(50_000, Column::Ucserver, &format!("edited{n}@firma.local")));
        assert_eq!(editor.report().errors, 0);
    });
}

/// A click on a column title of the 100,000-line table: the view sorted by that column.
#[divan::bench(sample_count = 20)]
fn editor_sort_100k(bencher: divan::Bencher) {
    use teams_presence_admin::model::matching::Column;
    use teams_presence_admin::model::matching::editor::{Editor, Sort};
    let mut editor = Editor::new(MatchingFile::parse(&usermatching_100k()));
    let mut ascending = false;
    bencher.bench_local(|| {
        ascending = !ascending;
        editor.set_sort(Some(Sort {
            column: Column::Ucserver,
            ascending,
        }));
        assert_eq!(editor.view().len(), 100_000);
    });
}

/// A UCServer user export of 100,000 users as German Excel writes it: semicolons, a header,
/// Windows-1252 (umlauts), CRLF, groups split by `|`.
fn ucserver_export_100k() -> Vec<u8> {
    let mut out = String::from("Benutzername;Anzeigename;Gruppen\r\n");
    for i in 0..100_000 {
        out.push_str(&format!(
            "jürgen.müller{i:06}@firma.local;Jürgen Müller {i};Vertrieb|Standort Köln\r\n"
        ));
    }
    encoding_rs::WINDOWS_1252.encode(&out).0.into_owned()
}

/// The whole path of "import the UCServer user list": the file read from disk, decoded
/// (Windows-1252) and parsed with the line of every row (`ucserver_users::parse`, what the
/// worker and `matching preview` run).
#[divan::bench(sample_count = 20)]
fn import_100k_ucserver_users(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ucserver-users.csv");
    std::fs::write(&path, ucserver_export_100k()).unwrap();
    bencher.bench(|| {
        let bytes = std::fs::read(&path).unwrap();
        let imported =
            teams_presence_admin::model::matching::ucserver_users::parse(&bytes).unwrap();
        assert_eq!(imported.users.len(), 100_000);
        imported
    });
}
