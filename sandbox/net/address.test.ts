// Addresses: parsing, subnets and Docker's allocation order.
import { describe, expect, it } from 'vitest';
import { AddressPool, cidrString, contains, formatIp, macFor, overlaps, parseCidr, parseIp } from './address.ts';

describe('addresses', () => {
  it('parses and formats IPv4 and CIDR', () => {
    expect(formatIp(parseIp('172.17.0.2')!)).toBe('172.17.0.2');
    expect(parseIp('256.1.1.1')).toBeNull();
    expect(parseIp('1.2.3')).toBeNull();
    expect(cidrString(parseCidr('172.18.5.9/16')!)).toBe('172.18.0.0/16');
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(contains(parseCidr('172.17.0.0/16')!, parseIp('172.17.255.1')!)).toBe(true);
    expect(contains(parseCidr('172.17.0.0/16')!, parseIp('172.18.0.1')!)).toBe(false);
    expect(overlaps(parseCidr('172.17.0.0/16')!, parseCidr('172.17.3.0/24')!)).toBe(true);
  });

  it('hands out the gateway .1, then .2, .3…, reusing released addresses first', () => {
    const pool = new AddressPool(parseCidr('10.1.0.0/29')!);
    expect(formatIp(pool.gateway)).toBe('10.1.0.1');
    const a = pool.take()!;
    const b = pool.take()!;
    expect([a, b].map(formatIp)).toEqual(['10.1.0.2', '10.1.0.3']);
    pool.release(a);
    expect(formatIp(pool.take()!)).toBe('10.1.0.2');
    expect(pool.take(parseIp('10.1.0.3')!)).toBeNull();
    // .4 .5 .6 are left; .7 is the broadcast address.
    expect([pool.take(), pool.take(), pool.take(), pool.take()].map((x) => (x === null ? null : formatIp(x)))).toEqual(['10.1.0.4', '10.1.0.5', '10.1.0.6', null]);
    expect(macFor(parseIp('172.17.0.2')!)).toBe('02:42:ac:11:00:02');
  });
});
