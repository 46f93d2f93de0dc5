/** Runs `call`, ignoring an error whose name or message matches `expected`. */
export async function ignoring(expected: RegExp, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!expected.test(`${(error as Error).name} ${(error as Error).message}`)) throw error;
  }
}
