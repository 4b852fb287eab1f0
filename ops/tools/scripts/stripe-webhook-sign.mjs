// Independent proof of webhook signatures: npm stripe 23.1.0 (Stripe's own Node library) signs the deliveries, so a
// test of our verification does not rest on our code or on Stripe.net.
// stdin: {"secret":"whsec_…","deliveries":[{"payload":"<exact body>","timestamp":1700000000}, …]}
// stdout: {"headers":["t=…,v1=…", …]}
import Stripe from 'stripe';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const stripe = new Stripe('sk_test_not_used_for_signing');
const headers = input.deliveries.map(({ payload, timestamp }) =>
  stripe.webhooks.generateTestHeaderString({ payload, secret: input.secret, timestamp }));
process.stdout.write(JSON.stringify({ headers }));
