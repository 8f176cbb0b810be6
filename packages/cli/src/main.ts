import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ROLES, type Role } from '@calmdesk/server/roles';
import { EVAL_TASKS } from './commands/eval-tasks.js';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from './commands/train-settings.js';
import { CliError } from './errors.js';

// Each command's code is loaded when that command runs: `calmdesk bench` has no use for the
// server, nor `calmdesk start` for the lexicon tools, and every command starts faster.

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

function isoTime(value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(d.getTime())) {
    throw new InvalidArgumentError('must be an ISO 8601 date-time, e.g. 2026-11-27T10:00:00Z');
  }
  return d;
}

function positiveInteger(value: string): number {
  const n = positiveNumber(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be a whole number');
  return n;
}

function buildProgram(): Command {
  const program = new Command('calmdesk')
    .description('Calmdesk: read customer messages, see how upset they are and why')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    })
    .showHelpAfterError(false);

  program
    .command('analyze')
    .description(
      'analyse messages, one per line (plain text or JSON lines with "text"), or conversations',
    )
    .argument('[file]', 'a file, or - for standard input', '-')
    .option('--json', 'print one JSON object per message or conversation')
    .option(
      '--conversations <file>',
      'analyse conversations instead: JSON lines {"id", "messages": [{"role", "text", "at"}]}',
    )
    .option('--now <time>', 'the present moment for promises and follow-ups (ISO 8601)', isoTime)
    .option('--time-zone <zone>', "the team's IANA time zone", 'UTC')
    .option('--skip-bad-lines', 'report invalid lines on stderr and go on instead of stopping')
    .action(
      async (
        file: string,
        opts: {
          json?: boolean;
          conversations?: string;
          now?: Date;
          timeZone: string;
          skipBadLines?: boolean;
        },
      ) => {
        if (opts.conversations !== undefined) {
          const { analyzeConversationsFile } = await import('./commands/analyze-conversations.js');
          await analyzeConversationsFile({
            input: opts.conversations,
            json: opts.json === true,
            now: opts.now ?? new Date(),
            timeZone: opts.timeZone,
            skipBadLines: opts.skipBadLines === true,
            write: out,
            warn: err,
          });
          return;
        }
        const { analyzeFile } = await import('./commands/analyze.js');
        await analyzeFile({ input: file, json: opts.json === true, write: out });
      },
    );

  program
    .command('eval')
    .description('measure the engine and two lexicon tools on a labelled JSON-lines file')
    .addOption(
      new Option('--task <task>', `what to detect: ${EVAL_TASKS.join(', ')}, listening`).default(
        'upset',
      ),
    )
    .requiredOption(
      '--data <file>',
      'JSON lines with "text" and "label" (0 or 1); for listening, labelled (conversation, reply) pairs',
    )
    .option('--json', 'print one JSON object')
    .option('--skip-bad-lines', 'report invalid lines on stderr and go on instead of stopping')
    .addOption(
      new Option('--half <half>', 'listening: only the odd or even lines').choices(['odd', 'even']),
    )
    .action(
      async (opts: {
        task: string;
        data: string;
        json?: boolean;
        skipBadLines?: boolean;
        half?: 'odd' | 'even';
      }) => {
        if (opts.task === 'listening') {
          const { evaluateListening, formatListeningReport } =
            await import('./commands/eval-listening.js');
          const report = await evaluateListening({ data: opts.data, half: opts.half, warn: err });
          out(opts.json ? JSON.stringify(report) : formatListeningReport(report));
          return;
        }
        const { evaluate, formatEvalReport } = await import('./commands/eval.js');
        const report = await evaluate({
          task: opts.task,
          data: opts.data,
          skipBadLines: opts.skipBadLines === true,
          warn: err,
        });
        if (opts.json) {
          const { engine, vader, afinn } = report;
          out(JSON.stringify({ engine, vader, afinn }));
        } else out(formatEvalReport(report));
      },
    );

  program
    .command('bench')
    .description('measure messages per second and latency of the engine and two lexicon tools')
    .option('--data <file>', 'messages: JSON lines with "text", or plain text lines')
    .option('--coach', 'measure coachReply and analyzeConversation instead')
    .option('--runs <n>', 'timed runs for --coach', positiveInteger, 3000)
    .option('--json', 'print one JSON object')
    .option('--seconds <s>', 'least time per tool', positiveNumber, 2)
    .option('--limit <n>', 'use only the first n messages', positiveInteger)
    .action(
      async (opts: {
        data?: string;
        coach?: boolean;
        runs: number;
        json?: boolean;
        seconds: number;
        limit?: number;
      }) => {
        if (opts.coach) {
          const { benchCoach, formatCoachBench } = await import('./commands/bench-coach.js');
          const report = benchCoach(opts.runs);
          if (opts.json) {
            out(
              JSON.stringify({
                coachReply: report.coachReply,
                analyzeConversation: report.analyzeConversation,
              }),
            );
          } else out(formatCoachBench(report));
          return;
        }
        if (opts.data === undefined)
          throw new CliError('usage', 'bench needs --data FILE (or --coach)');
        const { bench, formatBenchReport } = await import('./commands/bench.js');
        const report = await bench({ data: opts.data, seconds: opts.seconds, limit: opts.limit });
        if (opts.json) {
          const { engine, vader, afinn } = report;
          out(JSON.stringify({ engine, vader, afinn }));
        } else out(formatBenchReport(report));
      },
    );

  program
    .command('coach')
    .description('coach a draft reply: reads {"conversation": [...], "draft": "..."} on stdin')
    .option('--json', 'print one JSON object with the keys score and findings')
    .action(async (opts: { json?: boolean }) => {
      const { coach, formatCoach } = await import('./commands/coach.js');
      const { draft, result } = await coach(process.stdin);
      if (opts.json) out(JSON.stringify(result));
      else out(formatCoach(draft, result));
    });

  const d = DEFAULT_TRAIN_SETTINGS;
  program
    .command('train')
    .description('train the model from ../shared/data and write its weights into core')
    .option('--data-dir <dir>', 'the shared data directory (default: ../shared/data)')
    .option('--out <file>', 'where to write the weights (default: core/src/model/weights/model.ts)')
    .option('--dry-run', 'train and measure, but write nothing')
    .option('--seed <n>', 'random seed', positiveInteger, d.seed)
    .option('--folds <n>', 'cross-validation folds', positiveInteger, d.folds)
    .option('--epochs <n>', 'passes over the data', positiveInteger, d.epochs)
    .option('--learning-rate <x>', 'AdaGrad step size', positiveNumber, d.learningRate)
    .option('--l2 <x>', 'L2 regularisation', positiveNumber, d.l2)
    .option('--min-count <n>', 'least rows a term must appear in', positiveInteger, d.minCount)
    .option(
      '--emotion-weight <x>',
      'weight of the emotion head in upset (0 to 1)',
      positiveNumber,
      d.emotionWeight,
    )
    .option(
      '--emotion-epochs <n>',
      'passes over GoEmotions for the emotion head',
      positiveInteger,
      d.emotionEpochs,
    )
    .option(
      '--emotion-min-count <n>',
      'least rows a term must appear in, for the emotion head',
      positiveInteger,
      d.emotionMinCount,
    )
    .option('--prune <x>', 'drop weights smaller than this', positiveNumber, d.prune)
    .action(async (opts: TrainSettings & { dataDir?: string; out?: string; dryRun?: boolean }) => {
      const { train } = await import('./commands/train.js');
      const settings: TrainSettings = {
        seed: opts.seed,
        folds: opts.folds,
        epochs: opts.epochs,
        learningRate: opts.learningRate,
        l2: opts.l2,
        minCount: opts.minCount,
        prune: opts.prune,
        emotionWeight: opts.emotionWeight,
        emotionEpochs: opts.emotionEpochs,
        emotionMinCount: opts.emotionMinCount,
      };
      const { file } = train({
        dataDir: opts.dataDir,
        out: opts.out,
        write: opts.dryRun !== true,
        settings,
        log: err,
      });
      for (const [name, m] of Object.entries(file.header.figures)) {
        out(
          `${name.padEnd(22)} ${Object.entries(m)
            .map(([k, v]) => `${k} ${v}`)
            .join('  ')}`,
        );
      }
    });

  program
    .command('start')
    .description(
      'run the Calmdesk service: API, live updates, follow-up clock (SQLite in --data-dir unless DATABASE_URL is set)',
    )
    .option('--port <n>', 'port to listen on (CALMDESK_PORT, default 3000)')
    .option('--host <address>', 'address to listen on (CALMDESK_HOST, default 127.0.0.1)')
    .option(
      '--data-dir <dir>',
      'where the SQLite database lives (CALMDESK_DATA_DIR, default ./calmdesk-data)',
    )
    .option('--time-zone <zone>', "the team's IANA time zone (CALMDESK_TIME_ZONE, default UTC)")
    .option('--demo', 'load demo conversations and people into an empty database')
    .action(
      async (opts: {
        port?: string;
        host?: string;
        dataDir?: string;
        timeZone?: string;
        demo?: boolean;
      }) => {
        const { start } = await import('./commands/start.js');
        await start({
          ...(opts.port === undefined ? {} : { port: opts.port }),
          ...(opts.host === undefined ? {} : { host: opts.host }),
          ...(opts.dataDir === undefined ? {} : { dataDir: opts.dataDir }),
          ...(opts.timeZone === undefined ? {} : { timeZone: opts.timeZone }),
          ...(opts.demo === true ? { demo: true } : {}),
        });
      },
    );

  program
    .command('import')
    .description(
      'bring a help desk history in, as history: nothing is raised (SQLite in --data-dir unless DATABASE_URL is set)',
    )
    .argument('<files...>', 'archive files')
    .addOption(
      new Option('--format <format>', 'what the files are')
        .choices(['jsonl', 'csv', 'mbox', 'eml', 'chatwoot', 'zendesk'])
        .makeOptionMandatory(),
    )
    .option(
      '--map <pairs>',
      'csv: field=Column pairs, e.g. text=Body,sentAt=Date,conversation=Ticket',
    )
    .option('--map-file <file>', 'csv: the same mapping as a JSON object')
    .option(
      '--agents <addresses>',
      "mbox/eml: the team's addresses or @domains; their mail is outgoing",
    )
    .option('--data-dir <dir>', 'the SQLite data directory (CALMDESK_DATA_DIR)')
    .option('--json', 'print {"imported","duplicates","failed","seconds"}')
    .action(
      async (
        files: string[],
        opts: {
          format: 'jsonl' | 'csv' | 'mbox' | 'eml' | 'chatwoot' | 'zendesk';
          map?: string;
          mapFile?: string;
          agents?: string;
          dataDir?: string;
          json?: boolean;
        },
      ) => {
        const { importFiles, formatImportSummary } = await import('./commands/import.js');
        // Ctrl-C stops reading; what was read is still written, and a rerun goes on from there.
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const summary = await importFiles({
            files,
            format: opts.format,
            ...(opts.map === undefined ? {} : { map: opts.map }),
            ...(opts.mapFile === undefined ? {} : { mapFile: opts.mapFile }),
            ...(opts.agents === undefined ? {} : { agents: opts.agents }),
            config: opts.dataDir === undefined ? {} : { dataDir: opts.dataDir },
            progressStream: process.stderr,
            signal: stop.signal,
          });
          const { imported, duplicates, failed, seconds } = summary;
          out(
            opts.json
              ? JSON.stringify({ imported, duplicates, failed, seconds })
              : formatImportSummary(summary),
          );
          if (summary.interrupted)
            throw new CliError('interrupted', 'import stopped before the end');
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      },
    );

  program
    .command('export')
    .description(
      'write a list out as JSON lines or CSV (SQLite in --data-dir unless DATABASE_URL is set)',
    )
    .addArgument(
      new Argument('<list>', 'which list').choices([
        'conversations',
        'follow-ups',
        'escalations',
        'goodwill',
      ]),
    )
    .addOption(
      new Option('--format <format>', 'jsonl or csv').choices(['jsonl', 'csv']).default('jsonl'),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--data-dir <dir>', 'the SQLite data directory (CALMDESK_DATA_DIR)')
    .action(
      async (
        list: 'conversations' | 'follow-ups' | 'escalations' | 'goodwill',
        opts: { format: 'jsonl' | 'csv'; out?: string; dataDir?: string },
      ) => {
        const { exportToFile } = await import('./commands/export.js');
        const count = await exportToFile({
          list,
          format: opts.format,
          ...(opts.out === undefined ? {} : { out: opts.out }),
          config: opts.dataDir === undefined ? {} : { dataDir: opts.dataDir },
        });
        if (opts.out !== undefined) err(`Wrote ${count} ${list} to ${opts.out}.`);
      },
    );

  const user = program.command('user').description('manage the people who use Calmdesk');
  user
    .command('add')
    .description(
      'add a person (agent, supervisor or admin); the password is asked for, or read with --password-stdin',
    )
    .requiredOption('--email <email>', 'their email, used to sign in')
    .requiredOption('--name <name>', 'their name as the team sees it')
    .addOption(new Option('--role <role>', 'their role').choices([...ROLES]).default('agent'))
    .option('--password-stdin', 'read the password from standard input')
    .option('--data-dir <dir>', 'the SQLite data directory (CALMDESK_DATA_DIR)')
    .action(
      async (opts: {
        email: string;
        name: string;
        role: Role;
        passwordStdin?: boolean;
        dataDir?: string;
      }) => {
        const { addUser } = await import('./commands/user.js');
        out(
          await addUser(
            {
              email: opts.email,
              name: opts.name,
              role: opts.role,
              passwordStdin: opts.passwordStdin === true,
            },
            opts.dataDir === undefined ? {} : { dataDir: opts.dataDir },
          ),
        );
      },
    );

  return program;
}

/** Runs the CLI and returns its exit status; expected failures print one line, no stack. */
export async function main(argv: readonly string[]): Promise<number> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its message (or the help/version text).
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof CliError) {
      err(`calmdesk: ${e.message}`);
      return e.exitCode;
    }
    err(`calmdesk: internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
