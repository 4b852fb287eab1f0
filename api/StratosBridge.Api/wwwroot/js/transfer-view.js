// One transfer, as the transfer page and the wallet page show it: its stages, the destination transaction, what to do.
import { el, pauseNotice, relative, units, when } from "./api.js";

const stages = [
  ["pending", "Lock seen on the source chain", "Waiting for the block to become final."],
  ["finalized", "Final on the source chain", "Queued for release on the destination chain."],
  ["submitted", "Release sent", "The release transaction is on its way into a block."],
  ["completed", "Completed", "The STOS has arrived."],
];

const badge = { completed: "ok", failed: "bad", orphaned: "warn", delayed: "warn" };

/** The words for the state a transfer is in now, and what its owner can do. */
export function explain(t) {
  switch (t.state) {
    case "pending": {
      const c = t.confirmations;
      const depth = c.current == null ? "its block is not confirmed yet" : `${c.current} of ${c.needed ?? "?"} confirmations`;
      return `Waiting for the source chain to make the lock final: ${depth}${t.eta ? `, expected ${relative(t.eta)}` : ""}. Nothing is released before that.`;
    }
    case "finalized": return t.lastError
      ? `The release is being retried after a refusal (${t.attempts} failed attempt${t.attempts === 1 ? "" : "s"}): ${t.lastError}. Nothing to do: the bridge keeps trying, and operators are alerted if it persists.`
      : "The lock is final. The release on the destination chain is queued and is usually sent within a minute.";
    case "delayed": return t.delay.held
      ? `The release is held by the bridge's safety limits until an operator releases it: ${t.delay.reason}. Your funds are safe in the vault.`
      : `The release is delayed by the bridge's safety limits (${t.delay.reason}); it is released ${relative(t.delay.releaseAt)} (${when(t.delay.releaseAt)}), or earlier by an operator. Your funds are safe in the vault.`;
    case "submitted": return "The release transaction has been sent to the destination chain and is waiting to be mined.";
    case "completed": return "Completed: the same amount of STOS has been released to the recipient.";
    case "orphaned": return "The block with this lock was replaced by a chain reorganisation. If the lock transaction is mined again it shows up here again; if not, your tokens never left your wallet — check it and lock again.";
    case "failed": return `The release failed and was stopped for an operator to check${t.lastError ? `: ${t.lastError}` : ""}. Your funds are safe in the vault. Contact support with this page's link; do not lock again for the same amount.`;
    default: return t.state;
  }
}

/**
 * A transfer as a card; `level` is its "Details" heading's level (one below the heading the card sits under), `explorer`
 * makes a block explorer link for a (chain, tx hash), or null (explorers.js).
 */
export function transferCard(t, level = 2, explorer = () => null) {
  const reached = stages.findIndex(([state]) => state === t.state);
  const list = el("ol", { class: "stages" }, stages.map(([state, title, waiting], i) => {
    const step = [...t.timeline].reverse().find((s) => s.state === state);
    const cls = t.state === "failed" ? (step ? "done" : "") : i < reached || t.state === "completed" ? "done" : i === reached ? "current" : "";
    return el("li", { class: cls, "data-stage": state, "aria-current": i === reached ? "step" : null },
      el("strong", {}, title), " ",
      step ? el("span", { class: "muted" }, `— ${when(step.at)}`) : i === reached ? el("span", { class: "muted" }, `— ${waiting}`) : null,
      state === "pending" && t.state === "pending" && t.confirmations.needed != null
        ? el("div", {}, `${t.confirmations.current ?? 0} of ${t.confirmations.needed} confirmations`) : null);
  }));
  if (t.state === "failed" || t.state === "orphaned") list.append(el("li", { class: "failed current" }, el("strong", {}, t.state === "failed" ? "Stopped for an operator" : "Reorganised away")));
  const dest = t.destination;
  return el("section", { class: "card transfer", "data-state": t.state, "aria-label": `Transfer ${t.id}` },
    el("p", {}, el("span", { class: `badge ${badge[t.state] ?? "info"}`, "data-testid": "transfer-state" }, t.state), " ",
      el("span", { class: "big" }, `${units(t.amount, 18)} STOS`), " ",
      el("span", { class: "muted" }, `${t.source.chain} → ${dest.chain}`)),
    el("p", { class: `notice ${badge[t.state] ?? ""}` }, explain(t)),
    pauseNotice(t.pauses, "Operators have paused the bridge for this transfer's route; it waits and continues once they resume it. Your funds are safe in the vault."),
    list,
    el(`h${level}`, {}, "Details"),
    el("dl", { class: "facts" },
      el("dt", {}, "Recipient"), el("dd", { class: "mono" }, t.recipientStratos, el("br"), el("span", { class: "muted" }, t.recipient)),
      el("dt", {}, "Sender"), el("dd", { class: "mono" }, el("a", { href: `/wallets/${t.sender}` }, t.sender)),
      el("dt", {}, "Source transaction"), el("dd", {}, el("a", { class: "mono", href: `/transfers/${t.source.chain}/${t.source.txHash}` }, t.source.txHash),
        t.source.blockNumber != null ? el("span", { class: "muted" }, ` (block ${t.source.blockNumber})`) : null,
        " ", explorer(t.source.chain, t.source.txHash)),
      el("dt", {}, "Destination transaction"), el("dd", {},
        dest.txHash ? [el("span", { class: "mono", "data-testid": "destination-tx" }, dest.txHash), el("span", { class: "muted" }, ` on ${dest.chain}${dest.blockNumber != null ? `, block ${dest.blockNumber}` : ""}${dest.txStatus ? ` (${dest.txStatus})` : ""}`), " ", explorer(dest.chain, dest.txHash)] : "not sent yet"),
      el("dt", {}, "Started"), el("dd", {}, when(t.createdAt))));
}
