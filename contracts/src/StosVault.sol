// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title StosVault
/// @notice One side of the STOS bridge. Users `lock` value here for a recipient on the destination chain;
/// the relayer `release`s value here against EIP-712 attestations of events observed on the other side.
/// @dev Two modes, fixed at deployment:
///  - token mode (`token != address(0)`): holds an ERC-20 (ERC-20 STOS on Ethereum/BSC);
///  - native mode (`token == address(0)`): holds the chain's coin (native STOS on Stratos EVM).
/// Outflow is bounded per release and over every 24 h window (see `_consumeOutflow`).
/// The EIP-712 hashing is done here rather than with OpenZeppelin's EIP712: that one imports Strings/Bytes,
/// which use MCOPY, and Stratos EVM (Paris rules) has no MCOPY.
contract StosVault is AccessControl, Pausable, ReentrancyGuard, IERC5267 {
    using SafeERC20 for IERC20;

    /// @notice One release: the attested source event, who receives, how much (base units).
    struct Release {
        bytes32 sourceEventId;
        address recipient;
        uint256 amount;
    }

    bytes32 public constant RELAYER_ROLE = keccak256("RELAYER_ROLE");
    bytes32 public constant ATTESTER_ROLE = keccak256("ATTESTER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice EIP-712 type hash of `Release(bytes32 sourceEventId,address recipient,uint256 amount)`.
    bytes32 public constant RELEASE_TYPEHASH =
        keccak256("Release(bytes32 sourceEventId,address recipient,uint256 amount)");
    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    string private constant _DOMAIN_NAME = "StosVault";
    string private constant _DOMAIN_VERSION = "1";

    /// @notice Outflow is accounted in hourly buckets; a release counts against `dailyCap` for the
    /// current hour and the 24 hours before it (25 buckets), so no 24 h window can exceed the cap.
    uint256 public constant BUCKET_SECONDS = 1 hours;
    uint256 public constant WINDOW_BUCKETS = 25;

    /// @notice The ERC-20 held in token mode; `address(0)` in native mode.
    IERC20 public immutable token;
    /// @notice The chain id the locked value goes to (e.g. 2048 for Stratos EVM); fixed at deployment.
    uint256 public immutable destChainId;
    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    /// @notice The nonce the next `Locked` event will carry (0, 1, 2, ... per vault).
    uint64 public nextLockNonce;
    /// @notice Distinct attester signatures required per release (at least 1).
    uint256 public threshold;
    /// @notice Bounds on the amount a single lock credits (the amount that actually arrived).
    uint256 public minLock;
    uint256 public maxLock;
    /// @notice Largest amount a single release may pay out.
    uint256 public releaseCap;
    /// @notice Largest total the vault may pay out within any 24 h window.
    uint256 public dailyCap;

    /// @notice Running totals, for reconciliation: liquidity() == totalFunded + totalLocked - totalReleased
    /// as long as value only arrives through fund() and lock().
    uint256 public totalFunded;
    uint256 public totalLocked;
    uint256 public totalReleased;

    /// @notice Source events already released (or refused as duplicates from now on).
    mapping(bytes32 sourceEventId => bool used) public usedSourceEvents;

    uint256[WINDOW_BUCKETS] private _outflowByBucket; // index: hour % WINDOW_BUCKETS
    uint256 private _outflowInWindow; // sum of _outflowByBucket for hours (_headHour - 24) .. _headHour
    uint256 private _headHour; // the latest hour the buckets have been advanced to

    event Locked(
        uint64 indexed nonce, address indexed sender, address indexed recipient, uint256 amount, uint256 destChainId
    );
    event Released(bytes32 indexed sourceEventId, address indexed recipient, uint256 amount);
    event ReleaseSkipped(bytes32 indexed sourceEventId);
    event Funded(address indexed funder, uint256 amount);
    event ThresholdUpdated(uint256 threshold);
    event LockLimitsUpdated(uint256 minLock, uint256 maxLock);
    event ReleaseCapUpdated(uint256 releaseCap);
    event DailyCapUpdated(uint256 dailyCap);

    error ZeroAdmin();
    error ZeroDestChainId();
    error TokenNotAContract(address token);
    error InvalidThreshold(uint256 threshold);
    error InvalidLockLimits(uint256 minLock, uint256 maxLock);
    error ZeroRecipient();
    error RecipientIsVault();
    error ZeroAmount();
    error UnexpectedNativeValue(uint256 value);
    error NativeValueMismatch(uint256 value, uint256 amount);
    error LockBelowMinimum(uint256 amount, uint256 minLock);
    error LockAboveMaximum(uint256 amount, uint256 maxLock);
    error SourceEventAlreadyUsed(bytes32 sourceEventId);
    error InsufficientSignatures(bytes32 sourceEventId, uint256 provided, uint256 required);
    error InvalidSignature(bytes32 sourceEventId, uint256 index);
    error SignerNotAttester(bytes32 sourceEventId, address signer);
    error DuplicateSigner(bytes32 sourceEventId, address signer);
    error ReleaseCapExceeded(uint256 amount, uint256 cap);
    error DailyCapExceeded(uint256 requested, uint256 available);
    error InsufficientLiquidity(uint256 requested, uint256 available);
    error NativeTransferFailed(address recipient, uint256 amount);
    error EmptyBatch();
    error LengthMismatch(uint256 releases, uint256 signatures);

    /// @param token_ the ERC-20 to hold (token mode), or address(0) for the chain's coin (native mode)
    /// @param destChainId_ the chain id every `Locked` event names as destination
    /// @param admin receives DEFAULT_ADMIN_ROLE (grants RELAYER_ROLE, ATTESTER_ROLE, PAUSER_ROLE)
    constructor(
        address token_,
        uint256 destChainId_,
        address admin,
        uint256 threshold_,
        uint256 minLock_,
        uint256 maxLock_,
        uint256 releaseCap_,
        uint256 dailyCap_
    ) {
        if (admin == address(0)) revert ZeroAdmin();
        if (destChainId_ == 0) revert ZeroDestChainId();
        if (token_ != address(0) && token_.code.length == 0) revert TokenNotAContract(token_);
        token = IERC20(token_);
        destChainId = destChainId_;
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setThreshold(threshold_);
        _setLockLimits(minLock_, maxLock_);
        _setReleaseCap(releaseCap_);
        _setDailyCap(dailyCap_);
        _headHour = block.timestamp / BUCKET_SECONDS;
    }

    // ---------------------------------------------------------------- lock and fund

    /// @notice Locks `amount` for `recipient` on `destChainId`. Token mode: pulls the ERC-20 (approve first),
    /// msg.value must be 0. Native mode: msg.value must equal `amount`.
    /// The event carries the amount that actually arrived (fee-on-transfer tokens credit less).
    function lock(uint256 amount, address recipient)
        external
        payable
        whenNotPaused
        nonReentrant
        returns (uint64 nonce)
    {
        if (recipient == address(0)) revert ZeroRecipient();
        if (amount == 0) revert ZeroAmount();
        uint256 received = _pull(amount);
        if (received == 0) revert ZeroAmount();
        if (received < minLock) revert LockBelowMinimum(received, minLock);
        if (received > maxLock) revert LockAboveMaximum(received, maxLock);
        nonce = nextLockNonce++;
        totalLocked += received;
        emit Locked(nonce, msg.sender, recipient, received, destChainId);
    }

    /// @notice Adds release liquidity. Token mode: pulls `amount` of the ERC-20 (approve first), msg.value must be 0.
    /// Native mode: msg.value must equal `amount`. Allowed while paused.
    function fund(uint256 amount) external payable nonReentrant {
        if (amount == 0) revert ZeroAmount();
        uint256 received = _pull(amount);
        if (received == 0) revert ZeroAmount();
        totalFunded += received;
        emit Funded(msg.sender, received);
    }

    // ---------------------------------------------------------------- release

    /// @notice Pays `amount` to `recipient` for `sourceEventId`, given `threshold` distinct attester signatures
    /// over the EIP-712 `Release`. Reverts `SourceEventAlreadyUsed` if the event was released before.
    function release(bytes32 sourceEventId, address recipient, uint256 amount, bytes[] calldata signatures)
        external
        whenNotPaused
        nonReentrant
        onlyRole(RELAYER_ROLE)
    {
        if (usedSourceEvents[sourceEventId]) revert SourceEventAlreadyUsed(sourceEventId);
        _release(sourceEventId, recipient, amount, signatures);
    }

    /// @notice Releases several; an already used source event is skipped (`ReleaseSkipped`), any other
    /// failure (signatures, caps, liquidity, transfer) reverts the whole batch.
    function releaseBatch(Release[] calldata releases, bytes[][] calldata signatures)
        external
        whenNotPaused
        nonReentrant
        onlyRole(RELAYER_ROLE)
    {
        if (releases.length == 0) revert EmptyBatch();
        if (releases.length != signatures.length) revert LengthMismatch(releases.length, signatures.length);
        for (uint256 i = 0; i < releases.length; ++i) {
            Release calldata r = releases[i];
            if (usedSourceEvents[r.sourceEventId]) {
                emit ReleaseSkipped(r.sourceEventId);
                continue;
            }
            _release(r.sourceEventId, r.recipient, r.amount, signatures[i]);
        }
    }

    // ---------------------------------------------------------------- admin

    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    function setThreshold(uint256 threshold_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setThreshold(threshold_);
    }

    function setLockLimits(uint256 minLock_, uint256 maxLock_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setLockLimits(minLock_, maxLock_);
    }

    function setReleaseCap(uint256 releaseCap_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReleaseCap(releaseCap_);
    }

    /// @notice Changing the cap keeps the outflow already counted in the window.
    function setDailyCap(uint256 dailyCap_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDailyCap(dailyCap_);
    }

    // ---------------------------------------------------------------- views

    function isNativeMode() public view returns (bool) {
        return address(token) == address(0);
    }

    /// @notice What the vault can pay out now: its token balance (token mode) or coin balance (native mode).
    function liquidity() public view returns (uint256) {
        return isNativeMode() ? address(this).balance : token.balanceOf(address(this));
    }

    /// @notice Released within the current hour and the 24 before it (what counts against `dailyCap` now).
    function outflowInWindow() public view returns (uint256 outflow) {
        uint256 hour = block.timestamp / BUCKET_SECONDS;
        uint256 head = _headHour;
        outflow = _outflowInWindow;
        if (hour <= head) return outflow;
        uint256 steps = hour - head;
        if (steps > WINDOW_BUCKETS) steps = WINDOW_BUCKETS;
        for (uint256 k = 1; k <= steps; ++k) {
            outflow -= _outflowByBucket[(head + k) % WINDOW_BUCKETS];
        }
    }

    /// @notice How much more the daily cap allows right now.
    function availableOutflow() public view returns (uint256) {
        uint256 outflow = outflowInWindow();
        return dailyCap > outflow ? dailyCap - outflow : 0;
    }

    /// @notice The EIP-712 digest attesters sign for a release:
    /// keccak256("\x19\x01" ‖ domainSeparator() ‖ keccak256(abi.encode(RELEASE_TYPEHASH, sourceEventId, recipient, amount))).
    function hashRelease(bytes32 sourceEventId, address recipient, uint256 amount) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(RELEASE_TYPEHASH, sourceEventId, recipient, amount));
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(), structHash));
    }

    /// @notice EIP-712 domain: name "StosVault", version "1", the current chain id, this contract.
    function domainSeparator() public view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    /// @inheritdoc IERC5267
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", _DOMAIN_NAME, _DOMAIN_VERSION, block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    // ---------------------------------------------------------------- internals

    function _pull(uint256 amount) private returns (uint256 received) {
        if (isNativeMode()) {
            if (msg.value != amount) revert NativeValueMismatch(msg.value, amount);
            return amount;
        }
        if (msg.value != 0) revert UnexpectedNativeValue(msg.value);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        received = token.balanceOf(address(this)) - before;
    }

    function _release(bytes32 sourceEventId, address recipient, uint256 amount, bytes[] calldata signatures) private {
        if (recipient == address(0)) revert ZeroRecipient();
        if (recipient == address(this)) revert RecipientIsVault(); // would count as released yet stay here
        if (amount == 0) revert ZeroAmount();
        _verifyAttestations(sourceEventId, recipient, amount, signatures);
        if (amount > releaseCap) revert ReleaseCapExceeded(amount, releaseCap);
        _consumeOutflow(amount);
        uint256 available = liquidity();
        if (amount > available) revert InsufficientLiquidity(amount, available);

        usedSourceEvents[sourceEventId] = true;
        totalReleased += amount;
        emit Released(sourceEventId, recipient, amount);

        if (isNativeMode()) {
            (bool ok,) = recipient.call{value: amount}("");
            if (!ok) revert NativeTransferFailed(recipient, amount);
        } else {
            token.safeTransfer(recipient, amount);
        }
    }

    function _verifyAttestations(bytes32 sourceEventId, address recipient, uint256 amount, bytes[] calldata signatures)
        private
        view
    {
        uint256 required = threshold;
        if (signatures.length < required) revert InsufficientSignatures(sourceEventId, signatures.length, required);
        bytes32 digest = hashRelease(sourceEventId, recipient, amount);
        address[] memory signers = new address[](signatures.length);
        for (uint256 i = 0; i < signatures.length; ++i) {
            (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signatures[i]);
            if (err != ECDSA.RecoverError.NoError) revert InvalidSignature(sourceEventId, i);
            if (!hasRole(ATTESTER_ROLE, signer)) revert SignerNotAttester(sourceEventId, signer);
            for (uint256 j = 0; j < i; ++j) {
                if (signers[j] == signer) revert DuplicateSigner(sourceEventId, signer);
            }
            signers[i] = signer;
        }
    }

    /// @dev Rolling cap in hourly buckets. A release at hour h is allowed only if the outflow already counted
    /// in hours h-24 .. h, plus this release, stays within `dailyCap`. Any 24 h window [t, t + 24 h) lies
    /// within 25 consecutive hour buckets, and the last release inside it saw all of them, so the total
    /// released within any 24 h window never exceeds the `dailyCap` in force at that last release.
    /// The price: an amount counts against the cap for between 24 and 25 hours.
    function _consumeOutflow(uint256 amount) private {
        uint256 hour = block.timestamp / BUCKET_SECONDS;
        uint256 head = _headHour;
        uint256 outflow = _outflowInWindow;
        if (hour > head) {
            uint256 steps = hour - head;
            if (steps > WINDOW_BUCKETS) steps = WINDOW_BUCKETS;
            for (uint256 k = 1; k <= steps; ++k) {
                uint256 index = (head + k) % WINDOW_BUCKETS;
                uint256 expired = _outflowByBucket[index];
                if (expired != 0) {
                    outflow -= expired;
                    _outflowByBucket[index] = 0;
                }
            }
            _headHour = hour;
            head = hour;
        }
        uint256 available = dailyCap > outflow ? dailyCap - outflow : 0;
        if (amount > available) revert DailyCapExceeded(amount, available);
        _outflowByBucket[head % WINDOW_BUCKETS] += amount;
        _outflowInWindow = outflow + amount;
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(
            abi.encode(
                _DOMAIN_TYPEHASH,
                keccak256(bytes(_DOMAIN_NAME)),
                keccak256(bytes(_DOMAIN_VERSION)),
                block.chainid,
                address(this)
            )
        );
    }

    function _setThreshold(uint256 threshold_) private {
        if (threshold_ == 0) revert InvalidThreshold(threshold_);
        threshold = threshold_;
        emit ThresholdUpdated(threshold_);
    }

    function _setLockLimits(uint256 minLock_, uint256 maxLock_) private {
        if (minLock_ > maxLock_) revert InvalidLockLimits(minLock_, maxLock_);
        minLock = minLock_;
        maxLock = maxLock_;
        emit LockLimitsUpdated(minLock_, maxLock_);
    }

    function _setReleaseCap(uint256 releaseCap_) private {
        releaseCap = releaseCap_;
        emit ReleaseCapUpdated(releaseCap_);
    }

    function _setDailyCap(uint256 dailyCap_) private {
        dailyCap = dailyCap_;
        emit DailyCapUpdated(dailyCap_);
    }
}
