import { api, el, pathArgs, short, showError, when } from "./api.js";
import { transferCard } from "./transfer-view.js";
import { explorerLinks } from "./explorers.js";

const [address] = pathArgs("/wallets/");
document.getElementById("address").textContent = address ?? "";
const error = document.getElementById("error");
const transfers = document.getElementById("transfers");
const credits = document.querySelector("#credits tbody");
const explorer = await explorerLinks();
const base = `/v1/wallets/${encodeURIComponent(address ?? "")}`;

async function page(kind, before, render, button) {
  try {
    const result = await api(`${base}/${kind}?limit=20${before ? `&before=${encodeURIComponent(before)}` : ""}`);
    render(result);
    button.hidden = !result.next;
    button.onclick = () => page(kind, result.next, render, button);
  } catch (e) {
    showError(error, e);
  }
}

let first = true;
page("transfers", null, (result) => {
  if (first) { transfers.replaceChildren(); first = false; }
  if (result.transfers.length === 0 && transfers.childElementCount === 0) transfers.append(el("p", { class: "muted" }, "No bridge transfers from or to this wallet."));
  const t = result.transfers[0];
  if (t && t.recipient.toLowerCase() === (address ?? "").toLowerCase()) document.getElementById("other-form").textContent = ` (${t.recipientStratos})`;
  transfers.append(...result.transfers.map((t) => transferCard(t, 3, explorer)));
}, document.getElementById("more-transfers"));

page("credits", null, (result) => {
  if (result.credits.length === 0 && credits.childElementCount === 0) credits.append(el("tr", {}, el("td", { colspan: 5, class: "muted" }, "No Ozone bought for this wallet.")));
  credits.append(...result.credits.map((c) => el("tr", { "data-state": c.status },
    c.grant
      ? el("td", {}, `free Ozone grant (${c.grant.program})`)
      : el("td", {}, `${c.payment.amount.value} ${c.payment.asset} on ${c.payment.chain}`, el("br"), el("span", { class: "muted mono" }, short(c.payment.txHash))),
    el("td", {}, c.purchasedOz ? `${c.purchasedOz} OZ` : c.quotedOz ? `${c.quotedOz} OZ (quoted)` : "—"),
    el("td", {}, c.status, c.completedAt ? el("span", { class: "muted" }, ` ${when(c.completedAt)}`) : null),
    el("td", { class: "mono" }, c.txHash ? short(c.txHash) : "not sent yet"),
    el("td", {}, c.quoteId ? el("a", { href: `/pay/${c.quoteId}` }, short(c.quoteId)) : "—"))));
}, document.getElementById("more-credits"));
