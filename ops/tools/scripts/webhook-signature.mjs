// Differential-test helper: verifies StratosBridge webhook signatures with Node's own crypto (an independent HMAC).
// stdin: [{"secret":"whsec_…","header":"t=…,v1=…[,v1=…]","body":"…"}]
// stdout: [{"valid":true|false,"t":1700000000,"matches":n}]  (matches: how many v1 values this secret produced)
import { createHmac, timingSafeEqual } from 'node:crypto';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const results = input.map(({ secret, header, body }) => {
  const parts = header.split(',').map((p) => p.split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${t}.${body}`, 'utf8').digest();
  const matches = parts.filter(([k]) => k === 'v1')
    .map(([, v]) => Buffer.from(v, 'hex'))
    .filter((v) => v.length === expected.length && timingSafeEqual(v, expected)).length;
  return { valid: t !== undefined && matches > 0, t: Number(t), matches };
});
process.stdout.write(JSON.stringify(results));
