// pwd: the working directory.
import type { Program } from '../../kernel/process.ts';
import { out } from './lib.ts';

export const pwd: Program = async (p) => { await out(p, p.cwd + '\n'); return 0; };
