// What the pages take from npm, bundled by build-pages.mjs into api/StratosBridge.Api/wwwroot/js/vendor/wallet.js:
// viem (EIP-1193 wallet and contract calls, ABI encoding, revert decoding, units, EIP-55) and bech32 (st1… addresses).
export {
  createPublicClient, createWalletClient, custom, parseAbi, parseUnits, formatUnits, getAddress, isAddress,
  BaseError, ContractFunctionRevertedError, UserRejectedRequestError, erc20Abi,
} from "viem";
export { bech32 } from "bech32";
