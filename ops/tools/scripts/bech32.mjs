// Differential-test helper: npm bech32 2.0.0 as the independent implementation.
// stdin: {"encode":[{"hrp":"st","hex":"…"}], "decode":["st1…", …]}
// stdout: {"encoded":["st1…"|{"error":"…"}], "decoded":[{"hrp":"st","hex":"…"}|{"error":"…"}]}
import { bech32 } from 'bech32';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const attempt = (fn) => { try { return fn(); } catch (e) { return { error: String(e.message ?? e) }; } };

const encoded = (input.encode ?? []).map(({ hrp, hex }) =>
  attempt(() => bech32.encode(hrp, bech32.toWords(Buffer.from(hex, 'hex')))));
const decoded = (input.decode ?? []).map((text) =>
  attempt(() => {
    const { prefix, words } = bech32.decode(text);
    return { hrp: prefix, hex: Buffer.from(bech32.fromWords(words)).toString('hex') };
  }));
process.stdout.write(JSON.stringify({ encoded, decoded }));
