// /bridge: connect an EIP-1193 wallet, check amount and recipient as the API does, approve then lock on the source vault.
import { api, el, showError } from "./api.js";
import {
  bech32, createPublicClient, createWalletClient, custom, formatUnits, getAddress, isAddress, parseAbi, parseUnits,
  BaseError, ContractFunctionRevertedError, UserRejectedRequestError,
} from "./vendor/wallet.js";
import { hasWallet } from "./eip1193.js";

const $ = (id) => document.getElementById(id);
const vaultAbi = parseAbi([
  "function lock(uint256 amount, address recipient) payable",
  "function minLock() view returns (uint256)",
  "function maxLock() view returns (uint256)",
  "function paused() view returns (bool)",
  "error LockBelowMinimum(uint256 amount, uint256 minLock)",
  "error LockAboveMaximum(uint256 amount, uint256 maxLock)",
  "error EnforcedPause()",
  "error ZeroRecipient()",
  "error RecipientIsVault()",
  "error ZeroAmount()",
  "error NativeValueMismatch(uint256 value, uint256 amount)",
]);
const tokenAbi = parseAbi([
  "function approve(address spender, uint256 value) returns (bool)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function balanceOf(address account) view returns (uint256)",
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
]);
const revertSentences = {
  LockBelowMinimum: "The amount is below the vault's minimum lock.",
  LockAboveMaximum: "The amount is above the vault's maximum lock.",
  EnforcedPause: "The bridge vault is paused: no lock is possible now. Try again later.",
  ZeroRecipient: "The recipient cannot be the zero address.",
  RecipientIsVault: "The recipient cannot be a bridge vault.",
  ERC20InsufficientBalance: "Your wallet does not hold that much STOS.",
};

let routes = [];
let account = null;
let limits = null;

/** A recipient as the API reads it (WalletAddress): bech32 st1… of 20 bytes, or 0x… (mixed case must pass EIP-55). */
export function parseRecipient(text) {
  const t = text.trim();
  if (!t) return { error: "Enter the recipient's address (st1… or 0x…)." };
  let hex;
  if (/^st1/i.test(t)) {
    try {
      const decoded = bech32.decode(t);
      const bytes = bech32.fromWords(decoded.words);
      if (decoded.prefix !== "st") return { error: "A Stratos address starts with st1." };
      if (bytes.length !== 20) return { error: `A Stratos address holds 20 bytes; this one holds ${bytes.length}.` };
      hex = "0x" + bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
    } catch {
      return { error: "That st1… address is not valid: a character is wrong or missing (its checksum fails)." };
    }
  } else if (/^0x[0-9a-fA-F]{40}$/.test(t)) {
    if (!isAddress(t)) return { error: "That 0x… address mixes upper and lower case that does not match its checksum: check it, or write it in lower case." };
    hex = t;
  } else {
    return { error: "That is not an address: use st1… or 0x followed by 40 hexadecimal characters." };
  }
  if (/^0x0{40}$/.test(hex)) return { error: "The zero address cannot receive STOS." };
  const address = getAddress(hex);
  const words = bech32.toWords(Array.from(address.slice(2).match(/../g), (h) => parseInt(h, 16)));
  return { address, stratos: bech32.encode("st", words) };
}

function route() { return routes[Number($("route").value)]; }

function clients() {
  const r = route();
  const chain = { id: r.chainId, name: r.source, nativeCurrency: { name: r.native ? "STOS" : "coin", symbol: r.native ? "STOS" : "ETH", decimals: 18 }, rpcUrls: { default: { http: [] } } };
  const transport = custom(window.ethereum);
  return { chain, read: createPublicClient({ chain, transport }), write: createWalletClient({ chain, transport }) };
}

function words(e) {
  if (e instanceof BaseError) {
    if (e.walk((x) => x instanceof UserRejectedRequestError)) return "You declined in your wallet.";
    const revert = e.walk((x) => x instanceof ContractFunctionRevertedError);
    const name = revert?.data?.errorName;
    if (name && revertSentences[name]) return revertSentences[name];
    return e.shortMessage;
  }
  return e?.code === 4001 ? "You declined in your wallet." : (e?.message ?? String(e));
}

async function switchChain() {
  const r = route();
  const current = parseInt(await window.ethereum.request({ method: "eth_chainId" }), 16);
  if (current !== r.chainId) {
    await window.ethereum.request({ method: "wallet_switchEthereumChain", params: [{ chainId: "0x" + r.chainId.toString(16) }] });
  }
}

async function readLimits() {
  if (!account) return;
  const r = route();
  await switchChain();
  const { read } = clients();
  const [min, max, paused, balance] = await Promise.all([
    read.readContract({ address: r.vault, abi: vaultAbi, functionName: "minLock" }),
    read.readContract({ address: r.vault, abi: vaultAbi, functionName: "maxLock" }),
    read.readContract({ address: r.vault, abi: vaultAbi, functionName: "paused" }),
    r.native ? read.getBalance({ address: account }) : read.readContract({ address: r.token, abi: tokenAbi, functionName: "balanceOf", args: [account] }),
  ]);
  limits = { min, max, paused, balance };
  $("limits").textContent = paused
    ? "The vault is paused: locks are refused until it is resumed."
    : `Lock at least ${formatUnits(min, 18)} and at most ${formatUnits(max, 18)} STOS at a time. Your balance: ${formatUnits(balance, 18)} STOS. No bridge fee; you pay the network's gas.`;
  validate();
}

