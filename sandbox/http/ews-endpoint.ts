import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { NS } from '../../server/src/xml/namespaces';
import { parseXml, XmlParseError } from '../../server/src/xml/parse-xml';
import { descend, firstChild, type XmlElement } from '../../server/src/xml/xml-element';
import { authenticate, type Caller } from '../auth/authenticate';
import { resolveActingMailbox } from '../ews/impersonation';
import { SoapFaultError, type OperationContext } from '../ews/operation-context';
import { OPERATIONS } from '../ews/operations/index';
import { renderEnvelope, renderSoapFault } from '../ews/soap-envelope';
import type { FaultKind } from '../faults/fault-plan';
import type { SandboxState } from '../sandbox-state';
import { StoreError } from '../store/mailbox-store';
import type { Mailbox } from '../store/store-types';
import { readBody } from './read-body';

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

/** Connections held open by the "timeout" fault, released when the sandbox closes. */
export type HeldConnections = Set<ServerResponse>;

/**
 * POST /EWS/Exchange.asmx. Order mirrors Exchange: authenticate, then policy, then
 * parse and dispatch on the Body's first element. Faults chosen by the fault plan
 * replace the answer after the caller and mailbox are known.
 */
export async function handleEws(state: SandboxState, req: IncomingMessage, res: ServerResponse, held: HeldConnections): Promise<void> {
  const { text, tooLarge } = await readBody(req);
  const caller = await authenticate(state, req.headers.authorization);
  if (!caller) return send(res, { status: 401, body: '', headers: { 'WWW-Authenticate': 'Basic realm="sandbox", Bearer' } });
  if (!state.policy.ewsEnabled) return send(res, policyDenied(state));
  if (tooLarge) return send(res, fault('ErrorSchemaValidation', 'The request failed schema validation: the request is too large.'));

  let operation = 'Unknown';
  let mailbox: Mailbox | undefined;
  let answer: Answer;
  try {
    const envelope = parseEnvelope(text);
    const header = descend(envelope, NS.soap, 'Header');
    const body = descend(envelope, NS.soap, 'Body')?.children[0];
    if (!body) throw new SoapFaultError('ErrorSchemaValidation', 'The request failed schema validation: the SOAP Body is empty.');
    operation = body.local;
    const acting = resolveActingMailbox(state, caller, header);
    mailbox = acting.mailbox;
    state.counters.countCall(operation, mailbox.smtpAddress.toLowerCase(), typeof req.headers['x-anchormailbox'] === 'string', acting.impersonating);
    if (state.policy.blockedMailboxes.some((m) => m.toLowerCase() === mailbox?.smtpAddress.toLowerCase())) return send(res, policyDenied(state));
    const injected = state.faults.draw(operation, mailbox.smtpAddress);
    if (injected) {
      state.counters.countFault(injected);
      return await injectFault(state, injected, req, res, held, text);
    }
    answer = await dispatch(state, operation, body, header, mailbox, caller);
  } catch (err) {
    answer = faultFor(state, err);
  }
  state.capture.emit({ endpoint: 'ews', operation, mailbox: mailbox?.smtpAddress, status: answer.status, requestXml: text, responseXml: answer.body });
  send(res, answer);
}

function parseEnvelope(text: string): XmlElement {
  const envelope = parseXml(text);
  if (envelope.ns !== NS.soap || envelope.local !== 'Envelope') {
    throw new SoapFaultError('ErrorSchemaValidation', 'The request failed schema validation: the root element is not a SOAP 1.1 Envelope.');
  }
  return envelope;
}

async function dispatch(state: SandboxState, operation: string, body: XmlElement, header: XmlElement | undefined, mailbox: Mailbox, caller: Caller): Promise<Answer> {
  const handler = body.ns === NS.messages ? OPERATIONS.get(operation) : undefined;
  if (!handler) throw new SoapFaultError('ErrorInvalidRequest', `The request is invalid: the operation ${operation} is not supported by this server.`);
  const key = mailbox.smtpAddress.toLowerCase();
  const limit = state.faults.concurrencyLimit();
  const running = state.inFlight.get(key) ?? 0;
  if (limit !== undefined && running >= limit) {
    state.counters.countFault('concurrency');
    throw new SoapFaultError('ErrorExceededConnectionCount', 'You have exceeded the maximum number of concurrent connections for your account. Try again later.');
  }
  state.inFlight.set(key, running + 1);
  try {
    const latency = state.faults.latencyMs();
    if (latency > 0) await delay(latency);
    const ctx: OperationContext = {
      store: state.store,
      mailbox,
      actorName: caller.kind === 'user' ? caller.mailbox.displayName : 'Tandem Sync (app)',
      body,
      timeZoneId: firstChild(firstChild(header, NS.types, 'TimeZoneContext'), NS.types, 'TimeZoneDefinition')?.attrs.Id,
      syncKey: state.syncKey,
      recordSent: (record) => state.sent.add(record),
      logger: state.logger,
    };
    return { status: 200, body: renderEnvelope(handler(ctx)) };
  } finally {
    state.inFlight.set(key, (state.inFlight.get(key) ?? 1) - 1);
  }
}

function faultFor(state: SandboxState, err: unknown): Answer {
  if (err instanceof SoapFaultError) return fault(err.responseCode, err.message, err.backOffMilliseconds);
  if (err instanceof XmlParseError) return fault('ErrorSchemaValidation', `The request failed schema validation: ${err.message}`);
  if (err instanceof StoreError) return fault(err.responseCode, err.message);
  state.logger.error({ err }, 'sandbox EWS handler failed');
  return fault('ErrorInternalServerError', 'An internal server error occurred. The operation failed.');
}

function fault(responseCode: string, message: string, backOffMilliseconds?: number): Answer {
  return { status: 500, body: renderSoapFault({ faultcode: `a:${responseCode}`, responseCode, message, backOffMilliseconds }) };
}

function policyDenied(state: SandboxState): Answer {
  return { status: 403, body: '', headers: { 'X-EWS-Policy-Reason': state.policy.reason } };
}

async function injectFault(state: SandboxState, kind: FaultKind, req: IncomingMessage, res: ServerResponse, held: HeldConnections, requestXml: string): Promise<void> {
  switch (kind) {
    case 'http500':
      return send(res, { status: 500, body: 'Internal Server Error', headers: { 'Content-Type': 'text/plain' } });
    case 'http503':
      return send(res, { status: 503, body: 'Service Unavailable', headers: { 'Content-Type': 'text/plain', 'Retry-After': '1' } });
    case 'unauthorized':
      return send(res, { status: 401, body: '', headers: { 'WWW-Authenticate': 'Basic realm="sandbox", Bearer' } });
    case 'reset':
      req.socket.destroy();
      return;
    case 'timeout':
      // Hold the request until the client gives up (or the sandbox closes).
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    case 'serverBusy': {
      const answer = fault('ErrorServerBusy', 'The server cannot service this request right now. Try again later.', state.faults.backOffMilliseconds());
      state.capture.emit({ endpoint: 'ews', operation: undefined, mailbox: undefined, status: answer.status, requestXml, responseXml: answer.body });
      return send(res, answer);
    }
  }
}

function send(res: ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { ...(answer.headers ?? {}) };
  if (answer.body.startsWith('<?xml')) headers['Content-Type'] = 'text/xml; charset=utf-8';
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}
