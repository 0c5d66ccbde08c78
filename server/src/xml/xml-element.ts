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
  return el?.children.find((c) => c.local === local && c.ns === ns);
}

export function childrenNamed(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local && c.ns === ns) : [];
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
