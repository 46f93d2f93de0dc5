process.env.RESERVE_MILLISECONDS = '30';

import { handler } from '../../../lambda/lab-09/reserve-item';

test('reserves the line and reports when it worked on it, taking RESERVE_MILLISECONDS', async () => {
  const before = Date.now();
  const reservation = await handler({ orderId: 'o-1', sku: 'lamp', quantity: 2 });
  expect(reservation).toMatchObject({ orderId: 'o-1', sku: 'lamp', quantity: 2, reserved: true });
  const took = Date.parse(reservation.endedAt) - Date.parse(reservation.startedAt);
  expect(took).toBeGreaterThanOrEqual(25);
  expect(Date.parse(reservation.startedAt)).toBeGreaterThanOrEqual(before - 1);
});
