import { CrmInvalidError } from './crm-errors';

/** Cursors are opaque to clients: the last id of a page, wrapped so nobody builds on its form. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(`v1:${lastId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^v1:([0-9a-f-]{36})$/.exec(text);
  if (!match?.[1]) throw new CrmInvalidError('The cursor is invalid', [{ path: 'cursor', message: 'Unknown cursor' }]);
  return match[1];
}
