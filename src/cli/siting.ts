import { readFile } from 'node:fs/promises';
import { CommanderError, type Command } from 'commander';
import { solveOrlib } from '../lib/server/observatory/index.ts';

/** `maillage siting …`: the siting solver on standard instances (no database). */
export function sitingCommands(program: Command, print: (line: string) => void): void {
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
