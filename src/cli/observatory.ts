import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { importFlows, solveOrlib } from '../lib/server/observatory/index.ts';
import type { Runtime } from '../lib/server/runtime.ts';

type WithRuntime = <T>(run: (runtime: Runtime) => Promise<T>) => Promise<T>;

/** `maillage observatory …` (commuting data) and `maillage siting …` (the solver on standard instances). */
export function observatoryCommands(program: Command, print: (line: string) => void, withRuntime: WithRuntime): void {
  program
    .command('observatory')
    .description('The observatory and its commuting data')
    .command('import-flows')
    .argument('<file>', 'INSEE home → workplace flows, ";"-separated UTF-8: CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_Cyy_ACTOCC15P')
    .option('--dry-run', 'check and report without writing')
    .option('--synthetic', 'mark the file as synthetic (demo data, not INSEE)')
    .description('Replace the commuting flows with a file, streamed, in one transaction; nothing changes if any row is rejected')
    .action((file: string, options: { dryRun?: boolean; synthetic?: boolean }) =>
      withRuntime(async (runtime) => {
        const report = await importFlows(runtime.database.db, createReadStream(file), { fileName: basename(file), dryRun: options.dryRun, synthetic: options.synthetic });
        for (const error of report.errors) print(`line ${error.line}: ${error.message}`);
        if (report.rejected > report.errors.length) print(`… and ${report.rejected - report.errors.length} more rejected rows`);
        print(`vintage: ${report.vintage}`);
        print(`rows: ${report.rows}, accepted: ${report.accepted} (fragile, under 200: ${report.fragile}; abroad: ${report.abroad}), rejected: ${report.rejected}`);
        print(
          { applied: 'applied', unchanged: 'unchanged: this file is already the one in use', dry_run: 'dry run: nothing written', rejected: 'nothing written: fix the rows above' }[
            report.outcome
          ],
        );
        if (report.outcome === 'rejected') throw new CommanderError(2, 'observatory.import-flows', 'rejected rows');
      }),
    );

  program
    .command('siting')
    .description('The siting solver')
    .command('orlib')
    .argument('<file>', 'an OR-Library p-median file ("n m p", then "i j cost" edges)')
    .argument('<p>', 'how many medians to choose')
    .option('--no-exact', 'skip the exact path (HiGHS) even on a small instance')
    .description('Solve an OR-Library p-median instance; prints the objective, the bound and the gap')
    .action(async (file: string, p: string, options: { exact: boolean }) => {
      let answer;
      try {
        answer = await solveOrlib(await readFile(file, 'utf8'), Number(p), { exact: options.exact });
      } catch (error) {
        if (!(error instanceof SyntaxError || error instanceof RangeError)) throw error;
        process.stderr.write(`error: ${error.message}\n`);
        throw new CommanderError(2, 'siting.orlib', error.message);
      }
      const percent = (gap: number): string => `${(gap * 100).toFixed(3)} %`;
      print(`${answer.fast.cost}`);
      print(`fast path: ${answer.fast.cost}, lower bound ${answer.fast.lowerBound.toFixed(1)}, gap at most ${percent(answer.fast.gap)}, ${answer.fast.milliseconds.toFixed(0)} ms`);
      if (answer.exact) {
        print(`exact path: ${answer.exact.cost}${answer.exact.optimal ? ' (optimal)' : `, lower bound ${answer.exact.lowerBound.toFixed(1)}`}, ${answer.exact.milliseconds.toFixed(0)} ms`);
      } else if (options.exact) print('exact path: instance too large, skipped');
    });
}
