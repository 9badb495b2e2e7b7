// `npm test`: type-check, lint, unit and end-to-end tests, each run even when an earlier one
// failed. The last line, which CI reads, is "N passed, N failed" and counts every suite; the lines
// before it say how each suite ended, which tests failed, and which suites did not run and why.
// Exits non-zero if anything failed.
//
// The Chromium end-to-end tests start first, in the background, and the other suites run
// meanwhile with their output streamed; the browser tests' output follows when they end. A browser
// test often waits (for a page, a simulator, a reconnect step), so on a two-core machine the
// others fit beside it. The policy test, which writes the machine-wide Chromium policy, runs last,
// alone (playwright.config.ts).
//
// Type-check and lint count as one check each. Unit and end-to-end tests count one per test, read
// from the JSON reports that vitest.config.ts, playwright.config.ts and vitest.firefox.config.ts
// write; a suite whose report is missing or unreadable counts as one failure, and so does one that
// failed outside any test.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const UNIT_REPORT = 'test-results/unit.json';
const E2E_REPORT = 'test-results/e2e.json';
/** The policy test runs alone, after the others (playwright.policy.config.ts). */
const E2E_POLICY_REPORT = 'test-results/e2e-policy.json';
/** The Firefox suite (vitest.firefox.config.ts), while the Chromium ones run. */
const E2E_FIREFOX_REPORT = 'test-results/e2e-firefox.json';
/** The output of the Chromium end-to-end tests while they run in the background. */
const E2E_LOG = 'test-results/e2e.log';
/** Failed tests listed per suite in the summary; the suite's own output has them all. */
const LISTED_FAILURES = 20;

// The tools of node_modules/.bin, as `npm run` finds them, also when this runs as plain `node`.
const env = {
  ...process.env,
  PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
};

/** Runs one command in the project folder with its output streamed; true if it exited with 0. */
function run(command, ...args) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) console.log(`Could not start ${command}: ${result.error.message}`);
  else if (result.signal) console.log(`${command} was stopped by ${result.signal}`);
  return result.status === 0;
}

/**
 * Starts one command in the project folder in the background, its output going to the file `log`;
 * resolves to true if it exited with 0.
 */
function runInBackground(log, command, ...args) {
  console.log(`\n$ ${[command, ...args].join(' ')}   (in the background, output in ${log})`);
  mkdirSync(dirname(join(root, log)), { recursive: true });
  const fd = openSync(join(root, log), 'w');
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.log(`Could not start ${command}: ${error.message}`);
      resolve(false);
    });
    child.on('exit', (code, signal) => {
      if (signal) console.log(`${command} was stopped by ${signal}`);
      resolve(code === 0);
    });
  });
}

function heading(name) {
  console.log(`\n━━━ ${name} ━━━`);
}

/** A suite that is one check: every command runs, and it passes if all of them did. */
function check(name, commands) {
  heading(name);
  const failedCommands = commands.filter((command) => !run(...command));
  const notes = failedCommands.map((command) => `${command.join(' ')} failed (output above)`);
  const ok = failedCommands.length === 0;
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, notes };
}

/**
 * A suite counted from its JSON report. `count` turns the report into passed, failed and the
 * names of the failures; a failing exit that no failed test explains counts as one more failure.
 */
function counted(name, ok, report, count) {
  let result;
  try {
    result = count(JSON.parse(readFileSync(join(root, report), 'utf8')));
  } catch (error) {
    const reason = error.code === 'ENOENT' ? 'is missing' : `is unreadable (${error.message})`;
    return { name, passed: 0, failed: 1, notes: [`no count: its report ${report} ${reason}`] };
  }
  const suite = { name, passed: result.passed, failed: result.failed, notes: result.failures };
  if (!ok && suite.failed === 0) {
    suite.failed = 1;
    suite.notes.push('it failed outside any test (output above)');
  }
  return suite;
}

/** Failures and counts of one vitest JSON report. */
function vitestCounts(report) {
  const failures = [];
  for (const file of report.testResults) {
    const where = relative(root, file.name);
    const failedTests = file.assertionResults.filter((test) => test.status === 'failed');
    for (const test of failedTests) failures.push(`${where} › ${test.fullName}`);
    // A file that failed with no failed test: it did not load, or a hook failed.
    if (file.status === 'failed' && failedTests.length === 0) {
      failures.push(`${where}: ${file.message.split('\n')[0] || 'failed outside its tests'}`);
    }
  }
  return { passed: report.numPassedTests, failed: failures.length, failures };
}

