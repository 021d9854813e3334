// docker version: the client's and the engine's versions.
import { API_VERSION, BUILD, ENGINE_VERSION } from '../../api/types.ts';
import type { Command } from '../command.ts';
import { render } from '../template.ts';
import { INSPECT_FORMAT_HELP } from '../help.ts';

interface VersionJson {
  Version: string; ApiVersion: string; MinAPIVersion: string; GitCommit: string; GoVersion: string; Os: string; Arch: string; BuildTime: string;
  Platform?: { Name: string };
}

/** This CLI: it behaves as docker 28.2.2's and says what it is built from. */
export const CLIENT = { Version: ENGINE_VERSION, ApiVersion: API_VERSION, DefaultAPIVersion: API_VERSION, ...BUILD, Os: 'linux', Arch: 'amd64', Context: 'default' };

export const version: Command = {
  spec: {
    name: 'version', usage: 'version [OPTIONS]', description: 'Show the Docker version information', maxArgs: 0,
    flags: [{ name: 'format', short: 'f', type: 'string', description: INSPECT_FORMAT_HELP }],
  },
  async run({ client, io, flags }) {
    const format = flags.strings.get('format');
    let server: VersionJson;
    try {
      server = await client.json<VersionJson>('GET', '/version');
    } catch (e) {
      // The client knows itself without a daemon: its half prints, then why the server's cannot.
      if (!format) io.stdout(`${clientLines().join('\n')}\n`);
      throw e;
    }
    if (format) {
      // Templates see Go's field names (APIVersion), not the JSON ones (ApiVersion).
      const serverFields = { ...server, APIVersion: server.ApiVersion, KernelVersion: (server as { KernelVersion?: string }).KernelVersion, Experimental: false };
      io.stdout(`${render(format, { Client: { ...CLIENT, APIVersion: CLIENT.ApiVersion, DefaultAPIVersion: CLIENT.DefaultAPIVersion }, Server: serverFields })}\n`);
      return 0;
    }
    const built = when(server.BuildTime);
    io.stdout([
      ...clientLines(),
      '', `Server: ${server.Platform?.Name ?? ''}`, ' Engine:', `  Version:          ${server.Version}`,
      `  API version:      ${server.ApiVersion} (minimum version ${server.MinAPIVersion})`, `  Go version:       ${server.GoVersion}`,
      `  Git commit:       ${server.GitCommit}`, `  Built:            ${built}`, `  OS/Arch:          ${server.Os}/${server.Arch}`, '  Experimental:     false', '',
    ].join('\n'));
    return 0;
  },
};

/** As the CLI prints a build time: "Fri May 30 12:07:26 2025", or the text as sent when it is not a date. */
function when(t: string): string {
  return Number.isNaN(Date.parse(t)) ? t : new Date(t).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4');
}

/** The Client half of `docker version`. */
function clientLines(): string[] {
  return [
    'Client:', ` Version:           ${CLIENT.Version}`, ` API version:       ${CLIENT.ApiVersion}`, ` Go version:        ${CLIENT.GoVersion}`,
    ` Git commit:        ${CLIENT.GitCommit}`, ` Built:             ${when(CLIENT.BuildTime)}`, ` OS/Arch:           ${CLIENT.Os}/${CLIENT.Arch}`, ` Context:           ${CLIENT.Context}`,
  ];
}
