/** The oldest Node.js major the kit supports (package.json "engines"); it is tested on 24. */
export const MIN_NODE_MAJOR = 22;

/**
 * The one line every `labs` command prints first on a Node.js older than {@link MIN_NODE_MAJOR}
 * (npm's EBADENGINE blocks at install name the packages, not what to do), or undefined.
 */
export function nodeVersionWarning(version: string = process.versions.node): string | undefined {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (!Number.isInteger(major) || major >= MIN_NODE_MAJOR) return undefined;
  return (
    `warning: Node.js ${version.replace(/^v/, '')} is older than the kit supports (${MIN_NODE_MAJOR} or newer): ` +
    'commands may still work, but the CDK no longer supports it; install Node.js 24 LTS from ' +
    'https://nodejs.org or with nvm (nvm install 24), then npx labs doctor checks the rest'
  );
}
