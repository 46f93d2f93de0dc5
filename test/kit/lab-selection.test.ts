import cdkJson from '../../cdk.json';
import { createLabApp, LABS_CONTEXT_KEY, selectedLabs } from '../../lib/app';
import { CATALOGUE } from '../../lib/catalogue';
import { LabInputError } from '../../lib/errors';

/** `-c labkit:labs=...`: the app builds only the labs asked for (the `labs` CLI passes the ones a command names). */

const appWith = (labs?: unknown) =>
  createLabApp(
    {
      context: {
        ...cdkJson.context,
        'aws:cdk:bundling-stacks': [],
        ...(labs === undefined ? {} : { [LABS_CONTEXT_KEY]: labs }),
      },
      builtinCloudFormationValidation: false,
    },
    { env: {} },
  );

const stackNames = (labs?: unknown) =>
  appWith(labs)
    .synth()
    .stacks.map((s) => s.stackName)
    .sort();

test('unset: every lab of the catalogue', () => {
  expect(stackNames()).toEqual(CATALOGUE.map((lab) => lab.id).sort());
});

test.each(CATALOGUE.map((lab) => [lab.id]))('%s alone: only its stack is built', (id) => {
  expect(stackNames(id)).toEqual([id]);
});

test('a list (array or comma-separated) keeps catalogue order', () => {
  const ids = CATALOGUE.map((lab) => lab.id);
  const reversed = [...ids].reverse();
  expect(selectedLabs(reversed).map((lab) => lab.id)).toEqual(ids);
  expect(selectedLabs(reversed.join(', ')).map((lab) => lab.id)).toEqual(ids);
});

test('an unknown lab id is one clear error', () => {
  expect(() => selectedLabs('lab-99')).toThrow(LabInputError);
  expect(() => selectedLabs('lab-99')).toThrow(/lab-99/);
});
