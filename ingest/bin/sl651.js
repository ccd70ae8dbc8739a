#!/usr/bin/env node
// `npx sl651 decode <HEX>`: npm links this at `npm ci`, before anything is built (a bin pointing into dist/ would
// not be linked on a fresh clone), and it runs the built CLI.
import { main } from '../dist/sl651/cli.js';

process.exitCode = await main(process.argv.slice(2), process.stdin, process.stdout, process.stderr);
