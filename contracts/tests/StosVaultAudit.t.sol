// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {StosVault} from "../src/StosVault.sol";
import {BridgeTimelock} from "../src/BridgeTimelock.sol";
import {DevStosToken} from "../src/dev/DevStosToken.sol";
import {VaultFixture} from "./lib/VaultFixture.sol";
import {StratosTokenMock} from "./lib/StratosTokenMock.sol";

/// @notice One test (or more) per finding of the security review (issue 14). Each fails on the vault before it.
contract StosVaultAuditTest is VaultFixture {
    event ReleaseSkipped(bytes32 indexed sourceEventId);
    event ReleaseConflict(bytes32 indexed sourceEventId, bytes32 usedContent, bytes32 content);
    event ReleaseDeferred(bytes32 indexed sourceEventId, address indexed recipient, uint256 amount);
    event Cancelled(bytes32 indexed sourceEventId, uint64 nonce);
    event Refunded(uint64 indexed nonce, address indexed sender, uint256 amount);
    event FeeCharged(uint64 indexed nonce, uint256 fee);
    event Locked(
        uint64 indexed nonce, address indexed sender, address indexed recipient, uint256 amount, uint256 destChainId
    );

    uint256 internal constant ATTESTER3_KEY = 0xC0C;

    function setUp() public {
        vault = _deployVault(address(0));
        _give(address(this), 1_000e18);
        _fundAs(address(this), 1_000e18);
    }

    // ------------------------------------------------------------ 1. one admin key cannot empty a vault at once

    function test_admin_timelock_one_proposer_key_can_do_nothing_at_once() public {
        address key = address(0xE0A);
        address[] memory roles = new address[](1);
        roles[0] = key;
        BridgeTimelock timelock = new BridgeTimelock(2 days, roles, roles);
        StosVault.Config memory c = _config(address(0));
        c.admin = address(timelock);
        StosVault v = new StosVault(c);
        bytes32 attesterRole = v.ATTESTER_ROLE();

        // the key itself holds no role on the vault
        vm.prank(key);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, key, bytes32(0))
        );
        v.grantRole(attesterRole, key);

        // through the timelock: scheduled now, refused until the delay has passed
        bytes memory grant = abi.encodeCall(IAccessControl.grantRole, (attesterRole, key));
        vm.prank(key);
        timelock.schedule(address(v), 0, grant, bytes32(0), bytes32(0), 2 days);
        vm.prank(key);
        vm.expectRevert();
        timelock.execute(address(v), 0, grant, bytes32(0), bytes32(0));
        assertFalse(v.hasRole(attesterRole, key), "not granted before the delay");

        // a shorter delay is refused
        bytes memory threshold = abi.encodeCall(StosVault.setThreshold, (1));
        vm.prank(key);
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockInsufficientDelay.selector, 1, 2 days));
        timelock.schedule(address(v), 0, threshold, bytes32(0), bytes32(0), 1);

        vm.warp(block.timestamp + 2 days);
        vm.prank(key);
        timelock.execute(address(v), 0, grant, bytes32(0), bytes32(0));
        assertTrue(v.hasRole(attesterRole, key), "granted after the delay");
    }

    function test_admin_cannot_lift_caps_above_the_ceilings_nor_the_threshold_above_the_attesters() public {
        vm.startPrank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(StosVault.CapAboveCeiling.selector, type(uint256).max, RELEASE_CAP_CEILING)
        );
        vault.setReleaseCap(type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(StosVault.CapAboveCeiling.selector, type(uint256).max, DAILY_CAP_CEILING));
        vault.setDailyCap(type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(StosVault.InvalidThreshold.selector, 5, 2));
        vault.setThreshold(5);
        vm.stopPrank();
    }

    function test_admin_transfer_is_two_step_with_a_delay() public {
        address next = address(0xAD2);
        vm.prank(admin);
        vault.beginDefaultAdminTransfer(next);
        vm.prank(next);
        vm.expectRevert(); // AccessControlEnforcedDefaultAdminDelay
        vault.acceptDefaultAdminTransfer();
        vm.warp(block.timestamp + ADMIN_DELAY + 1);
        vm.prank(next);
        vault.acceptDefaultAdminTransfer();
        assertEq(vault.defaultAdmin(), next, "new admin after the delay");
        bytes32 adminRole = vault.DEFAULT_ADMIN_ROLE();
        vm.prank(next);
        vm.expectRevert(); // AccessControlEnforcedDefaultAdminRules: no second admin by grantRole
        vault.grantRole(adminRole, address(0xBAD));
    }

    // ------------------------------------------------------------ 2. a release is bound to its source

    function test_two_vaults_on_one_chain_cannot_both_release_one_lock() public {
        // a second native vault on the same chain, paired with another peer (say BSC's vault)
        StosVault.Config memory c = _config(address(0));
        c.peerChainId = 56;
        c.peerVault = address(0xB5C);
        StosVault other = new StosVault(c);
        _give(address(this), 10e18);
        vm.deal(address(this), 10e18);
        other.fund{value: 10e18}(10e18);

        _release(7, recipient, 1e18); // Ethereum lock 7, released by its own peer vault
        StosVault.Release memory sameLock = _r(7, recipient, 1e18);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(other, ATTESTER1_KEY, sameLock); // even a signature made for `other`
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.WrongSource.selector, DEST_CHAIN_ID, PEER_VAULT));
        other.release(sameLock, sigs);
    }

    function test_release_id_is_computed_on_chain_from_the_source() public view {
        assertEq(vault.releaseId(DEST_CHAIN_ID, PEER_VAULT, 3), _id(3), "keccak256(abi.encode(chain, vault, nonce))");
    }

    function test_a_migrated_vault_refuses_nonces_below_its_start() public {
        StosVault.Config memory c = _config(address(0));
        c.startNonce = 100; // the old vault's used set covers peer nonces 0..99
        StosVault next = new StosVault(c);
        vm.deal(address(this), 10e18);
        next.fund{value: 10e18}(10e18);
        StosVault.Release memory old = _r(99, recipient, 1e18);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(next, ATTESTER1_KEY, old);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.NonceBelowStart.selector, 99, 100));
        next.release(old, sigs);
        StosVault.Release memory fresh = _r(100, recipient, 1e18);
        sigs[0] = _sign(next, ATTESTER1_KEY, fresh);
        vm.prank(relayer);
        next.release(fresh, sigs);
        assertTrue(next.usedSourceEvents(_id(100)), "nonce 100 released");
    }

    // ------------------------------------------------------------ 3. a skip compares content

    function test_a_used_id_with_other_content_is_a_conflict_not_a_skip() public {
        _release(1, recipient, 1e18);
        StosVault.Release[] memory rs = new StosVault.Release[](2);
        bytes[][] memory sigs = new bytes[][](2);
        rs[0] = _r(1, recipient, 1e18); // same content: a plain skip
        rs[1] = _r(1, user, 2e18); // same id, other recipient and amount
        sigs[0] = _sigs(1, recipient, 1e18);
        sigs[1] = _sigs(1, user, 2e18);
        vm.expectEmit(true, true, true, true, address(vault));
        emit ReleaseSkipped(_id(1));
        vm.expectEmit(true, true, true, true, address(vault));
        emit ReleaseConflict(_id(1), vault.contentOf(recipient, 1e18), vault.contentOf(user, 2e18));
        vm.prank(relayer);
        vault.releaseBatch(rs, sigs);
        assertEq(vault.usedContent(_id(1)), vault.contentOf(recipient, 1e18), "the first content stays");
        assertEq(user.balance, 0, "nothing paid to the second");
    }

    // ------------------------------------------------------------ 4. hostile native recipients

    function test_hostile_native_recipients_cannot_block_or_drain_a_batch() public {
        address reverting = address(new RevertingRecipient());
        address burning = address(new GasBurningRecipient());
        address loud = address(new LargePayloadRecipient());
        address[5] memory to = [address(0x1111), reverting, burning, loud, address(0x2222)];
        StosVault.Release[] memory rs = new StosVault.Release[](5);
        bytes[][] memory sigs = new bytes[][](5);
        for (uint256 i = 0; i < 5; ++i) {
            rs[i] = _r(10 + i, to[i], 1e18);
            sigs[i] = _sigs(10 + i, to[i], 1e18);
        }
        vm.expectEmit(true, true, true, true, address(vault));
        emit ReleaseDeferred(_id(11), reverting, 1e18);
        vm.prank(relayer);
        uint256 before = gasleft();
        vault.releaseBatch(rs, sigs);
        uint256 used = before - gasleft();
        assertLe(used, 5 * 100_000, "hostile recipients cost at most their stipend");
        assertEq(address(0x1111).balance, 1e18, "first paid");
        assertEq(address(0x2222).balance, 1e18, "last paid");
        assertEq(vault.claimable(reverting), 1e18, "reverting: claimable");
        assertEq(vault.claimable(burning), 1e18, "burning: claimable");
        assertEq(vault.claimable(loud), 1e18, "large revert payload: claimable");
        assertEq(vault.totalClaimable(), 3e18, "total claimable");
        assertEq(vault.liquidity(), 1_000e18 - 5e18, "claimable is not liquidity");
        for (uint256 i = 0; i < 5; ++i) {
            assertTrue(vault.usedSourceEvents(_id(10 + i)), "every release used");
        }
    }

    function test_claimable_balance_is_withdrawn_by_the_recipient_or_pushed_by_an_operator() public {
        RevertingRecipient r = new RevertingRecipient();
        _release(1, address(r), 1e18);
        _release(2, address(r), 2e18);
        assertEq(vault.claimable(address(r)), 3e18, "claimable");
        r.claimTo(vault, payable(user)); // the recipient sends its balance elsewhere
        assertEq(user.balance, 3e18, "withdrawn to the address it named");
        assertEq(vault.totalClaimable(), 0, "cleared");
        vm.expectRevert(abi.encodeWithSelector(StosVault.NothingToClaim.selector, address(r)));
        r.claimTo(vault, payable(user));

        GasBurningRecipient b = new GasBurningRecipient();
        _release(3, address(b), 1e18);
        b.calm();
        vm.prank(relayer);
        vault.claimFor(address(b)); // an operator pushes it with all gas once the recipient accepts
        assertEq(address(b).balance, 1e18, "pushed");
    }

    // ------------------------------------------------------------ 5. undeliverable locks and the refund path

    function test_lock_refuses_a_vault_as_recipient() public {
        _give(user, 2e18);
        vm.prank(user);
        vm.expectRevert(StosVault.RecipientIsVault.selector);
        vault.lock{value: 1e18}(1e18, PEER_VAULT);
        vm.prank(user);
        vm.expectRevert(StosVault.RecipientIsVault.selector);
        vault.lock{value: 1e18}(1e18, address(vault));
    }

    function test_full_refund_path_lock_cancel_refund_then_release_refused() public {
        // a token-mode source vault and its native-mode destination on one chain, each the other's peer
        stos = new DevStosToken();
        address srcAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)));
        address dstAddress = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        StosVault.Config memory c = _config(address(stos));
        c.peerChainId = block.chainid;
        c.peerVault = dstAddress;
        c.fee = 1e16;
        c.minLock = 1e18;
        StosVault src = new StosVault(c);
        c = _config(address(0));
        c.peerChainId = block.chainid;
        c.peerVault = srcAddress;
        StosVault dst = new StosVault(c);
        assertEq(address(src), srcAddress, "predicted source");
        assertEq(address(dst), dstAddress, "predicted destination");

        stos.mint(user, 5e18);
        vm.prank(user);
        stos.approve(address(src), 5e18);
        vm.prank(user);
        uint64 nonce = src.lock(5e18, recipient);
        uint256 net = 5e18 - 1e16;

        // destination: attesters sign Cancel; the id becomes used, nothing is paid
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _signDigest(ATTESTER1_KEY, dst.hashCancel(nonce));
        bytes32 id = dst.releaseId(block.chainid, address(src), nonce);
        vm.expectEmit(true, true, true, true, address(dst));
        emit Cancelled(id, nonce);
        vm.prank(relayer);
        dst.cancel(nonce, sigs);
        assertEq(dst.usedContent(id), dst.CANCELLED(), "cancelled");

        // source: attesters sign Refund after seeing Cancelled; the sender gets the net amount back
        sigs[0] = _signDigest(ATTESTER1_KEY, src.hashRefund(nonce, user, net));
        vm.expectEmit(true, true, true, true, address(src));
        emit Refunded(nonce, user, net);
        vm.prank(relayer);
        src.refund(nonce, user, net, sigs);
        assertEq(stos.balanceOf(user), net, "refunded");
        assertEq(src.totalRefunded(), net, "counted");
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.AlreadyRefunded.selector, nonce));
        src.refund(nonce, user, net, sigs);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.UnknownLock.selector, nonce + 1));
        src.refund(nonce + 1, user, net, sigs);

        // a later release attempt is refused (single) or a conflict (batch): never both refunded and released
        vm.deal(address(this), 10e18);
        dst.fund{value: 10e18}(10e18);
        StosVault.Release memory late = StosVault.Release(block.chainid, address(src), nonce, recipient, net);
        sigs[0] = _sign(dst, ATTESTER1_KEY, late);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.SourceEventAlreadyUsed.selector, id));
        dst.release(late, sigs);
        StosVault.Release[] memory batch = new StosVault.Release[](1);
        batch[0] = late;
        bytes[][] memory batchSigs = new bytes[][](1);
        batchSigs[0] = sigs;
        vm.expectEmit(true, true, true, true, address(dst));
        emit ReleaseConflict(id, dst.CANCELLED(), dst.contentOf(recipient, net));
        vm.prank(relayer);
        dst.releaseBatch(batch, batchSigs);
        assertEq(recipient.balance, 0, "never released");
    }

    function test_cancel_of_a_released_lock_is_refused() public {
        _release(4, recipient, 1e18);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _signDigest(ATTESTER1_KEY, vault.hashCancel(4));
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(StosVault.SourceEventAlreadyUsed.selector, _id(4)));
        vault.cancel(4, sigs);
    }

    // ------------------------------------------------------------ 6. fee and minimum lock

    function test_lock_charges_the_route_fee_in_the_locked_asset() public {
        vm.prank(admin);
        vault.setLockLimits(1e18, MAX_LOCK, 1e16);
        _give(user, 3e18);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(StosVault.LockBelowMinimum.selector, 1e15, 1e18));
        vault.lock{value: 1e15}(1e15, recipient); // dust
        vm.expectEmit(true, true, true, true, address(vault));
        emit FeeCharged(0, 1e16);
        vm.expectEmit(true, true, true, true, address(vault));
        emit Locked(0, user, recipient, 2e18 - 1e16, DEST_CHAIN_ID);
        vm.prank(user);
        vault.lock{value: 2e18}(2e18, recipient);
        assertEq(vault.totalFees(), 1e16, "fee kept");
        assertEq(vault.totalLocked(), 2e18 - 1e16, "net locked");
        assertEq(vault.sweepable(), 1e16, "the fee is sweepable");
    }

    // ------------------------------------------------------------ 7. value outside lock/fund

    function test_value_arriving_outside_lock_and_fund_goes_only_to_the_treasury_through_the_admin() public {
        vm.deal(address(vault), address(vault).balance + 3e18); // forced (selfdestruct, coinbase)
        assertEq(vault.sweepable(), 3e18, "surplus seen");
        bytes32 adminRole = vault.DEFAULT_ADMIN_ROLE();
        vm.prank(relayer);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, relayer, adminRole)
        );
        vault.sweep();
        vm.prank(admin);
        vault.sweep();
        assertEq(treasury.balance, 3e18, "to the treasury");
        assertEq(vault.totalSwept(), 3e18, "counted");
        assertEq(vault.liquidity(), vault.reserved(), "only what is owed is left");
        vm.prank(admin);
        vm.expectRevert(StosVault.ZeroAmount.selector);
        vault.sweep(); // funded and locked value never leaves this way
    }

    // ------------------------------------------------------------ signatures at threshold 2

    function testFuzz_signatures_at_threshold_two(uint8 mask, uint8 rotate, bool outsider) public {
        StosVault.Config memory c = _config(address(0));
        c.attesters = new address[](3);
        c.attesters[0] = vm.addr(ATTESTER1_KEY);
        c.attesters[1] = vm.addr(ATTESTER2_KEY);
        c.attesters[2] = vm.addr(ATTESTER3_KEY);
        c.threshold = 2;
        StosVault v = new StosVault(c);
        vm.deal(address(this), 1e18);
        v.fund{value: 1e18}(1e18);
        StosVault.Release memory r = _r(1, recipient, 1e18);
        uint256[4] memory keys = [ATTESTER1_KEY, ATTESTER2_KEY, ATTESTER3_KEY, ATTESTER1_KEY];
        uint256 n;
        bytes[] memory all = new bytes[](5);
        for (uint256 i = 0; i < 4; ++i) {
            if (mask & (1 << i) != 0) all[n++] = _sign(v, keys[i], r); // bit 3: attester 1 again
        }
        if (outsider) all[n++] = _sign(v, OUTSIDER_KEY, r);
        bytes[] memory sigs = new bytes[](n);
        for (uint256 i = 0; i < n; ++i) {
            sigs[i] = all[(i + rotate) % n];
        }
        uint256 distinct = (mask & 1 != 0 || mask & 8 != 0 ? 1 : 0) + (mask & 2 != 0 ? 1 : 0) + (mask & 4 != 0 ? 1 : 0);
        bool duplicate = mask & 1 != 0 && mask & 8 != 0;
        vm.prank(relayer);
        try v.release(r, sigs) {
            assertTrue(distinct >= 2 && !duplicate && !outsider, "released only with 2 distinct attesters and no stranger");
        } catch (bytes memory reason) {
            assertFalse(distinct >= 2 && !duplicate && !outsider, "refused a valid set");
            bytes4 sel = _selector(reason);
            assertTrue(
                sel == StosVault.InsufficientSignatures.selector || sel == StosVault.DuplicateSigner.selector
                    || sel == StosVault.SignerNotAttester.selector,
                "refused for a signature reason"
            );
        }
    }

    // ------------------------------------------------------------ the real STOS token's powers

    function test_real_stos_stop_blocks_locks_but_not_releases_and_a_burn_shows_as_a_shortfall() public {
        address minterBurner = address(0x3B);
        StratosTokenMock token = new StratosTokenMock(minterBurner);
        StosVault v = new StosVault(_config(address(token)));
        vm.prank(minterBurner);
        token.mint(user, 10e18);
        vm.prank(user);
        token.approve(address(v), 10e18);
        vm.prank(user);
        v.lock(4e18, recipient);

        token.stop(); // the token owner stops STOS
        vm.prank(user);
        vm.expectRevert(StratosTokenMock.Stopped.selector);
        v.lock(1e18, recipient);
        StosVault.Release memory r = _r(1, recipient, 1e18);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(v, ATTESTER1_KEY, r);
        vm.prank(relayer);
        v.release(r, sigs); // `transfer` is not stopped
        assertEq(token.balanceOf(recipient), 1e18, "released while stopped");

        vm.prank(minterBurner);
        token.burn(address(v), 2e18); // MINT_BURN_ROLE burns from the vault without allowance
        assertEq(v.liquidity(), 1e18, "balance after the burn");
        assertLe(v.liquidity() + 2e18, v.reserved(), "reconciliation sees the shortfall");
    }
}

contract RevertingRecipient {
    receive() external payable {
        revert("no");
    }

    function claimTo(StosVault vault, address payable to) external {
        vault.claim(to);
    }
}

contract GasBurningRecipient {
    bool private _calm;

    function calm() external {
        _calm = true;
    }

    receive() external payable {
        if (_calm) return;
        uint256 i;
        while (true) {
            ++i;
        }
    }
}

/// @dev Reverts with 20 kB of data: the vault must not copy it.
contract LargePayloadRecipient {
    receive() external payable {
        assembly {
            revert(0, 20000)
        }
    }
}
