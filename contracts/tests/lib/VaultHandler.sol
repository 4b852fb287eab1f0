// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {StosVault} from "../../src/StosVault.sol";
import {DevStosToken} from "../../src/dev/DevStosToken.sol";
import {TestBase} from "./TestBase.sol";
import {Vm} from "./Vm.sol";

/// @notice What the invariant fuzzer calls: lock, fund, release, releaseBatch, replays of used source events,
/// and time passing. It records what the vault's events say happened (ghost values) for the invariants to check.
contract VaultHandler is TestBase {
    bytes32 private constant LOCKED = keccak256("Locked(uint64,address,address,uint256,uint256)");
    bytes32 private constant FUNDED = keccak256("Funded(address,uint256)");
    bytes32 private constant RELEASED = keccak256("Released(bytes32,address,uint256)");

    StosVault public immutable vault;
    DevStosToken public immutable token; // address(0) in native mode
    address private immutable _relayer;
    address private immutable _admin;
    uint256 private immutable _attesterKey;

    uint256 public ghostFunded;
    uint256 public ghostLocked;
    uint256 public ghostReleased;
    uint256 public idsIssued;
    bytes32[] public releasedIds;
    mapping(bytes32 => uint256) public releaseCount;
    mapping(bytes32 => uint64) public nonceOf;
    uint256[] public releaseTimes; // non-decreasing: time only moves forward here
    uint256[] public releaseAmounts;
    /// How often each path ran to completion or was refused by a cap (to see that the fuzzer reaches them).
    uint256 public batchesReleased;
    uint256 public capRefusals;

    constructor(StosVault vault_, DevStosToken token_, address relayer, address admin, uint256 attesterKey) {
        vault = vault_;
        token = token_;
        _relayer = relayer;
        _admin = admin;
        _attesterKey = attesterKey;
    }

    // ------------------------------------------------------------ actions

    function lock(uint256 actorSeed, uint256 amount, uint256 recipientSeed) external {
        address actor = _actor(actorSeed);
        amount = _bound(amount, 1, 60_000e18);
        uint256 value = _give(actor, amount);
        _record();
        vm.prank(actor);
        bool ok;
        try vault.lock{value: value}(amount, _recipient(recipientSeed)) {
            ok = true;
        } catch {}
        _collect(ok);
    }

    function fund(uint256 amount) external {
        amount = _bound(amount, 1, 150_000e18);
        uint256 value = _give(address(this), amount);
        _record();
        bool ok;
        try vault.fund{value: value}(amount) {
            ok = true;
        } catch {}
        _collect(ok);
    }

    function release(uint256 idSeed, uint256 amount, uint256 recipientSeed) external {
        (uint64 nonce, address to) = (_pickNonce(idSeed), _recipient(recipientSeed));
        amount = 1 + uint256(keccak256(abi.encode(amount))) % 120_000e18; // spread over the caps' scale
        StosVault.Release memory r = _release(nonce, to, amount);
        bytes[] memory sigs = _sign(r);
        bytes32 id = vault.releaseId(r.srcChainId, r.srcVault, nonce);
        bool used = vault.usedSourceEvents(id);
        _record();
        vm.prank(_relayer);
        bool ok;
        try vault.release(r, sigs) {
            ok = true;
            vm.assertFalse(used, "a used source event was released again");
        } catch (bytes memory reason) {
            _countCapRefusal(reason);
            if (used) {
                vm.assertEq(reason, abi.encodeWithSelector(StosVault.SourceEventAlreadyUsed.selector, id), "replay");
            }
        }
        _collect(ok);
    }

    function releaseBatch(uint256 seed, uint256 size) external {
        size = _bound(size, 1, 4);
        StosVault.Release[] memory releases = new StosVault.Release[](size);
        bytes[][] memory sigs = new bytes[][](size);
        for (uint256 i = 0; i < size; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            releases[i] = _release(_pickNonce(seed), _recipient(seed >> 8), _bound(seed >> 16, 1, 80_000e18));
            sigs[i] = _sign(releases[i]);
        }
        _record();
        vm.prank(_relayer);
        bool ok;
        try vault.releaseBatch(releases, sigs) {
            ok = true;
            ++batchesReleased;
        } catch (bytes memory reason) {
            _countCapRefusal(reason);
        }
        _collect(ok);
    }

    /// Replays an already released source event through `release`; it must revert.
    function replay(uint256 index) external {
        if (releasedIds.length == 0) return;
        bytes32 id = releasedIds[index % releasedIds.length];
        StosVault.Release memory r = _release(nonceOf[id], address(0x1001), 1);
        bytes[] memory sigs = _sign(r);
        vm.prank(_relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.SourceEventAlreadyUsed.selector, id));
        vault.release(r, sigs);
    }

    /// The admin moves the caps anywhere within their ceilings; above a ceiling, or a threshold above the
    /// attesters, must be refused.
    function adminTune(uint256 seed) external {
        uint256 releaseCeiling = vault.releaseCapCeiling();
        uint256 dailyCeiling = vault.dailyCapCeiling();
        uint256 maxLock = vault.maxLock();
        vm.startPrank(_admin);
        vault.setDailyCap(_bound(seed, 0, dailyCeiling));
        vault.setReleaseCap(_bound(seed >> 128, maxLock, releaseCeiling));
        vm.expectRevert(abi.encodeWithSelector(StosVault.CapAboveCeiling.selector, dailyCeiling + 1, dailyCeiling));
        vault.setDailyCap(dailyCeiling + 1);
        uint256 attesters = vault.attesterCount();
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidThreshold.selector, attesters + 1, attesters));
        vault.setThreshold(attesters + 1);
        vm.stopPrank();
    }

    function passTime(uint256 secondsForward) external {
        vm.warp(block.timestamp + _bound(secondsForward, 0, 8 hours));
    }

    // ------------------------------------------------------------ views for the invariants

    function releasedCount() external view returns (uint256) {
        return releasedIds.length;
    }

    function releaseLog() external view returns (uint256[] memory times, uint256[] memory amounts) {
        return (releaseTimes, releaseAmounts);
    }

    // ------------------------------------------------------------ internals

    function _record() private {
        vm.recordLogs();
    }

    /// Reads the vault's events from the last call into the ghost values. The recorder also keeps the logs
    /// of a call that reverted, so those are dropped.
    function _collect(bool succeeded) private {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        if (!succeeded) return;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(vault)) continue;
            bytes32 topic0 = logs[i].topics[0];
            if (topic0 == LOCKED) {
                (uint256 amount,) = abi.decode(logs[i].data, (uint256, uint256));
                ghostLocked += amount;
            } else if (topic0 == FUNDED) {
                ghostFunded += abi.decode(logs[i].data, (uint256));
            } else if (topic0 == RELEASED) {
                bytes32 id = logs[i].topics[1];
                uint256 amount = abi.decode(logs[i].data, (uint256));
                ghostReleased += amount;
                if (releaseCount[id]++ == 0) releasedIds.push(id);
                releaseTimes.push(block.timestamp);
                releaseAmounts.push(amount);
            }
        }
    }

    function _countCapRefusal(bytes memory reason) private {
        bytes4 selector = _selector(reason);
        if (selector == StosVault.DailyCapExceeded.selector || selector == StosVault.ReleaseCapExceeded.selector) {
            ++capRefusals;
        }
    }

    /// Mostly new nonces, sometimes one already issued (released or not), to exercise the duplicate paths.
    function _pickNonce(uint256 seed) private returns (uint64 nonce) {
        nonce = idsIssued == 0 || seed % 4 != 0 ? uint64(idsIssued++) : uint64((seed >> 2) % idsIssued);
        nonceOf[vault.releaseId(vault.destChainId(), vault.peerVault(), nonce)] = nonce;
    }

    function _release(uint64 nonce, address to, uint256 amount) private view returns (StosVault.Release memory) {
        return StosVault.Release(vault.destChainId(), vault.peerVault(), nonce, to, amount);
    }

    function _sign(StosVault.Release memory release_) private view returns (bytes[] memory sigs) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(_attesterKey, vault.hashRelease(release_));
        sigs = new bytes[](1);
        sigs[0] = abi.encodePacked(r, s, v);
    }

    function _give(address who, uint256 amount) private returns (uint256 value) {
        if (address(token) == address(0)) {
            vm.deal(who, who.balance + amount);
            return amount;
        }
        token.mint(who, amount);
        vm.prank(who);
        token.approve(address(vault), amount);
        return 0;
    }

    function _actor(uint256 seed) private pure returns (address) {
        // forge-lint: disable-next-line(unsafe-typecast) small numbers: 0xA000..0xA004
        return address(uint160(0xA000 + seed % 5));
    }

    function _recipient(uint256 seed) private pure returns (address) {
        // forge-lint: disable-next-line(unsafe-typecast) small numbers: 0xB000..0xB006
        return address(uint160(0xB000 + seed % 7));
    }

    receive() external payable {}
}
