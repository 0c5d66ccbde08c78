import { NS } from '../../server/src/xml/namespaces';
import type { XmlElement } from '../../server/src/xml/xml-element';
import { firstChild } from '../../server/src/xml/xml-element';
import { schemaError } from './status';

export interface IndexedPage {
  readonly offset: number;
  readonly max: number | undefined;
  readonly fromEnd: boolean;
}

/** Reads IndexedPageItemView / IndexedPageFolderView (Offset, BasePoint, MaxEntriesReturned). */
export function readIndexedPage(body: XmlElement, local: 'IndexedPageItemView' | 'IndexedPageFolderView'): IndexedPage | undefined {
  const view = firstChild(body, NS.messages, local);
  if (!view) return undefined;
  const offset = Number(view.attrs.Offset ?? '0');
  const max = view.attrs.MaxEntriesReturned === undefined ? undefined : Number(view.attrs.MaxEntriesReturned);
  if (!Number.isInteger(offset) || offset < 0 || (max !== undefined && (!Number.isInteger(max) || max < 1))) {
    throw schemaError(`${local} has an invalid Offset or MaxEntriesReturned.`);
  }
  return { offset, max, fromEnd: view.attrs.BasePoint === 'End' };
}

/** Applies a page to an ordered list; returns the slice and the paging attributes Exchange reports. */
export function applyPage<T>(all: readonly T[], page: IndexedPage | undefined): { slice: T[]; attrs: Record<string, string | number | boolean> } {
  if (!page) return { slice: [...all], attrs: { TotalItemsInView: all.length, IncludesLastItemInRange: true } };
  const start = page.fromEnd ? Math.max(0, all.length - page.offset - (page.max ?? all.length)) : page.offset;
  const end = page.fromEnd ? all.length - page.offset : Math.min(all.length, start + (page.max ?? all.length));
  const slice = all.slice(start, Math.max(start, end));
  const last = page.fromEnd ? start === 0 : end >= all.length;
  return {
    slice,
    attrs: { IndexedPagingOffset: page.fromEnd ? page.offset + slice.length : start + slice.length, TotalItemsInView: all.length, IncludesLastItemInRange: last },
  };
}
