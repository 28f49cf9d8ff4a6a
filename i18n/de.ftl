# Deutsche Texte von teams-presence-admin. Jede ID muss es auch in en.ftl geben (ein Test prüft das).

app-title = ProCall Integration in Microsoft Teams
language-label = Sprache
loading = Wird geladen …
internal-error = Interner Fehler: { $detail }
load-failed = Nicht gelesen — { $detail }
stdout-failed = Das Ergebnis konnte nicht auf die Standardausgabe geschrieben werden — { $detail }. Nichts wurde geändert; leiten Sie es in eine Datei (> ergebnis.txt) oder eine Pipe, die bis zum Ende liest.
demo-not-built = Diese Ausgabe enthält keine Demo (gebaut ohne die Funktion „demo“). Starten Sie sie ohne --demo auf einem UCServer-Ordner.
demo-banner = DEMO: Die Verwaltung läuft auf dem lokalen Emulator der Microsoft-Dienste ({ $url }), nicht auf einem echten Mandanten. Anmelden als admin@musterfirma.de oder max.mustermann@musterfirma.de, Kennwort { $password }.
folder-label = UCServer-Ordner: { $path }

## Felder
field-tenant-id = Active Directory Tenant ID
field-cloud = Cloud
field-custom-login-url = Anmelde-Basis-URL
field-custom-graph-url = Graph-Basis-URL
field-client-id = Anwendungs-ID (Client-ID)
field-proxy = Proxy-Adresse
field-activation = Aktivierung
field-groups = Gruppen
field-users = Benutzer

note-tenant-missing = Noch keine Tenant ID eingetragen: Die Zustimmungen und der Dienst brauchen sie. Kopieren Sie die Mandanten-ID aus dem Microsoft Entra Admin Center (Übersicht > Mandanten-ID).
hint-tenant = GUID oder verifizierte Domäne, z. B. contoso.onmicrosoft.com
hint-client-id = GUID Ihrer App-Registrierung (ohne sie keine Zustimmungen)
hint-proxy = leer = direkte Verbindung; Host:Port, z. B. 192.168.1.253:1234
hint-url = https://…

section-tenant = Mandant und App
section-auth = Autorisierung
section-proxy = Web-Proxy
section-activation = Integration aktivieren
section-matching = Benutzerzuordnung (usermatching.csv)

cloud-global = Global (auch GCC)
cloud-usgov = US Government L4 (GCC High)
cloud-usgov-dod = US Government L5 (DoD)
cloud-china = China (betrieben von 21Vianet)
cloud-custom = Eigene URLs (z. B. lokaler Emulator)
cloud-china-warning = Microsoft bietet in der China-Cloud keine Präsenz-API an: Die Integration kann dort Teams-Präsenzen weder lesen noch setzen.

## Status
status-auth-required = Auth required
status-auth-required-hint = Es ist noch keine Zustimmung gespeichert. Erteilen Sie die „Zustimmung des Benutzers“ (Präsenzen lesen) und die „Zustimmung des Administrators“ (Präsenzen schreiben).
status-auth-stored = Zustimmung gespeichert – noch nicht geprüft
status-auth-stored-hint = Für den UCServer-Dienst ist eine Zustimmung des Benutzers gespeichert. Die Verwaltung hat sie noch nicht bei Microsoft geprüft.
status-proxy = Proxy: { $proxy }
status-proxy-none = Kein Proxy (direkte Verbindung)
status-proxy-pending = Proxy: { $proxy } (wirkt nach Neustart des Dienstes)
status-proxy-none-pending = Kein Proxy (wirkt nach Neustart des Dienstes)
secrets-readable-by-others = Die Datei mit den Geheimnissen ist für andere Benutzer lesbar. Beschränken Sie sie auf das Dienstkonto (die Verwaltung schreibt sie beim nächsten Speichern nur für den Besitzer lesbar).
secrets-error = Die Datei mit den Geheimnissen kann nicht gelesen werden: { $detail } Sie wird nicht überschrieben; reparieren oder entfernen Sie sie und laden Sie neu — oder „Zustimmung vergessen“, das sie durch eine leere ersetzt.

restart-hint-windows = Öffnen Sie „Dienste“ (services.msc), wählen Sie den UCServer-Dienst und dann „Neu starten“.
restart-hint-other = Starten Sie den UCServer-Dienst auf dem UCServer-Rechner neu (Windows: Dienste > UCServer > Neu starten).

## Aktivierung
activation-off = Aus
activation-global = Global (alle Benutzer)
activation-groups = Pro Gruppe
activation-users = Pro Benutzer
activation-add = Hinzufügen
activation-remove = Entfernen
activation-remove-hover = { $name } aus der Liste entfernen
activation-new-group = Neue Gruppe
activation-new-user = Neuer Benutzer (UCServer-Benutzername)
activation-empty-groups = Noch keine Gruppe gewählt: Die Integration ist für niemanden aktiv.
activation-empty-users = Noch kein Benutzer gewählt: Die Integration ist für niemanden aktiv.
activation-off-note = Die Integration ist ausgeschaltet; die Listen unten bleiben erhalten.

## Zuordnung
matching-none = Es gibt keine usermatching.csv: Benutzer werden nur zugeordnet, wo der UCServer-Benutzername dem UPN gleicht.
matching-summary = { $rows ->
        [one] { $rows } Zuordnung
       *[other] { $rows } Zuordnungen
    }, { $errors } Fehler, { $warnings ->
        [one] { $warnings } Warnung
       *[other] { $warnings } Warnungen
    }
matching-more = … und { $count ->
        [one] ein weiterer Befund
       *[other] { $count } weitere Befunde
    } („matching check“ listet alle).
matching-summary-unsaved = in der Tabelle, noch nicht gespeichert
matching-repaired-editor = In der Tabelle repariert, noch nicht gespeichert: „Zuordnung speichern“ schreibt { $file } (die Datei, wie sie jetzt ist, bleibt als { $file }.bak, die von vor der ersten Änderung heute als datierte .bak daneben); „Rückgängig“ nimmt die Reparatur zurück.
matching-case-found = { $count ->
        [one] Eine Zeile schreibt
       *[other] { $count } Zeilen schreiben
    } einen UPN in anderer Groß-/Kleinschreibung als der Tenant.
matching-convert = In UTF-8 mit Kommas umwandeln
matching-remove-header = Kopfzeile entfernen
matching-repaired = { $file } wurde repariert und gespeichert; die vorige Fassung ist { $file }.bak.
matching-nothing-to-repair = { $file } braucht keine Reparatur: Es wurde nichts geschrieben, { $file }.bak bleibt, wie sie ist.
matching-changed = usermatching.csv wurde seit dem Laden von einem anderen Programm geändert. Laden Sie neu und reparieren Sie erneut.
severity-error = Fehler
severity-warning = Warnung
column-azure = Azure-AD-Benutzername
column-ucserver = UCServer-Benutzername
finding-not-utf8 = Zeile { $line }: Die Datei ist nicht UTF-8-kodiert (Excel speichert Windows-1252). Wandeln Sie sie in UTF-8 um, sonst passen Namen mit Umlauten nicht.
finding-semicolon = Zeile { $line }: Die Namen sind durch Semikolons getrennt, wie das deutsche Excel CSV speichert. Der Dienst erwartet Kommas: Wandeln Sie die Datei um.
finding-header = Zeile { $line }: sieht nach einer Kopfzeile aus. Der Dienst liest jede Zeile als Zuordnung: Entfernen Sie sie.
finding-field-count = Zeile { $line }: { $found ->
        [one] ein Feld
       *[other] { $found } Felder
    } statt 2. Schreiben Sie „Azure-AD-Benutzername,UCServer-Benutzername“.
finding-empty-field = Zeile { $line }: { $column } ist leer. Tragen Sie den Namen ein oder entfernen Sie die Zeile.
finding-spaces = Zeile { $line }: { $column } beginnt oder endet mit Leerzeichen. Der Dienst vergleicht exakt: Entfernen Sie die Leerzeichen.
finding-quoted = Zeile { $line }: { $column } steht in Anführungszeichen. Der Dienst hält die Anführungszeichen für einen Teil des Namens: Entfernen Sie sie.
finding-control-char = Zeile { $line }, Zeichen { $at }: { $column } enthält ein Steuerzeichen ({ $code }) — eine Escape-Sequenz oder einen Zeilenumbruch, die in keinem Namen stehen; der Dienst fände den Namen nie. Löschen Sie das Zeichen.
finding-not-upn = Zeile { $line }: „{ $value }“ hat nicht die Form name@domäne. Tragen Sie den UPN des Benutzers aus Entra ID ein.
finding-duplicate-azure = Zeile { $line }: „{ $value }“ ist schon in Zeile { $first } zugeordnet. Behalten Sie eine der Zeilen.
finding-duplicate-ucserver = Zeile { $line }: UCServer-Benutzer „{ $value }“ ist schon in Zeile { $first } zugeordnet. Behalten Sie eine der Zeilen.
finding-case-azure = Zeile { $line }: „{ $value }“ unterscheidet sich von Zeile { $other } nur in Groß-/Kleinschreibung. Der Dienst beachtet die Schreibweise: Verwenden Sie die exakte Schreibweise des UPN.
finding-case-ucserver = Zeile { $line }: UCServer-Benutzer „{ $value }“ unterscheidet sich von Zeile { $other } nur in Groß-/Kleinschreibung. Der Dienst beachtet die Schreibweise: Prüfen Sie sie.
unencodable-1252 = Zeile { $line }: Das Zeichen „{ $char }“ lässt sich in dieser Datei (Windows-1252, aus Excel) nicht speichern; es würde verfälscht. Nichts wurde geschrieben. Wandeln Sie die Datei in UTF-8 um („Konvertieren“) oder ersetzen Sie das Zeichen.
convert-error-comma = Zeile { $line }: Ein Name enthält ein Komma, daher kann die Datei nicht in Komma-Trennung umgewandelt werden. Korrigieren Sie zuerst diese Zeile.

## Speichern
button-save = Speichern
button-revert = Verwerfen
button-reload = Neu laden
button-cancel = Abbrechen
unsaved-mark = Ungespeicherte Änderungen
saved-ok = Gespeichert.
saved-unchanged = Keine Änderung – die Datei wurde nicht neu geschrieben.
save-blocked = Korrigieren Sie vor dem Speichern die markierten Felder.
save-io-error = Nicht gespeichert, die Datei ist unverändert — { $detail }
suggestion-apply = { $value } übernehmen

cfg-broken-title = msteams.cfg kann nicht gelesen werden – die Verwaltung überschreibt die Datei nicht.
cfg-error-utf8 = Zeile { $line }, Spalte { $column }: Die Datei ist nicht UTF-8-kodiert. Speichern Sie sie in einem Texteditor als UTF-8 und laden Sie neu.
cfg-error-syntax = Zeile { $line }, Spalte { $column }: kein gültiges JSON ({ $detail }). Kommentare und Kommas nach dem letzten Eintrag sind nicht erlaubt: Der UCServer-Dienst liest striktes JSON. Korrigieren Sie die Stelle in einem Texteditor und laden Sie neu.
cfg-error-duplicate = Zeile { $line }, Spalte { $column }: „{ $key }“ steht zweimal in msteams.cfg; welcher Wert gilt, ist nicht eindeutig. Die Datei wird nicht verändert. Löschen Sie einen der beiden Einträge.
cfg-error-not-object = Die Datei ist kein JSON-Objekt ({"{"} … {"}"}). Stellen Sie sie aus msteams.cfg.bak wieder her oder korrigieren Sie sie in einem Texteditor und laden Sie neu.
cfg-error-type = Zeile { $line }, Spalte { $column }: „{ $key }“ muss { $expected } sein. Korrigieren Sie das in einem Texteditor und laden Sie neu.
cfg-error-value = Zeile { $line }, Spalte { $column }: „{ $key }“ hat den unbekannten Wert „{ $value }“. Korrigieren Sie das in einem Texteditor und laden Sie neu.
cfg-type-string = eine Zeichenkette
cfg-type-list = eine Liste von Zeichenketten

## Schließen
close-title = Ungespeicherte Änderungen
close-question = Sollen die Änderungen vor dem Schließen gespeichert werden?
close-unsaved-config = { $file }: { $count ->
        [one] eine geänderte Einstellung
       *[other] { $count } geänderte Einstellungen
    }
close-unsaved-matching = { $file }: Änderungen in der Tabelle der Benutzerzuordnung
button-close-save = Speichern und schließen
button-close-discard = Verwerfen und schließen

