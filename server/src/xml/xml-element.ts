/**
 * A parsed XML element, resolved to namespace URIs. Protocol code matches elements
 * by (namespace, local name) and never by prefix: real Exchange servers, proxies and
 * third-party clients choose prefixes freely (`t:`, `types:`, default namespaces).
 */
export interface XmlElement {
  readonly ns: string;
  readonly local: string;
  /** Attributes keyed by local name when unqualified, else by `{uri}local`. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated direct text and CDATA content. */
  readonly text: string;
}

/**
 * Below this many children a scan beats building an index. Item mappers look up dozens
 * of properties per item, so on wide elements (a contact has ~30 children) one index
 * per element replaces dozens of scans.
 */
const INDEX_FROM_CHILDREN = 8;

interface ChildIndex {
  readonly size: number;
  readonly byLocal: Map<string, XmlElement[]>;
}

// Keyed by the children array: trees are immutable once built, and the size check
// still catches a caller that reuses a mutable array for a new element.
const indexes = new WeakMap<readonly XmlElement[], ChildIndex>();

function childIndex(children: readonly XmlElement[]): Map<string, XmlElement[]> {
  const cached = indexes.get(children);
  if (cached && cached.size === children.length) return cached.byLocal;
  const byLocal = new Map<string, XmlElement[]>();
  for (const child of children) {
    const list = byLocal.get(child.local);
    if (list) list.push(child);
    else byLocal.set(child.local, [child]);
  }
  indexes.set(children, { size: children.length, byLocal });
  return byLocal;
}

export function firstChild(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  if (!el) return undefined;
  const children = el.children;
  const candidates = children.length < INDEX_FROM_CHILDREN ? children : childIndex(children).get(local);
  if (!candidates) return undefined;
  for (const child of candidates) if (child.local === local && child.ns === ns) return child;
  return undefined;
}

export function childrenNamed(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  if (!el) return [];
  const children = el.children;
  const candidates = children.length < INDEX_FROM_CHILDREN ? children : childIndex(children).get(local);
  const out: XmlElement[] = [];
  if (candidates) for (const child of candidates) if (child.local === local && child.ns === ns) out.push(child);
  return out;
}

/** Text of a direct child, or undefined when the child is absent. */
export function childText(el: XmlElement | undefined, ns: string, local: string): string | undefined {
  return firstChild(el, ns, local)?.text;
}

/** Follows a path of children in one namespace: `descend(env, NS.soap, 'Body')`. */
export function descend(el: XmlElement | undefined, ns: string, ...locals: string[]): XmlElement | undefined {
  let current = el;
  for (const local of locals) current = firstChild(current, ns, local);
  return current;
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el?.attrs[name];
}
