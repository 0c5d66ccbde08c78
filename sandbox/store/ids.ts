import { randomBytes } from 'node:crypto';

/**
 * Exchange ids are opaque base64 blobs (store entry ids wrapped in a mailbox GUID);
 * clients must never parse them. Random bytes keep them unguessable and make any
 * client that derives meaning from an id fail loudly against the sandbox.
 */
export function newEntityId(): string {
  return `AAMk${randomBytes(33).toString('base64')}`;
}

/**
 * A ChangeKey identifies one version of an item. Exchange's are base64 too; the
 * counter makes each version distinct even within a millisecond.
 */
let changeCounter = 0;
export function newChangeKey(): string {
  changeCounter += 1;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(changeCounter));
  return Buffer.concat([Buffer.from([0x09, 0, 0, 0, 0x16]), counter, randomBytes(7)]).toString('base64');
}
