// The Processes panel: each running container's processes as a tree, the
// host's PID beside the container's own. Docker's API gives host PIDs only
// (GET /containers/{id}/top runs ps on the host); the one in-container PID
// it tells is PID 1 — the host process in State.Pid (GET
// /containers/{id}/json). The others' in-container numbers are in no API
// answer — only `ps` run inside would tell, and a panel starting processes
// in the user's containers would change what it shows (and the page cannot
// attach to an exec) — so the panel says so and gives the command that
// shows them. Snapshots, like `docker top`: refreshed on container events
// and on demand.
import type { EngineClient } from '../../sandbox/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { processTree, type ProcessRow, type TopBody } from './process-tree.ts';
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
      {data.length === 0 ? <p className="empty">{t('processes.none')}</p> : data.map((s) => <ContainerProcesses key={s.c.Id} s={s} />)}
    </div>
  );
}

function ContainerProcesses({ s }: { s: Snapshot }) {
  const { t } = useI18n();
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
                  <td className="num">{r.nsPid ?? <span className="dim" title={t('processes.nsUnknownWhy')}>{t('processes.nsUnknown')}</span>}</td>
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
      <p className="hint">{t('processes.inside', { name })}</p>
    </section>
  );
}
