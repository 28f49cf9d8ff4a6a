//! Admin consent, v2 (`/{tenant}/v2.0/adminconsent`, with scope) and v1 (`/{tenant}/adminconsent`):
//! an admin-only approval page, then the documented redirect.

use super::Shared;
use super::errors::{self as e, Aadsts};
use super::identity::{
    OIDC, Params, Shown, TenantRef, check_authorize, error_page, get, redirect_error, redirect_to,
    sign_in_page,
};
use super::state::World;
use axum::extract::{Form, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

/// `GET /{tenant}/v2.0/adminconsent` and `GET /{tenant}/adminconsent` (v1, no scope).
pub async fn admin_consent_page(
    State(shared): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    admin_consent(shared, tenant, headers, params, None).await
}

pub async fn admin_consent_submit(
    State(shared): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(form): Form<Params>,
) -> Response {
    let action = get(&form, "action").map(str::to_owned);
    admin_consent(shared, tenant, headers, form, Some(action)).await
}

async fn admin_consent(
    shared: Shared,
    tenant: String,
    headers: HeaderMap,
    params: Params,
    submitted: Option<Option<String>>,
) -> Response {
    let v2 = get(&params, "scope").is_some();
    let mut world = shared.world();
    if v2 && tenant.eq_ignore_ascii_case("common") {
        return error_page(
            &headers,
            &Aadsts::new(
                90130,
                "Application does not support the 'common' endpoint for admin consent. Use 'organizations' or the tenant's id or domain.",
            ),
        );
    }
    let a = match check_authorize(&shared, &world, &tenant, &params) {
        Ok(a) => a,
        Err(err) => return error_page(&headers, &err),
    };
    let state = a.state.as_deref();
    let app = world
        .app(&a.client_id.to_string())
        .cloned()
        .expect("checked");
    let mut listed: Vec<String> = app.application.clone();
    listed.extend(
        app.delegated
            .iter()
            .filter(|s| !OIDC.contains(&s.as_str()))
            .cloned(),
    );
    let show = |world: &World, error: Option<Aadsts>, login_hint: &str| {
        let shown = Shown {
            login_hint,
            error,
            admin: true,
        };
        sign_in_page(&headers, world, &a, &params, &listed, shown)
    };
    let Some(action) = submitted else {
        return show(&world, None, get(&params, "login_hint").unwrap_or(""));
    };
    if action.as_deref() != Some("accept") {
        return if v2 {
            redirect_error(&a, "access_denied", &e::declined(), &headers)
        } else {
            let mut p = vec![
                ("error", "permission_denied"),
                ("error_description", "The admin canceled the request"),
            ];
            if let Some(s) = state {
                p.push(("state", s));
            }
            redirect_to(&a.redirect_uri, &p)
        };
    }
    let username = get(&params, "username").unwrap_or("");
    let user = world
        .user_by_name(username)
        .cloned()
        .filter(|u| match &a.tenant {
            TenantRef::One(t) => u.tenant == t.id,
            TenantRef::Any => true,
        });
    let Some(user) =
        user.filter(|u| u.password == get(&params, "password").unwrap_or("") && u.enabled)
    else {
        let err = e::wrong_password();
        return show(&world, Some(err), username);
    };
    if !user.admin {
        let err = e::admin_only(&a.app_name);
        return show(&world, Some(err), username);
    }
    // Tenant-wide consent replaces earlier tenant-wide grants of the app.
    let tid = user.tenant;
    world.app_roles.insert(
        (tid, app.client_id),
        app.application.iter().cloned().collect(),
    );
    world.delegated_grants.insert(
        (tid, app.client_id, None),
        app.delegated.iter().cloned().collect(),
    );
    let tid = tid.to_string();
    let mut p = vec![("admin_consent", "True"), ("tenant", tid.as_str())];
    if let Some(scope) = get(&params, "scope") {
        p.push(("scope", scope));
    }
    if let Some(s) = state {
        p.push(("state", s));
    }
    redirect_to(&a.redirect_uri, &p)
}
