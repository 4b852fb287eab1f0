// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Just enough protobuf encoding to build `google.protobuf.Any` and `MsgPrepay` in tests.
library Protobuf {
    function varint(uint256 v) internal pure returns (bytes memory out) {
        while (v >= 0x80) {
            // forge-lint: disable-next-line(unsafe-typecast) the low 7 bits
            out = bytes.concat(out, bytes1(uint8(v & 0x7f) | 0x80));
            v >>= 7;
        }
        // forge-lint: disable-next-line(unsafe-typecast) v < 0x80 here
        out = bytes.concat(out, bytes1(uint8(v)));
    }

    function lengthDelimited(uint256 field, bytes memory value) internal pure returns (bytes memory) {
        return bytes.concat(varint(field << 3 | 2), varint(value.length), value);
    }

    function any(string memory typeUrl, bytes memory value) internal pure returns (bytes memory) {
        return bytes.concat(lengthDelimited(1, bytes(typeUrl)), lengthDelimited(2, value));
    }

    function msgPrepay(string memory sender, string memory beneficiary, string memory weiAmount)
        internal
        pure
        returns (bytes memory)
    {
        bytes memory coin = bytes.concat(lengthDelimited(1, "wei"), lengthDelimited(2, bytes(weiAmount)));
        return bytes.concat(
            lengthDelimited(1, bytes(sender)), lengthDelimited(2, bytes(beneficiary)), lengthDelimited(3, coin)
        );
    }
}
