// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {StosVault} from "../src/StosVault.sol";
import {DevStosToken} from "../src/dev/DevStosToken.sol";
import {VaultFixture} from "./lib/VaultFixture.sol";

/// @notice Behaviour shared by both modes; run once per mode by the two contracts at the end of the file.
abstract contract StosVaultBehaviour is VaultFixture {
    event Locked(
        uint64 indexed nonce, address indexed sender, address indexed recipient, uint256 amount, uint256 destChainId
    );
    event Released(bytes32 indexed sourceEventId, address indexed recipient, uint256 amount);
    event ReleaseSkipped(bytes32 indexed sourceEventId);
    event Funded(address indexed funder, uint256 amount);
    event ThresholdUpdated(uint256 threshold);
    event LockLimitsUpdated(uint256 minLock, uint256 maxLock, uint256 fee);
    event ReleaseCapUpdated(uint256 releaseCap);
    event DailyCapUpdated(uint256 dailyCap);

    // ------------------------------------------------------------ constructor

    function test_constructor_refuses_zero_admin() public {
        StosVault.Config memory c = _config(_token());
        c.admin = address(0);
        vm.expectRevert(abi.encodeWithSignature("AccessControlInvalidDefaultAdmin(address)", address(0)));
        new StosVault(c);
    }

    function test_constructor_refuses_zero_dest_chain_peer_or_treasury() public {
        StosVault.Config memory c = _config(_token());
        c.peerChainId = 0;
        vm.expectRevert(StosVault.ZeroDestChainId.selector);
        new StosVault(c);
        c = _config(_token());
        c.peerVault = address(0);
        vm.expectRevert(StosVault.ZeroPeerVault.selector);
        new StosVault(c);
        c = _config(_token());
        c.treasury = address(0);
        vm.expectRevert(StosVault.ZeroTreasury.selector);
        new StosVault(c);
    }

    function test_constructor_refuses_token_without_code() public {
        StosVault.Config memory c = _config(address(0x1234));
        vm.expectRevert(abi.encodeWithSelector(StosVault.TokenNotAContract.selector, address(0x1234)));
        new StosVault(c);
    }

    function test_constructor_refuses_zero_threshold_and_threshold_above_attesters() public {
        StosVault.Config memory c = _config(_token());
        c.threshold = 0;
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidThreshold.selector, 0, 2));
        new StosVault(c);
        c.threshold = 3;
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidThreshold.selector, 3, 2));
        new StosVault(c);
    }

    function test_constructor_refuses_undeliverable_lock_limits() public {
        StosVault.Config memory c = _config(_token());
        c.minLock = 2;
        c.maxLock = 1;
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidLockLimits.selector, 2, 1, 0));
        new StosVault(c);
        c = _config(_token());
        c.maxLock = RELEASE_CAP + 1; // a lock between the release cap and maxLock could never be released
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidLockLimits.selector, MIN_LOCK, RELEASE_CAP + 1, 0));
        new StosVault(c);
        c = _config(_token());
        c.fee = MIN_LOCK; // the smallest lock would deliver nothing
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidLockLimits.selector, MIN_LOCK, MAX_LOCK, MIN_LOCK));
        new StosVault(c);
    }

    function test_constructor_refuses_caps_above_their_ceilings() public {
        StosVault.Config memory c = _config(_token());
        c.releaseCap = RELEASE_CAP_CEILING + 1;
        vm.expectRevert(
            abi.encodeWithSelector(StosVault.CapAboveCeiling.selector, RELEASE_CAP_CEILING + 1, RELEASE_CAP_CEILING)
        );
        new StosVault(c);
        c = _config(_token());
        c.dailyCap = DAILY_CAP_CEILING + 1;
        vm.expectRevert(
            abi.encodeWithSelector(StosVault.CapAboveCeiling.selector, DAILY_CAP_CEILING + 1, DAILY_CAP_CEILING)
        );
        new StosVault(c);
    }

    function test_constructor_sets_parameters_and_only_the_admin_role() public view {
        assertEq(vault.destChainId(), DEST_CHAIN_ID, "destChainId");
        assertEq(vault.threshold(), 1, "threshold");
        assertEq(vault.minLock(), MIN_LOCK, "minLock");
        assertEq(vault.maxLock(), MAX_LOCK, "maxLock");
        assertEq(vault.releaseCap(), RELEASE_CAP, "releaseCap");
        assertEq(vault.dailyCap(), DAILY_CAP, "dailyCap");
        assertEq(uint256(vault.nextLockNonce()), 0, "nonce");
        assertTrue(vault.hasRole(vault.DEFAULT_ADMIN_ROLE(), admin), "admin role");
        assertFalse(vault.hasRole(vault.RELAYER_ROLE(), admin), "admin is not relayer");
        assertFalse(vault.hasRole(vault.PAUSER_ROLE(), admin), "admin is not pauser");
        assertTrue(vault.hasRole(vault.PAUSER_ROLE(), pauser), "pauser");
        assertTrue(vault.hasRole(vault.RELAYER_ROLE(), relayer), "relayer");
        assertEq(vault.attesterCount(), 2, "attesters");
        assertEq(vault.peerVault(), PEER_VAULT, "peer");
        assertEq(uint256(vault.defaultAdminDelay()), ADMIN_DELAY, "admin delay");
    }

    // ------------------------------------------------------------ lock

    function test_lock_emits_Locked_with_increasing_nonce() public {
        _give(user, 3e18);
        vm.expectEmit(true, true, true, true, address(vault));
        emit Locked(0, user, recipient, 1e18, DEST_CHAIN_ID);
        assertEq(uint256(_lockAs(user, 1e18, recipient)), 0, "first nonce");
        vm.expectEmit(true, true, true, true, address(vault));
        emit Locked(1, user, address(0xBEEF), 2e18, DEST_CHAIN_ID);
        assertEq(uint256(_lockAs(user, 2e18, address(0xBEEF))), 1, "second nonce");
        assertEq(uint256(vault.nextLockNonce()), 2, "next nonce");
        assertEq(vault.liquidity(), 3e18, "liquidity");
        assertEq(vault.totalLocked(), 3e18, "totalLocked");
        assertEq(_balanceOf(user), 0, "user paid");
    }

    function test_lock_refuses_zero_recipient() public {
        _give(user, 1e18);
        vm.expectRevert(StosVault.ZeroRecipient.selector);
        _lockAs(user, 1e18, address(0));
    }

    function test_lock_refuses_zero_amount() public {
        _give(user, 1e18);
        vm.expectRevert(StosVault.ZeroAmount.selector);
        _lockAs(user, 0, recipient);
    }

    function test_lock_refuses_below_minimum() public {
        _give(user, 1e18);
        vm.expectRevert(abi.encodeWithSelector(StosVault.LockBelowMinimum.selector, MIN_LOCK - 1, MIN_LOCK));
        _lockAs(user, MIN_LOCK - 1, recipient);
    }

    function test_lock_refuses_above_maximum() public {
        _give(user, MAX_LOCK + 1);
        vm.expectRevert(abi.encodeWithSelector(StosVault.LockAboveMaximum.selector, MAX_LOCK + 1, MAX_LOCK));
        _lockAs(user, MAX_LOCK + 1, recipient);
    }

    function test_lock_accepts_exactly_min_and_max() public {
        _give(user, MIN_LOCK + MAX_LOCK);
        _lockAs(user, MIN_LOCK, recipient);
        _lockAs(user, MAX_LOCK, recipient);
        assertEq(vault.totalLocked(), MIN_LOCK + MAX_LOCK, "both locked");
    }

    function test_lock_refused_while_paused() public {
        _give(user, 1e18);
        vm.prank(pauser);
        vault.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _lockAs(user, 1e18, recipient);
    }

    function testFuzz_lock_credits_amount_and_counts_nonce(uint256 amount, address to, uint8 times) public {
        amount = _bound(amount, MIN_LOCK, MAX_LOCK);
        times = uint8(_bound(times, 1, 5));
        vm.assume(to != address(0));
        _give(user, amount * times);
        for (uint64 i = 0; i < times; ++i) {
            vm.expectEmit(true, true, true, true, address(vault));
            emit Locked(i, user, to, amount, DEST_CHAIN_ID);
            _lockAs(user, amount, to);
        }
        assertEq(vault.liquidity(), amount * times, "liquidity");
        assertEq(uint256(vault.nextLockNonce()), times, "nonce");
    }

    // ------------------------------------------------------------ fund

    function test_fund_adds_liquidity_and_emits_Funded() public {
        _give(admin, 5e18);
        vm.expectEmit(true, true, true, true, address(vault));
        emit Funded(admin, 5e18);
        _fundAs(admin, 5e18);
        assertEq(vault.liquidity(), 5e18, "liquidity");
        assertEq(vault.totalFunded(), 5e18, "totalFunded");
    }

    function test_fund_refuses_zero() public {
        vm.expectRevert(StosVault.ZeroAmount.selector);
        _fundAs(admin, 0);
    }

    function test_fund_allowed_while_paused() public {
        vm.prank(pauser);
        vault.pause();
        _give(admin, 1e18);
        _fundAs(admin, 1e18);
        assertEq(vault.liquidity(), 1e18, "funded while paused");
    }

    // ------------------------------------------------------------ release

    function _funded(uint256 amount) internal {
        _give(admin, amount);
        _fundAs(admin, amount);
    }

    function test_release_pays_recipient_and_marks_source_event() public {
        _funded(10e18);
        bytes32 id = _id(1);
        vm.expectEmit(true, true, true, true, address(vault));
        emit Released(id, recipient, 4e18);
        _release(1, recipient, 4e18);
        assertEq(_balanceOf(recipient), 4e18, "recipient paid");
        assertEq(vault.liquidity(), 6e18, "liquidity");
        assertTrue(vault.usedSourceEvents(id), "used");
        assertEq(vault.totalReleased(), 4e18, "totalReleased");
        assertEq(vault.outflowInWindow(), 4e18, "outflow");
    }

    function test_release_refuses_used_source_event() public {
        _funded(10e18);
        bytes32 id = _id(1);
        _release(1, recipient, 1e18);
        bytes[] memory sigs = _sigs(1, recipient, 1e18);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.SourceEventAlreadyUsed.selector, id));
        vault.release(_r(1, recipient, 1e18), sigs);
    }

    function test_release_refuses_non_relayer() public {
        _funded(10e18);
        bytes[] memory sigs = _sigs(1, recipient, 1e18);
        bytes32 role = vault.RELAYER_ROLE();
        vm.prank(attester1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, attester1, role)
        );
        vault.release(_r(1, recipient, 1e18), sigs);
    }

    function test_release_refused_while_paused() public {
        _funded(10e18);
        vm.prank(pauser);
        vault.pause();
        bytes[] memory sigs = _sigs(1, recipient, 1e18);
        vm.prank(relayer);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vault.release(_r(1, recipient, 1e18), sigs);
        vm.prank(admin);
        vault.unpause();
        vm.prank(relayer);
        vault.release(_r(1, recipient, 1e18), sigs);
        assertEq(_balanceOf(recipient), 1e18, "released after unpause");
    }

    function test_release_refuses_zero_recipient() public {
        _funded(10e18);
        bytes[] memory sigs = _sigs(1, address(0), 1e18);
        vm.prank(relayer);
        vm.expectRevert(StosVault.ZeroRecipient.selector);
        vault.release(_r(1, address(0), 1e18), sigs);
    }

    function test_release_refuses_the_vault_as_recipient() public {
        _funded(10e18);
        bytes[] memory sigs = _sigs(1, address(vault), 1e18);
        vm.prank(relayer);
        vm.expectRevert(StosVault.RecipientIsVault.selector);
        vault.release(_r(1, address(vault), 1e18), sigs);
    }

    function test_release_refuses_zero_amount() public {
        _funded(10e18);
        bytes[] memory sigs = _sigs(1, recipient, 0);
        vm.prank(relayer);
        vm.expectRevert(StosVault.ZeroAmount.selector);
        vault.release(_r(1, recipient, 0), sigs);
    }

    function test_release_refuses_too_few_signatures() public {
        _funded(10e18);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InsufficientSignatures.selector, _id(1), 0, 1));
        vault.release(_r(1, recipient, 1e18), new bytes[](0));

        vm.prank(admin);
        vault.setThreshold(2);
        bytes[] memory one = _sigs(1, recipient, 1e18);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InsufficientSignatures.selector, _id(1), 1, 2));
        vault.release(_r(1, recipient, 1e18), one);
    }

    function test_release_with_threshold_two_needs_two_attesters() public {
        _funded(10e18);
        vm.prank(admin);
        vault.setThreshold(2);
        bytes[] memory two = _sigs2(1, recipient, 1e18);
        vm.prank(relayer);
        vault.release(_r(1, recipient, 1e18), two);
        assertEq(_balanceOf(recipient), 1e18, "released");
    }

    function test_release_accepts_more_signatures_than_threshold() public {
        _funded(10e18);
        bytes[] memory two = _sigs2(1, recipient, 1e18);
        vm.prank(relayer);
        vault.release(_r(1, recipient, 1e18), two);
        assertTrue(vault.usedSourceEvents(_id(1)), "released");
    }

    function test_release_refuses_duplicate_signer() public {
        _funded(10e18);
        vm.prank(admin);
        vault.setThreshold(2);
        bytes[] memory sigs = new bytes[](2);
        sigs[0] = _sign(vault, ATTESTER1_KEY, _r(1, recipient, 1e18));
        sigs[1] = sigs[0];
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.DuplicateSigner.selector, _id(1), attester1));
        vault.release(_r(1, recipient, 1e18), sigs);
    }

    function test_release_refuses_signer_without_attester_role() public {
        _funded(10e18);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(vault, OUTSIDER_KEY, _r(1, recipient, 1e18));
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.SignerNotAttester.selector, _id(1), vm.addr(OUTSIDER_KEY)));
        vault.release(_r(1, recipient, 1e18), sigs);
    }

    function test_release_refuses_revoked_attester() public {
        _funded(10e18);
        vm.startPrank(admin);
        vault.revokeRole(vault.ATTESTER_ROLE(), attester1);
        vm.stopPrank();
        bytes[] memory sigs = _sigs(1, recipient, 1e18);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.SignerNotAttester.selector, _id(1), attester1));
        vault.release(_r(1, recipient, 1e18), sigs);
    }

    function test_release_refuses_signature_over_other_amount() public {
        _funded(10e18);
        bytes[] memory sigs = _sigs(1, recipient, 1e18);
        address recovered = _recover(vault.hashRelease(_r(1, recipient, 2e18)), sigs[0]);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.SignerNotAttester.selector, _id(1), recovered));
        vault.release(_r(1, recipient, 2e18), sigs);
    }

    function test_release_refuses_malformed_signatures() public {
        _funded(10e18);
        bytes memory good = _sign(vault, ATTESTER1_KEY, _r(1, recipient, 1e18));
        bytes[] memory sigs = new bytes[](1);

        sigs[0] = new bytes(64); // wrong length (EIP-2098 compact signatures are not accepted)
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidSignature.selector, _id(1), 0));
        vault.release(_r(1, recipient, 1e18), sigs);

        sigs[0] = _withV(good, 29); // v not 27/28
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidSignature.selector, _id(1), 0));
        vault.release(_r(1, recipient, 1e18), sigs);

        sigs[0] = _malleable(good); // high-s twin of a valid signature
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidSignature.selector, _id(1), 0));
        vault.release(_r(1, recipient, 1e18), sigs);
    }

    function test_release_refuses_beyond_liquidity() public {
        _funded(1e18);
        bytes[] memory sigs = _sigs(1, recipient, 2e18);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InsufficientLiquidity.selector, 2e18, 1e18));
        vault.release(_r(1, recipient, 2e18), sigs);
    }

    function test_release_refuses_above_release_cap() public {
        _funded(RELEASE_CAP + 1);
        bytes[] memory sigs = _sigs(1, recipient, RELEASE_CAP + 1);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.ReleaseCapExceeded.selector, RELEASE_CAP + 1, RELEASE_CAP));
        vault.release(_r(1, recipient, RELEASE_CAP + 1), sigs);
    }

    function test_release_refuses_beyond_daily_cap() public {
        _funded(DAILY_CAP + 1);
        _release(1, recipient, RELEASE_CAP);
        _release(2, recipient, RELEASE_CAP);
        uint256 left = DAILY_CAP - 2 * RELEASE_CAP;
        bytes[] memory sigs = _sigs(3, recipient, left + 1);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.DailyCapExceeded.selector, left + 1, left));
        vault.release(_r(3, recipient, left + 1), sigs);
        _release(3, recipient, left);
        assertEq(vault.availableOutflow(), 0, "cap used up");
    }

    function testFuzz_release_pays_exactly_once(uint64 nonce, address to, uint256 amount) public {
        vm.assume(to != address(0) && to.code.length == 0 && uint160(to) > 0x10000);
        vm.assume(to != address(vault) && to != admin && to != address(vm));
        amount = _bound(amount, 1, RELEASE_CAP);
        _funded(RELEASE_CAP);
        uint256 before = _balanceOf(to);
        _release(nonce, to, amount);
        assertEq(_balanceOf(to) - before, amount, "paid");
        bytes[] memory sigs = _sigs(nonce, to, amount);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.SourceEventAlreadyUsed.selector, _id(nonce)));
        vault.release(_r(nonce, to, amount), sigs);
        assertEq(vault.liquidity(), RELEASE_CAP - amount, "liquidity");
    }

    // ------------------------------------------------------------ releaseBatch

    function _batch(uint256 n, uint256 firstId, uint256 amount)
        internal
        view
        returns (StosVault.Release[] memory releases, bytes[][] memory sigs)
    {
        releases = new StosVault.Release[](n);
        sigs = new bytes[][](n);
        for (uint256 i = 0; i < n; ++i) {
            releases[i] = _r(firstId + i, recipient, amount);
            sigs[i] = _sigs(firstId + i, recipient, amount);
        }
    }

    function test_releaseBatch_releases_all() public {
        _funded(10e18);
        (StosVault.Release[] memory releases, bytes[][] memory sigs) = _batch(3, 1, 1e18);
        vm.prank(relayer);
        vault.releaseBatch(releases, sigs);
        assertEq(_balanceOf(recipient), 3e18, "paid 3");
        for (uint256 i = 1; i <= 3; ++i) {
            assertTrue(vault.usedSourceEvents(_id(i)), "used");
        }
    }

    function test_releaseBatch_skips_used_source_events() public {
        _funded(10e18);
        _release(2, recipient, 1e18);
        (StosVault.Release[] memory releases, bytes[][] memory sigs) = _batch(3, 1, 1e18);
        vm.expectEmit(true, true, true, true, address(vault));
        emit Released(_id(1), recipient, 1e18);
        vm.expectEmit(true, true, true, true, address(vault));
        emit ReleaseSkipped(_id(2));
        vm.expectEmit(true, true, true, true, address(vault));
        emit Released(_id(3), recipient, 1e18);
        vm.prank(relayer);
        vault.releaseBatch(releases, sigs);
        assertEq(_balanceOf(recipient), 3e18, "1 + 2 of the batch");
    }

    function test_releaseBatch_skips_a_repeat_within_the_batch() public {
        _funded(10e18);
        (StosVault.Release[] memory releases, bytes[][] memory sigs) = _batch(2, 1, 1e18);
        releases[1] = releases[0];
        sigs[1] = sigs[0];
        vm.expectEmit(true, true, true, true, address(vault));
        emit Released(_id(1), recipient, 1e18);
        vm.expectEmit(true, true, true, true, address(vault));
        emit ReleaseSkipped(_id(1));
        vm.prank(relayer);
        vault.releaseBatch(releases, sigs);
        assertEq(_balanceOf(recipient), 1e18, "paid once");
    }

    function test_releaseBatch_reverts_whole_batch_on_daily_cap() public {
        _funded(DAILY_CAP + RELEASE_CAP);
        (StosVault.Release[] memory releases, bytes[][] memory sigs) = _batch(3, 1, RELEASE_CAP);
        uint256 left = DAILY_CAP - 2 * RELEASE_CAP;
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.DailyCapExceeded.selector, RELEASE_CAP, left));
        vault.releaseBatch(releases, sigs);
        assertFalse(vault.usedSourceEvents(_id(1)), "first not released");
        assertEq(vault.outflowInWindow(), 0, "nothing counted");
        assertEq(_balanceOf(recipient), 0, "nothing paid");
    }

    function test_releaseBatch_reverts_whole_batch_on_release_cap() public {
        _funded(10e18 + RELEASE_CAP + 1);
        (StosVault.Release[] memory releases, bytes[][] memory sigs) = _batch(2, 1, 1e18);
        releases[1].amount = RELEASE_CAP + 1;
        sigs[1] = _sigs(2, recipient, RELEASE_CAP + 1);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.ReleaseCapExceeded.selector, RELEASE_CAP + 1, RELEASE_CAP));
        vault.releaseBatch(releases, sigs);
        assertFalse(vault.usedSourceEvents(_id(1)), "first not released");
    }

    function test_releaseBatch_reverts_whole_batch_on_a_bad_signature() public {
        _funded(10e18);
        (StosVault.Release[] memory releases, bytes[][] memory sigs) = _batch(2, 1, 1e18);
        sigs[1][0] = _sign(vault, OUTSIDER_KEY, _r(2, recipient, 1e18));
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.SignerNotAttester.selector, _id(2), vm.addr(OUTSIDER_KEY)));
        vault.releaseBatch(releases, sigs);
        assertFalse(vault.usedSourceEvents(_id(1)), "first not released");
    }

    function test_releaseBatch_refuses_empty_and_mismatched() public {
        vm.prank(relayer);
        vm.expectRevert(StosVault.EmptyBatch.selector);
        vault.releaseBatch(new StosVault.Release[](0), new bytes[][](0));
        (StosVault.Release[] memory releases,) = _batch(2, 1, 1e18);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.LengthMismatch.selector, 2, 1));
        vault.releaseBatch(releases, new bytes[][](1));
    }

    function test_releaseBatch_refuses_non_relayer_and_pause() public {
        (StosVault.Release[] memory releases, bytes[][] memory sigs) = _batch(1, 1, 1e18);
        bytes32 role = vault.RELAYER_ROLE();
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, user, role));
        vault.releaseBatch(releases, sigs);
        vm.prank(pauser);
        vault.pause();
        vm.prank(relayer);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vault.releaseBatch(releases, sigs);
    }

    // ------------------------------------------------------------ admin

    function test_admin_setters_update_and_emit() public {
        vm.startPrank(admin);
        vm.expectEmit(true, true, true, true, address(vault));
        emit ThresholdUpdated(2);
        vault.setThreshold(2);
        vm.expectEmit(true, true, true, true, address(vault));
        emit ReleaseCapUpdated(RELEASE_CAP_CEILING);
        vault.setReleaseCap(RELEASE_CAP_CEILING);
        vm.expectEmit(true, true, true, true, address(vault));
        emit LockLimitsUpdated(5, 7, 4);
        vault.setLockLimits(5, 7, 4);
        vm.expectEmit(true, true, true, true, address(vault));
        emit DailyCapUpdated(13);
        vault.setDailyCap(13);
        vm.stopPrank();
        assertEq(vault.threshold(), 2, "threshold");
        assertEq(vault.minLock(), 5, "min");
        assertEq(vault.maxLock(), 7, "max");
        assertEq(vault.fee(), 4, "fee");
        assertEq(vault.releaseCap(), RELEASE_CAP_CEILING, "releaseCap");
        assertEq(vault.dailyCap(), 13, "dailyCap");
    }

    function test_admin_setters_refuse_invalid_values() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidThreshold.selector, 0, 2));
        vault.setThreshold(0);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidThreshold.selector, 3, 2));
        vault.setThreshold(3);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidLockLimits.selector, 8, 7, 0));
        vault.setLockLimits(8, 7, 0);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidLockLimits.selector, 1, 2, 1));
        vault.setLockLimits(1, 2, 1);
        vm.expectRevert(abi.encodeWithSelector(StosVault.ReleaseCapBelowMaxLock.selector, MAX_LOCK - 1, MAX_LOCK));
        vault.setReleaseCap(MAX_LOCK - 1);
        vm.expectRevert(
            abi.encodeWithSelector(StosVault.CapAboveCeiling.selector, DAILY_CAP_CEILING + 1, DAILY_CAP_CEILING)
        );
        vault.setDailyCap(DAILY_CAP_CEILING + 1);
        vm.stopPrank();
    }

    function test_admin_setters_refuse_non_admin() public {
        bytes memory denied = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, relayer, vault.DEFAULT_ADMIN_ROLE()
        );
        bytes32 relayerRole = vault.RELAYER_ROLE();
        vm.startPrank(relayer);
        vm.expectRevert(denied);
        vault.setThreshold(2);
        vm.expectRevert(denied);
        vault.setLockLimits(1e15, 2e15, 0);
        vm.expectRevert(denied);
        vault.setReleaseCap(1);
        vm.expectRevert(denied);
        vault.setDailyCap(1);
        vm.expectRevert(denied);
        vault.grantRole(relayerRole, user);
        vm.expectRevert(denied);
        vault.sweep();
        vm.stopPrank();
    }

    function test_pauser_pauses_and_only_the_admin_unpauses() public {
        bytes memory notPauser =
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, vault.PAUSER_ROLE());
        bytes memory notAdmin = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, pauser, vault.DEFAULT_ADMIN_ROLE()
        );
        vm.prank(admin);
        vm.expectRevert(notPauser);
        vault.pause();
        vm.prank(pauser);
        vault.pause();
        assertTrue(vault.paused(), "paused");
        vm.prank(pauser);
        vm.expectRevert(notAdmin);
        vault.unpause();
        vm.prank(admin);
        vault.unpause();
        assertFalse(vault.paused(), "unpaused");
    }

    function test_revoking_an_attester_below_the_threshold_is_refused() public {
        vm.startPrank(admin);
        vault.setThreshold(2);
        bytes32 role = vault.ATTESTER_ROLE();
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidThreshold.selector, 2, 1));
        vault.revokeRole(role, attester1);
        vault.setThreshold(1);
        vault.revokeRole(role, attester1);
        vm.stopPrank();
        assertEq(vault.attesterCount(), 1, "one left");
    }

    // ------------------------------------------------------------ EIP-712

    function test_hashRelease_matches_forge_eip712_encoder() public view {
        uint256 amount = 123456789e9;
        string memory json = string.concat(
            '{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},',
            '{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],',
            '"Release":[{"name":"srcChainId","type":"uint256"},{"name":"srcVault","type":"address"},',
            '{"name":"nonce","type":"uint64"},{"name":"recipient","type":"address"},',
            '{"name":"amount","type":"uint256"}]},"primaryType":"Release",',
            '"domain":{"name":"StosVault","version":"2","chainId":',
            vm.toString(block.chainid),
            ',"verifyingContract":"',
            vm.toString(address(vault)),
            '"},"message":{"srcChainId":',
            vm.toString(DEST_CHAIN_ID),
            ',"srcVault":"',
            vm.toString(PEER_VAULT),
            '","nonce":42,"recipient":"',
            vm.toString(recipient),
            '","amount":"',
            vm.toString(amount),
            '"}}'
        );
        assertEq(vault.hashRelease(_r(42, recipient, amount)), vm.eip712HashTypedData(json), "digest");
    }

    function test_domain_follows_chain_id() public {
        bytes32 before = vault.domainSeparator();
        vm.chainId(4242);
        bytes32 expected = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("StosVault"),
                keccak256("2"),
                4242,
                address(vault)
            )
        );
        assertEq(vault.domainSeparator(), expected, "domain on the new chain");
        assertTrue(vault.domainSeparator() != before, "changed");
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifying,,) =
            vault.eip712Domain();
        assertEq(uint256(uint8(fields)), 0x0f, "fields");
        assertEq(name, "StosVault", "name");
        assertEq(version, "2", "version");
        assertEq(chainId, 4242, "chainId");
        assertEq(verifying, address(vault), "verifyingContract");
    }

    function test_signature_for_one_vault_does_not_work_on_another() public {
        StosVault other = new StosVault(_config(_token()));
        bytes[] memory sigs = _sigs(1, recipient, 1e18); // signed for `vault`
        address recovered = _recover(other.hashRelease(_r(1, recipient, 1e18)), sigs[0]);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.SignerNotAttester.selector, _id(1), recovered));
        other.release(_r(1, recipient, 1e18), sigs);
    }

    // ------------------------------------------------------------ helpers

    function _recover(bytes32 digest, bytes memory sig) internal pure returns (address) {
        (bytes32 r, bytes32 s, uint8 v) = _split(sig);
        return ecrecover(digest, v, r, s);
    }

    function _split(bytes memory sig) internal pure returns (bytes32 r, bytes32 s, uint8 v) {
        assembly {
            r := mload(add(sig, 0x20))
            s := mload(add(sig, 0x40))
            v := byte(0, mload(add(sig, 0x60)))
        }
    }

    function _withV(bytes memory sig, uint8 v) internal pure returns (bytes memory) {
        (bytes32 r, bytes32 s,) = _split(sig);
        return abi.encodePacked(r, s, v);
    }

    function _malleable(bytes memory sig) internal pure returns (bytes memory) {
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        (bytes32 r, bytes32 s, uint8 v) = _split(sig);
        return abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));
    }
}

