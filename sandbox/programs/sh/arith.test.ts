// Shell arithmetic, checked against busybox ash's answers.
import { describe, expect, it } from 'vitest';
import { ArithError, evaluateArith } from './arith.ts';

function vars(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { m, v: { get: (k: string) => m.get(k), set: (k: string, val: string) => void m.set(k, val) } };
}

describe('shell arithmetic', () => {
  it.each([
    ['1+2*3', 7n], ['(1+2)*3', 9n], ['2**10', 1024n], ['2**3**2', 512n], ['010 + 0x10', 24n], ['2#101', 5n], ['16#ff', 255n],
    ['-5 % 3', -2n], ['-5 / 3', -1n], ['1 ? 2 : 3', 2n], ['0 ? 2 : 3', 3n], ['!0', 1n], ['~0', -1n], ['5 > 3 && 2 > 1', 1n],
    ['0 || 0', 0n], ['1 << 4', 16n], ['9223372036854775807 + 1', -9223372036854775808n], ['1 << 63', -9223372036854775808n],
    ['', 0n], ['  7  ', 7n], ['3 == 3', 1n], ['3 != 3', 0n], ['6 & 3', 2n], ['6 | 3', 7n], ['6 ^ 3', 5n],
  ])('%s = %s', (expr, want) => {
    expect(evaluateArith(expr, vars().v)).toBe(want);
  });

  it('reads and assigns variables like ash', () => {
    const { m, v } = vars({ x: '3', e: '1+2', name: 'abc' });
    expect(evaluateArith('x++ + ++x', v)).toBe(8n);
    expect(m.get('x')).toBe('5');
    expect(evaluateArith('e*2', v)).toBe(6n);
    expect(evaluateArith('name+1', v)).toBe(1n);
    expect(evaluateArith('y=5, y*2', v)).toBe(10n);
    expect(m.get('y')).toBe('5');
    expect(evaluateArith('y += 3', v)).toBe(8n);
    expect(evaluateArith('unset_var', v)).toBe(0n);
  });

  it('does not evaluate the branch not taken', () => {
    const { m, v } = vars();
    expect(evaluateArith('0 && (a=1)', v)).toBe(0n);
    expect(evaluateArith('1 ? (b=1) : (c=1)', v)).toBe(1n);
    expect([m.has('a'), m.has('b'), m.has('c')]).toEqual([false, true, false]);
  });

  it.each([['1/0', 'divide by zero'], ['1+', 'arithmetic syntax error'], ['08', 'arithmetic syntax error'], ['y=', 'arithmetic syntax error'], ['(1', 'arithmetic syntax error']])('%s fails: %s', (expr, msg) => {
    expect(() => evaluateArith(expr, vars().v)).toThrow(ArithError);
    expect(() => evaluateArith(expr, vars().v)).toThrow(msg);
  });

  it('stops a variable that refers to itself', () => {
    expect(() => evaluateArith('a', vars({ a: 'a+1' }).v)).toThrow(/recursion/);
  });
});
