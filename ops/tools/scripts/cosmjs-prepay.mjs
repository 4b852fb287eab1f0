// Differential-test helper: cosmjs-types 0.11.0 as the independent protobuf implementation of MsgPrepay in an Any.
// MsgPrepay is not in cosmjs-types, so it is written here field by field (stratos-chain proto/stratos/sds/v1/tx.proto:
// string sender = 1; string beneficiary = 2; repeated cosmos.base.v1beta1.Coin amount = 3) with cosmjs-types'
// BinaryWriter/BinaryReader, Coin and Any.
// stdin: {"encode":[{"typeUrl":"/stratos.sds.v1.MsgPrepay","sender":"st1…","beneficiary":"st1…","amount":[{"denom":"wei","amount":"1"}]}],
//         "decode":["<hex of an Any>", …]}
// stdout: {"encoded":["<hex>"|{"error":"…"}], "decoded":[{"typeUrl":…,"sender":…,"beneficiary":…,"amount":[…]}|{"error":"…"}]}
import { BinaryReader, BinaryWriter } from 'cosmjs-types/binary';
import { Coin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { Any } from 'cosmjs-types/google/protobuf/any';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const attempt = (fn) => { try { return fn(); } catch (e) { return { error: String(e.message ?? e) }; } };

function encodeMsgPrepay(message, writer = BinaryWriter.create()) {
  if (message.sender !== '') writer.uint32(10).string(message.sender);
  if (message.beneficiary !== '') writer.uint32(18).string(message.beneficiary);
  for (const coin of message.amount) Coin.encode(Coin.fromPartial(coin), writer.uint32(26).fork()).ldelim();
  return writer;
}

function decodeMsgPrepay(bytes) {
  const reader = new BinaryReader(bytes);
  const message = { sender: '', beneficiary: '', amount: [] };
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    switch (tag >>> 3) {
      case 1: message.sender = reader.string(); break;
      case 2: message.beneficiary = reader.string(); break;
      case 3: message.amount.push(Coin.decode(reader, reader.uint32())); break;
      default: reader.skipType(tag & 7);
    }
  }
  return message;
}

const encoded = (input.encode ?? []).map((m) => attempt(() => {
  const value = encodeMsgPrepay(m).finish();
  return Buffer.from(Any.encode(Any.fromPartial({ typeUrl: m.typeUrl, value })).finish()).toString('hex');
}));
const decoded = (input.decode ?? []).map((hex) => attempt(() => {
  const any = Any.decode(Buffer.from(hex, 'hex'));
  return { typeUrl: any.typeUrl, ...decodeMsgPrepay(any.value) };
}));
process.stdout.write(JSON.stringify({ encoded, decoded }));
