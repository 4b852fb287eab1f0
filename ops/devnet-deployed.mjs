// node ops/devnet-deployed.mjs DEPLOYMENT_FILE name:chainId:port... — exits 0 when every contract address in the
// deployment file has code on its devnet chain, 1 otherwise (a chain was reset: deploy again).
import { readFileSync } from 'node:fs';

const [file, ...specs] = process.argv.slice(2);
const ports = Object.fromEntries(specs.map((s) => { const [name, , port] = s.split(':'); return [name, port]; }));
const deployment = JSON.parse(readFileSync(file, 'utf8'));

async function hasCode(port, address) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getCode', params: [address, 'latest'] }),
  });
  const { result } = await response.json();
  return typeof result === 'string' && result.length > 2;
}

let ok = Object.keys(ports).every((name) => deployment.Chains?.[name]);
for (const [name, chain] of Object.entries(deployment.Chains ?? {})) {
  if (!ports[name]) { ok = false; continue; }
  const { Vaults = {}, FromBlock, ...others } = chain.Contracts ?? {};
  for (const address of [...Object.values(Vaults), ...Object.values(others)]) {
    if (!(await hasCode(ports[name], address))) ok = false;
  }
}
process.exit(ok ? 0 : 1);
