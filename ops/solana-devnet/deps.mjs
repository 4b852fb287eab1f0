// The pinned npm packages the devnet runs on, loaded from ops/tools/node_modules (this folder has no node_modules of
// its own). @solana/kit and @solana-program/system are the copies LiteSVM itself depends on, so the transactions the
// devnet decodes and builds are the ones LiteSVM executes.
import { createRequire } from 'node:module';

const toolsRequire = createRequire(new URL('../tools/package.json', import.meta.url));
const liteSvmRequire = createRequire(toolsRequire.resolve('litesvm'));

export const litesvm = toolsRequire('litesvm');
export const kit = liteSvmRequire('@solana/kit');
export const systemProgram = liteSvmRequire('@solana-program/system');
export const liteSvmVersion = toolsRequire('litesvm/package.json').version;
