// The browser wallet (EIP-1193: window.ethereum), for pages that send a transaction: connect, be on the right chain, send.

export function hasWallet() { return typeof window.ethereum?.request === "function"; }

/** Asks the wallet for an account (eth_requestAccounts); returns the first, lower-case. */
export async function connect() {
  if (!hasWallet()) throw new Error("No browser wallet was found. Install one (e.g. MetaMask), or pay with the QR code or the link.");
  const accounts = await window.ethereum.request({ method: "eth_requestAccounts" });
  if (!accounts?.length) throw new Error("The wallet shared no account.");
  return accounts[0].toLowerCase();
}

/** Switches the wallet to `chainId` (a number) if it is on another chain (EIP-3326). */
export async function ensureChain(chainId) {
  const current = parseInt(await window.ethereum.request({ method: "eth_chainId" }), 16);
  if (current === chainId) return;
  try {
    await window.ethereum.request({ method: "wallet_switchEthereumChain", params: [{ chainId: "0x" + chainId.toString(16) }] });
  } catch (e) {
    throw new Error(`Switch your wallet to chain ${chainId} and try again (${walletMessage(e)}).`);
  }
}

/** eth_sendTransaction; returns the transaction hash. `value` is a BigInt of wei. */
export async function send({ from, to, data, value }) {
  return await window.ethereum.request({
    method: "eth_sendTransaction",
    params: [{ from, to, data, value: "0x" + (value ?? 0n).toString(16) }],
  });
}

/** Waits until the transaction is mined (eth_getTransactionReceipt through the wallet's node); returns the receipt. */
export async function mined(hash, { within = 300000, every = 1500 } = {}) {
  const deadline = Date.now() + within;
  while (Date.now() < deadline) {
    const receipt = await window.ethereum.request({ method: "eth_getTransactionReceipt", params: [hash] });
    if (receipt) {
      if (receipt.status !== "0x1") throw new Error(`The transaction ${hash} was mined but failed (reverted).`);
      return receipt;
    }
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`The transaction ${hash} is not mined yet. It may still be; check it in your wallet.`);
}

/** A wallet's refusal in words (EIP-1193 4001 = the user said no). */
export function walletMessage(e) {
  if (e?.code === 4001) return "you declined in your wallet";
  return e?.message ?? String(e);
}
