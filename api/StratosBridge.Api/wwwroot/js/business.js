import { api, el, poll, short, showError, units, when } from "./api.js";
import { signIn } from "./signin.js";

const $ = (id) => document.getElementById(id);
const usd = (cents) => (Number(cents) / 100).toFixed(2);

async function statement(key) {
  const range = new URLSearchParams();
  if ($("from").value) range.set("from", $("from").value);
  if ($("to").value) range.set("to", $("to").value);
  const s = await api(`/v1/account/statement?${range}`, { token: key });
  $("balances").textContent = `Opening balance ${usd(s.opening.usdCents)} USD, ${units(s.opening.noz, 9)} OZ; closing ${usd(s.closing.usdCents)} USD, ${units(s.closing.noz, 9)} OZ.`;
  const body = $("statement").querySelector("tbody");
  body.replaceChildren(...(s.lines.length ? s.lines.map((l) => el("tr", { "data-kind": l.kind },
    el("td", {}, when(l.at)), el("td", {}, l.kind), el("td", {}, l.description), el("td", {}, usd(l.usdCents)),
    el("td", {}, units(l.noz, 9)), el("td", { class: "mono" }, l.stratosTx ? short(l.stratosTx) : "")))
    : [el("tr", {}, el("td", { colspan: 6, class: "muted" }, "Nothing in this period."))]));
}

async function checkouts(key) {
  const { checkouts: list } = await api("/v1/fiat/checkout-sessions?limit=20", { token: key });
  const body = $("checkouts").querySelector("tbody");
  body.replaceChildren(...list.map((c) => el("tr", { "data-state": c.settlement?.state ?? c.status },
    el("td", {}, c.url ? el("a", { href: c.url }, `#${c.id}`) : `#${c.id}`, el("span", { class: "muted" }, ` ${when(c.createdAt)}`)),
    el("td", {}, `${c.amount.usd} USD`), el("td", {}, c.settlement?.state ?? c.status), el("td", {}, c.noz ? `${units(c.noz, 9)} OZ` : "—"))));
  if (!body.childElementCount) body.append(el("tr", {}, el("td", { colspan: 4, class: "muted" }, "None yet.")));
  // done when every checkout has come to rest: credited, failed, or closed without a payment
  return list.every((c) => ["credited", "credit-failed", "unmatched"].includes(c.settlement?.state) || ["expired", "canceled", "abandoned"].includes(c.status));
}

/** A plain status sentence (clearing an error's look the region may have from before). */
function say(id, text) {
  const region = $(id);
  region.className = "";
  region.hidden = false;
  region.textContent = text;
}

/** Shows a secret or key once, with what to do with it, in a status region. */
function showOnce(region, label, value, notice) {
  region.hidden = false;
  region.className = "notice warn";
  region.replaceChildren(el("p", {}, el("strong", {}, label), " ", el("code", { class: "mono", "data-once": "" }, value)), el("p", {}, notice));
}

const button = (text, onclick, secondary = true) => {
  const b = el("button", { type: "button", class: secondary ? "secondary" : undefined }, text);
  b.onclick = onclick;
  return b;
};

async function deliveries(key, endpoint) {
  const { deliveries: list } = await api(`/v1/account/webhooks/${endpoint.id}/deliveries?limit=50`, { token: key });
  $("deliveries-of").textContent = `Deliveries to ${endpoint.url}, newest first.`;
  const body = $("deliveries").querySelector("tbody");
  body.replaceChildren(...list.map((d) => {
    const last = d.recent?.[0];
    const answer = last ? `${last.statusCode ?? "no answer"}${last.error ? ` — ${last.error}` : ""} (${when(last.at)})` : "not sent yet";
    return el("tr", { "data-id": d.id, "data-status": d.status },
      el("td", {}, `#${d.id}`, d.redeliveryOf ? el("span", { class: "muted" }, ` redelivery of #${d.redeliveryOf}`) : ""),
      el("td", {}, d.type, el("br"), el("span", { class: "muted mono" }, d.eventId)),
      el("td", {}, d.status), el("td", {}, String(d.attempts)), el("td", {}, answer),
      el("td", {}, button("Redeliver", async () => {
        try {
          await api(`/v1/account/webhook-deliveries/${d.id}/redeliver`, { method: "POST", token: key });
          say("hook-status", `Delivery #${d.id} queued again.`);
          await deliveries(key, endpoint);
        } catch (e) { showError($("error"), e); }
      })));
  }));
  if (!body.childElementCount) body.append(el("tr", {}, el("td", { colspan: 6, class: "muted" }, "Nothing sent to this endpoint yet.")));
}

