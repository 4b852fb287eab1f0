// The chain behind the RPC front: LiteSVM executes every transaction; this module adds what a validator's ledger has
// and LiteSVM does not: slots that advance on a timer, commitment levels by slot depth, recent blockhashes, and the
// history of every landed transaction (by signature, and by each account it touched), with balances before/after.
//
// Slots: the processed slot advances every `slotMs`; a transaction lands in the processed slot of the moment it is
// sent. confirmed = processed - confirmedDepth, finalized = processed - finalityDepth. A transaction, a balance and a
// signature list are visible at a commitment only once their slot is <= that commitment's slot.
//
// Blockhashes: each slot gets a new blockhash (LiteSVM's own, expired every slot); a transaction is accepted while its
// recentBlockhash belongs to one of the last 150 slots, like a real cluster (LiteSVM's single-blockhash check is off).
import { describeTransactionError, invalidParams, RpcError, transactionErrorJson } from './errors.mjs';
import { kit, litesvm, systemProgram } from './deps.mjs';

const { LiteSVM, FailedTransactionMetadata, Clock } = litesvm;

export const SYSTEM_PROGRAM = '11111111111111111111111111111111';
export const MEMO_PROGRAMS = new Set(['MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr', 'Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo']);
const BLOCKHASH_VALIDITY_SLOTS = 150n; // MAX_PROCESSING_AGE
const FAUCET_LAMPORTS = 500_000_000n * 1_000_000_000n; // 500 M SOL

const base58 = kit.getBase58Decoder();
const transactionDecoder = kit.getTransactionDecoder();
const messageDecoder = kit.getCompiledTransactionMessageDecoder();

export class DevnetChain {
  /**
   * @param {{ confirmedDepth: bigint, finalityDepth: bigint, log: (event: string, fields?: object) => void }} options
   */
  constructor({ confirmedDepth, finalityDepth, log }) {
    this.confirmedDepth = confirmedDepth;
    this.finalityDepth = finalityDepth;
    this.log = log;
    this.svm = new LiteSVM().withBlockhashCheck(false);
    this.slot = 0n;
    this.slotTime = unixNow();
    this.blockhashSlots = new Map(); // blockhash -> slot, for the last 2 × 150 slots
    this.slotBlockhashes = new Map(); // slot -> blockhash
    this.transactions = new Map(); // signature -> landed transaction record
    this.byAccount = new Map(); // address -> records, oldest first
    this.balances = new Map(); // address -> [{ slot, lamports }], oldest first
    this.sequence = 0;
  }

  /** Creates the faucet (requestAirdrop pays from it) and the genesis slot. */
  async start() {
    this.faucet = await kit.generateKeyPairSigner();
    this.svm.setAccount({
      address: this.faucet.address, lamports: FAUCET_LAMPORTS, data: new Uint8Array(), executable: false,
      programAddress: SYSTEM_PROGRAM, space: 0n,
    });
    this.#noteBalance(this.faucet.address, 0n, FAUCET_LAMPORTS);
    this.#openSlot();
  }

  /** Moves to the next slot: a new blockhash, the Clock sysvar in step. */
  advanceSlot() {
    this.slot += 1n;
    this.slotTime = unixNow();
    this.svm.expireBlockhash();
    this.#openSlot();
  }

