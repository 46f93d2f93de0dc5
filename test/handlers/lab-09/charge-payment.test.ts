import { chargeOutcome, PaymentError } from '../../../lambda/lab-09/charge-payment/outcome';

const order = { orderId: 'o-1', total: 42 };

test('an ordinary payment answers at once on the first attempt', () => {
  expect(chargeOutcome(order, 1)).toEqual({
    result: { orderId: 'o-1', attempt: 1, charged: 42 },
    hang: false,
  });
});

test('a slow provider hangs on the first failAttempts attempts, then answers', () => {
  const slow = { ...order, payment: 'slow', failAttempts: 2 };
  expect(chargeOutcome(slow, 1).hang).toBe(true);
  expect(chargeOutcome(slow, 2).hang).toBe(true);
  expect(chargeOutcome(slow, 3)).toEqual({
    result: { orderId: 'o-1', attempt: 3, charged: 42 },
    hang: false,
  });
});

test('a flaky provider throws PaymentProviderUnavailable (by name) until it recovers', () => {
  const flaky = { ...order, payment: 'flaky' };
  for (const attempt of [1, 2]) {
    expect(() => chargeOutcome(flaky, attempt)).toThrow(PaymentError);
    try {
      chargeOutcome(flaky, attempt);
    } catch (error) {
      expect((error as Error).name).toBe('PaymentProviderUnavailable');
    }
  }
  expect(chargeOutcome(flaky, 3).result.attempt).toBe(3);
});

test('a declined card throws PaymentDeclined on every attempt', () => {
  for (const attempt of [1, 5]) {
    expect(() => chargeOutcome({ ...order, payment: 'declined' }, attempt)).toThrow(
      expect.objectContaining({ name: 'PaymentDeclined' }),
    );
  }
});

test('an unknown mode is an error, not a silent success', () => {
  expect(() => chargeOutcome({ ...order, payment: 'maybe' }, 1)).toThrow(/unknown payment mode/);
});
