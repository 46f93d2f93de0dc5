import type { RunRecord } from '../lab/run-records';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');

/**
 * A run record as Markdown a user pastes into an issue (`npx labs report <lab>`): what ran, where
 * and with which kit, then each experiment's outcome and measurements. `currentHash`: the lab's
 * template hash now, to say whether the record is about the lab as it is.
 */
export function renderRunReport(record: RunRecord, currentHash: string, file: string): string {
  const { kit, summary } = record;
  const sameTemplate =
    record.templateHash === currentHash
      ? 'matches the lab in this checkout'
      : 'differs from the lab in this checkout (the record is about an earlier version)';
  const measurements = record.experiments.flatMap((e) =>
    Object.entries(e.measured ?? {}).map(
      ([name, value]) => `| ${cell(e.name)} | ${cell(name)} | ${cell(String(value))} |`,
    ),
  );
  return [
    `### Run record: ${record.lab} on ${record.target}, ${record.date.slice(0, 10)}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Lab | ${record.lab} |`,
    `| Target, region | ${record.target}, ${record.region} |`,
    `| Date (UTC) | ${record.date} |`,
    `| Kit | ${kit.version}, commit ${kit.commit}${kit.localChanges ? ' with local changes' : ''} |`,
    `| Template hash | \`${record.templateHash.slice(0, 16)}\` (${sameTemplate}) |`,
    `| Result | ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped |`,
    '',
    '| Experiment | Outcome | Seconds | Observed |',
    '| --- | --- | --- | --- |',
    ...record.experiments.map((e) => {
      const seen =
        e.outcome === 'skipped'
          ? `skipped: ${e.reason ?? ''}`
          : `${e.observed ?? ''}${e.outcome === 'fail' ? `; expected ${e.expected ?? ''}` : ''}`;
      return `| ${cell(e.name)} | ${e.outcome} | ${e.seconds} | ${cell(seen)} |`;
    }),
    ...(measurements.length > 0
      ? ['', '| Experiment | Measurement | Value |', '| --- | --- | --- |', ...measurements]
      : []),
    '',
    `Account ids, ARNs, keys and addresses are redacted in the record (${file}).`,
  ].join('\n');
}