async function webhooks(key) {
  const { endpoints } = await api("/v1/account/webhooks", { token: key });
  const act = (endpoint, path, done) => async () => {
    try {
      const answer = await api(`/v1/account/webhooks/${endpoint.id}${path}`, { method: "POST", token: key });
      done?.(answer);
      await webhooks(key);
    } catch (e) { showError($("error"), e); }
  };
  const body = $("webhooks").querySelector("tbody");
  body.replaceChildren(...endpoints.map((w) => el("tr", { "data-id": w.id, "data-status": w.status },
    el("td", { class: "mono" }, w.url), el("td", {}, w.events.join(", ")),
    el("td", {}, w.status, w.statusNote ? el("span", { class: "muted" }, ` — ${w.statusNote}`) : ""),
    el("td", { class: "row" },
      button("Deliveries", () => deliveries(key, w).catch((e) => showError($("error"), e))),
      button("Send test", act(w, "/test", () => { say("hook-status", `A test event was queued for ${w.url}.`); })),
      button("Rotate secret", act(w, "/rotate-secret", (r) => showOnce($("hook-secret"), `New signing secret of ${w.url}:`, r.secret,
        `Store it now: it is not shown again. The previous secret keeps signing too until ${when(r.previousSecretUntil)}.`))),
      w.status === "enabled" ? button("Disable", act(w, "/disable")) : button("Enable", act(w, "/enable")),
      button("Delete", async () => {
        if (!confirm(`Delete the endpoint ${w.url}? Nothing more is sent to it.`)) return;
        try {
          await api(`/v1/account/webhooks/${w.id}`, { method: "DELETE", token: key });
          say("hook-status", `Endpoint ${w.url} deleted.`);
          await webhooks(key);
        } catch (e) { showError($("error"), e); }
      })))));
  if (!body.childElementCount) body.append(el("tr", {}, el("td", { colspan: 4, class: "muted" }, "No endpoints yet.")));
}

async function keys(key, current) {
  const { keys: list } = await api("/v1/account/keys", { token: key });
  const body = $("keys").querySelector("tbody");
  body.replaceChildren(...list.map((k) => el("tr", { "data-id": k.id, "data-status": k.status },
    el("td", { class: "mono" }, `${k.prefix}…`, k.prefix === current ? el("span", { class: "muted" }, " (this tab)") : ""),
    el("td", {}, k.label ?? ""), el("td", {}, k.status), el("td", {}, when(k.createdAt)), el("td", {}, when(k.lastUsedAt)),
    el("td", {}, k.status === "active" && k.prefix !== current ? button("Revoke", async () => {
      if (!confirm(`Revoke the key ${k.prefix}…? Anything using it stops working.`)) return;
      try {
        await api(`/v1/account/keys/${k.id}`, { method: "DELETE", token: key });
        say("key-status", `Key ${k.prefix}… revoked.`);
        await keys(key, current);
      } catch (e) { showError($("error"), e); }
    }) : ""))));
}

