# English texts of teams-presence-admin. Every id here must exist in de.ftl too (a test checks it).

app-title = ProCall Integration in Microsoft Teams
language-label = Language
loading = Loading …
load-failed = The files cannot be read: { $detail }. Check that the UCServer folder exists and that you may read it, then reload.
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
hint-client-id = empty = the app "estos ProCall Integration in Teams"
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
status-auth-required-hint = No consent is stored yet. Give "Zustimmung des Benutzers" (read presence) and "Zustimmung des Administrators" (write presence).
status-auth-stored = Consent stored – not checked yet
status-auth-stored-hint = A user consent is stored for the UCServer service. The pane has not checked it against Microsoft yet.
status-proxy = Proxy: { $proxy }
status-proxy-none = No proxy (direct connection)
status-proxy-pending = Proxy: { $proxy } (takes effect when the service restarts)
status-proxy-none-pending = No proxy (takes effect when the service restarts)
secrets-readable-by-others = The secrets file can be read by other users. Restrict it to the service account (the pane writes it owner-only on the next save).
secrets-error = The secrets file cannot be read: { $detail }. It is not overwritten; repair or remove it, then reload.

restart-notice = The proxy was saved. The UCServer service reads msteams.cfg only when it starts: restart the service for the new proxy to take effect.
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
matching-more = … and { $count } more findings (matching check lists all).
matching-convert = Convert to UTF-8, comma-separated
matching-remove-header = Remove the header line
matching-repaired = usermatching.csv was repaired and saved; the previous version is usermatching.csv.bak.
matching-changed = usermatching.csv was changed by another program since it was loaded. Reload, then repair again.
severity-error = Error
severity-warning = Warning
column-azure = Azure AD user name
column-ucserver = UCServer user name
finding-not-utf8 = Line { $line }: the file is not UTF-8 (Excel saves Windows-1252). Convert it to UTF-8, or names with umlauts will not match.
finding-semicolon = Line { $line }: the names are separated by semicolons, as German Excel saves CSV. The service expects commas: convert the file.
finding-header = Line { $line }: looks like a header line. The service reads every line as a mapping: remove it.
finding-field-count = Line { $line }: { $found } fields instead of 2. Write "Azure AD user name,UCServer user name".
finding-empty-field = Line { $line }: { $column } is empty. Enter the name or remove the line.
finding-spaces = Line { $line }: { $column } starts or ends with spaces. The service compares exactly: remove the spaces.
finding-quoted = Line { $line }: { $column } is in quotes. The service keeps the quotes as part of the name: remove them.
finding-not-upn = Line { $line }: "{ $value }" is not of the form name@domain. Enter the user's UPN from Entra ID.
finding-duplicate-azure = Line { $line }: "{ $value }" is already mapped in line { $first }. Keep one of the lines.
finding-duplicate-ucserver = Line { $line }: UCServer user "{ $value }" is already mapped in line { $first }. Keep one of the lines.
finding-case-azure = Line { $line }: "{ $value }" differs from line { $other } only in letter case. The service matches case-sensitively: use the exact spelling of the UPN.
finding-case-ucserver = Line { $line }: UCServer user "{ $value }" differs from line { $other } only in letter case. The service matches case-sensitively: check the spelling.
convert-error-comma = Line { $line }: a name contains a comma, so the file cannot be converted to comma-separated. Fix that line first.

## Saving
button-save = Save
button-revert = Revert
button-reload = Reload
button-overwrite = Overwrite
button-cancel = Cancel
unsaved-mark = Unsaved changes
saved-ok = Saved.
saved-unchanged = Nothing changed – the file was not rewritten.
save-blocked = Fix the marked fields before saving.
save-conflict = msteams.cfg was changed by another program since it was loaded. Reload takes the file from disk (your changes are lost); Overwrite writes your values into the current file and keeps its other keys.
save-io-error = Saving failed: { $detail }. Check that you may write to the UCServer's config folder.
suggestion-apply = Use { $value }

cfg-broken-title = msteams.cfg cannot be read – the pane will not overwrite it.
cfg-error-utf8 = Line { $line }, column { $column }: the file is not UTF-8. Save it as UTF-8 in a text editor, then reload.
cfg-error-syntax = Line { $line }, column { $column }: not valid JSON ({ $detail }). Comments and commas after the last entry are not allowed: the UCServer service reads strict JSON. Fix the spot in a text editor, then reload.
cfg-error-not-object = The file is not a JSON object ({"{"} … {"}"}). Restore it from msteams.cfg.bak or fix it in a text editor, then reload.
cfg-error-type = Line { $line }, column { $column }: "{ $key }" must be { $expected }. Fix it in a text editor, then reload.
cfg-error-value = Line { $line }, column { $column }: "{ $key }" has the unknown value "{ $value }". Fix it in a text editor, then reload.
cfg-type-string = a string
cfg-type-list = a list of strings

## Closing
close-title = Unsaved changes
close-question = Save the changes before closing?
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

## Command line
cli-saved = Saved { $path }.
cli-unchanged = Nothing changed; { $path } was not rewritten.
show-no-tenant = (not entered)
show-estos-app = (the app "estos ProCall Integration in Teams")
show-no-proxy = (none: direct connection)
cli-error = Error
cli-matching-missing = { $path } does not exist.
cli-matching-ok = { $path }: { $rows ->
        [one] { $rows } mapping
       *[other] { $rows } mappings
    }, no findings.
