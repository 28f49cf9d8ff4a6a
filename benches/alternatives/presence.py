"""The alternative `cargo bench --bench presence` measures `matching presence` against (issue 27):
what an administrator writes in ten minutes — urllib and dicts: the token refreshed, the tenant's
users listed (the same paging as the pane), the UCServer users matched (usermatching.csv, then the
same UPN, letter case ignored), then the presence of every matched account with
getPresencesByUserId, 650 ids a request one after the other, a 429 waited out as Retry-After
says; the same output (the users without a readable presence and a summary, or every matched user
as JSON).

    python3 presence.py BASE TENANT CLIENT_ID SECRETS EXPORT USERMATCHING [--json]
"""

import json
import sys
import time
import urllib.error
import urllib.request

import preview  # the token and the paging, as the preview's script does them


def post(url, token, body):
    data = json.dumps(body).encode()
    while True:
        req = urllib.request.Request(url, data=data, headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
        })
        try:
            with urllib.request.urlopen(req) as r:
                return json.load(r)
        except urllib.error.HTTPError as e:
            if e.code != 429:
                raise
            time.sleep(int(e.headers.get("Retry-After", "1")))


def main():
    base, tenant, client_id, secrets, export, matching = sys.argv[1:7]
    as_json = "--json" in sys.argv[7:]
    scope = ("https://graph.microsoft.com/Presence.Read.All "
             "https://graph.microsoft.com/User.ReadBasic.All offline_access")
    token = preview.token(base, tenant, client_id, secrets, scope)
    tenant_users = preview.list_users(base, token)
    mapped = {}
    with open(matching, encoding="utf-8-sig") as f:
        for line in f:
            azure, _, uc = line.strip().partition(",")
            mapped[uc.lower()] = azure
    rows = []
    with open(export, encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            name, display, _groups = line.rstrip("\r\n").split(";")
            account = None
            if name.lower() in mapped:
                account = tenant_users.get(mapped[name.lower()].lower())
            if account is None:
                account = tenant_users.get(name.lower())
            if account:
                rows.append((name, display, account))
    ids = list(dict.fromkeys(a["id"] for _, _, a in rows))
    seen = {}
    requests = 0
    for i in range(0, len(ids), 650):
        answer = post(f"{base}/v1.0/communications/getPresencesByUserId", token,
                      {"ids": ids[i:i + 650]})
        requests += 1
        for p in answer["value"]:
            seen[p["id"].lower()] = p
    users, readable, without, states = [], 0, {}, {}
    for name, display, account in rows:
        p = seen.get(account["id"].lower())
        ok = p is not None and p.get("availability") != "PresenceUnknown"
        reason = None if ok else ("missing" if p is None else "no-teams")
        if ok:
            readable += 1
            states[p["availability"]] = states.get(p["availability"], 0) + 1
        else:
            without[reason] = without.get(reason, 0) + 1
        users.append({
            "user": name,
            "displayName": display,
            "teamsUpn": account["userPrincipalName"],
            "teamsId": account["id"],
            "availability": p["availability"] if ok else None,
            "activity": p["activity"] if ok else None,
            "readable": ok,
            "reason": reason,
        })
    if as_json:
        doc = {"matched": len(users), "readable": readable, "requests": requests,
               "byAvailability": states, "without": without, "users": users}
        sys.stdout.write(json.dumps(doc))
        print()
    else:
        out = [f"{u['user']} -> {u['teamsUpn']}: {u['reason']}" for u in users if not u["readable"]]
        out.append(f"{len(users)} matched users, {readable} with a readable presence, "
                   f"{len(users) - readable} without; {requests} requests")
        sys.stdout.write("\n".join(out) + "\n")
    sys.exit(0 if readable == len(users) else 1)


main()
