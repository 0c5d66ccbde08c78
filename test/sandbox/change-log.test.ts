import { describe, expect, it } from 'vitest';
import { ChangeLog } from '../../sandbox/store/change-log';

describe('ChangeLog', () => {
  it('reports net changes since a sequence, each entity once, ordered by its latest change', () => {
    const log = new ChangeLog();
    log.record('a', 'create', 1);
    log.record('b', 'create', 2);
    log.record('c', 'create', 3);
    log.record('a', 'update', 4);
    log.record('b', 'read-flag', 5);
    log.record('c', 'delete', 6);
    log.record('d', 'create', 7);
    log.record('d', 'delete', 8);
    expect(log.changesSince(3, 10).changes.map((c) => [c.type, c.id])).toEqual([
      ['Update', 'a'],
      ['ReadFlagChange', 'b'],
      ['Delete', 'c'],
    ]);
    expect(log.changesSince(0, 10).changes.map((c) => [c.type, c.id])).toEqual([
      ['Create', 'a'],
      ['Create', 'b'],
    ]);
  });

  it('pages without losing or repeating a change when the page boundary falls between entities', () => {
    const log = new ChangeLog();
    for (let i = 1; i <= 10; i++) log.record(`i${i}`, 'create', i);
    const first = log.changesSince(0, 4);
    expect(first).toMatchObject({ more: true, throughSeq: 4 });
    log.record('i2', 'update', 11);
    const second = log.changesSince(first.throughSeq, 4);
    const third = log.changesSince(second.throughSeq, 4);
    const ids = [...first.changes, ...second.changes, ...third.changes].map((c) => c.id);
    expect(ids).toEqual(['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9', 'i10', 'i2']);
    expect(third.more).toBe(false);
  });

  it('returns only the recent changes of a 100,000-entity folder after a full sync', () => {
    const log = new ChangeLog();
    for (let i = 1; i <= 100_000; i++) log.record(`i${i}`, 'create', i);
    const full = log.changesSince(0, 512);
    expect(full.changes).toHaveLength(512);
    log.record('i5', 'update', 100_001);
    log.record('new', 'create', 100_002);
    const recent = log.changesSince(100_000, 512);
    expect(recent.changes.map((c) => [c.type, c.id])).toEqual([
      ['Update', 'i5'],
      ['Create', 'new'],
    ]);
    expect(recent).toMatchObject({ more: false, throughSeq: 100_002 });
  });
});
