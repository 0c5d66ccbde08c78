import type { Database } from '../../db/database';

/** The one database capability the sync stores need, so they also run inside a transaction handle. */
export type SqlClient = Pick<Database, 'query'>;
