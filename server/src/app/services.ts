import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { RouteGroup } from '../http/openapi';
import type { Metrics } from '../observability/metrics';
import type { SecretBox } from '../secrets/secret-box';

/** What every area of the backend may build on; created once at start-up. */
export interface Services {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly db: Database;
  /** Seals client secrets and passwords before they are stored (E3). */
  readonly secrets: SecretBox;
}

/**
 * The API areas, each under its own `/api/…` prefix and behind the bearer check. An area
 * joins the backend by adding one entry here; the OpenAPI document follows by itself.
 */
export function buildRouteGroups(_services: Services): RouteGroup[] {
  return [];
}
