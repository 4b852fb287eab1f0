// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title DevStosToken (devnet and tests only)
/// @notice A plain ERC-20 standing in for ERC-20 STOS: 18 decimals, symbol "STOS". Anyone may mint.
contract DevStosToken is ERC20 {
    constructor() ERC20("Dev Stratos Token", "STOS") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
