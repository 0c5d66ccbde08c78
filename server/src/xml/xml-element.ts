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

export function firstChild(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const child of el.children) if (child.local === local && child.ns === ns) return child;
  return undefined;
}

export function childrenNamed(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (el) for (const child of el.children) if (child.local === local && child.ns === ns) out.push(child);
  return out;
}

/**
 * The children in `ns`, only the first of each local name, in document order: what a
 * mapper reading all properties of an element in one pass needs (later duplicates are
 * what a lookup of the first such child would never see). No index is cached between
 * calls: measured on whole GetItem calls, a WeakMap of per-element indexes cost more in
 * garbage collection than the scans it saved.
 */
export function firstOfEachName(el: XmlElement, ns: string): readonly XmlElement[] {
  const children = el.children;
  if (children.length === 1) return children[0]?.ns === ns ? children : [];
  const seen = new Set<string>();
  const out: XmlElement[] = [];
  for (const child of children) {
    if (child.ns !== ns || seen.has(child.local)) continue;
    seen.add(child.local);
    out.push(child);
  }
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
