// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title StosVault
/// @notice One side of the STOS bridge, paired with exactly one peer vault on another chain. Users `lock` value
/// here for a recipient on the peer's chain; the relayer `release`s value here for locks made on the peer, against
/// EIP-712 attestations of `Release(srcChainId, srcVault, nonce, recipient, amount)`. A lock that can never be
/// delivered is `cancel`led on the destination (its id becomes used, nothing paid) and `refund`ed on the source.
/// @dev Two modes, fixed at deployment:
///  - token mode (`token != address(0)`): holds an ERC-20 (ERC-20 STOS on Ethereum/BSC);
///  - native mode (`token == address(0)`): holds the chain's coin (native STOS on Stratos EVM).
/// The admin (`DEFAULT_ADMIN_ROLE`, two-step transfer with a delay) is meant to be a TimelockController, so every
/// role grant and every parameter change waits out the timelock's delay; the parameters are bounded by ceilings
/// fixed at deployment. The EIP-712 hashing is done here rather than with OpenZeppelin's EIP712: that one imports
/// Strings/Bytes, which use MCOPY, and Stratos EVM (Paris rules) has no MCOPY.
contract StosVault is AccessControlDefaultAdminRules, Pausable, ReentrancyGuard, IERC5267 {
    using SafeERC20 for IERC20;

    /// @notice One release: the lock's nonce on the source vault, who receives, how much (base units).
    /// `srcChainId` and `srcVault` must be this vault's peer; the id is computed from them.
    struct Release {
        uint256 srcChainId;
        address srcVault;
        uint64 nonce;
        address recipient;
        uint256 amount;
    }

    /// @notice Everything fixed or first set at deployment (a struct: too many for the stack as parameters).
    struct Config {
        address token; // address(0) = native mode
        uint256 peerChainId; // the chain locks go to and releases come from
        address peerVault; // the vault on that chain
        uint64 startNonce; // peer lock nonces below this are refused (an older vault covered them)
        address admin; // DEFAULT_ADMIN_ROLE: a TimelockController
        uint48 adminDelay; // delay of a DEFAULT_ADMIN_ROLE transfer
        address treasury; // where fees and value that arrived outside lock/fund can be swept (by the admin)
        address[] attesters;
        address[] relayers;
        address[] pausers;
        uint256 threshold;
        uint256 minLock;
        uint256 maxLock;
        uint256 fee; // per lock, in the locked asset, kept by the vault
        uint256 releaseCap;
        uint256 dailyCap;
        uint256 releaseCapCeiling; // releaseCap can never be set above this
        uint256 dailyCapCeiling; // dailyCap can never be set above this
    }

    bytes32 public constant RELAYER_ROLE = keccak256("RELAYER_ROLE");
    bytes32 public constant ATTESTER_ROLE = keccak256("ATTESTER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    bytes32 public constant RELEASE_TYPEHASH =
        keccak256("Release(uint256 srcChainId,address srcVault,uint64 nonce,address recipient,uint256 amount)");
    bytes32 public constant CANCEL_TYPEHASH = keccak256("Cancel(uint256 srcChainId,address srcVault,uint64 nonce)");
    bytes32 public constant REFUND_TYPEHASH = keccak256("Refund(uint64 nonce,address sender,uint256 amount)");
    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    string private constant _DOMAIN_NAME = "StosVault";
    string private constant _DOMAIN_VERSION = "2";

    /// @notice The content recorded for an id cancelled on this (destination) vault: nothing was paid for it.
    bytes32 public constant CANCELLED = keccak256("StosVault.Cancelled");

    /// @notice Gas given to a native recipient; nothing it returns is copied. A recipient that fails with this
    /// much gets a claimable balance instead, and the batch goes on.
    uint256 public constant NATIVE_SEND_GAS = 30_000;

    uint256 public constant BUCKET_SECONDS = 1 hours;
    uint256 public constant WINDOW_BUCKETS = 25;

    IERC20 public immutable token;
    /// @notice The peer chain: where locks go to and where released locks were made.
    uint256 public immutable destChainId;
    address public immutable peerVault;
    uint64 public immutable startNonce;
    address public immutable treasury;
    uint256 public immutable releaseCapCeiling;
    uint256 public immutable dailyCapCeiling;
    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    uint64 public nextLockNonce;
    uint256 public threshold;
    uint256 public attesterCount;
    uint256 public minLock;
    uint256 public maxLock;
    uint256 public fee;
    uint256 public releaseCap;
    uint256 public dailyCap;

    /// @notice Running totals, for reconciliation (see `reserved()` and the README).
    uint256 public totalFunded;
    uint256 public totalLocked; // net of fees
    uint256 public totalFees;
    uint256 public totalReleased; // includes amounts credited as claimable
    uint256 public totalRefunded;
    uint256 public totalClaimable; // owed to native recipients whose transfer failed
    uint256 public totalSwept;

    /// @notice For each used release id: keccak256(abi.encode(recipient, amount)), or CANCELLED.
    mapping(bytes32 sourceEventId => bytes32 content) public usedContent;
    /// @notice Lock nonces of this vault refunded to their sender.
    mapping(uint64 nonce => bool) public refunded;
    /// @notice Native value owed to a recipient whose transfer failed; withdraw with `claim` or `claimFor`.
    mapping(address recipient => uint256) public claimable;

    uint256[WINDOW_BUCKETS] private _outflowByBucket;
    uint256 private _outflowInWindow;
    uint256 private _headHour;

    event Locked(
        uint64 indexed nonce, address indexed sender, address indexed recipient, uint256 amount, uint256 destChainId
    );
    event FeeCharged(uint64 indexed nonce, uint256 fee);
    event Released(bytes32 indexed sourceEventId, address indexed recipient, uint256 amount);
    event ReleaseSkipped(bytes32 indexed sourceEventId);
    event ReleaseConflict(bytes32 indexed sourceEventId, bytes32 usedContent, bytes32 content);
    event ReleaseDeferred(bytes32 indexed sourceEventId, address indexed recipient, uint256 amount);
    event Claimed(address indexed recipient, address to, uint256 amount);
    event Cancelled(bytes32 indexed sourceEventId, uint64 nonce);
    event Refunded(uint64 indexed nonce, address indexed sender, uint256 amount);
    event Funded(address indexed funder, uint256 amount);
    event Swept(address indexed treasury, uint256 amount);
    event ThresholdUpdated(uint256 threshold);
    event LockLimitsUpdated(uint256 minLock, uint256 maxLock, uint256 fee);
    event ReleaseCapUpdated(uint256 releaseCap);
    event DailyCapUpdated(uint256 dailyCap);

    error ZeroDestChainId();
    error ZeroPeerVault();
    error ZeroTreasury();
    error TokenNotAContract(address token);
    error InvalidThreshold(uint256 threshold, uint256 attesters);
    error InvalidLockLimits(uint256 minLock, uint256 maxLock, uint256 fee);
    error CapAboveCeiling(uint256 cap, uint256 ceiling);
    error ReleaseCapBelowMaxLock(uint256 releaseCap, uint256 maxLock);
    error ZeroRecipient();
    error RecipientIsVault();
    error ZeroAmount();
    error UnexpectedNativeValue(uint256 value);
    error NativeValueMismatch(uint256 value, uint256 amount);
    error LockBelowMinimum(uint256 amount, uint256 minLock);
    error LockAboveMaximum(uint256 amount, uint256 maxLock);
    error WrongSource(uint256 srcChainId, address srcVault);
    error NonceBelowStart(uint64 nonce, uint64 startNonce);
    error SourceEventAlreadyUsed(bytes32 sourceEventId);
    error InsufficientSignatures(bytes32 sourceEventId, uint256 provided, uint256 required);
    error InvalidSignature(bytes32 sourceEventId, uint256 index);
    error SignerNotAttester(bytes32 sourceEventId, address signer);
    error DuplicateSigner(bytes32 sourceEventId, address signer);
    error ReleaseCapExceeded(uint256 amount, uint256 cap);
    error DailyCapExceeded(uint256 requested, uint256 available);
    error InsufficientLiquidity(uint256 requested, uint256 available);
    error NativeTransferFailed(address recipient, uint256 amount);
    error NothingToClaim(address recipient);
    error UnknownLock(uint64 nonce);
    error AlreadyRefunded(uint64 nonce);
    error EmptyBatch();
    error LengthMismatch(uint256 releases, uint256 signatures);

    constructor(Config memory c) AccessControlDefaultAdminRules(c.adminDelay, c.admin) {
        // AccessControlDefaultAdminRules refuses a zero admin with AccessControlInvalidDefaultAdmin(0).
        if (c.peerChainId == 0) revert ZeroDestChainId();
        if (c.peerVault == address(0)) revert ZeroPeerVault();
        if (c.treasury == address(0)) revert ZeroTreasury();
        if (c.token != address(0) && c.token.code.length == 0) revert TokenNotAContract(c.token);
        token = IERC20(c.token);
        destChainId = c.peerChainId;
        peerVault = c.peerVault;
        startNonce = c.startNonce;
        treasury = c.treasury;
        releaseCapCeiling = c.releaseCapCeiling;
        dailyCapCeiling = c.dailyCapCeiling;
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
        for (uint256 i = 0; i < c.attesters.length; ++i) {
            _grantRole(ATTESTER_ROLE, c.attesters[i]);
        }
        for (uint256 i = 0; i < c.relayers.length; ++i) {
            _grantRole(RELAYER_ROLE, c.relayers[i]);
        }
        for (uint256 i = 0; i < c.pausers.length; ++i) {
            _grantRole(PAUSER_ROLE, c.pausers[i]);
        }
        _setThreshold(c.threshold);
        _setReleaseCap(c.releaseCap);
        _setDailyCap(c.dailyCap);
        _setLockLimits(c.minLock, c.maxLock, c.fee);
        _headHour = block.timestamp / BUCKET_SECONDS;
    }

    // ---------------------------------------------------------------- lock and fund

    /// @notice Locks `amount` for `recipient` on `destChainId`. Token mode: pulls the ERC-20 (approve first),
    /// msg.value must be 0. Native mode: msg.value must equal `amount`. The vault keeps `fee`; `Locked` carries
    /// what the recipient gets (what arrived minus the fee).
    function lock(uint256 amount, address recipient)
        external
        payable
        whenNotPaused
        nonReentrant
        returns (uint64 nonce)
    {
        if (recipient == address(0)) revert ZeroRecipient();
        if (recipient == address(this) || recipient == peerVault) revert RecipientIsVault();
        if (amount == 0) revert ZeroAmount();
        uint256 received = _pull(amount);
        if (received == 0) revert ZeroAmount();
        if (received < minLock) revert LockBelowMinimum(received, minLock);
        if (received > maxLock) revert LockAboveMaximum(received, maxLock);
        uint256 charged = fee; // minLock > fee, so something is left
        uint256 net = received - charged;
        nonce = nextLockNonce++;
        totalLocked += net;
        totalFees += charged;
        if (charged != 0) emit FeeCharged(nonce, charged);
        emit Locked(nonce, msg.sender, recipient, net, destChainId);
    }

    /// @notice Adds release liquidity. Allowed while paused.
    function fund(uint256 amount) external payable nonReentrant {
        if (amount == 0) revert ZeroAmount();
        uint256 received = _pull(amount);
        if (received == 0) revert ZeroAmount();
        totalFunded += received;
        emit Funded(msg.sender, received);
    }

    // ---------------------------------------------------------------- release

    /// @notice Pays one release, given `threshold` distinct attester signatures over its EIP-712 `Release`.
    function release(Release calldata r, bytes[] calldata signatures)
        external
        whenNotPaused
        nonReentrant
        onlyRole(RELAYER_ROLE)
    {
        bytes32 id = _checkSource(r.srcChainId, r.srcVault, r.nonce);
        if (usedContent[id] != bytes32(0)) revert SourceEventAlreadyUsed(id);
        _release(id, r, signatures);
    }

    /// @notice Releases several. An id already used with the same recipient and amount is skipped
    /// (`ReleaseSkipped`); one used with other content (or cancelled) is skipped with `ReleaseConflict`, which the
    /// relayer treats as an alarm. A native recipient that refuses gets a claimable balance. Any other failure
    /// (source, signatures, caps, liquidity) reverts the whole batch.
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
            bytes32 id = _checkSource(r.srcChainId, r.srcVault, r.nonce);
            bytes32 used = usedContent[id];
            if (used != bytes32(0)) {
                bytes32 content = contentOf(r.recipient, r.amount);
                if (used == content) emit ReleaseSkipped(id);
                else emit ReleaseConflict(id, used, content);
                continue;
            }
            _release(id, r, signatures[i]);
        }
    }

    /// @notice Marks a peer lock as never to be released here (nothing is paid), so that its source vault may
    /// refund it. Needs `threshold` attester signatures over `Cancel(srcChainId, srcVault, nonce)`.
    function cancel(uint64 nonce, bytes[] calldata signatures)
        external
        whenNotPaused
        nonReentrant
        onlyRole(RELAYER_ROLE)
    {
        bytes32 id = _checkSource(destChainId, peerVault, nonce);
        if (usedContent[id] != bytes32(0)) revert SourceEventAlreadyUsed(id);
        _verifyAttestations(id, hashCancel(nonce), signatures);
        usedContent[id] = CANCELLED;
        emit Cancelled(id, nonce);
    }

    /// @notice Pays a lock of this vault back to its sender, once its destination vault has cancelled it.
    /// Attesters sign `Refund(nonce, sender, amount)` only after they saw the finalized `Cancelled` on the peer,
    /// and `amount` is what `Locked` carried.
    function refund(uint64 nonce, address sender, uint256 amount, bytes[] calldata signatures)
        external
        whenNotPaused
        nonReentrant
        onlyRole(RELAYER_ROLE)
    {
        if (nonce >= nextLockNonce) revert UnknownLock(nonce);
        if (refunded[nonce]) revert AlreadyRefunded(nonce);
        if (sender == address(0)) revert ZeroRecipient();
        if (amount == 0) revert ZeroAmount();
        bytes32 tag = bytes32(uint256(nonce));
        _verifyAttestations(tag, hashRefund(nonce, sender, amount), signatures);
        _consumeOutflow(amount);
        uint256 available = liquidity();
        if (amount > available) revert InsufficientLiquidity(amount, available);
        refunded[nonce] = true;
        totalRefunded += amount;
        emit Refunded(nonce, sender, amount);
        _payOut(tag, sender, amount);
    }

    /// @notice Withdraws msg.sender's claimable balance to `to` (all gas forwarded).
    function claim(address to) external nonReentrant {
        _claim(msg.sender, to);
    }

    /// @notice An operator pushes a recipient's claimable balance to it (all gas forwarded).
    function claimFor(address recipient) external nonReentrant onlyRole(RELAYER_ROLE) {
        _claim(recipient, recipient);
    }

    // ---------------------------------------------------------------- pause and admin (admin = a timelock)

    /// @notice Fast, held by many (operators, monitors, attesters).
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Only the admin, so only after the timelock's delay.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    function setThreshold(uint256 threshold_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setThreshold(threshold_);
    }

    function setLockLimits(uint256 minLock_, uint256 maxLock_, uint256 fee_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setLockLimits(minLock_, maxLock_, fee_);
    }

    function setReleaseCap(uint256 releaseCap_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (releaseCap_ < maxLock) revert ReleaseCapBelowMaxLock(releaseCap_, maxLock);
        _setReleaseCap(releaseCap_);
    }

    function setDailyCap(uint256 dailyCap_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setDailyCap(dailyCap_);
    }

    /// @notice Sends fees and any value that arrived outside lock/fund to the treasury (never what is owed).
    function sweep() external nonReentrant onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 amount = sweepable();
        if (amount == 0) revert ZeroAmount();
        totalSwept += amount;
        emit Swept(treasury, amount);
        if (isNativeMode()) {
            (bool ok,) = treasury.call{value: amount}("");
            if (!ok) revert NativeTransferFailed(treasury, amount);
        } else {
            token.safeTransfer(treasury, amount);
        }
    }

    // ---------------------------------------------------------------- views

    function isNativeMode() public view returns (bool) {
        return address(token) == address(0);
    }

    /// @notice What the vault can pay out now: its balance minus what is owed as claimable.
    function liquidity() public view returns (uint256) {
        uint256 balance = _balance();
        return balance > totalClaimable ? balance - totalClaimable : 0;
    }

    /// @notice What the vault owes (funded + locked − released − refunded + claimable); the rest of the balance
    /// is fees and value that arrived outside lock/fund.
    function reserved() public view returns (uint256) {
        uint256 inflow = totalFunded + totalLocked + totalClaimable;
        uint256 outflow = totalReleased + totalRefunded;
        return inflow > outflow ? inflow - outflow : 0;
    }

    function sweepable() public view returns (uint256) {
        uint256 balance = _balance();
        uint256 owed = reserved();
        return balance > owed ? balance - owed : 0;
    }

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

    function availableOutflow() public view returns (uint256) {
        uint256 outflow = outflowInWindow();
        return dailyCap > outflow ? dailyCap - outflow : 0;
    }

    /// @notice The id of a lock: keccak256(abi.encode(srcChainId, srcVault, nonce)).
    function releaseId(uint256 srcChainId, address srcVault, uint64 nonce) public pure returns (bytes32) {
        return keccak256(abi.encode(srcChainId, srcVault, nonce));
    }

    /// @notice What a used id records: keccak256(abi.encode(recipient, amount)).
    function contentOf(address recipient, uint256 amount) public pure returns (bytes32) {
        return keccak256(abi.encode(recipient, amount));
    }

    /// @notice True if the release id was released or cancelled here.
    function usedSourceEvents(bytes32 sourceEventId) external view returns (bool) {
        return usedContent[sourceEventId] != bytes32(0);
    }

    function hashRelease(Release calldata r) public view returns (bytes32) {
        return _digest(keccak256(abi.encode(RELEASE_TYPEHASH, r.srcChainId, r.srcVault, r.nonce, r.recipient, r.amount)));
    }

    function hashCancel(uint64 nonce) public view returns (bytes32) {
        return _digest(keccak256(abi.encode(CANCEL_TYPEHASH, destChainId, peerVault, nonce)));
    }

    function hashRefund(uint64 nonce, address sender, uint256 amount) public view returns (bytes32) {
        return _digest(keccak256(abi.encode(REFUND_TYPEHASH, nonce, sender, amount)));
    }

    function domainSeparator() public view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    /// @inheritdoc IERC5267
    function eip712Domain()
        external
        view
        returns (bytes1, string memory, string memory, uint256, address, bytes32, uint256[] memory)
    {
        return (hex"0f", _DOMAIN_NAME, _DOMAIN_VERSION, block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    // ---------------------------------------------------------------- internals

    function _balance() private view returns (uint256) {
        return isNativeMode() ? address(this).balance : token.balanceOf(address(this));
    }

    function _digest(bytes32 structHash) private view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(), structHash));
    }

    function _checkSource(uint256 srcChainId, address srcVault, uint64 nonce) private view returns (bytes32) {
        if (srcChainId != destChainId || srcVault != peerVault) revert WrongSource(srcChainId, srcVault);
        if (nonce < startNonce) revert NonceBelowStart(nonce, startNonce);
        return releaseId(srcChainId, srcVault, nonce);
    }

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

    function _release(bytes32 id, Release calldata r, bytes[] calldata signatures) private {
        address recipient = r.recipient;
        uint256 amount = r.amount;
        if (recipient == address(0)) revert ZeroRecipient();
        if (recipient == address(this)) revert RecipientIsVault();
        if (amount == 0) revert ZeroAmount();
        _verifyAttestations(id, hashRelease(r), signatures);
        if (amount > releaseCap) revert ReleaseCapExceeded(amount, releaseCap);
        _consumeOutflow(amount);
        uint256 available = liquidity();
        if (amount > available) revert InsufficientLiquidity(amount, available);

        usedContent[id] = contentOf(recipient, amount);
        totalReleased += amount;
        emit Released(id, recipient, amount);
        _payOut(id, recipient, amount);
    }

    /// @dev Token mode: a plain transfer. Native mode: NATIVE_SEND_GAS and no return data copied; on failure
    /// the amount becomes claimable by the recipient (the caller's accounting already counted it as paid).
    function _payOut(bytes32 id, address to, uint256 amount) private {
        if (!isNativeMode()) {
            token.safeTransfer(to, amount);
            return;
        }
        bool ok;
        uint256 stipend = NATIVE_SEND_GAS;
        assembly ("memory-safe") {
            ok := call(stipend, to, amount, 0, 0, 0, 0)
        }
        if (!ok) {
            claimable[to] += amount;
            totalClaimable += amount;
            emit ReleaseDeferred(id, to, amount);
        }
    }

    function _claim(address recipient, address to) private {
        uint256 amount = claimable[recipient];
        if (amount == 0) revert NothingToClaim(recipient);
        if (to == address(0)) revert ZeroRecipient();
        claimable[recipient] = 0;
        totalClaimable -= amount;
        emit Claimed(recipient, to, amount);
        bool ok;
        assembly ("memory-safe") {
            ok := call(gas(), to, amount, 0, 0, 0, 0)
        }
        if (!ok) revert NativeTransferFailed(to, amount);
    }

    function _verifyAttestations(bytes32 id, bytes32 digest, bytes[] calldata signatures) private view {
        uint256 required = threshold;
        if (signatures.length < required) revert InsufficientSignatures(id, signatures.length, required);
        address[] memory signers = new address[](signatures.length);
        for (uint256 i = 0; i < signatures.length; ++i) {
            (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signatures[i]);
            if (err != ECDSA.RecoverError.NoError) revert InvalidSignature(id, i);
            if (!hasRole(ATTESTER_ROLE, signer)) revert SignerNotAttester(id, signer);
            for (uint256 j = 0; j < i; ++j) {
                if (signers[j] == signer) revert DuplicateSigner(id, signer);
            }
            signers[i] = signer;
        }
    }

    /// @dev Rolling cap in hourly buckets (see the README): no 24 h window ever pays out more than `dailyCap`.
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

    /// @dev Keeps `attesterCount` (threshold ≤ attesters at all times).
    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (granted && role == ATTESTER_ROLE) ++attesterCount;
    }

    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        if (revoked && role == ATTESTER_ROLE) {
            uint256 left = attesterCount - 1;
            if (left < threshold) revert InvalidThreshold(threshold, left);
            attesterCount = left;
        }
    }

    function _setThreshold(uint256 threshold_) private {
        if (threshold_ == 0 || threshold_ > attesterCount) revert InvalidThreshold(threshold_, attesterCount);
        threshold = threshold_;
        emit ThresholdUpdated(threshold_);
    }

    /// @dev min > fee (a lock always delivers something), min ≤ max ≤ releaseCap (every lock is deliverable
    /// when the peer vault runs the same caps; the deployer and the watcher check the peer's).
    function _setLockLimits(uint256 minLock_, uint256 maxLock_, uint256 fee_) private {
        if (minLock_ <= fee_ || minLock_ > maxLock_ || maxLock_ > releaseCap) {
            revert InvalidLockLimits(minLock_, maxLock_, fee_);
        }
        minLock = minLock_;
        maxLock = maxLock_;
        fee = fee_;
        emit LockLimitsUpdated(minLock_, maxLock_, fee_);
    }

    function _setReleaseCap(uint256 releaseCap_) private {
        if (releaseCap_ > releaseCapCeiling) revert CapAboveCeiling(releaseCap_, releaseCapCeiling);
        releaseCap = releaseCap_;
        emit ReleaseCapUpdated(releaseCap_);
    }

    function _setDailyCap(uint256 dailyCap_) private {
        if (dailyCap_ > dailyCapCeiling) revert CapAboveCeiling(dailyCap_, dailyCapCeiling);
        dailyCap = dailyCap_;
        emit DailyCapUpdated(dailyCap_);
    }
}
