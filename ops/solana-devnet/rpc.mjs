// The JSON-RPC methods the devnet serves, with a node's parameter rules and error codes. Everything else is -32601.
import { kit, liteSvmVersion } from './deps.mjs';
import { encodeSignatureInfo, encodeTransaction } from './encoding.mjs';
import { invalidParams, RpcError } from './errors.mjs';

const COMMITMENTS = ['processed', 'confirmed', 'finalized'];
const TRANSACTION_ENCODINGS = ['json', 'jsonParsed', 'base64', 'base58'];
const MAX_SIGNATURES_LIMIT = 1000;
const base58Bytes = kit.getBase58Encoder();
const base64Bytes = kit.getBase64Encoder();

/** Builds the method table over a DevnetChain. Each handler takes the params array and returns the result. */
export function createMethods(chain) {
  return {
    getHealth: () => 'ok',

    getVersion: () => ({ 'solana-core': `litesvm-${liteSvmVersion} (StratosBridge devnet)`, 'feature-set': 0 }),

    getSlot: (params) => {
      const config = configAt(params, 0);
      return contextSlot(chain, config);
    },

    getBalance: (params) => {
      const address = pubkeyParam(params, 0);
      const config = configAt(params, 1);
      const slot = contextSlot(chain, config);
      return { context: { slot }, value: chain.balanceAt(address, slot) };
    },

    getLatestBlockhash: (params) => {
      const config = configAt(params, 0);
      contextSlot(chain, config);
      const { slot, blockhash, lastValidBlockHeight } = chain.blockhashAt(commitmentOf(config));
      return { context: { slot }, value: { blockhash, lastValidBlockHeight } };
    },

    getSignaturesForAddress: (params) => {
      const address = pubkeyParam(params, 0);
      const config = configAt(params, 1);
      const commitment = atLeastConfirmed(config);
      const slot = contextSlot(chain, config);
      const limit = config.limit ?? MAX_SIGNATURES_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SIGNATURES_LIMIT) {
        throw invalidParams(`Invalid limit; max ${MAX_SIGNATURES_LIMIT}`);
      }
      const before = optionalSignature(config.before);
      const until = optionalSignature(config.until);
      return chain.signaturesFor(address, { slot: chain.slotAt(commitment), limit, before, until })
        .map((record) => encodeSignatureInfo(record, chain.statusOf(record.slot)));
    },

    getTransaction: (params) => {
      const signature = signatureParam(params[0]);
      // The second parameter may be the encoding alone (the older positional form).
      const config = typeof params[1] === 'string' ? { encoding: params[1] } : configAt(params, 1);
      const commitment = atLeastConfirmed(config);
      const encoding = config.encoding ?? 'json';
      if (!TRANSACTION_ENCODINGS.includes(encoding)) {
        throw invalidParams(`Invalid params: unknown variant \`${encoding}\`, expected one of \`binary\`, \`base64\`, \`base58\`, \`json\`, \`jsonParsed\``);
      }
      const maxVersion = config.maxSupportedTransactionVersion;
      if (maxVersion !== undefined && maxVersion !== null && !(Number.isInteger(maxVersion) && maxVersion >= 0)) {
        throw invalidParams('Invalid params: maxSupportedTransactionVersion must be a non-negative integer');
      }
      const record = chain.transactionAt(signature, chain.slotAt(commitment));
      if (!record) return null;
      const version = record.message.version;
      if (version !== 'legacy' && (maxVersion === undefined || maxVersion === null || version > maxVersion)) {
        throw new RpcError(-32015,
          `Transaction version (${version}) is not supported by the requesting client. Please try the request again ` +
          `with the following configuration parameter: "maxSupportedTransactionVersion": ${version}`);
      }
      return encodeTransaction(record, encoding, maxVersion ?? undefined);
    },

    sendTransaction: (params) => {
      if (typeof params[0] !== 'string') throw invalidParams('Invalid params: expected a serialized transaction string');
      const config = configAt(params, 1);
      const encoding = config.encoding ?? 'base58';
      let wire;
      try {
        if (encoding === 'base64') wire = new Uint8Array(base64Bytes.encode(params[0]));
        else if (encoding === 'base58') wire = new Uint8Array(base58Bytes.encode(params[0]));
        else throw invalidParams(`unsupported encoding: ${encoding}. Supported encodings: base58, base64`);
      } catch (e) {
        if (e instanceof RpcError) throw e;
        throw invalidParams(`invalid ${encoding} encoding: ${e.message}`);
      }
      if (config.preflightCommitment !== undefined) commitmentOf({ commitment: config.preflightCommitment });
      contextSlot(chain, config);
      return chain.submit(wire, { skipPreflight: config.skipPreflight === true });
    },

    requestAirdrop: async (params) => {
      const address = pubkeyParam(params, 0);
      const lamports = params[1];
      if (!Number.isSafeInteger(lamports) || lamports < 0) {
        throw invalidParams('Invalid params: lamports must be a non-negative integer below 2^53');
      }
      configAt(params, 2);
      return chain.airdrop(address, BigInt(lamports));
    },
  };
}

/** The config object at a position (absent → {}); a commitment in it must be one of the three levels. */
function configAt(params, index) {
  const config = params[index] ?? {};
  if (typeof config !== 'object' || Array.isArray(config)) throw invalidParams('Invalid params: expected a configuration object');
  commitmentOf(config);
  return config;
}

/** A node's default commitment is finalized. */
function commitmentOf(config) {
  const commitment = config.commitment ?? 'finalized';
  if (!COMMITMENTS.includes(commitment)) {
    throw invalidParams(`Invalid params: unknown variant \`${commitment}\`, expected one of \`processed\`, \`confirmed\`, \`finalized\``);
  }
  return commitment;
}

function atLeastConfirmed(config) {
  const commitment = commitmentOf(config);
  if (commitment === 'processed') throw invalidParams('Method does not support commitment below `confirmed`');
  return commitment;
}

/** The slot a request is answered at; minContextSlot above it is -32016, as on a node that has not got there yet. */
function contextSlot(chain, config) {
  const slot = chain.slotAt(commitmentOf(config));
  if (config.minContextSlot !== undefined && BigInt(config.minContextSlot) > slot) {
    throw new RpcError(-32016, 'Minimum context slot has not been reached', { contextSlot: slot });
  }
  return slot;
}

function pubkeyParam(params, index) {
  const text = params[index];
  return decodeBase58Param(text, 32);
}

function signatureParam(text) {
  return decodeBase58Param(text, 64);
}

function optionalSignature(text) {
  return text === undefined || text === null ? undefined : signatureParam(text);
}

// agave answers "Invalid param: Invalid" / "Invalid param: WrongSize" (ParsePubkeyError / ParseSignatureError).
function decodeBase58Param(text, size) {
  if (typeof text !== 'string') throw invalidParams('Invalid params: expected a base-58 string');
  let bytes;
  try {
    bytes = base58Bytes.encode(text);
  } catch {
    throw invalidParams('Invalid param: Invalid');
  }
  if (bytes.length !== size) throw invalidParams('Invalid param: WrongSize');
  return text;
}