function unit() {
  heading('unit');
  rmSync(join(root, UNIT_REPORT), { force: true });
  return counted('unit', run('vitest', 'run'), UNIT_REPORT, vitestCounts);
}

/** Failures and counts of one Playwright JSON report. */
function playwrightCounts(report) {
  const failures = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'unexpected') continue;
        const file = relative(root, join(report.config.rootDir, spec.file));
        failures.push(`${file}:${spec.line} › ${spec.title}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites) walk(suite);
  // Errors outside any test: a broken config, a file that does not load.
  for (const error of report.errors ?? []) {
    failures.push(`outside the tests: ${(error.message ?? '').split('\n')[0]}`);
  }
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: Math.max(report.stats.unexpected, failures.length),
    failures,
  };
}

/**
 * Builds the Chrome extension and starts the Chromium end-to-end tests in the background. The
 * returned function waits for them, shows their output, runs the policy test alone and counts.
 */
function startEndToEnd() {
  const name = 'end-to-end';
  heading(name);
  rmSync(join(root, E2E_REPORT), { force: true });
  rmSync(join(root, E2E_POLICY_REPORT), { force: true });
  if (!run('wxt', 'build', '-b', 'chrome')) {
    const failed = { name, passed: 0, failed: 1, notes: ['did not run: the build failed'] };
    return async () => failed;
  }
  const browsersRun = runInBackground(E2E_LOG, 'playwright', 'test');
  return async () => {
    const browsersOk = await browsersRun;
    heading(`${name} (output of the Chromium tests run in the background)`);
    process.stdout.write(readFileSync(join(root, E2E_LOG), 'utf8'));
    const browsers = counted(name, browsersOk, E2E_REPORT, playwrightCounts);
    // Every other browser has stopped by now (playwright.config.ts says why it must).
    const policyOk = run('playwright', 'test', '-c', 'playwright.policy.config.ts');
    const policy = counted(name, policyOk, E2E_POLICY_REPORT, playwrightCounts);
    return {
      name,
      passed: browsers.passed + policy.passed,
      failed: browsers.failed + policy.failed,
      notes: [...browsers.notes, ...policy.notes],
    };
  };
}

/**
 * Debian's Firefox ESR with the Firefox build, over WebDriver BiDi (tests/e2e-firefox/). The
 * runner script gives it a private policy folder when run as root (scripts/e2e-firefox.sh).
 */
function firefoxEndToEnd() {
  const name = 'end-to-end (Firefox)';
  heading(name);
  rmSync(join(root, E2E_FIREFOX_REPORT), { force: true });
  const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(firefox)) {
    const reason = `did not run: no Firefox at ${firefox} (apt-get install firefox-esr)`;
    console.log(reason);
    return { name, passed: 0, failed: 1, notes: [reason] };
  }
  if (!run('wxt', 'build', '-b', 'firefox')) {
    return { name, passed: 0, failed: 1, notes: ['did not run: the build failed'] };
  }
  const ok = run('bash', 'scripts/e2e-firefox.sh');
  return counted(name, ok, E2E_FIREFOX_REPORT, vitestCounts);
}

const endToEnd = startEndToEnd();
const typeCheck = check('type-check', [['tsc', '--noEmit']]);
const lint = check('lint', [
  ['eslint', '.'],
  ['prettier', '--check', '.'],
  // The import directions of docs/architecture.md.
  [
    'depcruise',
    'entrypoints',
    'components',
    'utils',
    'relay',
    '--config',
    '.dependency-cruiser.cjs',
  ],
]);
const unitTests = unit();
const firefox = firefoxEndToEnd();
const suites = [typeCheck, lint, unitTests, await endToEnd(), firefox];

heading('summary');
for (const { name, passed, failed, notes } of suites) {
  console.log(`${name}: ${passed} passed, ${failed} failed`);
  for (const note of notes.slice(0, LISTED_FAILURES)) console.log(`  ✗ ${note}`);
  if (notes.length > LISTED_FAILURES) console.log(`  … and ${notes.length - LISTED_FAILURES} more`);
}
const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
