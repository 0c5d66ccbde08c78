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
  /** `firstOfEachName` per namespace, filled on first use. */
  readonly firstByNs: Map<string, readonly XmlElement[]>;
}

// Keyed by the children array: trees are immutable once built, and the size check
// still catches a caller that reuses a mutable array for a new element.
const indexes = new WeakMap<readonly XmlElement[], ChildIndex>();

function indexOf(children: readonly XmlElement[]): ChildIndex {
  const cached = indexes.get(children);
  if (cached && cached.size === children.length) return cached;
  const byLocal = new Map<string, XmlElement[]>();
  for (const child of children) {
    const list = byLocal.get(child.local);
    if (list) list.push(child);
    else byLocal.set(child.local, [child]);
  }
  const index: ChildIndex = { size: children.length, byLocal, firstByNs: new Map() };
  indexes.set(children, index);
  return index;
}

function childIndex(children: readonly XmlElement[]): Map<string, XmlElement[]> {
  return indexOf(children).byLocal;
}

function collectFirstOfEachName(children: readonly XmlElement[], ns: string, isFirst: (child: XmlElement, at: number) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  for (let at = 0; at < children.length; at += 1) {
    const child = children[at];
    if (child && child.ns === ns && isFirst(child, at)) out.push(child);
  }
  return out;
}

/**
 * The children in `ns`, only the first of each local name, in document order: what a
 * mapper reading all properties of an element in one pass needs (later duplicates are
 * what a lookup of the first such child would never see).
 */
export function firstOfEachName(el: XmlElement, ns: string): readonly XmlElement[] {
  const children = el.children;
  if (children.length === 1) return children[0]?.ns === ns ? children : [];
  if (children.length < INDEX_FROM_CHILDREN) {
    return collectFirstOfEachName(children, ns, (child, at) => {
      for (let before = 0; before < at; before += 1) {
        const earlier = children[before];
        if (earlier && earlier.local === child.local && earlier.ns === ns) return false;
      }
      return true;
    });
  }
  const index = indexOf(children);
  let first = index.firstByNs.get(ns);
  if (!first) {
    first = collectFirstOfEachName(children, ns, (child) => {
      const sameName = index.byLocal.get(child.local) ?? [];
      return sameName.length === 1 || sameName.find((c) => c.ns === ns) === child;
    });
    index.firstByNs.set(ns, first);
  }
  return first;
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
