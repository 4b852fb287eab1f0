// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title BridgeTimelock
/// @notice The admin of every StosVault: OpenZeppelin's TimelockController, unchanged. Proposers schedule a call
/// (a role grant, a threshold, a cap, a fee, unpause, sweep), anyone watching sees it for `minDelay` seconds,
/// then an executor runs it. Cancellers (the proposers) can drop it meanwhile.
contract BridgeTimelock is TimelockController {
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors)
        TimelockController(minDelay, proposers, executors, address(0))
    {}
}
