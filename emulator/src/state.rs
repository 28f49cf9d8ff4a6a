//! The emulator's world: tenants, users, app registrations, consent grants, codes, refresh tokens
//! and presence, with the small readable demo tenant and generated large tenants.

use aws_lc_rs::digest;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// Microsoft Graph's application id (the resource of every Graph permission).
pub const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";
/// The demo tenant's id.
pub const DEMO_TENANT_ID: &str = "6f6d2a3c-5b4e-4d2a-9f1e-2c3b4a5d6e7f";
/// The demo app registration ("ProCall Integration in Teams (Demo)").
pub const DEMO_CLIENT_ID: &str = "3f0c1a52-7d4b-4e8e-9a61-0c2d5e7f8a91";
/// The demo app's client secret (valid for a year from the emulator's start).
pub const DEMO_CLIENT_SECRET: &str = "demo~secret.for-the-local-emulator-only";
/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "Demo-Passwort1";
/// "Microsoft Graph Command Line Tools" (the app `Connect-MgGraph` signs in through): a public
/// client that exists in every tenant.
pub const GRAPH_CLI_TOOLS_ID: &str = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

/// Graph's permissions the emulator knows by id (`requiredResourceAccess`): id, name, `Scope`
/// (delegated) or `Role` (application). Ids from Microsoft's permissions reference.
pub const GRAPH_PERMISSIONS: [(&str, &str, &str); 9] = [
    ("37f7f235-527c-4136-accd-4a02d197296e", "openid", "Scope"),
    ("14dad69e-099b-42c9-810b-d002981feec1", "profile", "Scope"),
    (
        "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
        "offline_access",
        "Scope",
    ),
    ("e1fe6dd8-ba31-4d61-89e7-88639da4683d", "User.Read", "Scope"),
    (
        "b340eb25-3456-403f-be2f-af7a0d370277",
        "User.ReadBasic.All",
        "Scope",
    ),
    (
        "9c7a330d-35b3-4aa1-963d-cb2b9f927841",
        "Presence.Read.All",
        "Scope",
    ),
    (
        "bdfbf15f-ee85-4955-8675-146e8e5296b5",
        "Application.ReadWrite.All",
        "Scope",
    ),
    (
        "83cded22-8297-4ff6-a7fa-e97e9545a259",
        "Presence.ReadWrite.All",
        "Role",
    ),
    (
        "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
        "Application.ReadWrite.All",
        "Role",
    ),
];

#[derive(Clone, Debug)]
pub struct Tenant {
    pub id: Uuid,
    pub name: String,
    /// Verified domains; the first is the initial `*.onmicrosoft.com` domain.
    pub domains: Vec<String>,
    /// Whether users may consent to apps themselves (tenant policy).
    pub user_consent_allowed: bool,
}