## Eingabefehler (nennen Feld, Fehler und Abhilfe)
invalid-required = { $field }: Bitte einen Wert eingeben.
invalid-tenant-format = { $field }: weder GUID noch Domäne. Kopieren Sie die Mandanten-ID aus dem Microsoft Entra Admin Center (Übersicht > Mandanten-ID), z. B. 72f988bf-86f1-41af-91ab-2d7cd011db47, oder geben Sie eine verifizierte Domäne wie contoso.onmicrosoft.com ein.
invalid-tenant-reserved = { $field }: „{ $value }“ ist kein Mandant, sondern ein Sammelname von Microsoft. Geben Sie die ID oder eine Domäne Ihres eigenen Mandanten ein.
invalid-guid = { $field }: keine GUID. Kopieren Sie die Anwendungs-ID (Client-ID) aus der App-Registrierung (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) oder lassen Sie das Feld leer für die estos-App.
invalid-proxy-scheme = { $field }: ohne „http://“ eingeben, als Host:Port: { $value }
invalid-proxy-credentials = { $field }: Benutzername und Passwort können hier nicht angegeben werden. Geben Sie nur Host:Port ein.
invalid-proxy-missing-port = { $field }: Der Port fehlt. Geben Sie Host:Port ein, z. B. proxy.firma.local:8080.
invalid-proxy-port = { $field }: „{ $value }“ ist kein gültiger Port. Erlaubt sind Zahlen von 1 bis 65535.
invalid-proxy-host = { $field }: „{ $value }“ ist kein gültiger Host. Erlaubt sind ein Hostname, eine IPv4-Adresse oder eine IPv6-Adresse in eckigen Klammern.
invalid-proxy-ipv6 = { $field }: Setzen Sie eine IPv6-Adresse in eckige Klammern und hängen Sie den Port an, z. B. { $value }
invalid-url = { $field }: keine gültige URL. Beispiel: https://login.example.com
invalid-url-https = { $field }: Nur https ist erlaubt (http nur für localhost).
invalid-name-spaces = { $field }: Entfernen Sie die Leerzeichen am Anfang oder Ende – Namen werden exakt verglichen.
invalid-name-duplicate = { $field }: „{ $value }“ steht schon in der Liste.
invalid-unknown-value = { $field }: unbekannter Wert „{ $value }“. Erlaubt: { $allowed }.
invalid-control-char = { $field }: enthält ein Steuerzeichen ({ $code }) an Zeichen { $position } — eine Escape-Sequenz oder einen Zeilenumbruch, die in keinem Namen stehen. Nichts wurde geschrieben. Geben Sie den Namen ohne es erneut ein.
invalid-empty-use-clear = { $field }: der Wert ist leer — meist ein Skript, dessen Variable leer ist. Nichts wurde geschrieben. Zum absichtlichen Leeren: teams-presence-admin config clear { $key }

## Kommandozeile
cli-saved = { $path } gespeichert.
cli-unchanged = Keine Änderung; { $path } wurde nicht neu geschrieben.
show-no-tenant = (nicht eingetragen)
show-estos-app = (nicht eingetragen: ohne sie sind keine Zustimmungen möglich)
show-no-proxy = (keiner: direkte Verbindung)
cli-error = Fehler
cli-matching-missing = { $path } gibt es nicht.
cli-matching-ok = { $path }: { $rows ->
        [one] { $rows } Zuordnung
       *[other] { $rows } Zuordnungen
    }, keine Befunde.

## Was die Fehler von Microsoft bedeuten und was zu tun ist
aadsts-65001 = Der App wurde noch keine Zustimmung erteilt (AADSTS65001). Erteilen Sie die Zustimmung mit „Zustimmung des Benutzers“ bzw. „Zustimmung des Administrators“.
aadsts-65004 = Das Konto hat die Zustimmung abgelehnt (AADSTS65004). Wiederholen Sie die Zustimmung und wählen Sie „Akzeptieren“.
aadsts-90094 = Die Zustimmungseinstellungen des Mandanten erlauben diesem Konto keine Zustimmung, oder eine Berechtigung erfordert einen Administrator (AADSTS90094). Verwenden Sie ein Konto, das die Einstellungen zulassen (Entra Admin Center > Unternehmensanwendungen > Zustimmung und Berechtigungen), oder einen Administrator.
aadsts-90095 = Über den Workflow für die Administratorzustimmung wurde eine Genehmigung angefordert (AADSTS90095). Warten Sie, bis ein Administrator sie erteilt, und prüfen Sie dann erneut.
aadsts-50173 = Die Zustimmung wurde widerrufen: Das Kennwort des Kontos wurde geändert oder zurückgesetzt, oder seine Sitzungen wurden widerrufen (AADSTS50173). Erteilen Sie die Zustimmung des Benutzers erneut und melden Sie sich mit dem aktuellen Kennwort an.
aadsts-700082 = Das gespeicherte Aktualisierungstoken wurde 90 Tage nicht verwendet und ist abgelaufen (AADSTS700082). Erteilen Sie die Zustimmung des Benutzers erneut.
aadsts-70008 = Der Autorisierungscode oder das Aktualisierungstoken ist abgelaufen (AADSTS70008). Erteilen Sie die Zustimmung erneut.
aadsts-70043 = Eine Richtlinie für bedingten Zugriff (Anmeldehäufigkeit) verlangt eine neue Anmeldung (AADSTS70043). Erteilen Sie die Zustimmung erneut und prüfen Sie die Richtlinie für das zustimmende Konto.
aadsts-50076 = Eine mehrstufige Authentifizierung ist erforderlich (AADSTS50076). Erteilen Sie die Zustimmung erneut und schließen Sie die MFA im Browser ab.
aadsts-50079 = Das Konto muss sich für die mehrstufige Authentifizierung registrieren (AADSTS50079). Registrieren Sie MFA für das Konto und erteilen Sie die Zustimmung dann erneut.
aadsts-50055 = Das Kennwort des Kontos ist abgelaufen (AADSTS50055). Ändern Sie das Kennwort und erteilen Sie die Zustimmung dann erneut.
aadsts-50133 = Die Anmeldung ist nach einer Kennwortänderung oder einem Kennwortablauf nicht mehr gültig (AADSTS50133). Melden Sie sich mit dem aktuellen Kennwort an und erteilen Sie die Zustimmung erneut.
aadsts-50144 = Das Active-Directory-Kennwort des Kontos ist abgelaufen (AADSTS50144). Ändern Sie das Kennwort und erteilen Sie die Zustimmung dann erneut.
aadsts-50126 = Falscher Benutzername oder falsches Kennwort (AADSTS50126). Prüfen Sie Konto und Kennwort und versuchen Sie es erneut.
aadsts-50057 = Das Konto ist deaktiviert (AADSTS50057). Verwenden Sie ein aktiviertes Konto.
aadsts-700016 = Die Anwendungs-ID (Client-ID) ist in diesem Mandanten unbekannt (AADSTS700016). Prüfen Sie Client-ID und Tenant ID und ob die App in diesem Mandanten registriert ist oder ihr zugestimmt wurde.
aadsts-7000215 = Der geheime Clientschlüssel ist falsch (AADSTS7000215). Tragen Sie den Wert des Schlüssels (nicht seine ID) aus der App-Registrierung ein.
aadsts-7000222 = Der geheime Clientschlüssel ist abgelaufen (AADSTS7000222). Erstellen Sie in der App-Registrierung einen neuen Schlüssel und tragen Sie ihn hier ein.
aadsts-700027 = Microsoft kennt das Zertifikat der App nicht (mehr) oder es ist abgelaufen (AADSTS700027). Klicken Sie bei der App-Registrierung „Erneuern“, oder laden Sie das Zertifikat, dessen privater Schlüssel hier gespeichert ist, in der App-Registrierung unter „Zertifikate & Geheimnisse“ hoch.
aadsts-700024 = Microsoft hat die signierte Anmeldung der App abgelehnt, weil ihre Zeit nicht stimmt (AADSTS700024). Prüfen Sie die Uhr dieses Servers (Zeitsynchronisation) und versuchen Sie es erneut.
aadsts-700023 = Microsoft hat die signierte Anmeldung der App abgelehnt: Sie nennt einen anderen Tenant oder eine andere App (AADSTS700021, AADSTS700023 oder AADSTS50027). Prüfen Sie Tenant, Cloud und u8sClientId.
aadsts-7000218 = Es wurde kein geheimer Clientschlüssel gesendet (AADSTS7000218). Tragen Sie den geheimen Clientschlüssel der App-Registrierung ein.
aadsts-50011 = Der Umleitungs-URI ist für die App nicht registriert (AADSTS50011). Fügen Sie in der App-Registrierung unter „Mobile Anwendungen und Desktopanwendungen“ http://localhost hinzu.
aadsts-90002 = Der Mandant wurde nicht gefunden (AADSTS90002). Prüfen Sie die Tenant ID und die Cloud: Ein Mandant der US-Government- oder China-Cloud wird in der globalen Cloud nicht gefunden.
aadsts-500011 = Microsoft Graph ist für die App in diesem Mandanten nicht verfügbar (AADSTS500011). Erteilen Sie die Zustimmung des Administrators und prüfen Sie erneut.

## The browser tab after a consent
browser-done = Fertig: Die Verwaltung hat die Zustimmung erhalten.
browser-failed = Die Zustimmung ist nicht gelungen.
browser-wrong-state = Diese Antwort gehört nicht zur Anfrage der Verwaltung und wurde ignoriert.
browser-already-done = Die Verwaltung hat bereits eine Antwort erhalten; diese wurde ignoriert.
browser-close-tab = Sie können diesen Tab schließen und zur Verwaltung zurückkehren.

## Status nach einer Prüfung
verdict-authorized = Autorisiert: { $upn } liest Präsenzen für den UCServer; das Schreiben von Präsenzen ist geprüft.
verdict-read-only = Präsenzen lesen funktioniert ({ $upn }); Schreiben ist nicht erlaubt: Erteilen Sie die „Zustimmung des Administrators“.
verdict-read-only-unverified = Präsenzen lesen funktioniert ({ $upn }); die „Zustimmung des Administrators“ (Präsenzen schreiben) ist noch nicht erteilt: Erteilen Sie sie.
verdict-write-only = Präsenzen schreiben ist erlaubt, lesen nicht: Erteilen Sie die „Zustimmung des Benutzers“.
verdict-reconsent-user = Die „Zustimmung des Benutzers“ muss erneut erteilt werden.
verdict-reconsent-admin = Die „Zustimmung des Administrators“ muss erneut erteilt werden.
verdict-unreachable-dns = Microsoft ist nicht erreichbar: Der Servername wird nicht aufgelöst. Prüfen Sie die DNS-Einstellungen dieses Rechners (und die Cloud-Einstellung).
verdict-unreachable-connect = Microsoft ist nicht erreichbar: keine Verbindung. Prüfen Sie die Firewall oder tragen Sie einen Web-Proxy ein.
verdict-unreachable-proxy = Microsoft ist über den Web-Proxy nicht erreichbar. Prüfen Sie die Proxy-Adresse und ob der Proxy diesen Rechner zulässt.
verdict-unreachable-tls = Die sichere Verbindung zu Microsoft ist fehlgeschlagen. Ein Proxy, der TLS prüft, braucht sein Stammzertifikat im Zertifikatspeicher des Betriebssystems.
verdict-unreachable-timeout = Microsoft hat nicht rechtzeitig geantwortet. Prüfen Sie Netzwerk und Proxy und prüfen Sie erneut.
verdict-unreachable-answer = Microsoft hat mit einem eigenen Fehler geantwortet (Störung des Dienstes). Prüfen Sie später erneut.
verdict-unreachable-redirect = Die Adresse von Microsoft antwortete mit einer Umleitung; der Bereich folgt keiner (sie könnte das Geheimnis an einen anderen Rechner schicken). Prüfen Sie den Web-Proxy und bei der Cloud „custom“ die Anmelde- und Graph-URL.
verdict-unreachable-plaintext = Die Anmelde- oder Graph-URL der Cloud „custom“ beginnt mit http:// und zeigt auf einen anderen Rechner: Der Bereich sendet kein Geheimnis unverschlüsselt. Tragen Sie eine https://-Adresse ein.
verdict-no-tenant = Tragen Sie zuerst die Active Directory Tenant ID ein.
verdict-no-client-id = Tragen Sie die Anwendungs-ID (Client-ID) Ihrer App-Registrierung ein: Die ID der estos-App ist der Verwaltung nicht bekannt.
verdict-secrets = Die Datei mit den Geheimnissen kann nicht gelesen oder geschrieben werden. Prüfen Sie ihre Berechtigungen.
verdict-misconfigured = Die Konfiguration passt nicht zum Mandanten.
consent-user-done = Die „Zustimmung des Benutzers“ wurde von { $upn } erteilt; erlaubt: { $scopes }.
consent-admin-verified = Die „Zustimmung des Administrators“ wurde erteilt und geprüft: Die App hat Presence.ReadWrite.All.
consent-admin-reported = Microsoft hat die „Zustimmung des Administrators“ bestätigt; sie ist vermerkt. Prüfen lässt sie sich hier nur mit dem geheimen Clientschlüssel der App – bei der estos-App ist das nicht nötig.
consent-other-tenant = Das Konto { $account } gehört zum Mandanten { $tid }, eingestellt ist „{ $configured }“ (Mandant { $configured_id }). Nichts wurde gespeichert. Melden Sie sich mit einem Konto dieses Mandanten an (im Browser „Anderes Konto verwenden“) oder tragen Sie unter „Active Directory Tenant ID“ den Mandanten des Kontos ein.
consent-failed = Die Zustimmung ist nicht gelungen: { $detail }
browser-launcher-missing = auf diesem Rechner ist kein Programm eingerichtet, das Webadressen öffnet
browser-launcher-failed = das Programm, das Webadressen öffnet, meldete einen Fehler; Einzelheiten stehen im Protokoll
consent-no-browser = Der Browser konnte nicht geöffnet werden ({ $detail }). Öffnen Sie die angezeigte Adresse von Hand in einem Browser dieses Rechners; das Fenster wartet weiter.
consent-microsoft-said = Microsoft: { $detail }

## Consent buttons
button-consent-user = Zustimmung des Benutzers
button-consent-admin = Zustimmung des Administrators
button-check = Prüfen
auth-waiting-user = Warte auf den Browser: Melden Sie sich mit dem Konto an, dessen Zustimmung der UCServer verwendet, und akzeptieren Sie (höchstens 5 Minuten).
auth-waiting-admin = Warte auf den Browser: Melden Sie sich als Administrator an und stimmen Sie für die Organisation zu (höchstens 5 Minuten).
auth-checked-at = Zuletzt geprüft: { $time }
auth-needs-tenant = Tragen Sie zuerst die Tenant ID ein und speichern Sie; dann lassen sich die Zustimmungen erteilen.
auth-save-first = Speichern Sie zuerst die Änderungen: Die Zustimmungen verwenden die gespeicherten Einstellungen.
short-authorized = Autorisiert
short-read-only = Nur lesen (Schreiben fehlt)
short-write-only = Nur schreiben (Lesen fehlt)
short-reconsent = Zustimmung erneut nötig
short-unreachable = Microsoft nicht erreichbar
short-misconfigured = Konfigurationsfehler

