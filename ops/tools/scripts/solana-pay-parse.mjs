// Differential-test helper: @solana/pay's parseURL as the independent parser of Solana Pay transfer requests.
// stdin: ["solana:…", …]   stdout: [{recipient, amount (String(number)), amountText (raw param), reference:[…],
//                                    label, message, memo, splToken} | {error}]
import { parseURL } from '@solana/pay';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const urls = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const results = urls.map((url) => {
  try {
    const parsed = parseURL(url);
    if (!('recipient' in parsed)) return { error: 'not a transfer request' };
    return {
      recipient: String(parsed.recipient),
      amount: parsed.amount === undefined ? null : String(parsed.amount),
      amountText: new URL(url).searchParams.get('amount'),
      reference: (parsed.reference ?? []).map(String),
      label: parsed.label ?? null,
      message: parsed.message ?? null,
      memo: parsed.memo ?? null,
      splToken: parsed.splToken === undefined ? null : String(parsed.splToken),
    };
  } catch (e) {
    return { error: String(e.message ?? e) };
  }
});
process.stdout.write(JSON.stringify(results));
