#!/usr/bin/env node
// Test helper over the pinned @solana/kit 6.5.0 (the version @solana/pay 1.0.16 is built on): makes keypairs, and
// builds, signs and sends Solana Pay transfers the way @solana/pay's createTransfer lays them out — an optional SPL
// memo instruction (signed by the payer) before a system transfer whose extra read-only accounts are the references.
// Tests use it so the transactions the C# code reads come from an independent, real Solana client.
//
// Reads one JSON request on stdin, writes one JSON answer on stdout:
//   {"op":"keypairs","count":3}
//     → [{"seed":"<base64 32 bytes>","address":"<base58>"}, …]
//   {"op":"transfers","rpcUrl":"http://127.0.0.1:…","transfers":[{"payerSeed":"…","recipient":"…","lamports":"1000",
//     "references":["…"],"memo":"…","memoAfterTransfer":false,"version":"legacy"|0,"encoding":"base64"|"base58",
//     "skipPreflight":false}, …]}
//     → [{"signature":"…","error":null | {"code":-32002,"message":"…"}}, …]   (sent one after another, in order)
//   {"op":"base58","encode":["<hex>", …],"decode":["<base58>", …]}
//     → {"encoded":["…"],"decoded":["<hex>" | {"error":"…"}]}
import { randomBytes } from 'node:crypto';
import {
  AccountRole,
  appendTransactionMessageInstructions,
  createKeyPairSignerFromPrivateKeyBytes,
  createSolanaRpc,
  createTransactionMessage,
  getBase58Codec,
  getBase64EncodedWireTransaction,
  getBase58Decoder,
  getTransactionEncoder,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  getSignatureFromTransaction,
} from '@solana/kit';
import { getAddMemoInstruction } from '@solana-program/memo';
import { getTransferSolInstruction } from '@solana-program/system';

const request = JSON.parse(await readStdin());
const answer = request.op === 'keypairs' ? await keypairs(request.count)
  : request.op === 'transfers' ? await transfers(request.rpcUrl, request.transfers)
  : request.op === 'base58' ? base58(request)
  : fail(`unknown op '${request.op}'`);
process.stdout.write(JSON.stringify(answer));

async function keypairs(count) {
  const result = [];
  for (let i = 0; i < count; i++) {
    const seed = randomBytes(32);
    const signer = await createKeyPairSignerFromPrivateKeyBytes(seed);
    result.push({ seed: seed.toString('base64'), address: signer.address });
  }
  return result;
}

async function transfers(rpcUrl, specs) {
  const rpc = createSolanaRpc(rpcUrl);
  const { value: lifetime } = await rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
  const results = [];
  for (const spec of specs) {
    const payer = await createKeyPairSignerFromPrivateKeyBytes(Buffer.from(spec.payerSeed, 'base64'));
    const transfer = getTransferSolInstruction({ source: payer, destination: spec.recipient, amount: BigInt(spec.lamports) });
    const withReferences = {
      ...transfer,
      accounts: [...transfer.accounts, ...(spec.references ?? []).map((address) => ({ address, role: AccountRole.READONLY }))],
    };
    const instructions = [withReferences];
    if (spec.memo !== undefined && spec.memo !== null) {
      const memo = getAddMemoInstruction({ memo: spec.memo, signers: [payer] });
      if (spec.memoAfterTransfer) instructions.push(memo);
      else instructions.unshift(memo);
    }
    const message = pipe(
      createTransactionMessage({ version: spec.version ?? 'legacy' }),
      (m) => setTransactionMessageFeePayerSigner(payer, m),
      (m) => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
      (m) => appendTransactionMessageInstructions(instructions, m),
    );
    const signed = await signTransactionMessageWithSigners(message);
    const encoding = spec.encoding ?? 'base64';
    const wire = encoding === 'base58'
      ? getBase58Decoder().decode(getTransactionEncoder().encode(signed))
      : getBase64EncodedWireTransaction(signed);
    const reply = await post(rpcUrl, 'sendTransaction', [wire, { encoding, skipPreflight: spec.skipPreflight === true }]);
    results.push(reply.error
      ? { signature: getSignatureFromTransaction(signed), error: { code: reply.error.code, message: reply.error.message } }
      : { signature: reply.result, error: null });
  }
  return results;
}

function base58({ encode = [], decode = [] }) {
  const codec = getBase58Codec();
  return {
    encoded: encode.map((hex) => codec.decode(Buffer.from(hex, 'hex'))),
    decoded: decode.map((text) => {
      try {
        return Buffer.from(codec.encode(text)).toString('hex');
      } catch (e) {
        return { error: e.message };
      }
    }),
  };
}

async function post(url, method, params) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return response.json();
}

async function readStdin() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

function fail(message) {
  process.stderr.write(`solana-kit: ${message}\n`);
  process.exit(2);
}
