// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DevPriceFeed} from "../src/dev/DevPriceFeed.sol";
import {TestBase} from "./lib/TestBase.sol";

contract DevPriceFeedTest is TestBase {
    function test_reads_like_an_aggregator() public {
        vm.warp(1_700_000_000);
        DevPriceFeed f = new DevPriceFeed(8, "ETH / USD", 3000e8);
        assertEq(uint256(f.decimals()), 8, "decimals");
        assertEq(f.version(), 4, "version");
        (uint80 id, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredIn) = f.latestRoundData();
        assertEq(uint256(id), 1, "first round");
        assertEq(uint256(answer), 3000e8, "answer");
        assertEq(startedAt, 1_700_000_000, "startedAt");
        assertEq(updatedAt, 1_700_000_000, "updatedAt");
        assertEq(uint256(answeredIn), 1, "answeredInRound");
    }

    function test_new_rounds_replace_the_latest_and_keep_history() public {
        DevPriceFeed f = new DevPriceFeed(8, "ETH / USD", 3000e8);
        vm.warp(block.timestamp + 60);
        f.setAnswer(3100e8);
        f.setRound(2900e8, 5, 1);
        (uint80 id, int256 answer,, uint256 updatedAt, uint80 answeredIn) = f.latestRoundData();
        assertEq(uint256(id), 3, "third round");
        assertEq(uint256(answer), 2900e8, "answer");
        assertEq(updatedAt, 5, "old updatedAt");
        assertEq(uint256(answeredIn), 1, "carried over");
        (, int256 second,,,) = f.getRoundData(2);
        assertEq(uint256(second), 3100e8, "history");
    }

    function test_unknown_rounds_revert() public {
        DevPriceFeed f = new DevPriceFeed(8, "ETH / USD", 1);
        vm.expectRevert(abi.encodeWithSelector(DevPriceFeed.NoDataPresent.selector));
        f.getRoundData(7);
    }
}
