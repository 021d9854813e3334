// Finding the docker invocations in the command lines a student ran.
import { describe, expect, it } from 'vitest';
import { dockerCalls, shellCommands } from './commands.ts';

describe('shellCommands', () => {
  it('splits on ; && || | & newlines and $( ), with quotes and escapes as sh reads them', () => {
    expect(shellCommands(`A=1 docker run --name "mi web" -e 'X=a b' nginx && docker ps | grep web; echo \\"hi\\" # note`)).toEqual([
      ['docker', 'run', '--name', 'mi web', '-e', 'X=a b', 'nginx'], ['docker', 'ps'], ['grep', 'web'], ['echo', '"hi"'],
    ]);
    expect(shellCommands('docker rm -f $(docker ps -aq)\nls')).toEqual([['docker', 'rm', '-f'], ['docker', 'ps', '-aq'], ['ls']]);
  });
});

describe('dockerCalls', () => {
  it('gives each docker invocation with its verb, management forms normalised', () => {
    const calls = dockerCalls(['docker --version', 'docker -v', 'docker version', 'docker container ls -a', 'docker image ls', 'docker container logs -f web', '/usr/bin/docker -H unix:///x ps', 'docker compose up -d', 'echo docker ps']);
    expect(calls.map((c) => [c.verb, c.rest])).toEqual([
      ['--version', []], ['--version', []], ['version', []], ['ps', ['-a']], ['images', []], ['logs', ['-f', 'web']], ['ps', []], ['compose', ['up', '-d']],
    ]);
    expect(calls[5]!.line).toBe('docker container logs -f web');
  });
});