function validate() {
  const amountText = $("amount").value;
  let amount = null, amountError = "";
  if (amountText.trim()) {
    try { amount = parseUnits(amountText.trim(), 18); } catch { amount = null; }
    if (amount === null || amount <= 0n || !/^\s*\d+(\.\d{1,18})?\s*$/.test(amountText)) amountError = "Enter an amount such as 12.5 (at most 18 decimals).";
    else if (limits && amount < limits.min) amountError = `The minimum is ${formatUnits(limits.min, 18)} STOS.`;
    else if (limits && amount > limits.max) amountError = `The maximum is ${formatUnits(limits.max, 18)} STOS per lock.`;
    else if (limits && amount > limits.balance) amountError = `Your balance is ${formatUnits(limits.balance, 18)} STOS.`;
  }
  $("amount-error").textContent = amountError;
  $("amount").setAttribute("aria-invalid", amountError ? "true" : "false");
  const recipient = $("recipient").value.trim() ? parseRecipient($("recipient").value) : null;
  $("recipient-error").textContent = recipient?.error ?? "";
  $("recipient").setAttribute("aria-invalid", recipient?.error ? "true" : "false");
  $("recipient-forms").textContent = recipient?.address ? `Stratos: ${recipient.stratos} · EVM: ${recipient.address}` : "";
  const ok = account && limits && !limits.paused && amount && !amountError && recipient?.address;
  $("submit").disabled = !ok;
  return ok ? { amount, recipient: recipient.address } : null;
}

function step(text, state = "current") {
  const li = el("li", { class: state }, text);
  $("steps").append(li);
  return li;
}

async function lock(event) {
  event.preventDefault();
  const input = validate();
  if (!input) return;
  const r = route();
  $("submit").disabled = true;
  $("steps").replaceChildren();
  try {
    await switchChain();
    const { chain, read, write } = clients();
    if (!r.native) {
      const allowance = await read.readContract({ address: r.token, abi: tokenAbi, functionName: "allowance", args: [account, r.vault] });
      if (allowance < input.amount) {
        const s = step("1. Approve the vault to take the amount — confirm in your wallet…");
        const hash = await write.writeContract({ account, chain, address: r.token, abi: tokenAbi, functionName: "approve", args: [r.vault, input.amount] });
        s.textContent = `1. Approval sent (${hash}), waiting for it to be mined…`;
        const receipt = await read.waitForTransactionReceipt({ hash });
        if (receipt.status !== "success") throw new Error("The approval failed on-chain.");
        s.className = "done"; s.textContent = "1. Approved.";
      } else {
        step("1. Already approved for this amount.", "done");
      }
    }
    const s = step("2. Lock — confirm in your wallet…");
    const hash = await write.writeContract({ account, chain, address: r.vault, abi: vaultAbi, functionName: "lock", args: [input.amount, input.recipient], value: r.native ? input.amount : 0n });
    const link = `/transfers/${r.source}/${hash}`;
    s.replaceChildren("2. Lock sent: ", el("a", { href: link, class: "mono", "data-testid": "lock-tx" }, hash), ". Waiting for it to be mined…");
    const receipt = await read.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error("The lock failed on-chain.");
    s.className = "done";
    step(el("span", {}, "Locked. Follow the transfer (keep this link): ", el("a", { href: link }, link)), "done");
    location.assign(link);
  } catch (e) {
    step(`Stopped: ${words(e)}`, "failed");
    $("submit").disabled = false;
  }
}

async function start() {
  try {
    const chains = (await api("/v1/chains")).chains;
    const byName = new Map(chains.map((c) => [c.name, c]));
    routes = chains.flatMap((c) => Object.entries(c.contracts.vaults ?? {}).filter(([peer]) => byName.has(peer)).map(([peer, vault]) => ({
      source: c.name, destination: peer, chainId: c.chainId, vault, token: c.contracts.stosToken, native: !c.contracts.stosToken,
      finality: c.finality, blockTime: c.blockTime,
    })));
    // from the token chains first: that is the migration most holders make
    routes.sort((a, b) => Number(a.native) - Number(b.native) || a.source.localeCompare(b.source));
    $("route").replaceChildren(...routes.map((r, i) => el("option", { value: String(i) },
      `${r.native ? "Native" : "ERC-20"} STOS on ${r.source} → ${r.native ? "ERC-20" : "native"} STOS on ${r.destination}`)));
    describeRoute();
  } catch (e) {
    showError($("error"), e);
  }
  if (!hasWallet()) {
    $("connect").disabled = true;
    $("account").textContent = "No browser wallet found. Install one (e.g. MetaMask) to bridge.";
  }
}

function describeRoute() {
  const r = route();
  if (!r) return;
  const f = r.finality;
  $("route-hint").textContent = `Released on ${r.destination} once the lock is final on ${r.source}: ` +
    (f.policy === "confirmations" ? `${f.confirmations} confirmations (blocks every ${r.blockTime.replace(/^PT/, "").toLowerCase()}).` : `when ${r.source} marks its block finalized (about 15 minutes on Ethereum, seconds on BSC).`);
}

$("connect").addEventListener("click", async () => {
  try {
    const [first] = await window.ethereum.request({ method: "eth_requestAccounts" });
    account = getAddress(first);
    $("account").textContent = `Connected: ${account}`;
    $("connect").textContent = "Connected";
    if (!$("recipient").value) { $("recipient").value = account; }
    await readLimits();
  } catch (e) {
    $("account").textContent = words(e);
  }
});
$("route").addEventListener("change", () => { describeRoute(); limits = null; readLimits().catch((e) => { $("limits").textContent = words(e); }); });
$("amount").addEventListener("input", validate);
$("recipient").addEventListener("input", validate);
$("bridge").addEventListener("submit", lock);
start();
