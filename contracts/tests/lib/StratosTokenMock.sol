// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice The powers of the real ERC-20 STOS (0x08c32b07…, a DSToken-style contract) that matter to the vault:
/// the owner's `stop()` blocks `approve` and `transferFrom` but not `transfer`, and MINT_BURN_ROLE can `burn`
/// from any address without an allowance.
contract StratosTokenMock is ERC20 {
    address public immutable owner;
    address public immutable minterBurner;
    bool public stopped;

    error Stopped();
    error NotAllowed(address caller);

    constructor(address minterBurner_) ERC20("Stratos Token", "STOS") {
        owner = msg.sender;
        minterBurner = minterBurner_;
    }

    function stop() external {
        if (msg.sender != owner) revert NotAllowed(msg.sender);
        stopped = true;
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != minterBurner) revert NotAllowed(msg.sender);
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external {
        if (msg.sender != minterBurner) revert NotAllowed(msg.sender);
        _burn(from, amount);
    }

    function approve(address spender, uint256 value) public override returns (bool) {
        if (stopped) revert Stopped();
        return super.approve(spender, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (stopped) revert Stopped();
        return super.transferFrom(from, to, value);
    }
}
