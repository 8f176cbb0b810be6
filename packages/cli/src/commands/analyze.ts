import { analyzeMessage, type MessageAnalysis } from '@calmdesk/core';
import { readMessages } from '../data/read-lines.js';

export interface AnalyzeOptions {
  input: string;
  json: boolean;
  write: (line: string) => void;
}

/** A few lines for people: the temperature, the verdicts and each sign with its evidence. */
export function formatAnalysis(text: string, a: MessageAnalysis): string {
  const preview = text.length > 100 ? `${text.slice(0, 97)}...` : text;
  const lines = [
    `${String(a.temperature).padStart(3)}° ${a.level.padEnd(7)} upset ${(a.upset * 100).toFixed(0)}%  abuse ${(a.abuse.score * 100).toFixed(0)}%  ${JSON.stringify(preview)}`,
  ];
  if (!a.language.english)
    lines.push(
      `     language: ${a.language.code}: ${a.language.reason} (this version reads English only)`,
    );
  for (const s of a.signals)
    lines.push(`     - ${s.kind}: ${JSON.stringify(s.text)}  ${s.explanation}`);
  if (a.topWords.length > 0) lines.push(`     words: ${a.topWords.map((w) => w.text).join(', ')}`);
  return lines.join('\n');
}

/** Analyses one message per line and writes each result, streaming. */
export async function analyzeFile(options: AnalyzeOptions): Promise<number> {
  let count = 0;
  for await (const { line, text } of readMessages(options.input)) {
    const a = analyzeMessage(text);
    options.write(options.json ? JSON.stringify({ line, ...a }) : formatAnalysis(text, a));
    count++;
  }
  return count;
}
