//! The manual path of "App-Registrierung anlegen": a PowerShell script with the Microsoft Graph
//! PowerShell module that creates the same registration as the button (single tenant, loopback
//! redirect, the permissions with their ids, service principal, a client secret), for
//! administrators who want to read what runs in their tenant.

use super::credential::SECRET_DAYS;
use super::endpoints::{
    APPLICATION_READWRITE_ALL, Endpoints, GRAPH_RESOURCE_APP_ID, LOOPBACK_REDIRECT, PERMISSIONS,
};

/// A PowerShell single-quoted string.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The script for `tenant` (as configured) and the app's display name.
pub fn powershell(endpoints: &Endpoints, tenant: &str, display_name: &str) -> String {
    let access: Vec<String> = PERMISSIONS
        .iter()
        .map(|p| {
            format!(
                "        @{{ Id = '{}'; Type = '{}' }} # {}",
                p.id, p.kind, p.name
            )
        })
        .collect();
    // Connect-MgGraph's names of the national clouds, by their Graph host.
    let environment = match endpoints.graph.as_str() {
        "https://graph.microsoft.us" => " -Environment USGov",
        "https://dod-graph.microsoft.us" => " -Environment USGovDoD",
        "https://microsoftgraph.chinacloudapi.cn" => " -Environment China",
        _ => "",
    };
    format!(
        "# ProCall Integration in Microsoft Teams: the app registration, as the pane's button creates it.
# Needs the module Microsoft.Graph (Install-Module Microsoft.Graph -Scope CurrentUser).
Connect-MgGraph -TenantId {tenant} -Scopes '{scope}'{environment}

$app = New-MgApplication -DisplayName {name} -SignInAudience 'AzureADMyOrg' `
    -PublicClient @{{ RedirectUris = @('{redirect}') }} `
    -RequiredResourceAccess @(@{{ ResourceAppId = '{graph}'; ResourceAccess = @(
{access}
    ) }})
New-MgServicePrincipal -AppId $app.AppId | Out-Null
$secret = Add-MgApplicationPassword -ApplicationId $app.Id -PasswordCredential @{{
    DisplayName = {name}; EndDateTime = (Get-Date).AddDays({days}) }}

Write-Output \"u8sClientId: $($app.AppId)\"
Write-Output \"Client secret (enter it in the pane, then close this window): $($secret.SecretText)\"
Write-Output 'Then give both consents in the pane.'
",
        tenant = quoted(tenant),
        scope = APPLICATION_READWRITE_ALL.name,
        name = quoted(display_name),
        redirect = LOOPBACK_REDIRECT,
        graph = GRAPH_RESOURCE_APP_ID,
        access = access.join(",\n"),
        days = SECRET_DAYS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_names_every_permission_and_quotes_the_name() {
        let e = Endpoints::for_settings(&crate::model::config::Settings::default());
        let s = powershell(&e, "contoso.de", "Präsenz O'Brien");
        for p in &PERMISSIONS {
            assert!(s.contains(p.id), "{}", p.name);
        }
        assert!(s.contains("-DisplayName 'Präsenz O''Brien'"));
        assert!(s.contains(
            "Connect-MgGraph -TenantId 'contoso.de' -Scopes 'Application.ReadWrite.All'\n"
        ));
        assert!(s.contains("RedirectUris = @('http://localhost')"));
    }
}
