import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import {
  EXPORT_COLUMNS,
  exportList,
  formatRows,
  openStore,
  type ConfigInput,
  type ExportFormat,
  type ExportList,
} from '@calmdesk/server';
import { loadCliConfig } from './cli-config.js';

export interface ExportOptions {
  list: ExportList;
  format: ExportFormat;
  /** A file to write; standard output when absent. */
  out?: string;
  config: ConfigInput;
}

/**
 * `calmdesk export`: one list, streamed from the store to a file or standard output in the same
 * rows the web app's download gives, waiting for the output to drain so memory stays flat.
 * Returns how many rows were written.
 */
export async function exportToFile(options: ExportOptions): Promise<number> {
  const config = loadCliConfig(options.config);
  const store = await openStore(config);
  const out: Writable = options.out === undefined ? process.stdout : createWriteStream(options.out);
  let rows = 0;
  try {
    const counted = (async function* () {
      for await (const row of exportList(store, options.list)) {
        rows += 1;
        yield row;
      }
    })();
    for await (const chunk of formatRows(counted, EXPORT_COLUMNS[options.list], options.format)) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
    return rows;
  } finally {
    await store.close();
  }
}
