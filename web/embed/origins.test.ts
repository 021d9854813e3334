import { describe, expect, it } from 'vitest';
import { allowedOrigins, isAllowed, MAX_ORIGINS, normaliseOrigin } from './origins.ts';

describe('allowed origins from the embed URL', () => {
  it('reads origin= (repeated) and origins= (comma-separated), normalised and without duplicates', () => {
    const p = new URLSearchParams('lesson=05-layers&origin=https://Course.Example:443/&origins=http://localhost:8080,https://course.example');
    expect(allowedOrigins(p)).toEqual(['https://course.example', 'http://localhost:8080']);
  });

  it('drops what is not exactly an http(s) origin — never widens to everyone', () => {
    for (const bad of ['*', 'null', '', 'course.example', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x',
      'https://course.example/path', 'https://user:pw@course.example', 'https://course.example?x=1', 'https://course.example#x', 'ftp://course.example']) {
      expect(normaliseOrigin(bad), bad).toBeNull();
    }
    expect(allowedOrigins(new URLSearchParams('origin=*&origins=null,,https://ok.example'))).toEqual(['https://ok.example']);
  });

  it('takes a bounded number of origins', () => {
    const many = Array.from({ length: 40 }, (_, i) => `origin=https://s${i}.example`).join('&');
    expect(allowedOrigins(new URLSearchParams(many))).toHaveLength(MAX_ORIGINS);
  });

  it('matches exactly: scheme, host and port', () => {
    const allowed = ['https://course.example'];
    expect(isAllowed('https://course.example', allowed)).toBe(true);
    expect(isAllowed('http://course.example', allowed)).toBe(false);
    expect(isAllowed('https://course.example:8443', allowed)).toBe(false);
    expect(isAllowed('https://evil.course.example', allowed)).toBe(false);
    expect(isAllowed('null', ['null'])).toBe(false);
  });
});
