import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { TokenService } from './auth/token-service';
import { CaptureHub } from './control/capture';
import { CallCounters } from './control/counters';
import { SentLog } from './control/sent-log';
import { FaultPlan } from './faults/fault-plan';
import { MailboxStore } from './store/mailbox-store';

export interface PolicyMode {
  /** False: every EWS call gets HTTP 403 with X-EWS-Policy-Reason (tenant-wide EWS block). */
  readonly ewsEnabled: boolean;
  /** Mailboxes for which EWS access is blocked by a per-user policy. */
  readonly blockedMailboxes: readonly string[];
  readonly reason: string;
}

export const DEFAULT_POLICY: PolicyMode = { ewsEnabled: true, blockedMailboxes: [], reason: 'EwsEnabled=False' };

/** Everything the endpoints and the control API share; one per sandbox instance. */
export interface SandboxState {
  store: MailboxStore;
  readonly serviceAccount: { readonly user: string; readonly password: string };
  /** Mailboxes (lower-case SMTP) the service account may impersonate. */
  readonly impersonationGrants: Set<string>;
  policy: PolicyMode;
  readonly faults: FaultPlan;
  readonly counters: CallCounters;
  readonly sent: SentLog;
  readonly capture: CaptureHub;
  readonly syncKey: Buffer;
  readonly tokens: TokenService;
  readonly controlToken: string;
  readonly logger: Logger;
  /** Autodiscover answers these addresses (lower-case) with a redirect to the value. */
  readonly autodiscoverRedirects: Map<string, string>;
  readonly deploymentId: string;
  /** Calls in flight per mailbox, for the concurrency limit. */
  readonly inFlight: Map<string, number>;
}

export function createSandboxState(options: { tokens: TokenService; logger: Logger; faultSeed: number; serviceAccount: { user: string; password: string } }): SandboxState {
  return {
    store: new MailboxStore(),
    serviceAccount: options.serviceAccount,
    impersonationGrants: new Set(),
    policy: DEFAULT_POLICY,
    faults: new FaultPlan(options.faultSeed),
    counters: new CallCounters(),
    sent: new SentLog(),
    capture: new CaptureHub(),
    syncKey: randomBytes(32),
    tokens: options.tokens,
    controlToken: randomBytes(18).toString('base64url'),
    logger: options.logger,
    inFlight: new Map(),
    autodiscoverRedirects: new Map(),
    deploymentId: randomUUID(),
  };
}