#[derive(Clone, Debug)]
pub struct User {
    pub id: Uuid,
    pub tenant: Uuid,
    pub upn: String,
    pub mail: Option<String>,
    pub display_name: String,
    pub password: String,
    pub admin: bool,
    pub enabled: bool,
    /// Whether the account has a Teams licence: without one, Graph knows no presence for it
    /// (`PresenceUnknown`, as Microsoft reports for accounts that are no Teams users).
    pub teams: bool,
    pub last_password_change: DateTime<Utc>,
    pub password_policies: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Secret {
    /// `keyId`, as `addPassword` reports it and `removePassword` names it.
    pub key_id: Uuid,
    pub display_name: String,
    pub value: String,
    pub starts: DateTime<Utc>,
    pub expires: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct App {
    /// `appId`.
    pub client_id: Uuid,
    /// The application object's `id` (Graph's `/applications/{id}`).
    pub object_id: Uuid,
    /// The tenant a single-tenant registration belongs to; `None`: known in every tenant (the demo
    /// app, Microsoft's own apps).
    pub home_tenant: Option<Uuid>,
    pub name: String,
    pub secrets: Vec<Secret>,
    /// Certificate credentials (`keyCredentials`), for client assertions.
    pub certificates: Vec<Certificate>,
    pub redirect_uris: Vec<String>,
    /// Delegated Graph permissions the registration asks for (`Presence.Read.All`, …).
    pub delegated: Vec<String>,
    /// Application Graph permissions the registration asks for (`Presence.ReadWrite.All`).
    pub application: Vec<String>,
}

/// An authorization code, redeemable once within its lifetime.
#[derive(Clone, Debug)]
pub struct Code {
    pub client_id: Uuid,
    pub tenant: Uuid,
    pub user: Uuid,
    pub redirect_uri: String,
    pub challenge: Option<(String, String)>,
    pub scopes: Vec<String>,
    pub nonce: Option<String>,
    pub expires: DateTime<Utc>,
    pub redeemed: bool,
}

/// A refresh token; each use replaces it with a new one.
#[derive(Clone, Debug)]
pub struct Refresh {
    pub client_id: Uuid,
    pub tenant: Uuid,
    pub user: Uuid,
    pub scopes: Vec<String>,
    pub last_used: DateTime<Utc>,
}

/// A presence session set by an app (`setPresence`).
#[derive(Clone, Debug)]
pub struct Session {
    pub app: Uuid,
    pub availability: String,
    pub activity: String,
    pub expires: DateTime<Utc>,
}

/// What the user set by hand in Teams (`setUserPreferredPresence`).
#[derive(Clone, Debug)]
pub struct Preferred {
    pub availability: String,
    pub activity: String,
    pub expires: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Default)]
pub struct Presence {
    /// What the user's own Teams client shows while signed in (`None`: signed out).
    pub base: Option<(String, String)>,
    pub sessions: Vec<Session>,
    pub preferred: Option<Preferred>,
    pub sequence: u64,
}

/// Teams states of the demo and generated users (availability, activity).
pub const AVAILABLE: (&str, &str) = ("Available", "Available");
pub const IN_A_CALL: (&str, &str) = ("Busy", "InACall");
pub const IN_A_MEETING: (&str, &str) = ("Busy", "InAMeeting");
pub const AWAY: (&str, &str) = ("Away", "Away");
pub const BE_RIGHT_BACK: (&str, &str) = ("BeRightBack", "BeRightBack");
pub const PRESENTING: (&str, &str) = ("DoNotDisturb", "Presenting");

/// The whole emulated world.
#[derive(Debug, Default)]
pub struct World {
    pub tenants: Vec<Tenant>,
    /// Users in creation order (the order Graph lists them in).
    pub users: Vec<User>,
    pub user_by_id: HashMap<Uuid, usize>,
    /// Lower-case UPN → index.
    pub user_by_upn: HashMap<String, usize>,
    pub apps: Vec<App>,
    /// Delegated grants: (tenant, app, user or `None` for all users) → scopes.
    pub delegated_grants: HashMap<(Uuid, Uuid, Option<Uuid>), BTreeSet<String>>,
    /// Application role assignments: (tenant, app) → roles.
    pub app_roles: HashMap<(Uuid, Uuid), BTreeSet<String>>,
    /// Service principals: (tenant, app) → the service principal's object id.
    pub service_principals: HashMap<(Uuid, Uuid), Uuid>,
    pub codes: HashMap<String, Code>,
    pub refresh_tokens: HashMap<String, Refresh>,
    pub presence: HashMap<Uuid, Presence>,
    /// The `scope` each refresh request sent, in order (`None`: none) — what a client asks for
    /// when it refreshes, for tests to read.
    pub refresh_scopes: Vec<Option<String>>,
    /// Change tracking for `users/delta`: a counter raised by every change, and the users
    /// changed (their last change) and removed since the world began.
    pub change_seq: u64,
    pub user_changed: HashMap<Uuid, u64>,
    /// Removed users: (change, id, tenant).
    pub users_removed: Vec<(u64, Uuid, Uuid)>,
}

impl World {
    /// The tenant named by a GUID or one of its verified domains (case-insensitive).
    pub fn tenant(&self, name: &str) -> Option<&Tenant> {
        let lower = name.to_ascii_lowercase();
        self.tenants.iter().find(|t| {
            t.id.to_string() == lower || t.domains.iter().any(|d| d.eq_ignore_ascii_case(name))
        })
    }

    pub fn app(&self, client_id: &str) -> Option<&App> {
        let id = Uuid::parse_str(client_id).ok()?;
        self.apps.iter().find(|a| a.client_id == id)
    }

    /// The app as known in `tenant` (`None`: `common`/`organizations`): a single-tenant
    /// registration only in its own tenant.
    pub fn app_in(&self, client_id: &str, tenant: Option<Uuid>) -> Option<&App> {
        self.app(client_id)
            .filter(|a| a.home_tenant.is_none() || a.home_tenant == tenant)
    }

    pub fn user_by_name(&self, upn: &str) -> Option<&User> {
        self.user_by_upn
            .get(&upn.to_lowercase())
            .map(|&i| &self.users[i])
    }

    pub fn user(&self, id: Uuid) -> Option<&User> {
        self.user_by_id.get(&id).map(|&i| &self.users[i])
    }

    /// A user by object id or UPN.
    pub fn user_by_key(&self, key: &str) -> Option<&User> {
        match Uuid::parse_str(key) {
            Ok(id) => self.user(id),
            Err(_) => self.user_by_name(key),
        }
    }

