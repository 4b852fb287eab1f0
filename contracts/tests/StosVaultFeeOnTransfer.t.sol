// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {StosVault} from "../src/StosVault.sol";
import {FeeOnTransferToken} from "../src/dev/FeeOnTransferToken.sol";
import {VaultFixture} from "./lib/VaultFixture.sol";

/// @notice Token mode with a token that burns part of every transfer: the vault credits what arrived.
contract StosVaultFeeOnTransferTest is VaultFixture {
    event Locked(
        uint64 indexed nonce, address indexed sender, address indexed recipient, uint256 amount, uint256 destChainId
    );
    event Funded(address indexed funder, uint256 amount);

    function _setUp(uint256 feeBps, uint256 minLock) private returns (FeeOnTransferToken fot, StosVault vault) {
        fot = new FeeOnTransferToken(feeBps);
        StosVault.Config memory c = _config(address(fot));
        c.minLock = minLock;
        c.maxLock = 1_000_000e18;
        c.releaseCap = 1_000_000e18;
        c.releaseCapCeiling = 1e24;
        vault = new StosVault(c);
        fot.mint(user, 1_000_000e18);
        vm.prank(user);
        fot.approve(address(vault), type(uint256).max);
    }

    function test_lock_emits_the_amount_that_arrived() public {
        (FeeOnTransferToken fot, StosVault vault) = _setUp(100, 1); // 1 %
        vm.expectEmit(true, true, true, true, address(vault));
        emit Locked(0, user, recipient, 99e18, 2048);
        vm.prank(user);
        vault.lock(100e18, recipient);
        assertEq(fot.balanceOf(address(vault)), 99e18, "vault holds what arrived");
        assertEq(vault.totalLocked(), 99e18, "totalLocked counts what arrived");
    }

    function test_fund_counts_the_amount_that_arrived() public {
        (, StosVault vault) = _setUp(250, 1); // 2.5 %
        vm.expectEmit(true, true, true, true, address(vault));
        emit Funded(user, 975e17);
        vm.prank(user);
        vault.fund(100e18);
        assertEq(vault.totalFunded(), 975e17, "totalFunded");
        assertEq(vault.liquidity(), 975e17, "liquidity");
    }

    function test_minimum_applies_to_the_amount_that_arrived() public {
        (, StosVault vault) = _setUp(100, 100e18);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(StosVault.LockBelowMinimum.selector, 99e18, 100e18));
        vault.lock(100e18, recipient);
    }

    function test_nothing_arriving_is_a_zero_amount() public {
        (, StosVault vault) = _setUp(10_000, 1); // the whole transfer is burnt
        vm.prank(user);
        vm.expectRevert(StosVault.ZeroAmount.selector);
        vault.lock(100e18, recipient);
        vm.prank(user);
        vm.expectRevert(StosVault.ZeroAmount.selector);
        vault.fund(100e18);
    }

    function testFuzz_lock_credits_amount_minus_fee(uint256 amount, uint256 feeBps) public {
        feeBps = _bound(feeBps, 0, 5_000);
        amount = _bound(amount, 1e6, 1_000_000e18);
        (FeeOnTransferToken fot, StosVault vault) = _setUp(feeBps, 1);
        uint256 expected = amount - amount * feeBps / 10_000;
        vm.expectEmit(true, true, true, true, address(vault));
        emit Locked(0, user, recipient, expected, 2048);
        vm.prank(user);
        vault.lock(amount, recipient);
        assertEq(fot.balanceOf(address(vault)), expected, "balance");
        assertEq(vault.totalLocked(), expected, "totalLocked");
    }
}
