// The pages' one way to call the JSON API: fetch, and an RFC 7807 problem turned into a sentence a person can act on.

/** What each stable API error code means, in words; the API's own detail follows when it adds something. */
const sentences = {
  "unsupported-chain": "That chain is not one this bridge serves.",
  "invalid-tx-hash": "That is not a transaction hash: it should be 0x followed by 64 hexadecimal characters.",
  "transfer-not-found": "No transfer from that transaction has been seen yet. A lock appears here once its block has been read; check the chain and the hash, then wait a minute.",
  "invalid-address": "That is not a wallet address: use a Stratos st1… address or a 0x… address of 40 hexadecimal characters.",
  "invalid-limit": "The page size asked for is not allowed.",
  "quote-not-found": "There is no such quote. Check the link you were given.",
  "no-payment-uri": "This quote is paid by card, so it has no wallet link or QR code.",
  "rate-limited": "Too many requests from your connection. Wait a moment; the page will try again.",
  "invalid-beneficiary": "The Stratos wallet to credit is not a valid address.",
  "unsupported-asset": "That coin cannot be used to pay.",
  "invalid-amount": "That amount is not valid.",
  "ozone-supply-exceeded": "The network does not have that much Ozone for sale right now. Try a smaller amount.",
  "price-unavailable": "Prices cannot be read right now. Try again in a minute.",
  "price-sources-disagree": "Price sources disagree right now, so no rate can be locked. Try again in a minute.",
  "ozone-price-unavailable": "The Ozone price cannot be read from Stratos right now. Try again in a minute.",
  "admin-token-required": "This needs an operator's admin token.",
  "invalid-admin-token": "That admin token was not accepted.",
  "admin-disabled": "Operator access is switched off on this service.",
  "api-key-required": "This needs your business API key.",
  "invalid-api-key": "That API key was not accepted.",
  "api-key-revoked": "That API key has been revoked. Ask for a new one.",
  "account-on-hold": "Your account is on hold. Contact support.",
  "monthly-limit-exceeded": "This would go over your account's monthly limit.",
  "amount-too-small": "That amount is below the smallest payment accepted.",
  "invalid-json": "The request was not understood (invalid JSON).",
  "ledger-unavailable": "The service cannot read its records right now. Try again shortly.",
  "business-account-required": "Buying Ozone by card needs a business account; this is a dApp account.",
  "invalid-webhook-url": "That webhook address cannot be used: it must be https and reachable on the internet.",
  "unknown-event-type": "Choose at least one event to receive.",
  "webhook-not-found": "That webhook endpoint no longer exists. Reload the page.",
  "delivery-not-found": "That delivery no longer exists. Reload the page.",
  "key-in-use": "You are signed in with that key: sign in with another key to revoke it.",
  "key-not-found": "That API key no longer exists. Reload the page.",
  "invalid-label": "That label is too long or has control characters.",
  "paused": "This is paused by the bridge's operators right now. Try again later.",
  "invalid-pause": "Say who you are and why, in \"Acting as\", before pausing or resuming.",
  "invalid-pause-scope": "Choose what to pause.",
  "invalid-pause-chain": "Choose a chain this bridge serves (credits: one that takes payments, or none for all).",
  "invalid-pause-route": "Choose a route this bridge serves: a source chain and a destination chain.",
  "already-paused": "That is paused already.",
  "pause-not-in-force": "That pause was resumed already. Reload the page.",
  "pause-on-chain": "This pause follows the contract's own pause: unpause the contract on-chain, and the bridge resumes by itself.",
  "invalid-transfer-action": "Say who you are and why, in \"Acting as\", before acting on a transfer.",
  "transfer-state": "That transfer has moved on meanwhile. Reload the page.",
};

/** An error from the API (or the network) with a sentence for people and the code for tests and support. */
export class ApiError extends Error {
  constructor(sentence, code, status, detail) {
    super(sentence);
    this.code = code; this.status = status; this.detail = detail;
  }
}

export function sentenceFor(problem, status) {
  const known = problem?.code && sentences[problem.code];
  if (known) return known;
  if (problem?.title) return problem.title + ".";
  return status >= 500 ? "The service could not answer. Try again shortly." : `The request failed (HTTP ${status}).`;
}

/** GET (or another method with a JSON body) → the parsed JSON; any refusal → ApiError. */
export async function api(path, { method = "GET", body, token, headers = {} } = {}) {
  const init = { method, headers: { Accept: "application/json", ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError("The service cannot be reached. Check your connection; the page keeps trying.", "network", 0, null);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!response.ok) throw new ApiError(sentenceFor(json, response.status), json?.code ?? `http-${response.status}`, response.status, json?.detail ?? null);
  return json ?? text;
}

/** Shows an error in a region (role=alert): the sentence, and the API's detail in smaller print. */
export function showError(region, error) {
  region.replaceChildren();
  region.hidden = false;
  region.className = "notice bad";
  region.append(el("p", {}, error.message ?? String(error)));
  if (error.detail) region.append(el("p", { class: "muted" }, `Details: ${error.detail}`));
  if (error.code) region.dataset.code = error.code;
}

/** A small element builder: el("a", {href}, "text", child…). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value; else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Base units (a string of digits) as a decimal of whole units, exactly ("1500000000000000000", 18 → "1.5"). */
export function units(baseUnits, decimals) {
  const negative = String(baseUnits).startsWith("-");
  const digits = String(baseUnits).replace("-", "").padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return (negative ? "-" : "") + whole + (fraction ? "." + fraction : "");
}

/** A decimal of whole units as base units (BigInt), exactly; null if the text is not such a number. */
export function toBaseUnits(text, decimals) {
  const match = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(text ?? "");
  if (!match || (match[2] ?? "").length > decimals) return null;
  return BigInt(match[1] + (match[2] ?? "").padEnd(decimals, "0"));
}

export const when = (iso) => iso ? new Date(iso).toLocaleString() : "—";

/** "in 4 min 10 s" / "4 min 10 s ago" from now to an instant. */
export function relative(iso) {
  const ms = new Date(iso).getTime() - Date.now();
  const s = Math.round(Math.abs(ms) / 1000);
  const text = s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
    : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

/** The pauses in force that hold something (each one's message: who paused it, since when, why), after `lead`; null if none. */
export function pauseNotice(pauses, lead) {
  if (!pauses?.length) return null;
  return el("div", { class: "notice warn", "data-testid": "pauses", role: "status" },
    el("p", {}, lead), el("ul", {}, pauses.map((p) => el("li", {}, p.message))));
}

export const short = (hash) => hash && hash.length > 18 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash;

/** The path segments after a page's prefix: /pay/0xabc → ["0xabc"]. */
export function pathArgs(prefix) {
  return location.pathname.slice(prefix.length).split("/").filter(Boolean).map(decodeURIComponent);
}

/** Calls `load` now and every `ms` until it returns true (done); shows errors in `region` and keeps polling. */
export function poll(load, ms, region) {
  let timer = null;
  const tick = async () => {
    try {
      const done = await load();
      if (region) region.hidden = true;
      if (done) return;
    } catch (error) {
      if (region) showError(region, error);
      // a wrong link does not fix itself; a transfer not seen yet does, once the watcher reads its block
      if (error.status === 422 || (error.status === 404 && error.code !== "transfer-not-found")) return;
    }
    timer = setTimeout(tick, ms);
  };
  tick();
  return () => clearTimeout(timer);
}
