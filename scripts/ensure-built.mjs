// `npm start` on a fresh clone: build once if the compiled output is missing.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('app/dist/all-in-one.js') || !existsSync('frontend/dist/index.html')) {
  console.log('First start: building (about a minute)…');
  execSync('npm run build', { stdio: 'inherit' });
}
