#!/usr/bin/env node
// Tiny launcher: the CLI lives in dist/ (built by `npm run build`).
import { main } from '../dist/cli.js';

await main();
