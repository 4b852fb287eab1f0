// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SystemContractStandIn} from "../src/SystemContractStandIn.sol";
import {TestBase} from "./lib/TestBase.sol";
import {Protobuf} from "./lib/Protobuf.sol";

/// @notice The stand-in is tested where the devnet puts it: its runtime code etched at the SystemContract
/// address, so no constructor has run and storage starts empty.
contract SystemContractStandInTest is TestBase {
    event MsgExecuted(address indexed signer, string indexed typeUrl, bytes data);

    address private constant SYSTEM = 0x1000000000000000000000000000000000010101;
    address private constant MAINTAINER = 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266;
    string private constant PREPAY = "/stratos.sds.v1.MsgPrepay";
    address private eoa = address(0xE0A);
    address private dapp = address(0xDA99);
    SystemContractStandIn private sys = SystemContractStandIn(payable(SYSTEM));

    /// Any{ "/stratos.sds.v1.MsgPrepay", MsgPrepay{ sender, beneficiary, [1e18 wei] } } as encoded by
    /// cosmjs-types 0.9.0 (`Any.encode`, `Coin.encode`, BinaryWriter for MsgPrepay's three fields);
    /// the st1 strings are placeholders, the stand-in does not read them.
    bytes private constant COSMJS_PREPAY_ANY =
        hex"0a192f73747261746f732e7364732e76312e4d736750726570617912720a29737431717970717870713971637273737a673270767871367273307a716733797963356c79386b706412297374317a67363976377973343078373779333532657566703237646175667267346e63366c327434671a1a0a03776569121331303030303030303030303030303030303030";

    function setUp() public {
        vm.etch(SYSTEM, address(new SystemContractStandIn()).code);
    }

    function _prepayAny() private pure returns (bytes memory) {
        return Protobuf.any(
            PREPAY,
            Protobuf.msgPrepay(
                "st1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5ly8kpd",
                "st1zg69v7ys40x77y352eufp27daufrg4nc6l2t4g",
                "1000000000000000000"
            )
        );
    }

    function test_test_encoder_matches_cosmjs() public pure {
        assertEq(_prepayAny(), COSMJS_PREPAY_ANY, "Protobuf.sol vs cosmjs-types");
    }

    function test_runMsg_from_an_eoa_emits_MsgExecuted_and_returns_empty() public {
        vm.expectEmit(true, true, true, true, SYSTEM);
        emit MsgExecuted(eoa, PREPAY, "");
        vm.prank(eoa, eoa);
        bytes memory resp = sys.runMsg(COSMJS_PREPAY_ANY);
        assertEq(resp.length, 0, "MsgPrepayResponse is empty");
    }

    function test_MsgExecuted_log_layout_matches_the_real_event() public {
        vm.recordLogs();
        vm.prank(eoa, eoa);
        sys.runMsg(COSMJS_PREPAY_ANY);
        bytes32[] memory topics = vm.getRecordedLogs()[0].topics;
        assertEq(topics.length, 3, "signature + two indexed");
        assertEq(topics[0], keccak256("MsgExecuted(address,string,bytes)"), "topic0");
        assertEq(topics[1], bytes32(uint256(uint160(eoa))), "signer");
        assertEq(topics[2], keccak256(bytes(PREPAY)), "typeUrl is indexed: its keccak256");
    }

    function test_runMsg_refuses_a_contract_caller() public {
        vm.prank(dapp, eoa);
        vm.expectRevert(abi.encodeWithSelector(SystemContractStandIn.NotAllowedExecutor.selector, dapp));
        sys.runMsg(COSMJS_PREPAY_ANY);
    }

    function test_allowed_executor_may_call() public {
        vm.prank(MAINTAINER);
        sys.addExecutor(dapp);
        assertTrue(sys.allowedExecutors(dapp), "allowed");
        vm.expectEmit(true, true, true, true, SYSTEM);
        emit MsgExecuted(dapp, PREPAY, "");
        vm.prank(dapp, eoa);
        sys.runMsg(COSMJS_PREPAY_ANY);
        vm.prank(MAINTAINER);
        sys.removeExecutor(dapp);
        vm.prank(dapp, eoa);
        vm.expectRevert(abi.encodeWithSelector(SystemContractStandIn.NotAllowedExecutor.selector, dapp));
        sys.runMsg(COSMJS_PREPAY_ANY);
    }

    function test_executor_admin_errors() public {
        vm.prank(eoa);
        vm.expectRevert(abi.encodeWithSelector(SystemContractStandIn.NotMaintainer.selector, eoa));
        sys.addExecutor(dapp);
        vm.prank(MAINTAINER);
        vm.expectRevert(
            abi.encodeWithSelector(
                SystemContractStandIn.ActionFailed.selector,
                SystemContractStandIn.Action.REMOVE_EXECUTOR,
                abi.encodePacked(dapp)
            )
        );
        sys.removeExecutor(dapp);
        vm.prank(MAINTAINER);
        sys.addExecutor(dapp);
        vm.prank(MAINTAINER);
        vm.expectRevert(
            abi.encodeWithSelector(
                SystemContractStandIn.ActionFailed.selector,
                SystemContractStandIn.Action.ADD_EXECUTOR,
                abi.encodePacked(dapp)
            )
        );
        sys.addExecutor(dapp);
    }

    function test_runMsg_refuses_other_type_urls() public {
        bytes memory send = Protobuf.any("/cosmos.bank.v1beta1.MsgSend", hex"010203");
        vm.prank(eoa, eoa);
        vm.expectRevert(
            abi.encodeWithSelector(SystemContractStandIn.NotAllowedTypeUrl.selector, "/cosmos.bank.v1beta1.MsgSend")
        );
        sys.runMsg(send);
        assertTrue(sys.registeredTypeUrls(PREPAY), "MsgPrepay registered");
        assertFalse(sys.registeredTypeUrls("/cosmos.staking.v1beta1.MsgDelegate"), "nothing else");
    }

    function test_runMsg_refuses_malformed_any() public {
        bytes[8] memory bad = [
            bytes(""), // empty
            hex"0a", // tag without length
            hex"0a0561626364", // length beyond the end
            hex"0b", // wire type 3 (group start)
            hex"02", // field number 0
            hex"0801", // field 1 as a varint
            hex"1203010203", // only the value: no type URL
            hex"0affffffffffffffffffff01" // length varint longer than 10 bytes
        ];
        for (uint256 i = 0; i < bad.length; ++i) {
            vm.prank(eoa, eoa);
            vm.expectRevert(SystemContractStandIn.MalformedAny.selector);
            sys.runMsg(bad[i]);
        }
    }

    function test_typeUrlOf_reads_field_1_in_any_position() public view {
        bytes memory valueFirst =
            bytes.concat(Protobuf.lengthDelimited(2, hex"0102"), Protobuf.lengthDelimited(1, bytes(PREPAY)));
        assertEq(sys.typeUrlOf(valueFirst), PREPAY, "value before type_url");
        bytes memory withOthers = bytes.concat(
            hex"1801", hex"210102030405060708", hex"2d01020304", Protobuf.lengthDelimited(1, bytes(PREPAY))
        );
        assertEq(sys.typeUrlOf(withOthers), PREPAY, "skips varint, fixed64 and fixed32 fields");
        bytes memory twice = bytes.concat(Protobuf.lengthDelimited(1, "/x"), Protobuf.lengthDelimited(1, bytes(PREPAY)));
        assertEq(sys.typeUrlOf(twice), PREPAY, "last one wins");
    }

    function test_pause_blocks_runMsg() public {
        vm.prank(eoa);
        vm.expectRevert(abi.encodeWithSelector(SystemContractStandIn.NotMaintainer.selector, eoa));
        sys.pause();
        vm.prank(MAINTAINER);
        sys.pause();
        assertTrue(sys.paused(), "paused");
        vm.prank(eoa, eoa);
        vm.expectRevert(SystemContractStandIn.EnforcedPause.selector);
        sys.runMsg(COSMJS_PREPAY_ANY);
        vm.prank(MAINTAINER);
        sys.unpause();
        vm.prank(eoa, eoa);
        sys.runMsg(COSMJS_PREPAY_ANY);
    }

    function test_runMsg_is_not_payable_but_receive_is() public {
        vm.deal(eoa, 2 ether);
        vm.prank(eoa, eoa);
        (bool ok,) = SYSTEM.call{value: 1 ether}(abi.encodeCall(SystemContractStandIn.runMsg, (COSMJS_PREPAY_ANY)));
        assertFalse(ok, "runMsg refuses value, like the real one");
        vm.prank(eoa, eoa);
        (ok,) = SYSTEM.call{value: 1 ether}("");
        assertTrue(ok, "receive accepts coin");
    }

    function test_constants() public view {
        assertEq(sys.MAINTAINER(), MAINTAINER, "maintainer");
        assertEq(sys.MSG_PREPAY_TYPE_URL(), PREPAY, "type url");
    }

    function testFuzz_typeUrlOf_round_trips(string memory typeUrl, bytes memory value) public view {
        assertEq(sys.typeUrlOf(Protobuf.any(typeUrl, value)), typeUrl, "round trip");
    }

    function testFuzz_random_bytes_parse_or_revert_MalformedAny(bytes memory data) public view {
        try sys.typeUrlOf(data) returns (string memory) {}
        catch (bytes memory reason) {
            assertEq(reason, abi.encodeWithSelector(SystemContractStandIn.MalformedAny.selector), "only MalformedAny");
        }
    }
}
