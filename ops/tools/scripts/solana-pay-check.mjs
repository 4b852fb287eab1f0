#!/usr/bin/env node
// The independent side of the Solana Pay cross-check: runs @solana/pay 1.0.16 itself — validateTransfer,
// findReference, encodeURL — on the cases the C# tests give it, against the same devnet, and prints what
// the library decided. The C# tests compare these answers with StratosBridge's own Solana Pay code.
//
// Reads one JSON request on stdin:
//   {"rpcUrl":"http://127.0.0.1:…","commitment":"finalized",
//    "validate":[{"id":"…","signature":"…","recipient":"…","amount":"0.25","reference":["…"]|null,"memo":"…"|null}],
//    "findReference":[{"id":"…","reference":"…"}],
//    "encode":[{"recipient":"…","amount":"1.5"|null,"reference":["…"],"label":"…","message":"…","memo":"…"}]}
// and writes {"validate":[{"id","valid","error"}], "findReference":[{"id","signature","error"}],
//   "encode":["solana:…"]}.
// Amounts are decimal SOL strings; @solana/pay takes them as numbers, so keep them to 15 significant digits.
import { createSolanaRpc } from '@solana/kit';
import { encodeURL, findReference, validateTransfer } from '@solana/pay';

const request = JSON.parse(await readStdin());
const rpc = request.rpcUrl ? createSolanaRpc(request.rpcUrl) : null;
const commitment = request.commitment ?? 'finalized';

const answer = {
  validate: [],
  findReference: [],
  encode: (request.encode ?? []).map((fields) => encodeURL({
    recipient: fields.recipient,
    amount: fields.amount === null || fields.amount === undefined ? undefined : Number(fields.amount),
    reference: fields.reference ?? undefined,
    label: fields.label ?? undefined,
    message: fields.message ?? undefined,
    memo: fields.memo ?? undefined,
  }).toString()),
};
for (const item of request.validate ?? []) {
  try {
    await validateTransfer(rpc, item.signature, {
      recipient: item.recipient,
      amount: Number(item.amount),
      reference: item.reference ?? undefined,
      memo: item.memo ?? undefined,
    }, { commitment });
    answer.validate.push({ id: item.id, valid: true, error: null });
  } catch (e) {
    answer.validate.push({ id: item.id, valid: false, error: `${e.name}: ${e.message}` });
  }
}
for (const item of request.findReference ?? []) {
  try {
    const found = await findReference(rpc, item.reference, { commitment });
    answer.findReference.push({ id: item.id, signature: found.signature, error: null });
  } catch (e) {
    answer.findReference.push({ id: item.id, signature: null, error: `${e.name}: ${e.message}` });
  }
}
process.stdout.write(JSON.stringify(answer));

async function readStdin() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}
