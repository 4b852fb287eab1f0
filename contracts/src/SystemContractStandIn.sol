// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SystemContractStandIn (devnet only)
/// @notice The EVM face of Stratos' SystemContract (0x1000000000000000000000000000000000010101), for a devnet
/// that cannot run the Stratos chain. Same selectors, event and errors as the real contract
/// (stratosnet/stratos-chain, packages/gov/contracts/SystemContract.sol and interfaces/ISystemContract.sol);
/// the Cosmos side of `runMsg` (executing the message) is left to the devnet companion, which reads `MsgExecuted`.
/// @dev Placed with `anvil_setCode`, so no constructor ever runs: every setting is a constant, and storage
/// starts zeroed (no executors, not paused).
contract SystemContractStandIn {
    /// @notice May add/remove executors and pause: anvil's first default account (devnet key #0).
    address public constant MAINTAINER = 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266;

    /// @notice The only type URL this stand-in lets through (the devnet companion applies only this one).
    string public constant MSG_PREPAY_TYPE_URL = "/stratos.sds.v1.MsgPrepay";

    /// @dev Same as the real contract's `Action` (the order matters: it is the ABI value).
    enum Action {
        ADD_EXECUTOR,
        REMOVE_EXECUTOR,
        APPROVE_PROTO,
        DISAPPROVE_PROTO
    }

    /// @notice Contracts allowed to call `runMsg` (EOAs always may: tx.origin == msg.sender).
    mapping(address executor => bool allowed) public allowedExecutors;
    bool private _paused;

    /// @notice As on Stratos: signer and typeUrl are indexed (typeUrl as its keccak256), data is the message response.
    event MsgExecuted(address indexed signer, string indexed typeUrl, bytes data);

    error ActionFailed(Action name, bytes data);
    error NotAllowedTypeUrl(string typeUrl);
    error NotAllowedSigner(address shguy, address pbguy);
    error NotAllowedExecutor(address guy);
    error NotMaintainer(address caller);
    error EnforcedPause();
    error MalformedAny();

    receive() external payable {}

    /// @notice Checks the executor and the `Any`'s type URL, then emits `MsgExecuted(msg.sender, typeUrl, "")`
    /// and returns the message response: empty, as `MsgPrepayResponse` has no fields.
    function runMsg(bytes calldata data) external returns (bytes memory) {
        if (_paused) revert EnforcedPause();
        if (!(tx.origin == msg.sender || allowedExecutors[msg.sender])) revert NotAllowedExecutor(msg.sender);
        string memory typeUrl = typeUrlOf(data);
        if (!registeredTypeUrls(typeUrl)) revert NotAllowedTypeUrl(typeUrl);
        bytes memory resp = "";
        emit MsgExecuted(msg.sender, typeUrl, resp);
        return resp;
    }

    function registeredTypeUrls(string memory typeUrl) public pure returns (bool) {
        return keccak256(bytes(typeUrl)) == keccak256(bytes(MSG_PREPAY_TYPE_URL));
    }

    function paused() external view returns (bool) {
        return _paused;
    }

    function addExecutor(address guy) external {
        _onlyMaintainer();
        if (allowedExecutors[guy]) revert ActionFailed(Action.ADD_EXECUTOR, abi.encodePacked(guy));
        allowedExecutors[guy] = true;
    }

    function removeExecutor(address guy) external {
        _onlyMaintainer();
        if (!allowedExecutors[guy]) revert ActionFailed(Action.REMOVE_EXECUTOR, abi.encodePacked(guy));
        delete allowedExecutors[guy];
    }

    function pause() external {
        _onlyMaintainer();
        _paused = true;
    }

    function unpause() external {
        _onlyMaintainer();
        _paused = false;
    }

    /// @notice The `type_url` (field 1) of a protobuf-encoded `google.protobuf.Any`. Walks every field, so field
    /// order does not matter; when field 1 repeats, the last one wins (protobuf's rule for scalar fields).
    /// Reverts `MalformedAny` on truncated input, an unknown wire type, field number 0, or no type URL.
    function typeUrlOf(bytes calldata any) public pure returns (string memory typeUrl) {
        uint256 i = 0;
        bool found = false;
        while (i < any.length) {
            uint256 key;
            (key, i) = _varint(any, i);
            uint256 field = key >> 3;
            uint256 wireType = key & 7;
            if (field == 0) revert MalformedAny();
            if (wireType == 0) {
                (, i) = _varint(any, i);
            } else if (wireType == 1) {
                i += 8;
            } else if (wireType == 2) {
                uint256 length;
                (length, i) = _varint(any, i);
                if (length > any.length - i) revert MalformedAny();
                if (field == 1) {
                    typeUrl = string(any[i:i + length]);
                    found = true;
                }
                i += length;
            } else if (wireType == 5) {
                i += 4;
            } else {
                revert MalformedAny();
            }
            if (i > any.length) revert MalformedAny();
            if (field == 1 && wireType != 2) revert MalformedAny();
        }
        if (!found) revert MalformedAny();
    }

    function _varint(bytes calldata b, uint256 i) private pure returns (uint256 value, uint256 next) {
        for (uint256 shift = 0; shift < 70; shift += 7) {
            if (i >= b.length) revert MalformedAny();
            uint8 byte_ = uint8(b[i++]);
            value |= uint256(byte_ & 0x7f) << shift;
            if (byte_ & 0x80 == 0) return (value, i);
        }
        revert MalformedAny(); // longer than 10 bytes
    }

    function _onlyMaintainer() private view {
        if (msg.sender != MAINTAINER) revert NotMaintainer(msg.sender);
    }
}