  #openSlot() {
    const blockhash = this.svm.latestBlockhash();
    this.blockhashSlots.set(blockhash, this.slot);
    this.slotBlockhashes.set(this.slot, blockhash);
    const stale = this.slot - 2n * BLOCKHASH_VALIDITY_SLOTS;
    if (this.slotBlockhashes.has(stale)) {
      this.blockhashSlots.delete(this.slotBlockhashes.get(stale));
      this.slotBlockhashes.delete(stale);
    }
    this.svm.setClock(new Clock(this.slot, 0n, 0n, 0n, this.slotTime));
  }

  /** The slot of a commitment level: processed is the newest, confirmed and finalized lag by their depths. */
  slotAt(commitment) {
    const depth = commitment === 'processed' ? 0n : commitment === 'confirmed' ? this.confirmedDepth : this.finalityDepth;
    return this.slot > depth ? this.slot - depth : 0n;
  }

  /** How settled a slot is now: 'finalized', 'confirmed' or 'processed'. */
  statusOf(slot) {
    if (slot <= this.slotAt('finalized')) return 'finalized';
    if (slot <= this.slotAt('confirmed')) return 'confirmed';
    return 'processed';
  }

  /** The blockhash a client gets at a commitment, and the last block height it is valid at. */
  blockhashAt(commitment) {
    const slot = this.slotAt(commitment);
    return { slot, blockhash: this.slotBlockhashes.get(slot), lastValidBlockHeight: slot + BLOCKHASH_VALIDITY_SLOTS };
  }

  isBlockhashValid(blockhash) {
    const slot = this.blockhashSlots.get(blockhash);
    return slot !== undefined && this.slot - slot <= BLOCKHASH_VALIDITY_SLOTS;
  }

  /** An account's balance as of a slot (the newest change at or before it). */
  balanceAt(address, slot) {
    const history = this.balances.get(address);
    if (!history) return this.svm.getBalance(address) ?? 0n; // untouched since genesis
    for (let i = history.length - 1; i >= 0; i--) {
      if (history[i].slot <= slot) return history[i].lamports;
    }
    return 0n;
  }

  /** A landed transaction, if its slot is visible at `slot`. */
  transactionAt(signature, slot) {
    const record = this.transactions.get(signature);
    return record && record.slot <= slot ? record : null;
  }

  /**
   * Signatures of the landed transactions that touched an address, newest first, visible at `slot`; `before` and
   * `until` are exclusive bounds. As on a real node an unknown `before` gives nothing and an unknown `until` no bound.
   */
  signaturesFor(address, { slot, limit, before, until }) {
    const records = this.byAccount.get(address) ?? [];
    let upper = Infinity;
    if (before !== undefined) {
      const anchor = this.transactions.get(before);
      if (!anchor) return [];
      upper = anchor.sequence;
    }
    const lower = until !== undefined ? this.transactions.get(until)?.sequence ?? -1 : -1;
    const found = [];
    for (let i = records.length - 1; i >= 0 && found.length < limit; i--) {
      const record = records[i];
      if (record.sequence <= lower) break;
      if (record.sequence < upper && record.slot <= slot) found.push(record);
    }
    return found;
  }

  /**
   * Runs a signed wire transaction. With preflight, a transaction that would fail is refused with the node's -32002
   * error (nothing lands); without it the signature comes back at once and the transaction either lands (recorded, with
   * `err` set when it failed but paid its fee) or is dropped, as a validator drops a transaction that cannot pay its fee,
   * has an unknown blockhash, a bad signature or was processed already.
   */
  submit(wire, { skipPreflight }) {
    const { transaction, message, signature } = decodeWireTransaction(wire);
    const refusal = this.transactions.has(signature) ? 'AlreadyProcessed'
      : !this.isBlockhashValid(message.lifetimeToken) ? 'BlockhashNotFound'
      : null;
    if (!skipPreflight) {
      const simulated = refusal ? null : this.svm.simulateTransaction(transaction);
      if (refusal || simulated instanceof FailedTransactionMetadata) {
        throw preflightFailure(refusal ?? transactionErrorJson(simulated.err()), simulated?.meta());
      }
    } else if (refusal) {
      this.log('transaction-dropped', { signature, reason: refusal });
      return signature;
    }

    const accountKeys = message.staticAccounts;
    const preBalances = accountKeys.map((key) => this.svm.getBalance(key) ?? 0n);
    const result = this.svm.sendTransaction(transaction);
    const failed = result instanceof FailedTransactionMetadata;
    if (failed && !this.svm.getTransaction(signature)) {
      this.log('transaction-dropped', { signature, reason: transactionErrorJson(result.err()) });
      return signature;
    }
    const postBalances = accountKeys.map((key) => this.svm.getBalance(key) ?? 0n);
    const meta = failed ? result.meta() : result;
    const record = {
      signature,
      sequence: this.sequence++,
      slot: this.slot,
      blockTime: this.slotTime,
      wire,
      transaction,
      message,
      accountKeys,
      err: failed ? transactionErrorJson(result.err()) : null,
      // Lamports are conserved inside a transaction, so what the accounts lost together is the fee burnt and paid.
      fee: sum(preBalances) - sum(postBalances),
      preBalances,
      postBalances,
      logs: meta.logs(),
      innerInstructions: meta.innerInstructions(),
      computeUnitsConsumed: meta.computeUnitsConsumed(),
      returnData: meta.returnData(),
    };
    this.transactions.set(signature, record);
    accountKeys.forEach((key, i) => {
      if (!this.byAccount.has(key)) this.byAccount.set(key, []);
      this.byAccount.get(key).push(record);
      if (postBalances[i] !== preBalances[i]) this.#noteBalance(key, this.slot, postBalances[i], preBalances[i]);
    });
    this.log('transaction-landed', { signature, slot: this.slot, err: record.err });
    return signature;
  }

  /** Sends lamports from the faucet in an ordinary, recorded transfer; the signature is the airdrop's. */
  async airdrop(recipient, lamports) {
    // Identical airdrops in one slot would be the same transaction; an older recent blockhash makes it a new one.
    const blockhashes = [...this.slotBlockhashes.entries()]
      .filter(([slot]) => this.slot - slot <= BLOCKHASH_VALIDITY_SLOTS)
      .sort(([a], [b]) => (a < b ? 1 : -1));
    for (const [slot, blockhash] of blockhashes) {
      const message = kit.pipe(
        kit.createTransactionMessage({ version: 'legacy' }),
        (m) => kit.setTransactionMessageFeePayerSigner(this.faucet, m),
        (m) => kit.setTransactionMessageLifetimeUsingBlockhash(
          { blockhash, lastValidBlockHeight: slot + BLOCKHASH_VALIDITY_SLOTS }, m),
        (m) => kit.appendTransactionMessageInstruction(
          systemProgram.getTransferSolInstruction({ source: this.faucet, destination: recipient, amount: lamports }), m),
      );
      const signed = await kit.signTransactionMessageWithSigners(message);
      if (this.transactions.has(kit.getSignatureFromTransaction(signed))) continue;
      try {
        return this.submit(new Uint8Array(kit.getTransactionEncoder().encode(signed)), { skipPreflight: false });
      } catch (e) {
        if (e instanceof RpcError && e.code === -32002) throw invalidParams(`airdrop failed: ${e.message}`);
        throw e;
      }
    }
    throw new RpcError(-32603, 'airdrop failed: every recent blockhash was used for the same airdrop already');
  }

  #noteBalance(address, slot, lamports, before = undefined) {
    if (!this.balances.has(address)) {
      this.balances.set(address, before === undefined || slot === 0n ? [] : [{ slot: 0n, lamports: before }]);
    }
    this.balances.get(address).push({ slot, lamports });
  }
}

