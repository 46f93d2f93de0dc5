import { join } from 'node:path';
import { STATE_DIR } from '../core/paths';
import { type HostEmulator, type HostEmulatorPaths, hostEmulatorPaths } from './host/emulator';
import { emulatorTmpDir } from './host/environment';
import { emulatorPort } from './local-endpoint';

/**
 * LocalStack community as the kit's host process, without Docker.
 *
 * 4.13.1 is the newest release that runs on Python 3.11 (4.14.0 uses Python 3.12 syntax; later
 * releases need an account). The files under lib/targets/localstack/ make it work on the host:
 * - requirements.txt: upstream's own runtime pins for 4.13.1, with sha256 hashes;
 * - install_extras.py: a one-line source fix and a startup shim for Python 3.11, and the plugin
 *   package localstack_lab_host (DynamoDB and Streams served by moto in-process instead of the
 *   Java DynamoDB Local; a Lambda executor that runs Node.js functions as host processes, with
 *   no container);
 * - localstack_launcher.py: puts the kit's request guard first in LocalStack's handler chain.
 */
export const LOCALSTACK_VERSION = '4.13.1';
const HERE = join(__dirname, 'localstack');
export const LOCALSTACK_REQUIREMENTS = join(HERE, 'requirements.txt');
export const LOCALSTACK_LAUNCHER = join(HERE, 'localstack_launcher.py');
const AFTER_INSTALL = join(HERE, 'install_extras.py');

export const LOCALSTACK: HostEmulator = {
  id: 'localstack',
  name: 'LocalStack',
  version: LOCALSTACK_VERSION,
  distribution: 'localstack-core',
  requirements: LOCALSTACK_REQUIREMENTS,
  stampFiles: [
    LOCALSTACK_REQUIREMENTS,
    AFTER_INSTALL,
    join(HERE, 'localstack_py311_compat.py'),
    join(HERE, 'localstack_lab_host', '__init__.py'),
    join(HERE, 'localstack_lab_host', 'host_executor.py'),
    join(HERE, 'localstack_lab_host', 'host_runtime.cjs'),
  ],
  launcher: LOCALSTACK_LAUNCHER,
  minimumPython: [3, 11],
  // Three of upstream's pins are sdists only (airspeed-ext, crontab, jsonpath-rw): built locally.
  pipOptions: [],
  afterInstall: AFTER_INSTALL,
  installTime: 'about 90 s and 530 MB',
  runsFunctions: true,
  // The first start byte-compiles nothing (install did) but loads the runtime: 1-3 s measured.
  healthTimeoutMs: 120_000,
  stopTimeoutMs: 15_000,
  environment: (port, paths, parent) => ({
    GATEWAY_LISTEN: `127.0.0.1:${port}`,
    // Host:port put into URLs LocalStack returns (QueueUrl...): not localhost.localstack.cloud, a
    // public DNS name that does not resolve offline.
    LOCALSTACK_HOST: `127.0.0.1:${port}`,
    // A /.dockerenv on the machine (CI runners, dev containers) makes LocalStack believe it is in its
    // own container: it then ignores FILESYSTEM_ROOT, writes /var/lib/localstack, /etc/localstack and
    // /tmp/localstack (shared, and removed with rm -rf) and pings the Docker bridge addresses.
    OVERRIDE_IN_DOCKER: '0',
    // Every LocalStack directory (cache, state, certificates, temp) in the emulator's private
    // temporary directory, removed when it stops (state lives in memory anyway).
    FILESYSTEM_ROOT: emulatorTmpDir(paths, port),
    SQS_ENDPOINT_STRATEGY: 'path',
    DNS_ADDRESS: '0', // no DNS server (it would bind port 53)
    DISABLE_EVENTS: '1', // no analytics sent to localstack.cloud
    SKIP_SSL_CERT_DOWNLOAD: '1', // a self-signed certificate instead of a download from GitHub
    AWS_EC2_METADATA_DISABLED: 'true', // no probe of 169.254.169.254
    // The plugins in lib/targets/localstack/localstack_lab_host (no Java, no container runtime).
    PROVIDER_OVERRIDE_DYNAMODB: 'moto',
    PROVIDER_OVERRIDE_DYNAMODBSTREAMS: 'moto',
    // Functions run as host processes under the kit's Node 24 (host_executor.py).
    LAMBDA_RUNTIME_EXECUTOR: 'labhost',
    // Event source mappings: LocalStack's pollers back off up to 10 s after an empty poll and 60 s
    // after a failed batch, so a stream record written after a quiet spell or a poison record waited
    // ~30 s for its function (lab-04). Lambda polls a stream shard several times a second. And a
    // mapping that found messages waits its poll interval (1 s) before the next poll: one batch of
    // 10 a second, so lab-02's 765 fulfilment orders took ~100 s. An idle mapping still backs off.
    LAMBDA_EVENT_SOURCE_MAPPING_POLL_INTERVAL_SEC: '0.1',
    LAMBDA_EVENT_SOURCE_MAPPING_MAX_BACKOFF_ON_EMPTY_POLL_SEC: '1',
    LAMBDA_EVENT_SOURCE_MAPPING_MAX_BACKOFF_ON_ERROR_SEC: '5',
    // Services that open extra listeners take them from here, next to the gateway port.
    EXTERNAL_SERVICE_PORTS_START: String(port + 1),
    EXTERNAL_SERVICE_PORTS_END: String(port + 9),
    LS_LOG: parent.LABKIT_EMULATOR_LOG_LEVEL?.toLowerCase() === 'debug' ? 'debug' : 'info',
  }),
};

/** Files the kit keeps for its LocalStack host process, all under `.labs/localstack/`. */
export function localStackPaths(stateDir = STATE_DIR, port = emulatorPort()): HostEmulatorPaths {
  return hostEmulatorPaths(LOCALSTACK, stateDir, port);
}
