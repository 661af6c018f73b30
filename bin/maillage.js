#!/usr/bin/env node
// The `maillage` command: runs the TypeScript CLI through tsx, so it shares the domain code with the app.
import { register } from 'tsx/esm/api';
import { ensureMessages } from '../scripts/ensure-messages.js';

ensureMessages();
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
