import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { applyRuleSetChange, type RuleSetApi } from '../../../lambda/lab-01/ses-rule-set-activator';

/** An in-memory SES region: which rule set is active. Stands in for SES, which no emulator runs. */
function fakeRegion(active: string | undefined) {
  const state = { active, calls: [] as (string | undefined)[] };
  const api: RuleSetApi = {
    activeRuleSet: async () => state.active,
    activate: async (name) => {
      state.calls.push(name);
      state.active = name;
    },
  };
  return { state, api };
}
const event = (RequestType: string, PhysicalResourceId?: string) =>
  ({
    RequestType,
    PhysicalResourceId,
    ResourceProperties: { RuleSetName: 'lab-rules' },
  }) as unknown as CloudFormationCustomResourceEvent;

test('create activates the lab set and remembers the previous one; delete restores it', async () => {
  const { state, api } = fakeRegion('users-own-rules');
  const { physicalResourceId } = await applyRuleSetChange(event('Create'), api);
  expect(state.active).toBe('lab-rules');
  expect(physicalResourceId).toBe('lab-rules|users-own-rules');
  await applyRuleSetChange(event('Delete', physicalResourceId), api);
  expect(state.active).toBe('users-own-rules');
});

test('with no set active before, delete deactivates', async () => {
  const { state, api } = fakeRegion(undefined);
  const { physicalResourceId } = await applyRuleSetChange(event('Create'), api);
  await applyRuleSetChange(event('Delete', physicalResourceId), api);
  expect(state.active).toBeUndefined();
  expect(state.calls).toEqual(['lab-rules', undefined]);
});

test('delete leaves the region alone when someone activated another set meanwhile', async () => {
  const { state, api } = fakeRegion('someone-else');
  await applyRuleSetChange(event('Delete', 'lab-rules|-'), api);
  expect(state.calls).toEqual([]);
});

test('a missing rule set name fails clearly', async () => {
  const { api } = fakeRegion(undefined);
  const bad = {
    RequestType: 'Create',
    ResourceProperties: {},
  } as unknown as CloudFormationCustomResourceEvent;
  await expect(applyRuleSetChange(bad, api)).rejects.toThrow('RuleSetName property is required');
});