    /// The object id of the app's service principal in the tenant (created on first use, as
    /// Microsoft creates it at the first sign-in or consent).
    pub fn service_principal(&mut self, tenant: Uuid, app: Uuid) -> Uuid {
        *self
            .service_principals
            .entry((tenant, app))
            .or_insert_with(Uuid::new_v4)
    }

    /// Marks the user `id` as changed (after its fields were changed in place): the next
    /// `users/delta` round names it.
    pub fn touch_user(&mut self, id: Uuid) {
        self.change_seq += 1;
        self.user_changed.insert(id, self.change_seq);
    }

    /// Removes the user `id` (a `users/delta` round names it `@removed`).
    pub fn remove_user(&mut self, id: Uuid) -> Option<User> {
        let i = *self.user_by_id.get(&id)?;
        let user = self.users.remove(i);
        self.user_by_id.clear();
        self.user_by_upn.clear();
        for (i, u) in self.users.iter().enumerate() {
            self.user_by_id.insert(u.id, i);
            self.user_by_upn.insert(u.upn.to_lowercase(), i);
        }
        self.change_seq += 1;
        self.user_changed.remove(&id);
        self.users_removed.push((self.change_seq, id, user.tenant));
        Some(user)
    }

    pub fn add_user(&mut self, user: User) {
        self.touch_user(user.id);
        let i = self.users.len();
        self.user_by_id.insert(user.id, i);
        self.user_by_upn.insert(user.upn.to_lowercase(), i);
        self.users.push(user);
    }

    /// The delegated scopes consented for this user (own consent or tenant-wide).
    pub fn granted_delegated(&self, tenant: Uuid, app: Uuid, user: Uuid) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for key in [(tenant, app, Some(user)), (tenant, app, None)] {
            if let Some(s) = self.delegated_grants.get(&key) {
                out.extend(s.iter().cloned());
            }
        }
        out
    }

    /// The small demo tenant: German and English names, a few UPNs that differ from the
    /// UCServer's user names, one that differs only in letter case, one disabled account.
    pub fn demo() -> Self {
        let mut w = World::default();
        let tenant = Uuid::parse_str(DEMO_TENANT_ID).expect("valid");
        w.tenants.push(Tenant {
            id: tenant,
            name: "Musterfirma GmbH".into(),
            domains: vec![
                "musterfirma.onmicrosoft.com".into(),
                "musterfirma.de".into(),
            ],
            user_consent_allowed: true,
        });
        // (local part, name, admin, enabled, Teams licence, what Teams shows while signed in)
        let people = [
            ("admin", "Anna Admin", true, true, true, None),
            ("max.mustermann", "Max Mustermann", false, true, true, None),
            (
                "lena.frisch",
                "Lena Frisch",
                false,
                true,
                true,
                Some(AVAILABLE),
            ),
            (
                "juergen.mueller",
                "Jürgen Müller",
                false,
                true,
                true,
                Some(IN_A_CALL),
            ),
            ("mmu", "Markus Mustermann", false, true, true, Some(AWAY)),
            (
                "Sophie.Wagner",
                "Sophie Wagner",
                false,
                true,
                true,
                Some(PRESENTING),
            ),
            (
                "john.smith",
                "John Smith",
                false,
                true,
                true,
                Some(AVAILABLE),
            ),
            ("emily.jones", "Emily Jones", false, true, false, None),
            (
                "ehemalig",
                "Ehemaliger Mitarbeiter",
                false,
                false,
                true,
                None,
            ),
        ];
        for (i, (local, name, admin, enabled, teams, base)) in people.into_iter().enumerate() {
            let upn = format!("{local}@musterfirma.de");
            let id = Uuid::from_u128(0x0d3e_0000_0000_4000_8000_0000_0000_0000 + i as u128);
            w.add_user(User {
                id,
                tenant,
                mail: Some(upn.to_lowercase()),
                upn,
                display_name: name.into(),
                password: DEMO_PASSWORD.into(),
                admin,
                enabled,
                teams,
                last_password_change: Utc::now() - Duration::days(30 + 7 * i as i64),
                password_policies: None,
            });
            w.set_base(id, base);
        }
        w.apps.push(demo_app());
        w.apps.push(graph_cli_tools());
        w
    }

