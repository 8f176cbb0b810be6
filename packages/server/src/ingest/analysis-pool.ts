import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MessageReading, MessageToRead } from '../messages/read-message.js';

/**
 * Messages with less text than this in all are read on the event loop: a few short messages
 * take less time to read than a round trip to a worker. A batch of 1,000 long messages took
 * 1.5 s of the event loop, with every other request waiting.
 */
export const WORKER_MIN_CHARS = 50_000;
/** The most text one task carries, so several workers share a large batch. */
const TASK_CHARS = 500_000;

export interface AnalysisPoolOptions {
  /** The team's time zone, for the promises read in agents' messages. */
  timeZone: string;
  /** Reads a message on the event loop: small batches, and the fallback if a worker fails. */
  readInline: (message: MessageToRead) => MessageReading;
  /** Worker threads at most (default: the cores but one, at least one, at most four). */
  size?: number;
  /** Text below which messages are read inline (default WORKER_MIN_CHARS). */
  minChars?: number;
}

interface Task {
  messages: MessageToRead[];
  resolve: (readings: MessageReading[]) => void;
  reject: (error: unknown) => void;
}

interface PoolWorker {
  worker: Worker;
  task: Task | undefined;
}

/** The built worker: beside this file, or in dist/ when running from the sources (tests). */
function workerFile(): string | undefined {
  const beside = fileURLToPath(new URL('./analysis-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = beside.replace(/([\\/])src([\\/]ingest[\\/]analysis-worker\.js)$/, '$1dist$2');
  return existsSync(built) ? built : undefined;
}

/**
 * Reads large batches of messages on worker threads, started when first needed, so the event
 * loop stays free for every other request (health, the inbox) while they are analysed. Readings
 * come back in the order of the messages. If no worker can run (no built worker file, or a
 * worker fails), the messages are read inline: slower for everyone, never lost.
 */
export class AnalysisPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Task[] = [];
  private readonly file = workerFile();
  private readonly size: number;
  private readonly minChars: number;
  private closed = false;

  constructor(private readonly options: AnalysisPoolOptions) {
    this.size = options.size ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.minChars = options.minChars ?? WORKER_MIN_CHARS;
  }

  /** Whether messages this long in all go to a worker. */
  usesWorkers(chars: number): boolean {
    return chars >= this.minChars && this.file !== undefined && !this.closed;
  }

  async read(messages: readonly MessageToRead[]): Promise<MessageReading[]> {
    const chars = messages.reduce((n, m) => n + m.text.length, 0);
    if (!this.usesWorkers(chars)) return messages.map(this.options.readInline);
    const tasks: MessageToRead[][] = [[]];
    let taskChars = 0;
    for (const message of messages) {
      if (taskChars >= TASK_CHARS) {
        tasks.push([]);
        taskChars = 0;
      }
      tasks[tasks.length - 1]!.push(message);
      taskChars += message.text.length;
    }
    try {
      const parts = await Promise.all(tasks.map((task) => this.run(task)));
      return parts.flat();
    } catch {
      return messages.map(this.options.readInline);
    }
  }

  /** Ends the workers; later reads are done inline. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private run(messages: MessageToRead[]): Promise<MessageReading[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let idle = this.workers.find((w) => w.task === undefined);
      if (idle === undefined && this.workers.length < this.size && !this.closed) {
        idle = this.spawn();
      }
      if (idle === undefined) return;
      const task = this.queue.shift()!;
      idle.task = task;
      idle.worker.postMessage({ messages: task.messages });
    }
  }

  private spawn(): PoolWorker {
    const worker = new Worker(this.file!, { workerData: { timeZone: this.options.timeZone } });
    const entry: PoolWorker = { worker, task: undefined };
    worker.on('message', (reply: { readings?: MessageReading[]; error?: string }) => {
      const task = entry.task;
      entry.task = undefined;
      if (reply.readings !== undefined) task?.resolve(reply.readings);
      else task?.reject(new Error(`analysis worker: ${reply.error ?? 'no readings'}`));
      this.dispatch();
    });
    const fail = (error: Error) => {
      const at = this.workers.indexOf(entry);
      if (at >= 0) this.workers.splice(at, 1);
      entry.task?.reject(error);
      entry.task = undefined;
      if (this.closed) {
        for (const task of this.queue.splice(0)) task.reject(error);
      } else {
        this.dispatch();
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`analysis worker stopped (exit code ${code})`)));
    // A worker never keeps the process alive (after the listeners, which would ref it again).
    worker.unref();
    this.workers.push(entry);
    return entry;
  }
}
