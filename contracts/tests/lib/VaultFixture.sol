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

    uint256 internal constant DEST_CHAIN_ID = 2048;
    uint256 internal constant MIN_LOCK = 1e15;
    uint256 internal constant MAX_LOCK = 1_000_000e18;
    uint256 internal constant RELEASE_CAP = 100_000e18;
    uint256 internal constant DAILY_CAP = 250_000e18;
    uint256 internal constant START_TIME = 1_800_000_000; // some Wednesday in 2027, mid-hour

    address internal admin = address(0xAD);
    address internal relayer = address(0x4E1A);
    address internal pauser = address(0x9A05E);
    address internal user = address(0x05E4);
    address internal recipient = address(0x4EC1);
    address internal attester1;
    address internal attester2;

    StosVault internal vault;
    DevStosToken internal stos; // unset in native mode
    bool internal native; // the vault's mode; kept here so helpers make no extra call between prank and action

    function _deployVault(address token) internal returns (StosVault v) {
        vm.warp(START_TIME);
        attester1 = vm.addr(ATTESTER1_KEY);
        attester2 = vm.addr(ATTESTER2_KEY);
        native = token == address(0);
        v = new StosVault(token, DEST_CHAIN_ID, admin, 1, MIN_LOCK, MAX_LOCK, RELEASE_CAP, DAILY_CAP);
        vm.startPrank(admin);
        v.grantRole(v.RELAYER_ROLE(), relayer);
        v.grantRole(v.ATTESTER_ROLE(), attester1);
        v.grantRole(v.ATTESTER_ROLE(), attester2);
        v.grantRole(v.PAUSER_ROLE(), pauser);
        vm.stopPrank();
    }

    /// @dev The vault's token (address(0) in native mode) without a call, for use right after expectRevert.
    function _token() internal view returns (address) {
        return native ? address(0) : address(stos);
    }

    function _sign(StosVault v, uint256 key, bytes32 id, address to, uint256 amount)
        internal
        view
        returns (bytes memory)
    {
        (uint8 sv, bytes32 r, bytes32 s) = vm.sign(key, v.hashRelease(id, to, amount));
        return abi.encodePacked(r, s, sv);
    }

    function _sigs(bytes32 id, address to, uint256 amount) internal view returns (bytes[] memory sigs) {
        sigs = new bytes[](1);
        sigs[0] = _sign(vault, ATTESTER1_KEY, id, to, amount);
    }

    function _sigs2(bytes32 id, address to, uint256 amount) internal view returns (bytes[] memory sigs) {
        sigs = new bytes[](2);
        sigs[0] = _sign(vault, ATTESTER1_KEY, id, to, amount);
        sigs[1] = _sign(vault, ATTESTER2_KEY, id, to, amount);
    }

    function _release(bytes32 id, address to, uint256 amount) internal {
        bytes[] memory sigs = _sigs(id, to, amount);
        vm.prank(relayer);
        vault.release(id, to, amount, sigs);
    }

    function _id(uint256 n) internal pure returns (bytes32) {
        return keccak256(abi.encode("source-event", n));
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
