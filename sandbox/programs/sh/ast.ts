// The syntax tree of POSIX shell scripts, as parser.ts builds it and the
// interpreter walks it.

/** A word is a sequence of parts; quoting decides splitting and globbing. */
export type Word = WordPart[];

export type WordPart =
  /** Unquoted text (subject to field splitting and globbing when it came from expansions; literal text is only globbed). */
  | { type: 'lit'; text: string }
  /** Quoted text: 'single', \escaped, or literal text inside "double quotes". */
  | { type: 'quoted'; text: string }
  /** "double quoted": its parts are expanded but never split or globbed. */
  | { type: 'dq'; parts: WordPart[] }
  | ParamPart
  | { type: 'cmdsub'; script: Script; backquoted: boolean }
  /** $(( expr )): the text is expanded, then evaluated. */
  | { type: 'arith'; expr: Word }
  /** ~ or ~user at the start of a word. */
  | { type: 'tilde'; user: string };

export type ParamOp = ':-' | '-' | ':=' | '=' | ':?' | '?' | ':+' | '+' | '%' | '%%' | '#' | '##'
  /** bash extensions busybox ash has: ${x/p/r} ${x//p/r} ${x/#p/r} ${x/%p/r} ${x:off:len}. */
  | '/' | '//' | '/#' | '/%' | ':';

export interface ParamPart {
  type: 'param';
  /** A name, a positional number, or one of @ * # ? - $ ! 0. */
  name: string;
  /** ${#name}. */
  length?: boolean;
  op?: ParamOp;
  arg?: Word;
  /** The replacement of ${x/p/r}, or the length of ${x:off:len}. */
  arg2?: Word;
  /** Malformed (`${x;}`, `${}`): ash fails only when it is expanded ("bad substitution"). */
  bad?: boolean;
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-';

export interface Redirect {
  /** The descriptor redirected (default 0 for input ops, 1 for output ops). */
  fd: number;
  op: RedirOp;
  target: Word;
  /** Here-document body: literal text when the delimiter was quoted, else a word expanded like "…". */
  heredoc?: { body: Word; quoted: boolean };
}

export interface Assignment {
  name: string;
  value: Word;
}

export type Command =
  | { type: 'simple'; assigns: Assignment[]; words: Word[]; redirects: Redirect[]; line: number }
  | { type: 'pipeline'; negate: boolean; commands: Command[]; line: number }
  | { type: 'and'; left: Command; right: Command; line: number }
  | { type: 'or'; left: Command; right: Command; line: number }
  | { type: 'subshell'; body: Script; redirects: Redirect[]; line: number }
  | { type: 'group'; body: Script; redirects: Redirect[]; line: number }
  | { type: 'if'; branches: Array<{ cond: Script; body: Script }>; elseBody: Script | null; redirects: Redirect[]; line: number }
  | { type: 'while' | 'until'; cond: Script; body: Script; redirects: Redirect[]; line: number }
  | { type: 'for'; name: string; items: Word[] | null; body: Script; redirects: Redirect[]; line: number }
  | { type: 'case'; subject: Word; items: Array<{ patterns: Word[]; body: Script }>; redirects: Redirect[]; line: number }
  | { type: 'function'; name: string; body: Command; line: number };

/** One command of a list, and whether it runs in the background (`&`). */
export interface ListItem {
  command: Command;
  background: boolean;
}

export type Script = ListItem[];
