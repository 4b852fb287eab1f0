// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {StosVault} from "../src/StosVault.sol";
import {DevStosToken} from "../src/dev/DevStosToken.sol";
import {VaultFixture} from "./lib/VaultFixture.sol";

/// @notice The rolling 24 h outflow cap: hourly buckets, an amount counts for the current hour and the 24 before it.
contract StosVaultCapsTest is VaultFixture {
    uint256 private constant HOUR = 3600;
    uint256 private _next;

    function setUp() public {
        stos = new DevStosToken();
        vault = _deployVault(address(stos));
        stos.mint(address(this), 100 * DAILY_CAP);
        stos.approve(address(vault), type(uint256).max);
        vault.fund(100 * DAILY_CAP);
        vm.prank(admin);
        vault.setReleaseCap(DAILY_CAP);
    }

    function _hourStart() private view returns (uint256) {
        return block.timestamp / HOUR * HOUR;
    }

    function _tryRelease(uint256 amount) private returns (bool ok) {
        uint256 n = ++_next;
        bytes[] memory sigs = _sigs(n, recipient, amount);
        vm.prank(relayer);
        try vault.release(_r(n, recipient, amount), sigs) {
            ok = true;
        } catch (bytes memory reason) {
            assertTrue(_selector(reason) == StosVault.DailyCapExceeded.selector, "only the cap refuses");
        }
    }

    function test_amount_counts_until_25_hours_after_its_hour_began() public {
        uint256 h0 = _hourStart();
        vm.warp(h0 + HOUR - 1); // last second of hour h0
        assertTrue(_tryRelease(DAILY_CAP), "fills the cap");
        vm.warp(h0 + 24 * HOUR + HOUR - 1); // last second of hour h0+24: still in the window
        assertEq(vault.availableOutflow(), 0, "still counted in hour h0+24");
        assertFalse(_tryRelease(1), "refused");
        vm.warp(h0 + 25 * HOUR); // hour h0+25: bucket h0 left the window
        assertEq(vault.availableOutflow(), DAILY_CAP, "free again");
        assertTrue(_tryRelease(DAILY_CAP), "fills again");
    }

    function test_error_carries_requested_and_available() public {
        assertTrue(_tryRelease(DAILY_CAP - 5), "most of the cap");
        uint256 n = ++_next;
        bytes[] memory sigs = _sigs(n, recipient, 6);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.DailyCapExceeded.selector, 6, 5));
        vault.release(_r(n, recipient, 6), sigs);
    }

    function test_buckets_expire_one_by_one() public {
        uint256 h0 = _hourStart();
        uint256 part = DAILY_CAP / 4;
        for (uint256 i = 0; i < 4; ++i) {
            vm.warp(h0 + i * HOUR);
            assertTrue(_tryRelease(part), "quarter");
        }
        assertEq(vault.outflowInWindow(), 4 * part, "all counted");
        for (uint256 i = 0; i < 4; ++i) {
            vm.warp(h0 + (25 + i) * HOUR);
            assertEq(vault.outflowInWindow(), (3 - i) * part, "one bucket less each hour");
        }
    }

    function test_long_idle_clears_the_window() public {
        assertTrue(_tryRelease(DAILY_CAP), "fills");
        vm.warp(block.timestamp + 1000 days);
        assertEq(vault.availableOutflow(), DAILY_CAP, "view: cleared");
        assertTrue(_tryRelease(DAILY_CAP), "fills again after a long idle");
        assertEq(vault.outflowInWindow(), DAILY_CAP, "counted once");
    }

    function test_lowering_the_cap_keeps_counted_outflow() public {
        assertTrue(_tryRelease(DAILY_CAP / 2), "half");
        vm.prank(admin);
        vault.setDailyCap(DAILY_CAP / 4);
        assertEq(vault.availableOutflow(), 0, "over the new cap: nothing available");
        assertFalse(_tryRelease(1), "refused");
    }

    /// Random releases at random times: every 24 h window holds at most the cap, and the vault's view
    /// of the window equals a recount of the hours h-24 .. h.
    function testFuzz_no_24h_window_exceeds_the_cap(uint256 seed) public {
        uint256 n = 40;
        uint256[] memory times = new uint256[](n);
        uint256[] memory amounts = new uint256[](n);
        uint256 count;
        for (uint256 i = 0; i < n; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            vm.warp(block.timestamp + seed % (7 * HOUR));
            uint256 amount = 1 + (seed >> 64) % (DAILY_CAP / 3);
            if (_tryRelease(amount)) {
                times[count] = block.timestamp;
                amounts[count] = amount;
                ++count;
            }
            uint256 recount;
            uint256 hour = block.timestamp / HOUR;
            for (uint256 j = 0; j < count; ++j) {
                if (times[j] / HOUR + 24 >= hour) recount += amounts[j];
            }
            assertEq(vault.outflowInWindow(), recount, "window = recount of hours h-24..h");
        }
        for (uint256 i = 0; i < count; ++i) {
            uint256 sum;
            for (uint256 j = i; j < count && times[j] < times[i] + 24 * HOUR; ++j) {
                sum += amounts[j];
            }
            assertLe(sum, DAILY_CAP, "a 24 h window exceeded the cap");
        }
    }
}
