import { api, el, pathArgs, pauseNotice, poll, relative, short, toBaseUnits, when } from "./api.js";
import { connect, ensureChain, hasWallet, mined, send, walletMessage } from "./eip1193.js";

const [quoteId] = pathArgs("/pay/");
const $ = (id) => document.getElementById(id);
let quote = null;

/** The quote's one-word state (settlement.state) in a sentence. */
function stateSentence(q) {
  const s = q.settlement;
  const final = s.payments.find((p) => p.credit?.status === "completed");
  switch (s.state) {
    case "awaiting-payment": return "Waiting for your payment.";
    case "expired": return `No payment yet, and the locked rate has expired. A payment that still arrives before ${when(q.monitorUntil)} is credited at the rates of that moment; otherwise ask for a new quote.`;
    case "payment-pending-finality": {
      const p = s.payments.find((x) => x.status === "pending");
      const c = p?.confirmations;
      return `Payment seen: waiting for ${q.chain} to make it final${c?.needed != null ? ` (${c.current ?? 0} of ${c.needed} confirmations${p.eta ? `, expected ${relative(p.eta)}` : ""})` : ""}. Nothing more to do.`;
    }
    case "crediting": return "Payment final. The Ozone is being bought on Stratos for the beneficiary.";
    case "credited": return `Credited: ${final?.credit.purchasedOz ?? "the"} OZ bought for ${q.beneficiary.bech32}.`;
    case "credit-failed": return "The payment arrived, but buying the Ozone on Stratos failed. Operators have been alerted and will credit it or refund you; keep this page's link.";
    case "unmatched": return "A payment arrived, but it cannot be credited automatically (see below). Operators will refund it or credit it by hand; keep this page's link.";
    default: return s.state;
  }
}

/** What the matcher decided about one payment, in words. */
function outcomeSentence(q, p) {
  const paid = `${p.amount.value} ${p.asset}`;
  const due = q.amountDue ? `${q.amountDue.value} ${q.payAsset}` : null;
  const bought = p.credit?.purchasedOz ? `${p.credit.purchasedOz} OZ` : "Ozone";
  switch (p.outcome) {
    case "paid": return `Paid in full: ${paid}.`;
    case "under-paid": return `Under-paid: you sent ${paid}, but ${due} was due. What you sent buys its share at the locked rate (${bought} of the ${q.oz} OZ quoted), and that is credited. For the rest, ask for a new quote.`;
    case "over-paid": return `Over-paid: you sent ${paid} for ${due} due. The quoted Ozone is credited at the locked rate, and the extra is converted at the rate of the moment it arrived: ${bought} in all. Nothing is lost.`;
    case "late": return `Paid after the rate lock ended (${when(q.expiresAt)}): the payment is converted at the rates of the moment it arrived, ${bought}.`;
    case "duplicate": return `This quote was already paid, so this second payment of ${paid} was not credited. Operators will refund it.`;
    case "quote-expired": return `This payment of ${paid} arrived after the quote's 24-hour window ended (${when(q.monitorUntil)}), so it was not credited. Operators will refund it.`;
    case "wrong-chain": return `This payment was made on ${p.chain} in ${p.asset}; the quote is payable in ${q.payAsset} on ${q.chain}. Operators will refund it.`;
    case "wrong-beneficiary": return "This payment names another beneficiary than the quote, so it was not credited. Operators will look at it.";
    case "too-small": return `This payment of ${paid} is too small to buy any Ozone. Operators will refund it.`;
    case null: case undefined: return p.status === "pending" ? `Seen: ${paid}, waiting for finality.` : `Received: ${paid}.`;
    default: return `${p.outcome}: ${p.note ?? ""}`;
  }
}

function renderPayments(q) {
  $("payments").replaceChildren(...q.settlement.payments.map((p) => el("div", { class: `notice ${p.outcome === "paid" ? "ok" : p.outcome ? "warn" : ""}`, "data-outcome": p.outcome ?? p.status },
    el("p", {}, outcomeSentence(q, p)),
    el("dl", { class: "facts" },
      el("dt", {}, "Payment"), el("dd", {}, el("span", { class: "mono" }, p.txHash), el("span", { class: "muted" }, ` on ${p.chain}${p.blockNumber != null ? `, block ${p.blockNumber}` : ""}`)),
      p.credit ? [el("dt", {}, "Ozone purchase"), el("dd", {}, `${p.credit.status}`, p.credit.txHash ? el("span", { class: "mono" }, ` — Stratos tx ${short(p.credit.txHash)}`) : null)] : null))));
}

