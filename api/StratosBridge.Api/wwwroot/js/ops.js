import { api, el, relative, short, showError, units, when } from "./api.js";
import { signIn } from "./signin.js";

const $ = (id) => document.getElementById(id);

const rows = (id, items, empty, row) => {
  const body = document.querySelector(`#${id} tbody`);
  const columns = document.querySelectorAll(`#${id} thead th`).length;
  body.replaceChildren(...(items.length ? items.map(row) : [el("tr", {}, el("td", { colspan: columns, class: "muted" }, empty))]));
};

/** Runs one operator action with the "Acting as" name and reason; says what happened, then reloads the page's figures. */
async function act(token, path, body, done) {
  const region = $("action-result");
  try {
    await api(path, { method: "POST", token, body: { operator: $("operator").value.trim(), reason: $("reason").value.trim(), ...body } });
    region.replaceChildren(el("p", {}, done));
    region.className = "notice ok";
    region.hidden = false;
    region.dataset.code = "";
    await load(token);
  } catch (error) {
    showError(region, error);
  }
}

/** A check's figures, one "name value" per line (nested ones as name.key; lists joined), as the API gives them. */
const figures = (numbers, prefix = "") => Object.entries(numbers ?? {}).flatMap(([name, value]) =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? figures(value, `${prefix}${name}.`)
    : [el("div", {}, `${prefix}${name} ${Array.isArray(value) ? value.join(", ") || "—" : value}`)]);

const button = (text, onclick, attributes = {}) => {
  const b = el("button", { type: "button", class: "secondary", ...attributes }, text);
  b.onclick = onclick;
  return b;
};

let chainNames = null;

