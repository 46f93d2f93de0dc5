/** The partition key decides the shard, and one key's records are read in the order they were put. */

import { type Experiment, expectThat, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { SHARD_COUNT } from './guide-settings';
import { openShards, produce, range, sensorsOf, shardForKey, waitForResults } from './stream-helpers';

export const sameKeySameShard: Experiment<Output> = {
  name: 'Put readings of one sensor on one shard',
  fact: 'The partition key decides the shard: its MD5 hash falls in one shard hash key range, so one key stays on one shard',
  proof: 'behaviour',
  measures: ['shardsUsed'],
  async run(context) {
    const shards = await openShards(context);
    const run = newRunId('shards');
    const sensors = sensorsOf(12, 'lane');
    const placed = await produce(context, run, sensors, 5);
    const results = await waitForResults(context, run, sensors, () => 5);

    const lines: string[] = [];
    let ok = shards.length === SHARD_COUNT;
    const used = new Set<string>();
    for (const key of sensors) {
      const put = new Set(placed.filter((p) => p.reading.key === key).map((p) => p.shardId));
      const expected = shardForKey(shards, key);
      const consumed = results.get(key)?.shards ?? [];
      for (const shard of put) used.add(shard);
      const good =
        put.size === 1 && [...put][0] === expected && consumed.length === 1 && consumed[0] === expected;
      ok &&= good;
      if (!good || lines.length < 3)
        lines.push(
          `${key}: put on ${[...put].join('+') || 'none'}, MD5 range of ${expected ?? 'no shard'}, consumer saw ${consumed.join('+') || 'nothing'}`,
        );
    }
    ok &&= used.size === SHARD_COUNT;
    const because =
      shards.length !== SHARD_COUNT || used.size !== SHARD_COUNT
        ? `shards-used:${used.size}`
        : 'key-on-other-shard';
    return withMeasurements(
      expectThat(
        ok,
        `${shards.length} open shards; ${sensors.length} sensors x 5 readings over ${used.size} shard(s); ${lines.join('; ')}` +
          `${lines.length < sensors.length ? `; ${sensors.length - lines.length} more alike` : ''}`,
        `${SHARD_COUNT} open shards, both used; each sensor on exactly one shard, the one its MD5 hash maps to, in PutRecords and in the consumer`,
        because,
      ),
      { shardsUsed: used.size },
    );
  },
};

/** The ordering experiment: 200 sensors x 10 readings = 2,000 records. */
const ORDER_SENSORS = 200;
const ORDER_PER_SENSOR = 10;

export const perKeyOrder: Experiment<Output> = {
  name: "Put 2,000 readings over 200 sensors; read back each sensor's order",
  fact: 'Records with the same partition key are read in the order they were written (per shard); across keys there is no order',
  proof: 'behaviour',
  measures: ['readingsApplied', 'sensorsInOrder'],
  async run(context) {
    const run = newRunId('order');
    const sensors = sensorsOf(ORDER_SENSORS);
    const started = Date.now();
    const placed = await produce(context, run, sensors, ORDER_PER_SENSOR);
    const results = await waitForResults(context, run, sensors, () => ORDER_PER_SENSOR);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    const want = range(ORDER_PER_SENSOR).join(',');
    const lastPut = new Map(
      placed.filter((p) => p.reading.n === ORDER_PER_SENSOR - 1).map((p) => [p.reading.key, p]),
    );
    const bad: string[] = [];
    let applied = 0;
    for (const key of sensors) {
      const result = results.get(key);
      applied += result?.seen.length ?? 0;
      const inOrder =
        result?.seen.join(',') === want && result.lastSequence === lastPut.get(key)?.sequenceNumber;
      if (!inOrder) bad.push(`${key}: [${result?.seen.join(',') ?? 'nothing'}]`);
    }
    const inOrder = sensors.length - bad.length;
    return withMeasurements(
      expectThat(
        bad.length === 0,
        `${placed.length} readings put in ${ORDER_PER_SENSOR} PutRecords calls of ${ORDER_SENSORS}; after ${seconds} s the consumer ` +
          `applied ${applied}; ${inOrder}/${sensors.length} sensors saw [${want}] ending at the sequence number PutRecords returned` +
          `${bad.length ? `; not: ${bad.slice(0, 3).join('; ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}` : ''}`,
        `every sensor's readings applied once each, in the order put: [${want}]`,
        applied !== sensors.length * ORDER_PER_SENSOR ? `applied:${applied}` : 'out-of-order',
      ),
      { readingsApplied: applied, sensorsInOrder: inOrder },
    );
  },
};
