// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {StosVault} from "../src/StosVault.sol";
import {VaultFixture} from "./lib/VaultFixture.sol";

/// @notice Gas per release in a 50-transfer native-mode batch, threshold 1, fresh recipients (run with -vv to see it).
/// The budget guards against a regression; main's vault (before issue 14) measured 68,911 the same way.
contract StosVaultGasTest is VaultFixture {
    event log_named_uint(string key, uint256 val);

    uint256 private constant BUDGET_PER_RELEASE = 75_000;

    function test_gas_per_release_in_a_50_batch_stays_within_budget() public {
        vault = _deployVault(address(0));
        _give(user, 1000e18);
        _fundAs(user, 1000e18);
        StosVault.Release[] memory rs = new StosVault.Release[](50);
        bytes[][] memory sigs = new bytes[][](50);
        for (uint256 i = 0; i < 50; ++i) {
            address to = address(uint160(0x10000 + i));
            rs[i] = _r(i, to, 1e18);
            sigs[i] = _sigs(i, to, 1e18);
        }
        vm.prank(relayer);
        uint256 before = gasleft();
        vault.releaseBatch(rs, sigs);
        uint256 perRelease = (before - gasleft()) / 50;
        emit log_named_uint("gas per release (50 batch)", perRelease);
        assertLe(perRelease, BUDGET_PER_RELEASE, "gas per release");
        assertEq(address(0x10000 + 49).balance, 1e18, "last one paid");
    }
}
