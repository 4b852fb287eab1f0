// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title DevPriceFeed (devnet and tests only)
/// @notice The read side of Chainlink's AggregatorV3Interface (`decimals`, `description`, `version`,
/// `latestRoundData`, `getRoundData`) over rounds anyone may set, so the service's Chainlink price source can be
/// exercised on a local chain: a fresh answer, a stale one (an old `updatedAt`), an incomplete round
/// (`updatedAt == 0`), a carried-over answer (`answeredInRound < roundId`) or a non-positive answer.
contract DevPriceFeed {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
    }

    uint8 public immutable decimals;
    string public description;
    uint256 public constant version = 4;
    uint80 public latestRound;
    mapping(uint80 => Round) private _rounds;

    error NoDataPresent();

    constructor(uint8 decimals_, string memory description_, int256 initialAnswer) {
        decimals = decimals_;
        description = description_;
        setAnswer(initialAnswer);
    }

    /// @notice A new round with `answer`, updated now.
    function setAnswer(int256 answer) public {
        setRound(answer, block.timestamp, latestRound + 1);
    }

    /// @notice A new round with any `updatedAt` and `answeredInRound` (0 = this round).
    function setRound(int256 answer, uint256 updatedAt, uint80 answeredInRound) public {
        uint80 id = latestRound + 1;
        latestRound = id;
        _rounds[id] = Round(answer, updatedAt, updatedAt, answeredInRound == 0 ? id : answeredInRound);
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return getRoundData(latestRound);
    }

    function getRoundData(uint80 roundId_)
        public
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round memory r = _rounds[roundId_];
        if (r.answeredInRound == 0) revert NoDataPresent();
        return (roundId_, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }
}