## Own app registration
section-app-registration = Eigene App-Registrierung von Hand
field-client-secret = Geheimer Clientschlüssel
secret-store = Schlüssel speichern
secret-remove = Schlüssel entfernen
secret-stored = Ein geheimer Clientschlüssel ist gespeichert (in der Datei mit den Geheimnissen, nur für den Besitzer lesbar).
secret-saved = Die Datei mit den Geheimnissen wurde aktualisiert.
secret-hint = Nur für eine eigene App-Registrierung: Mit ihrem geheimen Clientschlüssel prüft die Verwaltung die „Zustimmung des Administrators“. Der Schlüssel wird nie in msteams.cfg geschrieben und nie wieder angezeigt.
registration-help = Eine eigene App-Registrierung in Entra ID einrichten
registration-redirect = Authentifizierung: Plattform „Mobile Anwendungen und Desktopanwendungen“ mit dem Umleitungs-URI http://localhost hinzufügen (für localhost gilt jeder Port). API-Berechtigungen (Microsoft Graph):
registration-manifest = Oder dies in das Manifest der App einfügen:
registration-open-entra = Die App im Microsoft Entra Admin Center öffnen
permission-delegated = delegiert
permission-application = Anwendung
auth-user-record = „Zustimmung des Benutzers“ von { $upn } am { $time }; erlaubt: { $scopes }
button-forget = Zustimmung vergessen
auth-password-age = Das Kennwort des zustimmenden Kontos wurde vor { $days ->
        [one] { $days } Tag
       *[other] { $days } Tagen
    } zuletzt geändert ({ $date }).
auth-password-advice = Eine Kennwortänderung widerruft die Zustimmung des Benutzers. Wenn die Kennwörter des Mandanten ablaufen, ändern Sie das Kennwort dieses Kontos am Werktag vor dem Ablauf und erteilen Sie gleich danach die Zustimmung des Benutzers erneut: So läuft die Integration ohne Ausfall weiter.
auth-refresh-unused = Die gespeicherte Zustimmung wurde seit { $days } Tagen nicht verwendet; nach 90 Tagen lässt Microsoft sie ablaufen. Starten Sie den UCServer-Dienst oder prüfen Sie jetzt, um sie zu erhalten.

## UCServer user import
import-empty = Die Datei mit den UCServer-Benutzern ist leer. Exportieren Sie die Benutzer erneut aus der UCServer-Verwaltung.
import-csv = Datei mit den UCServer-Benutzern, Zeile { $line }: { $detail }. Prüfen Sie den Export (vielleicht fehlt ein Anführungszeichen).

## Reiter
tab-settings = Einstellungen
tab-matching = Benutzerzuordnung
tab-preview = Vorschau

## Zuordnungseditor
editor-title = usermatching.csv bearbeiten
editor-line = Zeile
editor-row-name = Zeile { $line }
editor-findings = Befunde
editor-cell = Zeile { $line }, { $column }
editor-add = Zeile hinzufügen
editor-delete = Auswahl löschen
editor-undo = Rückgängig
editor-redo = Wiederholen
editor-search = Suchen
editor-search-hint = Name oder Teil davon
editor-only-findings = Nur Zeilen mit Befunden
editor-rows = { $shown } von { $total } { $total ->
        [one] Zeile
       *[other] Zeilen
    }
editor-selected = { $count } ausgewählt
editor-paste-title = Aus Excel einfügen
editor-paste-label = Kopierte Zeilen
editor-paste-hint = Zwei Spalten aus Excel hier einfügen (Tabulator, Semikolon oder Komma)
editor-paste-apply = Zeilen übernehmen
editor-pasted = { $count ->
        [one] Eine Zeile wurde angefügt.
       *[other] { $count } Zeilen wurden angefügt.
    } Mit „Rückgängig“ nehmen Sie sie wieder heraus.
paste-refused = { $count ->
        [one] Eine Zeile wurde ausgelassen
       *[other] { $count } Zeilen wurden ausgelassen
    } (Zeile { $lines }): Jede Zeile braucht zwei Namen, den Azure-AD-Benutzernamen und den UCServer-Benutzernamen.
editor-import = Importieren …
editor-export = Exportieren …
editor-save = Zuordnung speichern
editor-revert = Verwerfen
editor-saved = usermatching.csv wurde gespeichert; die vorige Fassung ist usermatching.csv.bak.
editor-unsaved = Nicht gespeichert
editor-save-blocked = usermatching.csv hat { $errors } Fehler. Beheben Sie die rot markierten Zeilen, dann speichern Sie.
editor-imported = { $count ->
        [one] Eine Zeile
       *[other] { $count } Zeilen
    } aus { $path } angefügt.
editor-exported = Die Zuordnung wurde nach { $path } exportiert.
editor-no-dialog = Der Dateidialog ließ sich nicht öffnen: { $detail }
editor-field-empty = { $column }: Das Feld ist leer. Geben Sie den Namen ein.
editor-field-comma = { $column }: „{ $value }“ enthält ein Komma oder Semikolon; der Dienst trennt die Namen daran. Entfernen Sie es.
editor-field-not-upn = { $column }: „{ $value }“ ist kein Benutzerprinzipalname. Geben Sie den UPN aus Entra ID ein, z. B. max.mustermann@firma.de.
editor-field-duplicate = { $column }: „{ $value }“ steht schon in Zeile { $line }. Ändern Sie die vorhandene Zeile statt eine zweite anzulegen.
editor-empty = usermatching.csv hat noch keine Zeilen. Fügen Sie Zuordnungen hinzu oder aus Excel ein.
editor-unreadable = Die Tabelle erscheint, sobald usermatching.csv gelesen werden kann; über eine Datei, die nicht gelesen werden konnte, schreibt der Bereich nichts.
editor-read-again = usermatching.csv erneut lesen

## Vorschau
preview-ucusers-title = UCServer-Benutzer
preview-ucusers-none = Noch keine Benutzerliste. Exportieren Sie die Benutzer in der UCServer-Verwaltung als CSV (Benutzername, Anzeigename, Gruppen) und importieren Sie die Datei oder ziehen Sie sie auf dieses Fenster.
preview-ucusers-import = Benutzerliste importieren …
preview-ucusers-loaded = { $count } UCServer-Benutzer aus { $path }
import-skipped = Zeilen ohne Benutzernamen ausgelassen: { $lines }
preview-tenant-title = Teams-Konten im Tenant
preview-tenant-none = Die Konten des Tenants wurden in dieser Sitzung noch nicht gelesen.
tenant-list = Konten aus dem Tenant lesen
tenant-refresh = Neu lesen
tenant-cancel = Abbrechen
tenant-progress = { $count ->
        [one] Ein Konto
       *[other] { $count } Konten
    } gelesen …
tenant-loaded = { $count ->
        [one] Ein Konto
       *[other] { $count } Konten
    } gelesen ({ $time }).
tenant-cancelled = Das Lesen wurde abgebrochen; die vorher gelesene Liste bleibt.
tenant-needs-consent = Die Vorschau liest die Konten mit der Zustimmung des Benutzers. Geben Sie zuerst die „Zustimmung des Benutzers“ (Reiter „Einstellungen“, Abschnitt „Autorisierung“).
tenant-graph-error = Graph antwortete { $status } { $code }: { $message }. Geben Sie die „Zustimmung des Benutzers“ erneut; sie umfasst das Lesen der Benutzerliste (User.ReadBasic.All).
tenant-failed = Die Konten des Tenants konnten nicht gelesen werden: { $detail }
preview-need-data = Für die Vorschau braucht das Fenster die UCServer-Benutzer und die Konten des Tenants.
preview-computing = Die Vorschau wird berechnet …
preview-counts = { $total } UCServer-Benutzer im Aktivierungsbereich: { $same } mit gleichem UPN, { $mapping } über usermatching.csv, { $none } ohne Zuordnung, { $ambiguous } mehrdeutig ({ $tenant } Konten im Tenant).
preview-off-note = Die Integration ist ausgeschaltet; die Vorschau zeigt alle Benutzer, als wäre sie für alle eingeschaltet.
preview-filter = Zeigen
preview-filter-all = Alle
kind-same-upn = Gleicher UPN
kind-mapping = Über usermatching.csv
kind-none = Keine Zuordnung
kind-ambiguous = Mehrdeutig
preview-col-user = UCServer-Benutzer
preview-col-name = Anzeigename
preview-col-match = Zuordnung
preview-col-teams = Teams-Konto
preview-col-action = Vorschlag
preview-row-same-upn = { $user }: gleicher UPN ({ $upn })
preview-row-mapping = { $user }: über Zeile { $line } zu { $upn }
preview-row-none = { $user }: keine Zuordnung
preview-row-suggestion = { $user }: keine Zuordnung; Vorschlag { $upn } ({ $reason })
preview-row-ambiguous = { $user }: mehrdeutig, Zeilen { $lines } nennen ihn mit verschiedenen Konten
preview-lines = Zeilen { $lines }
reason-same-mail = gleiche E-Mail-Adresse
reason-same-local-part = gleicher Name vor dem @
reason-same-display-name = gleicher Anzeigename
preview-add-suggestion = Übernehmen
preview-case-fix = Zeile { $line }: „{ $written }“ unterscheidet sich von { $upn } nur in Groß-/Kleinschreibung und passt deshalb nie.
preview-case-fix-all = { $count ->
        [one] Korrigieren
       *[other] Alle { $count } korrigieren
    } (in der Tabelle; Speichern schreibt es)
preview-case-fix-each = Jede Zeile einzeln
preview-case-fix-button = Schreibweise korrigieren
preview-unknown-line = Zeile { $line }: Das Azure-AD-Konto „{ $account }“ gibt es im Tenant nicht; die Zeile wirkt nicht.
preview-export = Vorschau als CSV exportieren …
preview-exported = Die Vorschau wurde nach { $path } exportiert.
preview-presence = Präsenz dieses Benutzers lesen
## Präsenz, wie Teams sie zeigt
presence-one = { $availability }
presence-two = { $availability } ({ $activity })
presence-available = Verfügbar
presence-available-idle = Verfügbar, inaktiv
presence-away = Abwesend
presence-be-right-back = Bin gleich zurück
presence-busy = Beschäftigt
presence-busy-idle = Beschäftigt, inaktiv
presence-do-not-disturb = Nicht stören
presence-offline = Offline
presence-unknown = Status unbekannt
presence-in-a-call = Im Anruf
presence-in-a-conference-call = In einer Telefonkonferenz
presence-inactive = Inaktiv
presence-in-a-meeting = In einer Besprechung
presence-off-work = Arbeitsende
presence-out-of-office = Abwesend (Außer Haus)
presence-presenting = Präsentiert
presence-urgent-interruptions-only = Nur dringende Unterbrechungen

preview-presence-result = { $upn }: { $presence }
preview-presence-none = Graph meldet für { $upn } keine Präsenz.
preview-select = Oder wählen Sie einen zugeordneten Benutzer in der Tabelle, um nur seine Präsenz zu lesen.
preview-dirty-note = Die Vorschau zeigt die Zuordnung im Editor, einschließlich ungespeicherter Änderungen.

## Live-Präsenz aller zugeordneten Benutzer
preview-live = Live-Präsenz lesen
preview-live-again = Live-Präsenz neu lesen
preview-live-hover = Liest die Teams-Präsenz jedes zugeordneten Benutzers so, wie der Dienst sie lesen wird (getPresencesByUserId, 650 je Anfrage, mit der Zustimmung des Benutzers). Schreibt nichts.
live-progress = { $read } von { $total } Benutzern gelesen · { $requests ->
        [one] eine Anfrage
       *[other] { $requests } Anfragen
    }
live-progress-waiting = { $read } von { $total } Benutzern gelesen · Microsoft bittet zu warten (429): { $seconds } s · { $retries ->
        [one] eine Wiederholung
       *[other] { $retries } Wiederholungen
    }
live-cancel = Abbrechen
live-summary = Live-Präsenz ({ $time }): { $matched } zugeordnete Benutzer, { $readable } mit lesbarer Präsenz, { $without } ohne · { $requests ->
        [one] eine Anfrage
       *[other] { $requests } Anfragen
    }, { $retries ->
        [0] keine Wiederholung
        [one] eine Wiederholung nach 429
       *[other] { $retries } Wiederholungen nach 429
    }
live-summary-cancelled = Abgebrochen ({ $time }): { $readable } von { $matched } zugeordneten Benutzern mit lesbarer Präsenz, die übrigen nicht gelesen · { $requests ->
        [one] eine Anfrage
       *[other] { $requests } Anfragen
    }
live-all-readable = Der Dienst kann die Präsenz jedes zugeordneten Benutzers lesen.
live-show-without = { $count ->
        [one] Das Konto ohne Präsenz
       *[other] Die { $count } ohne Präsenz
    } in der Tabelle zeigen
cli-live-row = { $user } → { $upn }: { $presence }
live-state-count = { $state }: { $count }
live-filter-without = Ohne Präsenz
live-col = Teams-Präsenz
live-short-no-teams = Keine Teams-Präsenz
live-short-guest = Gastkonto ohne Präsenz
live-short-missing = Fehlt in Microsofts Antwort
live-short-denied = Nicht erlaubt (403)
live-short-throttled = Gedrosselt (429)
live-short-failed = Fehler
live-short-failed-code = Fehler { $status } { $code }
live-short-not-read = Nicht gelesen
live-why-no-teams = { $count ->
        [one] Ein Konto hat
       *[other] { $count } Konten haben
    } keine Teams-Präsenz (Microsoft: „PresenceUnknown“) – meist fehlt die Teams-Lizenz. Was tun: im Microsoft 365 Admin Center unter Benutzer > Aktive Benutzer > Lizenzen und Apps „Microsoft Teams“ zuweisen; nutzt der Benutzer in Teams ein anderes Konto, dieses in usermatching.csv zuordnen.
