import type { AppContext } from '../app/app-context.js';
import type { IngestMessage } from '../contract/index.js';
import { AnalysisPool } from '../ingest/analysis-pool.js';
import { IngestService } from '../ingest/ingest-service.js';
import { MessagePipeline } from '../messages/message-pipeline.js';
import { PolicyService } from '../policy/policy-service.js';
import type { Store } from '../storage/store.js';

export interface HistoryImportOptions {
  store: Store;
  /** The team's IANA time zone, for the promises read in old replies. */
  timeZone: string;
  /** The clock, for messages without a time of their own and the audit entry. */
  now?: () => Date;
  /** Analysis worker threads (default 2: this machine's two cores read while the writer writes). */
  analysisWorkers?: number;
}

/** What one batch did. */
export interface HistoryBatchResult {
  imported: number;
  duplicates: number;
  /** Messages the store refused, by their index in the batch, with why. */
  failed: { index: number; reason: string }[];
}

/**
 * Brings a help desk's history in, batch by batch, in import mode (nothing is raised: no live
 * events, webhooks or follow-ups on the clock; see `IngestOptions.history`). Each batch is read
 * on worker threads as soon as it is added, while the batch before it is still being written;
 * writes happen one batch at a time, in the order added, so a conversation's messages are stored
 * in order. Idempotent on the messages' external ids: the same archive twice adds nothing, and a
 * rerun after an interruption skips what was stored and goes on.
 */
export class HistoryImport {
  private readonly ingest: IngestService;
  private readonly pool: AnalysisPool;
  private readonly now: () => Date;
  private lastWrite: Promise<unknown> = Promise.resolve();

  constructor(options: HistoryImportOptions) {
    this.now = options.now ?? (() => new Date());
    const ctx: AppContext = {
      store: options.store,
      now: this.now,
      timeZone: options.timeZone,
      comingDueMinutes: 0,
      webhookUrl: undefined,
    };
    const pipeline = new MessagePipeline(ctx);
    this.ingest = new IngestService(ctx, new PolicyService(ctx), pipeline, {
      analysisWorkers: 1,
    });
    this.pool = new AnalysisPool({
      timeZone: options.timeZone,
      readInline: (m) => pipeline.analyse(m.direction, m.text, m.sentAt),
      size: options.analysisWorkers ?? 2,
      // Every batch goes to the workers: the event loop is busy writing the batch before.
      minChars: 0,
    });
  }

  /**
   * Adds a batch: its analysis starts now; the returned promise settles once it is written. A
   * caller keeps one or two batches added ahead, so reading and writing overlap.
   */
  add(messages: readonly IngestMessage[]): Promise<HistoryBatchResult> {
    const receivedAt = this.now().toISOString();
    // The time the reading uses must be the one stored: an undated message is dated now.
    const dated = messages.map((m) => (m.sentAt === undefined ? { ...m, sentAt: receivedAt } : m));
    const readings = this.pool.read(
      dated.map((m) => ({
        direction: m.direction,
        text: m.text,
        sentAt: new Date(m.sentAt!).toISOString(),
      })),
    );
    // The pool's workers never keep a process alive (they suit a server, which has its socket):
    // a command waiting only for them would exit mid-import, so a timer holds it until written.
    const keepAlive = setInterval(() => undefined, 60_000);
    const written = Promise.all([readings, this.lastWrite])
      .then(([read]) => this.write(dated, read))
      .finally(() => clearInterval(keepAlive));
    this.lastWrite = written.catch(() => undefined);
    return written;
  }

  private async write(
    messages: readonly IngestMessage[],
    readings: Awaited<ReturnType<AnalysisPool['read']>>,
  ): Promise<HistoryBatchResult> {
    const result: HistoryBatchResult = { imported: 0, duplicates: 0, failed: [] };
    try {
      const stored = await this.ingest.ingest(messages, null, 'import', {
        history: true,
        readings,
      });
      for (const r of stored) {
        if (r.duplicate) result.duplicates += 1;
        else result.imported += 1;
      }
      return result;
    } catch {
      // One bad message must not cost the batch: each is tried alone, and the ones the store
      // still refuses are reported.
      for (const [index, message] of messages.entries()) {
        try {
          const [r] = await this.ingest.ingest([message], null, 'import', {
            history: true,
            readings: [readings[index]!],
          });
          if (r?.duplicate === true) result.duplicates += 1;
          else result.imported += 1;
        } catch (error) {
          result.failed.push({
            index,
            reason: error instanceof Error ? error.message : String(error),
          });
        }
      }
      return result;
    }
  }

  /** Waits for the last write and ends the worker threads; the store stays open. */
  async close(): Promise<void> {
    await this.lastWrite;
    await Promise.all([this.pool.close(), this.ingest.close()]);
  }
}
