// One Lambda execution environment of the kit's host LocalStack, run by Node on the host instead
// of a container (host_executor.py starts it). It speaks LocalStack's executor protocol, as the
// container's init process does: LocalStack POSTs each invocation to /invoke on this process's
// loopback port; the result, the error or the timeout, and the invocation's log lines, go back to
// LOCALSTACK_RUNTIME_ENDPOINT. Node.js handlers only (`module.export` in LAMBDA_TASK_ROOT).

const { existsSync } = require('node:fs');
const http = require('node:http');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { format } = require('node:util');

const port = Number(process.env.LABKIT_INVOKE_PORT);
const runtimeEndpoint = process.env.LOCALSTACK_RUNTIME_ENDPOINT;
const runtimeId = process.env.LOCALSTACK_RUNTIME_ID;
const taskRoot = process.env.LAMBDA_TASK_ROOT;
const timeoutMs = Number(process.env.AWS_LAMBDA_FUNCTION_TIMEOUT || 3) * 1000;
const token = process.env.LABKIT_RUNTIME_TOKEN;
// The handler sees the environment a Lambda function gets, not the kit's own settings.
delete process.env.LABKIT_INVOKE_PORT;
delete process.env.LABKIT_RUNTIME_TOKEN;

/** Exit code that tells host_executor.py the environment ended on a timeout (start a new one). */
const TIMED_OUT_EXIT = 3;

let logLines = [];
let requestId = '';
const write = (level, args) => {
  const line = `${new Date().toISOString()}\t${requestId}\t${level}\t${format(...args)}\n`;
  logLines.push(line);
  process.stderr.write(line);
};
console.log = (...args) => write('INFO', args);
console.info = (...args) => write('INFO', args);
console.warn = (...args) => write('WARN', args);
console.error = (...args) => write('ERROR', args);
console.debug = (...args) => write('DEBUG', args);

async function post(path, body) {
  await fetch(`${runtimeEndpoint}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-labkit-runtime-token': token },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The handler `_HANDLER` names (`index.handler`, `dir/file.fn`), loaded once per environment. */
async function loadHandler() {
  const spec = process.env._HANDLER || 'index.handler';
  const dot = spec.lastIndexOf('.');
  const [modulePath, exportName] = [spec.slice(0, dot), spec.slice(dot + 1)];
  const file = ['.js', '.mjs', '.cjs']
    .map((extension) => join(taskRoot, modulePath + extension))
    .find((candidate) => existsSync(candidate));
  if (!file)
    throw Object.assign(new Error(`Cannot find module '${modulePath}'`), {
      name: 'Runtime.ImportModuleError',
    });
  const loaded = await import(pathToFileURL(file).href);
  const handler = loaded[exportName] ?? loaded.default?.[exportName];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${spec} is undefined or not exported`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  return handler;
}

const errorBody = (error) => ({
  errorType: error?.name || 'Error',
  errorMessage: error?.message ?? String(error),
  trace: typeof error?.stack === 'string' ? error.stack.split('\n') : [],
});

async function invoke(handler, invocation) {
  requestId = invocation['invoke-id'];
  logLines = [];
  const started = Date.now();
  const functionArn = invocation['invoked-function-arn'];
  const context = {
    awsRequestId: requestId,
    invokedFunctionArn: functionArn,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
  };
  process.env._X_AMZN_TRACE_ID = invocation['trace-id'];
  logLines.push(`START RequestId: ${requestId} Version: ${context.functionVersion}\n`);
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs);
  });
  const ran = (async () => {
    try {
      const event = JSON.parse(invocation.payload || 'null');
      return { value: await handler(event, context) };
    } catch (error) {
      return { error };
    }
  })();
  const outcome = await Promise.race([ran, timedOut]);
  clearTimeout(timer);
  const seconds = (Date.now() - started) / 1000;
  if (outcome.error) write('ERROR', ['Invoke Error', JSON.stringify(errorBody(outcome.error))]);
  logLines.push(`END RequestId: ${requestId}\n`);
  logLines.push(`REPORT RequestId: ${requestId}\tDuration: ${(seconds * 1000).toFixed(2)} ms\n`);
  const id = encodeURIComponent(requestId);
  await post(`/invocations/${id}/logs`, { logs: logLines.join('') });
  if (outcome.timedOut) {
    await post(`/invocations/${id}/error`, {
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
    });
    // As on Lambda, a timed-out environment is not reused: the handler may still be running.
    process.exit(TIMED_OUT_EXIT);
  }
  if (outcome.error) await post(`/invocations/${id}/error`, errorBody(outcome.error));
  else await post(`/invocations/${id}/response`, JSON.stringify(outcome.value ?? null));
}

async function main() {
  let handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    await post(`/status/${runtimeId}/error`, errorBody(error));
    process.exit(1);
  }
  let busy = Promise.resolve();
  const server = http.createServer((request, response) => {
    // Only LocalStack's own JSON POST to /invoke on this loopback port: a web page cannot send
    // application/json across origins without a preflight, which this server never answers.
    const local = request.headers.host === `127.0.0.1:${port}`;
    const json = (request.headers['content-type'] || '').startsWith('application/json');
    if (request.method !== 'POST' || request.url !== '/invoke' || !local || !json) {
      response.writeHead(403).end();
      return;
    }
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(200).end();
      const invocation = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      busy = busy.then(() => invoke(handler, invocation)).catch((error) => write('ERROR', [error]));
    });
  });
  server.listen(port, '127.0.0.1', () => {
    post(`/status/${runtimeId}/ready`, {}).catch((error) => {
      process.stderr.write(`cannot reach LocalStack: ${error}\n`);
      process.exit(1);
    });
  });
}

main();
