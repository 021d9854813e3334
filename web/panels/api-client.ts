// Who made a terminal call in the API-traffic panel, by its User-Agent: the
// docker CLI says `Docker-Client/28.2.2 (linux)`, curl `curl/8.12.1` — to
// the daemon both are just clients of the same API.

/** A terminal call's client: null for the docker CLI (the panel labels it CLI), else the program's name (`curl`). */
export function terminalClient(agent: string | null): string | null {
  if (!agent || agent.startsWith('Docker-Client/')) return null;
  return agent.split(/[/\s]/)[0] || null;
}
