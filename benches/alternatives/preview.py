"""The alternative `cargo bench --bench process` measures the pane against (issue 23): what an
administrator writes in ten minutes — urllib and dicts, the same Graph paging as the pane
($select of four fields, $top=999, @odata.nextLink), the same matching rules (usermatching.csv,
then the same UPN, letter case ignored), the same output (the users without a match and a
summary, or every row as JSON).

    python3 preview.py BASE TENANT CLIENT_ID SECRETS EXPORT USERMATCHING [--json]
"""

import json
import sys
import urllib.parse
import urllib.request


def token(base, tenant, client_id, secrets, scope):
    """A delegated access token from the stored refresh token."""
    with open(secrets, encoding="utf-8") as f:
        refresh = json.load(f)["refreshToken"]
    form = urllib.parse.urlencode({
        "grant_type": "refresh_token",
        "client_id": client_id,
        "refresh_token": refresh,
        "scope": scope,
    }).encode()
    with urllib.request.urlopen(f"{base}/{tenant}/oauth2/v2.0/token", form) as r:
        return json.load(r)["access_token"]


def list_users(base, token):
    """The tenant's users by lower-case UPN, page by page."""
    tenant_users = {}
    url = f"{base}/v1.0/users?$select=id,userPrincipalName,mail,displayName&$top=999&$count=true"
    while url:
        req = urllib.request.Request(url, headers={
            "Authorization": f"Bearer {token}",
            "ConsistencyLevel": "eventual",
        })
        with urllib.request.urlopen(req) as r:
            page = json.load(r)
        for u in page["value"]:
            tenant_users[u["userPrincipalName"].lower()] = u
        url = page.get("@odata.nextLink")
    return tenant_users


def main():
    base, tenant, client_id, secrets, export, matching = sys.argv[1:7]
    as_json = "--json" in sys.argv[7:]
    scope = "https://graph.microsoft.com/User.ReadBasic.All offline_access"
    tenant_users = list_users(base, token(base, tenant, client_id, secrets, scope))
    mapped = {}
    with open(matching, encoding="utf-8-sig") as f:
        for number, line in enumerate(f, 1):
            azure, _, uc = line.strip().partition(",")
            mapped[uc.lower()] = (azure, number)
    rows = []
    counts = {"sameUpn": 0, "mapping": 0, "none": 0, "ambiguous": 0}
    with open(export, encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            name, display, _groups = line.rstrip("\r\n").split(";")
            kind, account, lines = "none", None, []
            if name.lower() in mapped:
                azure, number = mapped[name.lower()]
                account = tenant_users.get(azure.lower())
                if account:
                    kind, lines = "mapping", [number]
            if account is None and name.lower() in tenant_users:
                kind, account = "same-upn", tenant_users[name.lower()]
            counts["sameUpn" if kind == "same-upn" else kind] += 1
            rows.append({
                "user": name,
                "displayName": display,
                "match": kind,
                "teamsUpn": account["userPrincipalName"] if account else None,
                "teamsId": account["id"] if account else None,
                "lines": lines,
            })
    if as_json:
        # One string by json.dumps, compact: json.dump (a stream) and indent both use Python's
        # pure-Python encoder (4.9 s here), dumps without indent its C encoder.
        doc = {"counts": counts, "tenantUsers": len(tenant_users), "rows": rows}
        sys.stdout.write(json.dumps(doc))
        print()
    else:
        out = []
        for row in rows:
            if row["match"] == "none":
                out.append(f"{row['user']}: no match")
        out.append(
            f"{len(rows)} UCServer users in the activation scope: {counts['sameUpn']} with the same UPN, "
            f"{counts['mapping']} through usermatching.csv, {counts['none']} without a match, "
            f"{counts['ambiguous']} ambiguous ({len(tenant_users)} accounts in the tenant)."
        )
        sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
