// docker compose build [SERVICE...]: each service with a `build` section
// built as `docker build` builds it, tagged `<project>-<service>` unless
// the service names its image.
import { CliError } from '../command.ts';
import { buildService, selected } from './up.ts';
import type { ComposeCommand } from './types.ts';

export const build: ComposeCommand = {
  spec: {
    name: 'compose build', usage: 'compose build [OPTIONS] [SERVICE...]', description: 'Build or rebuild services',
    flags: [{ name: 'no-cache', type: 'bool', description: 'Do not use cache when building the image' }],
  },
  async run(ctx) {
    const project = ctx.project();
    for (const n of ctx.flags.args) if (project.services.has(n) && !project.services.get(n)!.build) throw new CliError(`service "${n}" has no build section`, 1);
    const services = (ctx.flags.args.length > 0 ? selected(project, ctx.flags.args).filter((s) => ctx.flags.args.includes(s.name)) : selected(project, [])).filter((s) => s.build);
    for (const s of services) await buildService(ctx, project, s, ctx.flags.bools.get('no-cache') ?? false);
    return 0;
  },
};
