# English texts of teams-presence-admin. Every id here must exist in de.ftl too (a test checks it).

app-title = ProCall Integration in Microsoft Teams
language-label = Language
loading = Loading …
internal-error = Internal error: { $detail }
load-failed = Not read — { $detail }
stdout-failed = The result could not be written to the standard output — { $detail }. Nothing was changed; write it to a file (> result.txt) or a pipe that reads to its end.
demo-not-built = This build holds no demo (built without the "demo" feature). Start it without --demo on a UCServer folder.
demo-banner = DEMO: this pane runs on the local emulator of Microsoft's services ({ $url }), not on a real tenant. Sign in as admin@musterfirma.de or max.mustermann@musterfirma.de, password { $password }.
folder-label = UCServer folder: { $path }

## Fields (labels; messages name them)
field-tenant-id = Active Directory Tenant ID
field-cloud = Cloud
field-custom-login-url = Login base URL
field-custom-graph-url = Graph base URL
field-client-id = Application (client) ID
field-proxy = Proxy address
field-activation = Activation
field-groups = Groups
field-users = Users

note-tenant-missing = No tenant entered yet: the consents and the service need it. Copy the tenant ID from the Microsoft Entra admin center (Overview > Tenant ID).
hint-tenant = GUID or verified domain, e.g. contoso.onmicrosoft.com
hint-client-id = GUID of your app registration (no consents without it)
hint-proxy = empty = direct connection; host:port, e.g. 192.168.1.253:1234
hint-url = https://…

section-tenant = Tenant and app
section-auth = Authorization
section-proxy = Web proxy
section-activation = Activate the integration
section-matching = User matching (usermatching.csv)

cloud-global = Global (also GCC)
cloud-usgov = US Government L4 (GCC High)
cloud-usgov-dod = US Government L5 (DoD)
cloud-china = China (operated by 21Vianet)
cloud-custom = Custom URLs (e.g. the local emulator)
cloud-china-warning = Microsoft offers no presence API in the China cloud: the integration cannot read or set Teams presence there.

## Status
status-auth-required = Auth required
status-auth-required-hint = No consent is stored yet. Give "User consent" (read presence) and "Admin consent" (write presence).
status-auth-stored = Consent stored – not checked yet
status-auth-stored-hint = A user consent is stored for the UCServer service. The pane has not checked it against Microsoft yet.
status-proxy = Proxy: { $proxy }
status-proxy-none = No proxy (direct connection)
status-proxy-pending = Proxy: { $proxy } (takes effect when the service restarts)
status-proxy-none-pending = No proxy (takes effect when the service restarts)
secrets-readable-by-others = The secrets file can be read by other users. Restrict it to the service account (the pane writes it owner-only on the next save).
secrets-error = The secrets file cannot be read: { $detail } It is not overwritten; repair or remove it, then reload — or "Forget consent", which replaces it by an empty one.

restart-hint-windows = Open "Services" (services.msc), select the UCServer service and choose "Restart".
restart-hint-other = Restart the UCServer service on the UCServer machine (Windows: Services > UCServer > Restart).

## Activation
activation-off = Off
activation-global = Global (all users)
activation-groups = Per group
activation-users = Per user
activation-add = Add
activation-remove = Remove
activation-remove-hover = Remove { $name } from the list
activation-new-group = New group
activation-new-user = New user (UCServer user name)
activation-empty-groups = No group chosen yet: the integration is active for nobody.
activation-empty-users = No user chosen yet: the integration is active for nobody.
activation-off-note = The integration is switched off; the lists below are kept.

