#!/usr/bin/env node
// Compiles the deployable contracts with solc-js (through ./solc-js-wrapper) and writes one JSON artifact
// per contract into the folder given as the only argument. Called by contracts/build; see README.md.
// Deterministic: fixed settings, machine-independent source unit names ("src/…", "@openzeppelin/contracts/…"),
// stable JSON formatting.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const contractsDir = __dirname;
const nodeModules = path.resolve(contractsDir, '..', 'ops', 'tools', 'node_modules');
const wrapper = path.join(contractsDir, 'solc-js-wrapper');

// The contracts the C# side and the devnet load; contractName -> source unit.
const CONTRACTS = {
  StosVault: 'src/StosVault.sol',
  BridgeTimelock: 'src/BridgeTimelock.sol',
  OzonePayments: 'src/OzonePayments.sol',
  SystemContractStandIn: 'src/SystemContractStandIn.sol',
  DevStosToken: 'src/dev/DevStosToken.sol',
  FeeOnTransferToken: 'src/dev/FeeOnTransferToken.sol',
  DevPriceFeed: 'src/dev/DevPriceFeed.sol',
};

// Same settings as foundry.toml. Paris: Stratos EVM has no PUSH0, MCOPY or transient storage; for this
// target solc emits none of them and refuses inline assembly that uses them.
const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'paris',
  metadata: { bytecodeHash: 'ipfs', appendCBOR: true },
  outputSelection: {
    '*': {
      '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.deployedBytecode.immutableReferences', 'evm.methodIdentifiers'],
    },
  },
};

function fail(message) {
  process.stderr.write(`compile-artifacts: ${message}\n`);
  process.exit(1);
}

function compilerVersion() {
  const out = spawnSync(wrapper, ['--version'], { encoding: 'utf8' });
  if (out.status !== 0) fail(`${wrapper} --version failed: ${out.stderr}`);
  const line = out.stdout.trim().split('\n').pop();
  return line.replace(/^Version: /, '');
}

function compile() {
  const sources = {};
  for (const unit of new Set(Object.values(CONTRACTS))) {
    sources[unit] = { content: fs.readFileSync(path.join(contractsDir, unit), 'utf8') };
  }
  const input = JSON.stringify({ language: 'Solidity', sources, settings: SETTINGS });
  const out = spawnSync(wrapper, ['--base-path', contractsDir, '--include-path', nodeModules, '--standard-json'], {
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (out.status !== 0) fail(`solc-js-wrapper failed (${out.status}): ${out.stderr}`);
  const output = JSON.parse(out.stdout);
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  const warnings = (output.errors || []).filter((e) => e.severity !== 'error');
  for (const w of warnings) process.stderr.write(w.formattedMessage || w.message);
  if (errors.length > 0) fail(`compilation failed:\n${errors.map((e) => e.formattedMessage || e.message).join('\n')}`);
  return output;
}

function main() {
  const outDir = process.argv[2];
  if (!outDir) fail('usage: compile-artifacts.js <output folder>');
  const version = compilerVersion();
  const output = compile();
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, unit] of Object.entries(CONTRACTS)) {
    const c = output.contracts?.[unit]?.[name];
    if (!c) fail(`${name} not found in ${unit}`);
    const deployed = c.evm.deployedBytecode;
    const immutableReferences = deployed.immutableReferences || {};
    if (name === 'SystemContractStandIn' && Object.keys(immutableReferences).length > 0) {
      fail('SystemContractStandIn must not use immutables: the devnet places its deployedBytecode with anvil_setCode');
    }
    const artifact = {
      contractName: name,
      sourceName: unit,
      compiler: { name: 'solc-js', version, settings: { optimizer: SETTINGS.optimizer, evmVersion: SETTINGS.evmVersion } },
      abi: c.abi,
      bytecode: `0x${c.evm.bytecode.object}`,
      deployedBytecode: `0x${deployed.object}`,
      immutableReferences,
      methodIdentifiers: c.evm.methodIdentifiers,
    };
    const file = path.join(outDir, `${name}.json`);
    fs.writeFileSync(file, `${JSON.stringify(artifact, null, 2)}\n`);
    process.stdout.write(`  ${path.basename(file)}  (${deployed.object.length / 2} bytes runtime)\n`);
  }
}

main();
