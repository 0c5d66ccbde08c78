/** One HTTP exchange with the EWS or Autodiscover endpoints, raw, for schema validation. */
export interface CapturedExchange {
  readonly endpoint: 'ews' | 'autodiscover-soap' | 'autodiscover-pox';
  readonly operation: string | undefined;
  readonly mailbox: string | undefined;
  readonly status: number;
  readonly requestXml: string;
  /** Empty when the answer was not XML (401, 403, injected HTTP errors, dropped connections). */
  readonly responseXml: string;
}

export type CaptureHook = (exchange: CapturedExchange) => void;

export class CaptureHub {
  private readonly hooks = new Set<CaptureHook>();

  add(hook: CaptureHook): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  emit(exchange: CapturedExchange): void {
    for (const hook of this.hooks) hook(exchange);
  }
}
