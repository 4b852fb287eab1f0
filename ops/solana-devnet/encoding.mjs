// A landed transaction in the shapes a Solana node answers (agave transaction-status UiTransaction*):
// getTransaction with encoding json / jsonParsed / base64 / base58, and getSignaturesForAddress entries.
// jsonParsed parses what a payment uses — system transfers and SPL memos; any other instruction is shown
// "partially decoded" ({ programId, accounts, data }) exactly as a node does for a program it has no parser for.
import { kit } from './deps.mjs';
import { MEMO_PROGRAMS, SYSTEM_PROGRAM } from './chain.mjs';

const base58 = kit.getBase58Decoder();
const base64 = kit.getBase64Decoder();
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The `result` of getTransaction. `maxVersion` undefined means the client did not send maxSupportedTransactionVersion. */
export function encodeTransaction(record, encoding, maxVersion) {
  const versioned = maxVersion !== undefined;
  const result = {
    slot: record.slot,
    blockTime: record.blockTime,
    meta: encodeMeta(record, encoding, versioned),
    transaction: encodeTransactionBody(record, encoding),
  };
  if (versioned) result.version = record.message.version;
  return result;
}

/** One entry of getSignaturesForAddress. */
export function encodeSignatureInfo(record, confirmationStatus) {
  return {
    signature: record.signature,
    slot: record.slot,
    err: record.err,
    memo: memoOf(record),
    blockTime: record.blockTime,
    confirmationStatus,
  };
}

function encodeTransactionBody(record, encoding) {
  switch (encoding) {
    case 'base64':
      return [base64.decode(record.wire), 'base64'];
    case 'base58':
      return [base58.decode(record.wire), 'base58'];
    case 'jsonParsed':
      return { signatures: signaturesOf(record), message: encodeParsedMessage(record) };
    default:
      return { signatures: signaturesOf(record), message: encodeJsonMessage(record) };
  }
}

function encodeJsonMessage({ message }) {
  const json = {
    header: {
      numRequiredSignatures: message.header.numSignerAccounts,
      numReadonlySignedAccounts: message.header.numReadonlySignerAccounts,
      numReadonlyUnsignedAccounts: message.header.numReadonlyNonSignerAccounts,
    },
    accountKeys: message.staticAccounts,
    recentBlockhash: message.lifetimeToken,
    instructions: message.instructions.map(compiledInstruction),
  };
  if (message.version !== 'legacy') json.addressTableLookups = [];
  return json;
}

function encodeParsedMessage(record) {
  const { message } = record;
  const json = {
    accountKeys: message.staticAccounts.map((pubkey, index) => ({
      pubkey,
      writable: isWritable(message.header, message.staticAccounts.length, index),
      signer: index < message.header.numSignerAccounts,
      source: 'transaction',
    })),
    recentBlockhash: message.lifetimeToken,
    instructions: message.instructions.map((ix) => parsedInstruction(record.accountKeys, ix)),
  };
  if (message.version !== 'legacy') json.addressTableLookups = [];
  return json;
}

function encodeMeta(record, encoding, versioned) {
  const parsed = encoding === 'jsonParsed';
  const meta = {
    err: record.err,
    status: record.err === null ? { Ok: null } : { Err: record.err },
    fee: record.fee,
    preBalances: record.preBalances,
    postBalances: record.postBalances,
    innerInstructions: record.innerInstructions
      .map((group, index) => ({
        index,
        instructions: group.map((inner) => {
          const ix = inner.instruction();
          const compiled = { programAddressIndex: ix.programIdIndex(), accountIndices: [...ix.accounts()], data: ix.data() };
          return { ...(parsed ? parsedInstruction(record.accountKeys, compiled) : compiledInstruction(compiled)), stackHeight: inner.stackHeight() };
        }),
      }))
      .filter((group) => group.instructions.length > 0),
    logMessages: record.logs,
    preTokenBalances: [],
    postTokenBalances: [],
    rewards: [],
    computeUnitsConsumed: record.computeUnitsConsumed,
  };
  // jsonParsed lists loaded addresses among the account keys instead.
  if (versioned && !parsed) meta.loadedAddresses = { writable: [], readonly: [] };
  const returned = record.returnData;
  if (returned && returned.data().length > 0) {
    meta.returnData = { programId: base58.decode(returned.programId()), data: [base64.decode(returned.data()), 'base64'] };
  }
  return meta;
}

function compiledInstruction(ix) {
  return {
    programIdIndex: ix.programAddressIndex,
    accounts: [...(ix.accountIndices ?? [])],
    data: base58.decode(ix.data ?? new Uint8Array()),
    stackHeight: null,
  };
}

function parsedInstruction(accountKeys, ix) {
  const programId = accountKeys[ix.programAddressIndex];
  const accounts = (ix.accountIndices ?? []).map((i) => accountKeys[i]);
  const data = ix.data ?? new Uint8Array();
  const parsed = programId === SYSTEM_PROGRAM ? parseSystem(accounts, data)
    : MEMO_PROGRAMS.has(programId) ? parseMemo(data)
    : undefined;
  if (parsed === undefined) return { programId, accounts, data: base58.decode(data), stackHeight: null };
  return { program: programId === SYSTEM_PROGRAM ? 'system' : 'spl-memo', programId, parsed, stackHeight: null };
}

// System instruction 2 is Transfer { lamports: u64 } after a u32 discriminator; a node's parser needs >= 2 accounts
// and shows only source and destination (extra accounts — Solana Pay references — are not shown in jsonParsed).
function parseSystem(accounts, data) {
  if (data.length < 12 || accounts.length < 2) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(0, true) !== 2) return undefined;
  return { type: 'transfer', info: { source: accounts[0], destination: accounts[1], lamports: view.getBigUint64(4, true) } };
}

function parseMemo(data) {
  try {
    return utf8.decode(data);
  } catch {
    return undefined;
  }
}

/** getSignaturesForAddress's memo: "[length] text" for each memo instruction, joined by "; ", or null. */
function memoOf({ accountKeys, message }) {
  const memos = message.instructions
    .filter((ix) => MEMO_PROGRAMS.has(accountKeys[ix.programAddressIndex]))
    .map((ix) => {
      const data = ix.data ?? new Uint8Array();
      return `[${data.length}] ${parseMemo(data) ?? '(unparseable)'}`;
    });
  return memos.length ? memos.join('; ') : null;
}

function signaturesOf({ transaction }) {
  return Object.values(transaction.signatures).map((signature) => base58.decode(signature ?? new Uint8Array(64)));
}

// Account order in a message: writable signers, readonly signers, writable non-signers, readonly non-signers.
function isWritable(header, count, index) {
  if (index < header.numSignerAccounts) return index < header.numSignerAccounts - header.numReadonlySignerAccounts;
  return index < count - header.numReadonlyNonSignerAccounts;
}
