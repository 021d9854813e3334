// The Processes panel: each running container's processes as a tree, the
// host's PID beside the container's own. Docker's API gives host PIDs only
// (GET /containers/{id}/top runs ps on the host); the one in-container PID
// it tells is PID 1 — the host process in State.Pid (GET
// /containers/{id}/json). The others' in-container numbers come only from
// looking inside: on the student's request ("Look from inside") the panel
// runs `docker exec <c> ps -o pid,ppid,args` through the API — a process
// of its own in the container, shown as such — and pairs its rows with
// docker top's. Snapshots, like `docker top`: refreshed on container events
// and on demand.
import { useState } from 'react';
import { splitStreams, type EngineClient } from '../../sandbox/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { pairInside, processTree, type InsideRow, type ProcessRow, type TopBody } from './process-tree.ts';
import { useEventTick, useLoad } from './use-refresh.ts';
import './panels.css';

interface Running { Id: string; Name: string; State: { Pid: number }; Config: { Image: string } }
interface Snapshot { c: Running; rows: ProcessRow[] | null; error: string | null }

async function load(client: EngineClient): Promise<Snapshot[]> {
  const list = await client.json<Array<{ Id: string }>>('GET', '/containers/json');
  return Promise.all(list.map(async ({ Id }) => {
    const c = await client.json<Running>('GET', `/containers/${Id}/json`);
    try {
      return { c, rows: processTree(await client.json<TopBody>('GET', `/containers/${Id}/top`), c.State.Pid), error: null };
    } catch (e) {
      return { c, rows: null, error: (e as Error).message };
    }
  }));
}

export function ProcessesPanel({ client }: { client: EngineClient }) {
  const { t } = useI18n();
  const [tick, refresh] = useEventTick(client, ['container']);
  const { value: data, error } = useLoad(() => load(client), client, tick);
  if (!data) return <p className={error ? 'empty' : 'loading'} role={error ? 'alert' : undefined}>{error ? t('panels.error', { message: error }) : t('panels.loading')}</p>;
  return (
    <div className="pn" data-testid="processes-panel">
      <div className="toolbar">
        <button type="button" onClick={refresh} data-testid="processes-refresh">{t('processes.refresh')}</button>
      </div>
      <p className="hint">{t('processes.note')}</p>
      {data.length === 0 ? <p className="empty">{t('processes.none')}</p> : data.map((s) => <ContainerProcesses key={s.c.Id} s={s} client={client} />)}
    </div>
  );
}

/** The container's own view: `docker exec <c> ps -o pid,ppid,args` (its PID namespace numbers), run on demand. */
async function psInside(client: EngineClient, id: string): Promise<InsideRow[]> {
  const argv = ['ps', '-o', 'pid,ppid,args'];
  const { Id } = await client.json<{ Id: string }>('POST', `/containers/${id}/exec`, { body: { Cmd: argv, AttachStdout: true, AttachStderr: true } });
  const r = await client.request('POST', `/exec/${Id}/start`, { body: { Detach: false, Tty: false } });
  const { stdout, stderr } = splitStreams(await r.bytes());
  const { ExitCode } = await client.json<{ ExitCode: number | null }>('GET', `/exec/${Id}/json`);
  if (ExitCode !== 0) throw new Error(new TextDecoder().decode(stderr).trim() || `ps exited with ${ExitCode}`);
  return new TextDecoder().decode(stdout).split('\n').slice(1).filter(Boolean).map((line) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    return m ? { pid: Number(m[1]), ppid: Number(m[2]), args: m[3]!, self: m[3] === argv.join(' ') } : null;
  }).filter((x): x is InsideRow => x !== null);
}

function ContainerProcesses({ s, client }: { s: Snapshot; client: EngineClient }) {
  const { t } = useI18n();
  const [inside, setInside] = useState<{ rows: InsideRow[] | null; error: string | null; busy: boolean }>({ rows: null, error: null, busy: false });
  const paired = inside.rows && s.rows ? pairInside(s.rows, inside.rows) : null;
  const look = (): void => {
    setInside({ rows: null, error: null, busy: true });
    psInside(client, s.c.Id).then((rows) => setInside({ rows, error: null, busy: false }), (e: Error) => setInside({ rows: null, error: e.message, busy: false }));
  };
  const name = s.c.Name.replace(/^\//, '');
  const tid = `processes-${name}`;
  return (
    <section className="pn-card" data-testid={tid} aria-labelledby={`${tid}-title`}>
      <div className="pn-head">
        <h3 id={`${tid}-title`}>{name}</h3>
        <span className="pn-meta">{s.c.Config.Image} · {t('processes.initPid', { pid: s.c.State.Pid })}</span>
      </div>
      {s.error ? <p className="hint" role="alert">{t('panels.error', { message: s.error })}</p> : null}
      {s.rows ? (
        <div className="pn-scroll">
          <table className="grid" aria-label={t('processes.of', { name })}>
            <thead>
              <tr>
                <th className="num">{t('processes.hostPid')}</th><th className="num">{t('processes.nsPid')}</th><th className="num">{t('processes.ppid')}</th>
                <th>{t('processes.user')}</th><th>{t('processes.time')}</th><th>{t('processes.command')}</th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={r.hostPid} data-testid={`${tid}-pid-${r.hostPid}`}>
                  <td className="num">{r.hostPid}</td>
                  <td className="num">{r.nsPid ?? paired?.get(r.hostPid) ?? <span className="dim" title={t('processes.nsUnknownWhy')}>{t('processes.nsUnknown')}</span>}</td>
                  <td className="num">{r.hostPpid}</td>
                  <td>{r.user}</td>
                  <td>{r.time}</td>
                  <td className="wrap"><code style={{ paddingLeft: `${Math.min(r.depth, 12) * 1.2}rem` }}>{r.depth > 0 ? '└ ' : ''}{r.cmd}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="hint">
        <button type="button" onClick={look} disabled={inside.busy} data-testid={`${tid}-inside`}>{t('processes.lookInside', { name })}</button>
        {' '}{inside.rows ? t('processes.insideNote') : t('processes.inside', { name })}
      </p>
      {inside.error ? <p className="hint" role="alert">{t('processes.insideFailed', { message: inside.error })}</p> : null}
      {inside.rows ? (
        <div className="pn-scroll">
          <table className="grid" aria-label={t('processes.insideOf', { name })} data-testid={`${tid}-inside-table`}>
            <thead><tr><th className="num">{t('processes.nsPid')}</th><th className="num">PPID</th><th>{t('processes.command')}</th></tr></thead>
            <tbody>{inside.rows.map((r) => <tr key={r.pid}><td className="num">{r.pid}</td><td className="num">{r.ppid}</td><td className="wrap"><code>{r.args}</code></td></tr>)}</tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
