import type { OperationHandler } from '../operation-context';
import { createItem } from './create-item';
import { deleteItem } from './delete-item';
import { findFolder } from './find-folder';
import { getFolder } from './get-folder';
import { getItem } from './get-item';
import { syncFolderItems } from './sync-folder-items';
import { updateItem } from './update-item';
import { convertId } from './convert-id';
import { findItem } from './find-item';
import { syncFolderHierarchy } from './sync-folder-hierarchy';

/** Operations by the local name of their request element (messages namespace). */
export const OPERATIONS: ReadonlyMap<string, OperationHandler> = new Map([
  ['GetFolder', getFolder],
  ['FindFolder', findFolder],
  ['SyncFolderItems', syncFolderItems],
  ['GetItem', getItem],
  ['CreateItem', createItem],
  ['UpdateItem', updateItem],
  ['DeleteItem', deleteItem],
  ['SyncFolderHierarchy', syncFolderHierarchy],
  ['FindItem', findItem],
  ['ConvertId', convertId],
]);