async function integrations(key, current) {
  const { types } = await api("/v1/account/webhook-event-types", { token: key });
  $("hook-events").replaceChildren(...types.map((t, i) => el("div", {},
    el("input", { type: "checkbox", id: `event-${i}`, value: t, name: "events" }), " ", el("label", { for: `event-${i}` }, t))));
  $("add-webhook").onsubmit = async (event) => {
    event.preventDefault();
    const events = [...$("hook-events").querySelectorAll("input:checked")].map((c) => c.value);
    say("hook-status", "Adding the endpoint…");
    try {
      const w = await api("/v1/account/webhooks", { method: "POST", token: key, body: { url: $("hook-url").value.trim(), events } });
      say("hook-status", `Endpoint ${w.url} added.`);
      showOnce($("hook-secret"), `Signing secret of ${w.url}:`, w.secret, "Store it now: it is not shown again (rotate it to get a new one).");
      $("add-webhook").reset();
      await webhooks(key);
    } catch (e) { showError($("hook-status"), e); }
  };
  $("add-key").onsubmit = async (event) => {
    event.preventDefault();
    try {
      const label = $("key-label").value.trim();
      const k = await api("/v1/account/keys", { method: "POST", token: key, body: label ? { label } : {} });
      showOnce($("new-key"), `New API key ${k.prefix}…:`, k.key, k.notice);
      $("add-key").reset();
      say("key-status", "");
      await keys(key, current);
    } catch (e) { showError($("key-status"), e); }
  };
  await Promise.all([webhooks(key), keys(key, current)]);
}

async function load(key) {
  const a = await api("/v1/account", { token: key });
  $("who").textContent = `Signed in as ${a.name} (key ${a.keyPrefix}…).`;
  $("account").replaceChildren(
    el("dt", {}, "Name"), el("dd", {}, a.name),
    el("dt", {}, "Kind"), el("dd", {}, a.kind === "dapp" ? "dApp (your users pay quotes in ETH, BNB or SOL)" : "Business (buys Ozone by card)"),
    el("dt", {}, "Ozone goes to"), a.wallet
      ? el("dd", { class: "mono" }, a.wallet.bech32, el("br"), el("a", { href: `/wallets/${a.wallet.bech32}` }, "see the wallet's credits"))
      : el("dd", {}, "each quote's beneficiary (no account wallet)"),
    el("dt", {}, "Status"), el("dd", {}, a.status, a.statusNote ? ` — ${a.statusNote}` : ""),
    el("dt", {}, "Monthly limit"), el("dd", {}, `${a.monthlyLimitUsd} USD`),
    el("dt", {}, "Used this month"), el("dd", {}, `${a.usedThisMonthUsd} USD (${usd(a.remainingThisMonthCents)} USD left)`));
  $("buy").onsubmit = async (event) => {
    event.preventDefault();
    $("buy-status").textContent = "Creating the checkout…";
    try {
      const c = await api("/v1/fiat/checkout-sessions", { method: "POST", token: key, body: {
        usd: $("buy-usd").value.trim(),
        // after paying (or cancelling) the buyer comes back here; Stripe fills in the session id
        successUrl: `${location.origin}/business?checkout={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${location.origin}/business`,
      } });
      $("buy-status").textContent = `Checkout #${c.id} for ${c.amount.usd} USD created; opening the card payment page…`;
      if (c.url) location.assign(c.url);
    } catch (e) {
      showError($("buy-status"), e);
    }
  };
  $("statement-range").onsubmit = (event) => { event.preventDefault(); statement(key).catch((e) => showError($("error"), e)); };
  $("csv").onclick = async () => {
    const range = new URLSearchParams({ format: "csv" });
    if ($("from").value) range.set("from", $("from").value);
    if ($("to").value) range.set("to", $("to").value);
    try {
      const text = await api(`/v1/account/statement?${range}`, { token: key, headers: { Accept: "text/csv" } });
      const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: `statement-${a.id}.csv` });
      document.body.append(link); link.click(); link.remove();
    } catch (e) { showError($("error"), e); }
  };
  await integrations(key, a.keyPrefix);
  if (a.kind === "dapp") {
    $("buy").hidden = true;
    $("balances").textContent = "Card payments are for business accounts: this dApp account has no checkouts or statements.";
    return;
  }
  await Promise.all([statement(key), checkouts(key)]).then(() => poll(() => checkouts(key), 3000, $("error"))).catch((e) => {
    if (e.status !== 404) throw e;
    $("balances").textContent = "Card payments are not enabled on this service, so there are no checkouts or statements.";
  });
}

signIn("stratosbridge.api-key", load);
