// Prints the mutation score per folder from Stryker's JSON report (npm run test:mutation).
// Score = killed (and timed out) / (killed + timed out + survived + no coverage); mutants that
// did not compile or were ignored are left out, as Stryker's own score does.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const file = process.argv[2] ?? 'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const folders = new Map();
for (const [path, { mutants }] of Object.entries(report.files)) {
  const folder = dirname(path);
  const f = folders.get(folder) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0, other: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') f.killed++;
    else if (m.status === 'Survived') f.survived++;
    else if (m.status === 'NoCoverage') f.noCoverage++;
    else if (m.status === 'Timeout') f.timeout++;
    else f.other++;
  }
  folders.set(folder, f);
}
const rows = [...folders].sort(([a], [b]) => a.localeCompare(b));
const total = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, other: 0 };
const score = (f) => {
  const valid = f.killed + f.timeout + f.survived + f.noCoverage;
  return valid === 0 ? 'n/a' : `${((100 * (f.killed + f.timeout)) / valid).toFixed(1)} %`;
};
console.log('folder'.padEnd(40), 'score'.padStart(8), 'killed', 'timeout', 'survived', 'no cov');
for (const [folder, f] of rows) {
  for (const k of Object.keys(total)) total[k] += f[k];
  console.log(
    folder.padEnd(40),
    score(f).padStart(8),
    String(f.killed).padStart(6),
    String(f.timeout).padStart(7),
    String(f.survived).padStart(8),
    String(f.noCoverage).padStart(6),
  );
}
console.log(
  'all'.padEnd(40),
  score(total).padStart(8),
  String(total.killed).padStart(6),
  String(total.timeout).padStart(7),
  String(total.survived).padStart(8),
  String(total.noCoverage).padStart(6),
);
