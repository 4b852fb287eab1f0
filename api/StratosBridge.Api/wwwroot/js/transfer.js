import { api, el, pathArgs, poll } from "./api.js";
import { transferCard } from "./transfer-view.js";
import { explorerLinks } from "./explorers.js";

const [chain, tx] = pathArgs("/transfers/");
document.getElementById("source-tx").textContent = tx ?? "";
document.getElementById("source-chain").textContent = chain ?? "";
const region = document.getElementById("transfers");
const failed = document.getElementById("failed");
const explorer = await explorerLinks();

poll(async () => {
  const list = await api(`/v1/transfers/${encodeURIComponent(chain ?? "")}/${encodeURIComponent(tx ?? "")}`);
  region.replaceChildren(...list.transfers.map((t) => transferCard(t, 2, explorer)));
  failed.replaceChildren(...list.failedEvents.map((f) => el("section", { class: "notice bad", "data-state": "failed-source-event" },
    el("p", {}, el("strong", {}, "A log in this transaction could not be read as a lock or a payment. "), "Nothing was started from it."),
    el("p", { class: "muted" }, `Reason: ${f.reason}`),
    el("p", {}, "Operators have been shown this event. If you sent tokens in this transaction, contact support with this page's link."))));
  const open = list.transfers.some((t) => !["completed", "failed"].includes(t.state));
  return !open && list.transfers.length > 0;
}, 3000, document.getElementById("error"));
