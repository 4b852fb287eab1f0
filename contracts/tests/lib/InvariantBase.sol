// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";

/// @notice For invariant tests: forge asks `targetContracts()` which contracts to call at random
/// (only their non-view functions), then checks every `invariant*` function after each call.
abstract contract InvariantBase is TestBase {
    address[] private _targets;

    function targetContract(address target) internal {
        _targets.push(target);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targets;
    }
}
