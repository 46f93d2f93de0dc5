/** The exam coverage map: the task statements, what each lab declares, the README table and `labs progress`. */
import { readFileSync } from 'node:fs';
import { guideFileOf, renderExamTasks } from '../../lib/docs/lab-guides';
import { renderExamCoverage } from '../../lib/docs/readme-tables';
import { allLabs, domainOfTask, examDomainsOf, findLab, runsSomewhere } from '../../lib/lab/catalogue';
import { EXAM_TASK_KEYS, EXAM_TASKS, uncoveredTasks } from '../../lib/lab/exam-guide';
import { formatProgress, formatTaskProgress } from '../../lib/practice/progress';

test('the task statements are those of the guides: SAA-C03 1.1-4.4, DVA-C02 1.1-4.3, SOA-C03 domains 1-5', () => {
  const numbers = (exam: string) =>
    EXAM_TASK_KEYS.filter((task) => EXAM_TASKS[task].exam === exam).map((task) => task.split(' ')[1]);
  expect(numbers('SAA-C03')).toEqual([
    '1.1',
    '1.2',
    '1.3',
    '2.1',
    '2.2',
    '3.1',
    '3.2',
    '3.3',
    '3.4',
    '3.5',
    '4.1',
    '4.2',
    '4.3',
    '4.4',
  ]);
  expect(numbers('DVA-C02')).toEqual([
    '1.1',
    '1.2',
    '1.3',
    '2.1',
    '2.2',
    '2.3',
    '3.1',
    '3.2',
    '3.3',
    '3.4',
    '4.1',
    '4.2',
    '4.3',
  ]);
  expect(numbers('SOA-C03')).toEqual(['1', '2', '3', '4', '5']);
  // One domain per leading number within an exam.
  for (const task of EXAM_TASK_KEYS) {
    const [prefix, number] = task.split(' ');
    const sameDomain = EXAM_TASK_KEYS.filter(
      (other) => other.startsWith(`${prefix} ${number.split('.')[0]}`) && other !== task,
    );
    for (const other of sameDomain) expect(EXAM_TASKS[other].domain).toBe(EXAM_TASKS[task].domain);
  }
});

test('every lab that runs somewhere declares at least one SAA-C03 task statement, none twice', () => {
  for (const lab of allLabs().filter(runsSomewhere)) {
    expect({ lab: lab.id, saa: lab.examTasks.some((task) => task.startsWith('SAA ')) }).toEqual({
      lab: lab.id,
      saa: true,
    });
    expect(new Set(lab.examTasks).size).toBe(lab.examTasks.length);
    expect(examDomainsOf(lab).length).toBeGreaterThan(0);
  }
});

test('the README table lists every task statement once, with its labs, and names the gaps', () => {
  const table = renderExamCoverage();
  for (const task of EXAM_TASK_KEYS) {
    const rows = table.split('\n').filter((line) => line.startsWith(`| ${task} |`));
    expect(rows).toHaveLength(1);
    const teaching = allLabs().filter((lab) => lab.examTasks.includes(task));
    if (teaching.length === 0) expect(rows[0]).toContain('no lab yet');
    for (const lab of teaching) expect(rows[0]).toContain(`[${lab.id}]`);
  }
  const gaps = uncoveredTasks(allLabs());
  const named = [...table.matchAll(/no lab yet for (.+)\.$/gm)].flatMap((m) => m[1].split(', '));
  expect(named).toEqual(gaps);
});

test('labs progress reports each task statement: labs verified, quiz answers, and where no lab teaches it', () => {
  const lab = findLab('lab-13');
  const answers = (lab.quiz ?? []).map((_, i) => i % 2 === 0);
  const progress = {
    [lab.id]: {
      verified: {
        at: '2026-12-01T00:00:00Z',
        target: 'ministack' as const,
        passed: 9,
        failed: 0,
        skipped: 3,
      },
      quiz: { at: '2026-12-01T00:00:00Z', right: answers },
    },
  };
  const lines = formatTaskProgress(progress, [lab]);
  const right = answers.filter(Boolean).length;
  for (const task of EXAM_TASK_KEYS) {
    const line = lines.find((l) => l.startsWith(`  ${task.padEnd(7)} ${EXAM_TASKS[task].title}:`));
    expect(line).toBe(
      lab.examTasks.includes(task)
        ? `  ${task.padEnd(7)} ${EXAM_TASKS[task].title}: 1/1 labs verified (lab-13*); quiz ${right}/${answers.length} right`
        : `  ${task.padEnd(7)} ${EXAM_TASKS[task].title}: no lab yet`,
    );
  }
  // Nothing done: nothing counted, and the full report ends with the task statements.
  const fresh = formatProgress({}, allLabs());
  expect(fresh).toContain('by exam task statement (* verified without a failure)');
  expect(
    fresh.filter((l) => /: 0\/\d+ labs verified \(lab-\d+( lab-\d+)*\); quiz not taken$/.test(l)).length,
  ).toBe(EXAM_TASK_KEYS.length - uncoveredTasks(allLabs()).length);
});

test("each guide names the lab's task statements with their titles", () => {
  for (const lab of allLabs().filter(runsSomewhere)) {
    const line = renderExamTasks(lab);
    for (const task of lab.examTasks) expect(line).toContain(`${task} (${EXAM_TASKS[task].title})`);
    expect(readFileSync(guideFileOf(lab), 'utf8')).toContain(line);
  }
});

test('every SAA-C03 and DVA-C02 task statement belongs to an exam domain a quiz question can name', () => {
  for (const task of EXAM_TASK_KEYS.filter((t) => !t.startsWith('SOA ')))
    expect({ task, domain: domainOfTask(task) }).toEqual({ task, domain: expect.any(String) });
});
