import { parseGetItemResponse } from '../server/src/exchange/ews/get-item';
import { readSoapBody } from '../server/src/exchange/ews/soap-response';
import { parseSyncFolderItemsResponse } from '../server/src/exchange/ews/sync-folder-items';
import { parseXml } from '../server/src/xml/parse-xml';
import type { XmlElement } from '../server/src/xml/xml-element';
import { getItemResponse, syncFolderItemsResponse } from './ews-client-fixtures';
import { GET_BATCH } from './ews-client-calls';
import { SYNC_PAGE } from './ews-client-server';

const BATCHES = 9;
const RUNS_PER_BATCH = 20;

/** CPU milliseconds per run: the median over batches, so one preempted batch cannot skew it. */
function cpuPerRun(run: () => unknown): number {
  for (let i = 0; i < RUNS_PER_BATCH; i += 1) run();
  const perRun: number[] = [];
  for (let b = 0; b < BATCHES; b += 1) {
    const started = process.cpuUsage();
    for (let i = 0; i < RUNS_PER_BATCH; i += 1) run();
    const used = process.cpuUsage(started);
    perRun.push((used.user + used.system) / 1000 / RUNS_PER_BATCH);
  }
  perRun.sort((a, b) => a - b);
  return perRun[BATCHES >> 1] ?? 0;
}

export interface PhaseCosts {
  readonly parseMs: number;
  readonly mapMs: number;
}

/**
 * Where our client's time goes, measured on the same response text the server sends:
 * XML parsing (saxes plus the tree) and mapping the tree to typed items. What a whole
 * call costs beyond these is request rendering, HTTP over loopback and UTF-8 decoding.
 */
export function measureOurPhases(): { sync: PhaseCosts; get: PhaseCosts } {
  const phases = (xml: string, map: (body: XmlElement) => unknown): PhaseCosts => {
    const body = readSoapBody({ status: 200, headers: {}, body: xml });
    return { parseMs: cpuPerRun(() => parseXml(xml)), mapMs: cpuPerRun(() => map(body)) };
  };
  return {
    sync: phases(syncFolderItemsResponse(0, SYNC_PAGE, 'state-1', false), parseSyncFolderItemsResponse),
    get: phases(
      getItemResponse(Array.from({ length: GET_BATCH }, (_, n) => n)),
      parseGetItemResponse,
    ),
  };
}
