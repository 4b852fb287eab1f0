// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {StosVault} from "../src/StosVault.sol";
import {DevStosToken} from "../src/dev/DevStosToken.sol";
import {FeeOnTransferToken} from "../src/dev/FeeOnTransferToken.sol";
import {InvariantBase} from "./lib/InvariantBase.sol";
import {VaultHandler} from "./lib/VaultHandler.sol";

/// @notice Invariants of the vault under random sequences of lock, fund, release, releaseBatch, replays, admin
/// changes of the caps (within their ceilings, which equal the caps checked here) and time.
abstract contract StosVaultInvariants is InvariantBase {
    uint256 internal constant ATTESTER_KEY = 0xA11CE;
    uint256 internal constant DAILY_CAP = 250_000e18;
    uint256 internal constant RELEASE_CAP = 100_000e18;
    address internal constant ADMIN = address(0xAD);
    address internal constant RELAYER = address(0x4E1A);

    StosVault internal vault;
    VaultHandler internal handler;

    function _setUp(address token) internal {
        vm.warp(1_800_000_000);
        StosVault.Config memory c;
        c.token = token;
        c.peerChainId = 2048;
        c.peerVault = address(0x9EE5);
        c.admin = ADMIN;
        c.adminDelay = 2 days;
        c.treasury = address(0x7EA5);
        c.attesters = new address[](1);
        c.attesters[0] = vm.addr(ATTESTER_KEY);
        c.relayers = new address[](1);
        c.relayers[0] = RELAYER;
        c.threshold = 1;
        c.minLock = 1e15;
        c.maxLock = 50_000e18;
        c.releaseCap = RELEASE_CAP;
        c.dailyCap = DAILY_CAP;
        c.releaseCapCeiling = RELEASE_CAP;
        c.dailyCapCeiling = DAILY_CAP;
        vault = new StosVault(c);
        handler = new VaultHandler(vault, DevStosToken(token), RELAYER, ADMIN, ATTESTER_KEY);
        targetContract(address(handler));
    }

    function invariant_balance_is_funded_plus_locked_minus_released() public view {
        assertEq(
            vault.liquidity(),
            handler.ghostFunded() + handler.ghostLocked() - handler.ghostReleased(),
            "balance = funded + locked - released"
        );
        assertEq(vault.totalFunded(), handler.ghostFunded(), "totalFunded");
        assertEq(vault.totalLocked(), handler.ghostLocked(), "totalLocked");
        assertEq(vault.totalReleased(), handler.ghostReleased(), "totalReleased");
    }

    function invariant_no_source_event_released_twice() public view {
        uint256 n = handler.releasedCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = handler.releasedIds(i);
            assertEq(handler.releaseCount(id), 1, "released more than once");
            assertTrue(vault.usedSourceEvents(id), "released but not marked used");
        }
    }

    /// Every window [t, t + 24 h) starting at a release holds at most the cap (the heaviest window starts at one).
    function invariant_daily_cap_never_exceeded_over_any_24h_window() public view {
        (uint256[] memory times, uint256[] memory amounts) = handler.releaseLog();
        uint256 sum;
        uint256 end;
        for (uint256 start = 0; start < times.length; ++start) {
            while (end < times.length && times[end] < times[start] + 24 hours) {
                sum += amounts[end++];
            }
            assertLe(sum, DAILY_CAP, "24 h window over the cap");
            sum -= amounts[start];
        }
    }

    function invariant_no_release_above_release_cap() public view {
        (, uint256[] memory amounts) = handler.releaseLog();
        for (uint256 i = 0; i < amounts.length; ++i) {
            assertLe(amounts[i], RELEASE_CAP, "release above cap");
        }
    }

    function invariant_window_view_matches_a_recount() public view {
        (uint256[] memory times, uint256[] memory amounts) = handler.releaseLog();
        uint256 hour = block.timestamp / 1 hours;
        uint256 recount;
        for (uint256 i = 0; i < times.length; ++i) {
            if (times[i] / 1 hours + 24 >= hour) recount += amounts[i];
        }
        assertEq(vault.outflowInWindow(), recount, "outflowInWindow = releases in hours h-24..h");
    }
}

contract StosVaultTokenModeInvariantTest is StosVaultInvariants {
    function setUp() public {
        _setUp(address(new DevStosToken()));
    }
}

contract StosVaultNativeModeInvariantTest is StosVaultInvariants {
    function setUp() public {
        _setUp(address(0));
    }
}

contract StosVaultFeeOnTransferInvariantTest is StosVaultInvariants {
    function setUp() public {
        _setUp(address(new FeeOnTransferToken(200)));
    }
}
