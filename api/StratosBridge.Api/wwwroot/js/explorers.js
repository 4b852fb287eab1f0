// Block explorer links for transaction hashes, from GET /v1/chains (explorerTxUrl, configured as Pages:Explorers).
import { api, el } from "./api.js";

/** Loads the chains once; returns (chain, hash) → an "explorer" link, or null where none is configured. */
export async function explorerLinks() {
  let templates = new Map();
  try {
    templates = new Map((await api("/v1/chains")).chains.filter((c) => c.explorerTxUrl).map((c) => [c.name, c.explorerTxUrl]));
  } catch { /* links are a convenience: the page works without them */ }
  return (chain, hash) => templates.has(chain) && hash
    ? el("a", { href: templates.get(chain).replace("{tx}", hash), rel: "noopener", "data-explorer": chain }, `view on ${chain}'s explorer`)
    : null;
}
