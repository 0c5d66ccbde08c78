/**
 * What start-up opened, closed in reverse order: on shutdown, and when a later step of
 * the start fails. Every step runs even when an earlier one fails; failures are reported together.
 */
export class CleanupStack {
  readonly #steps: { readonly name: string; readonly run: () => Promise<void> }[] = [];

  push(name: string, run: () => Promise<void>): void {
    this.#steps.push({ name, run });
  }

  async closeAll(): Promise<void> {
    const failures: string[] = [];
    for (let step = this.#steps.pop(); step; step = this.#steps.pop()) {
      try {
        await step.run();
      } catch (err) {
        failures.push(`${step.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (failures.length > 0) throw new Error(`Shutdown incomplete: ${failures.join('; ')}`);
  }
}