    /// A tenant of `n` users (`user000000@bigcorp.example` …), for scale tests: Teams states
    /// spread over the users (one in seven signed out, so Offline), every 50th without a Teams
    /// licence, every 250th disabled (the first, the tenant's administrator, neither).
    pub fn generated(n: usize) -> Self {
        let mut w = World::demo();
        let tenant = Uuid::from_u128(0xb16c_0000_0000_4000_8000_0000_0000_0000);
        w.tenants.push(Tenant {
            id: tenant,
            name: "Bigcorp".into(),
            domains: vec!["bigcorp.onmicrosoft.com".into(), "bigcorp.example".into()],
            user_consent_allowed: true,
        });
        w.users.reserve(n);
        let changed = Utc::now() - Duration::days(10);
        let states = [
            Some(AVAILABLE),
            Some(IN_A_CALL),
            Some(AWAY),
            Some(PRESENTING),
            Some(BE_RIGHT_BACK),
            Some(IN_A_MEETING),
            None,
        ];
        for i in 0..n {
            let upn = format!("user{i:06}@bigcorp.example");
            let id = Uuid::from_u128(0xb16c_0000_0000_4000_8000_0000_0000_0000 + 1 + i as u128);
            w.add_user(User {
                id,
                tenant,
                mail: Some(upn.clone()),
                upn,
                display_name: format!("User {i:06}"),
                password: DEMO_PASSWORD.into(),
                admin: i == 0,
                enabled: i % 250 != 125,
                teams: i % 50 != 49,
                last_password_change: changed,
                password_policies: None,
            });
            w.set_base(id, states[i % states.len()]);
        }
        w
    }

    /// What the user's Teams client shows (`None`: signed out).
    pub fn set_base(&mut self, user: Uuid, base: Option<(&str, &str)>) {
        if let Some((availability, activity)) = base {
            let p = self.presence.entry(user).or_default();
            p.base = Some((availability.to_owned(), activity.to_owned()));
        }
    }
}

/// The demo app registration: a public client with `http://localhost`, asking for the pane's
/// delegated permissions and `Presence.ReadWrite.All` as an application permission.
pub fn demo_app() -> App {
    App {
        client_id: Uuid::parse_str(DEMO_CLIENT_ID).expect("valid"),
        object_id: Uuid::from_u128(0x3f0c_1a52_0000_4000_8000_0000_0000_0001),
        home_tenant: None,
        name: "ProCall Integration in Teams (Demo)".into(),
        secrets: vec![Secret {
            key_id: Uuid::from_u128(0x3f0c_1a52_0000_4000_8000_0000_0000_0002),
            display_name: "demo".into(),
            value: DEMO_CLIENT_SECRET.into(),
            starts: Utc::now(),
            expires: Utc::now() + Duration::days(365),
        }],
        certificates: Vec::new(),
        redirect_uris: vec!["http://localhost".into()],
        delegated: [
            "openid",
            "profile",
            "offline_access",
            "User.Read",
            "User.ReadBasic.All",
            "Presence.Read.All",
        ]
        .map(String::from)
        .to_vec(),
        application: vec!["Presence.ReadWrite.All".into()],
    }
}

/// Microsoft Graph Command Line Tools: a public client with `http://localhost` in every tenant;
/// `Application.ReadWrite.All` among what it may ask for (an administrator consents to it).
pub fn graph_cli_tools() -> App {
    App {
        client_id: Uuid::parse_str(GRAPH_CLI_TOOLS_ID).expect("valid"),
        object_id: Uuid::from_u128(0x14d8_2eec_0000_4000_8000_0000_0000_0001),
        home_tenant: None,
        name: "Microsoft Graph Command Line Tools".into(),
        secrets: Vec::new(),
        certificates: Vec::new(),
        redirect_uris: vec!["http://localhost".into()],
        delegated: [
            "openid",
            "profile",
            "offline_access",
            "User.Read",
            "Application.ReadWrite.All",
        ]
        .map(String::from)
        .to_vec(),
        application: Vec::new(),
    }
}

/// A certificate credential (`keyCredentials` entry of type `AsymmetricX509Cert`).
#[derive(Clone, Debug)]
pub struct Certificate {
    pub key_id: Uuid,
    pub display_name: String,
    /// The certificate, DER.
    pub der: Vec<u8>,
    pub starts: DateTime<Utc>,
    pub expires: DateTime<Utc>,
}

impl Certificate {
    /// `x5t#S256`: base64url of the SHA-256 of the DER.
    pub fn thumbprint_s256(&self) -> String {
        URL_SAFE_NO_PAD.encode(digest::digest(&digest::SHA256, &self.der))
    }

    /// `x5t` and Graph's `customKeyIdentifier`: the SHA-1 thumbprint.
    pub fn thumbprint_sha1(&self) -> Vec<u8> {
        digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, &self.der)
            .as_ref()
            .to_vec()
    }
}
