// HEALTHCHECK [--interval=DURATION] [--timeout=DURATION] [--start-period=DURATION]
//             [--start-interval=DURATION] [--retries=N] CMD command   |   HEALTHCHECK NONE
import { BuildError } from '../backend.ts';
import { commitMetadata, type DispatchContext } from '../context.ts';
import { goDuration, goQuote, goQuoteList, parseGoDuration } from '../go-format.ts';
import type { HealthcheckInstruction } from '../instructions.ts';
import type { HealthConfig } from '../../image/config.ts';

const MIN_NS = 1e6;

function duration(name: string, value: string | undefined): number {
  if (value === undefined) return 0;
  const ns = parseGoDuration(value);
  if (ns === null) throw new BuildError(`time: invalid duration ${goQuote(value)}`);
  if (ns !== 0 && ns < MIN_NS) throw new BuildError(`Interval ${goQuote(name)} cannot be less than 1ms`);
  if (ns < 0) throw new BuildError(`Interval ${goQuote(name)} cannot be negative`);
  return ns;
}

export async function dispatchHealthcheck(d: DispatchContext, ins: HealthcheckInstruction): Promise<void> {
  let hc: HealthConfig;
  if (ins.none) {
    hc = { Test: ['NONE'] };
  } else {
    const test = 'exec' in ins.command! ? ['CMD', ...ins.command.exec] : ['CMD-SHELL', ins.command!.shell];
    let retries = 0;
    if (ins.options.retries !== undefined) {
      if (!/^\d+$/.test(ins.options.retries)) throw new BuildError(`strconv.ParseInt: parsing ${goQuote(ins.options.retries)}: invalid syntax`);
      retries = Number(ins.options.retries);
      if (retries < 1) throw new BuildError('--retries cannot be 0');
    }
    hc = {
      Test: test,
      Interval: duration('interval', ins.options.interval),
      Timeout: duration('timeout', ins.options.timeout),
      StartPeriod: duration('start-period', ins.options.startPeriod),
      StartInterval: duration('start-interval', ins.options.startInterval),
      Retries: retries,
    };
  }
  d.state.config.Healthcheck = hc;
  const fields = [
    goQuoteList(hc.Test),
    goQuote(goDuration(hc.Interval ?? 0)), goQuote(goDuration(hc.Timeout ?? 0)),
    goQuote(goDuration(hc.StartPeriod ?? 0)), goQuote(goDuration(hc.StartInterval ?? 0)),
    `'\\x${(hc.Retries ?? 0).toString(16).padStart(2, '0')}'`,
  ];
  await commitMetadata(d, `HEALTHCHECK &{${fields.join(' ')}}`);
}
