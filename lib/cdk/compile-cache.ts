import * as nodeModule from 'node:module';

// Imported first by the entry points (bin/app.ts, bin/labs.mjs does the same): V8 keeps the compiled
// code of aws-cdk-lib, the CDK toolkit and the kit between runs (in the system temp directory, or
// NODE_COMPILE_CACHE), so `cdk synth` and every `labs` command start about 0.1 s sooner. Node 22.1+.
nodeModule.enableCompileCache?.();
