import { describe, expect, it } from 'vitest';
import { terminalClient } from './api-client.ts';

describe('terminalClient', () => {
  it('names curl and other programs by their User-Agent; the docker CLI stays CLI', () => {
    expect(terminalClient('curl/8.12.1')).toBe('curl');
    expect(terminalClient('python-requests/2.32.3')).toBe('python-requests');
    expect(terminalClient('Docker-Client/28.2.2 (linux)')).toBeNull();
    expect(terminalClient(null)).toBeNull();
  });
});
