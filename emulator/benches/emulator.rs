//! Figures of the emulator issue, measured with divan over real HTTP on loopback:
//! - listing all users of a 100,000-user tenant with `$top=999` (⌈N/999⌉ requests);
//! - `getPresencesByUserId` with 650 ids (round trip, an upper bound of the server time);
//! - starting the emulator with the demo tenant (keys, world, bound socket).
//!
//! Run: `cargo bench --bench emulator`

use entra_emulator::{self as emulator, Faults, World};

fn main() {
    divan::main();
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[divan::bench(sample_count = 10)]
fn list_100k_users_top_999(bencher: divan::Bencher) {
    const N: usize = 100_000;
    let rt = runtime();
    let emu = rt
        .block_on(emulator::start(
            ([127, 0, 0, 1], 0).into(),
            World::generated(N),
            Faults::default(),
        ))
        .unwrap();
    let token = emu
        .shared
        .delegated_token("user000000@bigcorp.example", "User.ReadBasic.All");
    let http = reqwest::Client::new();
    bencher.bench_local(|| {
        rt.block_on(async {
            let mut next = Some(format!("{}/v1.0/users?$select=id,userPrincipalName,mail,displayName,accountEnabled&$top=999", emu.base_url));
            let (mut requests, mut users) = (0, 0);
            while let Some(url) = next {
                let page: serde_json::Value = http.get(&url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
                requests += 1;
                users += page["value"].as_array().unwrap().len();
                next = page["@odata.nextLink"].as_str().map(str::to_owned);
            }
            assert_eq!((users, requests), (N, N.div_ceil(999)));
        })
    });
}

#[divan::bench(sample_count = 50)]
fn presences_by_user_id_650(bencher: divan::Bencher) {
    let rt = runtime();
    let emu = rt
        .block_on(emulator::start(
            ([127, 0, 0, 1], 0).into(),
            World::generated(1000),
            Faults::default(),
        ))
        .unwrap();
    let token = emu
        .shared
        .delegated_token("user000000@bigcorp.example", "Presence.Read.All");
    let ids: Vec<String> = emu
        .shared
        .world()
        .users
        .iter()
        .rev()
        .take(650)
        .map(|u| u.id.to_string())
        .collect();
    let body = serde_json::json!({ "ids": ids });
    let http = reqwest::Client::new();
    let url = format!("{}/v1.0/communications/getPresencesByUserId", emu.base_url);
    bencher.bench_local(|| {
        rt.block_on(async {
            let r: serde_json::Value = http
                .post(&url)
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(r["value"].as_array().unwrap().len(), 650);
        })
    });
}

#[divan::bench(sample_count = 50)]
fn start_with_demo_tenant(bencher: divan::Bencher) {
    let rt = runtime();
    bencher.bench_local(|| {
        rt.block_on(async {
            let emu = emulator::start(([127, 0, 0, 1], 0).into(), World::demo(), Faults::default())
                .await
                .unwrap();
            divan::black_box(&emu.base_url);
        })
    });
}
