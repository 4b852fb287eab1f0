// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice A contract that refuses plain transfers of the chain's coin.
contract EtherRejector {
    error NoThanks();

    receive() external payable {
        revert NoThanks();
    }
}
