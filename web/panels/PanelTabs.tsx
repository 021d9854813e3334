// The panels' tab strip: one panel shown at a time, picked by tab (arrow
// keys move between tabs, as the ARIA tabs pattern has it).
import { lazy, Suspense, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { EngineConnection } from '../engine/connection.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { ContainersPanel } from './ContainersPanel.tsx';

// The first tab comes with the page; the others load when first opened.
const ApiPanel = lazy(() => import('./ApiPanel.tsx').then((m) => ({ default: m.ApiPanel })));
const CgroupsPanel = lazy(() => import('./CgroupsPanel.tsx').then((m) => ({ default: m.CgroupsPanel })));
const ImagesPanel = lazy(() => import('./ImagesPanel.tsx').then((m) => ({ default: m.ImagesPanel })));
const NetworkPanel = lazy(() => import('./NetworkPanel.tsx').then((m) => ({ default: m.NetworkPanel })));
const ProcessesPanel = lazy(() => import('./ProcessesPanel.tsx').then((m) => ({ default: m.ProcessesPanel })));
const PreviewPanel = lazy(() => import('./PreviewPanel.tsx').then((m) => ({ default: m.PreviewPanel })));

interface Tab { id: string; label: MessageKey; render(engine: EngineConnection): ReactNode }

export const TABS: Tab[] = [
  { id: 'containers', label: 'panels.containers', render: (e) => <ContainersPanel client={e.client} /> },
  { id: 'images', label: 'panels.images', render: (e) => <ImagesPanel engine={e} /> },
  { id: 'cgroups', label: 'panels.cgroups', render: (e) => <CgroupsPanel client={e.client} /> },
  { id: 'processes', label: 'panels.processes', render: (e) => <ProcessesPanel client={e.client} /> },
  { id: 'network', label: 'panels.network', render: (e) => <NetworkPanel client={e.client} /> },
  { id: 'api', label: 'panels.api', render: (e) => <ApiPanel engine={e} /> },
  { id: 'preview', label: 'panels.preview', render: (e) => <PreviewPanel engine={e} /> },
];

export function PanelTabs({ engine }: { engine: EngineConnection }) {
  const { t } = useI18n();
  const [active, setActive] = useState(TABS[0]!.id);
  const onKey = (e: KeyboardEvent): void => {
    const i = TABS.findIndex((x) => x.id === active);
    if (e.key === 'ArrowRight') setActive(TABS[(i + 1) % TABS.length]!.id);
    if (e.key === 'ArrowLeft') setActive(TABS[(i - 1 + TABS.length) % TABS.length]!.id);
  };
  const tab = TABS.find((x) => x.id === active)!;
  return (
    <section className="panels" aria-label={t('panels.label')}>
      <div role="tablist" className="tabs" onKeyDown={onKey}>
        {TABS.map((x) => (
          <button key={x.id} type="button" role="tab" id={`tab-${x.id}`} aria-selected={x.id === active} aria-controls={`panel-${x.id}`} tabIndex={x.id === active ? 0 : -1} onClick={() => setActive(x.id)} data-testid={`tab-${x.id}`}>
            {t(x.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab.id}`} aria-labelledby={`tab-${tab.id}`} className="panel-body" data-testid={`panel-${tab.id}`}>
        <Suspense fallback={<p className="loading">{t('panels.loading')}</p>}>{tab.render(engine)}</Suspense>
      </div>
    </section>
  );
}
