import { api, el, relative, short, when } from "./api.js";
import { signIn } from "./signin.js";

const rows = (id, items, empty, row) => {
  const body = document.querySelector(`#${id} tbody`);
  body.replaceChildren(...(items.length ? items.map(row) : [el("tr", {}, el("td", { colspan: 6, class: "muted" }, empty))]));
};

async function load(token) {
  const [status, failed, needsOperator, failedCredits, unmatched, dead] = await Promise.all([
    api("/v1/status", { token }),
    api("/v1/admin/source-events/failed?limit=20", { token }),
    api("/v1/admin/credits?status=needs-operator&limit=50", { token }),
    api("/v1/admin/credits?status=failed&limit=50", { token }),
    api("/v1/payments?status=unmatched&limit=50", { token }),
    api("/v1/admin/stripe-events/dead", { token }).catch((e) => ({ events: [], error: e })),
  ]);
  document.getElementById("summary").textContent = `Signed in. Roles ${status.roles}; ledger schema ${status.schema ?? "?"}.`;
  rows("heads", status.chains, "No chain has been watched yet.", (c) => el("tr", { "data-chain": c.chain },
    el("th", { scope: "row" }, c.chain), el("td", {}, String(c.head)), el("td", {}, String(c.finalized ?? "—")),
    el("td", {}, c.finalized == null ? "—" : `${c.head - c.finalized} blocks`), el("td", {}, c.watchedBy), el("td", {}, relative(c.seenAt))));
  const q = status.payments;
  document.getElementById("queues").replaceChildren(
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
  document.getElementById("jobs-counts").textContent =
    `${jobs.enqueued ?? 0} queued, ${jobs.processing ?? 0} running, ${jobs.failed ?? 0} failed, on ${jobs.servers ?? 0} server(s).`;
  if (jobs.dashboard) document.getElementById("jobs-dashboard").href = jobs.dashboard;
  rows("jobs", jobs.recurring ?? [], "No recurring job.", (j) => el("tr", {},
    el("td", {}, j.id), el("td", { class: "mono" }, j.cron),
    el("td", {}, j.lastExecution ? when(j.lastExecution) : "never", j.lastJobState ? el("span", { class: "muted" }, ` ${j.lastJobState}`) : null),
    el("td", {}, j.nextExecution ? when(j.nextExecution) : "", j.error ? el("span", { class: "muted" }, ` ${j.error}`) : null)));
}

signIn("stratosbridge.admin-token", (token) => {
  document.getElementById("refresh").onclick = () => load(token);
  return load(token);
});