## Matching summary
matching-none = There is no usermatching.csv: users are matched only where the UCServer user name equals the UPN.
matching-summary = { $rows ->
        [one] { $rows } mapping
       *[other] { $rows } mappings
    }, { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
matching-more = … and { $count ->
        [one] one more finding
       *[other] { $count } more findings
    } (matching check lists all).
matching-summary-unsaved = in the table, not saved yet
matching-repaired-editor = Repaired in the table, not saved yet: "Save matching" writes { $file } (the file as it is now stays as { $file }.bak, and the one from before today's first change as a dated .bak beside it); "Undo" takes the repair back.
matching-case-found = { $count ->
        [one] One line writes
       *[other] { $count } lines write
    } a UPN in other letter case than the tenant.
matching-convert = Convert to UTF-8, comma-separated
matching-remove-header = Remove the header line
matching-repaired = { $file } was repaired and saved; the previous version is { $file }.bak.
matching-nothing-to-repair = { $file } needs no repair: nothing was written, and { $file }.bak is left as it is.
matching-changed = usermatching.csv was changed by another program since it was loaded. Reload, then repair again.
severity-error = Error
severity-warning = Warning
column-azure = Azure AD user name
column-ucserver = UCServer user name
finding-not-utf8 = Line { $line }: the file is not UTF-8 (Excel saves Windows-1252). Convert it to UTF-8, or names with umlauts will not match.
finding-semicolon = Line { $line }: the names are separated by semicolons, as German Excel saves CSV. The service expects commas: convert the file.
finding-header = Line { $line }: looks like a header line. The service reads every line as a mapping: remove it.
finding-field-count = Line { $line }: { $found ->
        [one] one field
       *[other] { $found } fields
    } instead of 2. Write "Azure AD user name,UCServer user name".
finding-empty-field = Line { $line }: { $column } is empty. Enter the name or remove the line.
finding-spaces = Line { $line }: { $column } starts or ends with spaces. The service compares exactly: remove the spaces.
finding-quoted = Line { $line }: { $column } is in quotes. The service keeps the quotes as part of the name: remove them.
finding-control-char = Line { $line }, character { $at }: { $column } holds a control character ({ $code }) — an escape sequence or a line break, which no name holds; the service would never find the name. Delete the character.
finding-not-upn = Line { $line }: "{ $value }" is not of the form name@domain. Enter the user's UPN from Entra ID.
finding-duplicate-azure = Line { $line }: "{ $value }" is already mapped in line { $first }. Keep one of the lines.
finding-duplicate-ucserver = Line { $line }: UCServer user "{ $value }" is already mapped in line { $first }. Keep one of the lines.
finding-case-azure = Line { $line }: "{ $value }" differs from line { $other } only in letter case. The service matches case-sensitively: use the exact spelling of the UPN.
finding-case-ucserver = Line { $line }: UCServer user "{ $value }" differs from line { $other } only in letter case. The service matches case-sensitively: check the spelling.
unencodable-1252 = Line { $line }: the character "{ $char }" cannot be saved in this file (Windows-1252, from Excel); it would be garbled. Nothing was written. Convert the file to UTF-8 ("Convert") or replace the character.
convert-error-comma = Line { $line }: a name contains a comma, so the file cannot be converted to comma-separated. Fix that line first.

## Saving
button-save = Save
button-revert = Revert
button-reload = Reload
button-cancel = Cancel
unsaved-mark = Unsaved changes
saved-ok = Saved.
saved-unchanged = Nothing changed – the file was not rewritten.
save-blocked = Fix the marked fields before saving.
save-io-error = Not saved, the file is unchanged — { $detail }
suggestion-apply = Use { $value }

cfg-broken-title = msteams.cfg cannot be read – the pane will not overwrite it.
cfg-error-utf8 = Line { $line }, column { $column }: the file is not UTF-8. Save it as UTF-8 in a text editor, then reload.
cfg-error-syntax = Line { $line }, column { $column }: not valid JSON ({ $detail }). Comments and commas after the last entry are not allowed: the UCServer service reads strict JSON. Fix the spot in a text editor, then reload.
cfg-error-duplicate = Line { $line }, column { $column }: "{ $key }" is in msteams.cfg twice; which value counts is ambiguous. The file is left unchanged. Delete one of the two entries.
cfg-error-not-object = The file is not a JSON object ({"{"} … {"}"}). Restore it from msteams.cfg.bak or fix it in a text editor, then reload.
cfg-error-type = Line { $line }, column { $column }: "{ $key }" must be { $expected }. Fix it in a text editor, then reload.
cfg-error-value = Line { $line }, column { $column }: "{ $key }" has the unknown value "{ $value }". Fix it in a text editor, then reload.
cfg-type-string = a string
cfg-type-list = a list of strings

## Closing
close-title = Unsaved changes
close-question = Save the changes before closing?
close-unsaved-config = { $file }: { $count ->
        [one] one changed setting
       *[other] { $count } changed settings
    }
close-unsaved-matching = { $file }: changes in the user matching table
button-close-save = Save and close
button-close-discard = Discard and close

## Input problems (each names the field, what is wrong and how to fix it)
invalid-required = { $field }: enter a value.
invalid-tenant-format = { $field }: neither a GUID nor a domain. Copy the tenant ID from the Microsoft Entra admin center (Overview > Tenant ID), e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47, or enter a verified domain such as contoso.onmicrosoft.com.
invalid-tenant-reserved = { $field }: "{ $value }" is not a tenant but one of Microsoft's collective names. Enter the ID or a domain of your own tenant.
invalid-guid = { $field }: not a GUID. Copy the application (client) ID from the app registration (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), or leave the field empty to use the estos app.
invalid-proxy-scheme = { $field }: enter it without "http://", as host:port: { $value }
invalid-proxy-credentials = { $field }: a user name and password cannot be given here. Enter host:port only.
invalid-proxy-missing-port = { $field }: the port is missing. Enter host:port, e.g. proxy.example.local:8080.
invalid-proxy-port = { $field }: "{ $value }" is not a valid port. Use a number from 1 to 65535.
invalid-proxy-host = { $field }: "{ $value }" is not a valid host. Use a host name, an IPv4 address or an IPv6 address in square brackets.
invalid-proxy-ipv6 = { $field }: put an IPv6 address in square brackets and add the port, e.g. { $value }
invalid-url = { $field }: not a valid URL. Example: https://login.example.com
invalid-url-https = { $field }: only https is allowed (plain http only for localhost).
invalid-name-spaces = { $field }: remove the spaces at the start or end – names are compared exactly.
invalid-name-duplicate = { $field }: "{ $value }" is already in the list.
invalid-unknown-value = { $field }: unknown value "{ $value }". Allowed: { $allowed }.
invalid-control-char = { $field }: holds a control character ({ $code }) at character { $position } — an escape sequence or a line break, which no name holds. Nothing was written. Type the name again without it.
invalid-empty-use-clear = { $field }: the value is empty — usually a script whose variable is empty. Nothing was written. To clear it on purpose: teams-presence-admin config clear { $key }

## Command line
cli-saved = Saved { $path }.
cli-unchanged = Nothing changed; { $path } was not rewritten.
show-no-tenant = (not entered)
show-estos-app = (not entered: no consents are possible without it)
show-no-proxy = (none: direct connection)
cli-error = Error
cli-matching-missing = { $path } does not exist.
cli-matching-ok = { $path }: { $rows ->
        [one] { $rows } mapping
       *[other] { $rows } mappings
    }, no findings.

## What Microsoft's errors mean and what to do
aadsts-65001 = No consent has been given to the app yet (AADSTS65001). Give the consent with "User consent" or "Admin consent".
aadsts-65004 = The account declined the consent (AADSTS65004). Repeat the consent and choose Accept.
aadsts-90094 = The tenant's consent settings do not let this account consent, or a permission needs an administrator (AADSTS90094). Use an account the settings allow (Entra admin center > Enterprise applications > Consent and permissions), or an administrator.
aadsts-90095 = An approval was requested through the admin consent workflow (AADSTS90095). Wait until an administrator approves it, then check again.
aadsts-50173 = The consent was revoked: the account's password was changed or reset, or its sessions were revoked (AADSTS50173). Give the user consent again, signing in with the current password.
aadsts-700082 = The stored refresh token was not used for 90 days and expired (AADSTS700082). Give the user consent again.
aadsts-70008 = The authorization code or refresh token has expired (AADSTS70008). Give the consent again.
aadsts-70043 = A Conditional Access sign-in frequency policy requires a new sign-in (AADSTS70043). Give the consent again, and review the policy for the consenting account.
aadsts-50076 = Multi-factor authentication is required (AADSTS50076). Give the consent again and complete MFA in the browser.
aadsts-50079 = The account has to register for multi-factor authentication (AADSTS50079). Register MFA for the account, then give the consent again.
aadsts-50055 = The account's password has expired (AADSTS50055). Change the password, then give the consent again.
aadsts-50133 = The sign-in is no longer valid after a password change or expiry (AADSTS50133). Sign in with the current password and give the consent again.
aadsts-50144 = The account's Active Directory password has expired (AADSTS50144). Change the password, then give the consent again.
aadsts-50126 = Wrong user name or password (AADSTS50126). Check the account and its password, then try again.
aadsts-50057 = The account is disabled (AADSTS50057). Use an enabled account.
aadsts-700016 = The application (client) id is not known in this tenant (AADSTS700016). Check the client id and the tenant id, and that the app is registered in or consented to by this tenant.
aadsts-7000215 = The client secret is wrong (AADSTS7000215). Enter the secret's value (not its id) from the app registration.
aadsts-7000222 = The client secret has expired (AADSTS7000222). Create a new secret in the app registration and enter it here.
aadsts-700027 = Microsoft does not (or no longer) know the app's certificate, or it has expired (AADSTS700027). Click "Renew" at the app registration, or upload the certificate whose private key is stored here to the app registration under "Certificates & secrets".
aadsts-700024 = Microsoft refused the app's signed sign-in because its time is off (AADSTS700024). Check this server's clock (time synchronization) and try again.
aadsts-700023 = Microsoft refused the app's signed sign-in: it names another tenant or app (AADSTS700021, AADSTS700023 or AADSTS50027). Check the tenant, the cloud and u8sClientId.
aadsts-7000218 = No client secret was sent (AADSTS7000218). Enter the client secret of the app registration.
aadsts-50011 = The redirect URI is not registered for the app (AADSTS50011). In the app registration, add http://localhost under "Mobile and desktop applications".
aadsts-90002 = The tenant was not found (AADSTS90002). Check the tenant id and the cloud: a tenant of a US government or China cloud is not found in the global cloud.
aadsts-500011 = Microsoft Graph is not available to the app in this tenant (AADSTS500011). Give the admin consent, then check again.

## The browser tab after a consent
browser-done = Done: the consent was received by the admin pane.
browser-failed = The consent did not succeed.
browser-wrong-state = This answer does not belong to the admin pane's request and was ignored.
browser-already-done = The admin pane has already received an answer; this one was ignored.
browser-close-tab = You can close this tab and return to the admin pane.

## Status after a check
verdict-authorized = Authorized: { $upn } reads presence for the UCServer; writing presence is verified.
verdict-read-only = Reading presence works ({ $upn }); writing is not granted: give "Admin consent".
verdict-read-only-unverified = Reading presence works ({ $upn }); "Admin consent" (writing presence) has not been given yet: give it.
verdict-write-only = Writing presence is granted; reading is not: give "User consent".
verdict-reconsent-user = "User consent" must be given again.
verdict-reconsent-admin = "Admin consent" must be given again.
verdict-unreachable-dns = Microsoft cannot be reached: the server name does not resolve. Check the DNS settings of this computer (and the cloud setting).
verdict-unreachable-connect = Microsoft cannot be reached: no connection. Check the firewall, or set a web proxy.
verdict-unreachable-proxy = Microsoft cannot be reached through the web proxy. Check the proxy address and that the proxy allows this computer.
verdict-unreachable-tls = The secure connection to Microsoft failed. A proxy that inspects TLS needs its root certificate in the operating system's certificate store.
verdict-unreachable-timeout = Microsoft did not answer in time. Check the network and the proxy, then check again.
verdict-unreachable-answer = Microsoft answered with an error of its own (a service problem). Check again later.
verdict-unreachable-redirect = Microsoft's address answered with a redirect; the pane follows none (it could carry the secret to another computer). Check the web proxy and, with the cloud "custom", the login and Graph URLs.
verdict-unreachable-plaintext = The login or Graph URL of the cloud "custom" starts with http:// and points to another computer: the pane sends no secret unencrypted. Enter an https:// address.
verdict-no-tenant = Enter the Active Directory Tenant ID first.
verdict-no-client-id = Enter the application (client) id of your app registration: the pane does not know the id of the estos app.
verdict-secrets = The secrets file cannot be read or written. Check its permissions.
verdict-misconfigured = The configuration does not fit the tenant.
consent-user-done = "User consent" was given by { $upn }; granted: { $scopes }.
consent-admin-verified = "Admin consent" was given and verified: the app holds Presence.ReadWrite.All.
consent-admin-reported = Microsoft confirmed "Admin consent"; it is recorded. It can be verified here only with the app's client secret – not needed with the estos app.
consent-other-tenant = The account { $account } belongs to tenant { $tid }; the configured tenant is "{ $configured }" ({ $configured_id }). Nothing was stored. Sign in with an account of that tenant ("Use another account" in the browser), or enter the account's tenant as "Active Directory Tenant ID".
consent-failed = The consent did not succeed: { $detail }
browser-launcher-missing = this computer has no program set up to open web addresses
browser-launcher-failed = the program that opens web addresses reported an error; the log has the details
consent-no-browser = The browser could not be opened ({ $detail }). Open the address shown by hand in a browser on this machine; the window keeps waiting.
consent-microsoft-said = Microsoft: { $detail }

## Consent buttons
button-consent-user = User consent
button-consent-admin = Admin consent
button-check = Check now
auth-waiting-user = Waiting for the browser: sign in with the account whose consent the UCServer uses, and accept (5 minutes at most).
auth-waiting-admin = Waiting for the browser: sign in as an administrator and accept for the organization (5 minutes at most).
auth-checked-at = Last checked: { $time }
auth-needs-tenant = Enter the Tenant ID and save first; then the consents can be given.
auth-save-first = Save the changes first: the consents use the saved settings.
short-authorized = Authorized
short-read-only = Read only (writing missing)
short-write-only = Write only (reading missing)
short-reconsent = Consent needed again
short-unreachable = Microsoft not reachable
short-misconfigured = Configuration error

## Own app registration
section-app-registration = Own app registration by hand
field-client-secret = Client secret
secret-store = Store secret
secret-remove = Remove secret
secret-stored = A client secret is stored (in the secrets file, readable by the owner only).
secret-saved = The secrets file was updated.
secret-hint = Only for an own app registration: with its client secret the pane verifies "Admin consent". The secret is never written to msteams.cfg and never shown again.
registration-help = Setting up an own app registration in Entra ID
registration-redirect = Authentication: add the platform "Mobile and desktop applications" with the redirect URI http://localhost (any port is accepted for localhost). API permissions (Microsoft Graph):
registration-manifest = Or paste this into the app's manifest:
registration-open-entra = Open the app in the Microsoft Entra admin center
permission-delegated = delegated
permission-application = application
auth-user-record = "User consent" by { $upn } on { $time }; granted: { $scopes }
button-forget = Forget consent
auth-password-age = The consenting account's password was last changed { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ago ({ $date }).
auth-password-advice = A password change revokes the user consent. If the tenant's passwords expire, change this account's password on the working day before it expires and give the user consent again right after: the integration then keeps working.
auth-refresh-unused = The stored consent has not been used for { $days } days; after 90 days Microsoft lets it expire. Start the UCServer service or check now to keep it alive.

## UCServer user import
import-empty = The UCServer user file is empty. Export the users from the UCServer administration again.
import-csv = UCServer user file, line { $line }: { $detail }. Check the export (a quote may be missing).

## Tabs
tab-settings = Settings
tab-matching = User matching
tab-preview = Preview

## Matching editor
editor-title = Edit usermatching.csv
editor-line = Line
editor-row-name = Line { $line }
editor-findings = Findings
editor-cell = Line { $line }, { $column }
editor-add = Add row
editor-delete = Delete selected
editor-undo = Undo
editor-redo = Redo
editor-search = Search
editor-search-hint = Name or part of it
editor-only-findings = Only lines with findings
editor-rows = { $shown } of { $total } { $total ->
        [one] line
       *[other] lines
    }
editor-selected = { $count } selected
editor-paste-title = Paste from Excel
editor-paste-label = Copied rows
editor-paste-hint = Paste two columns from Excel here (tab, semicolon or comma)
editor-paste-apply = Add the rows
editor-pasted = { $count ->
        [one] One row was added.
       *[other] { $count } rows were added.
    } Undo takes them out again.
paste-refused = { $count ->
        [one] One line was left out
       *[other] { $count } lines were left out
    } (line { $lines }): every line needs two names, the Azure AD user name and the UCServer user name.
editor-import = Import …
editor-export = Export …
editor-save = Save matching
editor-revert = Discard changes
editor-saved = usermatching.csv was saved; the previous version is usermatching.csv.bak.
editor-unsaved = Not saved
editor-save-blocked = usermatching.csv has { $errors ->
        [one] one error
       *[other] { $errors } errors
    }. Fix the lines marked red, then save.
editor-imported = { $count ->
        [one] One row
       *[other] { $count } rows
    } added from { $path }.
editor-exported = The matching was exported to { $path }.
editor-no-dialog = The file dialog could not be opened: { $detail }
editor-field-empty = { $column }: the field is empty. Enter the name.
editor-field-comma = { $column }: "{ $value }" contains a comma or semicolon; the service splits the names there. Remove it.
editor-field-not-upn = { $column }: "{ $value }" is not a user principal name. Enter the UPN from Entra ID, e.g. max.mustermann@contoso.com.
editor-field-duplicate = { $column }: "{ $value }" is already on line { $line }. Change that line instead of adding a second one.
editor-empty = usermatching.csv has no lines yet. Add mappings or paste them from Excel.
editor-unreadable = The table is shown once usermatching.csv can be read; the pane writes nothing over a file it could not read.
editor-read-again = Read usermatching.csv again

## Preview
preview-ucusers-title = UCServer users
preview-ucusers-none = No user list yet. Export the users as CSV in the UCServer administration (user name, display name, groups) and import the file or drop it on this window.
preview-ucusers-import = Import user list …
preview-ucusers-loaded = { $count } UCServer { $count ->
        [one] user
       *[other] users
    } from { $path }
import-skipped = Lines without a user name were left out: { $lines }
preview-tenant-title = Teams accounts in the tenant
preview-tenant-none = The tenant's accounts have not been read in this session.
tenant-list = Read accounts from the tenant
tenant-refresh = Read again
tenant-cancel = Cancel
tenant-progress = { $count ->
        [one] One account
       *[other] { $count } accounts
    } read …
tenant-loaded = { $count ->
        [one] One account
       *[other] { $count } accounts
    } read ({ $time }).
tenant-cancelled = Reading was cancelled; the list read before stays.
tenant-needs-consent = The preview reads the accounts with the user consent. Give "User consent" first (Settings tab, "Authorization" section).
tenant-graph-error = Graph answered { $status } { $code }: { $message }. Give "User consent" again; it includes reading the user list (User.ReadBasic.All).
tenant-failed = The tenant's accounts could not be read: { $detail }
preview-need-data = The preview needs the UCServer users and the tenant's accounts.
preview-computing = Computing the preview …
preview-counts = { $total } UCServer users in the activation scope: { $same } with the same UPN, { $mapping } through usermatching.csv, { $none } without a match, { $ambiguous } ambiguous ({ $tenant } accounts in the tenant).
preview-off-note = The integration is switched off; the preview shows all users as if it were switched on for everybody.
preview-filter = Show
preview-filter-all = All
kind-same-upn = Same UPN
kind-mapping = Through usermatching.csv
kind-none = No match
kind-ambiguous = Ambiguous
preview-col-user = UCServer user
preview-col-name = Display name
preview-col-match = Match
preview-col-teams = Teams account
preview-col-action = Suggestion
preview-row-same-upn = { $user }: same UPN ({ $upn })
preview-row-mapping = { $user }: through line { $line } to { $upn }
preview-row-none = { $user }: no match
preview-row-suggestion = { $user }: no match; suggestion { $upn } ({ $reason })
preview-row-ambiguous = { $user }: ambiguous, lines { $lines } name it with different accounts
preview-lines = lines { $lines }
reason-same-mail = same mail address
reason-same-local-part = same name before the @
reason-same-display-name = same display name
preview-add-suggestion = Add
preview-case-fix = Line { $line }: "{ $written }" differs from { $upn } only in letter case and so never matches.
preview-case-fix-all = Correct { $count ->
        [one] it
       *[other] all { $count }
    } (in the table; Save writes it)
preview-case-fix-each = Each line
preview-case-fix-button = Fix the spelling
preview-unknown-line = Line { $line }: the Azure AD account "{ $account }" does not exist in the tenant; the line has no effect.
preview-export = Export preview as CSV …
preview-exported = The preview was exported to { $path }.
preview-presence = Read this user's presence
## Presence as Teams shows it
presence-one = { $availability }
presence-two = { $availability } ({ $activity })
presence-available = Available
presence-available-idle = Available, inactive
presence-away = Away
presence-be-right-back = Be right back
presence-busy = Busy
presence-busy-idle = Busy, inactive
presence-do-not-disturb = Do not disturb
presence-offline = Offline
presence-unknown = Presence unknown
presence-in-a-call = In a call
presence-in-a-conference-call = In a conference call
presence-inactive = Inactive
presence-in-a-meeting = In a meeting
presence-off-work = Off work
presence-out-of-office = Out of office
presence-presenting = Presenting
presence-urgent-interruptions-only = Urgent interruptions only

preview-presence-result = { $upn }: { $presence }
preview-presence-none = Graph reports no presence for { $upn }.
preview-select = Or select a matched user in the table to read only their presence.
preview-dirty-note = The preview shows the matching in the editor, unsaved changes included.

## Live presence of every matched user
preview-live = Read live presence
preview-live-again = Read live presence again
preview-live-hover = Reads the Teams presence of every matched user the way the service will read it (getPresencesByUserId, 650 a request, with the user consent). Writes nothing.
live-progress = { $read } of { $total } users read · { $requests ->
        [one] one request
       *[other] { $requests } requests
    }
live-progress-waiting = { $read } of { $total } users read · Microsoft asks to wait (429): { $seconds } s · { $retries ->
        [one] one retry
       *[other] { $retries } retries
    }
live-cancel = Cancel
live-summary = Live presence ({ $time }): { $matched } matched users, { $readable } with a readable presence, { $without } without · { $requests ->
        [one] one request
       *[other] { $requests } requests
    }, { $retries ->
        [0] no retry
        [one] one retry after 429
       *[other] { $retries } retries after 429
    }
live-summary-cancelled = Cancelled ({ $time }): { $readable } of { $matched } matched users with a readable presence, the others not read · { $requests ->
        [one] one request
       *[other] { $requests } requests
    }
live-all-readable = The service can read the presence of every matched user.
live-show-without = Show { $count ->
        [one] the account
       *[other] the { $count }
    } without presence in the table
cli-live-row = { $user } → { $upn }: { $presence }
live-state-count = { $state }: { $count }
live-filter-without = Without presence
live-col = Teams presence
live-short-no-teams = No Teams presence
live-short-guest = Guest without presence
live-short-missing = Not in Microsoft's answer
live-short-denied = Refused (403)
live-short-throttled = Throttled (429)
live-short-failed = Error
live-short-failed-code = Error { $status } { $code }
live-short-not-read = Not read
live-why-no-teams = { $count ->
        [one] One account has
       *[other] { $count } accounts have
    } no Teams presence (Microsoft: "PresenceUnknown") – mostly the Teams licence is missing. What to do: in the Microsoft 365 admin center, Users > Active users > Licenses and apps, assign "Microsoft Teams"; where the user works in Teams with another account, match that one in usermatching.csv.
live-why-guest = { $count ->
        [one] One guest account (#EXT#) has
       *[other] { $count } guest accounts (#EXT#) have
    } no presence here – Teams keeps a guest's presence in the guest's own tenant. What to do: match the user's member account of this tenant (usermatching.csv).
live-why-missing = { $count ->
        [one] One account is
       *[other] { $count } accounts are
    } missing from Microsoft's answer – disabled, deleted, or changed since the accounts were read. What to do: check in the Microsoft 365 admin center whether sign-in is blocked or the account deleted; then "Read again" and adjust the matching.
live-why-denied = { $count ->
        [one] One account was
       *[other] { $count } accounts were
    } not read: Microsoft refuses reading presence (403) – the stored user consent does not cover "Presence.Read.All". What to do: give the "User consent" again in the settings; with an own app registration, add the delegated permission "Presence.Read.All" there.
live-why-throttled = { $count ->
        [one] One account was
       *[other] { $count } accounts were
    } not read: Microsoft throttled the request even after { $retries } waits (429). Microsoft allows 1,500 requests in 30 seconds per app and tenant; the UCServer service with the same app counts too. What to do: read again later.
live-why-failed = { $count ->
        [one] One account was
       *[other] { $count } accounts were
    } not read: Graph answered with an error (code in the table). What to do: read again later; if it stays, run "Test connection" (diagnostics) and create a support bundle.
live-why-not-read = { $count ->
        [one] One account is
       *[other] { $count } accounts are
    } not read (cancelled, or matched since). What to do: "Read live presence".
live-capacity = The service will follow { $users ->
        [one] one Teams account
       *[other] { $users } Teams accounts
    }: reading all takes { $requests ->
        [one] one request
       *[other] { $requests } requests
    } (at most 650 ids a request); Microsoft's limit of 1,500 requests in 30 seconds per app and tenant allows { $reads } such reads in 30 seconds.
live-capacity-beyond-reads = Beyond Microsoft's limit: reading all takes { $requests } requests – more than the 1,500 in 30 seconds Microsoft allows per app and tenant. What to do: limit the integration to groups or users (activation).
live-capacity-beyond-subscription = { $users } accounts are more than one account can follow by change notifications: Microsoft allows one presence subscription per user account and app, for at most 650 users (delegated only, valid for at most one hour); { $subscriptions } would be needed. With one account, the rest can only be polled, as this read does.

## Activation pickers
activation-pick = Choose from the user list
activation-pick-search = Filter the choice
activation-pick-none = Import the UCServer user list (Preview tab) to choose here.
auth-copy-url = Copy address
tenant-progress-of = { $count } of { $total } accounts read …
preview-go-to-line = Show the line in the editor

## Changes by other programs (three-way merge)
save-conflict = msteams.cfg was changed by another program since it was loaded.
save-changed-again = The file changed again while saving; nothing was written. Click "Save" once more: your changes are merged with the new version.
saved-merged = Saved. The changes another program made to { $fields } were kept.
merge-conflict = { $count ->
        [one] One entry was changed differently in the window and in the file.
       *[other] { $count } entries were changed differently in the window and in the file.
    }
merge-config-title = msteams.cfg was changed while you were editing it
merge-matching-title = usermatching.csv was changed while you were editing it
merge-changed-by-other = { $file } was changed by another program on { $time }.
merge-config-help = All other changes of both sides are kept. The entries below have two values: choose for each which one applies. Nothing is written until all are decided.
merge-matching-help = All other lines of both sides are kept. The lines below were changed differently in the editor and in the file: choose for each place which version applies. Nothing is written until all are decided.
merge-col-field = Entry
merge-col-window = In the window
merge-col-file = In the file
merge-take-window = Window: { $value }
merge-take-editor = Editor: { $value }
merge-take-file = File: { $value }
merge-take-both = Keep both
merge-take-combined = Combine — each line as the side that changed it has it, the editor's where both did: { $value }
merge-fate-changed-here = Changed in the editor: { $mine } (was { $base })
merge-fate-deleted-here = Deleted in the editor: { $base }
merge-fate-changed-there = Changed in the file by another program: { $theirs } (was { $base })
merge-fate-deleted-there = Deleted in the file by another program: { $base }
merge-fate-added-here = Added in the editor: { $mine }
merge-fate-added-there = Added in the file by another program: { $theirs }
merge-fate-same = Changed alike on both sides: { $mine }
merge-fate-clash = Changed on both sides — editor: { $mine }; file: { $theirs } (was { $base })
merge-empty = (empty)
merge-removed = (line deleted)
merge-at-line = Line { $line } of the file
merge-apply = Merge and save
merge-discard-mine = Discard my changes and reload
merge-open = { $count ->
        [one] One decision left.
       *[other] { $count } decisions left.
    }
outside-config = msteams.cfg was changed outside this window. Your unsaved changes are kept; "Save" merges them with the new version.
outside-matching = usermatching.csv was changed outside this window. Your unsaved changes are kept; "Save matching" merges them with the new version.
disk-reloaded = { $file } was changed outside the window and reloaded at { $time }.
editor-saved-merged = Saved. The changes another program made to the file were kept.
editor-merge-errors = usermatching.csv was changed by another program meanwhile. Both versions are merged, but { $errors ->
        [one] one line has
       *[other] { $errors } lines have
    } errors afterwards. Fix the marked lines and save again; nothing has been written yet.

## Folder
not-ucserver-title = Not a UCServer folder
not-ucserver-folder = { $path } is not a UCServer folder: config/msteams.cfg is missing. Choose the UCServer's installation folder (e.g. C:\Program Files\estos\UCServer) with --ucserver-dir, or create the file here (--create).
folder-create = Create it here
folder-choose = Choose another folder …
cli-created = Created { $path }.

## Admin consent record, the estos app, removals
verdict-authorized-reported = Authorized: { $upn } reads presence for the UCServer; writing presence was granted by Microsoft (not verifiable here).
verdict-write-reported = Microsoft reported "Admin consent" on { $time } (Windows account { $account }). Without the app's client secret it cannot be verified here – the normal case with the estos app.
account-unknown = unknown
auth-admin-record = "Admin consent" reported by Microsoft on { $time } for tenant { $tenant } (given through the Windows account { $account })
auth-needs-client-id = The consents cannot be given yet: this build does not know the application (client) ID of the estos app. You find it in the UCServer installation or in the Microsoft Entra admin center under "Enterprise applications" (search for "estos"); enter it above under "Application (client) ID" and save. An own app registration works as well.
auth-show-registration-help = Help for an own app registration
confirm-forget-title = Forget the consent?
confirm-forget = The stored refresh token and the records of both consents are removed from this computer, with no copy kept. The UCServer service then cannot read presence until "User consent" is given again. At Microsoft the consents stay until they are revoked in Entra ID.
confirm-secret-title = Remove the client secret?
confirm-secret = The secret is removed from the secrets file, with no copy kept. Writing presence can then no longer be verified, and a UCServer that needs the secret can no longer write.
confirm-forget-yes = Yes, forget
confirm-secret-yes = Yes, remove
merge-took-file = The file's values apply; the file already holds them, there was nothing to write.

## The UCServer service (Windows)
service-stopping = Stopping the service { $name } …
service-starting = Starting the service { $name } …
service-running = The service { $name } runs again and has read msteams.cfg anew.
service-none-found = No service with "UCServer" in its name was found. Name the service: service restart NAME.
service-several-found = Several services fit: { $names }. Name one: service restart NAME.
service-access-denied = Stopping and starting { $name } needs administrator rights: open the command prompt with "Run as administrator" and repeat the command.
service-failed = The service could not be restarted: { $detail }
service-windows-only = Restarting the UCServer service exists only on Windows, where the UCServer runs.
service-restart-button = Restart the service now …
service-finding = Looking for the UCServer service in the Service Control Manager …
service-choose = Stop and start this service:
service-confirm = Restart
service-none-found-window = No service with "UCServer" in its name was found. Restart the UCServer service in "Services" (services.msc).
service-denied-window = This window lacks the rights to stop and start { $name }. Restart it as administrator: Windows then asks for permission.
service-declined = Permission was not given; { $name } keeps running with the old proxy.
service-elevated-failed = The restart of { $name } as administrator ended with code { $code }. In a command prompt opened "as administrator", enter: teams-presence-admin service restart "{ $name }" – it says why.
service-elevated-running = Restarting { $name } as administrator (Windows asks for permission) …
service-elevate-button = Restart as administrator
service-restart-again = Try again

## Create app registration (issue 13)
reg-create = Create app registration
reg-why = One click creates the app registration in your tenant, without the Entra admin center: for your organization only and with exactly the permissions the pane and the UCServer service need. To do so, you sign in through Microsoft's app "Microsoft Graph Command Line Tools" (the app of Connect-MgGraph, present in every tenant) and allow the delegated permission Application.ReadWrite.All. Then follow the admin consent and the user consent: three sign-ins in the browser.
reg-name = Display name of the app
reg-default-name = ProCall Presence (UCServer)
reg-credential = Credential of the app
reg-credential-certificate = Certificate (recommended by Microsoft)
reg-credential-secret = Client secret
reg-step-sign-in = Sign in (Microsoft Graph Command Line Tools)
reg-step-application = Create the application
reg-step-service-principal = Create the service principal
reg-step-credential = Add the credential
reg-step-client-id = Save u8sClientId
reg-step-admin-consent = Admin consent
reg-step-user-consent = User consent
reg-running = running …
reg-failed = { $detail }
reg-done = The app registration "{ $name }" ({ $client }) is created and authorized.
reg-created-so-far = Already created: app registration "{ $name }" (application ID { $client }). If only a consent is missing, give it above under "Authorization"; otherwise remove the app registration and create it again.
reg-remove = Remove the created app registration
reg-removed = The app registration was removed; u8sClientId is as it was before.
reg-remove-nothing = This pane created no app registration here: there is nothing to remove. One you created yourself is removed in the Entra admin center.
reg-name-empty = Display name of the app: it is empty. Enter a name to find the app by in the Entra admin center.
reg-credential-ends = The app's { $kind ->
        [certificate] certificate
       *[secret] client secret
    } is valid until { $date } (key ID { $key }).
reg-credential-expiring = The app's { $kind ->
        [certificate] certificate
       *[secret] client secret
    } expires on { $date } ({ $days ->
        [0] today
        [one] tomorrow
       *[other] in { $days } days
    }). Click "Renew": the pane adds a new credential, checks it, and only then removes the old one.
reg-credential-expired = The app's { $kind ->
        [certificate] certificate
       *[secret] client secret
    } expired on { $date }: the UCServer can no longer write presence. Click "Renew".
reg-renew = Renew
reg-renewed = A new credential is stored and checked, the old one removed; valid until { $date }.
reg-script = PowerShell script (Microsoft Graph PowerShell)
reg-script-hint = For the manual way: the script does the same as the button, with the Microsoft.Graph module. Read it, run it as an administrator, and enter the application ID it prints as u8sClientId.
reg-copy = Copy
reg-copied = copied
reg-denied = Microsoft refused to create it (403): your account may not create app registrations. Sign in with an account that has the role "Application Administrator", "Cloud Application Administrator" or "Global Administrator" — or create the app by hand (PowerShell script below).
section-registration = Own app registration in one click
reg-state-done = done
reg-state-failed = failed
status-conflict = Conflict: msteams.cfg was changed elsewhere too — decide above
save-failed-short = Not saved
button-dismiss = Close
consent-cancelled = Cancelled. Nothing was changed.
auth-checking = checking …
auth-check-unchanged = checked at { $time } — unchanged
auth-check-changed = checked at { $time } — before: { $before }
steps-tenant = Tenant and app
steps-user = User consent
steps-admin = Admin consent
steps-authorized = Authorized
steps-next-tenant = Next: enter the tenant and the application ID above (or create the app registration in one click) and save.
steps-next-user = Next: click "User consent" and sign in with the account whose consent the UCServer uses.
steps-next-admin = Next: click "Admin consent" and sign in as an administrator of the tenant.
steps-next-done = Set up: the UCServer reads and writes presence.
confirm-revert-title = Discard the changes?
confirm-revert = { $count ->
        [one] One changed setting
       *[other] { $count } changed settings
    } will be lost; msteams.cfg stays as it is.
confirm-revert-yes = Discard
json-trailing-comma = a comma after the last entry
json-expected-value = a value is missing here
json-expected-comma-object = a comma or the closing brace is missing here
json-expected-comma-array = a comma or the closing bracket is missing here
json-expected-colon = the colon after the key is missing here
json-key-string = a key must be in double quotes
json-eof = the file ends in the middle of the JSON
json-control-character = a control character in a string
json-invalid-escape = an invalid escape sequence (\) in a string
json-trailing-characters = text follows the end of the JSON
path-prompt-title = No file dialog available
path-prompt = No file dialog can be shown on this system (no desktop portal and no zenity reachable). Enter the full path of the file.
path-prompt-field = Path:
path-prompt-open = Open
path-prompt-save = Save
preview-fix-line = Fix line { $line } (letter case)
preview-change-line = Change line { $line }
preview-check-line = Check line { $line }
preview-row-change-line = { $user }: no match; line { $line } names the user with an account that does not exist as written — suggestion: change line { $line } to { $upn } ({ $reason })
preview-row-dead-line = { $user }: no match; line { $line } names the user with an account that does not exist as written — check the line

## Command-line help (--help); the doc comments of src/cli are the originals
cli-options-value = OPTIONS
cli-err-unknown-argument = There is no argument "{ $arg }" here.
cli-err-unknown-command = There is no command "{ $value }".
cli-err-invalid-value = "{ $value }" is not a valid value for { $arg }. Possible values: { $valid }
cli-err-empty-value = { $arg } needs a value.
cli-err-range = "{ $value }" is not allowed for { $arg }: allowed are { $range }.
cli-err-not-allowed = "{ $value }" is not allowed for { $arg }.
cli-err-missing = Missing: { $arg }
cli-err-missing-command = A command is missing.
cli-err-conflict = { $arg } and { $prior } cannot be used together.
cli-err-values = { $arg } has the wrong number of values.
cli-err-utf8 = An argument is not valid text (UTF-8).
cli-err-other = The command line is not valid.
cli-err-did-you-mean = Did you mean { $suggestion }?
cli-err-quoted = "{ $item }"
cli-err-or = or
cli-err-more = More: --help
cli-heading-usage = Usage
cli-heading-commands = Commands
cli-heading-global-options = Options of every command
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-command-value = COMMAND
cli-flag-help = Show this help
cli-flag-version = Show the version
cli-about-root = ProCall Integration in Microsoft Teams: admin pane and command line for the UCServer
cli-arg-root-ucserver-dir = The UCServer installation folder (holds config/ and ExternalServiceProvider/); also from the environment variable UCSERVER_DIR
cli-arg-root-lang = Language of the window, the messages and this help: de or en (default: the operating system's)
cli-arg-root-demo = Run on the built-in emulator of Microsoft's services with a sample UCServer folder: try every flow without a tenant
cli-arg-root-create = Create config/msteams.cfg in a folder that has none (otherwise such a folder is refused as "not a UCServer folder")
cli-arg-root-check-every = How often the window checks both consents with Microsoft, in minutes (1–1440; default 15)
cli-about-gui = Open the window (the default)
cli-about-service = The UCServer service (Windows): restart it so that it reads msteams.cfg again
cli-about-service-restart = Stop and start the UCServer service (the one service named so, or NAME)
cli-arg-service-restart-name = The service's name, where several fit
cli-arg-service-restart-timeout = Seconds to wait for each of stopping and starting (default 60)
cli-about-config = Show or change msteams.cfg
cli-about-config-show = Print the pane's settings and the status
cli-arg-config-show-json = As JSON
cli-about-config-set = Set one value; it is validated like in the window, and nothing is written on error
cli-arg-config-set-key = What to set: tenant-id, cloud, client-id, proxy or activation
cli-arg-config-set-value = tenant-id: GUID or domain; cloud: global|usgov|usgov-dod|china|custom; client-id: GUID or ""; proxy: host:port or "" (no proxy); activation: off|global|groups[:A,B]|users[:a,b]
cli-arg-config-set-login-url = With "cloud custom": the login base URL
cli-arg-config-set-graph-url = With "cloud custom": the Graph base URL
cli-about-config-clear = Remove a value (proxy: connect directly; client-id: no app entered, the consents are not offered; tenant-id: nothing configured, the consents are not offered)
cli-arg-config-clear-key = What to remove: proxy, client-id or tenant-id
cli-about-matching = Check usermatching.csv
cli-about-matching-check = List the findings with line numbers; exit 1 when there are errors
cli-arg-matching-check-file = The file (default: ExternalServiceProvider/usermatching.csv in the UCServer folder)
cli-arg-matching-check-json = As JSON
cli-about-matching-preview = Who will be synchronized: every UCServer user in the activation scope and how it matches a Teams account (same UPN, usermatching.csv, none, ambiguous), read from the tenant with the stored user consent. Exit 1 when a user has no or no unique match or a line can never match; 5 when the tenant cannot be read
cli-arg-matching-preview-users = The UCServer's user export (CSV: user name, display name, groups; see README)
cli-arg-matching-preview-file = usermatching.csv (default: ExternalServiceProvider/usermatching.csv in the UCServer folder)
cli-arg-matching-preview-all = List every user, not only those that need attention
cli-arg-matching-preview-json = As JSON, with every row
cli-about-matching-presence = The live Teams presence of every matched user of the preview, read as the service reads it (getPresencesByUserId, 650 a request, with the stored user consent; a 429 waits what Microsoft asks): each user without a readable presence with the reason and what to do, the counts, the capacity against Microsoft's limits. Writes nothing. Exit 1 when a matched user has no readable presence; 5 when the tenant or the presences cannot be read
cli-arg-matching-presence-users = The UCServer's user export (CSV: user name, display name, groups; see docs/user-matching.md)
cli-arg-matching-presence-file = usermatching.csv (default: ExternalServiceProvider/usermatching.csv in the UCServer folder)
cli-arg-matching-presence-all = List every matched user, not only those without a readable presence
cli-arg-matching-presence-json = As JSON, with every matched user
cli-about-matching-fix = Repair the file in place (atomically; the previous version stays as .bak)
cli-arg-matching-fix-file = The file (default: ExternalServiceProvider/usermatching.csv in the UCServer folder)
cli-arg-matching-fix-convert = Convert a semicolon-separated or Windows-1252 file to UTF-8 with commas
cli-arg-matching-fix-remove-header = Remove a header line
cli-arg-matching-fix-case = Write each Azure AD name that is a UPN of the tenant but for letter case exactly as the UPN (the service matches case-sensitively); reads the tenant with the stored user consent
cli-about-consent = Give a consent in the browser: "User consent" or "Admin consent"
cli-about-consent-user = "User consent" (read presence): sign in with the account whose consent the UCServer service uses
cli-arg-consent-user-no-browser = Print the URL instead of opening the browser (open it on any machine; the answer must reach this machine's localhost)
cli-about-consent-admin = "Admin consent" (write presence) for the whole organization
cli-arg-consent-admin-no-browser = Print the URL instead of opening the browser
cli-about-consent-forget = Forget the stored user consent (refresh token)
cli-about-app = An own app registration: create it in one run, renew its credential, remove it, or print the PowerShell script that creates it by hand
cli-about-app-create = Create an own app registration in the tenant, with its service principal and a credential, save u8sClientId, and give both consents (3 sign-ins in the browser)
cli-arg-app-create-name = The app's display name in Entra ID
cli-arg-app-create-secret = A client secret instead of a certificate
cli-arg-app-create-no-browser = Print the URLs instead of opening the browser
cli-arg-app-create-json = The steps and what was created as JSON on stdout (the URLs then go to stderr)
cli-about-app-renew = Replace the credential of the app this pane created: add a new one, store it, check it, then remove the old one
cli-arg-app-renew-no-browser = Print the URL instead of opening the browser
cli-about-app-remove = Delete the app registration this pane created, its stored credential, and set u8sClientId back to what it was
cli-arg-app-remove-no-browser = Print the URL instead of opening the browser
cli-about-app-script = Print the PowerShell script (Microsoft Graph PowerShell) that creates the same registration by hand
cli-arg-app-script-name = The app's display name in Entra ID
cli-about-status = Check both consents with Microsoft. Exit code: 0 authorized, 3 auth required or incomplete, 4 re-consent needed, 5 unreachable, 6 misconfigured
cli-arg-status-json = As JSON
io-error = { $path }: { $problem }
io-not-found = The file or folder does not exist. Check the path.
io-permission-denied = Access denied. Check the permissions or run the pane as an administrator.
io-already-exists = The file already exists.
io-read-only = The drive is read-only.
io-storage-full = There is no space left on the drive.
io-is-a-directory = That is a folder, not a file.
io-not-a-directory = A part of the path is not a folder.
audit-bad-since = --since: "{ $value }" is no date. Give a day as YYYY-MM-DD (e.g. 2026-12-01) or an RFC 3339 time.
cli-about-audit = The audit trail: every change the pane made (settings, usermatching.csv, consents, secret, app registration), oldest first
cli-arg-audit-json = As JSON
cli-arg-audit-since = Only entries from this day (YYYY-MM-DD) or this time (RFC 3339) on
audit-title = Diagnostics and audit trail
audit-line = { $time }  { $by }  { $what }
audit-setting = { $key }: "{ $old }" → "{ $new }"
audit-usermatching = usermatching.csv saved: { $added } added, { $removed } removed ({ $sample })
audit-repair = { $file } repaired: { $repair ->
        [convert] converted to UTF-8 with commas
        [remove-header] header line removed
        [case] letter case of the UPNs corrected
       *[other] { $repair }
    }
audit-consent-given = { $consent ->
        [user] "User consent" given by { $account }
       *[other] "Admin consent" given for the app { $account }
    }
audit-consent-forgotten = Stored consents forgotten
audit-client-secret = Client secret { $change ->
        [stored] stored
        [removed] removed
       *[other] { $change }
    }
audit-app-created = App registration "{ $name }" ({ $client_id }) created, { $credential ->
        [certificate] with a certificate
        [secret] with a client secret
       *[other] { $credential }
    }
audit-app-removed = App registration { $client_id } removed
audit-credential-renewed = Credential of the app { $client_id } renewed (key id { $key_id })
audit-hint = Every change the pane made — settings, usermatching.csv, consents, secret, app registration — with time and Windows account, newest first. The file is beside msteams.cfg (teams-presence-admin-audit.jsonl); secrets are never in it.
audit-filter = Filter:
audit-reload = Reload
audit-empty = No entries.
cli-arg-root-deadline = How long a command waits for Microsoft in all, in seconds (default: the command's own, e.g. 120 for status); past it the command ends with exit 5
cli-arg-root-log-level = Level of the log file in config/logs/ (off, error, warn, info, debug, trace or a filter such as "teams_presence_admin=debug"; default info); the environment variable TEAMS_PRESENCE_ADMIN_LOG wins
log-level = Log level
log-level-error = Errors
log-level-warn = Warnings
log-level-info = Information
log-level-debug = Debug (detailed)
log-level-trace = Trace (everything)
log-level-hint = Applies at once and at every start; when support needs more detail, choose "Debug". At start, the environment variable TEAMS_PRESENCE_ADMIN_LOG and --log-level win.
log-level-saved = Log level "{ $level }" saved and in effect.
log-level-unknown = There is no log level "{ $level }": error, warn, info, debug or trace.
pane-settings-unreadable = { $path } is not a valid JSON object and is not overwritten. Repair or remove the file.
pane-settings-changed = { $path } was just changed by another program and is not overwritten. Choose again.
audit-logs = Log files: { $path }
logs-elsewhere = Log files: { $path } — not in the UCServer folder, as this account cannot write there: { $why } Run as administrator, they are beside msteams.cfg.
logs-nowhere = No log file is written; messages go to the console only. In the UCServer folder: { $folder } In the folder for all users: { $machine }
logs-no-machine-place = The system names no folder for all users (%ProgramData%, $HOME).
audit-renderer = Window drawn by { $renderer }
support-written = The support bundle { $path } is written ({ $files }). Secrets, tokens and codes are removed.
cli-about-support-bundle = Write a support bundle: the status, the system, msteams.cfg, what is stored (no value), usermatching.csv's findings, the audit trail and the last log lines, every secret removed
cli-arg-support-bundle-file = The zip file to write
cli-arg-support-bundle-personal-data = Include names (usermatching.csv, the accounts in findings and in the audit trail)
cli-arg-support-bundle-force = Replace FILE if it exists (never a file in the UCServer folder)
support-exists = { $path } exists already and was left as it is. Choose another name, or add --force to replace it.
support-exists-window = { $path } exists already and was left as it is. Enter another name.
support-in-folder = { $path } is inside the UCServer folder { $folder }: the support bundle is never written there (it could replace msteams.cfg, the secrets or usermatching.csv). Choose a place outside it.
support-hint = A support bundle holds what support needs: the status with Microsoft's ids, the system, msteams.cfg, what is stored (no values), usermatching.csv's findings, the audit trail and the last log lines. Secrets, tokens and codes are removed; names only when you tick it.
support-create = Create support bundle …
support-personal-data = with names (personal data)
support-written-window = The support bundle is written: { $path }
write-test-question = { $user } will see "Busy (in a call)" in Teams for 5 minutes until the test clears the presence. Go on? [y/N]
write-test-needs-yes = Without asking only with --yes.
write-test-proved = Writing checked: "Busy (In a call)" was set for { $user }, read back as "{ $presence }" and cleared.
write-test-not-seen = A presence was set for { $user } but read back as "{ $presence }": a presence of higher precedence (e.g. "Do not disturb" or a preferred presence) covers it. The session is cleared.
cli-about-write-test = Prove writing end to end for one user: set a presence (Busy, in a call, 5 minutes) with the app's permission, read it back, clear it. The colleague sees it in Teams: asks first
cli-arg-write-test-user = The user: UPN (looked up with the user consent) or object id
cli-arg-write-test-yes = Do not ask
write-test-button = Test writing …
write-test-title = Test writing?
write-test-question-window = { $user } sees "Busy (in a call)" in Teams for up to 5 minutes until the test clears the presence (right after reading it back). The pane sets it with the app's permission (Presence.ReadWrite.All).
write-test-yes = Test
diag-title = Test connection
diag-host = { $host }
diag-ok = { $stage }: ok ({ $millis } ms) — { $detail }
diag-failed = { $stage }: failed ({ $millis } ms) — { $detail }
diag-summary-ok = In short: both hosts answered, and every request of the check went through.
diag-summary-stage = In short: { $host } fails at { $stage } — see its advice above.
diag-summary-step = In short: the hosts answer, but { $step }
diag-stage-dns = DNS
diag-stage-connect = TCP connect
diag-stage-proxy = Proxy (CONNECT)
diag-stage-tls = TLS
diag-stage-http = HTTP
diag-advice-url = The address is not valid. Check the cloud and the base URLs.
diag-advice-dns = The name does not resolve. Check this server's DNS server; where only a proxy may reach the internet, enter it under "Web proxy".
diag-advice-dns-proxy = The proxy's name does not resolve. Check the proxy address and the DNS server.
diag-advice-connect = No connection. Check the firewall (outgoing, port 443); where only a proxy may reach the internet, enter it.
diag-advice-connect-proxy = No connection to the proxy. Check the proxy's address and port and that it runs.
diag-advice-proxy-auth = The proxy asks for authentication (407). The UCServer service does not sign in at the proxy: allow Microsoft's addresses for this server without authentication.
diag-advice-proxy-refused = The proxy does not let the connection through. Allow login.microsoftonline.com and graph.microsoft.com (port 443) in the proxy.
diag-advice-tls = The certificate is not trusted. Check this server's date and time and the certificates in the Windows certificate store.
diag-advice-tls-inspection = The certificate is not Microsoft's: a proxy breaks TLS open (TLS inspection). Exempt Microsoft's addresses from inspection or put the proxy's root certificate into the Windows certificate store.
diag-advice-http = No answer. Check the firewall and the proxy (one that holds connections but lets nothing through).
diag-steps = Sign-in and Graph
diag-step-refresh = OAuth (the stored refresh token redeemed)
diag-step-presence-read = Graph (a presence read)
diag-step-app-token = OAuth (app token by client credentials)
diag-step-ok = { $step }: ok ({ $millis } ms)
diag-step-failed = { $step }: failed ({ $millis } ms) — the reason and what to do: see "Consents"
diag-steps-none = Not checked: neither a user consent nor the app's certificate or client secret is stored here.
diag-consents = Consents: { $verdict }
cli-about-diagnose = Test the connection to Microsoft: for the login and the Graph host each stage on its own with its time (DNS, TCP, proxy, TLS, HTTP), then the sign-in and Graph requests of the check with their times and the consents. Exit code 0 all fine, 5 a stage failed
cli-arg-diagnose-json = As JSON

## The folder's lock and the secrets file (issue 21)
folder-busy = Not saved: another program (a window or command line of teams-presence-admin) is saving in the UCServer folder and held it for { $seconds } seconds. { $file } is unchanged — try again in a moment.
secrets-unreadable = The secrets file cannot be read, so nothing was stored: { $detail }
secrets-changed = { $path } was changed by another program while the pane was writing it; nothing was stored — try again.
io-link-refused = A link stands where the file should be; the pane does not read or write through links. Remove the link (the file it points at is not touched).
audit-unreadable-line = Line { $line } of { $file } is not an entry of the audit trail (cut off by a crash, or written by another program); it is left as it is.

## The window cannot open (issue 22)
start-failed-title = teams-presence-admin: the window cannot open
start-failed = The window could not be opened — { $reason }. Neither Direct3D 12 (without a graphics card: WARP) nor OpenGL 2.0 could be started; a Remote Desktop session without a graphics card may lack both. The command line works all the same (teams-presence-admin --help). The log is in { $logs }.

## Limits of what is read (issue 23 §5)
text-kind-config = msteams.cfg
text-kind-matching = usermatching.csv
text-kind-secrets = the secrets file
text-kind-user-export = the user export
text-kind-paste = the pasted text
text-kind-settings = the pane's settings file
text-too-large = too large: { $size_mb } MB, where { $kind } may hold at most { $max_mb } MB (far more than 100,000 users need). Nothing was read or written. Check that this is the right file.
text-line-too-long = line { $line } holds { $len } bytes, where a line of { $kind } may hold at most { $max }. Nothing was read or written. Check that this is the right file and that its lines end with line breaks.
text-not-text = not a text file ({ $kind }): it holds binary data, e.g. a zip archive or an Excel workbook. Nothing was read or written. Choose the text file, or save it as "CSV UTF-8" in Excel.
text-utf16 = { $kind } is written in UTF-16 ("Unicode text"), which is not read here. Nothing was read or written. Save it as "CSV UTF-8 (comma delimited)" in Excel, or as UTF-8 in Notepad.

## Files that are none, and the folder's lock (issue 34)
io-not-a-file = { $what } stands here instead of a file; it is neither read nor written. Replace it with the file or remove it.
entry-folder = A folder
entry-fifo = A named pipe (FIFO)
entry-device = A device
entry-socket = A socket
entry-other = Something else
io-changed-meanwhile = Another program changed the file while it was being saved; nothing was replaced — try again.
text-kind-audit = the audit trail
audit-not-written = The change is saved, but its line in the audit trail could not be written: { $detail }
## Forgetting, bundles and messages whatever the files hold (issue 34 §4, §13, §14)
secrets-syntax = { $path }: line { $line }, column { $column } is not valid JSON.
forget-replaces-unreadable = The secrets file cannot be read ({ $why }). So that no token is kept, it is replaced by an empty one: the consent is forgotten, and a client secret or certificate stored in it must be stored again.
forget-why-syntax = not valid JSON at line { $line }, column { $column }
forget-why-too-large = { $size_mb } MB, where it may hold at most { $max_mb } MB
forget-why-line-too-long = line { $line } is too long
forget-why-not-text = not a text file
json-too-deep = brackets nested too deeply (more than 128 levels)
json-expected-ident = a word that is not JSON (only true, false and null are written without quotes)
json-expected-quote = a double quote is missing here
json-invalid-number = a number that is not valid JSON
json-number-out-of-range = a number too large
json-invalid-unicode = an invalid Unicode escape (\u…) in a string
json-other = the JSON is not valid here
support-cfg-broken = The support bundle is written without a check with Microsoft (there is nothing to check with); it names where msteams.cfg is broken, without its text.
text-utf16-json = { $kind } is written in UTF-16 ("Unicode"), which the UCServer service does not read. Nothing was read or written. Open it in a text editor and save it as "UTF-8" (in Notepad: Save as…, Encoding "UTF-8").
import-unclosed-quote = UCServer user file, line { $line }: a quote (") opened here is never closed, so the rest of the file ({ $lines } lines) would be read as one field. Nothing was imported. Close the quote or remove it in a text editor, or export the users again.
import-delimiter = The columns of the UCServer user file are separated by "{ $found }", which is none of the separators read here (comma, semicolon, tab). Nothing was imported. Save the export from Excel as "CSV UTF-8 (comma delimited)".
confirm-forget-unreadable = The secrets file cannot be read, so what it holds cannot be picked out: so that no token is kept, it is replaced by an empty one. A client secret or certificate stored in it must then be stored again. At Microsoft the consents stay until they are revoked in Entra ID.
## Deadlines, the waits for Microsoft, and what its answers mean (issue 34)
cli-waiting = Waiting for Microsoft ({ $what }): { $seconds } s so far, at most { $limit } s.
cli-deadline = Microsoft did not answer within { $limit } s ({ $what }); the command stopped waiting and stored nothing more. Check the network and the proxy and try again, or allow more time with --deadline SECONDS.
wait-check = the check of both consents
wait-diagnose = the diagnosis of the connection
wait-consent = the consent in the browser and Microsoft's tokens
wait-app = the app registration
wait-write-test = the presence write test
wait-listing = the tenant's accounts
wait-presence = the live presence of the matched users
consent-config-changed = msteams.cfg was changed during the sign-in: it now names another tenant, cloud or app than the one the sign-in began with. Nothing was stored. Give the consent again for the configuration as it is now.
tenant-graph-outage = Graph answered { $status } { $code }: { $message }. That is Microsoft's side (or a page of the listing that expired), not the consent: read the accounts again later.
tenant-too-long = Microsoft's user listing holds an account whose { $field } is { $len } characters long, where Entra ID allows at most { $max }. Nothing was kept: this answer is not Entra ID's. Check the proxy and the configured Microsoft addresses.
tenant-too-large = Microsoft's user listing holds more than { $max_mb } MB of ids, names and addresses, more than any tenant needs. Nothing was kept: check the proxy and the configured Microsoft addresses.
presence-failed = The presences could not be read: { $detail }
presence-graph-denied = Graph refused the presence read ({ $status } { $code }: { $message }). Give "User consent" again; it includes reading presence (Presence.Read.All).
presence-graph-outage = Graph answered the presence read with { $status } { $code }: { $message }. That is Microsoft's side, not the consent: read again later.

## Watching between visits (issue 37): watch check, show, test, set, install, remove
watch-subject = teams-presence-admin ({ $host }): { $what }
watch-broken = The Teams integration on { $host } stopped working.
watch-reminder = The Teams integration on { $host } is still not working (since { $since }).
watch-recovered = The Teams integration on { $host } works again (before: { $was }).
watch-short-expiring = ends on { $date }
watch-expiring-password = On { $host }: the password of the account that gave "User consent" reaches the tenant's maximum age on { $date }. A new password ends the consent: change it on the working day before, { $renew }, and give "User consent" again right after.
watch-expiring-consent-unused = On { $host }: the stored "User consent" has not been used for more than 60 days and lapses on { $date } (90 days unused). Check that the UCServer service runs, or give "User consent" again by { $renew }.
watch-expiring-credential = On { $host }: the app's client secret or certificate ends on { $date }. Renew it by { $renew }: "Renew" in the admin pane, or teams-presence-admin app renew.
watch-do-authorized = Nothing to do.
watch-do-incomplete = What to do: give both consents in the admin pane ("User consent" and "Admin consent"), or run teams-presence-admin consent user and consent admin.
watch-do-reconsent-user = What to do: open the admin pane and click "User consent" (or run teams-presence-admin consent user), signed in with the account whose consent the UCServer service uses.
watch-do-reconsent-admin = What to do: open the admin pane and click "Admin consent" (or run teams-presence-admin consent admin), signed in as a global administrator.
watch-do-unreachable = What to do: Microsoft was not reachable in { $runs } checks in a row. Check the network, the firewall and the web proxy (teams-presence-admin diagnose names the failing stage).
watch-do-misconfigured = What to do: correct the configuration in the admin pane (teams-presence-admin status names what is wrong).
watch-test-subject = teams-presence-admin ({ $host }): test message
watch-test-body = This is a test message of teams-presence-admin on { $host }. This channel works: alerts about the Teams integration will arrive here.
watch-now-invalid = TPA_WATCH_NOW must be a time in RFC 3339 (e.g. 2026-06-01T08:00:00Z); "{ $value }" is not one. Remove the variable to use the clock.
watch-alert-sent = Alert: { $subject }
watch-channel-failed = The alert channel { $channel } failed: { $why } Its alerts are kept and sent again by the next run.
watch-why-unavailable = there is no Windows Event Log on this system; use mail or a webhook.
watch-why-not-set = its address is not stored; set it again with watch set.
watch-why-connect = no connection to the server; check its name and port, the firewall and whether it runs.
watch-why-timeout = the server did not answer in time.
watch-why-tls = the TLS connection failed; check --tls and the server's certificate.
watch-why-login = the mail server refused the login; check --user and the password.
watch-why-refused = the mail server refused the mail (code { $code }); check --from and --to.
watch-why-status = the webhook answered HTTP { $status }.
watch-why-other = see the log for the detail.
watch-show-schedule = Schedule: { $place }, every { $minutes } minutes.
watch-show-no-schedule = Schedule: none (teams-presence-admin watch install).
watch-no-channel = No alert channel is set: teams-presence-admin watch set mail …, watch set webhook URL, or on Windows watch set event-log on.
watch-show-channels = Alerts go to: { $channels }
watch-show-state = Last told: { $state } (since { $since })
watch-show-pending = Waiting to be sent again: { $count } alert(s) on { $channel }
watch-show-run = { $at }: { $state } ({ $ms } ms) · alerts: { $alerts } · failed: { $failed }
watch-test-sent = Test message sent: { $channel }
watch-set-saved = Saved in { $path }.
watch-file-syntax = { $path } is broken at line { $line }, column { $column }. Correct it or delete it: it holds only the watch's settings and its last runs.
watch-file-changed = { $path } was changed by another program meanwhile; nothing was written. Run the command again.
watch-webhook-invalid = The webhook's address must start with https:// (http:// only to this computer); "{ $value }" does not. Nothing was saved.
watch-smtp-invalid = --smtp wants the mail server as HOST:PORT, e.g. mail.example.com:587; "{ $value }" is not. Nothing was saved.
watch-mail-invalid = "{ $address }" is not a mail address (--from, --to): write it as name@example.com. Nothing was saved.
watch-password-stdin = The mail server's password could not be read from standard input: { $detail }. Nothing was saved.
watch-eventlog-unavailable = There is no Windows Event Log on this system: the event log channel is not available here. Use mail or a webhook.
watch-every-invalid = --every wants minutes (15m) or hours (1h), from 5 minutes to 24 hours; "{ $value }" is not. Nothing was installed.
watch-installed = The check runs every { $minutes } minutes: { $place }
watch-install-failed = The schedule could not be installed: { $detail }
watch-removed = The schedule was removed.
watch-remove-failed = The schedule could not be removed: { $detail }
watch-title = Watching (alerts between visits)
watch-busy = Reading the watch …
watch-install-button = Install schedule (every { $minutes } minutes)
watch-remove-button = Remove schedule
watch-test-button = Send test message
watch-reload = Read again
watch-gui-hint = Where the alerts go is set with teams-presence-admin watch set mail … / webhook … / event-log on (see docs/watch.md).
# Issue 35 (helper ui1): a calm wait, the next step from the verdict, a cut connection, the client id.
auth-waiting-since = waiting since { $time }
steps-next-outage = Next: Microsoft cannot be reached just now — a consent would not help. Open "Diagnostics and audit trail" below, click "Test connection", then "Check now".
steps-next-configure = Next: correct what the message above names, save, and click "Check now".
verdict-unreachable-interrupted = The connection to Microsoft broke off in the middle of the answer (reset or closed): the network, a proxy or a firewall in between, not the consents.

## The watch's command line help (issue 37)
cli-about-watch = Watch the integration between visits: a scheduled check that alerts on a change of state (Windows Event Log, mail, webhook); see docs/watch.md
cli-about-watch-check = The check the schedule runs: the verdict of "status", the warnings before a break, an alert on a change of state. Exit code (Nagios): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
cli-arg-watch-check-format = text (default) or nagios (one line with performance data)
cli-arg-watch-check-json = The run as JSON
cli-about-watch-show = The schedule, the channels, the state and the last runs with what each found
cli-arg-watch-show-json = As JSON
cli-arg-watch-show-runs = How many runs to list
cli-about-watch-test = Send a test message on every channel set
cli-about-watch-set = Set where the alerts go, or a rule
cli-about-watch-set-webhook = A webhook: the alerts as a JSON POST (https://, through the proxy); the address is kept in the secrets file
cli-arg-watch-set-webhook-url = The webhook's address (https://…)
cli-about-watch-set-mail = Mail over SMTP
cli-arg-watch-set-mail-smtp = The mail server, HOST:PORT
cli-arg-watch-set-mail-from = The sender's address
cli-arg-watch-set-mail-to = One or more recipients, comma separated
cli-arg-watch-set-mail-tls = none, starttls (default) or tls
cli-arg-watch-set-mail-user = The login at the mail server
cli-arg-watch-set-mail-password-stdin = Read the login's password from standard input (kept in the secrets file, never in msteams.cfg)
cli-about-watch-set-event-log = The Windows Event Log (on or off)
cli-arg-watch-set-event-log-on = on or off
cli-about-watch-set-lang = The alerts' language
cli-arg-watch-set-lang-lang = de or en
cli-about-watch-set-password-days = The tenant's maximum password age in days (0: passwords do not expire): the warning before the consenting account's password expires
cli-arg-watch-set-password-days-days = Days
cli-about-watch-set-warn-days = How many working days before a known end it is announced
cli-arg-watch-set-warn-days-days = Working days
cli-about-watch-clear = Remove a channel
cli-arg-watch-clear-what = webhook or mail
cli-about-watch-install = Run the check on a schedule: a Windows scheduled task (as SYSTEM), elsewhere a systemd timer
cli-arg-watch-install-every = How often: minutes (15m) or hours (1h), 5m to 24h
cli-about-watch-remove = Remove the schedule
## Issue 35 (the restart notice for every key read at start, preview, support bundle, not a UCServer folder, words)
restart-key = { $label } ({ $key })
restart-notice-keys = Saved: { $keys }. The UCServer service reads msteams.cfg only when it starts: the change takes effect once the service has been restarted.
preview-case-fix-clash = Line { $line }: "{ $written }" differs from { $upn } only in letter case — but { $upn } is on line { $other } already. A correction would make two lines for the same account, so none is offered: delete one of the two lines in the editor.
finding-row-not-utf8 = Not UTF-8 (Excel saves Windows-1252): convert the file
finding-row-semicolon = Separated by semicolons: the service expects commas
finding-row-header = Looks like a header line: remove it
finding-row-field-count = { $found ->
        [one] One field
       *[other] { $found } fields
    } instead of 2
finding-row-empty-field = { $column } is empty
finding-row-spaces = { $column }: spaces at the start or end
finding-row-quoted = { $column } is in quotes
finding-row-control-char = Character { $at }: control character { $code } in { $column }
finding-row-not-upn = Not of the form name@domain: "{ $value }"
finding-row-duplicate = Duplicate, as line { $first }: "{ $value }"
finding-row-case = As line { $other } but for letter case: "{ $value }"
matching-summary-lines = { $rows ->
        [one] { $rows } mapping
       *[other] { $rows } mappings
    } — lines with errors (red): { $error_lines }{ $errors ->
        [0] {""}
       *[other] {" "}({ $errors } errors in all)
    }, with warnings (yellow): { $warning_lines }
editor-save-blocked-lines = { $lines ->
        [one] One line of usermatching.csv has
       *[other] { $lines } lines of usermatching.csv have
    } errors. Fix the lines marked red, then save.
activation-group-unknown = None of the { $users } imported UCServer users is in the group "{ $group }": the integration is switched on for nobody through it. Check the spelling, or choose the group from the user list.
activation-group-case = None of the { $users } imported UCServer users is in the group "{ $group }", but in "{ $similar }" (other letter case). Remove "{ $group }" and choose "{ $similar }" from the user list.
activation-groups-unchecked = Whether anybody is in these groups cannot be checked: no UCServer user list is imported (Preview tab).
not-ucserver-window = { $path } is not a UCServer folder: config/msteams.cfg is missing. Choose the UCServer's installation folder (e.g. C:\Program Files\estos\UCServer) with "Choose another folder …", or create the file in this folder with "Create it here".
path-prompt-folder = No folder dialog can be shown on this system (no desktop portal and no zenity reachable). Type the full path of the UCServer folder (e.g. C:\Program Files\estos\UCServer).
preview-notes-more = More notes are below: scroll in the box above.

## Issue 38: the tenant kept
tenant-kept-age-min = accounts read { $minutes } min ago
tenant-kept-age-h = accounts read { $hours } h ago
cli-arg-matching-preview-refresh = Read the tenant's accounts again, even when those kept are younger than an hour
cli-arg-matching-presence-refresh = Read the tenant's accounts again, even when those kept are younger than an hour

# A use case's failures beside Microsoft's (issue 36 §1).
flow-answer-incomplete = Microsoft's answer holds no "{ $field }", which the protocol promises. Try again later; if it stays so, contact support with the support bundle.
ops-credential-unusable = The app's stored client secret or certificate cannot be used. Create a new one under "App registration". (Message: { $detail })
ops-no-registration = There is no app registration created by this program that could be renewed or removed. Create one with "Create app registration" or manage your own in the Azure portal.
ops-certificate-not-made = No certificate could be made for the app; nothing was stored. Try again or choose "Client secret". (Message: { $detail })
flow-state-lost = The sign-in lost its own state; nothing was stored. Give the consent again.
