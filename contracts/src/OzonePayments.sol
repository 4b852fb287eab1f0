// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title OzonePayments
/// @notice Takes payment in the chain's coin (ETH, BNB) for an Ozone quote and forwards it, in the same
/// transaction, to an immutable treasury. The contract keeps no balance. The `OzonePaid` event is what the
/// watcher matches to the quote; the credit happens on Stratos.
contract OzonePayments is AccessControl, Pausable, ReentrancyGuard {
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Where every payment goes; fixed at deployment.
    address payable public immutable treasury;

    event OzonePaid(bytes32 indexed quoteId, address indexed payer, address indexed beneficiary, uint256 amount);

    error ZeroAdmin();
    error ZeroTreasury();
    error ZeroQuoteId();
    error ZeroBeneficiary();
    error ZeroValue();
    error TreasuryRejected(address treasury, uint256 amount);

    /// @param treasury_ receives every payment (an EOA or a contract that accepts plain transfers)
    /// @param admin receives DEFAULT_ADMIN_ROLE (a timelock: it grants roles and unpauses)
    /// @param pausers receive PAUSER_ROLE (they pause; they cannot unpause)
    constructor(address payable treasury_, address admin, address[] memory pausers) {
        if (treasury_ == address(0)) revert ZeroTreasury();
        if (admin == address(0)) revert ZeroAdmin();
        treasury = treasury_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i = 0; i < pausers.length; ++i) {
            _grantRole(PAUSER_ROLE, pausers[i]);
        }
    }

    /// @notice Pays msg.value for quote `quoteId`, Ozone to be credited to `beneficiary` (the 20 bytes of a
    /// Stratos `st1…` address). The value is forwarded to the treasury; a treasury that refuses it reverts the payment.
    function pay(bytes32 quoteId, address beneficiary) external payable whenNotPaused nonReentrant {
        if (quoteId == bytes32(0)) revert ZeroQuoteId();
        if (beneficiary == address(0)) revert ZeroBeneficiary();
        if (msg.value == 0) revert ZeroValue();
        emit OzonePaid(quoteId, msg.sender, beneficiary, msg.value);
        (bool ok,) = treasury.call{value: msg.value}("");
        if (!ok) revert TreasuryRejected(treasury, msg.value);
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }
}
