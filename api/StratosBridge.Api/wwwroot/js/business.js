import { api, el, poll, short, showError, units, when } from "./api.js";
import { signIn } from "./signin.js";

const $ = (id) => document.getElementById(id);
const usd = (cents) => (Number(cents) / 100).toFixed(2);
const tabCheckouts = () => JSON.parse(sessionStorage.getItem("stratosbridge.checkouts") ?? "[]");

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
  const list = await Promise.all(tabCheckouts().map((id) => api(`/v1/fiat/checkout-sessions/${id}`, { token: key }).catch(() => null)));
  const body = $("checkouts").querySelector("tbody");
  body.replaceChildren(...list.filter(Boolean).map((c) => el("tr", { "data-state": c.settlement?.state ?? c.status },
    el("td", {}, c.url ? el("a", { href: c.url }, `#${c.id}`) : `#${c.id}`, el("span", { class: "muted" }, ` ${when(c.createdAt)}`)),
    el("td", {}, `${c.amount.usd} USD`), el("td", {}, c.settlement?.state ?? c.status), el("td", {}, c.noz ? `${units(c.noz, 9)} OZ` : "—"))));
  if (!body.childElementCount) body.append(el("tr", {}, el("td", { colspan: 4, class: "muted" }, "None yet.")));
  // done when every checkout has come to rest: credited, failed, or closed without a payment
  return list.every((c) => !c || ["credited", "credit-failed", "unmatched"].includes(c.settlement?.state) || ["expired", "canceled"].includes(c.status));
}

async function load(key) {
  const a = await api("/v1/account", { token: key });
  $("who").textContent = `Signed in as ${a.name} (key ${a.keyPrefix}…).`;
  $("account").replaceChildren(
    el("dt", {}, "Name"), el("dd", {}, a.name),
    el("dt", {}, "Ozone goes to"), el("dd", { class: "mono" }, a.wallet.bech32, el("br"), el("a", { href: `/wallets/${a.wallet.bech32}` }, "see the wallet's credits")),
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
      sessionStorage.setItem("stratosbridge.checkouts", JSON.stringify([...tabCheckouts(), c.id]));
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
  await Promise.all([statement(key), checkouts(key)]).then(() => poll(() => checkouts(key), 3000, $("error"))).catch((e) => {
    if (e.status !== 404) throw e;
    $("balances").textContent = "Card payments are not enabled on this service, so there are no checkouts or statements.";
  });
}

signIn("stratosbridge.api-key", load);
