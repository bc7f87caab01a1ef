#!/usr/bin/env bash
# From an empty gateway to a placed order, as an operator and then a partner. Paste it into a shell,
# or run it: `bash docs/walkthrough.sh`. Re-runnable: every run creates its own provider, service and
# partner (names end in a timestamp). Needs curl and node (node reads the JSON answers).
#
#   GW           the gateway                      (default http://localhost:3000)
#   ADMIN_TOKEN  an admin token                   (default: the file a fresh gateway writes, ./data/admin-token)
#   PANEL_URL    an API v2 panel's URL            (default http://127.0.0.1:4001/api/v2: `npm run sim`, see README)
#   PANEL_KEY    its key                          (default demo-key-1234)
set -euo pipefail
export GW="${GW:-http://localhost:3000}"
export ADMIN_TOKEN="${ADMIN_TOKEN:-$(cat ./data/admin-token 2>/dev/null || true)}"
export PANEL_URL="${PANEL_URL:-http://127.0.0.1:4001/api/v2}"
export PANEL_KEY="${PANEL_KEY:-demo-key-1234}"
[ -n "$ADMIN_TOKEN" ] || { echo "Set ADMIN_TOKEN (or start the gateway once to get ./data/admin-token)" >&2; exit 1; }
RUN="$(date +%s)"
A="Authorization: Bearer $ADMIN_TOKEN"
J="Content-Type: application/json"

# The value at a path of the JSON on stdin (`field`, `0.field`), failing loudly on an error answer.
take() { node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const v = JSON.parse(s);
    if (v && v.code && v.status >= 400) { console.error(JSON.stringify(v)); process.exit(1); }
    const out = process.argv[1].split(".").reduce((o, k) => o?.[k], v);
    if (out === undefined) { console.error("no " + process.argv[1] + " in " + s); process.exit(1); }
    console.log(out);
  });' "$1"; }

# 1. The operator registers the panel (its key is checked with a balance call first) and syncs its catalog.
PROVIDER_ID=$(curl -sS -H "$A" -H "$J" "$GW/v1/admin/providers" \
  -d "{\"name\":\"panel-$RUN\",\"apiUrl\":\"$PANEL_URL\",\"apiKey\":\"$PANEL_KEY\"}" | take id)
curl -sS -H "$A" -X POST "$GW/v1/admin/providers/$PROVIDER_ID/sync" | take providerId >/dev/null
OFFER=$(curl -sS -H "$A" "$GW/v1/admin/providers/$PROVIDER_ID/offers" | take 0.upstreamServiceId)
OFFER_TYPE=$(curl -sS -H "$A" "$GW/v1/admin/providers/$PROVIDER_ID/offers" | take 0.type)

# 2. One of our services, mapped onto that offer.
SERVICE_ID=$(curl -sS -H "$A" -H "$J" "$GW/v1/admin/services" \
  -d "{\"name\":\"Followers $RUN\",\"category\":\"Instagram\",\"type\":\"$OFFER_TYPE\"}" | take id)
curl -sS -H "$A" -H "$J" -X PUT "$GW/v1/admin/services/$SERVICE_ID/offers" \
  -d "{\"offers\":[{\"providerId\":$PROVIDER_ID,\"upstreamServiceId\":\"$OFFER\"}]}" | take id >/dev/null

# 3. A partner with a 10 % markup, 100 in its wallet, and its token (shown once: keep it).
PARTNER_ID=$(curl -sS -H "$A" -H "$J" "$GW/v1/admin/partners" \
  -d "{\"name\":\"reseller-$RUN\",\"markupPercent\":\"10\"}" | take id)
curl -sS -H "$A" -H "$J" "$GW/v1/admin/partners/$PARTNER_ID/ledger" \
  -d '{"amount":"100","reason":"prepaid"}' | take id >/dev/null
export PARTNER_TOKEN=$(curl -sS -H "$A" -H "$J" "$GW/v1/admin/partners/$PARTNER_ID/tokens" \
  -d '{"scopes":["services:read","orders:read","orders:write","balance:read"]}' | take token)
P="Authorization: Bearer $PARTNER_TOKEN"

# 4. The partner: its price list, an order (safe to retry with the same Idempotency-Key), its status.
curl -sS -H "$P" "$GW/v1/services/$SERVICE_ID"; echo
KEY=$(node -e 'console.log(require("node:crypto").randomUUID())')
ORDER_ID=$(curl -sS -H "$P" -H "$J" -H "Idempotency-Key: $KEY" "$GW/v1/orders" \
  -d "{\"serviceId\":$SERVICE_ID,\"link\":\"https://instagram.com/p/walkthrough\",\"quantity\":1000}" | take id)
curl -sS -H "$P" "$GW/v1/orders/$ORDER_ID"; echo
curl -sS -H "$P" "$GW/v1/balance"; echo
echo "Placed order $ORDER_ID for partner $PARTNER_ID (token in \$PARTNER_TOKEN) on service $SERVICE_ID."
