// The playground page. For now it starts the engine in the page and builds a
// small Dockerfile to show the engine works; the editor, terminal and panels
// come with the page issue.
import { useEffect, useState } from 'react';
import { createEngine, MemoryFs } from '../sandbox/index.ts';

const SAMPLE = `FROM busybox
RUN echo hello > /greeting
CMD ["cat", "/greeting"]
`;

export function App() {
  const [log, setLog] = useState('Starting the engine…\n');
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const engine = await createEngine();
      const images = engine.images.list().length;
      const context = new MemoryFs();
      context.writeFileSync('/Dockerfile', SAMPLE);
      let out = `Engine ready with ${images} built-in images.\n$ docker build -t hello .\n`;
      await engine.build({ context: context.root, tags: ['hello'], onOutput: (s) => { out += s; } });
      if (!cancelled) setLog(out);
    })().catch((e: unknown) => !cancelled && setLog((l) => l + String(e) + '\n'));
    return () => { cancelled = true; };
  }, []);
  return (
    <main>
      <h1>Docker Playground</h1>
      <pre data-testid="log">{log}</pre>
    </main>
  );
}
