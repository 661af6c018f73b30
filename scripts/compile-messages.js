#!/usr/bin/env node
// Compiles the message catalogue (messages/*.json) into src/lib/paraglide, as the Vite build does, then
// exits explicitly (see ensure-messages.js).
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.config.js';

await compile(paraglideOptions);
process.exit(0);