/** Decodes wire bytes; malformed input, unsigned transactions and lookup tables are refused with -32602. */
function decodeWireTransaction(wire) {
  let transaction;
  let message;
  try {
    transaction = transactionDecoder.decode(wire);
    message = messageDecoder.decode(transaction.messageBytes);
  } catch (e) {
    throw invalidParams(`failed to deserialize VersionedTransaction: ${e.message}`);
  }
  if (message.addressTableLookups?.length) {
    throw invalidParams('address lookup tables are not supported by the StratosBridge Solana devnet');
  }
  const [first] = Object.values(transaction.signatures);
  if (!first) throw new RpcError(-32003, 'Transaction signature verification failure');
  return { transaction, message, signature: base58.decode(first) };
}

function preflightFailure(err, meta) {
  if (err === 'SignatureFailure') return new RpcError(-32003, 'Transaction signature verification failure');
  return new RpcError(-32002, `Transaction simulation failed: ${describeTransactionError(err)}`, {
    accounts: null,
    err,
    innerInstructions: null,
    loadedAccountsDataSize: null,
    logs: meta ? meta.logs() : [],
    replacementBlockhash: null,
    returnData: null,
    unitsConsumed: meta ? meta.computeUnitsConsumed() : 0n,
  });
}

const sum = (values) => values.reduce((a, b) => a + b, 0n);
const unixNow = () => BigInt(Math.floor(Date.now() / 1000));
