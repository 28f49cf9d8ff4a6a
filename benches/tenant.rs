//! Figures of the matching issue for Graph, measured with divan over real HTTP on loopback with
//! the pane's own client code (`graph::list_users`, `presence::read`) against the emulator;
//! the request counts are asserted from the emulator's request log:
//! - listing a 100,000-user tenant: ⌈N/999⌉ requests;
//! - reading the presence of 10,000 users: ⌈N/650⌉ requests.
//!
//! Run: `cargo bench --bench tenant`

use entra_emulator::{self as emulator, Faults, Running, World};
use teams_presence_admin::front::demo;
use teams_presence_admin::microsoft::client::Client;
use teams_presence_admin::microsoft::{graph, presence};

fn main() {
    divan::main();
}

fn start(n: usize) -> (tokio::runtime::Runtime, Running, Client) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let emu = rt
        .block_on(emulator::start(
            ([127, 0, 0, 1], 0).into(),
            World::generated(n),
            Faults::default(),
        ))
        .unwrap();
    let settings = demo::emulator_settings(&emu.base_url, "bigcorp.onmicrosoft.com");
    let client = Client::new(&settings, &settings.client_id).unwrap();
    (rt, emu, client)
}

#[divan::bench(sample_count = 10)]
fn list_100k_tenant_users(bencher: divan::Bencher) {
    const N: usize = 100_000;
    let (rt, emu, client) = start(N);
    let token = emu
        .shared
        .delegated_token("user000000@bigcorp.example", "User.ReadBasic.All");
    let (_stop, cancel) = tokio::sync::watch::channel(false);
    bencher.bench_local(|| {
        let before = emu.shared.requests_to("GET /v1.0/users");
        let users = rt
            .block_on(graph::list_users(
                &client,
                &token,
                |_| {},
                &mut cancel.clone(),
            ))
            .unwrap();
        assert_eq!(users.len(), N);
        assert_eq!(
            emu.shared.requests_to("GET /v1.0/users") - before,
            N.div_ceil(999)
        );
    });
}

#[divan::bench(sample_count = 10)]
fn presence_of_10k_users(bencher: divan::Bencher) {
    const N: usize = 10_000;
    let (rt, emu, client) = start(N);
    let token = emu
        .shared
        .delegated_token("user000000@bigcorp.example", "Presence.Read.All");
    let ids: Vec<String> = emu
        .shared
        .world()
        .users
        .iter()
        .filter(|u| u.upn.ends_with("@bigcorp.example"))
        .map(|u| u.id.to_string())
        .collect();
    assert_eq!(ids.len(), N);
    let path = "POST /v1.0/communications/getPresencesByUserId";
    bencher.bench_local(|| {
        let before = emu.shared.requests_to(path);
        let (_stop, mut cancel) = tokio::sync::watch::channel(false);
        let read = rt
            .block_on(presence::read(&client, &token, &ids, |_| {}, &mut cancel))
            .unwrap();
        // Every 250th account is disabled and left out of the answer.
        let named = read.seen.iter().filter(|s| s.words().is_some()).count();
        assert_eq!(named, N - N / 250);
        assert_eq!(emu.shared.requests_to(path) - before, N.div_ceil(650));
    });
}
