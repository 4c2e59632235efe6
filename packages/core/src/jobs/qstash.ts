import { Client, Receiver } from '@upstash/qstash';
import type { Config } from '../config';

/** Publishes job deliveries through QStash; dedup by job id makes re-publishing harmless. */
export function qstashPublisher(config: Config) {
  if (!config.QSTASH_TOKEN) throw new Error('JOBS_TRANSPORT=qstash needs QSTASH_TOKEN');
  const client = new Client({ token: config.QSTASH_TOKEN, ...(config.QSTASH_URL ? { baseUrl: config.QSTASH_URL } : {}) });
  return async (url: string, body: { tenantId: string; jobId: string }, deduplicationId: string) => {
    await client.publishJSON({ url, body, deduplicationId, retries: 5 });
  };
}

/** Verifies `Upstash-Signature` against the current key, then the next (key rotation). */
export function qstashReceiver(config: Config): Receiver {
  if (!config.QSTASH_CURRENT_SIGNING_KEY || !config.QSTASH_NEXT_SIGNING_KEY) {
    throw new Error('QStash delivery needs QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY');
  }
  return new Receiver({ currentSigningKey: config.QSTASH_CURRENT_SIGNING_KEY, nextSigningKey: config.QSTASH_NEXT_SIGNING_KEY });
}