function renderStatic(q) {
  const due = q.amountDue;
  $("amount").textContent = due ? `${due.value} ${q.payAsset}` : `Any amount of ${q.payAsset}`;
  $("buys").textContent = q.oz
    ? `${q.oz} OZ of Ozone (${q.noz} noz)${q.gb ? `, about ${q.gb} GB` : ""} — storage traffic on Stratos`
    : "as much Ozone as the payment buys at the locked rate";
  $("beneficiary").replaceChildren(q.beneficiary.bech32, el("br"), el("span", { class: "muted" }, q.beneficiary.hex));
  $("rate").textContent = `1 STOS = ${q.rates.assetPerStos} ${q.payAsset} (STOS ${q.rates.stosUsd} USD, ${q.payAsset} ${q.rates.assetUsd} USD)`;
  $("expires").textContent = when(q.expiresAt);
  const pay = q.payment;
  if (pay.card) {
    $("how-text").textContent = "This quote is paid by card, through the business console.";
    $("uri").closest("p").hidden = true;
    return;
  }
  if (pay.qr) { $("qr").src = pay.qr.svg; $("qr").hidden = false; }
  $("uri").value = pay.uri ?? "";
  $("open").href = pay.uri ?? "#";
  $("how-text").textContent = pay.evm
    ? `Scan the code with a wallet app, or open the link: it calls the payment contract ${pay.evm.contract} on ${q.chain} with the quote's id${pay.evm.value ? ` and ${due.value} ${q.payAsset}` : ""}. A plain transfer to the contract is refused: use the link, the code or the button.`
    : `Scan the code with a Solana Pay wallet, or open the link: it sends ${due ? due.value : "any amount of"} SOL to ${pay.solana.recipient} carrying this quote's reference.`;
  if (pay.evm) {
    $("wallet-pay").hidden = false;
    if (!pay.evm.value) { $("open-amount-row").hidden = false; $("open-amount-unit").textContent = `(${q.payAsset})`; }
    if (!hasWallet()) { $("pay-with-wallet").disabled = true; $("wallet-status").textContent = "No browser wallet found: use the code or the link."; }
  }
}

$("copy").addEventListener("click", async () => {
  await navigator.clipboard?.writeText($("uri").value);
  $("copy").textContent = "Copied";
});

$("pay-with-wallet").addEventListener("click", async () => {
  const evm = quote.payment.evm;
  const status = $("wallet-status");
  const button = $("pay-with-wallet");
  let value = evm.value ? BigInt(evm.value) : toBaseUnits($("open-amount").value, 18);
  if (value === null || value <= 0n) { status.textContent = "Enter the amount to send, e.g. 0.01."; $("open-amount").focus(); return; }
  button.disabled = true;
  try {
    status.textContent = "Confirm in your wallet…";
    const from = await connect();
    await ensureChain(evm.chainId);
    const hash = await send({ from, to: evm.contract, data: evm.calldata, value });
    status.replaceChildren("Sent: ", el("span", { class: "mono", "data-testid": "payment-tx" }, hash), ". Waiting for it to be mined…");
    await mined(hash);
    status.replaceChildren("Mined: ", el("span", { class: "mono", "data-testid": "payment-tx" }, hash), ". The status above follows it to the credit.");
  } catch (e) {
    status.textContent = `Not paid: ${walletMessage(e)}`;
    button.disabled = false;
  }
});

setInterval(() => {
  if (!quote) return;
  if (["credited", "crediting", "payment-pending-finality"].includes(quote.settlement.state)) { $("countdown").textContent = ""; return; }
  const left = new Date(quote.expiresAt).getTime() - Date.now();
  $("countdown").textContent = left > 0 ? `(${relative(quote.expiresAt).replace("in ", "")} left)` : "(expired: a late payment is converted at the rates of when it arrives)";
}, 1000);

poll(async () => {
  const q = await api(`/v1/quotes/${encodeURIComponent(quoteId ?? "")}`);
  if (!quote) renderStatic(q);
  quote = q;
  $("quote").hidden = false;
  $("status").textContent = stateSentence(q);
  $("status").dataset.state = q.settlement.state;
  renderPayments(q);
  $("pauses").replaceChildren(pauseNotice(q.pauses, "Buying Ozone for payments in this coin is paused by the operators: a payment is recorded and credited once they resume.") ?? "");
  if (["credited", "credit-failed", "unmatched"].includes(q.settlement.state)) $("how").hidden = true;
  // done once every credit is settled and what it bought is known (read from Stratos a little after the prepay is mined)
  return q.settlement.state === "credited" && q.settlement.payments.every((p) => p.credit?.status !== "ready" && p.credit?.status !== "submitted"
    && (p.credit?.status !== "completed" || p.credit.purchasedOz));
}, 2500, $("error"));
