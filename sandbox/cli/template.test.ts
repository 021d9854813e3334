// The --format template subset against what Go's text/template gives for the
// same actions (docker inspect -f, docker images --format).
import { describe, expect, it } from 'vitest';
import { render } from './template.ts';

const image = { RootFS: { Layers: ['sha256:aaa', 'sha256:bbb'] }, Config: { Labels: { 'com.example.v': '2' } } };

describe('render', () => {
  it('index takes number literals for slices and strings for maps, as Go does', () => {
    expect(render('{{index .RootFS.Layers 0}}', image)).toBe('sha256:aaa');
    expect(render('{{index .RootFS.Layers 1}}', image)).toBe('sha256:bbb');
    expect(render('{{index .Config.Labels "com.example.v"}}', image)).toBe('2');
    expect(render('{{index .Config.Labels "nope"}}', image)).toBe('<no value>');
    expect(render('{{len .RootFS.Layers}}', image)).toBe('2');
  });

  it('an index past the end of a slice is an error, as in Go', () => {
    expect(() => render('{{index .RootFS.Layers 2}}', image)).toThrow('error calling index: index out of range: 2');
  });
});
