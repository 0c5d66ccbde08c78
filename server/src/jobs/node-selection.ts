/**
 * B6 "which server node runs it": the batch settings may name one backend node; only
 * that node schedules and works sync jobs. No name (null) lets every node take a share.
 * Host names are case-insensitive, and admins type them, so case and outer spaces do not
 * count.
 */
export function isSelectedNode(selectedNode: string | null, thisNode: string): boolean {
  if (selectedNode === null || selectedNode.trim() === '') return true;
  return selectedNode.trim().toLowerCase() === thisNode.trim().toLowerCase();
}
