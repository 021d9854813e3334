// The live example of embed-example.html: buttons that drive the embedded
// playground through <docker-playground>'s methods, and a log of the events
// it sends. `?playground=<address>` embeds a playground served elsewhere.
const pg = document.getElementById('playground');
const log = document.getElementById('log');
const other = new URLSearchParams(location.search).get('playground');
if (other) pg.setAttribute('src', other);

function note(text) {
  const li = document.createElement('li');
  li.textContent = text;
  log.append(li);
}

for (const name of ['ready', 'check-passed', 'lesson-completed']) {
  pg.addEventListener(name, (e) => note(`${name} ${JSON.stringify(e.detail)}`));
}

function act(button, what) {
  document.getElementById(button).addEventListener('click', async () => {
    try {
      await what();
      note(`${button}: done`);
    } catch (e) {
      note(`${button}: ${e.message}`);
    }
  });
}

act('load', () => pg.loadFiles({ Dockerfile: 'FROM busybox\nCMD ["echo", "hello from an embedded playground"]\n' }));
act('build', () => pg.run('docker build -t hello .'));
act('reset', () => pg.reset());
