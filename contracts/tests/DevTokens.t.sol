// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DevStosToken} from "../src/dev/DevStosToken.sol";
import {FeeOnTransferToken} from "../src/dev/FeeOnTransferToken.sol";
import {TestBase} from "./lib/TestBase.sol";

contract DevTokensTest is TestBase {
    function test_dev_stos_is_an_18_decimal_STOS() public {
        DevStosToken t = new DevStosToken();
        assertEq(t.symbol(), "STOS", "symbol");
        assertEq(uint256(t.decimals()), 18, "decimals");
        t.mint(address(0xA), 5e18);
        assertEq(t.balanceOf(address(0xA)), 5e18, "minted");
        assertEq(t.totalSupply(), 5e18, "supply");
    }

    function test_fee_token_burns_its_fee_on_transfer_only() public {
        FeeOnTransferToken t = new FeeOnTransferToken(300); // 3 %
        t.mint(address(this), 100e18);
        assertEq(t.balanceOf(address(this)), 100e18, "mint is not charged");
        assertTrue(t.transfer(address(0xB), 100e18), "transfer");
        assertEq(t.balanceOf(address(0xB)), 97e18, "receiver gets amount minus fee");
        assertEq(t.totalSupply(), 97e18, "fee burnt");
    }

    function test_fee_token_refuses_fee_above_100_percent() public {
        vm.expectRevert(abi.encodeWithSelector(FeeOnTransferToken.FeeTooHigh.selector, 10_001));
        new FeeOnTransferToken(10_001);
    }
}
