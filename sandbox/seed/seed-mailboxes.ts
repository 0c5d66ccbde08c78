import type { SandboxState } from '../sandbox-state';
import { seedDemoContent } from './demo-content';

/** The service account always exists: it is the identity Basic auth and impersonation use. */
export function seedSandbox(state: SandboxState, mode: 'demo' | 'none'): void {
  state.store.addMailbox(state.serviceAccount.user, 'Tandem Sync Service', state.serviceAccount.password);
  if (mode === 'demo') seedDemoContent(state);
}