live-why-guest = { $count ->
        [one] Ein Gastkonto (#EXT#) hat
       *[other] { $count } Gastkonten (#EXT#) haben
    } hier keine Präsenz – Teams führt die Präsenz eines Gasts in dessen eigenem Tenant. Was tun: dem Benutzer sein Mitgliedskonto dieses Tenants zuordnen (usermatching.csv).
live-why-missing = { $count ->
        [one] Ein Konto fehlt
       *[other] { $count } Konten fehlen
    } in Microsofts Antwort – deaktiviert, gelöscht oder seit dem Lesen der Konten geändert. Was tun: im Microsoft 365 Admin Center prüfen, ob die Anmeldung blockiert oder das Konto gelöscht ist; danach „Neu lesen“ und die Zuordnung anpassen.
live-why-denied = { $count ->
        [one] Ein Konto wurde
       *[other] { $count } Konten wurden
    } nicht gelesen: Microsoft verweigert das Lesen der Präsenz (403) – die gespeicherte Zustimmung des Benutzers deckt „Presence.Read.All“ nicht. Was tun: in den Einstellungen die „Zustimmung des Benutzers“ erneut geben; bei einer eigenen App-Registrierung dort die delegierte Berechtigung „Presence.Read.All“ eintragen.
live-why-throttled = { $count ->
        [one] Ein Konto wurde
       *[other] { $count } Konten wurden
    } nicht gelesen: Microsoft drosselte die Anfrage auch nach { $retries } Wartezeiten (429). Microsoft erlaubt je App und Tenant 1.500 Anfragen in 30 Sekunden; der UCServer-Dienst mit derselben App zählt mit. Was tun: später erneut lesen.
live-why-failed = { $count ->
        [one] Ein Konto wurde
       *[other] { $count } Konten wurden
    } nicht gelesen: Graph antwortete mit einem Fehler (Code in der Tabelle). Was tun: später erneut lesen; bleibt der Fehler, „Verbindung testen“ (Diagnose) und ein Support-Paket erstellen.
live-why-not-read = { $count ->
        [one] Ein Konto ist
       *[other] { $count } Konten sind
    } nicht gelesen (abgebrochen oder erst danach zugeordnet). Was tun: „Live-Präsenz lesen“.
live-capacity = Der Dienst wird { $users ->
        [one] einem Teams-Konto
       *[other] { $users } Teams-Konten
    } folgen: ein Lesen aller braucht { $requests ->
        [one] eine Anfrage
       *[other] { $requests } Anfragen
    } (höchstens 650 IDs je Anfrage); Microsofts Grenze von 1.500 Anfragen in 30 Sekunden je App und Tenant reicht für { $reads } solche Lesevorgänge in 30 Sekunden.
live-capacity-beyond-reads = Über Microsofts Grenze: ein Lesen aller braucht { $requests } Anfragen – mehr als die 1.500 in 30 Sekunden, die Microsoft je App und Tenant erlaubt. Was tun: die Integration auf Gruppen oder Benutzer beschränken (Aktivierung).
live-capacity-beyond-subscription = { $users } Konten sind mehr, als ein Konto per Änderungsbenachrichtigung verfolgen kann: Microsoft erlaubt je Benutzerkonto und App ein Präsenz-Abonnement für höchstens 650 Benutzer (nur delegiert, höchstens eine Stunde gültig); { $subscriptions } wären nötig. Mit einem Konto bleibt für die übrigen nur das Abfragen, wie dieses Lesen.

## Auswahl für die Aktivierung
activation-pick = Aus der Benutzerliste wählen
activation-pick-search = Auswahl filtern
activation-pick-none = Importieren Sie die UCServer-Benutzerliste (Reiter Vorschau), um hier zu wählen.
auth-copy-url = Adresse kopieren
tenant-progress-of = { $count } von { $total } Konten gelesen …
preview-go-to-line = Zeile im Editor zeigen

## Changes by other programs (three-way merge)
save-conflict = msteams.cfg wurde seit dem Laden von einem anderen Programm geändert.
save-changed-again = Die Datei wurde während des Speicherns erneut geändert; nichts wurde geschrieben. Klicken Sie noch einmal auf „Speichern“: Ihre Änderungen werden mit der neuen Fassung zusammengeführt.
saved-merged = Gespeichert. Die Änderungen eines anderen Programms an { $fields } wurden übernommen.
merge-conflict = { $count ->
        [one] Ein Eintrag wurde im Fenster und in der Datei unterschiedlich geändert.
       *[other] { $count } Einträge wurden im Fenster und in der Datei unterschiedlich geändert.
    }
merge-config-title = msteams.cfg wurde geändert, während Sie es bearbeitet haben
merge-matching-title = usermatching.csv wurde geändert, während Sie es bearbeitet haben
merge-changed-by-other = { $file } wurde am { $time } von einem anderen Programm geändert.
merge-config-help = Alle übrigen Änderungen beider Seiten bleiben erhalten. Für die folgenden Einträge gibt es zwei Werte: Wählen Sie je Eintrag, welcher gilt. Geschrieben wird erst, wenn alles entschieden ist.
merge-matching-help = Alle übrigen Zeilen beider Seiten bleiben erhalten. Die folgenden Zeilen wurden im Editor und in der Datei unterschiedlich geändert: Wählen Sie je Stelle, welche Fassung gilt. Geschrieben wird erst, wenn alles entschieden ist.
merge-col-field = Eintrag
merge-col-window = Im Fenster
merge-col-file = In der Datei
merge-take-window = Fenster: { $value }
merge-take-editor = Editor: { $value }
merge-take-file = Datei: { $value }
merge-take-both = Beide behalten
merge-take-combined = Kombinieren — jede Zeile so, wie die Seite sie hat, die sie geändert hat; wo beide, wie im Editor: { $value }
merge-fate-changed-here = Im Editor geändert: { $mine } (vorher { $base })
merge-fate-deleted-here = Im Editor gelöscht: { $base }
merge-fate-changed-there = In der Datei von einem anderen Programm geändert: { $theirs } (vorher { $base })
merge-fate-deleted-there = In der Datei von einem anderen Programm gelöscht: { $base }
merge-fate-added-here = Im Editor hinzugefügt: { $mine }
merge-fate-added-there = In der Datei von einem anderen Programm hinzugefügt: { $theirs }
merge-fate-same = Auf beiden Seiten gleich geändert: { $mine }
merge-fate-clash = Auf beiden Seiten geändert — Editor: { $mine }; Datei: { $theirs } (vorher { $base })
merge-empty = (leer)
merge-removed = (Zeile gelöscht)
merge-at-line = Zeile { $line } der Datei
merge-apply = Zusammenführen und speichern
merge-discard-mine = Meine Änderungen verwerfen und neu laden
merge-open = { $count ->
        [one] Noch eine Entscheidung offen.
       *[other] Noch { $count } Entscheidungen offen.
    }
outside-config = msteams.cfg wurde außerhalb dieses Fensters geändert. Ihre ungespeicherten Änderungen bleiben erhalten; „Speichern“ führt sie mit der neuen Fassung zusammen.
outside-matching = usermatching.csv wurde außerhalb dieses Fensters geändert. Ihre ungespeicherten Änderungen bleiben erhalten; „Zuordnung speichern“ führt sie mit der neuen Fassung zusammen.
disk-reloaded = { $file } wurde außerhalb des Fensters geändert und um { $time } neu geladen.
editor-saved-merged = Gespeichert. Die Änderungen eines anderen Programms an der Datei wurden übernommen.
editor-merge-errors = usermatching.csv wurde inzwischen von einem anderen Programm geändert. Beide Fassungen sind zusammengeführt, aber { $errors ->
        [one] eine Zeile hat
       *[other] { $errors } Zeilen haben
    } danach Fehler. Korrigieren Sie die markierten Zeilen und speichern Sie erneut; noch wurde nichts geschrieben.

## Folder
not-ucserver-title = Kein UCServer-Ordner
not-ucserver-folder = { $path } ist kein UCServer-Ordner: config/msteams.cfg fehlt. Wählen Sie den Installationsordner des UCServers (z. B. C:\Program Files\estos\UCServer) mit --ucserver-dir, oder legen Sie die Datei hier an (--create).
folder-create = Hier anlegen
folder-choose = Anderen Ordner wählen …
cli-created = { $path } wurde angelegt.

## Admin consent record, the estos app, removals
verdict-authorized-reported = Autorisiert: { $upn } liest Präsenzen für den UCServer; das Schreiben von Präsenzen hat Microsoft erteilt (hier nicht prüfbar).
verdict-write-reported = Die „Zustimmung des Administrators“ hat Microsoft am { $time } gemeldet (Windows-Konto { $account }). Ohne den geheimen Clientschlüssel der App lässt sie sich hier nicht prüfen – bei der estos-App ist das der Normalfall.
account-unknown = unbekannt
auth-admin-record = „Zustimmung des Administrators“ von Microsoft gemeldet am { $time } für Tenant { $tenant } (erteilt über das Windows-Konto { $account })
auth-needs-client-id = Die Zustimmungen sind noch nicht möglich: Diese Version kennt die Anwendungs-ID (Client-ID) der estos-App nicht. Sie finden sie in der Installation des UCServers oder im Microsoft Entra Admin Center unter „Unternehmensanwendungen“ (Suche nach „estos“); tragen Sie sie oben unter „Anwendungs-ID (Client-ID)“ ein und speichern Sie. Eine eigene App-Registrierung geht ebenso.
auth-show-registration-help = Hilfe zur eigenen App-Registrierung
confirm-forget-title = Zustimmung vergessen?
confirm-forget = Der gespeicherte Refresh-Token und die Vermerke beider Zustimmungen werden von diesem Rechner entfernt, ohne Kopie. Der UCServer-Dienst kann danach keine Präsenzen mehr lesen, bis die „Zustimmung des Benutzers“ erneut erteilt ist. Bei Microsoft bleiben die Zustimmungen bestehen, bis sie in Entra ID widerrufen werden.
confirm-secret-title = Geheimen Clientschlüssel entfernen?
confirm-secret = Der Schlüssel wird aus der Geheimnisdatei entfernt, ohne Kopie. Das Schreiben von Präsenzen lässt sich danach nicht mehr prüfen, und ein UCServer, der den Schlüssel braucht, kann nicht mehr schreiben.
confirm-forget-yes = Ja, vergessen
confirm-secret-yes = Ja, entfernen
merge-took-file = Die Werte der Datei gelten; sie steht schon so auf der Festplatte, es war nichts zu schreiben.

## The UCServer service (Windows)
service-stopping = Der Dienst { $name } wird beendet …
service-starting = Der Dienst { $name } wird gestartet …
service-running = Der Dienst { $name } läuft wieder und hat msteams.cfg neu gelesen.
service-none-found = Kein Dienst mit „UCServer“ im Namen gefunden. Geben Sie den Namen des Dienstes an: service restart NAME.
service-several-found = Mehrere Dienste passen: { $names }. Geben Sie einen an: service restart NAME.
service-access-denied = Zum Beenden und Starten von { $name } braucht es Administratorrechte: Öffnen Sie die Eingabeaufforderung mit „Als Administrator ausführen“ und wiederholen Sie den Befehl.
service-failed = Der Dienst ließ sich nicht neu starten: { $detail }
service-windows-only = Den UCServer-Dienst neu starten gibt es nur unter Windows, wo der UCServer läuft.
service-restart-button = Dienst jetzt neu starten …
service-finding = Der UCServer-Dienst wird in der Dienstverwaltung gesucht …
service-choose = Diesen Dienst beenden und wieder starten:
service-confirm = Neu starten
service-none-found-window = Kein Dienst mit „UCServer“ im Namen gefunden. Starten Sie den UCServer-Dienst in „Dienste“ (services.msc) neu.
service-denied-window = Diesem Fenster fehlen die Rechte, { $name } zu beenden und zu starten. Starten Sie ihn als Administrator neu: Windows fragt dann nach der Erlaubnis.
service-declined = Die Erlaubnis wurde nicht gegeben; { $name } läuft mit dem alten Proxy weiter.
service-elevated-failed = Der Neustart von { $name } als Administrator endete mit dem Code { $code }. Geben Sie in einer Eingabeaufforderung „Als Administrator“ ein: teams-presence-admin service restart „{ $name }“ – dort steht, warum.
service-elevated-running = { $name } wird als Administrator neu gestartet (Windows fragt nach der Erlaubnis) …
service-elevate-button = Als Administrator neu starten
service-restart-again = Erneut versuchen

## App-Registrierung anlegen (issue 13)
reg-create = App-Registrierung anlegen
reg-why = Ein Klick legt die App-Registrierung in Ihrem Tenant an, ohne Entra Admin Center: nur für Ihre Organisation und mit genau den Berechtigungen, die Verwaltung und UCServer-Dienst brauchen. Dazu melden Sie sich über Microsofts App „Microsoft Graph Command Line Tools“ an (die App von Connect-MgGraph, in jedem Tenant vorhanden) und erlauben die delegierte Berechtigung Application.ReadWrite.All. Danach folgen die „Zustimmung des Administrators“ und die „Zustimmung des Benutzers“: drei Anmeldungen im Browser.
reg-name = Anzeigename der App
reg-default-name = ProCall Presence (UCServer)
reg-credential = Anmeldedaten der App
reg-credential-certificate = Zertifikat (von Microsoft empfohlen)
reg-credential-secret = Geheimer Clientschlüssel
reg-step-sign-in = Anmelden (Microsoft Graph Command Line Tools)
reg-step-application = Anwendung anlegen
reg-step-service-principal = Dienstprinzipal anlegen
reg-step-credential = Anmeldedaten hinzufügen
reg-step-client-id = u8sClientId speichern
reg-step-admin-consent = Zustimmung des Administrators
reg-step-user-consent = Zustimmung des Benutzers
reg-running = läuft …
reg-failed = { $detail }
reg-done = Die App-Registrierung „{ $name }“ ({ $client }) ist angelegt und berechtigt.
reg-created-so-far = Bereits angelegt: App-Registrierung „{ $name }“ (Anwendungs-ID { $client }). Fehlt nur eine Zustimmung, erteilen Sie sie oben unter „Autorisierung“; sonst entfernen Sie die App-Registrierung und legen Sie sie neu an.
reg-remove = Angelegte App-Registrierung entfernen
reg-removed = Die App-Registrierung wurde entfernt; u8sClientId ist wieder wie vorher.
reg-remove-nothing = Diese Verwaltung hat hier keine App-Registrierung angelegt: Es gibt nichts zu entfernen. Eine selbst angelegte entfernen Sie im Entra Admin Center.
reg-name-empty = Anzeigename der App: Er ist leer. Geben Sie einen Namen ein, unter dem Sie die App im Entra Admin Center wiederfinden.
reg-credential-ends = { $kind ->
        [certificate] Zertifikat
       *[secret] Geheimer Clientschlüssel
    } der App gültig bis { $date } (Schlüssel-ID { $key }).
reg-credential-expiring = { $kind ->
        [certificate] Das Zertifikat
       *[secret] Der geheime Clientschlüssel
    } der App läuft am { $date } ab ({ $days ->
        [0] heute
        [one] morgen
       *[other] in { $days } Tagen
    }). Klicken Sie „Erneuern“: Die Verwaltung legt neue Anmeldedaten an, prüft sie und entfernt erst dann die alten.
reg-credential-expired = { $kind ->
        [certificate] Das Zertifikat
       *[secret] Der geheime Clientschlüssel
    } der App ist am { $date } abgelaufen: Der UCServer kann keine Präsenz mehr schreiben. Klicken Sie „Erneuern“.
reg-renew = Erneuern
reg-renewed = Neue Anmeldedaten sind gespeichert und geprüft, die alten entfernt; gültig bis { $date }.
reg-script = PowerShell-Skript (Microsoft Graph PowerShell)
reg-script-hint = Für den Weg von Hand: Das Skript tut dasselbe wie die Schaltfläche, mit dem Modul Microsoft.Graph. Lesen Sie es, führen Sie es als Administrator aus, und tragen Sie die ausgegebene Anwendungs-ID als u8sClientId ein.
reg-copy = Kopieren
reg-copied = kopiert
reg-denied = Microsoft hat das Anlegen abgelehnt (403): Ihr Konto darf keine App-Registrierungen anlegen. Melden Sie sich mit einem Konto an, das die Rolle „Anwendungsadministrator“, „Cloudanwendungsadministrator“ oder „Globaler Administrator“ hat — oder legen Sie die App von Hand an (PowerShell-Skript unten).
section-registration = Eigene App-Registrierung mit einem Klick
reg-state-done = erledigt
reg-state-failed = Fehler
status-conflict = Konflikt: msteams.cfg wurde auch außerhalb geändert — oben entscheiden
save-failed-short = Nicht gespeichert
button-dismiss = Schließen
consent-cancelled = Abgebrochen. Es wurde nichts geändert.
auth-checking = prüft …
auth-check-unchanged = geprüft um { $time } — unverändert
auth-check-changed = geprüft um { $time } — vorher: { $before }
steps-tenant = Mandant und App
steps-user = Zustimmung des Benutzers
steps-admin = Zustimmung des Administrators
steps-authorized = Autorisiert
steps-next-tenant = Als Nächstes: Tragen Sie oben Tenant und Anwendungs-ID ein (oder legen Sie die App-Registrierung mit einem Klick an) und speichern Sie.
steps-next-user = Als Nächstes: Klicken Sie „Zustimmung des Benutzers“ und melden Sie sich mit dem Konto an, dessen Zustimmung der UCServer nutzt.
steps-next-admin = Als Nächstes: Klicken Sie „Zustimmung des Administrators“ und melden Sie sich als Administrator des Tenants an.
steps-next-done = Eingerichtet: Der UCServer liest und schreibt Präsenzen.
confirm-revert-title = Änderungen verwerfen?
confirm-revert = { $count ->
        [one] Eine geänderte Einstellung geht
       *[other] { $count } geänderte Einstellungen gehen
    } verloren; msteams.cfg bleibt, wie es ist.
confirm-revert-yes = Verwerfen
json-trailing-comma = Komma nach dem letzten Eintrag
json-expected-value = hier fehlt ein Wert
json-expected-comma-object = hier fehlt ein Komma oder die schließende geschweifte Klammer
json-expected-comma-array = hier fehlt ein Komma oder die schließende eckige Klammer
json-expected-colon = hier fehlt der Doppelpunkt nach dem Schlüssel
json-key-string = ein Schlüssel muss in doppelten Anführungszeichen stehen
json-eof = die Datei endet mitten im JSON
json-control-character = ein Steuerzeichen in einer Zeichenkette
json-invalid-escape = eine ungültige Escape-Folge (\) in einer Zeichenkette
json-trailing-characters = nach dem Ende des JSON folgt noch Text
path-prompt-title = Kein Dateidialog verfügbar
path-prompt = Auf diesem System kann kein Dateidialog angezeigt werden (kein Desktop-Portal und kein zenity erreichbar). Geben Sie den vollständigen Pfad der Datei ein.
path-prompt-field = Pfad:
path-prompt-open = Öffnen
path-prompt-save = Speichern
preview-fix-line = Zeile { $line } korrigieren (Schreibweise)
preview-change-line = Zeile { $line } ändern
preview-check-line = Zeile { $line } prüfen
preview-row-change-line = { $user }: keine Zuordnung; Zeile { $line } nennt den Benutzer mit einem Konto, das es so nicht gibt — Vorschlag: Zeile { $line } auf { $upn } ändern ({ $reason })
preview-row-dead-line = { $user }: keine Zuordnung; Zeile { $line } nennt den Benutzer mit einem Konto, das es so nicht gibt — prüfen Sie die Zeile

## Hilfe der Kommandozeile (--help); die Doc-Kommentare in src/cli sind die englischen Vorlagen
cli-options-value = OPTIONEN
cli-err-unknown-argument = Das Argument „{ $arg }“ gibt es hier nicht.
cli-err-unknown-command = Den Befehl „{ $value }“ gibt es nicht.
cli-err-invalid-value = „{ $value }“ ist kein gültiger Wert für { $arg }. Möglich sind: { $valid }
cli-err-empty-value = { $arg } braucht einen Wert.
cli-err-range = „{ $value }“ ist für { $arg } nicht zulässig: erlaubt sind { $range }.
cli-err-not-allowed = „{ $value }“ ist für { $arg } nicht zulässig.
cli-err-missing = Es fehlt: { $arg }
cli-err-missing-command = Es fehlt ein Befehl.
cli-err-conflict = { $arg } und { $prior } schließen einander aus.
cli-err-values = { $arg } hat die falsche Zahl von Werten.
cli-err-utf8 = Ein Argument ist kein gültiger Text (UTF-8).
cli-err-other = Die Befehlszeile ist ungültig.
cli-err-did-you-mean = Meinten Sie { $suggestion }?
cli-err-quoted = „{ $item }“
cli-err-or = oder
cli-err-more = Mehr dazu: --help
cli-heading-usage = Aufruf
cli-heading-commands = Befehle
cli-heading-global-options = Optionen aller Befehle
cli-heading-options = Optionen
cli-heading-arguments = Argumente
cli-command-value = BEFEHL
cli-flag-help = Diese Hilfe anzeigen
cli-flag-version = Die Version anzeigen
cli-about-root = ProCall Integration in Microsoft Teams: Verwaltung und Kommandozeile für den UCServer
cli-arg-root-ucserver-dir = Der Installationsordner des UCServers (enthält config/ und ExternalServiceProvider/); auch aus der Umgebungsvariablen UCSERVER_DIR
cli-arg-root-lang = Sprache des Fensters, der Meldungen und dieser Hilfe: de oder en (Standard: die des Betriebssystems)
cli-arg-root-demo = Auf dem eingebauten Emulator der Microsoft-Dienste mit einem Beispiel-UCServer-Ordner laufen: jeden Ablauf ohne Tenant ausprobieren
cli-arg-root-create = config/msteams.cfg in einem Ordner anlegen, der keine hat (sonst wird ein solcher Ordner als „kein UCServer-Ordner“ abgelehnt)
cli-arg-root-check-every = Wie oft das Fenster beide Zustimmungen bei Microsoft prüft, in Minuten (1–1440; Standard 15)
cli-about-gui = Das Fenster öffnen (der Standard)
cli-about-service = Der UCServer-Dienst (Windows): neu starten, damit er msteams.cfg neu liest
cli-about-service-restart = Den UCServer-Dienst anhalten und starten (den einen so benannten Dienst, oder NAME)
cli-arg-service-restart-name = Der Name des Dienstes, wo mehrere passen
cli-arg-service-restart-timeout = Sekunden, die auf das Anhalten und auf das Starten jeweils gewartet wird (Standard 60)
cli-about-config = msteams.cfg anzeigen oder ändern
cli-about-config-show = Die Einstellungen der Verwaltung und den Status ausgeben
cli-arg-config-show-json = Als JSON
cli-about-config-set = Einen Wert setzen; er wird wie im Fenster geprüft, und bei einem Fehler wird nichts geschrieben
cli-arg-config-set-key = Was gesetzt wird: tenant-id, cloud, client-id, proxy oder activation
cli-arg-config-set-value = tenant-id: GUID oder Domäne; cloud: global|usgov|usgov-dod|china|custom; client-id: GUID oder ""; proxy: Host:Port oder "" (kein Proxy); activation: off|global|groups[:A,B]|users[:a,b]
cli-arg-config-set-login-url = Mit „cloud custom“: die Anmelde-Basis-URL
cli-arg-config-set-graph-url = Mit „cloud custom“: die Graph-Basis-URL
cli-about-config-clear = Einen Wert entfernen (proxy: direkt verbinden; client-id: keine App eingetragen, die Zustimmungen werden nicht angeboten; tenant-id: nichts eingerichtet, die Zustimmungen werden nicht angeboten)
cli-arg-config-clear-key = Was entfernt wird: proxy, client-id oder tenant-id
cli-about-matching = usermatching.csv prüfen
cli-about-matching-check = Die Befunde mit Zeilennummern auflisten; Exit-Code 1 bei Fehlern
cli-arg-matching-check-file = Die Datei (Standard: ExternalServiceProvider/usermatching.csv im UCServer-Ordner)
cli-arg-matching-check-json = Als JSON
cli-about-matching-preview = Wer synchronisiert wird: jeder UCServer-Benutzer im Aktivierungsbereich und wie er einem Teams-Konto zugeordnet wird (gleicher UPN, usermatching.csv, keine, mehrdeutig), gelesen aus dem Tenant mit der gespeicherten Zustimmung des Benutzers. Exit-Code 1, wenn ein Benutzer keine oder keine eindeutige Zuordnung hat oder eine Zeile nie passen kann; 5, wenn der Tenant nicht gelesen werden kann
cli-arg-matching-preview-users = Der Benutzerexport des UCServers (CSV: Benutzername, Anzeigename, Gruppen; siehe README)
cli-arg-matching-preview-file = usermatching.csv (Standard: ExternalServiceProvider/usermatching.csv im UCServer-Ordner)
cli-arg-matching-preview-all = Jeden Benutzer auflisten, nicht nur die, die Aufmerksamkeit brauchen
cli-arg-matching-preview-json = Als JSON, mit jeder Zeile
cli-about-matching-presence = Die Live-Präsenz in Teams jedes zugeordneten Benutzers der Vorschau, gelesen wie der Dienst sie liest (getPresencesByUserId, 650 je Anfrage, mit der gespeicherten Zustimmung des Benutzers; bei 429 wird die von Microsoft genannte Zeit gewartet): jeder Benutzer ohne lesbare Präsenz mit Grund und was zu tun ist, die Anzahlen, die Kapazität gegen Microsofts Grenzen. Schreibt nichts. Exit-Code 1, wenn ein zugeordneter Benutzer keine lesbare Präsenz hat; 5, wenn der Tenant oder die Präsenzen nicht gelesen werden können
cli-arg-matching-presence-users = Der Benutzerexport des UCServers (CSV: Benutzername, Anzeigename, Gruppen; siehe docs/user-matching.md)
cli-arg-matching-presence-file = usermatching.csv (Standard: ExternalServiceProvider/usermatching.csv im UCServer-Ordner)
cli-arg-matching-presence-all = Jeden zugeordneten Benutzer auflisten, nicht nur die ohne lesbare Präsenz
cli-arg-matching-presence-json = Als JSON, mit jedem zugeordneten Benutzer
cli-about-matching-fix = Die Datei an Ort und Stelle reparieren (atomar; die vorige Fassung bleibt als .bak)
cli-arg-matching-fix-file = Die Datei (Standard: ExternalServiceProvider/usermatching.csv im UCServer-Ordner)
cli-arg-matching-fix-convert = Eine Datei mit Semikolons oder in Windows-1252 in UTF-8 mit Kommas umwandeln
cli-arg-matching-fix-remove-header = Eine Kopfzeile entfernen
cli-arg-matching-fix-case = Jeden Azure-AD-Namen, der bis auf Groß-/Kleinschreibung ein UPN des Tenants ist, genau wie den UPN schreiben (der Dienst vergleicht mit Groß-/Kleinschreibung); liest den Tenant mit der gespeicherten Zustimmung des Benutzers
cli-about-consent = Eine Zustimmung im Browser erteilen: „Zustimmung des Benutzers“ oder „Zustimmung des Administrators“
cli-about-consent-user = „Zustimmung des Benutzers“ (Präsenzen lesen): mit dem Konto anmelden, dessen Zustimmung der UCServer-Dienst nutzt
cli-arg-consent-user-no-browser = Die Adresse ausgeben statt den Browser zu öffnen (auf einem beliebigen Rechner öffnen; die Antwort muss localhost dieses Rechners erreichen)
cli-about-consent-admin = „Zustimmung des Administrators“ (Präsenzen schreiben) für die ganze Organisation
cli-arg-consent-admin-no-browser = Die Adresse ausgeben statt den Browser zu öffnen
cli-about-consent-forget = Die gespeicherte Zustimmung des Benutzers (Refresh-Token) vergessen
cli-about-app = Eine eigene App-Registrierung: in einem Durchgang anlegen, ihre Anmeldedaten erneuern, sie entfernen, oder das PowerShell-Skript ausgeben, das sie von Hand anlegt
cli-about-app-create = Eine eigene App-Registrierung im Tenant anlegen, mit Dienstprinzipal und Anmeldedaten, u8sClientId speichern und beide Zustimmungen erteilen (drei Anmeldungen im Browser)
cli-arg-app-create-name = Der Anzeigename der App in Entra ID
cli-arg-app-create-secret = Ein geheimer Clientschlüssel statt eines Zertifikats
cli-arg-app-create-no-browser = Die Adressen ausgeben statt den Browser zu öffnen
cli-arg-app-create-json = Die Schritte und was angelegt wurde als JSON auf stdout (die Adressen dann auf stderr)
cli-about-app-renew = Die Anmeldedaten der von der Verwaltung angelegten App ersetzen: neue hinzufügen, speichern, prüfen, dann die alten entfernen
cli-arg-app-renew-no-browser = Die Adresse ausgeben statt den Browser zu öffnen
cli-about-app-remove = Die von der Verwaltung angelegte App-Registrierung löschen, ihre gespeicherten Anmeldedaten entfernen und u8sClientId auf den vorigen Wert setzen
cli-arg-app-remove-no-browser = Die Adresse ausgeben statt den Browser zu öffnen
cli-about-app-script = Das PowerShell-Skript (Microsoft Graph PowerShell) ausgeben, das dieselbe Registrierung von Hand anlegt
cli-arg-app-script-name = Der Anzeigename der App in Entra ID
cli-about-status = Beide Zustimmungen bei Microsoft prüfen. Exit-Code: 0 autorisiert, 3 Auth required oder unvollständig, 4 erneute Zustimmung nötig, 5 nicht erreichbar, 6 falsch eingerichtet
cli-arg-status-json = Als JSON
io-error = { $path }: { $problem }
io-not-found = Die Datei oder der Ordner existiert nicht. Prüfen Sie den Pfad.
io-permission-denied = Zugriff verweigert. Prüfen Sie die Berechtigungen oder starten Sie die Verwaltung als Administrator.
io-already-exists = Die Datei existiert schon.
io-read-only = Das Laufwerk ist schreibgeschützt.
io-storage-full = Auf dem Laufwerk ist kein Platz mehr.
io-is-a-directory = Das ist ein Ordner, keine Datei.
io-not-a-directory = Ein Teil des Pfads ist kein Ordner.
audit-bad-since = --since: „{ $value }“ ist kein Datum. Geben Sie einen Tag als JJJJ-MM-TT an (z. B. 2026-12-01) oder eine Zeit nach RFC 3339.
cli-about-audit = Das Änderungsprotokoll: jede Änderung der Verwaltung (Einstellungen, usermatching.csv, Zustimmungen, Schlüssel, App-Registrierung), älteste zuerst
cli-arg-audit-json = Als JSON
cli-arg-audit-since = Nur Einträge ab diesem Tag (JJJJ-MM-TT) oder dieser Zeit (RFC 3339)
audit-title = Diagnose und Änderungsprotokoll
audit-line = { $time }  { $by }  { $what }
audit-setting = { $key }: „{ $old }“ → „{ $new }“
audit-usermatching = usermatching.csv gespeichert: { $added } hinzugefügt, { $removed } entfernt ({ $sample })
audit-repair = { $file } repariert: { $repair ->
        [convert] in UTF-8 mit Kommas umgewandelt
        [remove-header] Kopfzeile entfernt
        [case] Groß-/Kleinschreibung der UPNs korrigiert
       *[other] { $repair }
    }
audit-consent-given = { $consent ->
        [user] „Zustimmung des Benutzers“ erteilt von { $account }
       *[other] „Zustimmung des Administrators“ erteilt für die App { $account }
    }
audit-consent-forgotten = Gespeicherte Zustimmungen vergessen
audit-client-secret = Geheimer Clientschlüssel { $change ->
        [stored] gespeichert
        [removed] entfernt
       *[other] { $change }
    }
audit-app-created = App-Registrierung „{ $name }“ ({ $client_id }) angelegt, { $credential ->
        [certificate] mit Zertifikat
        [secret] mit geheimem Clientschlüssel
       *[other] { $credential }
    }
audit-app-removed = App-Registrierung { $client_id } entfernt
audit-credential-renewed = Anmeldedaten der App { $client_id } erneuert (Schlüssel-ID { $key_id })
audit-hint = Jede Änderung, die die Verwaltung vorgenommen hat — Einstellungen, usermatching.csv, Zustimmungen, Schlüssel, App-Registrierung —, mit Zeit und Windows-Konto, neueste zuerst. Die Datei liegt neben msteams.cfg (teams-presence-admin-audit.jsonl); Geheimnisse stehen nie darin.
audit-filter = Filter:
audit-reload = Neu laden
audit-empty = Keine Einträge.
cli-arg-root-deadline = Wie lange ein Befehl insgesamt auf Microsoft wartet, in Sekunden (Standard: die eigene Frist des Befehls, z. B. 120 für status); danach endet er mit Exit-Code 5
cli-arg-root-log-level = Stufe der Protokolldatei in config/logs/ (off, error, warn, info, debug, trace oder ein Filter wie „teams_presence_admin=debug“; Standard info); die Umgebungsvariable TEAMS_PRESENCE_ADMIN_LOG hat Vorrang
log-level = Protokollstufe
log-level-error = Fehler
log-level-warn = Warnungen
log-level-info = Informationen
log-level-debug = Debug (ausführlich)
log-level-trace = Trace (alles)
log-level-hint = Gilt sofort und bei jedem Start; wird für den Support ausführlicher gebraucht, wählen Sie „Debug“. Beim Start gehen die Umgebungsvariable TEAMS_PRESENCE_ADMIN_LOG und --log-level vor.
log-level-saved = Protokollstufe „{ $level }“ gespeichert und wirksam.
log-level-unknown = Die Protokollstufe „{ $level }“ gibt es nicht: error, warn, info, debug oder trace.
pane-settings-unreadable = { $path } ist kein gültiges JSON-Objekt und wird nicht überschrieben. Reparieren oder entfernen Sie die Datei.
pane-settings-changed = { $path } wurde eben von einem anderen Programm geändert und nicht überschrieben. Wählen Sie noch einmal.
audit-logs = Protokolldateien (Logs): { $path }
logs-elsewhere = Protokolldateien (Logs): { $path } — nicht im UCServer-Ordner, weil dieses Konto dort nicht schreiben kann: { $why } Als Administrator gestartet, liegen sie neben msteams.cfg.
logs-nowhere = Es wird keine Protokolldatei geschrieben, die Meldungen gehen nur auf die Konsole. Im UCServer-Ordner: { $folder } Im Ordner für alle Benutzer: { $machine }
logs-no-machine-place = Das System nennt keinen Ordner für alle Benutzer (%ProgramData%, $HOME).
audit-renderer = Fenster gezeichnet von { $renderer }
support-written = Das Support-Paket { $path } ist geschrieben ({ $files }). Geheimnisse, Tokens und Codes sind entfernt.
cli-about-support-bundle = Ein Support-Paket schreiben: Status, System, msteams.cfg, was gespeichert ist (kein Wert), die Befunde von usermatching.csv, das Änderungsprotokoll und die letzten Protokollzeilen, jedes Geheimnis entfernt
cli-arg-support-bundle-file = Die ZIP-Datei, die geschrieben wird
cli-arg-support-bundle-personal-data = Namen einschließen (usermatching.csv, die Konten in Befunden und im Änderungsprotokoll)
cli-arg-support-bundle-force = FILE ersetzen, wenn es sie schon gibt (nie eine Datei im UCServer-Ordner)
support-exists = { $path } gibt es schon; die Datei bleibt, wie sie ist. Bitte einen anderen Namen wählen oder mit --force ersetzen.
support-exists-window = { $path } gibt es schon; die Datei bleibt, wie sie ist. Geben Sie einen anderen Namen ein.
support-in-folder = { $path } liegt im UCServer-Ordner { $folder }: Dort wird das Support-Paket nie geschrieben (es könnte msteams.cfg, die Geheimnisse oder usermatching.csv ersetzen). Bitte einen Ort außerhalb wählen.
support-hint = Ein Support-Paket enthält, was der Support braucht: den Status mit den IDs von Microsoft, das System, msteams.cfg, was gespeichert ist (ohne Werte), die Befunde von usermatching.csv, das Änderungsprotokoll und die letzten Protokollzeilen. Geheimnisse, Tokens und Codes werden entfernt; Namen nur, wenn Sie es ankreuzen.
support-create = Support-Paket erstellen …
support-personal-data = mit Namen (personenbezogene Daten)
support-written-window = Das Support-Paket ist geschrieben: { $path }
write-test-question = { $user } sieht in Teams 5 Minuten lang „Beschäftigt (im Anruf)“, bis der Test die Präsenz wieder löscht. Fortfahren? [j/N]
write-test-needs-yes = Ohne Rückfrage nur mit --yes.
write-test-proved = Schreiben geprüft: Für { $user } wurde „Beschäftigt (Im Anruf)“ gesetzt, als „{ $presence }“ zurückgelesen und wieder gelöscht.
write-test-not-seen = Für { $user } wurde eine Präsenz gesetzt, aber als „{ $presence }“ zurückgelesen: Eine Präsenz mit höherem Vorrang (z. B. „Nicht stören“ oder eine bevorzugte Präsenz) überdeckt sie. Die Sitzung ist wieder gelöscht.
cli-about-write-test = Schreiben für einen Benutzer vollständig prüfen: eine Präsenz setzen (beschäftigt, im Anruf, 5 Minuten) mit der Berechtigung der App, zurücklesen, löschen. Der Kollege sieht es in Teams: fragt vorher
cli-arg-write-test-user = Der Benutzer: UPN (mit der Zustimmung des Benutzers nachgeschlagen) oder Objekt-ID
cli-arg-write-test-yes = Nicht nachfragen
write-test-button = Schreiben testen …
write-test-title = Schreiben testen?
write-test-question-window = { $user } sieht in Teams bis zu 5 Minuten lang „Beschäftigt (im Anruf)“, bis der Test die Präsenz wieder löscht (gleich nach dem Zurücklesen). Die Verwaltung setzt sie mit der Berechtigung der App (Presence.ReadWrite.All).
write-test-yes = Testen
diag-title = Verbindung testen
diag-host = { $host }
diag-ok = { $stage }: in Ordnung ({ $millis } ms) — { $detail }
diag-failed = { $stage }: nicht gelungen ({ $millis } ms) — { $detail }
diag-summary-ok = Kurz: Beide Hosts antworten, und jede Anfrage der Prüfung ging durch.
diag-summary-stage = Kurz: { $host } scheitert bei { $stage } — siehe den Hinweis dort.
diag-summary-step = Kurz: Die Hosts antworten, aber { $step }
diag-stage-dns = DNS
diag-stage-connect = TCP-Verbindung
diag-stage-proxy = Proxy (CONNECT)
diag-stage-tls = TLS
diag-stage-http = HTTP
diag-advice-url = Die Adresse ist ungültig. Prüfen Sie Cloud und Basis-URLs.
diag-advice-dns = Der Name wird nicht aufgelöst. Prüfen Sie den DNS-Server dieses Servers; wenn nur ein Proxy ins Internet darf, tragen Sie ihn unter „Web-Proxy“ ein.
diag-advice-dns-proxy = Der Name des Proxys wird nicht aufgelöst. Prüfen Sie die Proxy-Adresse und den DNS-Server.
diag-advice-connect = Keine Verbindung. Prüfen Sie die Firewall (ausgehend, Port 443); wenn nur ein Proxy ins Internet darf, tragen Sie ihn ein.
diag-advice-connect-proxy = Keine Verbindung zum Proxy. Prüfen Sie Proxy-Adresse und Port und ob der Proxy läuft.
diag-advice-proxy-auth = Der Proxy verlangt eine Anmeldung (407). Der UCServer-Dienst meldet sich nicht am Proxy an: Geben Sie die Microsoft-Adressen im Proxy für diesen Server ohne Anmeldung frei.
diag-advice-proxy-refused = Der Proxy lässt die Verbindung nicht zu. Geben Sie login.microsoftonline.com und graph.microsoft.com (Port 443) im Proxy frei.
diag-advice-tls = Das Zertifikat ist nicht vertrauenswürdig. Prüfen Sie Datum und Uhrzeit dieses Servers und die Zertifikate im Windows-Zertifikatspeicher.
diag-advice-tls-inspection = Das Zertifikat stammt nicht von Microsoft: Ein Proxy bricht TLS auf (TLS-Inspektion). Nehmen Sie die Microsoft-Adressen von der Inspektion aus oder legen Sie das Stammzertifikat des Proxys in den Windows-Zertifikatspeicher.
diag-advice-http = Keine Antwort. Prüfen Sie Firewall und Proxy (ein Proxy, der Verbindungen hält, aber nichts durchlässt).
diag-steps = Anmeldung und Graph
diag-step-refresh = OAuth (gespeichertes Refresh-Token eingelöst)
diag-step-presence-read = Graph (eine Präsenz gelesen)
diag-step-app-token = OAuth (App-Token per Client Credentials)
diag-step-ok = { $step }: in Ordnung ({ $millis } ms)
diag-step-failed = { $step }: nicht gelungen ({ $millis } ms) — Grund und Abhilfe: siehe „Zustimmungen“
diag-steps-none = Nicht geprüft: Hier ist weder eine Zustimmung des Benutzers noch ein Zertifikat oder Client-Geheimnis der App gespeichert.
diag-consents = Zustimmungen: { $verdict }
cli-about-diagnose = Die Verbindung zu Microsoft testen: für Anmelde- und Graph-Host jede Stufe einzeln mit ihrer Zeit (DNS, TCP, Proxy, TLS, HTTP), dann Anmeldung und Graph-Abfrage der Prüfung mit ihren Zeiten und die Zustimmungen. Exit-Code 0 alles in Ordnung, 5 eine Stufe nicht gelungen
cli-arg-diagnose-json = Als JSON

## Die Sperre des Ordners und die Geheimnis-Datei (Issue 21)
folder-busy = Nicht gespeichert: Ein anderes Programm (ein Fenster oder die Kommandozeile von teams-presence-admin) speichert gerade im UCServer-Ordner und hielt ihn { $seconds } Sekunden lang. { $file } ist unverändert — bitte gleich noch einmal versuchen.
secrets-unreadable = Die Geheimnis-Datei kann nicht gelesen werden, daher wurde nichts gespeichert: { $detail }
secrets-changed = { $path } wurde von einem anderen Programm geändert, während der Bereich sie schrieb; es wurde nichts gespeichert — bitte noch einmal versuchen.
io-link-refused = An Stelle der Datei steht eine Verknüpfung; der Bereich liest und schreibt nicht durch Verknüpfungen. Bitte die Verknüpfung entfernen (die Datei, auf die sie zeigt, bleibt unberührt).
audit-unreadable-line = Zeile { $line } von { $file } ist kein Eintrag des Änderungsprotokolls (von einem Absturz abgeschnitten oder von einem anderen Programm geschrieben); sie bleibt, wie sie ist.

## Das Fenster kann nicht öffnen (Issue 22)
start-failed-title = teams-presence-admin: Das Fenster kann nicht geöffnet werden
start-failed = Das Fenster konnte nicht geöffnet werden — { $reason }. Weder Direct3D 12 (auch ohne Grafikkarte: WARP) noch OpenGL 2.0 ließ sich starten; in einer Remotedesktop-Sitzung ohne Grafikkarte fehlt womöglich beides. Die Kommandozeile funktioniert trotzdem (teams-presence-admin --help). Das Protokoll liegt in { $logs }.

## Grenzen dessen, was gelesen wird (Issue 23 §5)
text-kind-config = msteams.cfg
text-kind-matching = usermatching.csv
text-kind-secrets = die Geheimnisdatei
text-kind-user-export = der Benutzerexport
text-kind-paste = der eingefügte Text
text-kind-settings = die Einstellungsdatei der Verwaltung
text-too-large = zu groß: { $size_mb } MB, wo { $kind } höchstens { $max_mb } MB enthalten darf (weit mehr, als 100.000 Benutzer brauchen). Nichts wurde gelesen oder geschrieben. Prüfen Sie, ob es die richtige Datei ist.
text-line-too-long = Zeile { $line } enthält { $len } Bytes, wo eine Zeile von { $kind } höchstens { $max } enthalten darf. Nichts wurde gelesen oder geschrieben. Prüfen Sie, ob es die richtige Datei ist und ihre Zeilen mit Zeilenumbrüchen enden.
text-not-text = keine Textdatei ({ $kind }): Die Datei enthält Binärdaten, z. B. ein Zip-Archiv oder eine Excel-Arbeitsmappe. Nichts wurde gelesen oder geschrieben. Wählen Sie die Textdatei, oder speichern Sie die Datei in Excel als „CSV UTF-8“.
text-utf16 = { $kind } ist in UTF-16 („Unicode-Text“) geschrieben, das hier nicht gelesen wird. Nichts wurde gelesen oder geschrieben. Speichern Sie die Datei in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ oder im Editor als UTF-8.

## Dateien, die keine sind, und die Sperre des Ordners (Issue 34)
io-not-a-file = Hier steht { $what } statt einer Datei; es wird weder gelesen noch beschrieben. Bitte durch die Datei ersetzen oder entfernen.
entry-folder = ein Ordner
entry-fifo = eine benannte Pipe (FIFO)
entry-device = ein Gerät
entry-socket = ein Socket
entry-other = etwas anderes
io-changed-meanwhile = Ein anderes Programm hat die Datei geändert, während sie gespeichert wurde; es wurde nichts ersetzt — bitte noch einmal versuchen.
text-kind-audit = das Änderungsprotokoll
audit-not-written = Die Änderung ist gespeichert, aber ihre Zeile im Änderungsprotokoll konnte nicht geschrieben werden: { $detail }
## Vergessen, Support-Pakete und Meldungen, was die Dateien auch enthalten (issue 34 §4, §13, §14)
secrets-syntax = { $path }: Zeile { $line }, Spalte { $column } ist kein gültiges JSON.
forget-replaces-unreadable = Die Geheimnis-Datei kann nicht gelesen werden ({ $why }). Damit kein Token bleibt, wird sie durch eine leere ersetzt: Die Zustimmung ist vergessen; ein darin hinterlegtes Client-Geheimnis oder Zertifikat muss neu hinterlegt werden.
forget-why-syntax = kein gültiges JSON in Zeile { $line }, Spalte { $column }
forget-why-too-large = { $size_mb } MB, wo sie höchstens { $max_mb } MB enthalten darf
forget-why-line-too-long = Zeile { $line } ist zu lang
forget-why-not-text = keine Textdatei
json-too-deep = Klammern zu tief verschachtelt (mehr als 128 Ebenen)
json-expected-ident = ein Wort, das kein JSON ist (nur true, false und null stehen ohne Anführungszeichen)
json-expected-quote = hier fehlt ein doppeltes Anführungszeichen
json-invalid-number = eine Zahl, die kein gültiges JSON ist
json-number-out-of-range = eine zu große Zahl
json-invalid-unicode = eine ungültige Unicode-Escape-Folge (\u…) in einer Zeichenkette
json-other = das JSON ist hier ungültig
support-cfg-broken = Das Support-Paket wird ohne Prüfung bei Microsoft geschrieben (es gibt nichts, womit geprüft werden könnte); es nennt, wo msteams.cfg fehlerhaft ist, ohne ihren Text.
text-utf16-json = { $kind } ist in UTF-16 („Unicode“) geschrieben, was der UCServer-Dienst nicht liest. Es wurde nichts gelesen oder geschrieben. Öffnen Sie die Datei in einem Texteditor und speichern Sie sie als „UTF-8“ (im Editor: Speichern unter …, Codierung „UTF-8“).
import-unclosed-quote = Datei mit den UCServer-Benutzern, Zeile { $line }: Ein hier geöffnetes Anführungszeichen (") wird nie geschlossen, der Rest der Datei ({ $lines } Zeilen) würde als ein Feld gelesen. Es wurde nichts importiert. Schließen oder entfernen Sie das Anführungszeichen in einem Texteditor, oder exportieren Sie die Benutzer erneut.
import-delimiter = Die Spalten der Datei mit den UCServer-Benutzern sind durch „{ $found }“ getrennt, keines der hier gelesenen Trennzeichen (Komma, Semikolon, Tabulator). Es wurde nichts importiert. Speichern Sie den Export in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.
confirm-forget-unreadable = Die Geheimnis-Datei kann nicht gelesen werden, daher lässt sich nichts einzeln daraus entfernen: Damit kein Token bleibt, wird sie durch eine leere ersetzt. Ein darin hinterlegtes Client-Geheimnis oder Zertifikat muss danach neu hinterlegt werden. Bei Microsoft bleiben die Zustimmungen bestehen, bis sie in Entra ID widerrufen werden.
## Fristen, das Warten auf Microsoft und was seine Antworten bedeuten (Issue 34)
cli-waiting = Warte auf Microsoft ({ $what }): bisher { $seconds } s, höchstens { $limit } s.
cli-deadline = Microsoft hat nicht innerhalb von { $limit } s geantwortet ({ $what }); der Befehl wartet nicht länger und hat nichts weiter gespeichert. Prüfen Sie Netzwerk und Proxy und versuchen Sie es erneut, oder geben Sie mit --deadline SEKUNDEN mehr Zeit.
wait-check = Prüfung beider Zustimmungen
wait-diagnose = Diagnose der Verbindung
wait-consent = Zustimmung im Browser und Microsofts Token
wait-app = App-Registrierung
wait-write-test = Schreibtest der Präsenz
wait-listing = Konten des Tenants
wait-presence = Live-Präsenz der zugeordneten Benutzer
consent-config-changed = msteams.cfg wurde während der Anmeldung geändert: Sie nennt jetzt einen anderen Mandanten, eine andere Cloud oder App als zu Beginn der Anmeldung. Nichts wurde gespeichert. Erteilen Sie die Zustimmung erneut für die jetzige Konfiguration.
tenant-graph-outage = Graph antwortete { $status } { $code }: { $message }. Das liegt bei Microsoft (oder an einer abgelaufenen Seite der Liste), nicht an der Zustimmung: Lesen Sie die Konten später erneut.
tenant-too-long = Microsofts Benutzerliste enthält ein Konto, dessen { $field } { $len } Zeichen lang ist; Entra ID erlaubt höchstens { $max }. Nichts wurde übernommen: Diese Antwort stammt nicht von Entra ID. Prüfen Sie den Proxy und die eingestellten Adressen von Microsoft.
tenant-too-large = Microsofts Benutzerliste enthält mehr als { $max_mb } MB an IDs, Namen und Adressen, mehr als jeder Tenant braucht. Nichts wurde übernommen: Prüfen Sie den Proxy und die eingestellten Adressen von Microsoft.
presence-failed = Die Präsenzen konnten nicht gelesen werden: { $detail }
presence-graph-denied = Graph hat das Lesen der Präsenz verweigert ({ $status } { $code }: { $message }). Erteilen Sie die „Zustimmung des Benutzers“ erneut; sie umfasst das Lesen der Präsenz (Presence.Read.All).
presence-graph-outage = Graph hat das Lesen der Präsenz mit { $status } { $code } beantwortet: { $message }. Das liegt bei Microsoft, nicht an der Zustimmung: Lesen Sie später erneut.

## Überwachung zwischen den Besuchen (Issue 37): watch check, show, test, set, install, remove
watch-subject = teams-presence-admin ({ $host }): { $what }
watch-broken = Die Teams-Integration auf { $host } funktioniert nicht mehr.
watch-reminder = Die Teams-Integration auf { $host } funktioniert weiterhin nicht (seit { $since }).
watch-recovered = Die Teams-Integration auf { $host } funktioniert wieder (vorher: { $was }).
watch-short-expiring = endet am { $date }
watch-expiring-password = Auf { $host }: Das Kennwort des Kontos, das die „Zustimmung des Benutzers“ erteilt hat, erreicht am { $date } das Höchstalter des Mandanten. Ein neues Kennwort beendet die Zustimmung: Ändern Sie es am Werktag davor, { $renew }, und erteilen Sie gleich danach die „Zustimmung des Benutzers“ erneut.
watch-expiring-consent-unused = Auf { $host }: Die gespeicherte „Zustimmung des Benutzers“ wurde seit mehr als 60 Tagen nicht verwendet und verfällt am { $date } (90 Tage ungenutzt). Prüfen Sie, ob der UCServer-Dienst läuft, oder erteilen Sie die „Zustimmung des Benutzers“ bis { $renew } erneut.
watch-expiring-credential = Auf { $host }: Der geheime Clientschlüssel oder das Zertifikat der App endet am { $date }. Erneuern Sie ihn bis { $renew }: „Erneuern“ in der Verwaltung oder teams-presence-admin app renew.
watch-do-authorized = Nichts zu tun.
watch-do-incomplete = Was zu tun ist: Erteilen Sie in der Verwaltung beide Zustimmungen („Zustimmung des Benutzers“ und „Zustimmung des Administrators“) oder führen Sie teams-presence-admin consent user und consent admin aus.
watch-do-reconsent-user = Was zu tun ist: Öffnen Sie die Verwaltung und klicken Sie „Zustimmung des Benutzers“ (oder führen Sie teams-presence-admin consent user aus), angemeldet mit dem Konto, dessen Zustimmung der UCServer-Dienst verwendet.
watch-do-reconsent-admin = Was zu tun ist: Öffnen Sie die Verwaltung und klicken Sie „Zustimmung des Administrators“ (oder führen Sie teams-presence-admin consent admin aus), angemeldet als globaler Administrator.
watch-do-unreachable = Was zu tun ist: Microsoft war bei { $runs } Prüfungen nacheinander nicht erreichbar. Prüfen Sie Netzwerk, Firewall und Web-Proxy (teams-presence-admin diagnose nennt die Stufe, die scheitert).
watch-do-misconfigured = Was zu tun ist: Korrigieren Sie die Konfiguration in der Verwaltung (teams-presence-admin status nennt, was falsch ist).
watch-test-subject = teams-presence-admin ({ $host }): Testnachricht
watch-test-body = Dies ist eine Testnachricht von teams-presence-admin auf { $host }. Dieser Weg funktioniert: Meldungen zur Teams-Integration kommen hier an.
watch-now-invalid = TPA_WATCH_NOW muss eine Zeit nach RFC 3339 sein (z. B. 2026-06-01T08:00:00Z); „{ $value }“ ist keine. Entfernen Sie die Variable, um die Uhr zu verwenden.
watch-alert-sent = Meldung: { $subject }
watch-channel-failed = Der Meldeweg { $channel } ist gescheitert: { $why } Seine Meldungen bleiben erhalten und werden beim nächsten Lauf erneut gesendet.
watch-why-unavailable = Auf diesem System gibt es kein Windows-Ereignisprotokoll; verwenden Sie Mail oder einen Webhook.
watch-why-not-set = Seine Adresse ist nicht gespeichert; legen Sie sie mit watch set erneut fest.
watch-why-connect = keine Verbindung zum Server; prüfen Sie Name und Port, die Firewall und ob er läuft.
watch-why-timeout = Der Server hat nicht rechtzeitig geantwortet.
watch-why-tls = Die TLS-Verbindung ist gescheitert; prüfen Sie --tls und das Zertifikat des Servers.
watch-why-login = Der Mailserver hat die Anmeldung abgelehnt; prüfen Sie --user und das Kennwort.
watch-why-refused = Der Mailserver hat die Mail abgelehnt (Code { $code }); prüfen Sie --from und --to.
watch-why-status = Der Webhook hat mit HTTP { $status } geantwortet.
watch-why-other = Einzelheiten stehen im Protokoll.
watch-show-schedule = Zeitplan: { $place }, alle { $minutes } Minuten.
watch-show-no-schedule = Zeitplan: keiner (teams-presence-admin watch install).
watch-no-channel = Kein Meldeweg ist eingerichtet: teams-presence-admin watch set mail …, watch set webhook URL oder unter Windows watch set event-log on.
watch-show-channels = Meldungen gehen an: { $channels }
watch-show-state = Zuletzt gemeldet: { $state } (seit { $since })
watch-show-pending = Warten auf erneutes Senden: { $count } Meldung(en) über { $channel }
watch-show-run = { $at }: { $state } ({ $ms } ms) · Meldungen: { $alerts } · gescheitert: { $failed }
watch-test-sent = Testnachricht gesendet: { $channel }
watch-set-saved = Gespeichert in { $path }.
watch-file-syntax = { $path } ist in Zeile { $line }, Spalte { $column } beschädigt. Korrigieren oder löschen Sie die Datei: Sie enthält nur die Einstellungen der Überwachung und ihre letzten Läufe.
watch-file-changed = { $path } wurde inzwischen von einem anderen Programm geändert; nichts wurde geschrieben. Führen Sie den Befehl erneut aus.
watch-webhook-invalid = Die Adresse des Webhooks muss mit https:// beginnen (http:// nur zu diesem Computer); „{ $value }“ tut das nicht. Nichts wurde gespeichert.
watch-smtp-invalid = --smtp erwartet den Mailserver als HOST:PORT, z. B. mail.example.com:587; „{ $value }“ ist das nicht. Nichts wurde gespeichert.
watch-mail-invalid = „{ $address }“ ist keine Mailadresse (--from, --to): Schreiben Sie sie als name@example.com. Nichts wurde gespeichert.
watch-password-stdin = Das Kennwort des Mailservers konnte nicht von der Standardeingabe gelesen werden: { $detail }. Nichts wurde gespeichert.
watch-eventlog-unavailable = Auf diesem System gibt es kein Windows-Ereignisprotokoll: Der Meldeweg Ereignisprotokoll ist hier nicht verfügbar. Verwenden Sie Mail oder einen Webhook.
watch-every-invalid = --every erwartet Minuten (15m) oder Stunden (1h), von 5 Minuten bis 24 Stunden; „{ $value }“ ist das nicht. Nichts wurde eingerichtet.
watch-installed = Die Prüfung läuft alle { $minutes } Minuten: { $place }
watch-install-failed = Der Zeitplan konnte nicht eingerichtet werden: { $detail }
watch-removed = Der Zeitplan wurde entfernt.
watch-remove-failed = Der Zeitplan konnte nicht entfernt werden: { $detail }
watch-title = Überwachung (Meldungen zwischen den Besuchen)
watch-busy = Die Überwachung wird gelesen …
watch-install-button = Zeitplan einrichten (alle { $minutes } Minuten)
watch-remove-button = Zeitplan entfernen
watch-test-button = Testnachricht senden
watch-reload = Neu lesen
watch-gui-hint = Wohin die Meldungen gehen, legen Sie mit teams-presence-admin watch set mail … / webhook … / event-log on fest (siehe docs/watch.md).
# Issue 35 (helper ui1): a calm wait, the next step from the verdict, a cut connection, the client id.
auth-waiting-since = wartet seit { $time }
steps-next-outage = Als Nächstes: Microsoft ist gerade nicht erreichbar — eine Zustimmung hilft hier nicht. Öffnen Sie unten „Diagnose und Änderungsprotokoll“, klicken Sie „Verbindung testen“ und danach „Prüfen“.
steps-next-configure = Als Nächstes: Korrigieren Sie, was die Meldung oben nennt, speichern Sie und klicken Sie „Prüfen“.
verdict-unreachable-interrupted = Die Verbindung zu Microsoft brach mitten in der Antwort ab (zurückgesetzt oder geschlossen): Das liegt am Netz, an einem Proxy oder einer Firewall dazwischen, nicht an den Zustimmungen.

## Die Hilfe der Überwachung auf der Kommandozeile (Issue 37)
cli-about-watch = Die Integration zwischen den Besuchen überwachen: eine geplante Prüfung, die bei einem Wechsel des Zustands meldet (Windows-Ereignisprotokoll, Mail, Webhook); siehe docs/watch.md
cli-about-watch-check = Die Prüfung, die der Zeitplan ausführt: das Ergebnis von „status“, die Warnungen vor einem Ausfall, eine Meldung bei einem Wechsel des Zustands. Exit-Code (Nagios): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
cli-arg-watch-check-format = text (Vorgabe) oder nagios (eine Zeile mit Leistungsdaten)
cli-arg-watch-check-json = Den Lauf als JSON
cli-about-watch-show = Den Zeitplan, die Kanäle, den Zustand und die letzten Läufe mit ihren Ergebnissen zeigen
cli-arg-watch-show-json = Als JSON
cli-arg-watch-show-runs = Wie viele Läufe aufgeführt werden
cli-about-watch-test = Eine Testnachricht auf jedem eingerichteten Kanal senden
cli-about-watch-set = Festlegen, wohin die Meldungen gehen, oder eine Regel
cli-about-watch-set-webhook = Ein Webhook: die Meldungen als JSON-POST (https://, über den Proxy); die Adresse steht in der Geheimnis-Datei
cli-arg-watch-set-webhook-url = Die Adresse des Webhooks (https://…)
cli-about-watch-set-mail = Mail über SMTP
cli-arg-watch-set-mail-smtp = Der Mailserver, HOST:PORT
cli-arg-watch-set-mail-from = Die Absenderadresse
cli-arg-watch-set-mail-to = Ein oder mehrere Empfänger, durch Kommas getrennt
cli-arg-watch-set-mail-tls = none, starttls (Vorgabe) oder tls
cli-arg-watch-set-mail-user = Die Anmeldung am Mailserver
cli-arg-watch-set-mail-password-stdin = Das Kennwort der Anmeldung von der Standardeingabe lesen (es steht in der Geheimnis-Datei, nie in msteams.cfg)
cli-about-watch-set-event-log = Das Windows-Ereignisprotokoll (on oder off)
cli-arg-watch-set-event-log-on = on oder off
cli-about-watch-set-lang = Die Sprache der Meldungen
cli-arg-watch-set-lang-lang = de oder en
cli-about-watch-set-password-days = Das höchste Kennwortalter des Tenants in Tagen (0: Kennwörter laufen nicht ab): die Warnung, bevor das Kennwort des zustimmenden Kontos abläuft
cli-arg-watch-set-password-days-days = Tage
cli-about-watch-set-warn-days = Wie viele Werktage vor einem bekannten Ende es angekündigt wird
cli-arg-watch-set-warn-days-days = Werktage
cli-about-watch-clear = Einen Kanal entfernen
cli-arg-watch-clear-what = webhook oder mail
cli-about-watch-install = Die Prüfung nach Zeitplan ausführen: eine geplante Windows-Aufgabe (als SYSTEM), sonst ein systemd-Timer
cli-arg-watch-install-every = Wie oft: Minuten (15m) oder Stunden (1h), 5m bis 24h
cli-about-watch-remove = Den Zeitplan entfernen
## Issue 35 (Neustart-Hinweis für jeden beim Start gelesenen Schlüssel, Vorschau, Support-Paket, fremder Ordner, Worte)
restart-key = { $label } ({ $key })
restart-notice-keys = Gespeichert: { $keys }. Der UCServer-Dienst liest msteams.cfg nur beim Start: Die Änderung wirkt erst, wenn der Dienst neu gestartet wurde.
preview-case-fix-clash = Zeile { $line }: „{ $written }“ unterscheidet sich von { $upn } nur in Groß-/Kleinschreibung – aber { $upn } steht schon in Zeile { $other }. Eine Korrektur ergäbe zwei Zeilen für dasselbe Konto, daher wird sie nicht angeboten: Löschen Sie im Editor eine der beiden Zeilen.
finding-row-not-utf8 = Nicht UTF-8 (Excel speichert Windows-1252): Datei umwandeln
finding-row-semicolon = Durch Semikolons getrennt: Der Dienst erwartet Kommas
finding-row-header = Sieht nach einer Kopfzeile aus: entfernen
finding-row-field-count = { $found ->
        [one] Ein Feld
       *[other] { $found } Felder
    } statt 2
finding-row-empty-field = { $column } ist leer
finding-row-spaces = { $column }: Leerzeichen am Anfang oder Ende
finding-row-quoted = { $column } steht in Anführungszeichen
finding-row-control-char = Zeichen { $at }: Steuerzeichen { $code } in { $column }
finding-row-not-upn = Nicht in der Form name@domäne: „{ $value }“
finding-row-duplicate = Doppelt, wie Zeile { $first }: „{ $value }“
finding-row-case = Wie Zeile { $other } bis auf Groß-/Kleinschreibung: „{ $value }“
matching-summary-lines = { $rows ->
        [one] { $rows } Zuordnung
       *[other] { $rows } Zuordnungen
    } — Zeilen mit Fehlern (rot): { $error_lines }{ $errors ->
        [0] {""}
       *[other] {" "}(zusammen { $errors } Fehler)
    }, mit Warnungen (gelb): { $warning_lines }
editor-save-blocked-lines = { $lines ->
        [one] Eine Zeile von usermatching.csv hat
       *[other] { $lines } Zeilen von usermatching.csv haben
    } Fehler. Beheben Sie die rot markierten Zeilen, dann speichern Sie.
activation-group-unknown = Keiner der { $users } importierten UCServer-Benutzer ist in der Gruppe „{ $group }“: Für diese Gruppe wird die Integration für niemanden aktiv. Prüfen Sie die Schreibweise, oder wählen Sie die Gruppe aus der Benutzerliste.
activation-group-case = Keiner der { $users } importierten UCServer-Benutzer ist in der Gruppe „{ $group }“, aber in „{ $similar }“ (andere Groß-/Kleinschreibung). Entfernen Sie „{ $group }“ und wählen Sie „{ $similar }“ aus der Benutzerliste.
activation-groups-unchecked = Ob jemand in diesen Gruppen ist, lässt sich nicht prüfen: Es ist keine UCServer-Benutzerliste importiert (Reiter Vorschau).
not-ucserver-window = { $path } ist kein UCServer-Ordner: config/msteams.cfg fehlt. Wählen Sie mit „Anderen Ordner wählen …“ den Installationsordner des UCServers (z. B. C:\Program Files\estos\UCServer), oder legen Sie die Datei mit „Hier anlegen“ in diesem Ordner an.
path-prompt-folder = Auf diesem System kann kein Ordnerdialog angezeigt werden (kein Desktop-Portal und kein zenity erreichbar). Geben Sie den vollständigen Pfad des UCServer-Ordners ein (z. B. C:\Program Files\estos\UCServer).
preview-notes-more = Weitere Hinweise stehen darunter: Scrollen Sie im Kasten darüber.

## Issue 38: the tenant kept
tenant-kept-age-min = Konten gelesen vor { $minutes } Min.
tenant-kept-age-h = Konten gelesen vor { $hours } Std.
cli-arg-matching-preview-refresh = Die Konten des Tenants neu lesen, auch wenn die behaltenen jünger als eine Stunde sind
cli-arg-matching-presence-refresh = Die Konten des Tenants neu lesen, auch wenn die behaltenen jünger als eine Stunde sind

# A use case's failures beside Microsoft's (issue 36 §1).
flow-answer-incomplete = Microsofts Antwort enthält kein „{ $field }“, das das Protokoll zusagt. Versuchen Sie es später erneut; bleibt es so, wenden Sie sich mit dem Support-Paket an den Support.
ops-credential-unusable = Der gespeicherte geheime Clientschlüssel bzw. das Zertifikat der App ist nicht verwendbar. Legen Sie unter „App-Registrierung“ einen neuen an. (Meldung: { $detail })
ops-no-registration = Es gibt keine von diesem Programm angelegte App-Registrierung, die erneuert oder entfernt werden könnte. Legen Sie sie mit „App-Registrierung anlegen“ an oder verwalten Sie Ihre eigene im Azure-Portal.
ops-certificate-not-made = Für die App konnte kein Zertifikat erzeugt werden; nichts wurde gespeichert. Versuchen Sie es erneut oder wählen Sie „Geheimer Clientschlüssel“. (Meldung: { $detail })
flow-state-lost = Die Anmeldung hat ihren eigenen Zustand verloren; nichts wurde gespeichert. Erteilen Sie die Zustimmung erneut.
