import { api, el, pauseNotice, poll, relative } from "./api.js";

const body = document.querySelector("#chains tbody");
const overall = document.getElementById("overall");
const chainSelect = document.getElementById("lookup-chain");
let known = [];

async function load() {
  const [status, chains] = await Promise.all([api("/v1/status"), api("/v1/chains")]);
  const state = new Map(status.chains.map((c) => [c.chain, c]));
  known = chains.chains.map((c) => c.name);
  if (chainSelect.options.length === 0) {
    for (const c of chains.chains.filter((c) => Object.keys(c.contracts.vaults ?? {}).length > 0 || c.contracts.ozonePayments)) {
      chainSelect.append(el("option", { value: c.name }, c.name));
    }
  }
  overall.textContent = status.status === "ok" ? "Every watched chain is up."
    : status.status === "paused" ? "Part of the bridge is paused by its operators (below); the rest works."
    : "Some chains are down: transfers from them wait until they are back.";
  document.getElementById("pauses").replaceChildren(pauseNotice(status.pauses, "Paused now:") ?? "");
  body.replaceChildren(...chains.chains.map((c) => {
    const s = state.get(c.name);
    const up = s?.status === "up";
    return el("tr", { "data-chain": c.name },
      el("th", { scope: "row" }, c.name, el("span", { class: "muted" }, ` (id ${c.chainId})`)),
      el("td", {}, el("span", { class: `badge ${s ? (up ? "ok" : "bad") : "warn"}` }, s ? s.status : "not watched yet")),
      el("td", {}, String(c.head ?? "—")),
      el("td", {}, String(c.finalized ?? "—")),
      el("td", {}, c.finality.policy === "confirmations" ? `${c.finality.confirmations} confirmations` : "the chain's finalized block"),
      el("td", {}, s ? relative(s.seenAt) : "—"));
  }));
  return false;
}

poll(load, 10000, document.getElementById("chains-error"));

const input = document.getElementById("lookup-input");
const error = document.getElementById("lookup-error");
input.addEventListener("input", () => {
  document.getElementById("lookup-chain-row").hidden = !/^0x[0-9a-fA-F]{64}$/.test(input.value.trim());
});
document.getElementById("lookup").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = input.value.trim();
  error.textContent = "";
  if (/^0x[0-9a-fA-F]{64}$/.test(q)) location.href = `/transfers/${encodeURIComponent(chainSelect.value)}/${q}`;
  else if (/^0x[0-9a-fA-F]{40}$/.test(q) || /^st1[02-9ac-hj-np-z]{38}$/.test(q.toLowerCase())) location.href = `/wallets/${q}`;
  else error.textContent = "Enter a transaction hash (0x + 64 hexadecimal characters) or a wallet address (st1… or 0x… with 40 hexadecimal characters).";
});
