// true, false: exit 0 or 1.
import type { Program } from '../../kernel/process.ts';

export const trueProgram: Program = async () => 0;
export const falseProgram: Program = async () => 1;