/// @notice Token mode: the vault holds an ERC-20.
contract StosVaultTokenModeTest is StosVaultBehaviour {
    function setUp() public {
        stos = new DevStosToken();
        vault = _deployVault(address(stos));
    }

    function test_mode_is_token() public view {
        assertFalse(vault.isNativeMode(), "token mode");
        assertEq(address(vault.token()), address(stos), "token");
    }

    function test_lock_refuses_native_value_in_token_mode() public {
        _give(user, 1e18);
        vm.deal(user, 1);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(StosVault.UnexpectedNativeValue.selector, 1));
        vault.lock{value: 1}(1e18, recipient);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(StosVault.UnexpectedNativeValue.selector, 1));
        vault.fund{value: 1}(1e18);
    }

    function test_lock_without_allowance_reverts_in_the_token() public {
        stos.mint(user, 1e18);
        vm.prank(user);
        vm.expectRevert(); // ERC20InsufficientAllowance from the token
        vault.lock(1e18, recipient);
    }
}

/// @notice Native mode: the vault holds the chain's coin.
contract StosVaultNativeModeTest is StosVaultBehaviour {
    function setUp() public {
        vault = _deployVault(address(0));
    }

    function test_mode_is_native() public view {
        assertTrue(vault.isNativeMode(), "native mode");
        assertEq(address(vault.token()), address(0), "no token");
    }

    function test_lock_refuses_value_not_equal_to_amount() public {
        vm.deal(user, 10e18);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(StosVault.NativeValueMismatch.selector, 1e18, 2e18));
        vault.lock{value: 1e18}(2e18, recipient);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(StosVault.NativeValueMismatch.selector, 0, 2e18));
        vault.fund(2e18);
    }

    function test_plain_transfers_are_refused() public {
        vm.deal(user, 1e18);
        vm.prank(user);
        (bool ok,) = address(vault).call{value: 1e18}("");
        assertFalse(ok, "no receive(): value arrives only through lock and fund");
    }

    function test_recipient_cannot_reenter() public {
        _funded(10e18);
        Reentering attacker = new Reentering(vault);
        vm.startPrank(admin);
        vault.grantRole(vault.RELAYER_ROLE(), address(attacker));
        vm.stopPrank();
        bytes[] memory sigs = _sigs(1, address(attacker), 1e18);
        attacker.arm(2, _sigs(2, address(attacker), 1e18));
        vm.prank(relayer);
        vault.release(_r(1, address(attacker), 1e18), sigs); // the re-entry fails, so the payment is deferred
        assertEq(vault.claimable(address(attacker)), 1e18, "claimable instead");
        assertFalse(vault.usedSourceEvents(_id(2)), "the re-entered release did not happen");
    }
}

contract Rejecting {
    receive() external payable {
        revert("no");
    }
}

/// @dev A recipient that tries to release again from inside the payment (it holds RELAYER_ROLE).
contract Reentering {
    StosVault private immutable _vault;
    uint64 private _nonce;
    bytes[] private _sigs;

    constructor(StosVault vault_) {
        _vault = vault_;
    }

    function arm(uint64 nonce, bytes[] memory sigs) external {
        _nonce = nonce;
        for (uint256 i = 0; i < sigs.length; ++i) {
            _sigs.push(sigs[i]);
        }
    }

    receive() external payable {
        _vault.release(StosVault.Release(2048, address(0x9EE5), _nonce, address(this), 1e18), _sigs); // ReentrancyGuardReentrantCall
    }
}
