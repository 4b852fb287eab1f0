#!/usr/bin/env node
// StratosBridge's Solana devnet: LiteSVM (a real SVM, npm `litesvm`) behind a JSON-RPC front on 127.0.0.1 that serves
// the methods the relayer and its tests use — getSignaturesForAddress, getTransaction, getSlot, getBalance,
// getLatestBlockhash, sendTransaction, requestAirdrop, getHealth, getVersion — with commitment levels by slot depth.
// No validator can be installed here; see README.md in this folder for what it does and does not do.
//
//   node ops/solana-devnet/server.mjs [--port N] [--slot-ms N] [--finality-depth N] [--confirmed-depth N]
//
// Environment (flags win): SOLANA_DEVNET_PORT (18899), SOLANA_DEVNET_SLOT_MS (400),
// SOLANA_DEVNET_FINALITY_DEPTH (32), SOLANA_DEVNET_CONFIRMED_DEPTH (1).
// Ready when it prints {"event":"listening",…} on stdout; GET /health answers "ok" from then on.
// SIGTERM / SIGINT stop it. State is in memory only: a restart is a new chain.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { DevnetChain } from './chain.mjs';
import { RpcError } from './errors.mjs';
import { createMethods } from './rpc.mjs';

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string' },
    'slot-ms': { type: 'string' },
    'finality-depth': { type: 'string' },
    'confirmed-depth': { type: 'string' },
  },
});
const port = integerSetting(flags.port, 'SOLANA_DEVNET_PORT', 18899, 1, 65535);
const slotMs = integerSetting(flags['slot-ms'], 'SOLANA_DEVNET_SLOT_MS', 400, 10, 60_000);
const finalityDepth = integerSetting(flags['finality-depth'], 'SOLANA_DEVNET_FINALITY_DEPTH', 32, 0, 10_000);
const confirmedDepth = integerSetting(flags['confirmed-depth'], 'SOLANA_DEVNET_CONFIRMED_DEPTH', 1, 0, 10_000);
if (confirmedDepth > finalityDepth) fail(`the confirmed depth (${confirmedDepth}) exceeds the finality depth (${finalityDepth})`);

const chain = new DevnetChain({ confirmedDepth: BigInt(confirmedDepth), finalityDepth: BigInt(finalityDepth), log });
await chain.start();
const methods = createMethods(chain);
const ticker = setInterval(() => chain.advanceSlot(), slotMs);

const server = http.createServer(async (request, response) => {
  if (request.method === 'GET' && request.url === '/health') {
    // Like a validator's /health: plain "ok".
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  if (request.method !== 'POST') {
    response.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  let body = '';
  for await (const chunk of request) body += chunk;
  let payload;
  try {
    payload = JSON.parse(body);
  } catch {
    respond(response, { jsonrpc: '2.0', error: new RpcError(-32700, 'Parse error'), id: null });
    return;
  }
  const answer = Array.isArray(payload)
    ? payload.length === 0
      ? { jsonrpc: '2.0', error: new RpcError(-32600, 'Invalid request'), id: null }
      : await Promise.all(payload.map(handle))
    : await handle(payload);
  respond(response, answer);
});

/** One JSON-RPC request → its response object. Unexpected failures are -32603 and logged. */
async function handle(request) {
  const id = request?.id ?? null;
  if (typeof request !== 'object' || request === null || request.jsonrpc !== '2.0' || typeof request.method !== 'string') {
    return { jsonrpc: '2.0', error: new RpcError(-32600, 'Invalid request'), id };
  }
  const method = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
  if (!method) return { jsonrpc: '2.0', error: new RpcError(-32601, 'Method not found'), id };
  const params = request.params ?? [];
  if (!Array.isArray(params)) {
    return { jsonrpc: '2.0', error: new RpcError(-32602, 'Invalid params: expected an array of parameters'), id };
  }
  try {
    return { jsonrpc: '2.0', result: await method(params), id };
  } catch (e) {
    if (e instanceof RpcError) return { jsonrpc: '2.0', error: e, id };
    log('internal-error', { method: request.method, error: String(e?.stack ?? e) });
    return { jsonrpc: '2.0', error: new RpcError(-32603, 'Internal error'), id };
  }
}

// u64 amounts (balances, fees, slots) exceed JavaScript's safe integers: they are bigints, written as JSON numbers.
const bigMarker = `@big${process.pid}${Date.now()}:`;
const bigPattern = new RegExp(`"${bigMarker}(\\d+)"`, 'g');

function toJson(value) {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${bigMarker}${v}` : v)).replace(bigPattern, '$1');
}

function respond(response, answer) {
  response.writeHead(200, { 'content-type': 'application/json' }).end(toJson(answer));
}

/** One JSON line per event on stdout (structured, for ops/devnet's log file). */
function log(event, fields = {}) {
  process.stdout.write(`${toJson({ time: new Date().toISOString(), event, ...fields })}\n`);
}

function integerSetting(flag, env, fallback, min, max) {
  const text = flag ?? process.env[env];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${flag !== undefined ? '--' + env.slice('SOLANA_DEVNET_'.length).toLowerCase().replaceAll('_', '-') : env}` +
      ` must be an integer from ${min} to ${max}, got '${text}'`);
  }
  return value;
}

function fail(message) {
  process.stderr.write(`solana-devnet: ${message}\n`);
  process.exit(2);
}

function stop(signal) {
  log('stopping', { signal });
  clearInterval(ticker);
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

server.on('error', (e) => fail(`cannot listen on 127.0.0.1:${port}: ${e.message}`));
server.listen(port, '127.0.0.1', () => {
  log('listening', { host: '127.0.0.1', port, pid: process.pid, slotMs, confirmedDepth, finalityDepth });
});