async function load(token) {
  const [status, failed, needsOperator, failedCredits, unmatched, dead, pauses, delayed, grants] = await Promise.all([
    api("/v1/status", { token }),
    api("/v1/admin/source-events/failed?limit=20", { token }),
    api("/v1/admin/credits?status=needs-operator&limit=50", { token }),
    api("/v1/admin/credits?status=failed&limit=50", { token }),
    api("/v1/payments?status=unmatched&limit=50", { token }),
    api("/v1/admin/stripe-events/dead", { token }).catch((e) => ({ events: [], error: e })),
    api("/v1/admin/pauses", { token }),
    api("/v1/admin/transfers?status=delayed&limit=50", { token }),
    api("/v1/admin/grants", { token }),
  ]);
  if (!chainNames) {
    chainNames = (await api("/v1/chains")).chains.map((c) => c.name);
    $("pause-chain").replaceChildren(el("option", { value: "" }, "—"), ...chainNames.map((n) => el("option", { value: n }, n)));
    $("pause-destination").replaceChildren(el("option", { value: "" }, "—"), ...chainNames.map((n) => el("option", { value: n }, n)));
  }
  $("summary").textContent = `Signed in. Roles ${status.roles}; ledger schema ${status.schema ?? "?"}.`;
  rows("heads", status.chains, "No chain has been watched yet.", (c) => el("tr", { "data-chain": c.chain },
    el("th", { scope: "row" }, c.chain), el("td", {}, String(c.head)), el("td", {}, String(c.finalized ?? "—")),
    el("td", {}, c.finalized == null ? "—" : `${c.head - c.finalized} blocks`), el("td", {}, c.watchedBy), el("td", {}, relative(c.seenAt))));
  const q = status.payments;
  $("queues").replaceChildren(
    ...Object.entries(status.transfersByStatus).flatMap(([s, n]) => [el("dt", {}, `Transfers ${s}`), el("dd", {}, String(n))]),
    el("dt", {}, "Unmatched payments"), el("dd", {}, String(q.unmatchedPayments)),
    el("dt", {}, "Open credits"), el("dd", {}, `${q.openCredits}${q.oldestOpenCreditSince ? `, oldest since ${when(q.oldestOpenCreditSince)}` : ""}`),
    el("dt", {}, "Failed credits"), el("dd", {}, String(q.failedCredits)),
    el("dt", {}, "Failed source events"), el("dd", {}, String(status.failedSourceEvents.count)));
  rows("failed-events", failed.events, "None.", (e) => el("tr", {},
    el("td", {}, when(e.observedAt)), el("td", { class: "mono" }, `${e.chain} `, el("a", { href: `/transfers/${e.chain}/${e.txHash}` }, short(e.txHash))),
    el("td", {}, e.kind), el("td", {}, e.reason)));
  rows("parked", [...needsOperator.credits, ...failedCredits.credits], "None.", (c) => el("tr", { "data-state": c.status },
    el("td", {}, `#${c.id}`), el("td", {}, c.status), el("td", { class: "mono" }, el("a", { href: `/pay/${c.quoteId}` }, short(c.quoteId))),
    el("td", {}, c.lastError ?? "")));
  rows("unmatched", unmatched.payments, "None.", (p) => el("tr", {},
    el("td", {}, `${p.amount.value} ${p.asset}`), el("td", { class: "mono" }, `${p.chain} ${short(p.txHash)}`),
    el("td", {}, p.outcome ?? p.status), el("td", {}, p.note ?? "")));
  rows("dead-stripe", dead.events, dead.error ? `Cannot read: ${dead.error.message}` : "None.", (e) => el("tr", {},
    el("td", { class: "mono" }, e.id), el("td", {}, e.type), el("td", {}, String(e.attempts)), el("td", {}, e.lastError ?? "")));
  const jobs = status.jobs ?? { recurring: [] };
  $("jobs-counts").textContent =
    `${jobs.enqueued ?? 0} queued, ${jobs.processing ?? 0} running, ${jobs.failed ?? 0} failed, on ${jobs.servers ?? 0} server(s).`;
  if (jobs.dashboard) $("jobs-dashboard").href = jobs.dashboard;
  rows("jobs", jobs.recurring ?? [], "No recurring job.", (j) => el("tr", {},
    el("td", {}, j.id), el("td", { class: "mono" }, j.cron),
    el("td", {}, j.lastExecution ? when(j.lastExecution) : "never", j.lastJobState ? el("span", { class: "muted" }, ` ${j.lastJobState}`) : null),
    el("td", {}, j.nextExecution ? when(j.nextExecution) : "", j.error ? el("span", { class: "muted" }, ` ${j.error}`) : null)));

  rows("pauses", pauses.pauses, "Nothing has been paused.", (p) => el("tr", { "data-pause": p.id, "data-in-force": String(p.inForce) },
    el("th", { scope: "row" }, p.covers, p.inForce ? [" ", el("span", { class: "badge warn" }, "in force")] : null),
    el("td", {}, `${when(p.pausedAt)} by ${p.pausedBy}`), el("td", {}, p.reason),
    el("td", {}, p.resumedAt ? `${when(p.resumedAt)} by ${p.resumedBy}: ${p.resumeReason ?? ""}` : "—"),
    el("td", {}, p.inForce && p.origin !== "on-chain"
      ? button("Resume", () => act(token, `/v1/admin/pauses/${p.id}/resume`, {}, `Resumed: ${p.covers}.`), { "aria-label": `Resume ${p.covers}` })
      : p.inForce ? el("span", { class: "muted" }, "resumes when the contract is unpaused on-chain") : null)));
  rows("reconciliation", status.reconciliation ?? [], "No check has run yet.", (c) => el("tr", { "data-check": c.check },
    el("th", { scope: "row" }, c.check), el("td", {}, el("span", { class: `badge ${c.ok ? "ok" : "bad"}` }, c.ok ? "ok" : "breach")),
    el("td", { class: "mono" }, c.difference), el("td", { class: "mono" }, c.rule === "shortfall" ? `≤ ${c.accepted}` : c.accepted),
    el("td", { class: "figures" }, figures(c.numbers)), el("td", {}, relative(c.checkedAt)),
    el("td", {}, c.note ?? "")));
  rows("delayed", delayed.transfers, "No transfer is held back.", (t) => el("tr", { "data-transfer": t.id },
    el("th", { scope: "row" }, el("a", { href: `/transfers/${t.source.chain}/${t.source.txHash}` }, `#${t.id}`)),
    el("td", {}, `${t.source.chain} → ${t.destination.chain}`), el("td", {}, `${units(t.amount, 18)} STOS`),
    el("td", {}, t.delay?.held ? "held until an operator releases it" : t.delay?.releaseAt ? `${relative(t.delay.releaseAt)} (${when(t.delay.releaseAt)})` : "—"),
    el("td", {}, t.delay?.reason ?? ""),
    el("td", {},
      button("Release now", () => act(token, `/v1/admin/transfers/${t.id}/release`, {}, `Release of transfer ${t.id} asked; it is relayed within a round.`), { "aria-label": `Release transfer ${t.id} now` }), " ",
      button("Hold", () => act(token, `/v1/admin/transfers/${t.id}/hold`, {}, `Transfer ${t.id} held until an operator releases it.`), { "aria-label": `Hold transfer ${t.id}` }), " ",
      button("+24 h", () => act(token, `/v1/admin/transfers/${t.id}/extend`, { hours: 24 }, `Transfer ${t.id} waits 24 h more.`), { "aria-label": `Delay transfer ${t.id} 24 h more` }))));
  rows("grants", grants.programs, "No grant program.", (g) => el("tr", { "data-program": g.id },
    el("th", { scope: "row" }, g.name, el("span", { class: "muted" }, ` ${g.id}`)),
    el("td", {}, g.status, el("span", { class: "muted" }, ` ${when(g.startsAt)} – ${when(g.endsAt)}`)),
    el("td", {}, g.gbPerClaim ? `${g.gbPerClaim} GB` : `${g.nozPerClaim} noz`),
    el("td", {}, `${units(g.leftWei, 18)} of ${units(g.budgetWei, 18)} STOS`), el("td", {}, `${units(g.leftTodayWei, 18)} STOS`),
    el("td", {}, String(g.claimsToday))));
}

signIn("stratosbridge.admin-token", (token) => {
  $("refresh").onclick = () => load(token);
  $("pause-form").onsubmit = (event) => {
    event.preventDefault();
    const scope = $("pause-scope").value;
    act(token, "/v1/admin/pauses", { scope, chain: $("pause-chain").value || null, destination: $("pause-destination").value || null },
      `Paused (${scope}); the workers stop within one round.`);
  };
  return load(token);
});
