// The workspace a new visitor finds: a small static site and the Dockerfile
// that serves it with nginx — enough for `docker build` and `docker run -p`
// to show something at once.
import type { MemoryFs } from '../../sandbox/index.ts';
import { HostMachine } from '../../sandbox/index.ts';

/** The first visit's workspace, by path (the lesson pane treats these texts as the playground's, not the student's). */
export const SEED_FILES: Readonly<Record<string, string>> = {
  Dockerfile: `FROM nginx:alpine
COPY site/ /usr/share/nginx/html/
EXPOSE 80
`,
  'site/index.html': `<!doctype html>
<html lang="es">
  <head><meta charset="utf-8"><title>Hola</title></head>
  <body>
    <h1>¡Hola desde un contenedor!</h1>
    <p>Hello from a container.</p>
  </body>
</html>
`,
};

/** Writes the starter files into an empty workspace (a workspace with files is left alone). */
export function seedWorkspace(fs: MemoryFs, root: string): void {
  if (fs.readdirSync(root).length > 0) return;
  for (const [path, text] of Object.entries(SEED_FILES)) {
    const full = `${root}/${path}`;
    const dir = full.slice(0, full.lastIndexOf('/'));
    if (!fs.existsSync(dir)) { fs.mkdirSync(dir, { recursive: true }); fs.chownSync(dir, HostMachine.uid, HostMachine.gid); }
    fs.writeFileSync(full, text, { uid: HostMachine.uid, gid: HostMachine.gid });
  }
}
