// hostname: the UTS namespace's host name (the container ID by default).
import type { Program } from '../../kernel/process.ts';
import { out } from './lib.ts';

export const hostname: Program = async (p) => { await out(p, p.hostname + '\n'); return 0; };
