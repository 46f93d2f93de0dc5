/** Issue 24 item 10: what the kit prints and the guides' setup lines use the port in force. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function files(dir: string, suffix: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(ROOT, dir, file));
}

test("no endpoint in the kit's or the labs' code names port 4566: it comes from LABKIT_EMULATOR_PORT", () => {
  const hardCoded = [...files('lib', '.ts'), ...files('labs', '.ts')].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ line, at: `${relative(ROOT, file)}:${i + 1}` }))
      .filter(({ line }) => /(127\.0\.0\.1|localhost):4566/.test(line))
      .map(({ at }) => at),
  );
  expect(hardCoded).toEqual([]);
});

test("the guides' and docs' endpoint exports read LABKIT_EMULATOR_PORT, 4566 as its default", () => {
  const guides = [...files('labs', 'README.md'), ...files('docs', '.md')];
  const exports = guides.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /AWS_ENDPOINT_URL=http/.test(line))
      .map((line) => `${relative(ROOT, file)}: ${line}`),
  );
  expect(exports.length).toBeGreaterThan(10);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, as the guides print it
  expect(exports.filter((line) => !line.includes('http://127.0.0.1:${LABKIT_EMULATOR_PORT:-4566}'))).toEqual(
    [],
  );
});
