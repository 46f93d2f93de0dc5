import { randomBytes } from 'node:crypto';
import { open, seal, sha256 } from '../../../lambda/lab-13/envelope/seal';

test('a sealed payload opens with the same data key, byte for byte', () => {
  const key = randomBytes(32);
  const payload = randomBytes(1024 * 1024);
  const sealed = seal(payload, key);
  expect(sealed.ciphertext.length).toBe(payload.length);
  expect(sha256(open(sealed, key))).toBe(sha256(payload));
});

test('another key or a changed ciphertext is refused (GCM authentication)', () => {
  const key = randomBytes(32);
  const sealed = seal(Buffer.from('lab-13'), key);
  expect(() => open(sealed, randomBytes(32))).toThrow();
  const tampered = { ...sealed, ciphertext: Buffer.from(sealed.ciphertext).fill(0) };
  expect(() => open(tampered, key)).toThrow();
});

test('only 256-bit data keys are accepted', () => {
  expect(() => seal(Buffer.from('x'), randomBytes(16))).toThrow(/256-bit/);
});
