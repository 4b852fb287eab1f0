// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./TestBase.sol";
import {StosVault} from "../../src/StosVault.sol";
import {DevStosToken} from "../../src/dev/DevStosToken.sol";

/// @notice Keys, roles and a deployed vault, plus helpers that sign releases and move value in either mode.
abstract contract VaultFixture is TestBase {
    uint256 internal constant ATTESTER1_KEY = 0xA11CE;
    uint256 internal constant ATTESTER2_KEY = 0xB0B;
    uint256 internal constant OUTSIDER_KEY = 0xBAD;

    uint256 internal constant DEST_CHAIN_ID = 2048; // the peer chain: locks go there, releases come from there
    address internal constant PEER_VAULT = address(0x9EE5);
    uint256 internal constant MIN_LOCK = 1e15;
    uint256 internal constant RELEASE_CAP = 100_000e18;
    uint256 internal constant MAX_LOCK = RELEASE_CAP; // every lock must be releasable on the peer
    uint256 internal constant DAILY_CAP = 250_000e18;
    uint256 internal constant RELEASE_CAP_CEILING = 10 * RELEASE_CAP;
    uint256 internal constant DAILY_CAP_CEILING = 10 * DAILY_CAP;
    uint48 internal constant ADMIN_DELAY = 2 days;
    uint256 internal constant START_TIME = 1_800_000_000; // some Wednesday in 2027, mid-hour

    address internal admin = address(0xAD);
    address internal relayer = address(0x4E1A);
    address internal pauser = address(0x9A05E);
    address internal treasury = address(0x7EA5);
    address internal user = address(0x05E4);
    address internal recipient = address(0x4EC1);
    address internal attester1;
    address internal attester2;

    StosVault internal vault;
    DevStosToken internal stos; // unset in native mode
    bool internal native; // the vault's mode; kept here so helpers make no extra call between prank and action

    /// @dev The deployment configuration the fixture uses; tests change a copy to deploy variants.
    function _config(address token) internal returns (StosVault.Config memory c) {
        attester1 = vm.addr(ATTESTER1_KEY);
        attester2 = vm.addr(ATTESTER2_KEY);
        c.token = token;
        c.peerChainId = DEST_CHAIN_ID;
        c.peerVault = PEER_VAULT;
        c.admin = admin;
        c.adminDelay = ADMIN_DELAY;
        c.treasury = treasury;
        c.attesters = new address[](2);
        c.attesters[0] = attester1;
        c.attesters[1] = attester2;
        c.relayers = new address[](1);
        c.relayers[0] = relayer;
        c.pausers = new address[](1);
        c.pausers[0] = pauser;
        c.threshold = 1;
        c.minLock = MIN_LOCK;
        c.maxLock = MAX_LOCK;
        c.releaseCap = RELEASE_CAP;
        c.dailyCap = DAILY_CAP;
        c.releaseCapCeiling = RELEASE_CAP_CEILING;
        c.dailyCapCeiling = DAILY_CAP_CEILING;
    }

    function _deployVault(address token) internal returns (StosVault v) {
        vm.warp(START_TIME);
        native = token == address(0);
        v = new StosVault(_config(token));
    }

    /// @dev The vault's token (address(0) in native mode) without a call, for use right after expectRevert.
    function _token() internal view returns (address) {
        return native ? address(0) : address(stos);
    }

    /// @dev The release id of peer lock `n`, computed here (no call, so it is safe between prank and action).
    function _id(uint256 n) internal pure returns (bytes32) {
        return keccak256(abi.encode(DEST_CHAIN_ID, PEER_VAULT, uint64(n)));
    }

    /// @dev Release of peer lock `n`.
    function _r(uint256 n, address to, uint256 amount) internal pure returns (StosVault.Release memory) {
        return StosVault.Release(DEST_CHAIN_ID, PEER_VAULT, uint64(n), to, amount);
    }

    function _signDigest(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 sv, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, sv);
    }

    function _sign(StosVault v, uint256 key, StosVault.Release memory r) internal view returns (bytes memory) {
        return _signDigest(key, v.hashRelease(r));
    }

    function _sigs(uint256 n, address to, uint256 amount) internal view returns (bytes[] memory sigs) {
        sigs = new bytes[](1);
        sigs[0] = _sign(vault, ATTESTER1_KEY, _r(n, to, amount));
    }

    function _sigs2(uint256 n, address to, uint256 amount) internal view returns (bytes[] memory sigs) {
        sigs = new bytes[](2);
        sigs[0] = _sign(vault, ATTESTER1_KEY, _r(n, to, amount));
        sigs[1] = _sign(vault, ATTESTER2_KEY, _r(n, to, amount));
    }

    function _release(uint256 n, address to, uint256 amount) internal {
        bytes[] memory sigs = _sigs(n, to, amount);
        vm.prank(relayer);
        vault.release(_r(n, to, amount), sigs);
    }

    /// @dev Gives `who` `amount` of the vault's asset and lets the vault pull it.
    function _give(address who, uint256 amount) internal {
        if (native) {
            vm.deal(who, who.balance + amount);
        } else {
            stos.mint(who, amount);
            vm.prank(who);
            stos.approve(address(vault), type(uint256).max);
        }
    }

    function _lockAs(address who, uint256 amount, address to) internal returns (uint64) {
        uint256 value = native ? amount : 0;
        vm.prank(who);
        return vault.lock{value: value}(amount, to);
    }

    function _fundAs(address who, uint256 amount) internal {
        uint256 value = native ? amount : 0;
        vm.prank(who);
        vault.fund{value: value}(amount);
    }

    function _balanceOf(address who) internal view returns (uint256) {
        return native ? who.balance : stos.balanceOf(who);
    }
}
