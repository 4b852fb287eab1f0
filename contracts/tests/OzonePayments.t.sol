// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {OzonePayments} from "../src/OzonePayments.sol";
import {TestBase} from "./lib/TestBase.sol";
import {EtherRejector} from "./lib/EtherRejector.sol";

contract OzonePaymentsTest is TestBase {
    event OzonePaid(bytes32 indexed quoteId, address indexed payer, address indexed beneficiary, uint256 amount);

    address payable private treasury = payable(address(0x7EA5));
    address private admin = address(0xAD);
    address private pauser = address(0x9A05E);
    address private payer = address(0xFA7E4);
    address private beneficiary = address(0xBE4E);
    bytes32 private constant QUOTE = keccak256("quote-1");
    OzonePayments private payments;

    function setUp() public {
        payments = new OzonePayments(treasury, admin, _pausers());
        vm.deal(payer, 100 ether);
    }

    function test_constructor_refuses_zero_treasury_and_admin() public {
        vm.expectRevert(OzonePayments.ZeroTreasury.selector);
        new OzonePayments(payable(address(0)), admin, _pausers());
        vm.expectRevert(OzonePayments.ZeroAdmin.selector);
        new OzonePayments(treasury, address(0), _pausers());
    }

    function test_constructor_sets_treasury_and_roles() public view {
        assertEq(payments.treasury(), treasury, "treasury");
        assertTrue(payments.hasRole(payments.DEFAULT_ADMIN_ROLE(), admin), "admin");
        assertFalse(payments.hasRole(payments.PAUSER_ROLE(), admin), "the admin is not a pauser");
        assertTrue(payments.hasRole(payments.PAUSER_ROLE(), pauser), "pauser");
    }

    function test_pay_emits_and_forwards_to_treasury() public {
        vm.expectEmit(true, true, true, true, address(payments));
        emit OzonePaid(QUOTE, payer, beneficiary, 1.5 ether);
        vm.prank(payer);
        payments.pay{value: 1.5 ether}(QUOTE, beneficiary);
        assertEq(treasury.balance, 1.5 ether, "treasury got it");
        assertEq(address(payments).balance, 0, "nothing kept");
    }

    function test_pay_refuses_zero_quote_id() public {
        vm.prank(payer);
        vm.expectRevert(OzonePayments.ZeroQuoteId.selector);
        payments.pay{value: 1 ether}(bytes32(0), beneficiary);
    }

    function test_pay_refuses_zero_beneficiary() public {
        vm.prank(payer);
        vm.expectRevert(OzonePayments.ZeroBeneficiary.selector);
        payments.pay{value: 1 ether}(QUOTE, address(0));
    }

    function test_pay_refuses_zero_value() public {
        vm.prank(payer);
        vm.expectRevert(OzonePayments.ZeroValue.selector);
        payments.pay(QUOTE, beneficiary);
    }

    function test_pay_reverts_when_treasury_rejects() public {
        address payable rejector = payable(address(new EtherRejector()));
        OzonePayments p = new OzonePayments(rejector, admin, _pausers());
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(OzonePayments.TreasuryRejected.selector, rejector, 1 ether));
        p.pay{value: 1 ether}(QUOTE, beneficiary);
        assertEq(payer.balance, 100 ether, "payer keeps the money");
    }

    function test_pay_reverts_when_treasury_reenters() public {
        ReenteringTreasury t = new ReenteringTreasury();
        OzonePayments p = new OzonePayments(payable(address(t)), admin, _pausers());
        t.set(p);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(OzonePayments.TreasuryRejected.selector, address(t), 1 ether));
        p.pay{value: 1 ether}(QUOTE, beneficiary);
    }

    function test_plain_transfers_are_refused() public {
        vm.prank(payer);
        (bool ok,) = address(payments).call{value: 1 ether}("");
        assertFalse(ok, "a payment must name its quote");
    }

    function test_pause_blocks_pay_until_unpause() public {
        vm.prank(pauser);
        payments.pause();
        vm.prank(payer);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        payments.pay{value: 1 ether}(QUOTE, beneficiary);
        vm.prank(admin);
        payments.unpause();
        vm.prank(payer);
        payments.pay{value: 1 ether}(QUOTE, beneficiary);
        assertEq(treasury.balance, 1 ether, "paid after unpause");
    }

    function test_pause_needs_pauser_role_and_only_the_admin_unpauses() public {
        bytes32 role = payments.PAUSER_ROLE();
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, payer, role));
        payments.pause();
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, admin, role));
        payments.pause();
        vm.prank(pauser);
        payments.pause();
        assertTrue(payments.paused(), "pauser paused");
        bytes32 adminRole = payments.DEFAULT_ADMIN_ROLE();
        vm.prank(pauser);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, pauser, adminRole));
        payments.unpause();
        vm.prank(admin);
        payments.unpause();
        assertFalse(payments.paused(), "admin unpaused");
    }

    function _pausers() internal view returns (address[] memory p) {
        p = new address[](1);
        p[0] = pauser;
    }

    function testFuzz_pay_forwards_everything(bytes32 quoteId, address who, uint96 amount) public {
        vm.assume(quoteId != bytes32(0) && who != address(0) && amount > 0);
        vm.deal(payer, amount);
        vm.expectEmit(true, true, true, true, address(payments));
        emit OzonePaid(quoteId, payer, who, amount);
        vm.prank(payer);
        payments.pay{value: amount}(quoteId, who);
        assertEq(treasury.balance, amount, "treasury");
        assertEq(address(payments).balance, 0, "nothing kept");
    }
}

/// @dev A treasury that tries to pay again while being paid.
contract ReenteringTreasury {
    OzonePayments private _payments;

    function set(OzonePayments payments) external {
        _payments = payments;
    }

    receive() external payable {
        _payments.pay{value: msg.value}(keccak256("again"), address(1));
    }
}
